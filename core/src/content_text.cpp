// text.required and text.artifact: what a section must say, and what a draft
// must not keep.
//
// Required: section 五 states problems and improvements; from 2021 section 六
// reports the 信息处理费 (even "未收取"), and the report covers the year's key
// points of open-government work (工作要点). Residue: markdown bold markers
// (removed by the fold, so found in the view), rules "----", page numbers
// "- 3 -", web-page chrome (扫一扫在手机上查看当前页面, 索引号/发布机构/有效性
// blocks, 附件下载), markdown headings. One finding per kind, with the count.
#include <algorithm>
#include <cstring>
#include <iterator>

#include "content.h"
#include "match.h"
#include "utf8.h"

namespace nianbao {
namespace content {
namespace {

// ── required content ────────────────────────────────────────────────────────

struct Need {
  const char* key;       // check id detail
  const char* section;   // section key; "" = the whole report
  const char* words;     // any of these, '|'-separated
  int from_year;         // required from this report year (0: always)
  bool info;             // a recommendation rather than a requirement
  const char* zh;
  const char* en;
  const char* detail;
  const char* detail_en;
};

constexpr Need kNeeds[] = {
    {"problems", "problems", "问题|不足|短板|差距|薄弱|欠缺|有待|不够|不强|不高|不到位|仍需|还需|尚需|困难", 0, false,
     "存在的问题", "the problems found",
     "模板要求本部分写明存在的主要问题及改进情况。", "The template asks this section for the main problems and the improvements."},
    {"improvements", "problems", "改进|整改|措施|加强|完善|提升|提高|推进|推动|下一步|下步|打算|将继续|今后|强化|优化|健全|规范", 0, false,
     "改进情况或措施", "the improvements or measures",
     "模板要求本部分写明存在的主要问题及改进情况。", "The template asks this section for the main problems and the improvements."},
    {"fee", "other", "处理费|收费|收取|费用", 2021, false, "信息处理费的收取情况", "whether information-processing fees were charged",
     "2021 年起的格式要求报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，未收取也应写明。",
     "From 2021 the template asks for the information-processing fees charged under the 2020 fee rules, even if none."},
    {"work_points", "", "工作要点|年度要点|要点落实|工作任务落实", 2021, true, "年度政务公开工作要点的落实情况",
     "how the year's key points of open-government work (工作要点) were carried out",
     "2021 年起的报告通常在第六部分说明落实上级年度政务公开工作要点的情况。",
     "From 2021 reports usually say in section 6 how the superior bodies' key points for the year were carried out."},
};

bool contains_any(std::string_view text, std::string_view words) {
  while (!words.empty()) {
    size_t bar = words.find('|');
    if (find_text(text, words.substr(0, bar)) != std::string_view::npos) return true;
    if (bar == std::string_view::npos) break;
    words.remove_prefix(bar + 1);
  }
  return false;
}

}  // namespace

void check_required(Doc& doc, Analysis& a) {
  if (a.sections.empty()) return;
  const bool modern = a.tmpl == Template::v2019 || a.tmpl == Template::v2021;
  if (!modern) return;
  const int year = a.year ? a.year : (a.tmpl == Template::v2021 ? 2021 : 2019);
  for (const Need& n : kNeeds) {
    if (year < n.from_year) continue;
    // The text searched: the bodies of the sections with this key (copied
    // only when there are several, so that a word may span two of them as
    // in their concatenation), or the whole report.
    std::string_view body;
    std::string joined;
    uint32_t at = 0, at_end = 0;
    std::string section_zh = "报告", section_en = "The report";
    if (*n.section) {
      const SectionHit* first = nullptr;
      size_t count = 0;
      for (const auto& s : a.sections)
        if (s.def && std::string_view(s.def->key) == n.section) {
          if (!first) first = &s;
          std::string_view part = std::string_view(doc.text).substr(s.body_start, s.body_end - s.body_start);
          if (++count == 1) { body = part; continue; }
          if (count == 2) joined.assign(body.data(), body.size());
          joined.append(part.data(), part.size());
          body = joined;
        }
      if (!first) continue;  // a missing section is NB0201's finding
      at = first->start;
      at_end = first->end;
      section_zh = "第" + chinese_numeral(first->def->number) + "部分「" +
                   std::string(std::string_view(first->def->titles).substr(0, std::string_view(first->def->titles).find('|'))) + "」";
      section_en = std::string("Section ") + std::to_string(first->def->number) + " (" + first->def->en + ")";
    } else {
      body = doc.text;
      at = at_end = a.sections.back().start;
      if (const SectionHit* s = a.section("other")) { at = s->start; at_end = s->end; }
    }
    std::string id = std::string("text.required/") + n.key;
    bool ok = contains_any(body, n.words);
    add_check(a, id, ok ? Status::pass : Status::fail, std::string("mentions ") + n.words);
    if (ok) continue;
    Finding f = make_finding("NB0813", at, at_end,
                             {{"section", section_zh}, {"section_en", section_en}, {"what", n.zh}, {"what_en", n.en},
                              {"detail", n.detail}, {"detail_en", n.detail_en}});
    if (n.info) f.severity = Severity::info;
    f.check = id;
    doc.findings.push_back(std::move(f));
  }
}

namespace {

// ── residue ─────────────────────────────────────────────────────────────────

enum How : uint8_t {
  kContains,   // the line contains one of the words
  kLine,       // the trimmed line is one of the words
  kField,      // the line is a metadata field "索 引 号：…" (spaces inside the label allowed)
  kPage,       // a page number line: "- 3 -", "— 1 —", "第3页", "第 3 页 共 7 页"
  kRule,       // a line of dashes "--------"
  kHeading,    // a markdown heading "## 一、总体情况"
};

struct Residue {
  const char* key;
  How how;
  const char* words;
  const char* zh;
  const char* en;
};

constexpr Residue kResidues[] = {
    {"web_page", kContains, "扫一扫在手机上查看当前页面|打印本页|关闭窗口|【打印】|【关闭】|分享到:|字号:|【字体",
     "网页上的按钮和提示（如「扫一扫在手机上查看当前页面」）", "web-page buttons and prompts (e.g. 扫一扫在手机上查看当前页面)"},
    {"web_nav", kLine, "附件下载|相关附件|文件下载|繁體版|繁体版|无障碍|适老化|智能问答|返回顶部|首页|正文|当前位置",
     "网页导航和栏目文字（如「附件下载」）", "web-page navigation text (e.g. 附件下载)"},
    {"metadata", kField, "索引号|发布机构|有效性|公文生成日期|发布日期|成文日期|主题分类|文号|时效|来源",
     "网页信息栏（索引号、发布机构、有效性等）", "a web page's metadata block (索引号, 发布机构, 有效性…)"},
    {"page_number", kPage, "", "页码（如「- 3 -」）", "page numbers (e.g. '- 3 -')"},
    {"rule", kRule, "", "分隔线（如「----」）", "rule lines (e.g. '----')"},
    {"markdown_heading", kHeading, "", "Markdown 标题符号「#」", "markdown heading marks '#'"},
};

bool is_dash(int32_t c) { return c == '-' || c == 0x2014 || c == 0x2013 || c == 0x2015 || c == 0x2500 || c == 0xFF0D; }

/// "- 3 -", "— 12 —", "第3页", "第 3 页 共 7 页", "3/7"-free.
bool page_number(std::string_view t) {
  size_t i = 0;
  auto spaces = [&] { while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i; };
  auto digits = [&] { size_t n = 0; while (i < t.size() && t[i] >= '0' && t[i] <= '9' && n < 5) { ++i; ++n; } return n; };
  auto dashes = [&] {
    size_t n = 0;
    while (i < t.size()) { size_t k = i; if (!is_dash(utf8_at(t, k))) break; i = k; ++n; }
    return n;
  };
  if (dashes()) {
    spaces();
    if (!digits()) return false;
    spaces();
    if (!dashes()) return false;
    spaces();
    return i == t.size();
  }
  i = 0;
  if (t.compare(0, 3, "第") != 0) return false;
  i = 3;
  spaces();
  if (!digits()) return false;
  spaces();
  if (t.compare(i, 3, "页") != 0) return false;
  i += 3;
  spaces();
  if (i < t.size()) {
    if (t.compare(i, 3, "共") != 0) return false;
    i += 3;
    spaces();
    if (!digits()) return false;
    spaces();
    if (t.compare(i, 3, "页") != 0) return false;
    i += 3;
    spaces();
  }
  return i == t.size();
}

bool rule_line(std::string_view t) {
  size_t dashes = 0;
  for (size_t i = 0; i < t.size();) {
    int32_t c = utf8_at(t, i);
    if (c == '-' || c == '=' || c == '_' || c == 0x2014 || c == 0x2500) ++dashes;
    else if (c != ' ' && c != '\t') return false;
  }
  return dashes >= 4;
}

/// The words of each residue ('|'-separated in kResidues), split once.
struct ResidueWords {
  std::vector<std::string_view> list;
  size_t longest = 0;
  std::vector<int32_t> firsts;  // the first character of each word, once each
};

const ResidueWords& residue_words(size_t r) {
  static const std::vector<ResidueWords> kWords = [] {
    std::vector<ResidueWords> out(std::size(kResidues));
    for (size_t i = 0; i < std::size(kResidues); ++i) {
      std::string_view ws(kResidues[i].words);
      while (!ws.empty()) {
        size_t bar = ws.find('|');
        out[i].list.push_back(ws.substr(0, bar));
        out[i].longest = std::max(out[i].longest, out[i].list.back().size());
        size_t k = 0;
        const int32_t c = out[i].list.back().empty() ? -1 : utf8_at(out[i].list.back(), k);
        if (c >= 0 && std::find(out[i].firsts.begin(), out[i].firsts.end(), c) == out[i].firsts.end()) out[i].firsts.push_back(c);
        if (bar == std::string_view::npos) break;
        ws.remove_prefix(bar + 1);
      }
    }
    return out;
  }();
  return kWords[r];
}

/// Is `t` one of the words?
bool in_words(std::string_view t, const ResidueWords& words) {
  if (t.size() > words.longest) return false;  // most lines
  return std::find(words.list.begin(), words.list.end(), t) != words.list.end();
}

/// "• 索 引 号:sm02401…", "发布日期：2020-01-31", a bare "索引号" cell line.
bool field_line(std::string_view t, const ResidueWords& words) {
  // Drop bullets and spaces; keep the first 40 bytes (whole characters, so up to 43).
  auto dropped = [](int32_t c) { return c == ' ' || c == 0x2022 || c == 0xB7 || c == '*' || c == '-'; };
  char buf[48];
  size_t n = 0;
  for (size_t i = 0; i < t.size() && n < 40;) {
    size_t k = i;
    int32_t c = utf8_at(t, k);
    if (!dropped(c)) {
      // Quick test: a field line starts with the first character of a word.
      if (n == 0 && std::find(words.firsts.begin(), words.firsts.end(), c) == words.firsts.end()) return false;
      std::memcpy(buf + n, t.data() + i, k - i);
      n += k - i;
    }
    i = k;
  }
  const std::string_view s(buf, n);
  for (std::string_view w : words.list)
    if (s.compare(0, w.size(), w) == 0 && (s.size() == w.size() || s[w.size()] == ':' || s[w.size()] == '\t')) return true;
  return false;
}

struct Found {
  std::vector<std::pair<uint32_t, uint32_t>> at;
  bool decoded = false;
};

void report(Doc& doc, Analysis& a, const char* key, const char* zh, const char* en, const Found& f) {
  std::string id = std::string("text.artifact/") + key;
  if (f.at.empty()) return;
  Check& c = add_check(a, id, Status::fail, "no residue");
  c.lhs = double(f.at.size());
  Finding fd = make_finding("NB0814", f.at.front().first, f.at.front().second,
                            {{"what", zh}, {"what_en", en}, {"count", std::to_string(f.at.size())}});
  fd.decoded_space = f.decoded;
  fd.check = id;
  if (!f.decoded)
    for (size_t i = 1; i < f.at.size() && i <= 10; ++i)
      fd.related.push_back({f.at[i].first, f.at[i].second, "also at line " + line_no(doc, f.at[i].first)});
  doc.findings.push_back(std::move(fd));
}

/// kContains: each word searched once in the whole text (find_all), each
/// occurrence taken to its line. Per line the first word of the list found in
/// it, at its first occurrence — what a search of the line word by word finds.
void contains_hits(const Doc& doc, const ResidueWords& words, std::vector<std::pair<uint32_t, uint32_t>>& at) {
  struct Hit { size_t line; uint32_t word, start, end; };
  std::vector<Hit> hits;
  const std::string_view text(doc.text);
  find_all(text, words.list, [&](size_t p, size_t wi) {
    hits.push_back({doc.line_of(uint32_t(p)), uint32_t(wi), uint32_t(p), uint32_t(p + words.list[wi].size())});
  });
  if (hits.empty()) return;
  std::sort(hits.begin(), hits.end(), [](const Hit& x, const Hit& y) {
    return x.line != y.line ? x.line < y.line : x.word != y.word ? x.word < y.word : x.start < y.start;
  });
  for (size_t i = 0; i < hits.size(); ++i) {
    if (i > 0 && hits[i].line == hits[i - 1].line) continue;
    // A word holds no space, tab or line break: it lies in the trimmed line.
    if (trim(doc.line_text(hits[i].line)).size() > 400) continue;
    at.push_back({hits[i].start, hits[i].end});
  }
}

}  // namespace

void check_artifacts(Doc& doc, Analysis& a) {
  std::vector<Found> found(std::size(kResidues));
  for (size_t r = 0; r < std::size(kResidues); ++r)
    if (kResidues[r].how == kContains) contains_hits(doc, residue_words(r), found[r].at);
  for (size_t li = 0; li < doc.lines.size(); ++li) {
    std::string_view t = trim(doc.line_text(li));
    if (t.empty() || t.size() > 400) continue;
    uint32_t ts = uint32_t(t.data() - doc.text.data()), te = ts + uint32_t(t.size());
    for (size_t r = 0; r < std::size(kResidues); ++r) {
      const Residue& res = kResidues[r];
      switch (res.how) {
        case kContains:  // above
          break;
        case kLine:
          if (in_words(t, residue_words(r))) found[r].at.push_back({ts, te});
          break;
        case kField:
          if (t.size() <= 160 && field_line(t, residue_words(r))) found[r].at.push_back({ts, te});
          break;
        case kPage:
          if (t.size() <= 40 && page_number(t)) found[r].at.push_back({ts, te});
          break;
        case kRule:
          if (rule_line(t)) found[r].at.push_back({ts, te});
          break;
        case kHeading:
          if (t.front() == '#') {
            size_t hashes = t.find_first_not_of('#');
            if (hashes != std::string_view::npos && hashes <= 6 && t[hashes] == ' ') found[r].at.push_back({ts, ts + uint32_t(hashes)});
          }
          break;
      }
    }
  }
  // A metadata block is three or more field lines; a lone "文号" is a table cell.
  for (size_t r = 0; r < std::size(kResidues); ++r)
    if (kResidues[r].how == kField && found[r].at.size() < 3) found[r].at.clear();
  // Bold markers: the fold removes "**" from the text, so look in the view.
  Found bold;
  bold.decoded = true;
  const std::string_view view = doc.view;
  for (size_t at = view.find("**"); at != std::string_view::npos; at = view.find("**", at + 2))
    bold.at.push_back({doc.vmap.start(uint32_t(at)), doc.vmap.end(uint32_t(at + 2))});
  report(doc, a, "bold", "Markdown 粗体标记「**」", "markdown bold markers '**'", bold);
  for (size_t r = 0; r < std::size(kResidues); ++r)
    report(doc, a, kResidues[r].key, kResidues[r].zh, kResidues[r].en, found[r]);
}

}  // namespace content
}  // namespace nianbao
