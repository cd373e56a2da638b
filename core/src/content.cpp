// content: checks beyond the identities (narrative vs table, copied sections,
// foreign bodies and years, units, template conformance, required content,
// residue). Each rule is one function registered in the table below; this
// file also holds what they share (content.h).
#include "content.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "match.h"
#include "utf8.h"

namespace nianbao {
namespace content {

bool is_prose_line(const Doc& doc, const Analysis& a, size_t li) {
  const Line& ln = doc.lines[li];
  for (const auto& t : a.tables)
    if (ln.start < t.end && ln.end > t.start) return false;
  std::string_view t = trim(doc.line_text(li));
  if (t.empty()) return false;
  if (t.find('\t') != std::string_view::npos) return false;  // cells of a tab-separated row
  if (t.front() == '|' || t.back() == '|') return false;      // markdown or pipe table rows
  return true;
}

uint32_t Prose::end(size_t i) const { return i == 0 ? (at.empty() ? 0 : at[0]) : at[i - 1] + 1; }

void Prose::build(const Doc& doc, const Analysis& a, uint32_t from, uint32_t to) {
  text.clear();
  at.clear();
  if (from >= to || doc.lines.empty()) return;
  size_t l0 = doc.line_of(from), l1 = doc.line_of(to > 0 ? to - 1 : 0);
  text.reserve(to - from);
  at.reserve(to - from);
  static const char* kEnds[] = {"。", "！", "？", "；", "：", "!", "?", ";", ":"};
  for (size_t li = l0; li <= l1 && li < doc.lines.size(); ++li) {
    if (!is_prose_line(doc, a, li)) {
      if (!text.empty() && text.back() != '\n') { text += '\n'; at.push_back(doc.lines[li].start); }
      continue;
    }
    const Line& ln = doc.lines[li];
    uint32_t b = std::max(ln.start, from), e = std::min(ln.end, to);
    for (uint32_t k = b; k < e; ++k) {
      char c = doc.text[k];
      if (c == ' ' || c == '\t') continue;
      text += c;
      at.push_back(k);
    }
    // Keep the break after a finished sentence or a heading-like short line.
    std::string_view line = trim(std::string_view(doc.text).substr(b, e - b));
    bool ends = false;
    for (const char* p : kEnds) ends |= line.size() >= std::char_traits<char>::length(p) &&
                                        line.substr(line.size() - std::char_traits<char>::length(p)) == p;
    if (ends && !text.empty() && text.back() != '\n') { text += '\n'; at.push_back(e); }
  }
}

std::vector<std::pair<uint32_t, uint32_t>> section_bodies(const Analysis& a, std::initializer_list<const char*> keys) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const auto& s : a.sections)
    for (const char* k : keys)
      if (s.def && std::string_view(s.def->key) == k && s.body_end > s.body_start) out.push_back({s.body_start, s.body_end});
  return out;
}

namespace {

int zh_digit(int32_t c) {
  switch (c) {
    case U'零': case U'〇': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

int zh_unit(int32_t c) {
  switch (c) {
    case U'十': return 10;
    case U'百': return 100;
    case U'千': return 1000;
    case U'万': return 10000;
    default: return 0;
  }
}

}  // namespace

size_t parse_number(std::string_view s, size_t i, double& value) {
  if (i >= s.size()) return 0;
  if (s[i] >= '0' && s[i] <= '9') {
    size_t j = i;
    std::string digits;
    while (j < s.size()) {
      char c = s[j];
      if (c >= '0' && c <= '9') { digits += c; ++j; continue; }
      // "1,295": a comma followed by exactly three digits.
      auto dig = [&](size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
      if (c == ',' && dig(j + 1) && dig(j + 2) && dig(j + 3) && !dig(j + 4)) {  // "1,295"
        ++j;
        continue;
      }
      if (c == '.' && j + 1 < s.size() && s[j + 1] >= '0' && s[j + 1] <= '9' && digits.find('.') == std::string::npos) {
        digits += '.';
        ++j;
        continue;
      }
      break;
    }
    if (digits.size() > 15) return 0;
    value = std::strtod(digits.c_str(), nullptr);
    return j - i;
  }
  // Chinese numeral: 十五, 二十一, 一百零三, 两千, 二〇二〇 (digit by digit).
  size_t j = i;
  long long total = 0, section = 0, digit = -1, plain = 0;
  int count = 0;
  bool has_unit = false;
  while (j < s.size() && count < 12) {
    size_t k = j;
    int32_t c = utf8_at(s, k);
    int d = zh_digit(c), u = zh_unit(c);
    if (d < 0 && u == 0) break;
    if (d >= 0) {
      digit = d;
      plain = plain * 10 + d;
    } else if (u == 10000) {
      section += digit < 0 ? 0 : digit;
      total += (section == 0 ? 1 : section) * 10000;
      section = 0;
      digit = -1;
      has_unit = true;
    } else {
      section += (digit < 0 ? 1 : digit) * u;
      digit = -1;
      has_unit = true;
    }
    ++count;
    j = k;
  }
  if (count == 0) return 0;
  if (has_unit) value = double(total + section + (digit < 0 ? 0 : digit));
  else value = double(plain);
  return j - i;
}

Check& add_check(Analysis& a, std::string id, Status status, std::string formula) {
  Check c;
  c.id = std::move(id);
  c.status = status;
  c.formula = std::move(formula);
  a.checks.push_back(std::move(c));
  return a.checks.back();
}

std::string id_part(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.') out += c;
    else if (!out.empty() && out.back() != '_') out += '_';
  }
  while (!out.empty() && (out.back() == '_' || out.back() == '.')) out.pop_back();
  return out.empty() ? "x" : out;
}

std::string line_no(const Doc& doc, uint32_t pos) { return std::to_string(doc.line_of(pos) + 1); }

}  // namespace content

void run_content_checks(Doc& doc, Analysis& a) {
  using Fn = void (*)(Doc&, Analysis&);
  static const Fn kChecks[] = {
      content::check_narrative,  content::check_copies,   content::check_identity, content::check_values,
      content::check_template,   content::check_required, content::check_artifacts,
  };
  for (Fn f : kChecks) f(doc, a);
}

}  // namespace nianbao
