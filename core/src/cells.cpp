#include "cells.h"

#include <cmath>
#include <cstdlib>

#include "match.h"
#include "utf8.h"

namespace nianbao {
namespace {

bool only(std::string_view s, std::string_view chars) {
  return !s.empty() && s.find_first_not_of(chars) == std::string_view::npos;
}

struct Votes {
  size_t tsv = 0, cpl = 0, pipe = 0, markdown = 0, plain = 0;
  std::string winner() const {
    size_t best = plain;
    const char* name = "plain";
    if (tsv > best) { best = tsv; name = "tsv"; }
    if (cpl > best) { best = cpl; name = "cell-per-line"; }
    if (pipe > best) { best = pipe; name = "pipe"; }
    if (markdown > best) { best = markdown; name = "markdown"; }
    return name;
  }
};

/// Trimmed sub-span [b, e) of the line starting at `base`.
void push_cell(TokenStream& ts, const Doc& doc, uint32_t b, uint32_t e) {
  while (b < e && (doc.text[b] == ' ' || doc.text[b] == '\t')) ++b;
  while (e > b && (doc.text[e - 1] == ' ' || doc.text[e - 1] == '\t')) --e;
  Token t;
  t.text = doc.text.substr(b, e - b);
  t.start = b;
  t.end = e;
  ts.tokens.push_back(std::move(t));
}

void push_row_end(TokenStream& ts) {
  if (!ts.tokens.empty() && ts.tokens.back().kind == Token::row_end) return;
  Token t;
  t.kind = Token::row_end;
  ts.tokens.push_back(std::move(t));
}

}  // namespace

TokenStream tokenize(const Doc& doc, size_t first, size_t last) {
  TokenStream ts;
  Votes votes;
  bool prev_cpl = false;  // previous line was a one-cell-per-line cell
  for (size_t li = first; li < last; ++li) {
    const Line& ln = doc.lines[li];
    std::string_view line = doc.line_text(li);
    std::string_view t = trim(line);
    if (t.empty()) {
      // A line of only a tab is an empty cell in the one-cell-per-line layout.
      if (!line.empty() && line[0] == '\t' && line.find('\t', 1) == std::string_view::npos) {
        push_cell(ts, doc, ln.start + 1, ln.start + 1);
        prev_cpl = true;
        ++votes.cpl;
        continue;
      }
      push_row_end(ts);
      prev_cpl = false;
      continue;
    }
    if (t.find('|') != std::string_view::npos) {
      uint32_t base = ln.start;
      if (t.front() == '|') {  // markdown row: | a | b |
        ++votes.markdown;
        std::vector<std::pair<uint32_t, uint32_t>> segs;
        size_t from = line.find('|') + 1;
        while (from <= line.size()) {
          size_t bar = line.find('|', from);
          if (bar == std::string_view::npos) {
            if (!trim(line.substr(from)).empty()) segs.push_back({uint32_t(from), uint32_t(line.size())});
            break;
          }
          segs.push_back({uint32_t(from), uint32_t(bar)});
          from = bar + 1;
        }
        bool separator = true;
        for (auto& s : segs) separator &= only(trim(line.substr(s.first, s.second - s.first)), "-: ");
        if (separator) { push_row_end(ts); continue; }
        push_row_end(ts);
        for (auto& s : segs) push_cell(ts, doc, base + s.first, base + s.second);
        push_row_end(ts);
        prev_cpl = false;
        continue;
      }
      // Trailing-pipe layout: "text |", and "||||" lines that pad a row and end it.
      ++votes.pipe;
      if (only(t, "| ")) { push_row_end(ts); prev_cpl = false; continue; }
      size_t from = 0;
      while (from < line.size()) {
        size_t bar = line.find('|', from);
        size_t e = bar == std::string_view::npos ? line.size() : bar;
        if (!trim(line.substr(from, e - from)).empty()) push_cell(ts, doc, base + uint32_t(from), base + uint32_t(e));
        if (bar == std::string_view::npos) break;
        from = bar + 1;
      }
      prev_cpl = false;
      continue;
    }
    if (line.find('\t') != std::string_view::npos) {
      size_t lead = 0;
      while (lead < line.size() && line[lead] == '\t') ++lead;
      bool one_cell = lead >= 1 && line.find('\t', lead) == std::string_view::npos;
      if (one_cell) {  // one cell per line: "\tvalue"
        ++votes.cpl;
        push_cell(ts, doc, ln.start + uint32_t(lead), ln.end);
        prev_cpl = true;
        continue;
      }
      ++votes.tsv;
      push_row_end(ts);
      size_t from = 0;
      while (true) {
        size_t tab = line.find('\t', from);
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
        parse_value(ts.tokens.back().text).kind == Value::text && parse_value(t).kind == Value::text) {
      Token& prev = ts.tokens.back();
      prev.text += std::string(t);
      prev.end = ln.start + uint32_t(t.data() - line.data() + t.size());
      continue;
    }
    ++votes.plain;
    push_row_end(ts);
    push_cell(ts, doc, ln.start, ln.end);
    push_row_end(ts);
    prev_cpl = false;
  }
  push_row_end(ts);
  ts.layout = votes.winner();
  return ts;
}

Value parse_value(std::string_view text) {
  Value v;
  std::string_view t = trim(text);
  if (t.empty() || only(t, "-/\\") || t == "—" || t == "——" || t == "无" || t == "/") {
    v.kind = Value::empty;
    return v;
  }
  // Units printed with the number.
  static const char* kUnits[] = {"万元", "元", "人次", "件", "项", "个", "条", "次", "家", "起", "%"};
  std::string_view num = t;
  for (const char* u : kUnits) {
    std::string_view us(u);
    if (num.size() > us.size() && num.compare(num.size() - us.size(), us.size(), us) == 0) {
      v.unit = u;
      num = trim(num.substr(0, num.size() - us.size()));
      break;
    }
  }
  size_t i = 0;
  bool neg = false;
  if (i < num.size() && (num[i] == '-' || num[i] == '+')) { neg = num[i] == '-'; ++i; }
  std::string digits;
  size_t int_digits = 0, frac_digits = 0;
  bool dot = false;
  for (; i < num.size(); ++i) {
    char c = num[i];
    if (c >= '0' && c <= '9') {
      digits += c;
      (dot ? frac_digits : int_digits)++;
    } else if (c == ',' && !dot && int_digits > 0) {
      continue;  // thousands separator
    } else if (c == '.' && !dot && int_digits > 0) {
      dot = true;
      digits += '.';
    } else {
      v.kind = Value::text;
      v.unit.clear();
      return v;
    }
  }
  if (int_digits == 0 || (dot && frac_digits == 0) || int_digits > 15) {
    v.kind = Value::text;
    v.unit.clear();
    return v;
  }
  // Canonical text: no leading zeros ("007" → "7"), keep the printed decimals.
  size_t nz = 0;
  while (nz + 1 < digits.size() && digits[nz] == '0' && digits[nz + 1] != '.') ++nz;
  v.canonical = (neg ? "-" : "") + digits.substr(nz);
  if (v.canonical == "-0") v.canonical = "0";
  v.v = std::strtod(v.canonical.c_str(), nullptr);
  v.integer = !dot;
  v.kind = Value::number;
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
  tail = Tail{};
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
