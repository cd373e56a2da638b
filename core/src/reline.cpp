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
//   - a run of at least kDataRun numbers (表四's one data row of fifteen cells).
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
constexpr const char* kCaption = "第二十条";  // starts each sub-table of 表二
constexpr const char* kHeader = "信息内容";   // starts the header row of each sub-table of 表二

struct Marks {
  std::vector<std::string> titles;  // every section title of every template, longest first
  std::vector<std::string> heads;   // first two characters of every 表三 label, sorted
  std::vector<std::string> words;   // 表二's row labels and 信息内容 (whole words), sorted
  std::vector<std::string> bare;    // titles printed without a numeral (引言), whole words
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
    std::sort(out.heads.begin(), out.heads.end());
    out.heads.erase(std::unique(out.heads.begin(), out.heads.end()), out.heads.end());
    return out;
  }();
  return m;
}

bool is_number_word(std::string_view w) {
  if (w.empty()) return false;
  size_t i = w[0] == '-' ? 1 : 0;
  if (i == w.size()) return false;
  for (; i < w.size(); ++i)
    if (!((w[i] >= '0' && w[i] <= '9') || w[i] == '.')) return false;
  return true;
}

/// The places in line [b, e) of `text` whose byte (a space) should become a newline.
void find_breaks(const std::string& text, size_t b, size_t e, std::vector<size_t>& out) {
  const Marks& m = marks();
  std::string_view line(text.data() + b, e - b);
  size_t run_start = std::string_view::npos, run = 0;  // a run of number words after a space
  size_t border = std::string_view::npos, run_border = border;  // a border row before it
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != ' ' || i + 1 >= line.size()) continue;
    std::string_view rest = line.substr(i + 1);
    size_t w = rest.find(' ');
    std::string_view word = rest.substr(0, w);
    if (word.find_first_not_of('|') == std::string_view::npos) {  // "|", "||||": a cell border
      // A row of borders right before the data stands on its own line: it ends the header row
      // in the trailing-pipe layout ("总计 | |||||| 0 | 0 | …").
      if (run == 0 && word.size() > 1) border = i;
      continue;
    }
    if (is_number_word(word)) {
      if (run == 0) { run_start = i; run_border = border; }
      if (++run == kDataRun) {
        if (run_border != std::string_view::npos) out.push_back(b + run_border);
        out.push_back(b + run_start);
      }
      continue;
    }
    run = 0;
    border = std::string_view::npos;
    if (rest.compare(0, std::strlen(kCaption), kCaption) == 0) { out.push_back(b + i); continue; }
    if (std::binary_search(m.words.begin(), m.words.end(), word)) { out.push_back(b + i); continue; }
    if (std::find(m.bare.begin(), m.bare.end(), word) != m.bare.end()) {  // " 引言 ": a line of its own
      out.push_back(b + i);
      if (w != std::string_view::npos) out.push_back(b + i + 1 + w);
      continue;
    }
    size_t en = enumerator_length(rest);
    if (en == 0) continue;
    std::string_view after = rest.substr(en);
    while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
    bool title = false;
    for (const auto& t : m.titles) {
      if (after.compare(0, t.size(), t) != 0) continue;
      title = true;
      out.push_back(b + i);
      size_t end = size_t(after.data() - line.data()) + t.size();  // line offset after the title
      if (end < line.size() && line[end] == ' ') out.push_back(b + end);
      break;
    }
    if (title || after.size() < kHeadBytes) continue;
    if (std::binary_search(m.heads.begin(), m.heads.end(), after.substr(0, kHeadBytes))) out.push_back(b + i);
  }
}

}  // namespace

void reline_collapsed(Doc& doc) {
  std::vector<size_t> breaks, line_breaks;
  for (const Line& ln : doc.lines) {
    if (ln.end - ln.start < kLongLine) continue;
    line_breaks.clear();
    find_breaks(doc.text, ln.start, ln.end, line_breaks);
    if (line_breaks.size() >= kMinBreaks) breaks.insert(breaks.end(), line_breaks.begin(), line_breaks.end());
  }
  if (breaks.empty()) return;
  for (size_t at : breaks) doc.text[at] = '\n';
  index_lines(doc);
}

}  // namespace nianbao
