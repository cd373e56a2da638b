// recover_table: tables whose rows lost their separators (glued digit runs).
//
// The readers record such rows in `TableHit::glued`; this stage builds the
// table as the solver sees it (known cells, glued rows, the template's
// identities), runs `recover::solve`, and writes back only what is certain:
// a unique split fills the cells (table marked `recovered`, each identity that
// shaped the split marked `used_for_recovery`); an ambiguous row lists its
// candidates and stays empty; no split at all is itself a finding.
#include <algorithm>
#include <cmath>

#include "analysis.h"
#include "recover.h"
#include "utf8.h"

namespace nianbao {
namespace {

struct Layout {
  std::vector<std::string> rows;   // row keys in template order
  std::vector<std::string> cols;   // column keys
  std::string key_of(size_t r, size_t c) const {
    return rows.size() == 1 && rows[0] == "appeals" ? cols[c] : rows[r] + "/" + cols[c];
  }
};

Layout layout_of(const TableHit& th, Template t) {
  Layout l;
  if (th.key == "requests") {
    for (const auto& r : template_def(t == Template::v2021 ? Template::v2021 : Template::v2019).request_rows)
      if (!r.group_only) l.rows.push_back(r.key);
    for (const auto& c : request_columns()) l.cols.push_back(c.key);
  } else {  // appeals: one row of fifteen
    l.rows.push_back("appeals");
    for (const auto& g : appeal_groups())
      for (const auto& c : appeal_columns()) l.cols.push_back(std::string(g.key) + "/" + c.key);
  }
  return l;
}

std::string join(const std::vector<int64_t>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? " | " : "") + std::to_string(v[i]);
  return s;
}

/// Spans of each cell of a recovered split inside the glued run.
std::vector<std::pair<uint32_t, uint32_t>> cell_spans(const Doc& doc, const TableHit::Glued& g,
                                                      const std::vector<int64_t>& values) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  uint32_t p = g.start;
  for (int64_t v : values) {
    while (p < g.end && (doc.text[p] == ' ' || doc.text[p] == '\t')) ++p;
    uint32_t len = uint32_t(std::to_string(v).size());
    out.push_back({p, std::min(p + len, g.end)});
    p = std::min(p + len, g.end);
  }
  return out;
}

/// The cells of a determined split, each spanning its own digits inside the run.
void place_split(const Doc& doc, TableHit& th, const TableHit::Glued& g, const std::vector<int64_t>& vals,
                 const std::vector<std::string>& keys) {
  auto spans = cell_spans(doc, g, vals);
  for (size_t c = 0; c < vals.size() && c < keys.size(); ++c) {
    CellHit cell;
    cell.key = keys[c];
    cell.value = double(vals[c]);
    cell.number = std::to_string(vals[c]);
    cell.raw = cell.number;
    cell.start = spans[c].first;
    cell.end = spans[c].second;
    cell.by = "split";
    th.cells.push_back(std::move(cell));
  }
}

/// A row read as glued by a guess: paired with its label by the tool, or several values apart.
bool unsure(const TableHit::Glued& g) { return g.paired || g.pieces.size() > 1; }

void recover_table(Doc& doc, Analysis& a, TableHit& th) {
  const Template t = th.key == "requests" ? th.evidence : Template::v2019;
  Layout l = layout_of(th, t);
  std::vector<recover::Row> rows;
  std::vector<const TableHit::Glued*> glued_of(l.rows.size(), nullptr);
  // `drop_unsure`: the rows whose reading as glued is the tool's guess (unsure) are left unknown.
  auto build = [&](bool drop_unsure) {
    rows.clear();
    std::fill(glued_of.begin(), glued_of.end(), nullptr);
    for (size_t r = 0; r < l.rows.size(); ++r) {
      recover::Row row;
      row.key = l.rows[r];
      row.cells = int(l.cols.size());
      for (const auto& g : th.glued)
        if (g.row == l.rows[r] && !(drop_unsure && unsure(g))) glued_of[r] = &g;
      if (glued_of[r]) {
        row.glued = true;
        row.pieces = glued_of[r]->pieces;
      } else {
        for (size_t c = 0; c < l.cols.size(); ++c) {
          const CellHit* cell = th.find(l.key_of(r, c));
          std::optional<int64_t> v;
          if (cell && cell->value && std::fabs(*cell->value) < 1e15 && *cell->value == std::floor(*cell->value))
            v = int64_t(*cell->value);
          row.known.push_back(v);
        }
      }
      rows.push_back(std::move(row));
    }
  };
  build(false);
  // The template's identities as terms over (row, column).
  auto term = [&](const std::string& cell) -> recover::Term {
    if (th.key == "appeals") {
      auto it = std::find(l.cols.begin(), l.cols.end(), cell);
      return {0, int(it - l.cols.begin())};
    }
    size_t slash = cell.rfind('/');
    auto r = std::find(l.rows.begin(), l.rows.end(), cell.substr(0, slash));
    auto c = std::find(l.cols.begin(), l.cols.end(), cell.substr(slash + 1));
    return {int(r - l.rows.begin()), int(c - l.cols.begin())};
  };
  std::vector<recover::Identity> ids;
  for (const Identity& id : identity_defs(t, th.key)) {
    recover::Identity ri;
    ri.id = id.id;
    for (const auto& op : id.lhs) ri.lhs.push_back(term(op.cell));
    for (const auto& op : id.rhs) ri.rhs.push_back(term(op.cell));
    ids.push_back(std::move(ri));
  }
  recover::Solution sol = recover::solve(rows, ids);
  // No split holds, and some rows are glued only by the tool's guess: runs paired with labels
  // printed apart from them (a stray number may stand between), or values still apart but fewer
  // than the cells (one may be printed elsewhere). That is the tool's doubt, not the report's
  // error: those rows are left unread (NB0706) and the others solved without them. Only rows that
  // are one run of digits beside their label can show the report's error (NB0703).
  std::string unsure_rows;
  const TableHit::Glued* unsure_first = nullptr;
  bool any_unsure = false, any_certain = false;
  for (const auto& g : th.glued) (unsure(g) ? any_unsure : any_certain) = true;
  if (sol.outcome == recover::Outcome::none && any_unsure) {
    for (const auto& g : th.glued)
      if (unsure(g)) {
        unsure_rows += (unsure_rows.empty() ? "" : "、") + row_label(t, th.key, g.row);
        if (!unsure_first) unsure_first = &g;
      }
    doc.findings.push_back(make_finding("NB0706", unsure_first->start, th.glued.back().end,
                                        {{"table", table_name_zh(th.key)}, {"table_en", table_name_en(th.key)},
                                         {"rows", unsure_rows}}));
    if (!any_certain) return;
    build(true);
    sol = recover::solve(rows, ids);
  }

  std::string names, printed_all;
  for (const auto& g : th.glued) {
    if (!unsure_rows.empty() && unsure(g)) continue;
    names += (names.empty() ? "" : "、") + row_label(t, th.key, g.row == "appeals" ? "review" : g.row);
    if (g.row == "appeals") names = "数据行";
  }
  Args table_args = {{"table", table_name_zh(th.key)}, {"table_en", table_name_en(th.key)}, {"rows", names},
                     {"visits", std::to_string(sol.visits)}};
  const TableHit::Glued& first = *std::find_if(th.glued.begin(), th.glued.end(),
                                                [&](const TableHit::Glued& g) { return unsure_rows.empty() || !unsure(g); });
  switch (sol.outcome) {
    case recover::Outcome::none:
      doc.findings.push_back(make_finding("NB0703", first.start, th.glued.back().end, table_args));
      return;
    case recover::Outcome::budget_exceeded:
      doc.findings.push_back(make_finding("NB0704", first.start, th.glued.back().end, table_args));
      return;
    case recover::Outcome::invalid: {
      Finding f = make_finding("NB0705", first.start, th.glued.back().end,
                               {{"table", table_name_zh(th.key)}, {"table_en", table_name_en(th.key)},
                                {"reason", sol.error_zh}, {"reason_en", sol.error_en}});
      doc.findings.push_back(std::move(f));
      return;
    }
    default: break;
  }
  bool all_determined = true;
  for (const auto& rr : sol.glued_rows) {
    const std::string& rk = l.rows[size_t(rr.row)];
    const TableHit::Glued& g = *glued_of[size_t(rr.row)];
    std::string printed;
    for (const auto& p : g.pieces) printed += (printed.empty() ? "" : " ") + p;
    std::string row_zh = rk == "appeals" ? "数据行" : row_label(t, th.key, rk);
    std::string row_en = rk == "appeals" ? "data row" : row_label(t, th.key, rk, true);
    if (!rr.determined) {
      all_determined = false;
      std::string cands;
      for (const auto& c : rr.candidates) cands += (cands.empty() ? "" : "；") + join(c.values);
      if (rr.more) cands += "；…";
      Finding f = make_finding("NB0702", g.start, g.end,
                               {{"table", table_name_zh(th.key)}, {"table_en", table_name_en(th.key)},
                                {"row", row_zh}, {"row_en", row_en}, {"printed", printed}, {"candidates", cands}});
      doc.findings.push_back(std::move(f));
      continue;
    }
    const std::vector<int64_t>& vals = rr.candidates.front().values;
    std::vector<std::string> keys;
    for (size_t c = 0; c < l.cols.size(); ++c) keys.push_back(l.key_of(size_t(rr.row), c));
    place_split(doc, th, g, vals, keys);
    doc.findings.push_back(make_finding("NB0701", g.start, g.end,
                                        {{"table", table_name_zh(th.key)}, {"table_en", table_name_en(th.key)},
                                         {"row", row_zh}, {"row_en", row_en}, {"printed", printed},
                                         {"split", join(vals)}}));
  }
  th.recovered = true;
  (void)all_determined;
  for (const auto& id : sol.used_identities) a.used_for_recovery.push_back(id);
}

/// 表二 has no identities: each glued row stands alone, and only a split the digits
/// force (or the sign of 本年增/减) is taken.
void recover_proactive(Doc& doc, TableHit& th, Template t) {
  for (const auto& g : th.glued) {
    recover::Row row;
    row.key = g.row;
    row.cells = g.cells;
    row.glued = true;
    row.pieces = g.pieces;
    for (const auto& c : g.cols) row.signed_cols.push_back(c == "delta_items");
    recover::Solution sol = recover::solve({row}, {});
    std::string printed;
    for (const auto& p : g.pieces) printed += (printed.empty() ? "" : " ") + p;
    Args base = {{"table", table_name_zh(th.key)}, {"table_en", table_name_en(th.key)},
                 {"row", row_label(t, th.key, g.row)}, {"row_en", row_label(t, th.key, g.row, true)},
                 {"rows", row_label(t, th.key, g.row)}, {"printed", printed}, {"visits", std::to_string(sol.visits)}};
    if (sol.outcome == recover::Outcome::none || sol.outcome == recover::Outcome::invalid) {
      doc.findings.push_back(make_finding("NB0705", g.start, g.end,
                                          {{"table", table_name_zh(th.key)}, {"table_en", table_name_en(th.key)},
                                           {"reason", "「" + printed + "」拆不成 " + std::to_string(g.cells) + " 个单元格。"},
                                           {"reason_en", "'" + printed + "' cannot be split into " +
                                                             std::to_string(g.cells) + " cells."}}));
      continue;
    }
    if (sol.outcome == recover::Outcome::budget_exceeded) {
      doc.findings.push_back(make_finding("NB0704", g.start, g.end, base));
      continue;
    }
    const recover::RowResult& rr = sol.glued_rows.front();
    if (!rr.determined) {
      std::string cands;
      for (const auto& c : rr.candidates) cands += (cands.empty() ? "" : "；") + join(c.values);
      if (rr.more) cands += "；…";
      Finding f = make_finding("NB0702", g.start, g.end,
                               {{"table", table_name_zh(th.key)}, {"table_en", table_name_en(th.key)},
                                {"row", row_label(t, th.key, g.row)}, {"row_en", row_label(t, th.key, g.row, true)},
                                {"printed", printed}, {"candidates", cands}});
      doc.findings.push_back(std::move(f));
      continue;
    }
    const auto& vals = rr.candidates.front().values;
    std::vector<std::string> keys;
    for (const auto& c : g.cols) keys.push_back(g.row + "/" + c);
    place_split(doc, th, g, vals, keys);
    th.recovered = true;
    doc.findings.push_back(make_finding("NB0701", g.start, g.end,
                                        {{"table", table_name_zh(th.key)}, {"table_en", table_name_en(th.key)},
                                         {"row", row_label(t, th.key, g.row)},
                                         {"row_en", row_label(t, th.key, g.row, true)}, {"printed", printed},
                                         {"split", join(vals)}}));
  }
}

}  // namespace

void recover_glued(Doc& doc, Analysis& a) {
  for (auto& th : a.tables) {
    if (th.glued.empty()) continue;
    if (th.key == "requests" || th.key == "appeals") recover_table(doc, a, th);
    else recover_proactive(doc, th, th.evidence);
  }
}

}  // namespace nianbao
