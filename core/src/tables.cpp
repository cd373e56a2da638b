// tables: rebuild 表二 (proactive), 表三 (requests) and 表四 (appeals) from
// the token stream of their section, matching labels against the templates.
#include <algorithm>
#include <iterator>
#include <deque>
#include <cmath>
#include <cstring>  // memmem (glibc, musl/Emscripten)
#include <memory>

#include "analysis.h"
#include "cells.h"
#include "match.h"
#include "utf8.h"

namespace nianbao {
namespace {

constexpr int kMinScore = 75;

struct ValueTok {
  ValueInfo value;
  uint32_t start, end;         // span of this value (a piece of the cell for split tails)
  std::string_view raw;        // its text (in the token stream)
};

/// Values of one row, as read (empties included).
using Values = std::vector<ValueTok>;

/// Only ASCII digits (at least one)?
bool digits_only(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

/// Append the cell `key` holding `v` to the table.
void add_cell(TableHit& th, const std::string& key, const ValueTok& v) {
  CellHit& c = th.cells.emplace_back();
  c.key = key;
  c.by = th.placing;
  c.raw = v.raw;
  c.start = v.start;
  c.end = v.end;
  if (v.value.kind != Value::number) return;
  // Most cells are plain counts ("0", "37"): their canonical text is the printed one.
  std::string_view r = v.raw;
  if (r.size() <= 15 && (r.size() == 1 || r[0] != '0') && digits_only(r)) {
    uint64_t n = 0;
    for (char ch : r) n = n * 10 + uint64_t(ch - '0');
    c.value = double(n);
    c.number = r;
    return;
  }
  Value n = parse_value(r);
  c.value = n.v;
  c.number = std::move(n.canonical);
  c.unit = std::move(n.unit);
}

/// A number printed as 0 ("0", "00", "0.0")?
bool is_zero(const ValueTok& v) { return v.value.kind == Value::number && parse_value(v.raw).v == 0; }

std::string join_raw(const Values& vs) {
  std::string s;
  for (const auto& v : vs) {
    if (!s.empty()) s += " | ";
    if (v.raw.empty()) s += "∅";
    else s += v.raw;
  }
  return s;
}

/// Fit a row's values to `ncols` columns. Leading empty cells are layout (the
/// merged label columns) unless the row is short, in which case they are kept
/// at the front as blank cells. Returns where the first column's value is: column
/// k holds vs[from + k] when that exists, else nothing; `exact` tells whether the
/// row fitted exactly.
size_t fit_row(const Values& vs, size_t ncols, bool& exact) {
  size_t lead = 0;
  while (lead < vs.size() && vs[lead].value.kind == Value::empty) ++lead;
  size_t avail = vs.size() - lead;
  size_t from = lead;
  if (avail < ncols) from = lead - std::min(lead, ncols - avail);
  // Exact: every column has a cell (blank or not) and no value lies outside them.
  exact = vs.size() - from >= ncols;
  for (size_t k = from + ncols; k < vs.size(); ++k) exact &= vs[k].value.kind == Value::empty;
  return from;
}

/// A whole cell as a value (`v`: value_info of its text).
void add_value(Values& vs, const Token& t, ValueInfo v) {
  vs.push_back({v, t.start, t.end, t.text});
}

/// The numeric tail of a label cell as separate values (or a glued run).
void add_tail(Values& vs, const Token& t, const Tail& tail) {
  for (auto [b, e] : tail.pieces) {
    std::string_view piece = t.text.substr(b, e - b);
    vs.push_back({value_info(piece), t.start + uint32_t(b), t.start + uint32_t(e), piece});
  }
}

/// Only ASCII digits and '-' (or nothing)?
bool digits_and_minus(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

/// Is the whole text numbers separated by spaces ("0 0 0 0")? Fills the pieces.
bool numbers_only(std::string_view text, Tail& tail) {
  tail.label_bytes = 0;  // as Tail{}, keeping the pieces' storage
  tail.pieces.clear();
  tail.digits = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t b = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i == b) break;
    std::string_view piece = text.substr(b, i - b);
    // A run of digits (any length), maybe with signs inside ("32-1517": a signed column glued).
    bool digit_run = digits_and_minus(piece) && piece.back() != '-' && piece.find_first_not_of('-') != std::string_view::npos;
    if (!digit_run && value_kind(piece) != Value::number) return false;
    tail.pieces.push_back({b, i});
    for (char c : piece) tail.digits += c >= '0' && c <= '9';
  }
  return !tail.pieces.empty();
}

/// A row printed with fewer cells than `ncols` but digits enough for all of them lost its
/// separators: record it as glued (pieces = the printed runs; a '-' inside a run may start a
/// signed cell) and return true. Blank cells between values mean the separators are there.
bool as_glued(const Values& vs, size_t ncols, std::string_view row, const std::vector<std::string>& cols,
              TableHit& th) {
  size_t b = 0, digits = 0, non_empty = 0;
  bool integers = true;
  while (b < vs.size() && vs[b].value.kind == Value::empty) ++b;
  for (const auto& v : vs) {
    if (v.value.kind == Value::empty) continue;
    ++non_empty;
    integers &= (v.value.kind == Value::number && v.value.integer && !v.value.unit) || digits_and_minus(v.raw);
    for (char c : v.raw) digits += c >= '0' && c <= '9';
  }
  if (!integers || non_empty == 0 || vs.size() - b >= ncols || digits < ncols) return false;
  TableHit::Glued g;
  g.row = std::string(row);
  g.cells = int(ncols);
  for (const auto& v : vs)
    if (v.value.kind != Value::empty) g.pieces.emplace_back(v.raw);
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

void record_glued(TableHit& th, std::string_view row, size_t ncols, const Token& t, const Tail& tail) {
  TableHit::Glued g;
  g.row = std::string(row);
  g.cells = int(ncols);
  for (auto [b, e] : tail.pieces) g.pieces.emplace_back(t.text.substr(b, e - b));
  g.start = t.start + uint32_t(tail.pieces.front().first);
  g.end = t.start + uint32_t(tail.pieces.back().second);
  th.glued.push_back(std::move(g));
}

void row_misaligned(Doc& doc, const char* table, const std::string& row_zh, const std::string& row_en,
                    const Values& vs, size_t ncols, uint32_t start, uint32_t end, bool total_only = false) {
  size_t non_empty = 0;
  for (const auto& v : vs) non_empty += v.value.kind != Value::empty;
  std::string detail = "读到的单元格为「" + join_raw(vs) + "」（" + std::to_string(non_empty) + " 个有内容）；" +
                       (total_only ? "末一格等于其余之和，是总计；其余数值在哪几列无法确定（空白格在复制的文字中消失），只读出总计。"
                                   : "未作猜测，空缺按空单元格处理。");
  std::string detail_en = "the cells read are \"" + join_raw(vs) + "\" (" + std::to_string(non_empty) + " non-empty); " +
                          (total_only ? "the last is the sum of the others, so it is the total; which columns the others are "
                                        "in cannot be told (blank cells vanished from the copied text), so only the total was read."
                                      : "nothing was guessed, and missing cells count as empty.");
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
                                       {"cell", cell_zh}, {"cell_en", cell_en}, {"text", std::string(v.raw)}}));
}

/// Place fitted values as cells `row/<col>`; `keys[k]` is "row/<cols[k]>".
/// A page number run into a row's end ("0 — 4 —", a collapsed report's page break): the last three
/// values are a dash, a number and a dash.
bool ends_in_page_number(const Values& vs) {
  if (vs.size() < 3) return false;
  auto dash = [](const ValueTok& v) { return v.value.kind == Value::empty && !v.raw.empty() && v.raw != "/"; };
  const ValueTok& n = vs[vs.size() - 2];
  return dash(vs[vs.size() - 3]) && dash(vs.back()) && n.value.kind == Value::number && n.raw.size() <= 3;
}

/// The length of a page number at the end of a cell's text, with the space before it ("行政事业性收费 0
/// — 4 —", a collapsed report's page break after a row): "— 4 —", "- 4 -", "-4-", "–4–"; else 0.
size_t page_number_suffix(std::string_view text) {
  auto dash_before = [&](size_t e) -> size_t {  // bytes of a dash ending at e, or 0
    if (e >= 1 && text[e - 1] == '-') return 1;
    if (e >= 3 && (text.substr(e - 3, 3) == "\xe2\x80\x94" || text.substr(e - 3, 3) == "\xe2\x80\x93")) return 3;
    return 0;
  };
  size_t e = text.size();
  size_t d = dash_before(e);
  if (!d) return 0;
  e -= d;
  while (e > 0 && text[e - 1] == ' ') --e;
  size_t digits = 0;
  while (e > 0 && text[e - 1] >= '0' && text[e - 1] <= '9') --e, ++digits;
  if (digits == 0 || digits > 3) return 0;
  while (e > 0 && text[e - 1] == ' ') --e;
  d = dash_before(e);
  if (!d) return 0;
  e -= d;
  if (e == 0 || text[e - 1] != ' ') return 0;
  while (e > 0 && text[e - 1] == ' ') --e;
  return text.size() - e;
}

void place_row(Doc& doc, TableHit& th, Template t, std::string_view row, const std::vector<std::string>& cols,
               const std::vector<std::string>& keys, const Values& all, uint32_t label_start, uint32_t label_end,
               bool blank_tail = false) {
  // More values than columns, and a page number at the end that makes them fit: not the row's.
  Values trimmed;
  if (all.size() > cols.size() && all.size() - 3 == cols.size() && ends_in_page_number(all))
    trimmed.assign(all.begin(), all.end() - 3);
  const Values& vs = trimmed.empty() ? all : trimmed;
  bool exact = false;
  size_t from = fit_row(vs, cols.size(), exact);
  if (!exact && !vs.empty()) {
    uint32_t s = vs.front().start, e = vs.back().end;
    row_misaligned(doc, th.key.c_str(), row_label(t, th.key, row), row_label(t, th.key, row, true), vs,
                   cols.size(), std::min(s, label_start), std::max(e, label_end));
    // More values than columns: which of them are the row's would be a guess; place none.
    if (vs.size() - from > cols.size()) return;
  }
  for (size_t k = 0; k < cols.size() && from + k < vs.size(); ++k) {
    const ValueTok& v = vs[from + k];
    if (v.value.kind == Value::text)
      not_a_number(doc, th.key.c_str(), cell_label(t, th.key, keys[k]), cell_label(t, th.key, keys[k], true), v);
    add_cell(th, keys[k], v);
  }
  // One value fewer than columns, the unprinted cell the last one (`blank_tail`: the caller's
  // identities force it), or every value 0 (whichever cell printed nothing, each is 0 or blank in
  // every reading): the last column is a blank cell, as an empty cell between tabs would be, and the
  // checks count it as 0. Any other short row keeps its unplaced columns unread: a blank counted as 0
  // under a guessed placement would be the tool's guess.
  auto zero = [](const ValueTok& v) {
    return v.value.kind == Value::empty || is_zero(v);
  };
  if (!exact && !vs.empty() && vs.size() - from + 1 == cols.size() &&
      (blank_tail || std::all_of(vs.begin() + from, vs.end(), zero)))
    add_cell(th, keys.back(), ValueTok{value_info(""), vs.back().end, vs.back().end, std::string_view()});
}

/// "row/<col>" for each column.
std::vector<std::string> cell_keys(std::string_view row, const std::vector<std::string>& cols) {
  std::vector<std::string> keys;
  keys.reserve(cols.size());
  for (const auto& c : cols) {
    std::string k;
    k.reserve(row.size() + 1 + c.size());
    k += row;
    k += '/';
    k += c;
    keys.push_back(std::move(k));
  }
  return keys;
}

// ── 表三 requests ────────────────────────────────────────────────────────────

/// Template entries of both generations (v2019 first), with their LabelSet: what the
/// matchers score a printed label against. Built once.
template <typename Def>
struct Candidates {
  std::vector<const Def*> defs;
  std::vector<Template> gens;
  LabelSet set;
  /// `visit(def, add)` calls add(entry) for each entry of a template definition; it is
  /// run over v2019 then v2021. (`defs` and `gens` are declared before `set`, so they
  /// exist when gather fills them.)
  template <typename Visit>
  explicit Candidates(Visit visit) : set(entries(gather(visit))) {}

 private:
  template <typename Visit>
  const std::vector<const Def*>& gather(Visit visit) {
    for (Template g : {Template::v2019, Template::v2021})
      visit(template_def(g), [&](const Def& d) { defs.push_back(&d); gens.push_back(g); });
    return defs;
  }
  static std::vector<std::pair<std::string_view, std::string_view>> entries(const std::vector<const Def*>& defs) {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    for (const Def* d : defs) out.push_back({d->label, d->variants});
    return out;
  }
};

/// A row of 表三 as read_requests uses it, computed once from the template.
struct RequestRow {
  const RowDef* def;
  std::string_view key;          // "" for a group label
  bool starts;                   // new_received / carried_over: the table begins here
  bool other_sub;                // v2021's other.* rows
  std::u32string full_key;       // label_key of the label, its numbering included
  size_t bare_size;              // the size of its key without the numbering (request_key)
  size_t key_id;                 // the same id for rows with the same key
  std::vector<std::string> cell_keys;  // "key/<column>"
};

const std::vector<std::string>& request_col_keys() {
  static const std::vector<std::string> cols = [] {
    std::vector<std::string> out;
    for (const auto& c : request_columns()) out.push_back(c.key);
    return out;
  }();
  return cols;
}

bool request_key(std::string_view text, std::u32string& key);

struct RequestCandidates : Candidates<RowDef> {
  std::vector<RequestRow> rows;  // parallel to defs
  size_t keys = 0;               // distinct key ids
  std::unique_ptr<LabelSet> starts;  // the rows that start the table, alone
  RequestCandidates()
      : Candidates<RowDef>([](const TemplateDef& t, auto add) { for (const auto& r : t.request_rows) add(r); }) {}
};

const RequestCandidates& request_candidates() {
  static const RequestCandidates c = [] {
    RequestCandidates out;
    for (const RowDef* d : out.defs) {
      RequestRow r{d, d->key, false, false, label_key(d->label), 0, 0, {}};
      std::u32string bare;
      r.bare_size = request_key(d->label, bare) ? bare.size() : r.full_key.size();
      r.starts = r.key == "new_received" || r.key == "carried_over";
      r.other_sub = r.key.rfind("other.", 0) == 0;
      r.key_id = out.rows.size();
      for (const auto& o : out.rows)
        if (o.key == r.key) { r.key_id = o.key_id; break; }
      out.keys = std::max(out.keys, r.key_id + 1);
      r.cell_keys = cell_keys(r.key, request_col_keys());
      out.rows.push_back(std::move(r));
    }
    std::vector<std::pair<std::string_view, std::string_view>> starts;
    for (const auto& r : out.rows)
      if (r.starts) starts.push_back({r.def->label, r.def->variants});
    out.starts = std::make_unique<LabelSet>(starts);
    return out;
  }();
  return c;
}

/// The key a printed label is matched by (label_key after its enumerator) into `key`;
/// false when it is empty or longer than 60 characters (then no row matches).
bool request_key(std::string_view text, std::u32string& key) {
  return label_key_upto(text.substr(enumerator_length(text)), key, 60) && !key.empty();
}

/// The template row a printed label's key names: the earliest best-scoring row of either
/// generation (the enumerator breaks ties between same-text rows, "（七）总计" vs the
/// 总计 header), or nullptr under kMinScore.
const RequestRow* match_request_row(const std::u32string& key) {
  const auto& c = request_candidates();
  LabelSet::Best b = c.set.best(key);
  if (b.score < kMinScore) return nullptr;
  return &c.rows[size_t(b.index)];
}

/// Can a printed label's key match a row that starts the table (new_received, carried_over)?
bool could_start(const std::u32string& key) { return request_candidates().starts->best(key).score >= kMinScore; }

/// 表三's data rows of one generation (no group labels), in the template's order, with a row's
/// position among them (-1 for a key the generation does not have).
struct DataRows {
  std::vector<const RowDef*> defs;
  size_t size() const { return defs.size(); }
  std::string_view key(size_t i) const { return defs[i]->key; }
  ptrdiff_t pos(std::string_view key) const {
    for (size_t i = 0; i < defs.size(); ++i)
      if (key == defs[i]->key) return ptrdiff_t(i);
    return -1;
  }
};

const DataRows& data_rows(Template gen) {
  static const auto make = [](Template g) {
    DataRows d;
    for (const auto& r : template_def(g).request_rows)
      if (!r.group_only && r.key[0]) d.defs.push_back(&r);
    return d;
  };
  static const DataRows v2019 = make(Template::v2019), v2021 = make(Template::v2021);
  return gen == Template::v2021 ? v2021 : v2019;
}

/// Row a comes before row b in a generation that has both (false when none has both: "other",
/// v2019's （六）其他处理, beside a row of v2021's （六）).
bool before_in_template(std::string_view a, std::string_view b) {
  for (Template gen : {Template::v2021, Template::v2019}) {
    const ptrdiff_t pa = data_rows(gen).pos(a), pb = data_rows(gen).pos(b);
    if (pa >= 0 && pb >= 0) return pa < pb;
  }
  return false;
}

/// 表三 read by the template's order alone: the last resort when its labels and values were
/// printed apart (pdftotext's default mode puts a page's labels in one block and its numbers in
/// others, and the cells of a column that stack in the PDF one after the other).
///
/// The numbers of the region, in the order printed, are cut into groups: the values on adjacent
/// lines with nothing else between. A group of lines of `ncols` values each is rows; a group of
/// single values is one value (a row printed one cell per line, blank lines between) or, when
/// `ncols` groups of one size `n` > 1 follow each other, a block of `n` rows printed column by
/// column. The reading must give exactly the data rows of one generation's 表三 — the counts
/// force the order — and each block is verified by the identity total = Σ applicants of its rows
/// (a block whose row-wise reading holds where the column-wise one fails is read row-wise). Any
/// group that fits none of these shapes, or a count that is not a whole table, reads nothing.
struct OrderReading {
  std::vector<Values> rows;   // template data rows, in order
  Template gen = Template::unknown;
  size_t by_column = 0;       // rows read from blocks printed column by column
  std::vector<size_t> chosen; // rows of blocks whose reading (by column or by row) total = Σ applicants chose
  bool zeros = false;         // every value 0, as many as the generation's cells: read by the count alone
  size_t blank = 0;           // in a table of zeros, cells that printed nothing (NB0615)
};

/// More cells than columns, the values exactly as many as the columns and the rest empty: a grid's
/// padding around merged cells (a spreadsheet's CSV of the page, "规章,,,,,,,,0,,,,,,,,0,,,,,,,,0,,,"),
/// not blank cells. The empty ones go; the values are the row's, in their order. A row of nothing but
/// more empty fields than columns is a label's line in such a grid, no row of blank cells.
void drop_grid_padding(Values& row, size_t ncols) {
  if (row.size() <= ncols) return;
  size_t filled = 0;
  for (const auto& v : row) filled += v.value.kind != Value::empty;
  if (filled != ncols && filled != 0) return;  // (none: a label's line of the grid, its values elsewhere)
  row.erase(std::remove_if(row.begin(), row.end(), [](const ValueTok& v) { return v.value.kind == Value::empty; }),
            row.end());
}

bool applicants_hold(const Values& row) {
  double sum = 0;
  for (size_t k = 0; k + 1 < row.size(); ++k) sum += row[k].value.kind == Value::number ? parse_value(row[k].raw).v : 0;
  double total = row.back().value.kind == Value::number ? parse_value(row.back().raw).v : 0;
  return std::abs(sum - total) < 1e-6;
}

/// Is every value a printed 0?
bool all_zero(const Values& vs) { return std::all_of(vs.begin(), vs.end(), [](const ValueTok& v) { return is_zero(v); }); }

/// Is there text other than spaces and line ends between two of the values (gathered from lines)?
bool text_between(const Doc& doc, const Values& vs) {
  for (size_t i = 1; i < vs.size(); ++i) {
    if (vs[i].start < vs[i - 1].end) continue;
    const std::string_view gap = std::string_view(doc.text).substr(vs[i - 1].end, vs[i].start - vs[i - 1].end);
    if (gap.find_first_not_of(" \t\r\n\f") != std::string_view::npos) return true;
  }
  return false;
}

/// A 表三 row one value short whose cells are nonetheless known (place_row's `blank_tail`): its last
/// value not the sum of the others (a printed total would be: the total is the blank), or every value
/// 0 (each cell 0 or blank in every reading).
bool one_short_known(const Values& row, size_t ncols) {
  if (row.size() < 2 || row.size() + 1 != ncols) return false;
  bool zeros = true;
  for (const auto& v : row) {
    if (v.value.kind != Value::number) return false;
    zeros &= is_zero(v);
  }
  return zeros || !applicants_hold(row);
}

bool read_requests_by_order(const Doc& doc, const TokenStream& ts, OrderReading& out) {
  const size_t ncols = request_columns().size();
  struct Item { ValueTok v; size_t line; };
  std::vector<std::vector<std::vector<Item>>> groups;  // groups → lines → values
  size_t last_line = SIZE_MAX;
  bool broken = true;  // the next value starts a new group
  Tail nums;
  Values pieces;                 // the values of one cell
  Values inside;                 // numbers standing alone inside text cells (see below)
  std::vector<Values> segments;  // the values between two text cells, whatever their lines
  bool seg_broken = true;
  auto push = [&](const ValueTok& v) {
    if (seg_broken) segments.emplace_back();
    segments.back().push_back(v);
    seg_broken = false;
    size_t line = doc.line_of(v.start);
    if (broken || last_line == SIZE_MAX || line > last_line + 1) groups.emplace_back();
    auto& g = groups.back();
    if (g.empty() || line != last_line) g.emplace_back();
    g.back().push_back({v, line});
    last_line = line;
    broken = false;
  };
  for (const Token& t : ts.tokens) {
    if (t.kind == Token::row_end) continue;
    const ValueInfo value = value_info(t.text);
    if (value.kind == Value::number || (value.kind == Value::empty && !t.text.empty())) {
      push({value, t.start, t.end, t.text});
      continue;
    }
    if (value.kind == Value::empty) continue;  // (an empty cell of a tsv row: no evidence here)
    if (numbers_only(t.text, nums)) {
      pieces.clear();
      add_tail(pieces, t, nums);
      for (const auto& v : pieces) push(v);
      continue;
    }
    broken = true;  // text between values: a label, a header, a page number
    seg_broken = true;
    // A label with its row's numbers in one cell (a line given back to a collapsed report):
    // the numbers after it. (A page number run into a label, "…另行制作 -3-", is not a value.)
    size_t scanned = t.text.size();
    if (split_numeric_tail(t.text, nums) && nums.label_bytes > 0) {
      pieces.clear();
      add_tail(pieces, t, nums);
      if (std::all_of(pieces.begin(), pieces.end(), [](const ValueTok& v) { return v.value.kind == Value::number; })) {
        for (const auto& v : pieces) push(v);
        scanned = nums.label_bytes;
      }
    }
    // Numbers standing alone inside the text ("5.属于三类内部事 0 0 0 0 申请人情况 总计", a collapsed
    // PDF's stacked cells run into a header): for the count of a table of zeros only.
    for (size_t i = 0; i < scanned;) {
      size_t e = t.text.find(' ', i);
      if (e == std::string_view::npos || e > scanned) e = scanned;
      if (i > 0 && t.text[i - 1] == ' ' && (e == t.text.size() || t.text[e] == ' ') && digits_only(t.text.substr(i, e - i)))
        inside.push_back({value_info(t.text.substr(i, e - i)), t.start + uint32_t(i), t.start + uint32_t(e), t.text.substr(i, e - i)});
      i = e + 1;
    }
  }
  // Every value a 0, exactly as many as one generation's cells (a body that received no request,
  // its table printed column by column or with its labels anywhere, as pdftotext prints a PDF's
  // table): every cell is 0 whatever the order, so the count alone reads the table. One or two fewer
  // (cells printed blank, which left no trace): every cell is 0 or blank, and which are blank cannot
  // be told, so all are read 0 and NB0615 says so. (Never as few as a row fewer: a row may be missing.)
  {
    Values all = inside;
    for (const Values& seg : segments) all.insert(all.end(), seg.begin(), seg.end());
    bool zeros = true;
    for (const auto& v : all) zeros &= is_zero(v);
    for (Template gen : {Template::v2019, Template::v2021}) {
      const size_t cells = data_rows(gen).size() * ncols;
      if (!zeros || all.empty() || all.size() > cells || cells - all.size() > 2) continue;
      std::sort(all.begin(), all.end(), [](const ValueTok& a, const ValueTok& b) { return a.start < b.start; });
      out.gen = gen;
      out.zeros = true;
      out.blank = cells - all.size();
      // (The blank ones' place is unknown: the last cells take a 0 of no width after the last value.)
      static constexpr std::string_view kZero = "0";
      while (all.size() < cells) all.push_back({value_info(kZero), all.back().end, all.back().end, kZero});
      for (const auto& v : all) {
        if (out.rows.empty() || out.rows.back().size() == ncols) out.rows.emplace_back();
        out.rows.back().push_back(v);
      }
      return true;
    }
  }
  // Groups to rows.
  std::vector<Values> rows;
  auto by_groups = [&]() -> bool {
  Values singles;
  auto flush_singles = [&]() {
    if (singles.size() % ncols) return false;
    for (size_t i = 0; i < singles.size(); i += ncols) rows.emplace_back(singles.begin() + long(i), singles.begin() + long(i + ncols));
    singles.clear();
    return true;
  };
  for (size_t gi = 0; gi < groups.size(); ++gi) {
    const auto& g = groups[gi];
    bool all_rows = true, all_single = true;
    for (const auto& ln : g) {
      all_rows &= ln.size() == ncols;
      all_single &= ln.size() == 1;
    }
    if (all_single && g.size() == 1) { singles.push_back(g[0][0].v); continue; }
    if (!flush_singles()) return false;
    if (all_rows) {
      for (const auto& ln : g) {
        Values r;
        for (const auto& it : ln) r.push_back(it.v);
        rows.push_back(std::move(r));
      }
      continue;
    }
    if (!all_single || gi + ncols > groups.size()) return false;
    const size_t n = g.size();
    for (size_t k = 1; k < ncols; ++k) {
      const auto& o = groups[gi + k];
      if (o.size() != n) return false;
      for (const auto& ln : o) if (ln.size() != 1) return false;
    }
    // n rows, column by column; unless only the row-wise reading of the same values holds.
    std::vector<Values> by_col(n), by_row(n);
    for (size_t k = 0; k < ncols; ++k)
      for (size_t r = 0; r < n; ++r) {
        by_col[r].push_back(groups[gi + k][r][0].v);
        size_t flat = k * n + r;
        by_row[flat / ncols].push_back(groups[gi + k][r][0].v);
      }
    size_t col_ok = 0, row_ok = 0;
    for (size_t r = 0; r < n; ++r) { col_ok += applicants_hold(by_col[r]); row_ok += applicants_hold(by_row[r]); }
    // The shape says by column; total = Σ applicants confirms it. Where only the row-wise reading
    // holds, that is the reading. One failing row in a column-wise block is the report's error
    // (the rest confirm the shape); more, and neither reading holds: the tool is unsure, and
    // reads nothing by order.
    bool column = !(row_ok == n && col_ok < n);
    if (column && col_ok + 1 < n) return false;
    if (column) out.by_column += n;
    for (size_t r = 0; r < n; ++r) out.chosen.push_back(rows.size() + r);
    for (auto& r : column ? by_col : by_row) rows.push_back(std::move(r));
    gi += ncols - 1;
  }
  return flush_singles();
  };
  auto whole = [&]() { return rows.size() == data_rows(Template::v2019).size() || rows.size() == data_rows(Template::v2021).size(); };
  if (!by_groups() || !whole()) {
    // No group structure left (a collapsed report: blank lines gone): each run of values between
    // two text cells is whole rows, printed row by row, or a block by column, or rows then a block
    // (or a block then rows); the reading in which total = Σ applicants holds for every row, when
    // the readings that do all agree.
    rows.clear();
    out.by_column = 0;
    out.chosen.clear();
    for (const Values& seg : segments) {
      if (seg.size() % ncols) return false;
      const size_t k = seg.size() / ncols;
      if (k == 1) { rows.push_back(seg); continue; }
      std::vector<std::vector<Values>> fits;  // candidate readings whose every row holds
      size_t fit_by_column = 0;
      auto try_reading = [&](size_t p, bool rows_first) {
        // p rows row by row, the other k - p rows as one block by column, in that order or the other.
        std::vector<Values> got;
        size_t at = 0;
        auto row_wise = [&](size_t n) {
          for (size_t r = 0; r < n; ++r, at += ncols) got.emplace_back(seg.begin() + long(at), seg.begin() + long(at + ncols));
        };
        auto column_wise = [&](size_t n) {
          std::vector<Values> block(n);
          for (size_t c = 0; c < ncols; ++c)
            for (size_t r = 0; r < n; ++r) block[r].push_back(seg[at + c * n + r]);
          at += n * ncols;
          for (auto& r : block) got.push_back(std::move(r));
        };
        if (rows_first) { row_wise(p); column_wise(k - p); }
        else { column_wise(k - p); row_wise(p); }
        for (const auto& r : got) if (!applicants_hold(r)) return;
        auto same = [&](const std::vector<Values>& x) {
          for (size_t r = 0; r < k; ++r)
            for (size_t c = 0; c < ncols; ++c) if (x[r][c].raw != got[r][c].raw) return false;
          return true;
        };
        for (const auto& f : fits) if (same(f)) return;
        fits.push_back(std::move(got));
        fit_by_column = k - p;
      };
      for (size_t p = 0; p <= k; ++p) {
        try_reading(p, true);
        if (p > 0 && p < k) try_reading(p, false);
      }
      if (fits.size() != 1) return false;  // none holds, or several differ: no reading is forced
      for (size_t r = 0; r < k; ++r) out.chosen.push_back(rows.size() + r);
      out.by_column += fit_by_column;
      for (auto& r : fits.front()) rows.push_back(std::move(r));
    }
  }
  // Exactly one generation's data rows.
  for (Template gen : {Template::v2019, Template::v2021}) {
    if (rows.size() == data_rows(gen).size()) {
      out.rows = std::move(rows);
      out.gen = gen;
      return true;
    }
  }
  return false;
}

/// Code points between the start of the line holding `pos` and `pos` (pdftotext -layout pads its
/// columns with spaces, one per character whatever its width). Past kLayoutWidth bytes into a line
/// (no page is that wide: a line of a collapsed report) it is kNoColumn, and costs no more to find.
constexpr uint32_t kLayoutWidth = 2048, kNoColumn = UINT32_MAX / 2;
uint32_t display_column(const Doc& doc, uint32_t pos) {
  const uint32_t start = doc.lines[doc.line_of(pos)].start;
  if (pos - start > kLayoutWidth) return kNoColumn;
  uint32_t col = 0;
  for (uint32_t i = start; i < pos; ++i) col += (uint8_t(doc.text[i]) & 0xC0) != 0x80;
  return col;
}

/// 表三's column headers as pdftotext -layout prints them, where each starts on its line (the lines
/// just above the first row, words split at spaces): every column found once, left to right in the
/// template's order, or none (any other paste).
std::vector<uint32_t> header_columns(const Doc& doc, uint32_t first_row, uint32_t& header_at) {
  static const char32_t* const words[] = {U"自然人", U"商业", U"科研", U"社会公益", U"法律服务", U"其他", U"总计"};
  const size_t ncols = std::size(words);
  std::vector<uint32_t> at(ncols, UINT32_MAX);
  std::u32string k;
  const size_t row_line = doc.line_of(first_row);
  for (size_t l = row_line > 12 ? row_line - 12 : 0; l < row_line; ++l) {
    const std::string_view line = doc.line_text(l).substr(0, kLayoutWidth);
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      size_t e = i;
      while (e < line.size() && line[e] != ' ' && line[e] != '\t') ++e;
      if (e > i && e - i <= 40) {
        label_key_into(line.substr(i, e - i), k);
        for (size_t j = 0; j < ncols; ++j) {
          const std::u32string_view w = words[j];
          if (at[j] == UINT32_MAX && k.size() >= w.size() && k.size() <= w.size() + 4 &&
              k.compare(0, w.size(), w) == 0) {
            at[j] = display_column(doc, doc.lines[l].start + uint32_t(i));
            header_at = std::max(header_at, doc.lines[l].start);
          }
        }
      }
      i = e;
    }
  }
  for (size_t j = 0; j < ncols; ++j)
    if (at[j] == UINT32_MAX || (j && at[j] <= at[j - 1])) return {};
  return at;
}

/// A row whose numbers were wrapped digit by digit onto the next line under themselves (a PDF's cell
/// too narrow for them: "2 … 2" over "6 … 6" for "26 … 26"), under pdftotext -layout: the 2k values of
/// two lines, the second k each under the first k, all digits. Joined when the joined row adds up and
/// the row as read does not. `store` keeps the joined texts.
bool join_wrapped_digits(const Doc& doc, const Values& vs, size_t ncols, std::deque<std::string>& store, Values& out) {
  const size_t k = vs.size() / 2;
  if (k == 0 || vs.size() % 2 || k > ncols || applicants_hold(vs)) return false;
  const size_t l1 = doc.line_of(vs[0].start), l2 = doc.line_of(vs[k].start);
  if (l2 <= l1 || l2 > l1 + 2) return false;
  for (size_t i = 0; i < k; ++i) {
    const ValueTok &a = vs[i], &b = vs[k + i];
    if (doc.line_of(a.start) != l1 || doc.line_of(b.start) != l2 || !digits_only(a.raw) || !digits_only(b.raw)) return false;
    const int64_t ca = display_column(doc, a.start), cb = display_column(doc, b.start);
    if (ca == kNoColumn || cb == kNoColumn || std::abs(ca - cb) > 1) return false;
  }
  out.clear();
  for (size_t i = 0; i < k; ++i) {
    const std::string& text = store.emplace_back(std::string(vs[i].raw) + std::string(vs[k + i].raw));
    out.push_back({value_info(text), vs[i].start, vs[k + i].end, text});
  }
  return applicants_hold(out);
}

/// Where the page holding folded position `a` ends, in the view (pdftotext's form feed, or the end):
/// the next page has a layout of its own.
uint32_t page_end(const Doc& doc, uint32_t a) {
  const size_t f = std::string_view(doc.view).find('\f', doc.fmap.start(a));
  return f == std::string_view::npos ? UINT32_MAX : uint32_t(f);
}
/// Folded position `b` is on the page that ends at `end` (page_end).
bool on_page(const Doc& doc, uint32_t end, uint32_t b) { return doc.fmap.start(b) < end; }

/// A row printed with fewer values than columns, its blank cells left as spaces (pdftotext -layout):
/// each value goes to the column whose header starts where it starts, when that is plain (within
/// 3 characters, the next header at least 2 further) and the columns come left to right.
bool place_by_columns(const Doc& doc, const std::vector<uint32_t>& header, uint32_t header_page_end, const Values& vs,
                      Values& out) {
  // (Only on the headers' page: the next page's margins move its columns.)
  if (header.empty() || vs.empty() || vs.size() >= header.size() || !on_page(doc, header_page_end, vs.back().start))
    return false;
  out.assign(header.size(), ValueTok{value_info(""), 0, 0, {}});
  size_t last = SIZE_MAX;
  for (const auto& v : vs) {
    if (v.value.kind != Value::number) return false;
    const int64_t c = display_column(doc, v.start);
    size_t best = SIZE_MAX;
    int64_t d1 = INT64_MAX, d2 = INT64_MAX;
    for (size_t j = 0; j < header.size(); ++j) {
      const int64_t d = std::abs(c - int64_t(header[j]));
      if (d < d1) { d2 = d1; d1 = d; best = j; }
      else if (d < d2) d2 = d;
    }
    if (d1 > 3 || d2 < d1 + 2 || (last != SIZE_MAX && best <= last)) return false;
    out[best] = v;
    last = best;
  }
  for (size_t j = 0; j < out.size(); ++j)
    if (out[j].value.kind == Value::empty) {  // a blank cell: where the next printed value starts
      size_t n = j + 1;
      while (n < out.size() && out[n].value.kind == Value::empty) ++n;
      out[j].start = out[j].end = n < out.size() ? out[n].start : vs.back().end;
    }
  return applicants_hold(out);
}

void read_requests(Doc& doc, TableHit& th, const TokenStream& ts) {
  struct Row {
    const RequestRow* row;
    uint32_t label_start, label_end;
    Values values;
    bool closed = false;
    bool glued = false;
    bool from_lines = false;  // its values came on lines of their own, after the label
    bool assembled = false;   // its values were gathered from more than one line
    bool moved = false;       // given values printed beside another label (the split below): no print anchor
    bool tentative = false;   // given a values line only if it splits among labels waiting beside it (take_pending)
  };
  std::vector<Row> rows;
  bool started = false;
  const size_t ncols = request_columns().size();
  // PDF extraction often prints a row's label apart from its values. A label-only row waits
  // in `pending`; the values-only row that directly follows it (fragments of the label aside)
  // is its own. When several labels wait, or other rows came between, the pairing would be a
  // guess: those rows stay unplaced and are reported. A label that reappears leaves `pending`.
  std::vector<size_t> pending;
  size_t chain = 0;
  size_t labels_in_line = 0;     // row labels seen since the last row end
  bool line_start = true;        // no cell yet since the last row end
  bool fragment = false;         // this line began with text that matched no label
  std::vector<std::string> detached;
  size_t orphan_value_rows = 0;  // values-only rows no label could be paired with
  // Those rows themselves, in print order (placed between the rows around them, after the loop).
  std::vector<Values> orphans;
  bool orphan_open = false;      // the current line is an orphan row
  // Values one per line that no label takes (a crawler's text nodes, one cell per line with no
  // blank line between rows): consecutive ones gather into one orphan row of up to `ncols`.
  bool lone_line = false, lone_prev = false;
  // `line_values`: how many values the line holds, when it is known here (one cell of numbers).
  auto take_pending = [&](size_t line_values = 0) -> bool {
    // Values one per line (or a row's values wrapped over lines) after a label printed alone
    // continue that row until it has all its columns.
    if (!rows.empty() && rows.back().from_lines && rows.back().values.size() < ncols) {
      rows.back().closed = false;
      rows.back().assembled = true;
      return true;
    }
    // A row cut short by a line break inside it (pdftotext's blank lines in a cell-per-line
    // paste): the values line right after it completes it.
    // (Labels waiting elsewhere do not matter when the line holds exactly the cells the row lacks:
    // "5.属于三类内部事务信息 8 / 0 0 0 1 0 / 9".)
    const size_t lacks = rows.empty() ? 0 : ncols - std::min(ncols, rows.back().values.size());
    if (!rows.empty() && !rows.back().values.empty() && rows.back().values.size() < ncols && !fragment &&
        (pending.empty() || (line_values > 0 && line_values <= lacks) || (line_values == 0 && lacks == 1))) {
      rows.back().closed = false;
      rows.back().assembled = true;
      return true;
    }
    // Several labels printed alone one after the other, then their values rows: in order, the
    // first label's first (their order is the template's and the print's: nothing else to pair
    // by). `chain`: labels of such a run still to be paired; the row paired last is at the end.
    auto at_end = [&](size_t skip) {  // pending are the rows just before the last `skip` rows
      for (size_t j = 0; j < pending.size(); ++j)
        if (pending[j] != rows.size() - skip - pending.size() + j) return false;
      return true;
    };
    // (Two or three labels of rows next to each other in the template, "（七）总计 / 四、结转下年度继续办理":
    // a page's block of every label is no such run.)
    auto neighbours = [&]() {
      if (pending.size() > 3) return false;
      const RequestRow* base = request_candidates().rows.data();
      for (size_t j = 1; j < pending.size(); ++j) {
        ptrdiff_t d = rows[pending[j]].row - base - (rows[pending[j - 1]].row - base);
        if (d < 1 || d > 2) return false;
      }
      return true;
    };
    bool in_order = pending.size() > 1 && at_end(0) && neighbours();
    bool chained = chain > 0 && pending.size() == chain && at_end(1);
    // A label printed alone right before this values line, with a row that is not waiting before
    // it, is this line's, whatever older labels still wait (they are further up, other rows between).
    // (Nor when the label waiting before it comes after it in the template: labels printed out of
    // place, "5.要求行政机关确认… / 1.申请人无正当理由… / 3.补正后申请内容仍不明确 / 3 / 0 0 0 0 0 3". A block
    // of labels in the template's order, their values after them, is not this.)
    const bool isolated = !pending.empty() && pending.back() + 1 == rows.size() &&
                          (pending.size() == 1 || pending[pending.size() - 2] + 2 != rows.size() ||
                           before_in_template(rows[pending.back()].row->key, rows[pending[pending.size() - 2]].row->key));
    // Labels printed alone, out of the template's order ("2.其他法律… / 1.属于国家秘密"), then one values
    // line: the label right before it takes the line for now. Kept only when the line holds the rows
    // of that label and of labels waiting beside it, consecutive in the template, each adding up, in
    // one way only (the split after the loop); else dropped.
    if (!isolated && !in_order && !chained && pending.size() >= 2 && pending.back() + 1 == rows.size() &&
        line_values >= 2 * ncols && line_values <= 3 * ncols && line_values % ncols == 0) {
      pending.pop_back();
      chain = 0;
      rows.back().closed = false;
      rows.back().from_lines = true;
      rows.back().tentative = true;
      return true;
    }
    if (!isolated && !in_order && !chained) {
      ++orphan_value_rows;
      return false;
    }
    chain = isolated ? 0 : pending.size() - 1;
    size_t i = isolated ? pending.back() : pending.front();
    pending.erase(isolated ? pending.end() - 1 : pending.begin());
    rows[i].closed = false;
    if (i + 1 != rows.size()) {  // move it to the end: it is the current row now
      Row r = std::move(rows[i]);
      rows.erase(rows.begin() + long(i));
      for (auto& p : pending) if (p > i) --p;
      rows.push_back(std::move(r));
    }
    detached.push_back(rows.back().row->def->label);
    rows.back().from_lines = true;
    rows.back().assembled |= in_order || chained;  // (paired by order: NB0614 guards it)
    return true;
  };
  std::u32string key, cell_key;  // keys of a label and of its whole cell
  Tail nums, tail;
  for (const Token& t : ts.tokens) {
    if (t.kind == Token::row_end) {
      if (!rows.empty() && !rows.back().closed) {
        rows.back().closed = true;
        if (rows.back().values.empty() && labels_in_line == 1) pending.push_back(rows.size() - 1);
      }
      labels_in_line = 0;
      line_start = true;
      fragment = false;
      orphan_open = false;
      lone_prev = lone_line;
      lone_line = false;
      continue;
    }
    const ValueInfo value = value_info(t.text);
    if (value.kind != Value::text) {
      bool open = !rows.empty() && !rows.back().closed;
      if (!open && started && (line_start || fragment) && value.kind == Value::number) {
        // (a value alone on its line: one cell of the row it continues; not a run of as many digits
        // as the row has cells, which may be the whole row glued)
        const size_t ti = size_t(&t - ts.tokens.data());
        const bool alone = (ti + 1 == ts.tokens.size() || ts.tokens[ti + 1].kind == Token::row_end) &&
                           t.text.size() < ncols;
        open = take_pending(alone ? 1 : 0);
        if (!open) {
          line_start = false;
          fragment = false;
          if (!(alone && lone_prev && !orphans.empty() && orphans.back().size() < ncols)) orphans.emplace_back();
          orphan_open = true;
          lone_line = alone;
          add_value(orphans.back(), t, value);
          continue;
        }
      }
      if (open) add_value(rows.back().values, t, value);
      else if (orphan_open) add_value(orphans.back(), t, value);
      line_start = false;
      continue;
    }
    bool at_line_start = line_start;
    line_start = false;
    orphan_open = false;
    lone_line = lone_prev = false;
    if (numbers_only(t.text, nums)) {  // "37 1 0 0 0 0 38" in one cell
      bool open = !rows.empty() && !rows.back().closed;
      // On a line of its own, after a label printed alone: that label's values.
      const bool own_line = started && (at_line_start || fragment);
      if (!open && own_line) open = take_pending(nums.pieces.size());
      if (open) {
        add_tail(rows.back().values, t, nums);
        continue;
      }
      if (own_line) {
        orphans.emplace_back();
        add_tail(orphans.back(), t, nums);
      }
    }
    // A text cell: a row label, possibly with its numbers after it.
    bool has_tail = split_numeric_tail(t.text, tail);
    std::string_view label = has_tail ? t.text.substr(0, tail.label_bytes) : t.text;
    // Before the table starts only its first rows count, and a cell that matches neither them
    // (below kMinScore: then no best match is one of them) nor, with a tail, as a whole, is
    // skipped whatever else it matches (`fragment` counts only once the table has started).
    const bool label_ok = request_key(label, key);
    bool cell_done = false, cell_ok = false;  // the whole cell's key, in cell_key, once needed
    if (!started && !(label_ok && could_start(key))) {
      if (has_tail) {
        cell_ok = request_key(t.text, cell_key);
        cell_done = true;
      }
      if (!(cell_ok && could_start(cell_key))) continue;
    }
    const RequestRow* m = label_ok ? match_request_row(key) : nullptr;
    if ((!m || m->key.empty()) && label.size() > 6) {
      // A group label and its first row in one cell ("三、本年度办理结果 （一）予以公开 5 1 0 …"):
      // the row is the part from a later enumerator on, when that part names a row.
      for (size_t p = 1; p < label.size(); ++p) {
        if (!enumerator_length(label.substr(p))) continue;
        std::u32string rest;
        const RequestRow* r = request_key(label.substr(p), rest) ? match_request_row(rest) : nullptr;
        if (r && !r->key.empty()) { m = r; break; }
      }
    }
    const bool had_tail = has_tail;
    if (!m && has_tail) {
      if (!cell_done) cell_ok = request_key(t.text, cell_key);
      m = cell_ok ? match_request_row(cell_key) : nullptr;
      has_tail = false;
    }
    if (m && !rows.empty() && rows.back().row->def == m->def) {
      // The tail of the previous row's label, wrapped onto the next line ("认或重新出具已获取信息"),
      // but not the whole label printed again without its numbering (a heading "一、本年新收…"
      // above a row "本年新收… 705 3 0 0 5 0 713").
      std::u32string k = label_key(label);
      const std::u32string& full = m->full_key;
      if (k.size() < m->bare_size && full.compare(full.size() - k.size(), k.size(), k) == 0) m = nullptr;
    }
    if (!m) {  // header text, a continuation fragment ("务信息"), a note
      if (at_line_start) fragment = true;
      // A label printed a character a line ("三 / 、 / 本 …") before a line of numbers: the numbers are
      // a row without a label (placed, if at all, by the passes after the loop).
      if (had_tail && at_line_start && started && label_key(label).size() <= 2 && !looks_glued(tail, ncols)) {
        orphans.emplace_back();
        add_tail(orphans.back(), t, tail);
      }
      continue;
    }
    if (!started) {
      if (!m->starts) continue;
      started = true;
    }
    if (m->key.empty()) {  // a group label
      if (!rows.empty()) rows.back().closed = true;
      continue;
    }
    if (!rows.empty()) rows.back().closed = true;
    for (size_t p = 0; p < pending.size(); ++p)  // the label is back: its values follow here
      if (rows[pending[p]].row->def == m->def) { pending.erase(pending.begin() + long(p)); break; }
    if (m->other_sub)  // "（六）其他处理" waiting alone was v2021's group label, not v2019's row
      for (size_t p = 0; p < pending.size(); ++p)
        if (rows[pending[p]].row->key == "other") { pending.erase(pending.begin() + long(p)); break; }
    ++labels_in_line;
    fragment = false;
    chain = 0;
    rows.push_back({m, t.start, t.end, {}, false, false});
    rows.back().values.reserve(ncols + 1);
    if (has_tail) {
      if (looks_glued(tail, ncols)) {
        record_glued(th, m->key, ncols, t, tail);
        rows.back().closed = true;
        rows.back().glued = true;
      } else {
        add_tail(rows.back().values, t, tail);
      }
    }
  }
  if (rows.empty() && th.glued.empty()) return;
  th.found = true;
  // One label followed by the values of two or three rows (k × ncols numbers, each run of ncols a row
  // whose total is the sum of its applicants), and the labels of its neighbours in the template
  // printed close by without values — a browser's copy of a table whose row-spanning cells put
  // labels out of place ("（一）予以公开 9 0 … 9 0 0 … 0 （二）部分公开…", "2.其他法律… 1.属于国家秘密
  // 0 … 0 0 … 0"): the runs go to those rows in the template's order. The counts and the identities
  // leave that one reading; anything less certain is left as it was (NB0604).
  // A row printed with its label and values, out of the template's order among the rows around it
  // ("4.保护第三方… 0 … / 1.本机关不掌握相关政 府信息 1 0 0 0 0 0 1 / 6.属于四类过程性信息 1 …": a loose
  // label run into the next values line): its values are taken as a row without a label for the
  // passes below, and given back if none of them places it.
  // The generation the rows read so far show: v2021 when a row of its （六）其他处理 was read. (A bare
  // "其他", no "3." before it, is no evidence alone: it is also a column's header, printed among the
  // rows by pdftotext.)
  auto rows_gen = [&]() {
    for (const auto& r : rows) {
      if (!r.row->other_sub) continue;
      const std::string_view printed = std::string_view(doc.text).substr(r.label_start, r.label_end - r.label_start);
      if (r.row->key != "other.other" || printed.rfind("其他", 0) != 0) return Template::v2021;
    }
    return Template::v2019;
  };
  std::vector<std::pair<size_t, size_t>> demoted;  // (row, its orphan)
  {
    const DataRows& data = data_rows(rows_gen());
    auto pos = [&](const Row& r) { return data.pos(r.row->key); };
    std::vector<size_t> with;
    for (size_t j = 0; j < rows.size(); ++j)
      if (!rows[j].values.empty() && !rows[j].glued && pos(rows[j]) >= 0) with.push_back(j);
    std::sort(with.begin(), with.end(), [&](size_t a, size_t b) { return rows[a].label_start < rows[b].label_start; });
    // (only a whole row that adds up, where a template row between its print neighbours has no values)
    std::vector<bool> has(data.size(), false);
    for (size_t j : with) has[size_t(pos(rows[j]))] = true;
    std::vector<size_t> odd;
    for (size_t w = 1; w + 1 < with.size(); ++w) {
      const ptrdiff_t pp = pos(rows[with[w - 1]]), pn = pos(rows[with[w + 1]]), pr = pos(rows[with[w]]);
      if (!(pp < pn) || (pp < pr && pr < pn)) continue;
      const Values& vs = rows[with[w]].values;
      bool whole = vs.size() == ncols;
      for (const auto& v : vs) whole &= v.value.kind == Value::number;
      if (!whole || !applicants_hold(vs)) continue;
      bool room = false;
      for (ptrdiff_t q = pp + 1; q < pn; ++q) room |= !has[size_t(q)];
      if (room) odd.push_back(with[w]);
    }
    for (size_t j : odd) {
      Values vs = std::move(rows[j].values);
      rows[j].values.clear();
      const uint32_t at = vs.front().start;
      auto it = std::lower_bound(orphans.begin(), orphans.end(), at,
                                 [](const Values& o, uint32_t a) { return !o.empty() && o.front().start < a; });
      const size_t oi = size_t(it - orphans.begin());
      for (auto& d : demoted) if (d.second >= oi) ++d.second;
      orphans.insert(it, std::move(vs));
      demoted.push_back({j, oi});
      ++orphan_value_rows;
    }
  }
  std::vector<bool> key_has_values(request_candidates().keys, false);  // by key_id
  for (const auto& r : rows)
    if (!r.values.empty()) key_has_values[r.row->key_id] = true;
  for (size_t i = 0; i < rows.size(); ++i) {
    Row& r = rows[i];
    const size_t k = r.values.size() / ncols;
    // (a values line taken tentatively that does not split is no one's: see take_pending)
    struct Drop {
      Row& r; size_t& orphans; bool keep = false;
      ~Drop() { if (r.tentative && !keep) { r.values.clear(); r.from_lines = false; ++orphans; } r.tentative = false; }
    } drop{r, orphan_value_rows};
    if (k < 2 || k > 3 || r.values.size() % ncols || r.glued) continue;
    bool numbers = true;
    for (const auto& v : r.values) numbers &= v.value.kind == Value::number;
    if (!numbers) continue;
    std::vector<Values> runs(k);
    bool hold = true;
    for (size_t g = 0; g < k; ++g) {
      runs[g].assign(r.values.begin() + long(g * ncols), r.values.begin() + long((g + 1) * ncols));
      hold &= applicants_hold(runs[g]);
    }
    if (!hold) continue;
    // The label-only rows, not placed elsewhere.
    auto waiting = [&](size_t j) {
      return rows[j].values.empty() && !rows[j].glued && !key_has_values[rows[j].row->key_id];
    };
    // (wherever they were printed: a label without values anywhere in the table has only these to take)
    std::vector<size_t> near{i};
    for (size_t j = 0; j < rows.size(); ++j)
      if (j != i && waiting(j)) near.push_back(j);
    // Positions in the template (either generation's data rows): k of them must be consecutive,
    // r's among them.
    for (Template gen : {Template::v2021, Template::v2019}) {
      const DataRows& data = data_rows(gen);
      auto pos = [&](size_t j) { return data.pos(rows[j].row->key); };
      const ptrdiff_t pr = pos(i);
      if (pr < 0) continue;
      std::vector<size_t> chosen;  // rows of `near` at positions first … first + k - 1, template order
      size_t readings = 0;
      for (ptrdiff_t first = std::max<ptrdiff_t>(0, pr - ptrdiff_t(k) + 1); first <= pr; ++first) {
        std::vector<size_t> got;
        for (size_t g = 0; g < k; ++g) {
          size_t hit = SIZE_MAX;
          for (size_t j : near)
            if (pos(j) == first + ptrdiff_t(g)) hit = j;
          if (hit == SIZE_MAX) break;
          got.push_back(hit);
        }
        if (got.size() == k) { chosen = got; ++readings; }
      }
      if (readings != 1) continue;  // none, or more than one: no guess
      for (size_t g = 0; g < k; ++g) {
        Row& to = rows[chosen[g]];
        to.values = std::move(runs[g]);
        to.closed = true;
        to.from_lines = true;
        to.moved = chosen[g] != i;
        key_has_values[to.row->key_id] = true;
        th.used.push_back("requests.applicants/" + std::string(to.row->key));
      }
      drop.keep = true;
      break;
    }
  }
  // Values rows no label took, between two rows placed by their labels (in print, and in the
  // template's order): the template rows between those two that have no values yet take them, in
  // order, when there are as many of them as such rows, each a whole row that adds up. The labels
  // printed out of place between (before their values, after them, two swapped) do not matter then:
  // the rows on either side and the count leave one reading, which the identities confirm.
  // A blank cell after a whole row's values (a collapsed markdown row's closing bar and the next
  // row's opening one, "… | 0 | | （五）…") is no cell of the table.
  // (Only after ncols numbers: "\t\t0\t0\t…\t" is a row whose blanks fit_row places.)
  auto trim_blank = [&](Values& vs) {
    if (vs.size() != ncols + 1 || vs.back().value.kind != Value::empty || !vs.back().raw.empty()) return;
    for (size_t j = 0; j < ncols; ++j)
      if (vs[j].value.kind != Value::number) return;
    vs.pop_back();
  };
  for (auto& r : rows) trim_blank(r.values);
  for (auto& o : orphans) trim_blank(o);
  // A lone number on its own line between a label printed alone and that row's values ("2.申请人逾期未按
  // 收费… / 1 / 0 0 0 0 0 0 0"): a stray digit, not the row's first cell, when the rest is a whole row
  // that adds up.
  for (auto& r : rows) {
    if (!(r.from_lines || r.assembled) || r.values.size() != ncols + 1 || r.values.front().raw.size() > 3) continue;
    if (doc.line_of(r.values[0].start) == doc.line_of(r.values[1].start)) continue;
    Values rest(r.values.begin() + 1, r.values.end());
    bool numbers = true;
    for (const auto& v : r.values) numbers &= v.value.kind == Value::number;
    if (numbers && applicants_hold(rest)) r.values = std::move(rest);
  }
  // The same, when the stray digit ended the label's line ("…信息公开申请 1" / "| 0 | 0 | … |") and the
  // row of numbers after it was left without a label: that row is the label's.
  // (orphans are in print order; so is `starts`, the label positions of the rows with values)
  std::vector<uint32_t> orphan_start;  // (kept when an orphan is taken and emptied)
  for (const auto& o : orphans) orphan_start.push_back(o.empty() ? 0 : o.front().start);
  auto orphan_at = [&](uint32_t from) {  // the first orphan printed from `from` on
    return orphans.begin() + (std::lower_bound(orphan_start.begin(), orphan_start.end(), from) - orphan_start.begin());
  };
  std::vector<uint32_t> starts;
  for (const auto& r : rows)
    if (!r.values.empty()) starts.push_back(r.label_start);
  std::sort(starts.begin(), starts.end());
  for (auto& r : rows) {
    if (r.values.size() != 1 || r.values[0].value.kind != Value::number || r.values[0].raw.size() > 3) continue;
    auto nx = std::upper_bound(starts.begin(), starts.end(), r.label_start);
    const uint32_t next = nx == starts.end() ? UINT32_MAX : *nx;  // the next row printed with values
    for (auto it = orphan_at(r.values[0].end); it != orphans.end(); ++it) {
      Values& o = *it;
      if (o.empty()) continue;
      if (o.front().start > next) break;
      bool numbers = o.size() == ncols;
      for (const auto& v : o) numbers &= v.value.kind == Value::number;
      if (numbers && applicants_hold(o)) {
        r.values = std::move(o);
        o.clear();
        r.from_lines = true;
        if (orphan_value_rows) --orphan_value_rows;
        th.used.push_back("requests.applicants/" + std::string(r.row->key));
      }
      break;  // only the first row of numbers after it
    }
  }
  if (!orphans.empty()) {
    const DataRows& data = data_rows(rows_gen());
    auto pos = [&](std::string_view key) { return data.pos(key); };
    std::vector<bool> filled(data.size(), false);
    for (const auto& r : rows)
      if (!r.values.empty() && pos(r.row->key) >= 0) filled[size_t(pos(r.row->key))] = true;
    std::vector<size_t> with;  // rows with values, in print order
    for (size_t j = 0; j < rows.size(); ++j)
      if (!rows[j].values.empty() && !rows[j].moved) with.push_back(j);
    std::sort(with.begin(), with.end(), [&](size_t a, size_t b) { return rows[a].label_start < rows[b].label_start; });
    auto whole = [&](const Values& vs) {
      if (vs.size() != ncols) return false;
      for (const auto& v : vs) if (v.value.kind != Value::number) return false;
      return applicants_hold(vs);
    };
    std::vector<Row> added;
    std::vector<size_t> bare(data.size(), SIZE_MAX);  // by template position: the first label-only row
    for (size_t j = 0; j < rows.size(); ++j) {
      const ptrdiff_t q = pos(rows[j].row->key);
      if (q >= 0 && rows[j].values.empty() && !rows[j].glued && bare[size_t(q)] == SIZE_MAX) bare[size_t(q)] = j;
    }
    for (size_t w = 0; w + 1 < with.size(); ++w) {
      const Row& a = rows[with[w]];
      const Row& b = rows[with[w + 1]];
      const ptrdiff_t pa = pos(a.row->key), pb = pos(b.row->key);
      if (pa < 0 || pb <= pa + 1) continue;
      const uint32_t from = a.values.back().end, to = b.label_start;
      std::vector<size_t> between;  // orphans printed between a's values and b's label
      bool stray = false;
      for (size_t o = size_t(orphan_at(from) - orphans.begin()); o < orphans.size(); ++o) {
        if (orphans[o].empty()) continue;
        if (orphans[o].front().start > to) break;
        // (a lone number between, "1", is no row: a page's stray digit)
        if (orphans[o].size() == 1) continue;
        if (!whole(orphans[o])) stray = true;
        between.push_back(o);
      }
      std::vector<size_t> gap;
      for (ptrdiff_t q = pa + 1; q < pb; ++q)
        if (!filled[size_t(q)]) gap.push_back(size_t(q));
      if (stray || between.empty() || between.size() != gap.size() || size_t(pb - pa - 1) != gap.size()) continue;
      for (size_t g = 0; g < gap.size(); ++g) {
        std::string_view key = data.key(gap[g]);
        Values& vs = orphans[between[g]];
        Row* to_row = bare[gap[g]] == SIZE_MAX ? nullptr : &rows[bare[gap[g]]];
        if (!to_row) {
          const RequestRow* rr = nullptr;
          for (const auto& c : request_candidates().rows)
            if (c.key == key && c.other_sub == (key.rfind("other.", 0) == 0)) { rr = &c; break; }
          if (!rr) continue;
          added.push_back({rr, vs.front().start, vs.front().start, {}, true, false});
          to_row = &added.back();
        }
        to_row->values = std::move(vs);
        to_row->from_lines = true;
        to_row->closed = true;
        filled[gap[g]] = true;
        th.used.push_back("requests.applicants/" + std::string(key));
        vs.clear();
        if (orphan_value_rows) --orphan_value_rows;
      }
    }
    for (auto& r : added) rows.push_back(std::move(r));
  }
  for (const auto& [j, oi] : demoted) {  // not placed by any pass: back to its label
    if (orphans[oi].empty()) continue;
    if (rows[j].values.empty()) rows[j].values = std::move(orphans[oi]);
    orphans[oi].clear();
    if (orphan_value_rows) --orphan_value_rows;
  }
  // Rows left without values: try the template's order (read_requests_by_order). It is taken
  // when it agrees with every row the labels placed.
  // (A table of zeros also when every row has values but some not all of them: pdftotext cut its
  // runs of zeros anywhere, and every cell is 0 in any reading.)
  size_t with_values = 0, whole = 0;
  for (const auto& r : rows) {
    bool exact = false;
    with_values += !r.values.empty();
    if (!r.values.empty()) fit_row(r.values, ncols, exact);
    whole += exact || one_short_known(r.values, ncols);
  }
  OrderReading order;
  if (th.glued.empty() && whole < rows.size() && read_requests_by_order(doc, ts, order) &&
      (with_values < rows.size() || order.zeros)) {
    const std::vector<const RowDef*>& data = data_rows(order.gen).defs;
    auto numbers = [](const Values& vs) {
      std::vector<std::string_view> out;
      for (const auto& v : vs) if (v.value.kind == Value::number) out.push_back(v.raw);
      return out;
    };
    bool agrees = true;
    for (const auto& r : rows) {
      // (Only whole rows: a short one would be placed by guess, a long one not at all, and a
      // page number run into a label, "…另行制作 -3-", is no row's value.)
      if (r.values.size() != ncols) continue;
      size_t i = 0;
      while (i < data.size() && r.row->key != data[i]->key) ++i;
      // (In a table of zeros the count fixed the generation: a row of the other one is a header
      // word read as a label, "其他", and its zeros agree with any row.)
      if (order.zeros && i == data.size()) continue;
      agrees &= i < data.size() && numbers(r.values) == numbers(order.rows[i]);
    }
    if (agrees && (with_values < data.size() || (order.zeros && whole < data.size()))) {
      th.evidence = order.gen;
      const std::vector<std::string>& cols = request_col_keys();
      const char* placing = th.placing;
      th.placing = "order";
      th.start = UINT32_MAX;
      th.end = 0;
      for (size_t i = 0; i < data.size(); ++i) {
        const Values& vs = order.rows[i];
        place_row(doc, th, order.gen, data[i]->key, cols, cell_keys(data[i]->key, cols), vs, vs.front().start,
                  vs.back().end);
        th.start = std::min(th.start, vs.front().start);
        th.end = std::max(th.end, vs.back().end);
      }
      th.placing = placing;
      for (size_t i : order.chosen) th.used.push_back("requests.applicants/" + std::string(data[i]->key));
      doc.findings.push_back(make_finding("NB0613", th.start, th.end,
                                          {{"rows", std::to_string(data.size())},
                                           {"by_column", std::to_string(order.by_column)}}));
      if (order.blank)
        doc.findings.push_back(make_finding("NB0615", th.start, th.end,
                                            {{"got", std::to_string(data.size() * cols.size() - order.blank)},
                                             {"want", std::to_string(data.size() * cols.size())},
                                             {"missing", std::to_string(order.blank)}}));
      return;
    }
  }
  {
    // Labels that never found their values, and values that found no label.
    std::string list;
    size_t unplaced = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (!rows[i].values.empty() || rows[i].glued) continue;
      bool elsewhere = false;
      for (const auto& o : rows) elsewhere |= o.row->def == rows[i].row->def && !o.values.empty();
      if (elsewhere || rows[i].row->key == "other") continue;
      list += (list.empty() ? "" : "、") + std::string(rows[i].row->def->label);
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
  bool v2021 = rows_gen() == Template::v2021;
  for (const auto& g : th.glued) v2021 |= g.row.rfind("other.", 0) == 0;
  th.evidence = v2021 ? Template::v2021 : Template::v2019;
  const std::vector<std::string>& cols = request_col_keys();
  th.start = rows.empty() ? th.glued.front().start : rows.front().label_start;
  th.end = th.start;
  // A run of zeros one digit short of the columns ("000000": a row of zeros, one cell printed
  // blank, separators lost): six zeros, and the row is one short of zeros (place_row: the last
  // cell blank; whichever it was, every cell is 0 or blank).
  for (auto& r : rows) {
    if (r.values.size() != 1 || r.values[0].value.kind != Value::number) continue;
    const ValueTok v = r.values[0];
    if (v.raw.size() + 1 != ncols || v.raw.find_first_not_of('0') != std::string_view::npos) continue;
    r.values.clear();
    for (size_t k = 0; k < v.raw.size(); ++k)
      r.values.push_back({value_info(v.raw.substr(k, 1)), v.start + uint32_t(k), v.start + uint32_t(k + 1), v.raw.substr(k, 1)});
  }
  // A row with fewer values than columns but digits enough for all of them lost its
  // separators ("4010000041" in one cell): record it as glued, for recovery.
  for (auto& r : rows) {
    if (!as_glued(r.values, ncols, r.row->key, {}, th)) continue;
    th.glued.back().paired = r.from_lines || r.assembled || r.moved;
    r.values.clear();
    r.glued = true;
  }
  // A label can occur more than once (a heading above a small table, a stray header row):
  // place the first occurrence that has values, else the first. A row placed with values
  // has its first column's cell ("key/natural"); `placed` remembers which keys have one.
  // An occurrence whose cells are all blank (a header cell "总计" followed by the empty cells
  // of a collapsed markdown line) yields to a later one with numbers.
  auto has_values = [](const Row& r) {
    for (const auto& v : r.values)
      if (v.value.kind != Value::empty) return true;
    return false;
  };
  std::vector<bool> placed(request_candidates().keys, false);
  std::string unsure;
  uint32_t unsure_at = 0;
  std::deque<std::string> wrapped;  // the texts of numbers joined by join_wrapped_digits
  std::vector<uint32_t> header;  // header_columns, read when a short row first needs them
  uint32_t header_page_end = 0;  // (page_end of their page)
  bool header_read = false;
  // Every row printed with the same number of values, fewer than the columns, all numbers, each
  // row's last the sum of the others, and at least one such sum not 0 ("26 26", "0 0", … for seven
  // columns: a table whose blank cells vanished, the same columns blank from top to bottom): the
  // rows that tell show the total printed last, so the rows of zeros have theirs there too.
  const bool totals_last = [&] {
    size_t count = 0;
    bool told = false;
    for (const Row& r : rows) {
      if (r.glued || r.values.empty()) continue;
      // (a row whose numbers wrapped onto a second line, "2 2" over "6 6", as the loop below joins it)
      Values joined;
      const Values& vs = r.assembled && join_wrapped_digits(doc, r.values, ncols, wrapped, joined) ? joined : r.values;
      if (count == 0) count = vs.size();
      if (vs.size() != count || count < 2 || count >= ncols || !applicants_hold(vs)) return false;
      for (const auto& v : vs)
        if (v.value.kind != Value::number) return false;
      told |= parse_value(vs.back().raw).v > 0;
    }
    return told;
  }();
  const size_t findings_before = doc.findings.size();  // (the rows' NB0604, folded below)
  auto not_placed = [&](const Row& r) {  // a row whose values fit no reading: NB0604, none placed
    std::string_view key = r.row->key;
    row_misaligned(doc, "requests", row_label(th.evidence, "requests", key), row_label(th.evidence, "requests", key, true),
                   r.values, ncols, std::min(r.label_start, r.values.front().start), std::max(r.label_end, r.values.back().end));
    th.end = std::max(th.end, r.values.back().end);
  };
  auto mark_unsure = [&](const Row& r) {  // a reading the tool is not sure of: listed under NB0614
    unsure += (unsure.empty() ? "" : "、") + std::string(r.row->def->label);
    unsure_at = unsure_at ? unsure_at : r.label_start;
  };
  th.cells.reserve(th.cells.size() + rows.size() * ncols);
  for (size_t i = 0; i < rows.size(); ++i) {
    Row& r = rows[i];
    std::string_view key = r.row->key;
    // "（六）其他处理" read as the v2019 row in a v2021 table is the group label (with nothing, or
    // only a grid's empty cells, after it).
    if (v2021 && key == "other" && !has_values(r)) continue;
    bool glued_elsewhere = false;
    for (const auto& g : th.glued) glued_elsewhere |= g.row == key;
    if (r.glued || glued_elsewhere || placed[r.row->key_id]) continue;
    bool later_with_values = false;
    if (!has_values(r))
      for (size_t j = i + 1; j < rows.size() && !later_with_values; ++j)
        later_with_values = rows[j].row->def == r.row->def && has_values(rows[j]);
    if (later_with_values) continue;
    // A row gathered from several lines after its label whose total is not the sum of its
    // applicants: the gathering is the tool's guess, not the report's error (pdftotext prints
    // cells of other rows between). It is not placed, and said so.
    if (r.assembled && r.values.size() == ncols && !applicants_hold(r.values)) {
      mark_unsure(r);
      continue;
    }
    {
      Values joined;
      if (r.assembled && join_wrapped_digits(doc, r.values, ncols, wrapped, joined)) r.values = std::move(joined);
      // (the second line left without a label: a piece of a label printed char by char began it)
      if (!r.assembled && !r.values.empty() && r.values.size() < ncols) {
        const size_t l1 = doc.line_of(r.values.back().start);
        for (auto it = orphan_at(r.values.back().end); it != orphans.end(); ++it) {
          if (it->empty()) continue;
          if (doc.line_of(it->front().start) > l1 + 2) break;
          Values both = r.values;
          both.insert(both.end(), it->begin(), it->end());
          if (join_wrapped_digits(doc, both, ncols, wrapped, joined)) {
            r.values = std::move(joined);
            it->clear();
            if (orphan_value_rows) --orphan_value_rows;
          }
          break;
        }
      }
    }
    drop_grid_padding(r.values, ncols);
    // Fewer values than columns, under headers whose columns the spaces keep (pdftotext -layout):
    // each value goes under its header, the columns between are blank.
    if (!r.values.empty() && r.values.size() < ncols) {
      if (!header_read) {
        uint32_t header_at = 0;  // (the start of their last line)
        header = header_columns(doc, rows.front().label_start, header_at);
        header_page_end = page_end(doc, header_at);
        header_read = true;
        // (The whole rows on the headers' page must stand under them too: pdftotext's layout can
        // drift, a row's values starting one column right of the header above.)
        for (const auto& w : rows) {
          if (header.empty()) break;
          if (w.values.size() != ncols || !on_page(doc, header_page_end, w.values.back().start)) continue;
          for (size_t j = 0; j < ncols; ++j)
            if (std::abs(int64_t(display_column(doc, w.values[j].start)) - int64_t(header[j])) > 3) {
              header.clear();
              break;
            }
        }
      }
      Values full;
      if (place_by_columns(doc, header, header_page_end, r.values, full)) {
        const char* placing = th.placing;
        th.placing = "column";
        place_row(doc, th, th.evidence, key, cols, r.row->cell_keys, full, r.label_start, r.label_end);
        th.placing = placing;
        placed[r.row->key_id] = true;
        th.end = std::max(th.end, r.values.back().end);
        continue;
      }
    }
    // Fewer values than columns and no blank printed, the last the sum of the others ("26 26": a
    // PDF of a table whose empty cells left no trace): the last is the total; where the others go
    // would be a guess, so only the total is read.
    bool blanks_lost = r.values.size() >= 2 && r.values.size() < ncols;
    for (const auto& v : r.values) blanks_lost &= v.value.kind == Value::number;
    // (A total of 0 tells nothing by itself: "0 0 0 0 0 0" is as likely six zeros and a blank total;
    // in a table whose rows show their total printed last, it is the total.)
    if (blanks_lost && applicants_hold(r.values) && (totals_last || parse_value(r.values.back().raw).v > 0)) {
      const ValueTok& last = r.values.back();
      row_misaligned(doc, "requests", row_label(th.evidence, "requests", key), row_label(th.evidence, "requests", key, true),
                     r.values, ncols, std::min(r.label_start, r.values.front().start), std::max(r.label_end, last.end), true);
      add_cell(th, r.row->cell_keys[ncols - 1], last);
      // Σ applicants is the total, wherever the others go: the row's identity holds by this reading.
      th.row_sums.push_back({std::string(key), parse_value(last.raw).v});
      th.used.push_back("requests.applicants/" + std::string(key));
      th.end = std::max(th.end, last.end);
      continue;
    }
    // One run of digits as long as the row's cells less one ("100000": six cells run together, one
    // printed blank): a number of that size in the first column would be a guess the identities
    // then hold against the report. It is not placed (NB0604).
    if (r.values.size() == 1 && r.values[0].value.kind == Value::number && r.values[0].raw.size() + 1 >= ncols &&
        r.values[0].raw.size() < ncols && r.values[0].raw.find_first_not_of("0123456789") == std::string_view::npos) {
      not_placed(r);
      continue;
    }
    // Two or more values fewer than columns, every one a number and not every one 0, no blank
    // printed ("2 2 6 6" for seven columns): which columns they are in would be a guess (left to
    // right is only one of the readings). They are not placed (NB0604).
    if (blanks_lost && r.values.size() + 2 <= ncols && !all_zero(r.values)) {
      not_placed(r);
      continue;
    }
    // One value fewer than columns, the last not the sum of the others: a printed total would be
    // that sum, so the total is the cell that printed nothing, and the others are in their columns
    // ("1 0 0 0 0 0" and a blank 总计).
    bool total_blank = one_short_known(r.values, ncols);
    // (Not when the tool gathered them over text that is no value, not all of them 0: a piece of a
    // label between, "0 / 0 / 三 / 2 / 2 / 6 / 6", and the cells after it may be the next row's.)
    if (total_blank && r.assembled && text_between(doc, r.values) && !all_zero(r.values)) {
      mark_unsure(r);
      continue;
    }
    const char* placing = th.placing;
    if (r.from_lines) th.placing = "order";  // values printed apart from their label
    place_row(doc, th, th.evidence, key, cols, r.row->cell_keys, r.values, r.label_start, r.label_end, total_blank);
    th.placing = placing;
    placed[r.row->key_id] = placed[r.row->key_id] || has_values(r);
    th.end = std::max(th.end, r.values.empty() ? r.label_end : r.values.back().end);
  }
  for (const auto& g : th.glued) th.end = std::max(th.end, g.end);
  if (!unsure.empty()) doc.findings.push_back(make_finding("NB0614", unsure_at, unsure_at, {{"rows", unsure}}));
  // One cause, one finding: the rows that do not fit the columns, listed under it — NB0617 when each
  // is a row whose blank cells vanished and only its total was read, else NB0618.
  const auto rows_found = std::stable_partition(
      doc.findings.begin() + long(findings_before), doc.findings.end(),
      [](const Finding& f) { return !(f.rule && std::string_view(f.rule->id) == "NB0604"); });
  std::vector<Finding> misfit(std::make_move_iterator(rows_found), std::make_move_iterator(doc.findings.end()));
  doc.findings.erase(rows_found, doc.findings.end());
  th.columns_unsure = !misfit.empty();
  const size_t totals_only = th.row_sums.size();  // rows whose blank cells vanished, only their total read
  if (misfit.size() == 1) doc.findings.push_back(std::move(misfit[0]));
  if (misfit.size() > 1) {
    Finding f = make_finding(totals_only == misfit.size() ? "NB0617" : "NB0618", misfit[0].start, misfit[0].end,
                             {{"count", std::to_string(misfit.size())}, {"want", std::to_string(ncols)},
                              {"totals", totals_only ? "，其中 " + std::to_string(totals_only) +
                                                           " 行末一格等于其余之和，已读作该行的总计并据此核对该行"
                                                     : std::string()},
                              {"totals_en", totals_only ? "; in " + std::to_string(totals_only) +
                                                              " of them the last value is the sum of the others and was read "
                                                              "as the row's total, the row checked with it"
                                                        : std::string()}});
    f.items = std::move(misfit);
    doc.findings.push_back(std::move(f));
  }
}

// ── 表四 appeals ─────────────────────────────────────────────────────────────

/// Is a label key only 表四's header words ("结果纠正其他结果尚未审结总计", "复议后起诉")?
bool appeals_header_only(std::u32string k) {
  static const std::u32string kWords[] = {U"未经复议直接起诉", U"复议后起诉", U"行政复议", U"行政诉讼", U"结果维持",
                                          U"结果纠正", U"其他结果", U"尚未审结", U"总计", U"结果", U"维持",
                                          U"纠正", U"其他", U"尚未", U"审结", U"总", U"计"};
  if (k.empty()) return false;
  for (const auto& w : kWords)
    for (size_t at; (at = k.find(w)) != std::u32string::npos;) k.erase(at, w.size());
  return k.empty();
}

void read_appeals(Doc& doc, TableHit& th, const TokenStream& ts) {
  const auto& groups = appeal_groups();
  const auto& cols = appeal_columns();
  // "group/column" for every cell, group by group (built once).
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const auto& g : appeal_groups())
      for (const auto& c : appeal_columns()) out.push_back(std::string(g.key) + "/" + c.key);
    return out;
  }();
  // Rows between row ends. A data row holds only numbers or blanks. The table is one row of
  // fifteen, or (split into small tables) one row of five per group under its caption.
  struct DataRow { Values cells; int group; };
  std::vector<DataRow> data;
  Values row;
  bool row_has_text = false, saw_header = false;
  size_t after_text = 0;  // values in `row` before its last text cell
  uint32_t header_start = 0;
  int caption = -1;       // group named by the latest caption text
  int next_group = 0;
  // Values printed one per line (a cell-per-line paste, PDF text) gather in `run` until they
  // make a whole row: fifteen, or five under a group's caption.
  Values run;
  auto flush_run = [&] {
    if (run.size() == cols.size() || run.size() == groups.size() * cols.size()) {
      data.push_back({run, caption >= 0 ? caption : next_group});
      next_group = data.back().group + int(run.size() / cols.size());
      caption = -1;
    }
    run.clear();
  };
  bool stray_in_row = false;  // this row is a header word printed among values one per line
  bool text_header_only = true;  // every text cell of this row is a header word (总计)
  Values short15;              // a data row of more than five and fewer than fifteen values
  Values seen;                 // every value after the header, should no row be read
  auto finish = [&] {
    if (stray_in_row && row.empty() && !row_has_text) { stray_in_row = false; return; }
    stray_in_row = false;
    size_t nums = 0;
    for (const auto& v : row) nums += v.value.kind == Value::number;
    if (!row_has_text && !short15.empty() && nums > 0 && nums == row.size() &&
        short15.size() + nums == groups.size() * cols.size()) {
      // The rest of a data row wrapped onto the next line ("0 0 … 0" / "0").
      short15.insert(short15.end(), row.begin(), row.end());
      row = std::move(short15);
      short15.clear();
      nums = row.size();
    } else if (!row_has_text && saw_header && nums > 0 && nums < 3 && nums == row.size()) {
      run.insert(run.end(), row.begin(), row.end());
      if (run.size() == groups.size() * cols.size()) flush_run();
      row.clear();
      return;
    }
    if (!run.empty() && (row_has_text || nums > 0)) flush_run();
    if (row_has_text && saw_header) {
      // The header's cells and the data in one row (a paste whose row ends were lost): the
      // values after the last text cell are the data when they make a whole row.
      size_t n = row.size() - after_text;
      bool all_numbers = n > 0;
      for (size_t i = after_text; i < row.size(); ++i) all_numbers &= row[i].value.kind == Value::number;
      if (all_numbers && (n == cols.size() || n == groups.size() * cols.size())) {
        row.erase(row.begin(), row.begin() + long(after_text));
        row_has_text = false;
        nums = n;
      }
    }
    if (row_has_text && saw_header && text_header_only && !short15.empty()) {
      // The rest of a data row cut short by a header word printed among its values ("… 0 0 0 /
      // 总计 0", pdftotext; a collapsed report): it completes the row.
      size_t n = row.size() - after_text;
      if (n > 0 && short15.size() + n == groups.size() * cols.size()) {
        short15.insert(short15.end(), row.begin() + long(after_text), row.end());
        row = std::move(short15);
        short15.clear();
        row_has_text = false;
        nums = row.size();
      }
    }
    if (!row_has_text && nums > cols.size() && nums < groups.size() * cols.size() && saw_header &&
        nums == row.size() && short15.empty()) {
      short15 = row;  // wait for the rest (above), else it is read as it is (below, at the end)
      row.clear();
      after_text = 0;
      text_header_only = true;
      return;
    }
    if (!row_has_text && nums >= 3 && saw_header) {
      // (a grid's padding: a row of five, or of fifteen, among empty fields)
      drop_grid_padding(row, cols.size());
      drop_grid_padding(row, keys.size());
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
    after_text = 0;
    text_header_only = true;
  };
  Tail tail;
  std::u32string k, hk;
  for (const Token& t : ts.tokens) {
    if (!data.empty() && (data.front().cells.size() != cols.size() || data.size() == groups.size())) break;
    if (t.kind == Token::row_end) { finish(); continue; }
    ValueInfo v = value_info(t.text);
    if (v.kind == Value::text) {
      if (numbers_only(t.text, tail)) {  // "0 0 0 …" on one line
        if (tail.pieces.size() == 1 && tail.digits >= 10 && saw_header) {
          record_glued(th, "appeals", keys.size(), t, tail);
          break;
        }
        add_tail(row, t, tail);
        if (saw_header) add_tail(seen, t, tail);
        continue;
      }
      label_key_into(t.text, k);
      // The values one per line end before a caption; not at a column's header word printed
      // among them (pdftotext puts a header cell where its line falls: "…0 0 0 / 总计 / 0")
      // while they are not yet whole rows.
      auto total_word = [](const std::u32string& w) { return w == U"总计" || w == U"合计" || w == U"小计"; };
      bool header_word = total_word(k);
      // Any header or caption text among values one per line that are not yet whole rows of
      // five (pdftotext's default mode interleaves 表四's header cells with its data).
      if (!header_word && !run.empty() && run.size() % cols.size() != 0) header_word = appeals_header_only(k);
      {
        Tail ht;  // "总计 0": the word before a number
        if (split_numeric_tail(t.text, ht) && ht.label_bytes) label_key_into(t.text.substr(0, ht.label_bytes), hk);
        else hk = k;
        if (!total_word(hk)) text_header_only = false;
      }
      const bool stray = header_word && !run.empty() && run.size() % cols.size() != 0;
      if (stray) { stray_in_row = row.empty() && !row_has_text; continue; }
      if (!run.empty()) flush_run();
      bool review = k.find(U"行政复议") != std::u32string::npos;
      if (review || k.find(U"维持") != std::u32string::npos || k.find(U"审结") != std::u32string::npos) {
        if (!saw_header) header_start = t.start;
        saw_header = true;
      }
      if (k.find(U"未经复议") != std::u32string::npos) caption = 1;
      else if (k.find(U"复议后") != std::u32string::npos) caption = 2;
      else if (review && k.size() <= 6) caption = 0;
      row_has_text = true;
      after_text = row.size();
      // A caption or header with its row's numbers in one cell ("行政复议 结果维持 … 总计 27 10 9 15 61",
      // a line given back to a collapsed report): the numbers are that row's.
      if (saw_header && split_numeric_tail(t.text, tail) && (tail.pieces.size() >= 2 || (text_header_only && !short15.empty())))
        add_tail(row, t, tail);
      continue;
    }
    // (digits as printed, enough for the fifteen cells: a run of zeros, "000000000000000", is 0 as a
    // number; eleven zeros under fifteen columns are a row of fewer cells, not a glued one)
    if (v.kind == Value::number && v.integer && saw_header && row.empty() &&
        size_t(std::count_if(t.text.begin(), t.text.end(), [](char c) { return c >= '0' && c <= '9'; })) >= keys.size()) {
      numbers_only(t.text, tail);  // fifteen cells glued into one run of digits
      record_glued(th, "appeals", keys.size(), t, tail);
      break;
    }
    add_value(row, t, v);
    if (saw_header && v.kind == Value::number) add_value(seen, t, v);
  }
  if (th.glued.empty()) {
    finish();
    if (!short15.empty()) {  // never completed: a row of its own (reported as misaligned)
      data.push_back({short15, caption >= 0 ? caption : next_group});
      short15.clear();
    }
    if (!run.empty()) flush_run();
  }
  if (!th.glued.empty()) {
    th.found = true;
    th.start = header_start ? header_start : th.glued.front().start;
    th.end = th.glued.front().end;
    return;
  }
  // Every value after the header a 0, exactly fifteen (no appeal or suit, the cells printed among
  // the header words: pdftotext's default mode): every cell is 0 whatever the order.
  size_t in_rows = 0;
  for (const auto& d : data) in_rows += d.cells.size();
  if (saw_header && seen.size() == keys.size() && in_rows < keys.size() &&
      std::all_of(seen.begin(), seen.end(), is_zero)) {
    th.found = true;
    th.start = header_start;
    th.end = seen.back().end;
    for (size_t k = 0; k < keys.size(); ++k) add_cell(th, keys[k], seen[k]);
    return;
  }
  if (data.empty()) {
    // Its header and values printed, but no run of them is a row (fewer than five columns' worth
    // between the captions, a PDF whose empty cells left no trace): the table is there, unread.
    if (saw_header && !seen.empty()) {
      th.found = true;
      th.start = header_start;
      th.end = seen.back().end;
      // Fewer values than cells but digits enough for them ("271091561 / 30003 / 801110": each
      // group's row glued under its caption): glued, for recovery by the identities.
      if (as_glued(seen, keys.size(), "appeals", {}, th)) return;
      row_misaligned(doc, "appeals", "数据行", "data row", seen, keys.size(), seen.front().start, seen.back().end);
    }
    return;
  }
  th.found = true;
  th.cells.reserve(keys.size());
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
        const std::string& key = keys[size_t(d.group) * cols.size() + k];
        if (d.cells[k].value.kind == Value::text)
          not_a_number(doc, "appeals", cell_label(Template::v2019, "appeals", key),
                       cell_label(Template::v2019, "appeals", key, true), d.cells[k]);
        if (!th.find(key)) add_cell(th, key, d.cells[k]);
      }
    }
    return;
  }
  const Values& r = data.front().cells;
  // Fewer values than cells but digits enough for them ("271091561 30003 801110": each group's
  // row glued under its caption): glued, for recovery by the identities.
  if (data.size() == 1 && r.size() < keys.size() && as_glued(r, keys.size(), "appeals", {}, th)) return;
  if (r.size() != keys.size()) {
    // No row label to anchor on: a row that does not fit the header is reported, never placed.
    row_misaligned(doc, "appeals", "数据行", "data row", r, keys.size(), r.front().start, r.back().end);
    return;
  }
  for (size_t k = 0; k < keys.size(); ++k) {
    if (r[k].value.kind == Value::text)
      not_a_number(doc, "appeals", cell_label(Template::v2019, "appeals", keys[k]),
                   cell_label(Template::v2019, "appeals", keys[k], true), r[k]);
    add_cell(th, keys[k], r[k]);
  }
}

// ── 表二 proactive ───────────────────────────────────────────────────────────

struct ColMatch {
  const ColDef* def = nullptr;
  Template gen = Template::unknown;
};

const Candidates<ColDef>& proactive_col_candidates() {
  static const Candidates<ColDef> c([](const TemplateDef& t, auto add) {
    for (const auto& p : t.proactive)
      for (const auto& col : p.columns) add(col);
  });
  return c;
}

const Candidates<RowDef>& proactive_row_candidates() {
  static const Candidates<RowDef> c([](const TemplateDef& t, auto add) {
    for (const auto& p : t.proactive)
      for (const auto& r : p.rows) add(r);
  });
  return c;
}

/// The proactive column a printed header cell (its key `key`) names, or none.
ColMatch match_proactive_col(const std::u32string& key) {
  if (key.empty() || key.size() > 40) return {};
  const auto& c = proactive_col_candidates();
  LabelSet::Best b = c.set.best(key);
  if (b.score < kMinScore) return {};
  return {c.defs[size_t(b.index)], c.gens[size_t(b.index)]};
}

/// The proactive row a printed label (its key `key`) names, or nullptr.
const RowDef* match_proactive_row(const std::u32string& key, Template& gen) {
  if (key.empty() || key.size() > 30) return nullptr;
  const auto& c = proactive_row_candidates();
  LabelSet::Best b = c.set.best(key);
  if (b.score < 85) return nullptr;
  gen = c.gens[size_t(b.index)];
  return c.defs[size_t(b.index)];
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

/// A 表二 header cell whose column words ran together ("上一年项目数量本年增/减", a crawler's copy of
/// the row): its pieces, left to right, when it is exactly two or more column titles of either
/// template one after another; else empty.
std::vector<std::u32string> split_header_key(const std::u32string& w) {
  static const std::vector<std::u32string> titles = [] {
    std::vector<std::u32string> out;
    for (Template g : {Template::v2019, Template::v2021})
      for (const auto& p : template_def(g).proactive)
        for (const auto& c : p.columns) {
          out.push_back(label_key(c.label));
          for_each_alternative(c.variants, [&](std::string_view v) { out.push_back(label_key(v)); });
        }
    std::sort(out.begin(), out.end(), [](const std::u32string& a, const std::u32string& b) { return a.size() > b.size(); });
    return out;
  }();
  std::vector<std::u32string> pieces;
  for (size_t p = 0; p < w.size();) {
    const std::u32string* hit = nullptr;
    for (const auto& t : titles)  // longest first
      if (!t.empty() && w.compare(p, t.size(), t) == 0) { hit = &t; break; }
    if (!hit) return {};
    pieces.push_back(*hit);
    p += hit->size();
  }
  if (pieces.size() < 2) pieces.clear();
  return pieces;
}

void read_proactive(Doc& doc, TableHit& th, const TokenStream& ts) {
  struct Row {
    const RowDef* def;
    std::vector<std::string> cols;   // from the header in force
    uint32_t label_start, label_end;
    Values values;
    bool closed = false;
    bool from_lines = false;         // values came on lines of their own after the label
  };
  std::vector<Row> rows;
  std::vector<std::string> header;   // column keys of the current sub-table
  bool in_header = false;
  int v2019 = 0, v2021 = 0;
  uint32_t first = UINT32_MAX, last = 0;
  Tail nums, tail;
  std::u32string k, label;  // keys of the cell and of its label part
  // A row's values printed on lines of their own after its label ("规章" / "0" / "0" / "0"):
  // a line of values that directly follows the row, with nothing else between, continues it
  // until it has its columns (the header's, else the most either generation has).
  bool line_start = true, between = false;  // between: other text since the last row ended
  auto template_cols = [](const RowDef* d) {
    size_t n = 0;
    for (Template g : {Template::v2019, Template::v2021})
      for (const auto& p : template_def(g).proactive)
        for (const auto& rd : p.rows)
          if (std::string_view(rd.key) == d->key) n = std::max(n, p.columns.size());
    return n;
  };
  // A sub-table of one row and one column (v2021's 行政许可, 行政事业性收费) whose one value was
  // printed away from its label (PDF text: "本年处理决定数量 / 550 / 行政许可"): the one value
  // in the sub-table is that row's.
  Values loose;
  Values every;  // every value read in the region, for a table of zeros (below)
  std::vector<std::string> late;  // column headers printed after that label
  size_t sub_first = 0;  // the sub-table's first row
  auto settle = [&]() {
    if (rows.size() == sub_first + 1 && rows.back().values.empty() && loose.size() == 1 &&
        loose.front().value.kind == Value::number) {
      Row& r = rows.back();
      if (r.cols.empty()) r.cols = header.empty() ? late : header;  // (a header printed after the label)
      size_t want = r.cols.empty() ? template_cols(r.def) : r.cols.size();
      if (want == 1) {
        rows.back().values = loose;
        rows.back().from_lines = true;
      }
    }
    loose.clear();
    late.clear();
    sub_first = rows.size();
  };
  // A printed column header: its key joins the header in force, and its generation counts.
  auto add_col = [&](const std::u32string& w) {
    ColMatch c = match_proactive_col(w);
    if (!c.def) return false;
    header.push_back(c.def->key);
    Template e = column_evidence(c.def->key, c.gen);
    v2019 += e == Template::v2019;
    v2021 += e == Template::v2021;
    // v2021's fee column "本年收费金额" vs v2019's procurement "采购总金额".
    if (std::string_view(c.def->key) == "amount" && w.find(U"收费") != std::u32string::npos) ++v2021;
    return true;
  };
  // A header cell, or several column titles run together in one (split_header_key).
  auto add_cols = [&](const std::u32string& w) {
    std::vector<std::u32string> pieces = split_header_key(w);
    if (pieces.empty()) return add_col(w);
    for (const auto& piece : pieces) add_col(piece);
    return true;
  };
  auto header_words = [&](std::string_view text) {  // space-separated column headers
    std::u32string w;
    for (size_t p = 0; p < text.size();) {
      size_t q = text.find(' ', p);
      if (q == std::string_view::npos) q = text.size();
      if (q > p) {
        label_key_into(text.substr(p, q - p), w);
        if (!w.empty()) add_cols(w);
      }
      p = q + 1;
    }
  };
  auto continues = [&]() {
    if (rows.empty() || !rows.back().closed || !line_start || between) return false;
    const Row& r = rows.back();
    size_t want = r.cols.empty() ? template_cols(r.def) : r.cols.size();
    if (r.values.size() >= want) return false;
    rows.back().closed = false;
    rows.back().from_lines = true;
    return true;
  };
  for (const Token& t : ts.tokens) {
    if (t.kind == Token::row_end) {
      if (!rows.empty()) rows.back().closed = true;
      line_start = true;
      continue;
    }
    const bool at_line_start = line_start;
    line_start = false;
    const ValueInfo value = value_info(t.text);
    if (value.kind != Value::text) {
      line_start = at_line_start;
      bool open = (!rows.empty() && !rows.back().closed) || (value.kind == Value::number && continues());
      line_start = false;
      add_value(open ? rows.back().values : loose, t, value);
      add_value(every, t, value);
      continue;
    }
    if (numbers_only(t.text, nums)) {
      line_start = at_line_start;
      bool open = (!rows.empty() && !rows.back().closed) || continues();
      line_start = false;
      add_tail(open ? rows.back().values : loose, t, nums);  // "0 0 0" in one cell, or a glued run with a sign
      add_tail(every, t, nums);
      continue;
    }
    between = true;  // until a row label below says otherwise
    label_key_into(t.text, k);
    if (k.find(U"第二十条") != std::u32string::npos) {  // a sub-table caption
      settle();
      header.clear();
      in_header = false;
      if (!rows.empty()) rows.back().closed = true;
      first = std::min(first, t.start);
      continue;
    }
    if (k == U"信息内容") { header.clear(); in_header = true; first = std::min(first, t.start); continue; }
    if (k.rfind(U"信息内容", 0) == 0) {
      // The header row in one cell, its words apart or not ("信息内容 本年制发件数 本年废止件数
      // 现行有效件数", PDF text's "信息内容本年处理决定数量"): the columns after 信息内容.
      header.clear();
      in_header = false;
      first = std::min(first, t.start);
      // A value after the header words ("信息内容 本年处理决定数量 550", a collapsed report's line)
      // is the sub-table's loose value (see settle).
      std::string_view words = t.text;
      if (split_numeric_tail(t.text, tail) && tail.label_bytes) {
        words = t.text.substr(0, tail.label_bytes);
        add_tail(loose, t, tail);
        add_tail(every, t, tail);
      }
      size_t at = words.find("内容");
      header_words(words.substr(at == std::string_view::npos ? words.size() : at + std::strlen("内容")));
      continue;
    }
    bool has_tail = split_numeric_tail(t.text, tail);
    if (!has_tail) {  // a row's value, then a page number ("行政事业性收费 0 — 4 —")
      if (size_t pn = page_number_suffix(t.text)) has_tail = split_numeric_tail(t.text.substr(0, t.text.size() - pn), tail);
    }
    if (has_tail) label_key_into(t.text.substr(0, tail.label_bytes), label);  // else the label is the cell: `k`
    Template rgen = Template::unknown;
    const RowDef* r = match_proactive_row(has_tail ? label : k, rgen);
    if (!r && has_tail) {
      // A row label, then debris before its value ("行政许可 -2- 本年处理决定数量 9487": a page
      // number and the header, a collapsed report's line): the label is the first word.
      size_t sp = t.text.find(' ');
      if (sp != std::string_view::npos && sp < tail.label_bytes) {
        label_key_into(t.text.substr(0, sp), label);
        r = match_proactive_row(label, rgen);
      }
    }
    if (r) {
      in_header = false;
      if (!rows.empty()) rows.back().closed = true;
      rows.push_back({r, header, t.start, t.end, {}, false});
      between = false;
      if (has_tail) add_tail(rows.back().values, t, tail), add_tail(every, t, tail);
      first = std::min(first, t.start);
      continue;
    }
    if (in_header) {
      // A header cell, or the header's cells in one ("本年制发件数 本年废止件数 现行有效件数").
      if (!add_cols(k) && t.text.find(' ') != std::string_view::npos) header_words(t.text);
    } else if (rows.size() == sub_first + 1 && rows.back().values.empty()) {
      // A column header printed after the sub-table's only label ("行政许可 / 本年处理决定数量").
      ColMatch c = match_proactive_col(k);
      if (c.def) late.push_back(c.def->key);
    }
  }
  settle();
  if (rows.empty()) return;
  th.found = true;
  th.evidence = v2021 > v2019 ? Template::v2021 : v2019 > 0 ? Template::v2019 : Template::unknown;
  th.cells.reserve(rows.size() * 3);  // three columns in most sub-tables
  const size_t findings_before = doc.findings.size();  // (the placement's, dropped by a table of zeros)
  const TemplateDef& def = template_def(th.evidence == Template::v2021 ? Template::v2021 : Template::v2019);
  for (auto& r : rows) {
    std::vector<std::string>& cols = r.cols;
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
    drop_grid_padding(r.values, cols.size());
    const char* placing = th.placing;
    if (r.from_lines) th.placing = "order";
    place_row(doc, th, th.evidence, r.def->key, cols, cell_keys(r.def->key, cols), r.values, r.label_start,
              r.label_end);
    th.placing = placing;
    last = std::max(last, r.values.empty() ? r.label_end : r.values.back().end);
  }
  th.start = first == UINT32_MAX ? rows.front().label_start : first;
  th.end = std::max(last, th.start);
  // Every number in the region a 0, exactly as many as the generation's cells, and some of them
  // not placed (pdftotext's default mode prints the sub-tables' labels, headers and cells in any
  // order): every cell is 0 whatever the order. Dashes and other blanks are no cells here.
  size_t numbers = 0, cells = 0;
  bool zeros = true;
  for (const auto& v : every) {
    if (v.value.kind == Value::empty) continue;
    ++numbers;
    zeros &= is_zero(v);
  }
  for (const auto& p : def.proactive) cells += p.rows.size() * p.columns.size();
  if (zeros && numbers == cells && th.cells.size() < cells && th.evidence != Template::unknown && th.glued.empty()) {
    // (what the placement said of short or long rows no longer holds)
    doc.findings.erase(doc.findings.begin() + long(findings_before), doc.findings.end());
    std::vector<const ValueTok*> nums;
    for (const auto& v : every) if (v.value.kind != Value::empty) nums.push_back(&v);
    std::sort(nums.begin(), nums.end(), [](const ValueTok* x, const ValueTok* y) { return x->start < y->start; });
    const char* placing = th.placing;
    th.placing = "order";
    th.cells.clear();
    size_t i = 0;
    for (const auto& p : def.proactive)
      for (const auto& rd : p.rows)
        for (const auto& c : p.columns) add_cell(th, std::string(rd.key) + "/" + c.key, *nums[i++]);
    th.placing = placing;
    th.end = std::max(th.end, nums.back()->end);
  }
}

/// Fallback region of a table: from a dozen lines above its anchor label's first
/// occurrence to the next top-level heading (or 400 lines). False without the anchor.
bool anchor_region(const Doc& doc, const Analysis& a, const char* anchor, size_t& l0, size_t& l1) {
  // memmem rather than find: find stops at every byte equal to the anchor's first, and in
  // Chinese text that lead byte is everywhere.
  const void* hit = memmem(doc.text.data(), doc.text.size(), anchor, std::strlen(anchor));
  if (!hit) return false;
  size_t at = size_t(static_cast<const char*>(hit) - doc.text.data());
  l0 = doc.line_of(uint32_t(at));
  l0 = l0 >= 12 ? l0 - 12 : 0;
  l1 = std::min(doc.lines.size(), l0 + 400);
  for (const auto& s : a.sections)
    if (s.line > l0 + 12 && s.line < l1) { l1 = s.line; break; }
  return true;
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
  TokenStream ts;  // one stream for every region read
  for (const Spec& spec : kSpecs) {
    // Read lines [l0, l1); keep the table when it is there.
    auto read = [&](size_t l0, size_t l1) {
      tokenize(doc, l0, l1, ts);
      TableHit th;
      th.key = spec.key;
      th.layout = doc.html ? "html" : ts.layout;
      // HTML cells sit in the row and column the markup gives them; 表四 has no row labels.
      th.placing = doc.html ? "html" : spec.read == read_appeals ? "order" : "label";
      size_t before = doc.findings.size();
      spec.read(doc, th, ts);
      if (!th.found) {
        doc.findings.resize(before);  // nothing read here: its findings don't count
        return false;
      }
      if (!th.glued.empty()) th.layout = "glued";
      a.used_for_recovery.insert(a.used_for_recovery.end(), th.used.begin(), th.used.end());
      a.tables.push_back(std::move(th));
      return true;
    };
    // The bodies of the sections with this key, in order, else the anchor's region.
    bool found = false;
    for (const auto& s : a.sections)
      if (s.def && std::string_view(s.def->key) == spec.key && s.body_end > s.body_start &&
          (found = read(doc.line_of(s.body_start), doc.line_of(s.body_end > 0 ? s.body_end - 1 : 0) + 1)))
        break;
    size_t l0 = 0, l1 = 0;
    if (!found && anchor_region(doc, a, spec.anchor, l0, l1)) read(l0, l1);
  }
}

}  // namespace nianbao
