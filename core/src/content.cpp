// content: checks beyond the identities (narrative vs table, copied sections,
// foreign bodies and years, units, template conformance, required content,
// residue). Each rule is one function registered in the table below; this
// file also holds what they share (content.h).
#include "content.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "match.h"
#include "stage_times.h"
#include "utf8.h"

namespace nianbao {
namespace content {

void find_all(std::string_view s, const std::vector<std::string_view>& words,
              const std::function<void(size_t, size_t)>& f) {
  // The anchor of each word: its first rare byte (see content.h), or none.
  auto rare = [](unsigned char b) { return b < 0x80 || (b >= 0xC0 && (b < 0xE4 || b > 0xE9)); };
  struct Anchor { unsigned char byte; size_t word, offset; };
  std::vector<Anchor> anchors;
  for (size_t w = 0; w < words.size(); ++w) {
    const std::string_view word = words[w];
    if (word.empty()) continue;
    size_t k = 0;
    while (k < word.size() && !rare(static_cast<unsigned char>(word[k]))) ++k;
    if (k < word.size()) {
      anchors.push_back({static_cast<unsigned char>(word[k]), w, k});
    } else {
      for (size_t p = find_text(s, word); p != std::string_view::npos; p = find_text(s, word, p + 1)) f(p, w);
    }
  }
  // One memchr pass per anchor byte, each hit tried for the words anchored on it.
  std::stable_sort(anchors.begin(), anchors.end(), [](const Anchor& x, const Anchor& y) { return x.byte < y.byte; });
  for (size_t a = 0; a < anchors.size();) {
    size_t b = a;
    while (b < anchors.size() && anchors[b].byte == anchors[a].byte) ++b;
    for (const char* p = s.data(); p < s.data() + s.size();) {
      const void* hit = std::memchr(p, anchors[a].byte, size_t(s.data() + s.size() - p));
      if (!hit) break;
      const size_t at = size_t(static_cast<const char*>(hit) - s.data());
      for (size_t k = a; k < b; ++k) {
        const Anchor& an = anchors[k];
        if (at >= an.offset && s.compare(at - an.offset, words[an.word].size(), words[an.word]) == 0) f(at - an.offset, an.word);
      }
      p = static_cast<const char*>(hit) + 1;
    }
    a = b;
  }
}

size_t find_first_word(std::string_view s, const std::string_view* words, size_t n) {
  if (n == 0) return std::string_view::npos;
  std::string_view prefix = words[0];
  for (size_t i = 1; i < n; ++i) {
    size_t k = 0;
    while (k < prefix.size() && k < words[i].size() && prefix[k] == words[i][k]) ++k;
    prefix = prefix.substr(0, k);
  }
  if (prefix.empty()) {
    size_t best = std::string_view::npos;
    for (size_t i = 0; i < n; ++i) best = std::min(best, find_text(s, words[i]));
    return best;
  }
  for (size_t at = find_text(s, prefix); at != std::string_view::npos; at = find_text(s, prefix, at + 1))
    for (size_t i = 0; i < n; ++i)
      if (s.compare(at, words[i].size(), words[i]) == 0) return at;
  return std::string_view::npos;
}

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

uint32_t Prose::start(size_t i) const {
  // The last run starting at or before byte i.
  auto it = std::upper_bound(runs.begin(), runs.end(), i, [](size_t x, const Run& r) { return x < r.at; });
  const Run& r = *(it - 1);
  return r.from + uint32_t(i - r.at);
}

uint32_t Prose::end(size_t i) const { return i == 0 ? (runs.empty() ? 0 : runs[0].from) : start(i - 1) + 1; }

void Prose::append(std::string_view bytes, uint32_t folded) {
  // A new run unless these bytes continue the last one.
  if (runs.empty() || runs.back().from + (text.size() - runs.back().at) != folded)
    runs.push_back({uint32_t(text.size()), folded});
  text.append(bytes.data(), bytes.size());
}

void Prose::build(const Doc& doc, const Analysis& a, uint32_t from, uint32_t to) {
  text.clear();
  runs.clear();
  if (from >= to || doc.lines.empty()) return;
  size_t l0 = doc.line_of(from), l1 = doc.line_of(to > 0 ? to - 1 : 0);
  text.reserve(to - from);
  static constexpr std::string_view kEnds[] = {"。", "！", "？", "；", "：", "!", "?", ";", ":"};
  const std::string_view all(doc.text);
  for (size_t li = l0; li <= l1 && li < doc.lines.size(); ++li) {
    if (!is_prose_line(doc, a, li)) {
      if (!text.empty() && text.back() != '\n') append("\n", doc.lines[li].start);
      continue;
    }
    const Line& ln = doc.lines[li];
    uint32_t b = std::max(ln.start, from), e = std::min(ln.end, to);
    // The line without its spaces and tabs: copied run by run (most prose
    // lines have neither: one run).
    const std::string_view part = all.substr(b, e - b);
    if (part.find(' ') == std::string_view::npos && part.find('\t') == std::string_view::npos) {
      if (!part.empty()) append(part, b);
    } else {
      for (uint32_t k = b; k < e;) {
        if (all[k] == ' ' || all[k] == '\t') { ++k; continue; }
        uint32_t j = k + 1;
        while (j < e && all[j] != ' ' && all[j] != '\t') ++j;
        append(all.substr(k, j - k), k);
        k = j;
      }
    }
    // Keep the break after a finished sentence or a heading-like short line.
    std::string_view line = trim(all.substr(b, e - b));
    bool ends = false;
    for (std::string_view p : kEnds) ends |= line.size() >= p.size() && line.substr(line.size() - p.size()) == p;
    if (ends && !text.empty() && text.back() != '\n') append("\n", e);
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

std::u32string_view zh_numeral_chars() { return U"零〇一二两三四五六七八九十百千万"; }  // what zh_digit and zh_unit read

size_t parse_number(std::string_view s, size_t i, double& value) {
  if (i >= s.size()) return 0;
  if (s[i] >= '0' && s[i] <= '9') {
    size_t j = i;
    char digits[17];  // the digits and the point, as printed (more than 15: no number)
    size_t n = 0;
    bool dot = false;
    uint64_t whole = 0;  // the value while there is no point (at most 15 digits: exact)
    while (j < s.size()) {
      char c = s[j];
      if (c >= '0' && c <= '9') {
        if (n < sizeof digits) digits[n] = c;
        ++n;
        whole = whole * 10 + uint64_t(c - '0');
        ++j;
        continue;
      }
      // "1,295": a comma followed by exactly three digits.
      auto dig = [&](size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
      if (c == ',' && dig(j + 1) && dig(j + 2) && dig(j + 3) && !dig(j + 4)) {  // "1,295"
        ++j;
        continue;
      }
      if (c == '.' && j + 1 < s.size() && s[j + 1] >= '0' && s[j + 1] <= '9' && !dot) {
        if (n < sizeof digits) digits[n] = '.';
        ++n;
        dot = true;
        ++j;
        continue;
      }
      break;
    }
    if (n > 15) return 0;
    if (dot) {
      digits[n] = '\0';
      value = std::strtod(digits, nullptr);
    } else {
      value = double(whole);  // what strtod gives for at most 15 digits
    }
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
  NIANBAO_TIMED(12, "content.narrative", content::check_narrative(doc, a));
  NIANBAO_TIMED(13, "content.copies", content::check_copies(doc, a));
  NIANBAO_TIMED(14, "content.identity", content::check_identity(doc, a));
  NIANBAO_TIMED(15, "content.val+req", content::check_values(doc, a));
  NIANBAO_TIMED(16, "content.template", content::check_template(doc, a));
  NIANBAO_TIMED(15, "content.val+req", content::check_required(doc, a));
  NIANBAO_TIMED(17, "content.artifacts", content::check_artifacts(doc, a));
}

}  // namespace nianbao
