#include "cells.h"

#include <cmath>
#include <cstring>
#include <cstdlib>

#include "match.h"
#include "utf8.h"

namespace nianbao {
namespace {

/// Is `s` non-empty and made of `chars` only? (A loop: the sets are two or three characters.)
bool only(std::string_view s, std::string_view chars) {
  if (s.empty()) return false;
  for (char c : s) {
    bool in = false;
    for (char x : chars) in |= x == c;
    if (!in) return false;
  }
  return true;
}

struct Votes {
  size_t tsv = 0, cpl = 0, pipe = 0, markdown = 0, plain = 0;
  const char* winner() const {
    size_t best = plain;
    const char* name = "plain";
    if (tsv > best) { best = tsv; name = "tsv"; }
    if (cpl > best) { best = cpl; name = "cell-per-line"; }
    if (pipe > best) { best = pipe; name = "pipe"; }
    if (markdown > best) { best = markdown; name = "markdown"; }
    return name;
  }
};

// Table lines are short, and memchr costs a call per search: these look at eight bytes
// per step instead (a zero byte of x ^ c·0x0101… is a byte equal to c).
constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
inline bool has_byte(uint64_t x, unsigned char c) {
  uint64_t y = x ^ (kOnes * c);
  return ((y - kOnes) & ~y & kHighs) != 0;  // exact for "some byte is c"
}
inline uint64_t load8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

/// What a line holds: a '|' (then the tabs don't matter), else a tab, else neither.
enum class Marks { bar, tab, none };
Marks line_marks(std::string_view line) {
  bool tab = false;
  size_t i = 0;
  for (; i + 8 <= line.size(); i += 8) {
    uint64_t w = load8(line.data() + i);
    if (has_byte(w, '|')) return Marks::bar;
    tab = tab || has_byte(w, '\t');
  }
  for (; i < line.size(); ++i) {
    if (line[i] == '|') return Marks::bar;
    tab = tab || line[i] == '\t';
  }
  return tab ? Marks::tab : Marks::none;
}

/// Offset of the first tab of `line` at or after `from`, or npos.
size_t find_tab(std::string_view line, size_t from) {
  size_t i = from;
  for (; i + 8 <= line.size(); i += 8)
    if (has_byte(load8(line.data() + i), '\t')) break;
  for (; i < line.size(); ++i)
    if (line[i] == '\t') return i;
  return std::string_view::npos;
}

/// The trimmed span [b, e) of the folded text as a cell.
void push_cell(TokenStream& ts, const Doc& doc, uint32_t b, uint32_t e) {
  while (b < e && (doc.text[b] == ' ' || doc.text[b] == '\t')) ++b;
  while (e > b && (doc.text[e - 1] == ' ' || doc.text[e - 1] == '\t')) --e;
  Token t;
  t.text = std::string_view(doc.text).substr(b, e - b);
  t.start = b;
  t.end = e;
  ts.tokens.push_back(t);
}

void push_row_end(TokenStream& ts) {
  if (!ts.tokens.empty() && ts.tokens.back().kind == Token::row_end) return;
  Token t;
  t.kind = Token::row_end;
  ts.tokens.push_back(t);
}

/// Calls `f(from, to)` for each '|'-separated segment of a markdown row after its leading
/// '|' (line offsets); a last segment without a closing '|' only when it is not blank.
template <typename F>
void markdown_segments(std::string_view line, F f) {
  size_t from = line.find('|') + 1;
  while (from <= line.size()) {
    size_t bar = line.find('|', from);
    if (bar == std::string_view::npos) {
      if (!trim(line.substr(from)).empty()) f(from, line.size());
      break;
    }
    f(from, bar);
    from = bar + 1;
  }
}

}  // namespace

TokenStream tokenize(const Doc& doc, size_t first, size_t last) {
  TokenStream ts;
  tokenize(doc, first, last, ts);
  return ts;
}

void tokenize(const Doc& doc, size_t first, size_t last, TokenStream& ts) {
  ts.tokens.clear();
  ts.joined.clear();
  ts.tokens.reserve(2 * (last - first) + 8);  // most lines give a cell and a row end
  Votes votes;
  bool prev_cpl = false;  // previous line was a one-cell-per-line cell
  // A browser's copy of a table whose cells hold paragraphs (<td><p>…</p></td>, as Word's HTML
  // has): each cell starts with a line of only a tab, its text follows after a blank line, and
  // blank lines lie between the cells of a row ("\t" / "" / "26" / "" / "\t" / "" / "\t" …).
  // The lone tab opens the cell (`tab_cell`: its token, still empty); a value on the next
  // non-blank line is its text; the blank lines inside such a row are not row ends.
  size_t tab_cell = SIZE_MAX;
  bool tab_row = false;   // inside a row of such cells
  auto lone_tab = [&](size_t i) {
    std::string_view l = doc.line_text(i);
    return !l.empty() && l[0] == '\t' && l.find('\t', 1) == std::string_view::npos && trim(l).empty();
  };
  size_t tab_line = SIZE_MAX;  // the line of `tab_cell`
  // Text right after a lone tab, or after one blank line, is that cell's; the next row's first
  // cell comes after more blank lines.
  auto tab_starts_within_one = [&](size_t i) {
    if (i < last && lone_tab(i)) return true;
    return i + 1 < last && trim(doc.line_text(i)).empty() && !lone_tab(i) && lone_tab(i + 1);
  };
  auto next_is_lone_tab = [&](size_t i) {
    while (i < last && trim(doc.line_text(i)).empty() && !lone_tab(i)) ++i;
    return i < last && lone_tab(i);
  };
  for (size_t li = first; li < last; ++li) {
    const Line& ln = doc.lines[li];
    std::string_view line = doc.line_text(li);
    std::string_view t = trim(line);
    if (t.empty()) {
      // A line of only a tab is an empty cell in the one-cell-per-line layout.
      if (lone_tab(li)) {
        push_cell(ts, doc, ln.start + 1, ln.start + 1);
        tab_cell = ts.tokens.size() - 1;
        tab_line = li;
        tab_row = true;
        prev_cpl = true;
        ++votes.cpl;
        continue;
      }
      if (tab_row && (tab_cell != SIZE_MAX || next_is_lone_tab(li + 1))) continue;
      push_row_end(ts);
      prev_cpl = false;
      tab_row = false;
      continue;
    }
    if (tab_cell != SIZE_MAX && tab_cell + 1 == ts.tokens.size() && ts.tokens[tab_cell].text.empty() &&
        line.find('\t') == std::string_view::npos && (li == first || li - 1 <= tab_line + 1)) {
      Token& cell = ts.tokens[tab_cell];  // the lone tab's cell: this is its text
      cell.start = ln.start + uint32_t(t.data() - line.data());
      cell.end = cell.start + uint32_t(t.size());
      cell.text = t;
      tab_cell = SIZE_MAX;
      continue;
    }
    tab_cell = SIZE_MAX;
    tab_row = false;
    const Marks marks = line_marks(line);
    if (marks == Marks::bar) {
      uint32_t base = ln.start;
      if (t.front() == '|') {  // markdown row: | a | b |
        ++votes.markdown;
        bool separator = true;  // |---|:--:| (also a row of no segments)
        markdown_segments(line, [&](size_t b, size_t e) { separator &= only(trim(line.substr(b, e - b)), "-: "); });
        if (separator) { push_row_end(ts); continue; }
        push_row_end(ts);
        // (a separator row run into a data row, as a collapsed report has it: "|---|---| | 行政… | 40 |";
        // the blank between the separator's last bar and the row's first is no cell)
        bool after_separator = false;
        markdown_segments(line, [&](size_t b, size_t e) {
          std::string_view seg = trim(line.substr(b, e - b));
          if (seg.size() >= 3 && only(seg, "-:")) { after_separator = true; return; }
          const bool boundary = after_separator && seg.empty();
          after_separator = false;
          if (boundary) return;
          push_cell(ts, doc, base + uint32_t(b), base + uint32_t(e));
        });
        push_row_end(ts);
        prev_cpl = false;
        continue;
      }
      // Trailing-pipe layout: "text |", and "||||" lines that pad a row and end it.
      ++votes.pipe;
      if (only(t, "| ")) { push_row_end(ts); prev_cpl = false; continue; }
      // A line of several cells is a row of its own (a caption and its row in one line: "### 行政复议 |
      // 结果维持 | … | 27 | 10 | 9 | 15 | 61 |"); one cell a line is the layout's cell-per-line form.
      const size_t first_cell = ts.tokens.size();
      size_t from = 0;
      while (from < line.size()) {
        size_t bar = line.find('|', from);
        size_t e = bar == std::string_view::npos ? line.size() : bar;
        std::string_view seg = trim(line.substr(from, e - from));
        // (a markdown separator cell "----------" run into the line, as a collapsed report has it,
        // is not a blank cell: a blank is "-" or "—")
        bool separator = seg.size() >= 3 && only(seg, "-:");
        if (!seg.empty() && !separator) push_cell(ts, doc, base + uint32_t(from), base + uint32_t(e));
        if (bar == std::string_view::npos) break;
        from = bar + 1;
      }
      if (ts.tokens.size() - first_cell >= 3) {
        // A row whose last cell is blank, cut from a collapsed markdown table ("四、结转… | 1 | … | 0 | |"):
        // the blank between its last two bars is a cell.
        std::string_view tail = trim(line);
        if (tail.size() >= 3 && tail.back() == '|') {
          size_t k = tail.size() - 1;
          while (k > 0 && tail[k - 1] == ' ') --k;
          if (k < tail.size() - 1 && k > 0 && tail[k - 1] == '|' && (k < 2 || tail[k - 2] == ' ')) {
            size_t at = size_t(tail.data() - line.data()) + k;  // the last bar
            push_cell(ts, doc, base + uint32_t(at), base + uint32_t(at));
          }
        }
        Token end;
        end.kind = Token::row_end;
        if (first_cell > 0 && ts.tokens[first_cell - 1].kind != Token::row_end)
          ts.tokens.insert(ts.tokens.begin() + long(first_cell), end);
        push_row_end(ts);
      }
      prev_cpl = false;
      continue;
    }
    if (marks == Marks::tab) {
      size_t lead = 0;
      while (lead < line.size() && line[lead] == '\t') ++lead;
      bool one_cell = lead >= 1 && find_tab(line, lead) == std::string_view::npos;
      if (one_cell) {  // one cell per line: "\tvalue"
        ++votes.cpl;
        push_cell(ts, doc, ln.start + uint32_t(lead), ln.end);
        prev_cpl = true;
        continue;
      }
      ++votes.tsv;
      push_row_end(ts);
      for (size_t from = 0;;) {  // a cell between each two tabs
        size_t tab = find_tab(line, from);
        size_t e = tab == std::string_view::npos ? line.size() : tab;
        push_cell(ts, doc, ln.start + uint32_t(from), ln.start + uint32_t(e));
        if (tab == std::string_view::npos) break;
        from = tab + 1;
      }
      push_row_end(ts);
      prev_cpl = false;
      continue;
    }
    // A plain line. Right after a one-cell-per-line cell it continues that cell
    // (a label broken by the PDF or the editor: "本年新" / "制作数量").
    if (prev_cpl && !ts.tokens.empty() && ts.tokens.back().kind == Token::cell && !ts.tokens.back().text.empty() &&
        value_kind(ts.tokens.back().text) == Value::text && value_kind(t) == Value::text) {
      Token& prev = ts.tokens.back();
      // The joined text lives in `joined` (the first entry when `prev` was joined before).
      if (ts.joined.empty() || prev.text.data() != ts.joined.front().data()) ts.joined.emplace_front(prev.text);
      ts.joined.front() += t;
      prev.text = ts.joined.front();
      prev.end = ln.start + uint32_t(t.data() - line.data() + t.size());
      continue;
    }
    ++votes.plain;
    push_row_end(ts);
    push_cell(ts, doc, ln.start, ln.end);
    // The first cell of a row of lone-tab cells (no tab before it) begins that row.
    if (tab_starts_within_one(li + 1)) tab_row = true;
    else push_row_end(ts);
    prev_cpl = false;
  }
  push_row_end(ts);
  ts.layout = votes.winner();
}

namespace {

/// What parse_value reads from a text: its kind and, for a number, its parts.
struct Scan {
  Value::Kind kind = Value::text;
  const char* unit = nullptr;   // printed after the number
  std::string_view num;         // the number without its unit: sign, digits, ',' and '.'
  bool neg = false, dot = false;
};

Scan scan_value(std::string_view text) {
  Scan s;
  std::string_view t = trim(text);
  // Blank: nothing, dashes and slashes, "—", "——", "无". A number starts with its sign or a
  // digit (a unit only ever follows it): anything else is text.
  if (t.empty()) {
    s.kind = Value::empty;
    return s;
  }
  const char c0 = t[0];
  if (c0 == '-' || c0 == '/' || c0 == '\\') {
    if (only(t, "-/\\")) s.kind = Value::empty;
    if (c0 != '-') return s;
  } else if (!(c0 >= '0' && c0 <= '9') && c0 != '+') {
    if (t == "—" || t == "——" || t == "无") s.kind = Value::empty;
    return s;
  }
  if (s.kind == Value::empty) return s;
  // Units printed with the number (none when it ends in a digit).
  static const char* const kUnits[] = {"万元", "元", "人次", "件", "项", "个", "条", "次", "家", "起", "%"};
  std::string_view num = t;
  if (!(t.back() >= '0' && t.back() <= '9')) {
    for (const char* u : kUnits) {
      std::string_view us(u);
      if (num.size() > us.size() && num.compare(num.size() - us.size(), us.size(), us) == 0) {
        s.unit = u;
        num = trim(num.substr(0, num.size() - us.size()));
        break;
      }
    }
  }
  size_t i = 0;
  if (i < num.size() && (num[i] == '-' || num[i] == '+')) { s.neg = num[i] == '-'; ++i; }
  size_t int_digits = 0, frac_digits = 0;
  for (; i < num.size(); ++i) {
    char c = num[i];
    if (c >= '0' && c <= '9') {
      (s.dot ? frac_digits : int_digits)++;
    } else if (c == ',' && !s.dot && int_digits > 0) {
      continue;  // thousands separator
    } else if (c == '.' && !s.dot && int_digits > 0) {
      s.dot = true;
    } else {
      return Scan{};
    }
  }
  if (int_digits == 0 || (s.dot && frac_digits == 0) || int_digits > 15) return Scan{};
  s.kind = Value::number;
  s.num = num;
  return s;
}

}  // namespace

Value::Kind value_kind(std::string_view text) { return scan_value(text).kind; }

ValueInfo value_info(std::string_view text) {
  Scan s = scan_value(text);
  ValueInfo v;
  v.kind = s.kind;
  if (s.kind != Value::number) return v;
  v.integer = !s.dot;
  v.unit = s.unit != nullptr;
  return v;
}

Value parse_value(std::string_view text) {
  Value v;
  Scan s = scan_value(text);
  v.kind = s.kind;
  if (s.kind != Value::number) return v;
  if (s.unit) v.unit = s.unit;
  // Canonical text: no thousands separators, no leading zeros ("007" → "7"), the printed
  // decimals kept; "-0" is "0".
  std::string& c = v.canonical;
  if (s.neg) c += '-';
  const size_t base = c.size();
  for (char ch : s.num)
    if ((ch >= '0' && ch <= '9') || ch == '.') c += ch;  // not the sign, not ','
  size_t nz = base;
  while (nz + 1 < c.size() && c[nz] == '0' && c[nz + 1] != '.') ++nz;
  c.erase(base, nz - base);
  if (c == "-0") c = "0";
  if (s.dot) {
    v.v = std::strtod(c.c_str(), nullptr);
  } else {  // at most 15 digits: exact as a double, as strtod would give
    uint64_t n = 0;
    for (size_t i = c[0] == '-' ? 1 : 0; i < c.size(); ++i) n = n * 10 + uint64_t(c[i] - '0');
    v.v = c[0] == '-' ? -double(n) : double(n);
  }
  v.integer = !s.dot;
  return v;
}

bool split_numeric_tail(std::string_view text, Tail& tail) {
  // Walk back over digits, spaces, '.', ',' and '-' to find where the label ends.
  size_t e = text.size();
  while (e > 0 && text[e - 1] == ' ') --e;
  size_t b = e;
  while (b > 0) {
    char c = text[b - 1];
    if ((c >= '0' && c <= '9') || c == ' ' || c == '.' || c == ',' || c == '-') --b;
    else break;
  }
  // A label keeps its own enumerator digits ("1.属于…") and never ends in "." or "-".
  while (b < e && (text[b] == ' ' || text[b] == '.' || text[b] == ',')) ++b;
  if (b >= e || b == 0) return false;
  tail.label_bytes = 0;  // as Tail{}, keeping the pieces' storage
  tail.pieces.clear();
  tail.digits = 0;
  size_t lb = b;
  while (lb > 0 && text[lb - 1] == ' ') --lb;
  if (lb == 0) return false;  // no label: the caller wants numbers_only
  tail.label_bytes = lb;
  size_t i = b;
  while (i < e) {
    while (i < e && text[i] == ' ') ++i;
    size_t s = i;
    while (i < e && text[i] != ' ') ++i;
    if (i > s) {
      tail.pieces.push_back({s, i});
      for (size_t k = s; k < i; ++k) tail.digits += text[k] >= '0' && text[k] <= '9';
    }
  }
  return !tail.pieces.empty();
}

}  // namespace nianbao
