// text.foreign_org and text.year_mismatch: the wrong body or the wrong year,
// the marks of a report copied from another one.
//
// Foreign body: when the reporting body is a 街道/乡/镇 or a 区/县 government,
// another body of the same level named in the prose ("在区政府网主动公开了珠街街道
// 办事处信息公开指南" in a 前进街道 report). Superior bodies have another level
// and are never compared; a name must stand after a clause boundary or a
// function word, so "依法明确街道办事处职责" names nobody.
//
// Year: the 统计期限 sentence, the first sentence of 一、总体情况 ("2020年，…"),
// the report named in the opening paragraph and the closing date must agree
// with the report year.
#include <algorithm>
#include <cstring>
#include <map>

#include "content.h"
#include "match.h"
#include "utf8.h"

namespace nianbao {
namespace content {
namespace {

// ── foreign bodies ──────────────────────────────────────────────────────────

struct Level {
  const char* own;      // how the reporting body's name ends
  const char* mention;  // how a body of the same level is named in the text
  const char* zh;
  const char* en;
};

constexpr Level kLevels[] = {
    {"街道办事处", "街道办事处", "街道办事处", "sub-district office"},
    {"街道", "街道办事处", "街道办事处", "sub-district office"},
    {"镇人民政府", "镇人民政府", "镇人民政府", "town government"},
    {"乡人民政府", "乡人民政府", "乡人民政府", "township government"},
    {"区人民政府办公室", "区人民政府", "区人民政府", "district government"},
    {"区人民政府", "区人民政府", "区人民政府", "district government"},
    {"县人民政府办公室", "县人民政府", "县人民政府", "county government"},
    {"县人民政府", "县人民政府", "县人民政府", "county government"},
};

constexpr size_t kMaxNames = 20;  // other bodies reported (one finding each, with its other mentions)

/// Characters after which a place name may start (function words, parents).
constexpr const char* kBoundaryChars = "了的在和与及对向将把被从由等为是到于即或同经给至省市区县府州旗";
/// Characters that do not occur in a place name (the reporting body's name is checked with them).
constexpr const char* kNotInNames = "了的在和与及对向将把被从由等为是到于即或同经给现本我该其这此各全";
/// Words that stand before 街道办事处 without naming one.
constexpr const char* kNotNames[] = {"明确", "指导", "督促", "协调", "配合", "要求", "联系", "报送", "通过", "加强",
                                     "推动", "组织", "各个", "所属", "辖区", "全体", "所有", "本级", "我们", "其他",
                                     "其它", "各级", "有关", "相关", "以及", "负责", "作为", "成立", "设立", "设置",
                                     "印发", "制定", "乡镇", "镇街", "全区", "全县", "全市", "城区", "新区"};

bool has_char(const char* set, int32_t c) {
  std::string_view s(set);
  for (size_t i = 0; i < s.size();) {
    if (utf8_at(s, i) == c) return true;
  }
  return false;
}

/// The Han characters right before byte `pos` of `s` (up to `max`), as code points.
std::u32string han_before(std::string_view s, size_t pos, size_t max, size_t& begin) {
  std::u32string out;
  size_t i = pos;
  while (i > 0 && out.size() < max) {
    size_t j = i - 1;
    while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
    size_t k = j;
    int32_t c = utf8_at(s, k);
    if (!is_han(c)) break;
    out.insert(out.begin(), char32_t(c));
    i = j;
  }
  begin = i;
  return out;
}

std::string utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) utf8_append(out, uint32_t(c));
  return out;
}

void check_foreign(Doc& doc, Analysis& a) {
  if (a.org.empty()) return;
  const Level* level = nullptr;
  std::string own;
  for (const Level& l : kLevels) {
    std::string_view org(a.org), suf(l.own);
    if (org.size() <= suf.size() || org.substr(org.size() - suf.size()) != suf) continue;
    std::string_view head = org.substr(0, org.size() - suf.size());
    // The name proper: after the last parent mark (省市区县府…).
    size_t from = 0;
    for (size_t i = 0; i < head.size();) {
      size_t k = i;
      int32_t c = utf8_at(head, k);
      if (has_char("省市区县府州旗盟", c)) from = k;
      i = k;
    }
    own = std::string(head.substr(from));
    level = &l;
    break;
  }
  // A name of 2–4 characters with no function word in it ("现将本街道" is a sentence read as a name).
  if (!level || utf8_count(own) < 2 || utf8_count(own) > 4) return;
  for (size_t i = 0; i < own.size();)
    if (has_char(kNotInNames, utf8_at(own, i))) return;
  struct Hit { std::string name; uint32_t start, end; };
  std::vector<Hit> hits;
  const std::string_view text(doc.text);
  const std::string_view mention(level->mention);
  // Every mention in the text (one search; a mention holds no line break), then its line.
  size_t li = 0;
  if (doc.lines.empty()) return;
  for (size_t pos = find_text(text, mention); pos != std::string_view::npos; pos = find_text(text, mention, pos + 1)) {
    while (li + 1 < doc.lines.size() && doc.lines[li + 1].start <= pos) ++li;
    if (!is_prose_line(doc, a, li)) continue;
    const Line& ln = doc.lines[li];
    if (a.title_span && ln.start <= a.title_span->first && a.title_span->first <= ln.end) continue;
    if (a.org_span && ln.start <= a.org_span->first && a.org_span->first <= ln.end) continue;
    std::string_view line = text.substr(ln.start, ln.end - ln.start);
    {
      const size_t at = pos - ln.start;
      size_t begin = 0;
      std::u32string before = han_before(line, at, 6, begin);
      std::string b8 = utf8(before);
      if (b8.size() >= own.size() && b8.compare(b8.size() - own.size(), own.size(), own) == 0) continue;  // ourselves
      // A name of two or three characters after a boundary.
      std::string name;
      for (size_t len : {size_t(2), size_t(3)}) {
        if (before.size() < len) break;
        std::u32string cand = before.substr(before.size() - len);
        bool clean = true;
        for (char32_t c : cand) clean &= !has_char(kBoundaryChars, int32_t(c));
        if (!clean) break;
        bool boundary = before.size() == len || has_char(kBoundaryChars, int32_t(before[before.size() - len - 1]));
        if (!boundary) continue;
        std::string c8 = utf8(cand);
        bool generic = false;
        for (const char* w : kNotNames) generic |= c8.size() >= std::strlen(w) && c8.compare(c8.size() - std::strlen(w), std::strlen(w), w) == 0;
        if (!generic) name = c8;
        break;
      }
      if (name.empty()) continue;
      uint32_t s = ln.start + uint32_t(at - (b8.size() >= name.size() ? name.size() : 0));
      if (hits.size() < 1000) hits.push_back({name + std::string(mention), s, ln.start + uint32_t(at + mention.size())});
    }
  }
  std::map<std::string, std::vector<const Hit*>> by_name;
  for (const auto& h : hits) by_name[h.name].push_back(&h);
  size_t reported = 0;
  for (const auto& [name, list] : by_name) {
    if (++reported > kMaxNames) break;
    std::string id = "text.foreign_org/" + line_no(doc, list.front()->start);
    add_check(a, id, Status::fail, "a body of the same level other than the reporting body");
    Finding f = make_finding("NB0804", list.front()->start, list.front()->end,
                             {{"name", name}, {"org", a.org}, {"level", level->zh}, {"level_en", level->en},
                              {"count", std::to_string(list.size())}});
    f.check = id;
    if (a.org_span) f.related.push_back({a.org_span->first, a.org_span->second, "reporting body: " + a.org});
    for (size_t i = 1; i < list.size() && i < 10; ++i)
      f.related.push_back({list[i]->start, list[i]->end, "also at line " + line_no(doc, list[i]->start)});
    doc.findings.push_back(std::move(f));
  }
  if (by_name.empty() && level) add_check(a, "text.foreign_org", Status::pass, "no other " + std::string(level->en) + " named");
}

// ── years ───────────────────────────────────────────────────────────────────

/// "2020年1月1日" / "2020 年 1 月 1 日" at byte `i` of `s` (spaces allowed between parts).
struct Date {
  int y = 0, m = 0, d = 0;
  size_t begin = 0, end = 0;  // bytes of s
};

size_t digits_at(std::string_view s, size_t i, int& v, size_t max) {
  size_t n = 0;
  v = 0;
  while (i + n < s.size() && n < max && s[i + n] >= '0' && s[i + n] <= '9') v = v * 10 + (s[i + n++] - '0');
  if (i + n < s.size() && s[i + n] >= '0' && s[i + n] <= '9') return 0;  // longer than `max`
  return n;
}

size_t skip_spaces(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) ++i;
  return i;
}

/// A date or a year ("2020年", then optionally "1月1日") starting at i.
bool date_at(std::string_view s, size_t i, Date& out, bool need_year) {
  Date d;
  d.begin = i;
  size_t j = i;
  int v = 0;
  size_t n = digits_at(s, j, v, 4);
  if (n == 4 && (i == 0 || s[i - 1] < '0' || s[i - 1] > '9')) {
    size_t k = skip_spaces(s, j + 4);
    if (s.compare(k, 3, "年") != 0) return false;
    if (v < 1990 || v > 2100) return false;
    d.y = v;
    j = skip_spaces(s, k + 3);
    d.end = k + 3;
    n = digits_at(s, j, v, 2);
  } else if (need_year) {
    return false;
  }
  if (n >= 1 && n <= 2) {
    size_t k = skip_spaces(s, j + n);
    if (s.compare(k, 3, "月") == 0 && v >= 1 && v <= 12) {
      d.m = v;
      j = skip_spaces(s, k + 3);
      n = digits_at(s, j, v, 2);
      if (n >= 1) {
        k = skip_spaces(s, j + n);
        if (s.compare(k, 3, "日") == 0 && v >= 1 && v <= 31) { d.d = v; d.end = k + 3; }
      }
    }
  }
  if (!d.y && !d.d) return false;
  out = d;
  return true;
}

struct YearCheck {
  const char* key;
  const char* zh;
  const char* en;
};

void year_finding(Doc& doc, Analysis& a, const YearCheck& yc, uint32_t s, uint32_t e, const std::string& found,
                  const std::string& detail, const std::string& detail_en) {
  std::string id = std::string("text.year_mismatch/") + yc.key;
  Check& c = add_check(a, id, Status::fail, "year = report year");
  c.rhs = a.year;
  Finding f = make_finding("NB0805", s, e,
                           {{"what", yc.zh}, {"what_en", yc.en}, {"found", found}, {"year", std::to_string(a.year)},
                            {"detail", detail}, {"detail_en", detail_en}});
  f.check = id;
  if (a.title_span) f.related.push_back({a.title_span->first, a.title_span->second, "title: " + a.title});
  doc.findings.push_back(std::move(f));
}

std::string date_text(const Date& d) {
  std::string s = std::to_string(d.y) + "年";
  if (d.m) s += std::to_string(d.m) + "月";
  if (d.d) s += std::to_string(d.d) + "日";
  return s;
}

void check_years(Doc& doc, Analysis& a) {
  if (!a.year) return;
  const std::string_view text(doc.text);
  const int Y = a.year;
  static const YearCheck kPeriod{"period", "统计期限", "reporting period"};
  static const YearCheck kOverview{"overview", "「总体情况」的第一句", "first sentence of the overview"};
  static const YearCheck kPreamble{"preamble", "开头所称的年度报告", "report named in the opening paragraph"};
  static const YearCheck kSigned{"date", "落款日期", "closing date"};

  // ── the 统计期限 sentence ──
  static constexpr std::string_view kMarkers[] = {"统计期限", "统计时限", "统计周期", "统计时间", "统计数据时限", "统计区间", "统计范围"};
  const size_t marker = find_first_word(text, kMarkers);
  if (marker != std::string_view::npos) {
    size_t stop = text.find("。", marker);
    stop = std::min({stop == std::string_view::npos ? text.size() : stop, marker + 240, text.size()});
    std::vector<Date> dates;
    for (size_t i = marker; i < stop && dates.size() < 2; ++i) {
      Date d;
      if (text[i] >= '0' && text[i] <= '9' && (i == 0 || text[i - 1] < '0' || text[i - 1] > '9') && date_at(text, i, d, true)) {
        dates.push_back(d);
        i = d.end - 1;
      }
    }
    bool bad = false;
    for (const Date& d : dates)
      if (d.y && d.y != Y && !bad) {
        bad = true;
        year_finding(doc, a, kPeriod, uint32_t(d.begin), uint32_t(d.end), date_text(d), "", "");
      }
    if (!dates.empty() && !bad) add_check(a, "text.year_mismatch/period", Status::pass, "year = report year").rhs = Y;
  }

  // ── "2020年，…": the first sentence of 一、总体情况 ──
  for (const SectionHit& s : a.sections) {
    if (!s.def || std::string_view(s.def->key) != "overview") continue;
    bool seen = false;
    for (size_t li = doc.line_of(s.body_start); li < doc.lines.size() && doc.lines[li].start < s.body_end; ++li) {
      std::string_view line = trim(doc.line_text(li));
      if (line.empty()) continue;
      seen = true;
      if (!is_prose_line(doc, a, li)) break;
      Date d;
      size_t off = size_t(line.data() - text.data());
      if (date_at(text, off, d, true) && !d.m) {
        size_t after = skip_spaces(text, d.end);
        if (text.compare(after, 3, "度") == 0) after += 3;
        bool opens = text.compare(after, 1, ",") == 0 || text.compare(after, 3, "，") == 0;
        if (opens) {
          if (d.y != Y) year_finding(doc, a, kOverview, uint32_t(d.begin), uint32_t(d.end), date_text(d), "", "");
          else add_check(a, "text.year_mismatch/overview", Status::pass, "year = report year").rhs = Y;
        }
      }
      break;
    }
    if (seen) break;  // the first overview with a body
  }

  // ── "现将…2020年政府信息公开工作年度报告向社会公布": the opening paragraph ──
  uint32_t first_section = a.sections.empty() ? uint32_t(std::min<size_t>(text.size(), 4000)) : a.sections.front().start;
  bool preamble_bad = false, preamble_seen = false;
  static constexpr std::string_view kReport = "年度报告";
  // Only occurrences starting before the first section: search no further.
  const std::string_view head = text.substr(0, std::min<size_t>(text.size(), size_t(first_section) + kReport.size() - 1));
  for (size_t at = find_text(head, kReport); at != std::string_view::npos && at < first_section;
       at = find_text(head, kReport, at + 1)) {
    if (a.title_span && at >= a.title_span->first && at < a.title_span->second) continue;
    size_t li = doc.line_of(uint32_t(at));
    if (!is_prose_line(doc, a, li)) continue;
    // The year of the clause naming the report, at most 40 bytes before it.
    size_t from = at > 60 ? at - 60 : 0;
    Date found;
    for (size_t i = from; i < at; ++i) {
      Date d;
      if (text[i] >= '0' && text[i] <= '9' && (i == 0 || text[i - 1] < '0' || text[i - 1] > '9') && date_at(text, i, d, true) && !d.m) {
        std::string_view between = d.end <= at ? text.substr(d.end, at - d.end) : std::string_view();  // "2020年度报告"
        bool clause = between.find("，") == std::string_view::npos && between.find(",") == std::string_view::npos &&
                      between.find("。") == std::string_view::npos && between.find("、") == std::string_view::npos &&
                      between.find('\n') == std::string_view::npos;
        if (clause && between.size() <= 40) found = d;
        i = d.end - 1;
      }
    }
    if (!found.y) continue;
    preamble_seen = true;
    if (found.y != Y && !preamble_bad) {
      preamble_bad = true;
      year_finding(doc, a, kPreamble, uint32_t(found.begin), uint32_t(found.end), date_text(found), "", "");
    }
  }
  if (preamble_seen && !preamble_bad) add_check(a, "text.year_mismatch/preamble", Status::pass, "year = report year").rhs = Y;

  // ── the closing date: a line that is only a date, near the end ──
  size_t n = doc.lines.size();
  for (size_t li = n; li-- > (n > 40 ? n - 40 : 0);) {
    std::string_view line = trim(doc.line_text(li));
    while (!line.empty() && (line.front() == '(' || line.front() == '[')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ')' || line.back() == ']')) line.remove_suffix(1);
    line = trim(line);
    if (line.empty() || line.size() > 24) continue;
    Date d;
    size_t off = size_t(line.data() - text.data());
    if (!date_at(text, off, d, true) || !d.d || d.end != off + line.size()) continue;
    bool ok = d.y == Y + 1 || (d.y == Y && d.m == 12);
    if (ok) {
      add_check(a, "text.year_mismatch/date", Status::pass, "closing date in the year after the report year").rhs = Y;
    } else {
      year_finding(doc, a, kSigned, uint32_t(d.begin), uint32_t(d.end), date_text(d),
                   "年度报告在次年发布，落款日期应在 " + std::to_string(Y + 1) + " 年。",
                   "An annual report is published the next year; the closing date should be in " +
                       std::to_string(Y + 1) + ".");
    }
    break;
  }
}

}  // namespace

void check_identity(Doc& doc, Analysis& a) {
  check_foreign(doc, a);
  check_years(doc, a);
}

}  // namespace content
}  // namespace nianbao
