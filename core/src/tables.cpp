// tables: rebuild 表二 (proactive), 表三 (requests) and 表四 (appeals) from
// the token stream of their section, matching labels against the templates.
#include <algorithm>
#include <cstring>

#include "analysis.h"
#include "cells.h"
#include "match.h"
#include "utf8.h"

namespace nianbao {
namespace {

constexpr int kMinScore = 75;

struct ValueTok {
  Value value;
  const Token* tok;            // the source cell (for its span and raw text)
  uint32_t start, end;         // span of this value (a piece of the cell for split tails)
  std::string raw;
};

/// Values of one row, as read (empties included).
using Values = std::vector<ValueTok>;

CellHit make_cell(std::string key, const ValueTok& v) {
  CellHit c;
  c.key = std::move(key);
  c.raw = v.raw;
  c.start = v.start;
  c.end = v.end;
  if (v.value.kind == Value::number) {
    c.value = v.value.v;
    c.number = v.value.canonical;
    c.unit = v.value.unit;
  }
  return c;
}

std::string join_raw(const Values& vs) {
  std::string s;
  for (const auto& v : vs) {
    if (!s.empty()) s += " | ";
    s += v.raw.empty() ? "∅" : v.raw;
  }
  return s;
}

/// Fit a row's values to `ncols` columns. Leading empty cells are layout (the
/// merged label columns) unless the row is short, in which case they are kept
/// at the front as blank cells. Returns the values per column (nullptr: absent)
/// and whether the row fitted exactly.
std::vector<const ValueTok*> fit_row(const Values& vs, size_t ncols, bool& exact) {
  size_t lead = 0;
  while (lead < vs.size() && vs[lead].value.kind == Value::empty) ++lead;
  size_t avail = vs.size() - lead;
  size_t from = lead;
  if (avail < ncols) from = lead - std::min(lead, ncols - avail);
  std::vector<const ValueTok*> out(ncols, nullptr);
  for (size_t k = 0; k < ncols && from + k < vs.size(); ++k) out[k] = &vs[from + k];
  // Exact: every column has a cell (blank or not) and no value lies outside them.
  exact = vs.size() - from >= ncols;
  for (size_t k = from + ncols; k < vs.size(); ++k) exact &= vs[k].value.kind == Value::empty;
  return out;
}

void add_value(Values& vs, const Token& t) {
  Value v = parse_value(t.text);
  vs.push_back({v, &t, t.start, t.end, t.text});
}

/// The numeric tail of a label cell as separate values (or a glued run).
void add_tail(Values& vs, const Token& t, const Tail& tail) {
  for (auto [b, e] : tail.pieces) {
    std::string piece = t.text.substr(b, e - b);
    Value v = parse_value(piece);
    vs.push_back({v, &t, t.start + uint32_t(b), t.start + uint32_t(e), piece});
  }
}

/// Is the whole text numbers separated by spaces ("0 0 0 0")? Fills the pieces.
bool numbers_only(std::string_view text, Tail& tail) {
  tail = Tail{};
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t b = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i == b) break;
    std::string_view piece = text.substr(b, i - b);
    // A run of digits (any length), maybe with signs inside ("32-1517": a signed column glued).
    bool digit_run = piece.find_first_not_of("0123456789-") == std::string_view::npos && piece.back() != '-' &&
                     piece.find_first_of("0123456789") != std::string_view::npos;
    if (!digit_run && parse_value(piece).kind != Value::number) return false;
    tail.pieces.push_back({b, i});
    for (char c : piece) tail.digits += c >= '0' && c <= '9';
  }
  return !tail.pieces.empty();
}

/// A row printed with fewer cells than `ncols` but digits enough for all of them lost its
/// separators: record it as glued (pieces = the printed runs; a '-' inside a run may start a
/// signed cell) and return true. Blank cells between values mean the separators are there.
bool as_glued(const Values& vs, size_t ncols, const std::string& row, const std::vector<std::string>& cols,
              TableHit& th) {
  size_t b = 0, digits = 0, non_empty = 0;
  bool integers = true;
  while (b < vs.size() && vs[b].value.kind == Value::empty) ++b;
  for (const auto& v : vs) {
    if (v.value.kind == Value::empty) continue;
    ++non_empty;
    integers &= (v.value.kind == Value::number && v.value.integer && v.value.unit.empty()) ||
                v.raw.find_first_not_of("0123456789-") == std::string::npos;
    for (char c : v.raw) digits += c >= '0' && c <= '9';
  }
  if (!integers || non_empty == 0 || vs.size() - b >= ncols || digits < ncols) return false;
  TableHit::Glued g;
  g.row = row;
  g.cells = int(ncols);
  for (const auto& v : vs)
    if (v.value.kind != Value::empty) g.pieces.push_back(v.raw);
  g.start = vs[b].start;
  g.end = vs.back().end;
  g.cols = cols;
  th.glued.push_back(std::move(g));
  return true;
}

/// Is the tail a glued run: fewer pieces than cells but enough digits for them?
bool looks_glued(const Tail& tail, size_t ncols) {
  return tail.pieces.size() < ncols && tail.digits >= ncols;
}

void record_glued(TableHit& th, const std::string& row, size_t ncols, const Token& t, const Tail& tail) {
  TableHit::Glued g;
  g.row = row;
  g.cells = int(ncols);
  for (auto [b, e] : tail.pieces) g.pieces.push_back(t.text.substr(b, e - b));
  g.start = t.start + uint32_t(tail.pieces.front().first);
  g.end = t.start + uint32_t(tail.pieces.back().second);
  th.glued.push_back(std::move(g));
}

void row_misaligned(Doc& doc, const char* table, const std::string& row_zh, const std::string& row_en,
                    const Values& vs, size_t ncols, uint32_t start, uint32_t end) {
  size_t non_empty = 0;
  for (const auto& v : vs) non_empty += v.value.kind != Value::empty;
  std::string detail = "读到的单元格为「" + join_raw(vs) + "」（" + std::to_string(non_empty) + " 个有内容）；未作猜测，空缺按空单元格处理。";
  std::string detail_en = "the cells read are \"" + join_raw(vs) + "\" (" + std::to_string(non_empty) +
                          " non-empty); nothing was guessed, and missing cells count as empty.";
  doc.findings.push_back(make_finding("NB0604", start, end,
                                      {{"table", table_name_zh(table)}, {"table_en", table_name_en(table)},
                                       {"row", row_zh}, {"row_en", row_en}, {"got", std::to_string(vs.size())},
                                       {"want", std::to_string(ncols)}, {"detail", detail},
                                       {"detail_en", detail_en}}));
}

void not_a_number(Doc& doc, const char* table, const std::string& cell_zh, const std::string& cell_en,
                  const ValueTok& v) {
  doc.findings.push_back(make_finding("NB0605", v.start, v.end,
                                      {{"table", table_name_zh(table)}, {"table_en", table_name_en(table)},
                                       {"cell", cell_zh}, {"cell_en", cell_en}, {"text", v.raw}}));
}

/// Place fitted values as cells `row/<col>`.
void place_row(Doc& doc, TableHit& th, Template t, const std::string& row, const std::vector<std::string>& cols,
               const Values& vs, uint32_t label_start, uint32_t label_end) {
  bool exact = false;
  auto fitted = fit_row(vs, cols.size(), exact);
  if (!exact && !vs.empty()) {
    uint32_t s = vs.front().start, e = vs.back().end;
    row_misaligned(doc, th.key.c_str(), row_label(t, th.key, row), row_label(t, th.key, row, true), vs,
                   cols.size(), std::min(s, label_start), std::max(e, label_end));
  }
  for (size_t k = 0; k < cols.size(); ++k) {
    const ValueTok* v = fitted[k];
    if (!v) continue;
    std::string key = row + "/" + cols[k];
    if (v->value.kind == Value::text) {
      not_a_number(doc, th.key.c_str(), cell_label(t, th.key, key), cell_label(t, th.key, key, true), *v);
      CellHit c = make_cell(key, *v);
      th.cells.push_back(std::move(c));
      continue;
    }
    th.cells.push_back(make_cell(key, *v));
  }
}

// ── 表三 requests ────────────────────────────────────────────────────────────

struct RowMatch {
  const RowDef* def = nullptr;
  Template gen = Template::unknown;
  int score = 0;
};

RowMatch match_request_row(std::string_view text) {
  RowMatch best;
  Enumerator e = parse_enumerator(text);
  std::u32string key = label_key(text.substr(e.length));
  if (key.empty() || key.size() > 60) return best;
  for (Template g : {Template::v2019, Template::v2021}) {
    for (const auto& r : template_def(g).request_rows) {
      int s = best_label_score(key, r.label, r.variants);
      // The enumerator breaks ties between same-text rows ("（七）总计" vs the 总计 header).
      if (s > best.score) { best.def = &r; best.gen = g; best.score = s; }
    }
  }
  if (best.score < kMinScore) best = RowMatch{};
  return best;
}

void read_requests(Doc& doc, TableHit& th, const TokenStream& ts) {
  struct Row {
    const RowDef* def;
    uint32_t label_start, label_end;
    Values values;
    bool closed = false;
    bool glued = false;
  };
  std::vector<Row> rows;
  bool started = false;
  bool other_group = false;  // v2021 （六）其他处理 heads a group
  const size_t ncols = request_columns().size();
  // PDF extraction often prints a row's label apart from its values. A label-only row waits
  // in `pending`; the values-only row that directly follows it (fragments of the label aside)
  // is its own. When several labels wait, or other rows came between, the pairing would be a
  // guess: those rows stay unplaced and are reported. A label that reappears leaves `pending`.
  std::vector<size_t> pending;
  size_t labels_in_line = 0;     // row labels seen since the last row end
  bool line_start = true;        // no cell yet since the last row end
  bool fragment = false;         // this line began with text that matched no label
  std::vector<std::string> detached;
  size_t orphan_value_rows = 0;  // values-only rows no label could be paired with
  auto take_pending = [&]() -> bool {
    if (pending.size() != 1 || pending.front() + 1 != rows.size()) {
      ++orphan_value_rows;
      return false;
    }
    size_t i = pending.front();
    pending.erase(pending.begin());
    rows[i].closed = false;
    if (i + 1 != rows.size()) {  // move it to the end: it is the current row now
      Row r = std::move(rows[i]);
      rows.erase(rows.begin() + long(i));
      for (auto& p : pending) if (p > i) --p;
      rows.push_back(std::move(r));
    }
    detached.push_back(rows.back().def->label);
    return true;
  };
  for (const Token& t : ts.tokens) {
    if (t.kind == Token::row_end) {
      if (!rows.empty() && !rows.back().closed) {
        rows.back().closed = true;
        if (rows.back().values.empty() && labels_in_line == 1) pending.push_back(rows.size() - 1);
      }
      labels_in_line = 0;
      line_start = true;
      fragment = false;
      continue;
    }
    Value v = parse_value(t.text);
    if (v.kind != Value::text) {
      bool open = !rows.empty() && !rows.back().closed;
      if (!open && started && (line_start || fragment) && v.kind == Value::number) {
        open = take_pending();
        if (!open) { line_start = false; fragment = false; continue; }
      }
      if (open) add_value(rows.back().values, t);
      line_start = false;
      continue;
    }
    bool at_line_start = line_start;
    line_start = false;
    if (Tail nums; !rows.empty() && !rows.back().closed && numbers_only(t.text, nums)) {
      add_tail(rows.back().values, t, nums);  // "37 1 0 0 0 0 38" in one cell
      line_start = false;
      continue;
    }
    // A text cell: a row label, possibly with its numbers after it.
    Tail tail;
    bool has_tail = split_numeric_tail(t.text, tail);
    std::string_view label = has_tail ? std::string_view(t.text).substr(0, tail.label_bytes) : std::string_view(t.text);
    RowMatch m = match_request_row(label);
    if (!m.def && has_tail) { m = match_request_row(t.text); has_tail = false; }
    if (m.def && !rows.empty() && rows.back().def == m.def) {
      // The tail of the previous row's label, wrapped onto the next line ("认或重新出具已获取信息").
      std::u32string k = label_key(label), full = label_key(m.def->label);
      if (k.size() < full.size() && full.compare(full.size() - k.size(), k.size(), k) == 0) m = RowMatch{};
    }
    if (!m.def) {  // header text, a continuation fragment ("务信息"), a note
      if (at_line_start) fragment = true;
      continue;
    }
    std::string_view key = m.def->key;
    if (!started) {
      if (key != "new_received" && key != "carried_over") continue;
      started = true;
    }
    if (key.empty()) {  // a group label
      if (std::strstr(m.def->label, "其他处理")) other_group = true;
      if (!rows.empty()) rows.back().closed = true;
      continue;
    }
    if (key.rfind("other.", 0) == 0) other_group = true;
    if (!rows.empty()) rows.back().closed = true;
    for (size_t p = 0; p < pending.size(); ++p)  // the label is back: its values follow here
      if (rows[pending[p]].def == m.def) { pending.erase(pending.begin() + long(p)); break; }
    ++labels_in_line;
    fragment = false;
    rows.push_back({m.def, t.start, t.end, {}, false, false});
    if (has_tail) {
      if (looks_glued(tail, ncols)) {
        record_glued(th, m.def->key, ncols, t, tail);
        rows.back().closed = true;
        rows.back().glued = true;
      } else {
        add_tail(rows.back().values, t, tail);
      }
    }
    if (key == "carried_forward" && !has_tail) { /* values follow */ }
  }
  if (rows.empty() && th.glued.empty()) return;
  th.found = true;
  {
    // Labels that never found their values, and values that found no label.
    std::string list;
    size_t unplaced = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (!rows[i].values.empty() || rows[i].glued) continue;
      bool elsewhere = false;
      for (const auto& o : rows) elsewhere |= o.def == rows[i].def && !o.values.empty();
      if (elsewhere || std::string_view(rows[i].def->key) == "other") continue;
      list += (list.empty() ? "" : "、") + std::string(rows[i].def->label);
      ++unplaced;
    }
    if (unplaced && orphan_value_rows)
      doc.findings.push_back(make_finding("NB0608", rows.front().label_start, rows.front().label_end,
                                          {{"count", std::to_string(unplaced)}, {"rows", list},
                                           {"orphans", std::to_string(orphan_value_rows)}}));
  }
  if (!detached.empty()) {
    std::string list;
    for (const auto& d : detached) list += (list.empty() ? "" : "、") + d;
    doc.findings.push_back(make_finding("NB0607", rows.front().label_start, rows.front().label_end,
                                        {{"count", std::to_string(detached.size())}, {"rows", list}}));
  }
  // Generation: the v2021 （六） group with its three sub-rows, or v2019's single row.
  bool v2021 = false;
  for (const auto& r : rows) v2021 |= std::string_view(r.def->key).rfind("other.", 0) == 0;
  for (const auto& g : th.glued) v2021 |= g.row.rfind("other.", 0) == 0;
  th.evidence = v2021 ? Template::v2021 : Template::v2019;
  (void)other_group;
  std::vector<std::string> cols;
  for (const auto& c : request_columns()) cols.push_back(c.key);
  th.start = rows.empty() ? th.glued.front().start : rows.front().label_start;
  th.end = th.start;
  // A row with fewer values than columns but digits enough for all of them lost its
  // separators ("4010000041" in one cell): record it as glued, for recovery.
  for (auto& r : rows) {
    if (!as_glued(r.values, ncols, r.def->key, {}, th)) continue;
    r.values.clear();
    r.glued = true;
  }
  // A label can occur more than once (a heading above a small table, a stray header row):
  // place the first occurrence that has values, else the first.
  auto has_values = [](const Row& r) { return !r.values.empty(); };
  for (size_t i = 0; i < rows.size(); ++i) {
    Row& r = rows[i];
    std::string key = r.def->key;
    // "（六）其他处理" read as the v2019 row in a v2021 table is the group label.
    if (v2021 && key == "other" && r.values.empty()) continue;
    bool glued_elsewhere = false;
    for (const auto& g : th.glued) glued_elsewhere |= g.row == key;
    if (r.glued || glued_elsewhere || th.find(key + "/natural")) continue;
    bool later_with_values = false;
    if (!has_values(r))
      for (size_t j = i + 1; j < rows.size() && !later_with_values; ++j)
        later_with_values = rows[j].def == r.def && has_values(rows[j]);
    if (later_with_values) continue;
    place_row(doc, th, th.evidence, key, cols, r.values, r.label_start, r.label_end);
    th.end = std::max(th.end, r.values.empty() ? r.label_end : r.values.back().end);
  }
  for (const auto& g : th.glued) th.end = std::max(th.end, g.end);
}

// ── 表四 appeals ─────────────────────────────────────────────────────────────

void read_appeals(Doc& doc, TableHit& th, const TokenStream& ts) {
  const auto& groups = appeal_groups();
  const auto& cols = appeal_columns();
  std::vector<std::string> keys;
  for (const auto& g : groups)
    for (const auto& c : cols) keys.push_back(std::string(g.key) + "/" + c.key);
  // Rows between row ends. A data row holds only numbers or blanks. The table is one row of
  // fifteen, or (split into small tables) one row of five per group under its caption.
  struct DataRow { Values cells; int group; };
  std::vector<DataRow> data;
  Values row;
  bool row_has_text = false, saw_header = false;
  uint32_t header_start = 0;
  int caption = -1;       // group named by the latest caption text
  int next_group = 0;
  auto finish = [&] {
    size_t nums = 0;
    for (const auto& v : row) nums += v.value.kind == Value::number;
    if (!row_has_text && nums >= 3 && saw_header) {
      // Trailing blanks are real cells up to the template's width, padding beyond it.
      size_t width = row.size() > cols.size() + 2 ? groups.size() * cols.size() : cols.size();
      while (row.size() > width && row.back().value.kind == Value::empty) row.pop_back();
      if (row.size() < width)
        while (!row.empty() && row.back().value.kind == Value::empty) row.pop_back();
      data.push_back({row, caption >= 0 ? caption : next_group});
      next_group = data.back().group + 1;
      caption = -1;
    }
    row.clear();
    row_has_text = false;
  };
  for (const Token& t : ts.tokens) {
    if (!data.empty() && (data.front().cells.size() != cols.size() || data.size() == groups.size())) break;
    if (t.kind == Token::row_end) { finish(); continue; }
    Value v = parse_value(t.text);
    if (v.kind == Value::text) {
      Tail tail;
      if (numbers_only(t.text, tail)) {  // "0 0 0 …" on one line
        if (tail.pieces.size() == 1 && tail.digits >= 10 && saw_header) {
          record_glued(th, "appeals", keys.size(), t, tail);
          break;
        }
        add_tail(row, t, tail);
        continue;
      }
      std::u32string k = label_key(t.text);
      bool review = k.find(U"行政复议") != std::u32string::npos;
      if (review || k.find(U"维持") != std::u32string::npos || k.find(U"审结") != std::u32string::npos) {
        if (!saw_header) header_start = t.start;
        saw_header = true;
      }
      if (k.find(U"未经复议") != std::u32string::npos) caption = 1;
      else if (k.find(U"复议后") != std::u32string::npos) caption = 2;
      else if (review && k.size() <= 6) caption = 0;
      row_has_text = true;
      continue;
    }
    if (v.kind == Value::number && v.canonical.size() >= 10 && v.integer && saw_header && row.empty()) {
      Tail tail;  // fifteen cells glued into one run of digits
      numbers_only(t.text, tail);
      record_glued(th, "appeals", keys.size(), t, tail);
      break;
    }
    add_value(row, t);
  }
  if (th.glued.empty()) finish();
  if (!th.glued.empty()) {
    th.found = true;
    th.start = header_start ? header_start : th.glued.front().start;
    th.end = th.glued.front().end;
    return;
  }
  if (data.empty()) return;
  th.found = true;
  th.start = header_start ? header_start : data.front().cells.front().start;
  th.end = data.back().cells.back().end;
  // Split tables: each row of five belongs to its group.
  if (data.front().cells.size() == cols.size()) {
    for (const auto& d : data) {
      if (d.cells.size() != cols.size() || d.group < 0 || d.group >= int(groups.size())) {
        row_misaligned(doc, "appeals", "数据行", "data row", d.cells, cols.size(), d.cells.front().start, d.cells.back().end);
        continue;
      }
      for (size_t k = 0; k < cols.size(); ++k) {
        std::string key = std::string(groups[size_t(d.group)].key) + "/" + cols[k].key;
        if (d.cells[k].value.kind == Value::text)
          not_a_number(doc, "appeals", cell_label(Template::v2019, "appeals", key),
                       cell_label(Template::v2019, "appeals", key, true), d.cells[k]);
        if (!th.find(key)) th.cells.push_back(make_cell(key, d.cells[k]));
      }
    }
    return;
  }
  const Values& r = data.front().cells;
  if (r.size() != keys.size()) {
    // No row label to anchor on: a row that does not fit the header is reported, never placed.
    row_misaligned(doc, "appeals", "数据行", "data row", r, keys.size(), r.front().start, r.back().end);
    return;
  }
  for (size_t k = 0; k < keys.size(); ++k) {
    if (r[k].value.kind == Value::text)
      not_a_number(doc, "appeals", cell_label(Template::v2019, "appeals", keys[k]),
                   cell_label(Template::v2019, "appeals", keys[k], true), r[k]);
    th.cells.push_back(make_cell(keys[k], r[k]));
  }
}

// ── 表二 proactive ───────────────────────────────────────────────────────────

struct ColMatch {
  const ColDef* def = nullptr;
  Template gen = Template::unknown;
};

ColMatch match_proactive_col(std::string_view text) {
  ColMatch best;
  int best_score = 0;
  std::u32string key = label_key(text);
  if (key.empty() || key.size() > 40) return best;
  for (Template g : {Template::v2019, Template::v2021})
    for (const auto& p : template_def(g).proactive)
      for (const auto& c : p.columns) {
        int s = best_label_score(key, c.label, c.variants);
        if (s > best_score) { best_score = s; best.def = &c; best.gen = g; }
      }
  if (best_score < kMinScore) return {};
  return best;
}

const RowDef* match_proactive_row(std::string_view text, Template& gen) {
  std::u32string key = label_key(text);
  if (key.empty() || key.size() > 30) return nullptr;
  const RowDef* best = nullptr;
  int best_score = 0;
  for (Template g : {Template::v2019, Template::v2021})
    for (const auto& p : template_def(g).proactive)
      for (const auto& r : p.rows) {
        int s = best_label_score(key, r.label, r.variants);
        if (s > best_score) { best_score = s; best = &r; gen = g; }
      }
  return best_score >= 85 ? best : nullptr;
}

/// Is this where v2019 and v2021 differ (a column only one of them has)?
Template column_evidence(std::string_view col_key, Template gen) {
  static const char* k2019[] = {"new_made", "new_published", "total_published", "prev_items", "delta_items", "items"};
  static const char* k2021[] = {"issued", "repealed", "in_force"};
  for (const char* k : k2019) if (col_key == k) return Template::v2019;
  for (const char* k : k2021) if (col_key == k) return Template::v2021;
  if (col_key == "amount" && gen == Template::v2021) return Template::v2021;
  return Template::unknown;
}

void read_proactive(Doc& doc, TableHit& th, const TokenStream& ts) {
  struct Row {
    const RowDef* def;
    std::vector<std::string> cols;   // from the header in force
    uint32_t label_start, label_end;
    Values values;
    bool closed = false;
  };
  std::vector<Row> rows;
  std::vector<std::string> header;   // column keys of the current sub-table
  bool in_header = false;
  int v2019 = 0, v2021 = 0;
  uint32_t first = UINT32_MAX, last = 0;
  for (const Token& t : ts.tokens) {
    if (t.kind == Token::row_end) {
      if (!rows.empty()) rows.back().closed = true;
      continue;
    }
    Value v = parse_value(t.text);
    if (v.kind != Value::text) {
      if (!rows.empty() && !rows.back().closed) add_value(rows.back().values, t);
      continue;
    }
    if (Tail nums; !rows.empty() && !rows.back().closed && numbers_only(t.text, nums)) {
      add_tail(rows.back().values, t, nums);  // "0 0 0" in one cell, or a glued run with a sign
      continue;
    }
    std::u32string k = label_key(t.text);
    if (k.find(U"第二十条") != std::u32string::npos) {  // a sub-table caption
      header.clear();
      in_header = false;
      if (!rows.empty()) rows.back().closed = true;
      first = std::min(first, t.start);
      continue;
    }
    if (k == U"信息内容") { header.clear(); in_header = true; first = std::min(first, t.start); continue; }
    Tail tail;
    bool has_tail = split_numeric_tail(t.text, tail);
    std::string_view label = has_tail ? std::string_view(t.text).substr(0, tail.label_bytes) : std::string_view(t.text);
    Template rgen = Template::unknown;
    if (const RowDef* r = match_proactive_row(label, rgen)) {
      in_header = false;
      if (!rows.empty()) rows.back().closed = true;
      rows.push_back({r, header, t.start, t.end, {}, false});
      if (has_tail) add_tail(rows.back().values, t, tail);
      first = std::min(first, t.start);
      continue;
    }
    if (in_header) {
      ColMatch c = match_proactive_col(t.text);
      if (c.def) {
        header.push_back(c.def->key);
        Template e = column_evidence(c.def->key, c.gen);
        v2019 += e == Template::v2019;
        v2021 += e == Template::v2021;
        // v2021's fee column "本年收费金额" vs v2019's procurement "采购总金额".
        if (std::string_view(c.def->key) == "amount" && k.find(U"收费") != std::u32string::npos) ++v2021;
      }
    }
  }
  if (rows.empty()) return;
  th.found = true;
  th.evidence = v2021 > v2019 ? Template::v2021 : v2019 > 0 ? Template::v2019 : Template::unknown;
  const TemplateDef& def = template_def(th.evidence == Template::v2021 ? Template::v2021 : Template::v2019);
  for (auto& r : rows) {
    std::vector<std::string> cols = r.cols;
    if (cols.empty()) {  // no header read: the template's columns for this row
      for (const auto& p : def.proactive)
        for (const auto& rd : p.rows)
          if (std::string_view(rd.key) == r.def->key)
            for (const auto& c : p.columns) cols.push_back(c.key);
    }
    if (cols.empty()) continue;
    if (th.find(std::string(r.def->key) + "/" + cols.front())) continue;
    if (cols.size() > 1 && as_glued(r.values, cols.size(), r.def->key, cols, th)) {  // separators lost
      last = std::max(last, r.values.back().end);
      continue;
    }
    place_row(doc, th, th.evidence, r.def->key, cols, r.values, r.label_start, r.label_end);
    last = std::max(last, r.values.empty() ? r.label_end : r.values.back().end);
  }
  th.start = first == UINT32_MAX ? rows.front().label_start : first;
  th.end = std::max(last, th.start);
}

/// Lines of the first section with this key whose body holds the table, else
/// a window around an anchor label anywhere in the text.
std::vector<std::pair<size_t, size_t>> regions(const Doc& doc, const Analysis& a, const char* key,
                                               const char* anchor) {
  std::vector<std::pair<size_t, size_t>> out;
  for (const auto& s : a.sections)
    if (s.def && std::string_view(s.def->key) == key && s.body_end > s.body_start)
      out.push_back({doc.line_of(s.body_start), doc.line_of(s.body_end > 0 ? s.body_end - 1 : 0) + 1});
  // Fallback: from the anchor's line to the next top-level heading (or 400 lines).
  size_t at = doc.text.find(anchor);
  if (at != std::string::npos) {
    size_t l0 = doc.line_of(uint32_t(at));
    l0 = l0 >= 12 ? l0 - 12 : 0;
    size_t l1 = std::min(doc.lines.size(), l0 + 400);
    for (const auto& s : a.sections)
      if (s.line > l0 + 12 && s.line < l1) { l1 = s.line; break; }
    out.push_back({l0, l1});
  }
  return out;
}

}  // namespace

void read_tables(Doc& doc, Analysis& a) {
  struct Spec {
    const char* key;
    const char* anchor;
    void (*read)(Doc&, TableHit&, const TokenStream&);
  };
  static const Spec kSpecs[] = {
      {"proactive", "第二十条", read_proactive},
      {"requests", "本年新收", read_requests},
      {"appeals", "尚未审结", read_appeals},
  };
  for (const Spec& spec : kSpecs) {
    for (auto [l0, l1] : regions(doc, a, spec.key, spec.anchor)) {
      TokenStream ts = tokenize(doc, l0, l1);
      TableHit th;
      th.key = spec.key;
      th.layout = doc.html ? "html" : ts.layout;
      size_t before = doc.findings.size();
      spec.read(doc, th, ts);
      if (!th.found) {
        doc.findings.resize(before);  // nothing read here: its findings don't count
        continue;
      }
      if (!th.glued.empty()) th.layout = "glued";
      a.tables.push_back(std::move(th));
      break;
    }
  }
}

}  // namespace nianbao
