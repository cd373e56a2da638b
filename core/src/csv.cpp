// csv: tables saved as comma-separated values, read like a tab-separated paste.
//
// A table exported from a spreadsheet (Excel's 另存为 CSV, WPS, pandas' to_csv, a crawler's
// export) and pasted or batch-checked has a comma where a paste from a table has a tab:
//   一、本年新收政府信息公开申请数量,,0,0,0,0,0,0,0
//   ,"(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)",0,0,0,0,0,0,0
// Every table reader reads tabs, so such a table read as nothing. Here, in every run of at least
// kMinRows records (lines, or lines joined by a quoted field's line breaks) that each have at
// least two separating commas, with at least one record of kWideRow fields or more — or that are
// each one field in quotes (a one-column sheet saved with its text quoted, `"一、总体情况"`):
//   - a separating comma becomes a tab;
//   - a field's enclosing quotes become spaces, and in a quoted field, the first of each
//     doubled quote (`""`) too; a line break inside a quoted field becomes a space.
// Only ASCII commas and quotes of the input count (a report's ，and “” fold to , and "
// but are never separators), and a line holding a tab is not CSV. Every change replaces one
// byte by one, so the offset maps do not change; the lines are indexed again when a quoted
// field joined some. Narrative lines end a run (no comma, or a 。 outside quotes: a sentence such as
// `2022年,共收到申请1,234件,办结1,200件。` is not a row); blank lines do not.
#include <vector>

#include "doc.h"

namespace nianbao {
namespace {

constexpr size_t kMinRows = 3;    // records in a run before any of them is read as CSV
constexpr size_t kWideRow = 4;    // fields in at least one record of the run
constexpr size_t kMaxJoined = 8;  // lines one record may span (a quoted cell with line breaks)

/// One record: where it ends (its last line's end) and the bytes that change.
struct Record {
  size_t first_line = 0, last_line = 0;
  std::vector<uint32_t> tabs, spaces;  // commas that separate (fields: one more); quotes and line breaks that go
  bool csv = false;                    // a record at all (no tab, every quote closed)
  bool enclosed = false;               // one field, in quotes from its first byte to its last
};

/// The input's own ASCII `c` at folded position `p` (not a full-width form folded to it).
bool ascii_at(const Doc& doc, uint32_t p, char c) {
  if (doc.text[p] != c) return false;
  const uint32_t v = doc.fmap.start(p);
  return v < doc.view.size() && doc.view[v] == c && doc.fmap.end(p + 1) == v + 1;
}

/// The record that starts at line `l`.
Record read_record(const Doc& doc, size_t l) {
  Record r;
  r.first_line = r.last_line = l;
  const Record none = r;
  const std::string& t = doc.text;
  bool quoted = false, field_start = true;
  uint32_t p = doc.lines[l].start;
  for (;;) {
    const uint32_t end = doc.lines[r.last_line].end;
    for (; p < end; ++p) {
      const char c = t[p];
      if (c == '\t') return none;
      if (!quoted && t.compare(p, 3, "\xE3\x80\x82") == 0) return none;  // 。 ends a sentence, not a cell
      if (quoted) {
        if (c != '"' || !ascii_at(doc, p, '"')) continue;
        if (p + 1 < end && t[p + 1] == '"' && ascii_at(doc, p + 1, '"')) {  // "" inside: one quote
          r.spaces.push_back(p++);
          continue;
        }
        r.spaces.push_back(p);
        quoted = false;
      } else if (c == ',' && ascii_at(doc, p, ',')) {
        r.tabs.push_back(p);
        field_start = true;
      } else if (field_start && c == ' ') {
        continue;
      } else if (field_start && c == '"' && ascii_at(doc, p, '"')) {
        r.spaces.push_back(p);
        quoted = true;
        field_start = false;
      } else {
        field_start = false;
      }
    }
    if (!quoted) break;
    // A quoted field goes on over the line break (or the text ends inside it: not CSV).
    if (r.last_line + 1 >= doc.lines.size() || r.last_line + 1 - l >= kMaxJoined) return none;
    r.spaces.push_back(end);
    p = doc.lines[++r.last_line].start;
  }
  r.csv = true;
  if (r.tabs.empty() && !r.spaces.empty()) {
    const std::string_view first = doc.line_text(r.first_line), last = doc.line_text(r.last_line);
    const size_t b = first.find_first_not_of(' '), e = last.find_last_not_of(' ');
    r.enclosed = b != std::string_view::npos && e != std::string_view::npos &&
                 doc.lines[r.first_line].start + b == r.spaces.front() &&
                 doc.lines[r.last_line].start + e == r.spaces.back() && t[r.spaces.back()] == '"';
  }
  return r;
}

bool blank_line(const Doc& doc, size_t l) { return doc.line_text(l).find_first_not_of(' ') == std::string_view::npos; }

}  // namespace

void csv_cells(Doc& doc) {
  // Cheap way out: no ASCII comma or quote in the input's view, nothing to do.
  if (doc.view.find_first_of(",\"") == std::string_view::npos) return;
  std::vector<Record> run;
  bool wide = false, joined = false, all_enclosed = true;
  auto flush = [&] {
    if (run.size() >= kMinRows && (wide || all_enclosed))
      for (const Record& r : run) {
        for (const uint32_t p : r.tabs) doc.text[p] = '\t';
        for (const uint32_t p : r.spaces) doc.text[p] = ' ';
        joined |= r.last_line != r.first_line;
      }
    run.clear();
    wide = false;
    all_enclosed = true;
  };
  for (size_t l = 0; l < doc.lines.size(); ++l) {
    if (blank_line(doc, l)) continue;
    Record r = read_record(doc, l);
    if (!r.csv || (r.tabs.size() + 1 < 3 && !r.enclosed)) {
      flush();
      continue;
    }
    wide |= r.tabs.size() + 1 >= kWideRow;
    all_enclosed &= r.enclosed;
    l = r.last_line;
    run.push_back(std::move(r));
  }
  flush();
  if (joined) index_lines(doc);
}

}  // namespace nianbao
