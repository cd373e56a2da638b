// reline: give back the lines of a report stored with its whitespace collapsed.
//
// Crawlers and some portals store a whole report as one line: every newline and
// tab became one space ("…情况 一、本年新收政府信息公开申请数量 40 1 0 0 0 0 41 二、上年结转…").
// Every later stage reads lines, so such a report showed no section and no table.
// In a long line, a space in front of what can only start a heading or a table row
// becomes a newline again:
//   - an enumerator (一、 (三) 5.) followed by a section title of any template — and the
//     space after that title, so the heading stands on a line of its own;
//   - an enumerator followed by the first characters of a 表三 row label;
//   - a title printed without a numeral (引言) as a whole word, and the space after it;
//   - 第二十条, the caption of each sub-table of 表二, 信息内容 (its header) and its row labels
//     (规章, 行政许可 …) as whole words;
//   - a run of at least kDataRun numbers (表四's one data row of fifteen cells);
//   - the end of a run of at least kRowEnd numbers that text follows (a row's end), and of a row
//     whose digits ran into its label ("…申请数量0000000 三、…", "规章000");
//   - a 表三 label printed without its numbering when a whole row of numbers follows it.
// Only spaces are replaced, byte for byte, so the offset maps do not change; a line is
// touched only when it holds at least kMinBreaks such places (a paragraph that names
// 一、总体情况 once is left alone). Data: the templates' titles and labels.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "doc.h"
#include "match.h"
#include "templates.h"
#include "utf8.h"

namespace nianbao {
namespace {

constexpr size_t kLongLine = 300;   // bytes: shorter lines are left as they are
constexpr size_t kMinBreaks = 3;    // places in one line before any of them is broken
constexpr size_t kHeadBytes = 6;    // two Han characters of a row label after its enumerator
constexpr size_t kDataRun = 10;     // numbers in a row that make a data line of their own
constexpr size_t kRowEnd = 5;       // numbers in a row after which text starts a new line
constexpr const char* kCaption = "第二十条";  // starts each sub-table of 表二
constexpr const char* kHeader = "信息内容";   // starts the header row of each sub-table of 表二
constexpr std::string_view kTotalHeader = "总计";  // the last column header of 表三 and of 表四's tables

struct Marks {
  std::vector<std::string> titles;  // every section title of every template, longest first
  std::vector<std::string> heads;   // first two characters of every 表三 label, sorted
  std::vector<std::string> words;   // 表二's row labels and 信息内容 (whole words), sorted
  std::vector<std::string> bare;    // titles printed without a numeral (引言), whole words
  std::vector<std::string> labels;  // first four characters of every 表三 label without its enumerator
  std::vector<std::string> short_labels;  // 表三 labels shorter than that ("其他"), whole words
};

const Marks& marks() {
  static const Marks m = [] {
    Marks out;
    for (Template t : {Template::v2019, Template::v2021, Template::pre2019}) {
      const TemplateDef& def = template_def(t);
      for (const auto& s : def.sections) {
        for_each_alternative(s.titles, [&](std::string_view t) { out.titles.emplace_back(t); });
        if (s.number == 0 && std::string_view(s.key) == "intro")
          for_each_alternative(s.titles, [&](std::string_view t) { out.bare.emplace_back(t); });
      }
      for (const auto& r : def.request_rows) {
        std::string_view label(r.label);
        label = label.substr(enumerator_length(label));
        if (label.size() >= kHeadBytes) out.heads.emplace_back(label.substr(0, kHeadBytes));
        // (as the folded text has it: curly quotes are ASCII there, "危及\"三安全一稳定\"")
        std::string folded(label);
        for (const char* q : {"\u201c", "\u201d"})
          for (size_t at; (at = folded.find(q)) != std::string::npos;) folded.replace(at, std::strlen(q), "\"");
        if (folded.size() >= 2 * kHeadBytes) out.labels.emplace_back(folded.substr(0, 2 * kHeadBytes));
        else if (!folded.empty()) out.short_labels.emplace_back(folded);  // "其他": the whole word
      }
    }
    out.words.emplace_back(kHeader);
    for (Template t : {Template::v2019, Template::v2021})
      for (const auto& p : template_def(t).proactive)
        for (const auto& r : p.rows) out.words.emplace_back(r.label);
    std::sort(out.words.begin(), out.words.end());
    out.words.erase(std::unique(out.words.begin(), out.words.end()), out.words.end());
    std::sort(out.titles.begin(), out.titles.end(), [](const std::string& a, const std::string& b) {
      return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    out.titles.erase(std::unique(out.titles.begin(), out.titles.end()), out.titles.end());
    std::sort(out.labels.begin(), out.labels.end());
    out.labels.erase(std::unique(out.labels.begin(), out.labels.end()), out.labels.end());
    std::sort(out.heads.begin(), out.heads.end());
    out.heads.erase(std::unique(out.heads.begin(), out.heads.end()), out.heads.end());
    return out;
  }();
  return m;
}

bool is_number_word(std::string_view w) {
  if (w.empty() || w.back() == '.') return false;  // ("2." is an enumerator)
  size_t i = w[0] == '-' ? 1 : 0;
  if (i == w.size()) return false;
  for (; i < w.size(); ++i)
    if (!((w[i] >= '0' && w[i] <= '9') || w[i] == '.')) return false;
  return true;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

/// Is `word` `label` with more after it, only of `chars` (any, when `chars` is empty)?
bool label_then(std::string_view word, std::string_view label, std::string_view chars) {
  if (word.size() <= label.size() || word.compare(0, label.size(), label) != 0) return false;
  return chars.empty() || word.find_first_not_of(chars, label.size()) == std::string_view::npos;
}

/// A word of 表二 that starts with one of its row labels (or 信息内容) with what follows glued on: the
/// label's digits ("规章000", "其他对外管理服务事项13400") or, after 信息内容, the header's other words
/// ("信息内容本年新制作数量本年新公开数量…").
bool glued_word(std::string_view word) {
  const bool digits_last = !word.empty() && word.back() >= '0' && word.back() <= '9';
  if (!digits_last && word.compare(0, std::strlen(kHeader), kHeader) != 0) return false;  // (the common case: prose)
  for (const auto& label : marks().words)
    if (label_then(word, label, label == kHeader ? "" : "0123456789.-")) return true;
  return false;
}

/// Does `word` end in at least kRowEnd ASCII digits run into the Han text, closing parenthesis or
/// quote before them ("…申请数量0000000", "…其他处理）0000000", "危及“三安全一稳定”1000001")?
bool glued_row_end(std::string_view word) {
  size_t d = word.size();
  while (d > 0 && word[d - 1] >= '0' && word[d - 1] <= '9') --d;
  if (word.size() - d < kRowEnd || d == 0) return false;
  const unsigned char before = static_cast<unsigned char>(word[d - 1]);
  return before >= 0x80 || before == ')' || before == '"';  // (the folded text's quotes: 危及"三安全一稳定")
}

/// Does a word that is not a number follow the first word of `rest` (which ends at `w`)?
bool text_after(std::string_view rest, size_t w) {
  if (w == std::string_view::npos) return false;
  std::string_view next = rest.substr(w + 1);
  return !is_number_word(next.substr(0, next.find(' ')));
}

/// Does a section title of any template start `after`? Its byte length in `after`, else 0. One
/// space may stand inside it, between two characters (a heading printed in two pieces, a crawler's
/// two text nodes joined: "三、收到和处理 政府信息公开申请情况").
size_t title_at(std::string_view after) {
  const auto& titles = marks().titles;  // longest first
  const size_t sp = titles.empty() ? std::string_view::npos : after.substr(0, titles.front().size()).find(' ');
  for (const auto& t : titles) {
    if (after.compare(0, t.size(), t) == 0) return t.size();
    if (sp == std::string_view::npos || sp == 0 || sp >= t.size() || after.compare(0, sp, t, 0, sp) != 0) continue;
    if (after.compare(sp + 1, t.size() - sp, t, sp, t.size() - sp) == 0) return t.size() + 1;
  }
  return 0;
}

bool is_zh_numeral_char(std::string_view s) {
  for (const char* n : {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"})
    if (s.compare(0, 3, n) == 0) return true;
  return false;
}

/// Headings run into the text around them, with no space to break at ("…落实。二、主动公开政府
///信息情况略。", "…情况200 000121"): a Chinese enumerator right after a non-space, followed by a
/// section title. A new line starts before the enumerator and, when no space follows, after the
/// title: offsets in line [b, e) where a line starts without a byte being replaced.
void find_glued_headings(const std::string& text, size_t b, size_t e, std::vector<size_t>& out) {
  std::string_view line(text.data() + b, e - b);
  // From each 、 back over the numerals before it ("二、", "十二、"): a fast scan of long prose.
  constexpr std::string_view kComma = "、";
  for (size_t c = line.find(kComma, 3); c != std::string_view::npos; c = line.find(kComma, c + kComma.size())) {
    size_t i = c;
    while (i >= 3 && is_zh_numeral_char(line.substr(i - 3))) i -= 3;
    if (i == c || i < 3) continue;
    if (line[i - 1] == ' ') continue;
    // 十二、 第二 表二： are not a heading's start.
    std::string_view prev = line.substr(i - 3, 3);
    if (prev == "第" || prev == "表") continue;
    size_t en = enumerator_length(line.substr(i));
    if (en == 0 || line.substr(i, en).find(kComma) == std::string_view::npos) continue;
    size_t tl = title_at(line.substr(i + en));
    if (tl == 0) continue;
    out.push_back(b + i);
    size_t end = i + en + tl;
    if (end < line.size() && line[end] != ' ') out.push_back(b + end);
    c = std::max(c, end > kComma.size() ? end - kComma.size() : 0);
  }
}

/// Does a run of at least seven numbers (a 表三 row) start within a label's length of `rest`?
bool row_follows(std::string_view rest) {
  constexpr size_t kLabelMax = 200;  // bytes: the longest label with its parentheses
  size_t run = 0;
  for (size_t p = 0; p < rest.size() && (run || p < kLabelMax);) {
    size_t q = rest.find(' ', p);
    if (q == std::string_view::npos) q = rest.size();
    if (is_number_word(rest.substr(p, q - p))) {
      if (++run >= 7) return true;
    } else if (run) {
      return false;
    }
    p = q + 1;
  }
  return false;
}

/// Does `rest` start with a whole row of numbers (seven)?
bool numbers_next(std::string_view rest) {
  size_t w = rest.find(' ');
  return is_number_word(rest.substr(0, w)) && row_follows(rest);
}

/// The places in line [b, e) of `text` whose byte (a space) should become a newline.
void find_breaks(const std::string& text, size_t b, size_t e, std::vector<size_t>& out, std::vector<size_t>& glued) {
  const Marks& m = marks();
  std::string_view line(text.data() + b, e - b);
  size_t run_start = std::string_view::npos, run = 0;  // a run of number words after a space
  size_t border = std::string_view::npos, run_border = border;  // a border row before it
  size_t last_bar = std::string_view::npos - 2;  // the space before the last "|" word
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != ' ' || i + 1 >= line.size()) continue;
    std::string_view rest = line.substr(i + 1);
    size_t w = rest.find(' ');
    std::string_view word = rest.substr(0, w);
    if (word.find_first_not_of('|') == std::string_view::npos) {  // "|", "||||": a cell border
      // A row of borders right before the data stands on its own line: it ends the header row
      // in the trailing-pipe layout ("总计 | |||||| 0 | 0 | …").
      if (run == 0 && word.size() > 1) border = i;
      // One markdown row's closing bar and the next one's opening bar, after a row's numbers
      // ("… 0 | 9 | | 0 | 0 …"): the next row starts at the second bar. Not when text follows
      // ("… 0 | 0 | | 三、…"): the row's last cell is blank, and the text's own break ends the row.
      if (run >= kRowEnd && last_bar + 2 == i && word.size() == 1 && w != std::string_view::npos) {
        std::string_view next = rest.substr(w + 1);
        if (is_number_word(next.substr(0, next.find(' ')))) { out.push_back(b + i); run = 0; }
      }
      last_bar = i;
      continue;
    }
    if (is_number_word(word)) {
      if (run == 0) { run_start = i; run_border = border; }
      // A row's digits run together right after its header's last word ("…尚未审结总计 271091561",
      // 表四 as a crawler joined its text nodes): the data row starts a line of its own.
      if (run == 0 && word.size() >= kRowEnd && word.find_first_not_of("0123456789") == std::string_view::npos &&
          ends_with(line.substr(0, i), kTotalHeader)) {
        out.push_back(b + i);
        // (and ends it, when text follows: "… 40010555204612609722 （一）2024 年工作中…")
        if (text_after(rest, w)) out.push_back(b + i + 1 + w);
      }
      if (++run == kDataRun) {
        if (run_border != std::string_view::npos) out.push_back(b + run_border);
        out.push_back(b + run_start);
      }
      continue;
    }
    // A row's numbers end where text follows them: a line ends there ("… 9 0 0 0 0 0 9 项目 本年新收件数 …",
    // "… 总计 27 10 9 15 61 ### 行政诉讼…"). Five or more: a row of 表四's small tables or of 表三.
    if (run >= kRowEnd) out.push_back(b + i);
    run = 0;
    // A row's label with its digits run together ("二、上年结转政府信息公开申请数量0000000", a crawler's
    // text nodes joined with nothing) and text after it: the row ends after its digits.
    if (glued_row_end(word) && text_after(rest, w)) out.push_back(b + i + 1 + w);
    border = std::string_view::npos;
    if (rest.compare(0, std::strlen(kCaption), kCaption) == 0) { out.push_back(b + i); continue; }
    // A markdown heading's marks ("… 行政事业性收费 0 ## 表二：…"): a heading starts there.
    if (word.size() <= 6 && word.find_first_not_of('#') == std::string_view::npos) { out.push_back(b + i); continue; }
    if (std::binary_search(m.words.begin(), m.words.end(), word) || glued_word(word)) {
      out.push_back(b + i);
      continue;
    }
    if (std::find(m.bare.begin(), m.bare.end(), word) != m.bare.end()) {  // " 引言 ": a line of its own
      out.push_back(b + i);
      if (w != std::string_view::npos) out.push_back(b + i + 1 + w);
      continue;
    }
    size_t en = enumerator_length(rest);
    if (en == 0) {
      // A 表三 row label printed without its enumerator ("予以公开 290 1 0 0 3 0 294", a browser's
      // copy of a table that gave each row its own caption): a line of its own when a whole row
      // of numbers follows it closely.
      // (right after its own enumerator, "1. 属于国家秘密": the break goes before "1.")
      size_t pw = line.rfind(' ', i ? i - 1 : 0);
      std::string_view prev = line.substr(pw == std::string_view::npos ? 0 : pw + 1, i - (pw == std::string_view::npos ? 0 : pw + 1));
      bool after_enumerator = !prev.empty() && enumerator_length(prev) >= prev.size();
      // (after an enumerator printed apart, its first two characters, as for "1.属于…" below)
      const auto& keys = after_enumerator ? m.heads : m.labels;
      const size_t n = after_enumerator ? kHeadBytes : 2 * kHeadBytes;
      const bool short_label =
          !after_enumerator && std::find(m.short_labels.begin(), m.short_labels.end(), word) != m.short_labels.end();
      // ("其他0000000": a short label with its row's digits run on)
      const bool short_glued = !after_enumerator && !short_label && glued_row_end(word) &&
                               std::any_of(m.short_labels.begin(), m.short_labels.end(),
                                           [&](const std::string& l) { return label_then(word, l, "0123456789"); });
      if (short_glued ||
          (((rest.size() >= n && std::binary_search(keys.begin(), keys.end(), rest.substr(0, n))) || short_label) &&
           (after_enumerator || (short_label ? numbers_next(rest.substr(std::min(rest.size(), word.size() + 1)))
                                             : row_follows(rest) || glued_row_end(word))))) {
        if (!after_enumerator) out.push_back(b + i);
        else if (pw != std::string_view::npos) out.push_back(b + pw);
      }
      continue;
    }
    std::string_view after = rest.substr(en);
    while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
    size_t tl = title_at(after);
    // A few Han characters before the title ("五、工作中存在的主要问题及改进情况": sections.cpp reads
    // such a line as that section, NB0206).
    for (size_t k = 3; !tl && k <= 12 && k < after.size(); k += 3) {
      const unsigned char lead = static_cast<unsigned char>(after[k - 3]);
      if (lead < 0xE4 || lead > 0xE9) break;  // CJK ideographs only
      if (size_t t = title_at(after.substr(k))) tl = k + t;
    }
    if (tl) {
      out.push_back(b + i);
      size_t end = size_t(after.data() - line.data()) + tl;  // line offset after the title
      if (end < line.size() && line[end] == ' ') out.push_back(b + end);
      else if (end < line.size()) glued.push_back(b + end);  // "…情况200 000121": the text runs on
      continue;
    }
    if (after.size() < kHeadBytes) continue;
    if (std::binary_search(m.heads.begin(), m.heads.end(), after.substr(0, kHeadBytes))) out.push_back(b + i);
  }
}

}  // namespace

/// A break in front of a markdown heading's text goes in front of its '#' marks ("… 713 ### 二、…").
void before_marks(const std::string& text, size_t b, std::vector<size_t>& breaks) {
  for (size_t& at : breaks) {
    size_t p = at;
    while (p > b && text[p - 1] == '#') --p;
    if (p < at && p > b && text[p - 1] == ' ') at = p - 1;
  }
}

/// In a collapsed markdown table (its "|---|" rows are in the line), a row's label comes after its
/// row's opening bar ("| 1.属于国家秘密 | 0 | …"). A label that a break starts after the closing bar
/// of a value's cell is printed loose, outside any row ("… 5.属于三类内部事务信 息 1.本机关不掌握相关政 府信息 | 1 | 0 | …", a PDF's
/// row-spanning cells): the row of numbers after it is not its own, so it starts a line of its own.
void loose_labels(const std::string& text, size_t b, size_t e, std::vector<size_t>& breaks) {
  std::string_view line(text.data() + b, e - b);
  if (line.find("|---") == std::string_view::npos) return;
  constexpr size_t kLabelMax = 200;  // bytes, as row_follows
  const size_t n = breaks.size();
  for (size_t k = 0; k < n; ++k) {
    const size_t at = breaks[k] - b;  // the space the new line starts after
    if (at == 0 || at + 1 >= line.size() || line[at + 1] == '|') continue;
    // Only when the last bar before it closes a value's cell ("… | 0 | 5.属于…") or a separator row
    // ("|---|---| （四）…"): a bar after text may
    // open the label's own row ("…其他情形） | （三）不予公开 1.属于国家秘密 | 0 | …"), and one after a
    // bar does ("… | | 三、本年度办理结果 （一）予以公开 | 5 | …").
    size_t last = line.rfind('|', at);
    if (last == std::string_view::npos || last < 2) continue;
    if (line[last - 1] != '-' && line[last - 1] != ':') {  // (a separator row's last bar closes too)
      if (line[last - 1] != ' ') continue;
      size_t ws = line.rfind(' ', last - 2);
      ws = ws == std::string_view::npos ? 0 : ws + 1;
      if (!is_number_word(line.substr(ws, last - 1 - ws))) continue;
    }
    size_t bar = line.find(" |", at + 1);
    if (bar == std::string_view::npos || bar - at > kLabelMax || bar + 3 >= line.size() || line[bar + 2] != ' ') continue;
    std::string_view next = line.substr(bar + 3);
    if (is_number_word(next.substr(0, next.find(' ')))) breaks.push_back(b + bar);
  }
}

void reline_collapsed(Doc& doc) {
  std::vector<size_t> breaks, line_breaks, glued, line_glued;
  for (const Line& ln : doc.lines) {
    if (ln.end - ln.start < kLongLine) continue;
    line_breaks.clear();
    line_glued.clear();
    find_breaks(doc.text, ln.start, ln.end, line_breaks, line_glued);
    before_marks(doc.text, ln.start, line_breaks);
    loose_labels(doc.text, ln.start, ln.end, line_breaks);
    find_glued_headings(doc.text, ln.start, ln.end, line_glued);
    if (line_breaks.size() + line_glued.size() < kMinBreaks) continue;
    breaks.insert(breaks.end(), line_breaks.begin(), line_breaks.end());
    glued.insert(glued.end(), line_glued.begin(), line_glued.end());
  }
  if (breaks.empty() && glued.empty()) return;
  for (size_t at : breaks) doc.text[at] = '\n';
  index_lines(doc);
  if (glued.empty()) return;
  // Lines that start without a newline byte: split the indexed lines there (no byte changes,
  // so every offset map stays as it is).
  std::sort(glued.begin(), glued.end());
  std::vector<Line> lines;
  lines.reserve(doc.lines.size() + glued.size());
  size_t g = 0;
  for (const Line& ln : doc.lines) {
    uint32_t start = ln.start;
    while (g < glued.size() && glued[g] < start) ++g;
    for (; g < glued.size() && glued[g] < ln.end; ++g) {
      if (glued[g] == start) continue;
      lines.push_back({start, uint32_t(glued[g])});
      start = uint32_t(glued[g]);
    }
    lines.push_back({start, ln.end});
  }
  doc.lines = std::move(lines);
}

}  // namespace nianbao
