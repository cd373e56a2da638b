// checks: the identities every report must satisfy (contract "Check ids"),
// as data: each family lists its operands; one evaluator runs them all.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <cstdio>

#include "analysis.h"
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

void run_identity_checks(Doc& doc, Analysis& a) {
  const Template t = a.tmpl;
  // The three statistical tables are required by the 2019 and 2021 templates.
  if (t == Template::v2019 || t == Template::v2021)
    for (const char* key : {"proactive", "requests", "appeals"}) {
      if (a.table(key)) continue;
      const SectionHit* s = a.section(key);
      uint32_t at = s ? s->end : 0;
      doc.findings.push_back(make_finding("NB0601", s ? s->start : at, at,
                                          {{"table", table_name_zh(key)}, {"table_en", table_name_en(key)}}));
    }
  std::vector<const Identity*> all;
  for (const char* key : {"requests", "appeals"})
    if (a.table(key))
      for (const Identity& id : identity_defs(t, key)) all.push_back(&id);
  std::vector<const CellHit*> lhs, rhs;        // reused: one set of buffers for every identity
  std::vector<std::string_view> missing;
  std::vector<double> lv, rv;
  for (const Identity* idp : all) {
    const Identity& id = *idp;
    const TableHit* table = a.table(id.table);
    Check c;
    c.id = id.id;
    c.formula = id.formula;
    c.cells.reserve(id.lhs.size() + id.rhs.size());
    for (const auto& op : id.lhs) c.cells.push_back(op.cell);
    for (const auto& op : id.rhs) c.cells.push_back(op.cell);
    for (const auto& used : a.used_for_recovery) c.used_for_recovery |= used == id.id;
    // Operands: present and numeric, or the check is skipped.
    lhs.clear();
    rhs.clear();
    missing.clear();
    for (const auto& op : id.lhs) { lhs.push_back(table->find(op.cell, op.hash)); if (!lhs.back() || !lhs.back()->value) missing.push_back(op.cell); }
    for (const auto& op : id.rhs) { rhs.push_back(table->find(op.cell, op.hash)); if (!rhs.back() || !rhs.back()->value) missing.push_back(op.cell); }
    if (!missing.empty()) {
      c.status = Status::skip;
      std::string names, names_en;
      for (const auto& m : missing) {
        names += (names.empty() ? "" : "、") + cell_place(t, id.table, m);
        names_en += (names_en.empty() ? "" : "; ") + cell_place(t, id.table, m, true);
      }
      names_en += missing.size() == 1 ? " is" : " are";
      uint32_t s = table->start, e = table->start;
      for (const auto* cell : lhs) if (cell) { s = cell->start; e = cell->end; break; }
      for (const auto& m : missing)
        if (const CellHit* cell = table->find(m)) { s = cell->start; e = cell->end; break; }
      Finding f = make_finding("NB0603", s, e,
                               {{"what", check_what(t, id, false)}, {"what_en", check_what(t, id, true)},
                                {"cells", names}, {"cells_en", names_en}});
      f.check = id.id;
      doc.findings.push_back(std::move(f));
      a.checks.push_back(std::move(c));
      continue;
    }
    lv.clear();
    rv.clear();
    double L = 0, R = 0;
    for (const auto* cell : lhs) { lv.push_back(*cell->value); L += *cell->value; }
    for (const auto* cell : rhs) { rv.push_back(*cell->value); R += *cell->value; }
    c.lhs = L;
    c.rhs = R;
    c.status = std::fabs(L - R) < 1e-6 ? Status::pass : Status::fail;
    if (c.status == Status::fail) {
      std::string col = id.id.substr(id.id.find('/') + 1);
      const CellHit* anchor = id.rule == std::string("NB0301") ? rhs[0] : lhs[0];
      std::string row_zh = row_label(t, id.table, col), row_en = row_label(t, id.table, col, true);
      std::string diff = fmt(std::fabs(L - R));
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
           {"row", row_zh}, {"row_en", row_en},
           {"group", row_label(t, "appeals", col)}, {"group_en", row_label(t, "appeals", col, true)},
           {"lhs", fmt(L)}, {"rhs", fmt(R)}, {"diff", diff},
           {"lhs_expr", expr(id.lhs, lv, false)}, {"rhs_expr", expr(id.rhs, rv, false)},
           {"lhs_expr_en", expr(id.lhs, lv, true)}, {"rhs_expr_en", expr(id.rhs, rv, true)},
           {"detail", detail}, {"detail_en", detail_en}});
      f.check = id.id;
      auto relate = [&](const std::vector<Operand>& ops, const std::vector<const CellHit*>& cells) {
        for (size_t i = 0; i < ops.size(); ++i)
          f.related.push_back({cells[i]->start, cells[i]->end, ops[i].cell + " = " + cells[i]->number});
      };
      relate(id.lhs, lhs);
      relate(id.rhs, rhs);
      doc.findings.push_back(std::move(f));
    }
    a.checks.push_back(std::move(c));
  }
}

}  // namespace nianbao
