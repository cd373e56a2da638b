// checks: the identities every report must satisfy (contract "Check ids"),
// as data: each family lists its operands; one evaluator runs them all.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <cstdio>

#include "analysis.h"
#include "cells.h"
#include "open_table.h"

namespace nianbao {
namespace {


std::string expr(const std::vector<Operand>& ops, const std::vector<double>& vals, bool en) {
  std::string s;
  for (size_t i = 0; i < ops.size(); ++i) {
    if (i) s += " + ";
    s += (en ? ops[i].en : ops[i].zh) + "(" + fmt(vals[i]) + ")";
  }
  return s;
}

/// What an identity checks, in the report's own words: 表三「自然人」列的收支平衡 …
/// (the id itself stays in the diagnostic's `check` field).
std::string check_what(Template t, const Identity& id, bool en) {
  std::string_view key = std::string_view(id.id).substr(id.id.find('/') + 1);
  const std::string rule = id.rule;
  if (rule == "NB0301" || rule == "NB0302") {
    std::string col = col_label("requests", key, en);
    if (en) return std::string(rule == "NB0301" ? "The balance" : "The sum of results") + " of Table 3, column '" + col + "'";
    return "表三「" + col + (rule == "NB0301" ? "」列的收支平衡（本年新收＋上年结转＝办理结果总计＋结转下年度）"
                                             : "」列的办理结果合计（总计＝各项办理结果之和）");
  }
  if (rule == "NB0303") {
    std::string row = row_label(t, "requests", key, en);
    if (en) return "The sum over applicants of Table 3, row '" + row + "'";
    return "表三「" + row + "」行的申请人合计（总计＝各类申请人之和）";
  }
  std::string group = row_label(t, "appeals", key, en);
  if (en) return "The total of Table 4, '" + group + "'";
  return "表四「" + group + "」的总计（总计＝结果维持＋结果纠正＋其他结果＋尚未审结）";
}

/// Result rows of 表三 (granted … other) for a generation.
std::vector<const RowDef*> result_rows(Template t) {
  std::vector<const RowDef*> out;
  bool in = false;
  for (const auto& r : template_def(t).request_rows) {
    std::string_view k = r.key;
    if (k == "granted") in = true;
    if (k == "total") break;
    if (in && !r.group_only) out.push_back(&r);
  }
  return out;
}

std::vector<Identity> build_identity_defs(Template g, std::string_view table) {
  std::vector<Identity> ids;
  if (table == "requests") {
    for (const auto& c : request_columns()) {
      std::string col = c.key;
      Identity b{"requests.balance/" + col, "requests", "NB0301",
                 "new_received + carried_over = total + carried_forward", {}, {}};
      b.lhs = {{"new_received/" + col, "本年新收", "new"}, {"carried_over/" + col, "上年结转", "carried over"}};
      b.rhs = {{"total/" + col, "办理结果总计", "total results"},
               {"carried_forward/" + col, "结转下年度", "carried forward"}};
      ids.push_back(std::move(b));
    }
    for (const auto& c : request_columns()) {
      std::string col = c.key;
      Identity r{"requests.results/" + col, "requests", "NB0302",
                 g == Template::v2021 ? "total = granted + partial + Σ denied.* + Σ unable.* + Σ not_processed.* + Σ other.*"
                                      : "total = granted + partial + Σ denied.* + Σ unable.* + Σ not_processed.* + other",
                 {}, {}};
      r.lhs = {{"total/" + col, "总计", "total"}};
      for (const RowDef* row : result_rows(g)) r.rhs.push_back({std::string(row->key) + "/" + col, row->label, row->en});
      ids.push_back(std::move(r));
    }
    for (const auto& row : template_def(g).request_rows) {
      if (row.group_only) continue;
      std::string rk = row.key;
      Identity ap{"requests.applicants/" + rk, "requests", "NB0303",
                  "total = natural + commercial + research + social + legal + other_org", {}, {}};
      ap.lhs = {{rk + "/total", "总计", "total"}};
      for (const auto& c : request_columns())
        if (std::string_view(c.key) != "total") ap.rhs.push_back({rk + "/" + c.key, c.label, c.en});
      ids.push_back(std::move(ap));
    }
  }
  if (table == "appeals") {
    for (const auto& grp : appeal_groups()) {
      std::string gk = grp.key;
      Identity ap{"appeals.total/" + gk, "appeals", "NB0401", "total = upheld + corrected + other + pending", {}, {}};
      ap.lhs = {{gk + "/total", "总计", "total"}};
      for (const auto& c : appeal_columns())
        if (std::string_view(c.key) != "total") ap.rhs.push_back({gk + "/" + c.key, c.label, c.en});
      ids.push_back(std::move(ap));
    }
  }
  return ids;
}

/// build_identity_defs with every operand's cell key hashed.
std::vector<Identity> hashed(std::vector<Identity> ids) {
  for (Identity& id : ids)
    for (auto* side : {&id.lhs, &id.rhs})
      for (Operand& op : *side) op.hash = TableHit::cell_key_hash(op.cell);
  return ids;
}

}  // namespace

const std::vector<Identity>& identity_defs(Template t, std::string_view table) {
  // Function-local statics: built once, thread-safe.
  static const std::vector<Identity> kDefs[2][2] = {
      {hashed(build_identity_defs(Template::v2019, "requests")), hashed(build_identity_defs(Template::v2019, "appeals"))},
      {hashed(build_identity_defs(Template::v2021, "requests")), hashed(build_identity_defs(Template::v2021, "appeals"))}};
  static const std::vector<Identity> kNone;
  const int g = t == Template::v2021 ? 1 : 0;
  if (table == "requests") return kDefs[g][0];
  if (table == "appeals") return kDefs[g][1];
  return kNone;
}

/// Hash of a cell key ("row/col", ~20 bytes), eight bytes at a time.
uint32_t TableHit::cell_key_hash(std::string_view k) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
  uint64_t h = k.size() * kMul;
  size_t i = 0;
  for (; i + 8 <= k.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, k.data() + i, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 32;
  }
  if (i < k.size()) {
    uint64_t w = 0;
    std::memcpy(&w, k.data() + i, k.size() - i);
    h = (h ^ w) * kMul;
    h ^= h >> 32;
  }
  return uint32_t(h ^ (h >> 29));
}

const CellHit* TableHit::find(std::string_view k, uint32_t hash) const {
  if (indexed_ > cells.size()) { slots_.clear(); indexed_ = 0; }  // (cells are never removed)
  if (indexed_ < cells.size()) {
    // Keep the table at most half full: grow and re-insert everything, else add the new cells.
    size_t from = indexed_;
    if (slots_.size() < 2 * cells.size()) {
      slots_.assign(std::max(open_table_size(cells.size()), 2 * slots_.size()), 0);
      from = 0;
    }
    const size_t mask = slots_.size() - 1;
    for (size_t i = from; i < cells.size(); ++i) {
      for (size_t h = cell_key_hash(cells[i].key) & mask;; h = (h + 1) & mask) {
        if (slots_[h] == 0) { slots_[h] = uint32_t(i + 1); break; }
        if (cells[slots_[h] - 1].key == cells[i].key) break;  // the first cell of a key stays
      }
    }
    indexed_ = cells.size();
  }
  if (slots_.empty()) return nullptr;
  const size_t mask = slots_.size() - 1;
  for (size_t h = hash & mask; slots_[h] != 0; h = (h + 1) & mask)
    if (cells[slots_[h] - 1].key == k) return &cells[slots_[h] - 1];
  return nullptr;
}

namespace {

/// A cell printed blank: what the cell reader reads as empty (nothing, dashes, "无").
bool is_blank(const CellHit& c) { return !c.value && value_kind(c.raw) == Value::empty; }

/// "A、B、C 等 12 个" — the first few cells named as printed, the rest counted.
std::string name_cells(Template t, std::string_view table, const std::vector<std::string_view>& cells, bool en) {
  constexpr size_t kNamed = 3;
  std::string out;
  for (size_t i = 0; i < cells.size() && i < kNamed; ++i)
    out += (i ? (en ? "; " : "、") : "") + cell_place(t, table, cells[i], en);
  if (cells.size() > kNamed)
    out += en ? "; and " + std::to_string(cells.size() - kNamed) + " more"
              : " 等 " + std::to_string(cells.size()) + " 个单元格";
  return out;
}

/// One identity of one table, evaluated.
struct Eval {
  const Identity* id = nullptr;
  std::vector<const CellHit*> lhs, rhs;       // operands, nullptr where not read
  std::vector<std::string_view> missing;      // operands not read or not a number
  std::vector<std::string_view> blank;        // operands printed blank
  bool evaluated = false;                     // pass or fail (blanks as 0)
  double L = 0, R = 0;
  double known_rhs = 0;                       // Σ of right-hand values printed but not placed (row_sums)
  Finding fail;                               // the failure, if !holds()
  bool holds() const { return std::fabs(L - R) < 1e-6; }
};

double val(const CellHit* c) { return c && c->value ? *c->value : 0; }

/// L − R of `e` with `delta` added to cell `p` (and `delta2` to `q`).
double residue(const Eval& e, const CellHit* p, double delta, const CellHit* q = nullptr, double delta2 = 0) {
  double L = 0, R = e.known_rhs;
  for (const CellHit* c : e.lhs) L += val(c) + (c == p ? delta : 0) + (q && c == q ? delta2 : 0);
  for (const CellHit* c : e.rhs) R += val(c) + (c == p ? delta : 0) + (q && c == q ? delta2 : 0);
  return L - R;
}

/// How much `p` must change for `e` to hold, or nullopt if `e` does not contain it.
std::optional<double> needed(const Eval& e, const CellHit* p) {
  for (const CellHit* c : e.lhs) if (c == p) return e.R - e.L;
  for (const CellHit* c : e.rhs) if (c == p) return e.L - e.R;
  return std::nullopt;
}

bool all_hold(const std::vector<Eval*>& evals, const CellHit* p, double d, const CellHit* q = nullptr, double d2 = 0) {
  for (const Eval* e : evals)
    if (std::fabs(residue(*e, p, d, q, d2)) >= 1e-6) return false;
  return true;
}

struct Fix { const CellHit* p; double d; const CellHit* q = nullptr; };

/// Every cell whose one change makes every evaluated identity of the table hold
/// (the change keeps it ≥ 0). Only cells of the first failing identity can.
std::vector<Fix> one_cell_fixes(const std::vector<Eval*>& evals, const Eval& first_fail) {
  std::vector<Fix> out;
  for (const auto* side : {&first_fail.lhs, &first_fail.rhs})
    for (const CellHit* p : *side) {
      std::optional<double> d = needed(first_fail, p);
      if (!d || val(p) + *d < -1e-9) continue;
      if (all_hold(evals, p, *d)) out.push_back({p, *d});
    }
  return out;
}

/// Pairs of cells in one row of 表三 (applicant columns, not 总计) where moving
/// the same count from one to the other makes every identity hold: a request
/// entered in the wrong column.
std::vector<Fix> misfiled_fixes(const TableHit& table, Template t, const std::vector<Eval*>& evals,
                                const Eval& first_fail) {
  std::vector<Fix> out;
  std::vector<const CellHit*> row_cells;
  for (const auto& row : template_def(t).request_rows) {
    if (row.group_only) continue;
    row_cells.clear();
    for (const auto& c : request_columns())
      if (std::string_view(c.key) != "total") row_cells.push_back(table.find(std::string(row.key) + "/" + c.key));
    for (size_t i = 0; i < row_cells.size(); ++i)
      for (size_t j = i + 1; j < row_cells.size(); ++j) {
        const CellHit *p = row_cells[i], *q = row_cells[j];
        if (!p || !q) continue;
        std::optional<double> dp = needed(first_fail, p), dq = needed(first_fail, q);
        if (dp.has_value() == dq.has_value()) continue;  // the move must change the first failure
        double d = dp ? *dp : -*dq;                       // p gains d, q loses d
        if (std::fabs(d) < 1e-9 || val(p) + d < -1e-9 || val(q) - d < -1e-9) continue;
        if (all_hold(evals, p, d, q, -d)) out.push_back({p, d, q});
      }
  }
  return out;
}

std::string col_of(std::string_view cell) { return std::string(cell.substr(cell.rfind('/') + 1)); }
std::string row_of(std::string_view cell) { return std::string(cell.substr(0, cell.rfind('/'))); }

/// The failures of one table, folded under the one cause that explains them all
/// (one wrong cell, or one request in the wrong column), if there is exactly one.
void explain_failures(Doc& doc, Template t, const TableHit& table, std::vector<Eval>& evals) {
  std::vector<Eval*> done;
  const Eval* first_fail = nullptr;
  size_t fails = 0;
  for (Eval& e : evals)
    if (e.evaluated) {
      done.push_back(&e);
      if (!e.holds()) { ++fails; if (!first_fail) first_fail = &e; }
    }
  auto emit_all = [&] {
    for (Eval& e : evals) if (e.evaluated && !e.holds()) doc.findings.push_back(std::move(e.fail));
  };
  if (!first_fail) return;
  auto fold = [&](Finding& cause) {
    for (Eval& e : evals) if (e.evaluated && !e.holds()) cause.items.push_back(std::move(e.fail));
    doc.findings.push_back(std::move(cause));
  };
  std::vector<Fix> one = one_cell_fixes(done, *first_fail);
  if (one.size() == 1) {
    const CellHit* p = one[0].p;
    const double value = val(p) + one[0].d;
    const bool total = col_of(p->key) == "total" || row_of(p->key) == "total";
    Finding f = make_finding("NB0610", p->start, p->end,
                             {{"cell", cell_place(t, table.key, p->key)}, {"cell_en", cell_place(t, table.key, p->key, true)},
                              {"printed", p->value ? "印作 " + fmt(*p->value) : std::string("留空")},
                              {"printed_en", p->value ? "is printed " + fmt(*p->value) : std::string("is blank")},
                              {"value", fmt(value)}, {"count", std::to_string(fails)},
                              {"reason", total ? "（各项之和）" : "（由总计倒推）"},
                              {"reason_en", total ? " (the sum of its parts)" : " (worked back from the total)"}});
    f.suggest = Finding::Suggest{table.key, p->key, cell_place(t, table.key, p->key),
                                 cell_place(t, table.key, p->key, true), val(p), value, p->start, p->end};
    f.check = first_fail->id->id;
    fold(f);
    return;
  }
  if (one.empty() && table.key == "requests") {
    std::vector<Fix> moves = misfiled_fixes(table, t, done, *first_fail);
    // All moves must agree on the columns and the count; the row may stay open.
    bool agree = !moves.empty();
    for (const Fix& m : moves)
      agree &= col_of(m.p->key) == col_of(moves[0].p->key) && col_of(m.q->key) == col_of(moves[0].q->key) &&
               std::fabs(m.d - moves[0].d) < 1e-9;
    if (agree) {
      const Fix& m = moves[0];
      // The column with the excess loses `diff`; the other gains it.
      const CellHit* from = m.d < 0 ? m.p : m.q;
      const CellHit* to = m.d < 0 ? m.q : m.p;
      const double diff = std::fabs(m.d);
      std::string rows, rows_en;
      if (moves.size() == 1) {
        rows = "（「" + row_label(t, "requests", row_of(from->key)) + "」行）";
        rows_en = " (row '" + row_label(t, "requests", row_of(from->key), true) + "')";
      } else if (moves.size() <= 4) {
        for (const Fix& mv : moves) {
          const CellHit* fr = mv.d < 0 ? mv.p : mv.q;
          rows += (rows.empty() ? "（可能在「" : "」、「") + row_label(t, "requests", row_of(fr->key));
          rows_en += (rows_en.empty() ? " (perhaps in row '" : "', '") + row_label(t, "requests", row_of(fr->key), true);
        }
        rows += "」行）";
        rows_en += "')";
      }
      Finding f = make_finding("NB0611", from->start, from->end,
                               {{"from", col_label("requests", col_of(from->key))},
                                {"from_en", col_label("requests", col_of(from->key), true)},
                                {"to", col_label("requests", col_of(to->key))},
                                {"to_en", col_label("requests", col_of(to->key), true)},
                                {"diff", fmt(diff)}, {"rows", rows}, {"rows_en", rows_en}});
      f.check = first_fail->id->id;
      if (moves.size() == 1) {
        f.suggest = Finding::Suggest{"requests", from->key, cell_place(t, "requests", from->key),
                                     cell_place(t, "requests", from->key, true), val(from), val(from) - diff,
                                     from->start, from->end};
        f.related.push_back({to->start, to->end,
                             cell_place(t, "requests", to->key) + " = " + fmt(val(to)) + " → " + fmt(val(to) + diff),
                             to->key});
      }
      fold(f);
      return;
    }
  }
  emit_all();
}

/// The finding of an identity that does not hold: both sides with their cells.
Finding failure(Template t, const Identity& id, const std::vector<const CellHit*>& lhs,
                const std::vector<const CellHit*>& rhs, double L, double R) {
  std::vector<double> lv, rv;
  for (const auto* cell : lhs) lv.push_back(val(cell));
  for (const auto* cell : rhs) rv.push_back(val(cell));
  std::string col = id.id.substr(id.id.find('/') + 1);
  const CellHit* anchor = id.rule == "NB0301" ? rhs[0] : lhs[0];
  std::string detail, detail_en;
  if (id.rule == "NB0302") {
    for (size_t i = 0; i < rv.size(); ++i)
      if (rv[i] != 0) {
        detail += (detail.empty() ? "非零项：" : "，") + id.rhs[i].zh + " " + fmt(rv[i]);
        detail_en += (detail_en.empty() ? "Non-zero results: " : ", ") + id.rhs[i].en + " " + fmt(rv[i]);
      }
    if (!detail.empty()) { detail += "。"; detail_en += "."; }
  }
  Finding f = make_finding(
      id.rule.c_str(), anchor->start, anchor->end,
      {{"col", col_label(id.table, col)}, {"col_en", col_label(id.table, col, true)},
       {"row", row_label(t, id.table, col)}, {"row_en", row_label(t, id.table, col, true)},
       {"group", row_label(t, "appeals", col)}, {"group_en", row_label(t, "appeals", col, true)},
       {"lhs", fmt(L)}, {"rhs", fmt(R)}, {"diff", fmt(std::fabs(L - R))},
       {"lhs_expr", expr(id.lhs, lv, false)}, {"rhs_expr", expr(id.rhs, rv, false)},
       {"lhs_expr_en", expr(id.lhs, lv, true)}, {"rhs_expr_en", expr(id.rhs, rv, true)},
       {"detail", detail}, {"detail_en", detail_en}});
  f.check = id.id;
  auto relate = [&](const std::vector<Operand>& ops, const std::vector<const CellHit*>& cells) {
    for (size_t i = 0; i < ops.size(); ++i)
      f.related.push_back({cells[i]->start, cells[i]->end,
                           cell_place(t, id.table, ops[i].cell) + " = " +
                               (cells[i]->value ? cells[i]->number : std::string("空白（按 0 计）")),
                           ops[i].cell});
  };
  relate(id.lhs, lhs);
  relate(id.rhs, rhs);
  return f;
}

/// One item per skipped check: what it checks and which cells kept it from running.
Finding not_run(Template t, const Eval& e, const std::vector<std::string_view>& cells, bool blank, uint32_t at) {
  const Identity& id = *e.id;
  std::string names, names_en;
  for (const auto& m : cells) {
    names += (names.empty() ? "" : "、") + cell_place(t, id.table, m);
    names_en += (names_en.empty() ? "" : "; ") + cell_place(t, id.table, m, true);
  }
  const bool many = cells.size() > 1;
  uint32_t s = at, e_ = at;  // no operand read: the table's start
  bool placed = false;
  for (const auto* side : {&e.lhs, &e.rhs})
    for (const CellHit* c : *side)
      if (c && !placed) { s = c->start; e_ = c->end; placed = true; }
  Finding f = make_finding("NB0612", s, e_,
                           {{"what", check_what(t, id, false)}, {"what_en", check_what(t, id, true)},
                            {"cells", names}, {"cells_en", names_en},
                            {"why", blank ? (many ? "全部为空" : "为空") : "未能读出"},
                            {"why_en", blank ? (many ? "are all blank" : "is blank") : "could not be read"}});
  f.check = id.id;
  return f;
}

/// Skipped checks grouped by cause, one finding per table and cause: cells that
/// could not be read (NB0603), cells printed blank (NB0609).
void group_skipped(Doc& doc, Template t, const TableHit& table, const std::vector<Eval>& evals) {
  const char* tz = table_number(table.key);
  const char* te = table_number(table.key, true);
  // Not read (or not a number): the checks cannot run.
  std::vector<std::string_view> unread;
  size_t skipped = 0;
  bool text = false;
  for (const Eval& e : evals) {
    if (e.missing.empty()) continue;
    ++skipped;
    for (auto m : e.missing)
      if (std::find(unread.begin(), unread.end(), m) == unread.end()) {
        unread.push_back(m);
        text |= table.find(m) != nullptr;
      }
  }
  if (skipped) {
    bool none_read = true;
    for (const CellHit& c : table.cells) none_read &= !c.value;
    std::string cause, cause_en;
    if (none_read) {
      cause = "的数字未能读出";
      cause_en = "no number of the table could be read";
    } else {
      cause = "有 " + std::to_string(unread.size()) + (text ? " 个单元格缺失或不是数字（" : " 个单元格未能读出（") +
              name_cells(t, table.key, unread, false) + "）";
      cause_en = std::to_string(unread.size()) + (unread.size() == 1 ? " cell" : " cells") +
                 (text ? " missing or not a number (" : " could not be read (") +
                 name_cells(t, table.key, unread, true) + ")";
    }
    Finding f = make_finding("NB0603", table.start, table.start,
                             {{"table", tz}, {"table_en", te}, {"cause", cause}, {"cause_en", cause_en},
                              {"count", std::to_string(skipped)}});
    for (const Eval& e : evals)
      if (!e.missing.empty()) f.items.push_back(not_run(t, e, e.missing, false, table.start));
    if (!f.items.empty() && f.items[0].end > f.items[0].start) { f.start = f.items[0].start; f.end = f.items[0].end; }
    doc.findings.push_back(std::move(f));
  }
  // Printed blank: counted as 0, unless a whole side of a check is blank.
  std::vector<std::string_view> blanks;
  for (const CellHit& c : table.cells)
    if (is_blank(c)) blanks.push_back(c.key);
  if (blanks.empty()) return;
  size_t as_zero = 0, sided = 0;
  for (const Eval& e : evals) {
    if (e.evaluated && !e.blank.empty()) ++as_zero;
    if (!e.evaluated && e.missing.empty()) ++sided;
  }
  std::string effect, effect_en;
  if (as_zero) {
    effect = "；已按 0 参与 " + std::to_string(as_zero) + " 项勾稽检查";
    effect_en = "; " + std::to_string(as_zero) + " identity checks counted them as 0";
  }
  if (sided) {
    effect += "；" + std::to_string(sided) + " 项检查的一侧全部为空，未能进行";
    effect_en += "; " + std::to_string(sided) + " checks have one side all blank and were not run";
  }
  Finding f = make_finding("NB0609", 0, 0,
                           {{"table", tz}, {"table_en", te}, {"count", std::to_string(blanks.size())},
                            {"cells", name_cells(t, table.key, blanks, false)},
                            {"cells_en", name_cells(t, table.key, blanks, true)},
                            {"effect", effect}, {"effect_en", effect_en}});
  bool first = true;
  for (const CellHit& c : table.cells)
    if (is_blank(c)) {
      if (first) { f.start = c.start; f.end = c.end; first = false; }
      f.related.push_back({c.start, c.end, cell_place(t, table.key, c.key) + "：空白", c.key});
    }
  for (const Eval& e : evals)
    if (!e.evaluated && e.missing.empty()) f.items.push_back(not_run(t, e, e.blank, true, table.start));
  doc.findings.push_back(std::move(f));
}

/// A header word of table `key` printed in section `s`'s body, ASCII spaces inside it ignored
/// ("结果 维持", pdftotext's); empty if none. Words no sentence would use: a table's own headers.
std::string_view printed_table_word(const Doc& doc, const SectionHit& s, std::string_view key) {
  static const struct { const char* table; const char* words[5]; } kWords[] = {
      {"proactive", {"第二十条", "信息内容", nullptr}},
      {"requests", {"本年新收", "申请人情况", "上年结转"}},
      {"appeals", {"结果维持", "结果纠正", "尚未审结", "未经复议直接起诉", "复议后起诉"}},
  };
  const uint32_t b = std::min<uint32_t>(s.body_start, uint32_t(doc.text.size()));
  const uint32_t e = std::min<uint32_t>(std::max(s.body_end, b), uint32_t(doc.text.size()));
  std::string body;
  body.reserve(std::min<uint32_t>(e - b, 1u << 20));
  for (uint32_t i = b; i < e && body.size() < (1u << 20); ++i)
    if (doc.text[i] != ' ' && doc.text[i] != '\t') body += doc.text[i];
  for (const auto& w : kWords) {
    if (key != w.table) continue;
    for (const char* word : w.words)
      if (word && body.find(word) != std::string::npos) return word;
  }
  return {};
}

}  // namespace

void run_identity_checks(Doc& doc, Analysis& a) {
  const Template t = a.tmpl;
  const bool templated = t == Template::v2019 || t == Template::v2021;
  for (const char* key : {"proactive", "requests", "appeals"}) {
    const TableHit* table = a.table(key);
    const auto& defs = identity_defs(t, key);
    if (!table) {
      // The three statistical tables are required by the 2019 and 2021 templates. A
      // table not there is one finding; its checks are listed as skipped, quietly.
      if (!templated) continue;
      const SectionHit* s = a.section(key);
      uint32_t at = s ? s->end : 0;
      std::string skipped, skipped_en;
      if (!defs.empty()) {
        skipped = "，其 " + std::to_string(defs.size()) + " 项勾稽检查未进行";
        skipped_en = ", so its " + std::to_string(defs.size()) + " identity checks were not run";
      }
      // Its header words printed in its section ("结果维持", spaces aside): the table is there and
      // the tool could not read it — not the report's error (NB0616, a warning).
      std::string_view word = s ? printed_table_word(doc, *s, key) : std::string_view();
      if (!word.empty()) {
        doc.findings.push_back(make_finding("NB0616", s->start, s->end,
                                            {{"table", table_name_zh(key)}, {"table_en", table_name_en(key)},
                                             {"word", std::string(word)}, {"skipped", skipped},
                                             {"skipped_en", skipped_en}}));
      } else {
        doc.findings.push_back(make_finding("NB0601", s ? s->start : at, at,
                                            {{"table", table_name_zh(key)}, {"table_en", table_name_en(key)},
                                             {"skipped", skipped}, {"skipped_en", skipped_en}}));
      }
      for (const Identity& id : defs) {
        Check c;
        c.id = id.id;
        c.formula = id.formula;
        for (const auto* side : {&id.lhs, &id.rhs})
          for (const auto& op : *side) c.cells.push_back(op.cell);
        a.checks.push_back(std::move(c));
      }
      continue;
    }
    if (defs.empty()) continue;
    std::vector<Eval> evals(defs.size());
    for (size_t k = 0; k < defs.size(); ++k) {
      const Identity& id = defs[k];
      Eval& e = evals[k];
      e.id = &id;
      Check c;
      c.id = id.id;
      c.formula = id.formula;
      c.cells.reserve(id.lhs.size() + id.rhs.size());
      for (const auto& used : a.used_for_recovery) c.used_for_recovery |= used == id.id;
      bool lhs_blank = true, rhs_blank = true;
      auto operand = [&](const Operand& op, std::vector<const CellHit*>& side, bool& side_blank) {
        c.cells.push_back(op.cell);
        const CellHit* cell = table->find(op.cell, op.hash);
        side.push_back(cell);
        if (cell && cell->value) side_blank = false;
        else if (cell && is_blank(*cell)) e.blank.push_back(op.cell);
        else e.missing.push_back(op.cell);
      };
      for (const auto& op : id.lhs) operand(op, e.lhs, lhs_blank);
      for (const auto& op : id.rhs) operand(op, e.rhs, rhs_blank);
      // A row of 表三 whose applicant values were printed but not placed (their blank cells vanished):
      // none of its applicant cells is read, and Σ applicants is known (TableHit::row_sums).
      if (id.rule == "NB0303" && rhs_blank && e.missing.size() == id.rhs.size() && e.lhs[0] && e.lhs[0]->value) {
        const std::string_view row = std::string_view(id.id).substr(id.id.find('/') + 1);
        for (const auto& rs : table->row_sums)
          if (rs.row == row && std::fabs(*e.lhs[0]->value - rs.sum) < 1e-6) {  // (read so: it holds)
            e.missing.clear();
            e.evaluated = true;
            e.L = *e.lhs[0]->value;
            e.R = e.known_rhs = rs.sum;
            c.lhs = e.L;
            c.rhs = e.R;
            c.status = Status::pass;
            break;
          }
      }
      if (!e.evaluated && e.missing.empty() && !lhs_blank && !rhs_blank) {
        e.evaluated = true;
        for (const CellHit* cell : e.lhs) e.L += val(cell);
        for (const CellHit* cell : e.rhs) e.R += val(cell);
        c.lhs = e.L;
        c.rhs = e.R;
        c.status = e.holds() ? Status::pass : Status::fail;
        for (auto b : e.blank) c.blank_as_zero.emplace_back(b);
        if (!e.holds()) e.fail = failure(t, id, e.lhs, e.rhs, e.L, e.R);
      }
      a.checks.push_back(std::move(c));
    }
    group_skipped(doc, t, *table, evals);
    explain_failures(doc, t, *table, evals);
  }
}

}  // namespace nianbao
