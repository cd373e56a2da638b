// meta: the report's year, its reporting body and its template generation.
//
// Year: the title ("…2020年政府信息公开工作年度报告"), else the 统计期限 sentence,
// else a mention of the report itself. Body: the title's text before the year,
// else the line above a title that starts with the year, else the 落款 (the
// signature line above the closing date). Template: the tables' shapes first,
// then the pre-2019 section layout, then the year.
#include <algorithm>
#include <cstring>

#include "analysis.h"
#include "match.h"
#include "utf8.h"

namespace nianbao {
namespace {

/// Organisation-name endings (longest first where they overlap).
constexpr const char* kOrgSuffixes[] = {"人民政府办公室", "人民政府办公厅", "办公室", "办公厅", "办事处", "人民政府",
                                        "委员会", "管理委员会", "管委会", "政府", "局", "厅", "委", "中心",
                                        "街道", "镇", "乡", "部", "署", "院", "会", "所", "处", "站", "馆", "办"};

bool ends_with(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

bool looks_like_org(std::string_view s) {
  s = trim(s);
  if (s.size() < 6 || s.size() > 120) return false;  // 2–40 Han characters
  for (char c : s)
    if (c == ',' || c == ':' || c == '.' || c == '\t') return false;
  if (s.find("。") != std::string_view::npos || s.find("、") != std::string_view::npos) return false;
  for (const char* suf : kOrgSuffixes)
    if (ends_with(s, suf)) return true;
  return false;
}

/// Find "YYYY年" at or after `from`; returns its byte offset or npos.
size_t find_year(std::string_view s, size_t from, int& year) {
  for (size_t i = from; i + 7 <= s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') continue;
    if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
    int y = 0, k = 0;
    while (k < 4 && i + k < s.size() && s[i + k] >= '0' && s[i + k] <= '9') y = y * 10 + (s[i + k++] - '0');
    if (k != 4 || i + 4 >= s.size() || (s[i + 4] >= '0' && s[i + 4] <= '9')) continue;
    size_t j = i + 4;
    while (j < s.size() && s[j] == ' ') ++j;
    if (s.compare(j, 3, "年") != 0) continue;
    if (y < 1990 || y > 2100) continue;
    year = y;
    return i;
  }
  return std::string_view::npos;
}

std::string clean_org(std::string_view s) {
  s = trim(s);
  for (const char* pre : {"关于", "《"})
    if (s.rfind(pre, 0) == 0) s.remove_prefix(std::strlen(pre));
  std::string out;
  for (size_t i = 0; i < s.size();) {  // drop spaces inside the name
    size_t k = i;
    int32_t c = utf8_at(s, k);
    if (c != ' ') out.append(s.data() + i, k - i);
    i = k;
  }
  return out;
}

/// The nearest non-empty line above line `li` (within three), if it names a body: the
/// title's first line, or the signature above the closing date.
bool org_above(const Doc& doc, size_t li, Analysis& a) {
  for (size_t p = li; p-- > 0 && li - p <= 3;) {
    std::string_view prev = trim(doc.line_text(p));
    if (prev.empty()) continue;
    if (!looks_like_org(prev)) return false;
    a.org = clean_org(prev);
    uint32_t ps = uint32_t(prev.data() - doc.text.data());
    a.org_span = {ps, ps + uint32_t(prev.size())};
    return true;
  }
  return false;
}

}  // namespace

void read_metadata(Doc& doc, Analysis& a) {
  const size_t n = doc.lines.size();
  const size_t first_section = a.sections.empty() ? std::min<size_t>(n, 60) : a.sections.front().line;
  // ── title ──
  auto clean_line = [&](size_t li) {
    std::string_view line = trim(doc.line_text(li));
    while (!line.empty() && (line.front() == '#' || line.front() == '>' || line.front() == ' ')) line.remove_prefix(1);
    return line;
  };
  for (size_t li = 0; li < n && li <= first_section + 1 && li < 80; ++li) {
    std::string_view line = clean_line(li);
    if (line.size() > 200) continue;
    // A sentence that mentions the report ("现将…年度报告向社会公布。") is not its title.
    if (line.find("。") != std::string_view::npos || line.find("现将") != std::string_view::npos ||
        line.find("根据") == 0)
      continue;
    // A title broken over two lines: "2025 年上海市人民政府办公厅政府信息公开" / "工作年度报告".
    std::string joined(line);
    uint32_t ls = uint32_t(line.data() - doc.text.data());
    uint32_t le = ls + uint32_t(line.size());
    if (joined.find("年度报告") == std::string::npos && li + 1 < n) {
      std::string_view next = clean_line(li + 1);
      if (next.size() <= 60 && next.find("年度报告") != std::string_view::npos) {
        joined += std::string(next);
        le = uint32_t(next.data() - doc.text.data() + next.size());
      }
    }
    std::string_view title = joined;
    size_t rep = title.find("年度报告");
    if (rep == std::string_view::npos) rep = title.find("年报");
    if (rep == std::string_view::npos) continue;
    int y = 0;
    size_t at = find_year(title, 0, y);
    if (at == std::string_view::npos || at > rep) continue;
    a.year = y;
    a.title = joined;
    a.title_span = {ls, le};
    std::string org = clean_org(title.substr(0, at));
    // The body after the year: "2024 年上海市科委政府信息公开工作年度报告".
    std::string after_year;
    {
      size_t from = title.find("年", at) + 3;
      if (title.compare(from, 3, "度") == 0) from += 3;
      size_t to = title.find("政府信息公开", from);
      if (to == std::string_view::npos) to = title.find("信息公开", from);
      if (to != std::string_view::npos && to > from) after_year = clean_org(title.substr(from, to - from));
    }
    if (!org.empty() && looks_like_org(org)) {
      a.org = org;
      a.org_span = {ls, ls + uint32_t(at)};
    } else if (!after_year.empty() && looks_like_org(after_year)) {
      a.org = after_year;
      a.org_span = {ls, le};
    } else if (at == 0 || org.empty()) {
      org_above(doc, li, a);  // "泉州市…办事处" / "2020年政府信息公开工作年度报告" on two lines
    }
    break;
  }
  // ── year from the reporting period or a mention of the report ──
  if (!a.year) {
    for (const char* marker : {"统计期限", "统计时限", "统计时间", "年度报告", "年报"}) {
      size_t at = doc.text.find(marker);
      if (at == std::string::npos) continue;
      size_t from = at > 120 ? at - 120 : 0;
      int y = 0;
      size_t yat = find_year(doc.text, from, y);
      if (yat != std::string_view::npos && yat < at + 200) { a.year = y; break; }
    }
  }
  // ── body from the signature: the line above the closing date ──
  if (a.org.empty()) {
    size_t stop = n > 40 ? n - 40 : 0;
    for (size_t li = n; li-- > stop;) {
      std::string_view line = trim(doc.line_text(li));
      int y = 0;
      if (line.empty() || find_year(line, 0, y) != 0 || line.size() > 24 || !ends_with(line, "日")) continue;
      if (org_above(doc, li, a)) break;
    }
  }
  // ── template ──
  Template from_tables = Template::unknown;
  for (const char* key : {"requests", "proactive"})
    if (const TableHit* t = a.table(key); t && t->evidence != Template::unknown) { from_tables = t->evidence; break; }
  bool pre2019_layout = false;
  for (const auto& s : a.sections) pre2019_layout |= s.pre2019_only;
  if (!a.table("requests") && a.section("intro")) pre2019_layout = true;
  if (from_tables != Template::unknown) a.tmpl = from_tables;
  else if (pre2019_layout) a.tmpl = Template::pre2019;
  else if (!a.sections.empty() && a.year >= 2021) a.tmpl = Template::v2021;
  else if (!a.sections.empty() && a.year >= 2019) a.tmpl = Template::v2019;
  else if (!a.sections.empty() && a.year > 0) a.tmpl = Template::pre2019;

  if (!a.sections.empty() || !a.tables.empty()) {
    if (!a.year) doc.findings.push_back(make_finding("NB0101", 0, 0, {}));
    if (a.tmpl == Template::unknown) doc.findings.push_back(make_finding("NB0102", 0, 0, {}));
    if (a.org.empty()) doc.findings.push_back(make_finding("NB0104", 0, 0, {}));
  }
  // ── year / generation agreement ──
  if (a.year && a.tmpl != Template::unknown) {
    Template want = a.year >= 2021 ? Template::v2021 : a.year >= 2019 ? Template::v2019 : Template::pre2019;
    bool mismatch = want != a.tmpl && !(want == Template::pre2019 && a.tmpl != Template::pre2019 && a.year == 2018);
    if (want == Template::pre2019 && a.tmpl != Template::pre2019) mismatch = true;
    if (mismatch) {
      uint32_t s = 0, e = 0;
      if (const TableHit* t = a.table("requests")) { s = t->start; e = t->start; }
      else if (const TableHit* t2 = a.table("proactive")) { s = t2->start; e = t2->start; }
      else if (a.title_span) { s = a.title_span->first; e = a.title_span->second; }
      doc.findings.push_back(make_finding(
          "NB0103", s, e,
          {{"year", std::to_string(a.year)}, {"found", template_name_zh(a.tmpl)}, {"expected", template_name_zh(want)},
           {"found_en", template_name_en(a.tmpl)}, {"expected_en", template_name_en(want)},
           {"detail", a.tmpl == Template::pre2019 ? "2019 年起应使用新条例下的年度报告格式。" : "表格的行列与该年度的格式不一致。"},
           {"detail_en", a.tmpl == Template::pre2019 ? "Reports from 2019 on use the formats under the revised regulations."
                                                     : "The tables' rows and columns do not match that year's format."}}));
    }
  }
}

}  // namespace nianbao
