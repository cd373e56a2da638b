// Glued-row recovery. See recover.h and docs/recovery.md.
//
// Three steps:
//  1. Split graph per glued row: which cell tokens can start at each position
//     for each column, and how many ways the rest of the row can still be split
//     (a backward count), so the search never walks into a dead split.
//  2. Components: glued rows linked by a checkable identity are solved
//     together; a row no identity touches is answered from its split count.
//  3. Depth-first search per component, one cell at a time, rows ordered so
//     that identities close early; every identity touching the new cell is
//     tested with interval bounds on its still-open cells.
#include "recover.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <tuple>

namespace nianbao::recover {
namespace {

constexpr int kMaxCells = 63;
constexpr int kMaxDigits = 15;                           // cells stay below 10^15
constexpr int64_t kMaxMagnitude = 999'999'999'999'999;   // larger known values are doubtful
constexpr size_t kMaxTerms = 4096;                       // 4096 · 10^15 < 2^63: sums cannot overflow
constexpr size_t kMaxGluedCells = 4096;                  // bounds the search depth

uint64_t sat_add(uint64_t a, uint64_t b) {
  return a > std::numeric_limits<uint64_t>::max() - b ? std::numeric_limits<uint64_t>::max() : a + b;
}
uint64_t sat_mul(uint64_t a, uint64_t b) {
  if (a == 0 || b == 0) return 0;
  return a > std::numeric_limits<uint64_t>::max() / b ? std::numeric_limits<uint64_t>::max() : a * b;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Every way to cut one glued row into its cells. Positions index the pieces
// concatenated; a cell never crosses a piece end.
struct SplitGraph {
  struct Token { int end; int64_t value; };
  int cells = 0;
  std::vector<std::vector<Token>> tokens;  // [pos * cells + col]: tokens that still complete the row
  std::vector<int64_t> lo, hi;             // per column: value range over all splits
  uint64_t count = 0;                      // splits of the whole row (saturating)
};

SplitGraph build_splits(const Row& row, int max_digits) {
  SplitGraph g;
  g.cells = row.cells;
  g.lo.assign(row.cells, 0);
  g.hi.assign(row.cells, 0);
  std::string s;
  std::vector<int> piece_end;
  for (const auto& p : row.pieces) {
    s += p;
    piece_end.resize(s.size(), static_cast<int>(s.size()));
  }
  const int n = static_cast<int>(s.size()), C = row.cells;
  if (n < C || n > C * (max_digits + 1)) return g;  // too short, or too long for any split
  auto is_signed = [&](int col) {
    return static_cast<size_t>(col) < row.signed_cols.size() && row.signed_cols[col];
  };
  // Tokens for column `col` starting at `pos`: "0", or a digit run without a
  // leading zero, optionally after '-' in a signed column; never past the piece.
  auto each_token = [&](int pos, int col, auto&& emit) {
    const int e = piece_end[pos];
    int p = pos;
    const bool neg = s[p] == '-';
    if (neg && !is_signed(col)) return;
    if (neg) ++p;
    if (p >= e || !is_digit(s[p])) return;
    if (s[p] == '0') {
      if (!neg) emit(p + 1, int64_t{0});
      return;
    }
    int64_t v = 0;
    for (int q = p; q < e && q - p < max_digits && is_digit(s[q]); ++q) {
      v = v * 10 + (s[q] - '0');
      emit(q + 1, neg ? -v : v);
    }
  };
  // ways[pos][col]: splits of s[pos..] into cells col..C-1.
  std::vector<uint64_t> ways(static_cast<size_t>(n + 1) * (C + 1), 0);
  auto W = [&](int pos, int col) -> uint64_t& { return ways[static_cast<size_t>(pos) * (C + 1) + col]; };
  W(n, C) = 1;
  g.tokens.resize(static_cast<size_t>(n) * C);
  for (int pos = n - 1; pos >= 0; --pos)
    for (int col = 0; col < C; ++col)
      each_token(pos, col, [&](int end, int64_t v) {
        const uint64_t w = W(end, col + 1);
        if (w == 0) return;
        W(pos, col) = sat_add(W(pos, col), w);
        g.tokens[static_cast<size_t>(pos) * C + col].push_back({end, v});
      });
  g.count = W(0, 0);
  if (g.count == 0) return g;
  // Forward reachability gives each column's exact range over all splits.
  std::vector<char> reach(static_cast<size_t>(n + 1) * (C + 1), 0);
  reach[0] = 1;
  std::vector<bool> seen(C, false);
  for (int pos = 0; pos < n; ++pos)
    for (int col = 0; col < C; ++col) {
      if (!reach[static_cast<size_t>(pos) * (C + 1) + col]) continue;
      for (const auto& t : g.tokens[static_cast<size_t>(pos) * C + col]) {
        reach[static_cast<size_t>(t.end) * (C + 1) + col + 1] = 1;
        g.lo[col] = seen[col] ? std::min(g.lo[col], t.value) : t.value;
        g.hi[col] = seen[col] ? std::max(g.hi[col], t.value) : t.value;
        seen[col] = true;
      }
    }
  return g;
}

// Bilingual reason for an invalid call; empty when the call is well formed.
struct Problem { std::string zh, en; };

std::string row_name(const std::vector<Row>& rows, size_t r) {
  return rows[r].key.empty() ? "#" + std::to_string(r) : rows[r].key;
}

std::optional<Problem> validate(const std::vector<Row>& rows, const std::vector<Identity>& ids,
                                const Options& opt) {
  if (opt.max_cell_digits < 1 || opt.max_cell_digits > kMaxDigits)
    return Problem{"每格最多位数须在 1–15 之间（当前 " + std::to_string(opt.max_cell_digits) + "）。",
                   "max_cell_digits must be 1–15 (got " + std::to_string(opt.max_cell_digits) + ")."};
  size_t glued_cells = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    const std::string name = row_name(rows, r);
    if (row.cells < 1 || row.cells > kMaxCells)
      return Problem{"行 " + name + " 的单元格数须在 1–63 之间（当前 " + std::to_string(row.cells) + "）。",
                     "Row " + name + ": cell count must be 1–63 (got " + std::to_string(row.cells) + ")."};
    if (!row.signed_cols.empty() && row.signed_cols.size() != static_cast<size_t>(row.cells))
      return Problem{"行 " + name + " 的有符号列标记数与单元格数不符。",
                     "Row " + name + ": signed_cols does not match the cell count."};
    if (!row.glued) {
      if (row.known.size() != static_cast<size_t>(row.cells))
        return Problem{"行 " + name + " 给出 " + std::to_string(row.known.size()) + " 个值，模板要求 " +
                           std::to_string(row.cells) + " 个。",
                       "Row " + name + " gives " + std::to_string(row.known.size()) +
                           " values; the template has " + std::to_string(row.cells) + "."};
      continue;
    }
    glued_cells += static_cast<size_t>(row.cells);
    if (row.pieces.empty())
      return Problem{"粘连行 " + name + " 没有数字。", "Glued row " + name + " holds no digits."};
    for (const auto& p : row.pieces) {
      if (p.empty()) return Problem{"粘连行 " + name + " 含空片段。", "Glued row " + name + " has an empty piece."};
      for (char c : p)
        if (!is_digit(c) && c != '-')
          return Problem{"粘连行 " + name + " 含“" + std::string(1, c) + "”：只能恢复整数（数字与负号）。",
                         "Glued row " + name + " contains '" + std::string(1, c) +
                             "': only integers (digits and '-') can be recovered."};
    }
  }
  if (glued_cells > kMaxGluedCells)
    return Problem{"粘连单元格过多（" + std::to_string(glued_cells) + " 个，上限 4096）。",
                   "Too many glued cells (" + std::to_string(glued_cells) + "; limit 4096)."};
  for (const auto& id : ids) {
    if (id.lhs.size() + id.rhs.size() > kMaxTerms)
      return Problem{"恒等式 " + id.id + " 的项数超过 4096。", "Identity " + id.id + " has more than 4096 terms."};
    for (const auto* side : {&id.lhs, &id.rhs})
      for (const Term& t : *side)
        if (t.row < 0 || static_cast<size_t>(t.row) >= rows.size() || t.col < 0 || t.col >= rows[t.row].cells)
          return Problem{"恒等式 " + id.id + " 引用了不存在的单元格（行 " + std::to_string(t.row) + "，列 " +
                             std::to_string(t.col) + "）。",
                         "Identity " + id.id + " refers to a cell that does not exist (row " +
                             std::to_string(t.row) + ", column " + std::to_string(t.col) + ")."};
  }
  return std::nullopt;
}

// A checkable identity over the glued cells: Σ coef·cell + constant == 0.
struct Active {
  std::vector<std::pair<int, int>> vars;  // (glued cell, ±1)
  std::vector<int> rows;               // glued rows it touches (indices into `glued`)
  int64_t constant = 0;
};

// Running state of one identity during the search: the assigned part plus
// the interval the still-open cells can add.
struct Acc { int64_t sum = 0, open_lo = 0, open_hi = 0; };

// What the search learns about one glued row.
struct Track {
  std::vector<int64_t> first;
  bool determined = true;
  std::vector<Candidate> candidates;
  bool more = false;
};

void add_candidate(Track& t, const std::vector<int64_t>& v, size_t max_candidates) {
  if (t.first.empty()) t.first = v;
  else if (v != t.first) t.determined = false;
  for (const auto& c : t.candidates)
    if (c.values == v) return;
  if (t.candidates.size() < max_candidates) t.candidates.push_back({v});
  else t.more = true;
}

// One glued cell's place in one identity.
struct Occurrence {
  int id;             // index into the actives
  int coef;           // ±1
  int64_t lo, hi;     // what the open cell could add: coef · [column range]
};

// Depth-first search over one component's glued cells, one cell at a time.
struct Search {
  const std::vector<SplitGraph>& graphs;      // per glued row
  const std::vector<int>& base;               // per glued row: its first glued cell
  std::vector<int> order;                     // glued rows, in search order
  std::vector<std::vector<Occurrence>> occ;   // per glued cell
  std::vector<Acc> acc;                       // per identity (indexed like the actives)
  std::vector<int64_t> value;                 // per glued cell
  std::vector<Track>& tracks;                 // per glued row
  uint64_t& visits;
  uint64_t max_visits;
  size_t max_candidates;
  uint64_t solutions = 0;

  // Assign (sign = +1) or retract (sign = -1) `v` to `var`; true if every
  // identity it touches can still hold.
  bool apply(int var, int64_t v, int sign) {
    for (const Occurrence& o : occ[var]) {
      Acc& a = acc[o.id];
      a.sum += sign * o.coef * v;
      a.open_lo -= sign * o.lo;
      a.open_hi -= sign * o.hi;
    }
    if (sign < 0) return true;
    for (const Occurrence& o : occ[var]) {
      const Acc& a = acc[o.id];
      if (a.sum + a.open_lo > 0 || a.sum + a.open_hi < 0) return false;
    }
    return true;
  }

  void record() {
    solutions = sat_add(solutions, 1);
    for (int g : order) {
      const auto first = value.begin() + base[g];
      add_candidate(tracks[g], std::vector<int64_t>(first, first + graphs[g].cells), max_candidates);
    }
  }

  // false: the budget ran out.
  bool step(size_t k, int pos, int col) {
    if (k == order.size()) {
      record();
      return true;
    }
    const int g = order[k];
    const SplitGraph& sg = graphs[g];
    if (col == sg.cells) return step(k + 1, 0, 0);
    const int var = base[g] + col;
    for (const auto& t : sg.tokens[static_cast<size_t>(pos) * sg.cells + col]) {
      if (visits >= max_visits) return false;
      ++visits;
      value[var] = t.value;
      const bool ok = apply(var, t.value, +1);
      const bool go_on = !ok || step(k, t.end, col + 1);
      apply(var, t.value, -1);
      if (!go_on) return false;
    }
    return true;
  }
};

// Order glued rows so identities close as early as possible: next the row that
// completes the most identities, then touches the most, then has fewest splits.
std::vector<int> search_order(const std::vector<int>& rows, const std::vector<int>& ids,
                              const std::vector<Active>& actives, const std::vector<SplitGraph>& graphs) {
  std::vector<int> order, left = rows;
  std::vector<int> pending(actives.size(), 0);
  for (int i : ids) pending[i] = static_cast<int>(actives[i].rows.size());
  while (!left.empty()) {
    auto score = [&](int g) {
      int completes = 0, touches = 0;
      for (int i : ids)
        if (std::find(actives[i].rows.begin(), actives[i].rows.end(), g) != actives[i].rows.end()) {
          ++touches;
          completes += pending[i] == 1;
        }
      return std::make_tuple(completes, touches);
    };
    auto best = left.begin();
    auto best_score = score(*best);
    for (auto it = left.begin() + 1; it != left.end(); ++it) {
      const auto sc = score(*it);
      if (sc > best_score || (sc == best_score && graphs[*it].count < graphs[*best].count)) {
        best = it;
        best_score = sc;
      }
    }
    const int g = *best;
    for (int i : ids)
      if (std::find(actives[i].rows.begin(), actives[i].rows.end(), g) != actives[i].rows.end()) --pending[i];
    order.push_back(g);
    left.erase(best);
  }
  return order;
}

// The first splits of a row no identity touches (at least one, to fill a
// determined row even when max_candidates is 0).
bool list_splits(const SplitGraph& g, size_t max_candidates, uint64_t& visits, uint64_t max_visits,
                 Track& track) {
  std::vector<int64_t> cur(g.cells);
  bool budget_ok = true;
  const size_t want = std::max<size_t>(max_candidates, 1);
  auto rec = [&](auto&& self, int pos, int col) -> void {
    if (!budget_ok || track.candidates.size() >= want) return;
    if (col == g.cells) {
      track.candidates.push_back({cur});
      return;
    }
    for (const auto& t : g.tokens[static_cast<size_t>(pos) * g.cells + col]) {
      if (track.candidates.size() >= want) return;
      if (visits >= max_visits) {
        budget_ok = false;
        return;
      }
      ++visits;
      cur[col] = t.value;
      self(self, t.end, col + 1);
    }
  };
  rec(rec, 0, 0);
  if (!budget_ok) return false;
  track.first = track.candidates.front().values;
  track.determined = g.count == 1;
  if (!track.determined && track.candidates.size() > max_candidates) track.candidates.resize(max_candidates);
  track.more = g.count > track.candidates.size();
  return true;
}

}  // namespace

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::unique: return "unique";
    case Outcome::ambiguous: return "ambiguous";
    case Outcome::none: return "none";
    case Outcome::budget_exceeded: return "budget_exceeded";
    case Outcome::not_needed: return "not_needed";
    case Outcome::invalid: return "invalid";
  }
  return "invalid";
}

Solution solve(const std::vector<Row>& rows, const std::vector<Identity>& ids, const Options& opt) {
  Solution sol;
  if (auto problem = validate(rows, ids, opt)) {
    sol.outcome = Outcome::invalid;
    sol.error_zh = std::move(problem->zh);
    sol.error_en = std::move(problem->en);
    return sol;
  }
  // The grid, and the glued cells numbered row by row.
  std::vector<int> glued, glued_of(rows.size(), -1), base, var_row;
  int cells = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    sol.values.emplace_back(row.glued ? std::vector<std::optional<int64_t>>(row.cells) : row.known);
    if (!row.glued) continue;
    glued_of[r] = static_cast<int>(glued.size());
    glued.push_back(static_cast<int>(r));
    base.push_back(cells);
    cells += row.cells;
    var_row.resize(cells, glued_of[r]);
  }
  if (glued.empty()) return sol;  // not_needed

  // Checkable identities: every known term present and sane, at least one glued term.
  std::vector<Active> actives;
  for (size_t i = 0; i < ids.size(); ++i) {
    Active a;
    bool checkable = true;
    for (int coef : {+1, -1})
      for (const Term& t : coef > 0 ? ids[i].lhs : ids[i].rhs) {
        const int g = glued_of[t.row];
        if (g >= 0) {
          a.vars.push_back({base[g] + t.col, coef});
          if (std::find(a.rows.begin(), a.rows.end(), g) == a.rows.end()) a.rows.push_back(g);
          continue;
        }
        const auto& v = rows[t.row].known[t.col];
        if (!v || *v > kMaxMagnitude || *v < -kMaxMagnitude) checkable = false;
        else a.constant += coef * *v;
      }
    if (checkable && !a.vars.empty()) {
      sol.used_identities.push_back(ids[i].id);
      actives.push_back(std::move(a));
    }
  }

  // Split graphs; a row that cannot be split at all makes the table inconsistent.
  std::vector<SplitGraph> graphs;
  bool splittable = true;
  for (int r : glued) {
    graphs.push_back(build_splits(rows[r], opt.max_cell_digits));
    sol.glued_rows.push_back({r, false, {}, false, graphs.back().count});
    splittable = splittable && graphs.back().count > 0;
  }
  if (!splittable) {
    sol.outcome = Outcome::none;
    return sol;
  }

  // Components: glued rows joined by a shared identity.
  std::vector<int> parent(glued.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](int x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const auto& a : actives)
    for (int g : a.rows) parent[find(g)] = find(a.rows.front());

  // Every identity starts with its known part and all its glued cells open.
  std::vector<Track> tracks(glued.size());
  std::vector<std::vector<Occurrence>> occ(cells);
  std::vector<Acc> acc(actives.size());
  for (size_t i = 0; i < actives.size(); ++i)
    for (auto [var, coef] : actives[i].vars) {
      const int g = var_row[var], col = var - base[g];
      const int64_t lo = coef > 0 ? graphs[g].lo[col] : -graphs[g].hi[col];
      const int64_t hi = coef > 0 ? graphs[g].hi[col] : -graphs[g].lo[col];
      occ[var].push_back({static_cast<int>(i), coef, lo, hi});
      acc[i].open_lo += lo;
      acc[i].open_hi += hi;
    }
  for (size_t i = 0; i < actives.size(); ++i) acc[i].sum = actives[i].constant;
  Search search{graphs, base, {}, std::move(occ), std::move(acc), std::vector<int64_t>(cells, 0), tracks,
                sol.visits, opt.max_visits, opt.max_candidates};

  Outcome outcome = Outcome::unique;
  uint64_t total = 1;
  for (size_t root = 0; root < glued.size() && outcome == Outcome::unique; ++root) {
    if (find(static_cast<int>(root)) != static_cast<int>(root)) continue;
    std::vector<int> members, member_ids;
    for (size_t g = 0; g < glued.size(); ++g)
      if (find(static_cast<int>(g)) == static_cast<int>(root)) members.push_back(static_cast<int>(g));
    for (size_t i = 0; i < actives.size(); ++i)
      if (find(actives[i].rows.front()) == static_cast<int>(root)) member_ids.push_back(static_cast<int>(i));
    uint64_t found;
    if (member_ids.empty()) {  // a lone row: its split count is the answer
      if (!list_splits(graphs[root], opt.max_candidates, sol.visits, opt.max_visits, tracks[root]))
        outcome = Outcome::budget_exceeded;
      found = graphs[root].count;
    } else {
      search.order = search_order(members, member_ids, actives, graphs);
      search.solutions = 0;
      if (!search.step(0, 0, 0)) outcome = Outcome::budget_exceeded;
      found = search.solutions;
    }
    if (outcome == Outcome::unique && found == 0) outcome = Outcome::none;
    total = sat_mul(total, found);
  }
  sol.solutions = outcome == Outcome::budget_exceeded ? 0 : total;
  if (outcome == Outcome::unique && total > 1) outcome = Outcome::ambiguous;
  sol.outcome = outcome;
  if (outcome != Outcome::unique && outcome != Outcome::ambiguous) return sol;  // nothing is known

  for (size_t g = 0; g < glued.size(); ++g) {
    RowResult& rr = sol.glued_rows[g];
    Track& t = tracks[g];
    rr.determined = t.determined;
    rr.more = t.more;
    rr.candidates = std::move(t.candidates);
    if (!rr.determined) continue;
    rr.candidates = {Candidate{t.first}};
    for (int c = 0; c < rows[glued[g]].cells; ++c) sol.values[glued[g]][c] = t.first[c];
  }
  return sol;
}

bool split_pieces(std::string_view text, std::vector<std::string>& pieces) {
  pieces.clear();
  std::string cur;
  auto space_width = [&](size_t i) -> size_t {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return 1;
    if (text.substr(i, 2) == "\xC2\xA0") return 2;      // U+00A0 no-break space
    if (text.substr(i, 3) == "\xE3\x80\x80") return 3;  // U+3000 ideographic space
    return 0;
  };
  for (size_t i = 0; i < text.size();) {
    if (const size_t w = space_width(i)) {
      if (!cur.empty()) pieces.push_back(std::move(cur));
      cur.clear();
      i += w;
      continue;
    }
    const char c = text[i++];
    if (!is_digit(c) && c != '-' && c != '.') {
      pieces.clear();
      return false;
    }
    cur += c;
  }
  if (!cur.empty()) pieces.push_back(std::move(cur));
  return true;
}

}  // namespace nianbao::recover
