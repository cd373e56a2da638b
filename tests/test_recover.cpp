// Glued-row recovery (core/src/recover.*): real tables from seed 003, honest
// ambiguity, inconsistency, signed columns, bad calls, a brute-force
// cross-check and pathological inputs. Figures quoted in docs/recovery.md.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "recover.h"

using namespace nianbao::recover;

namespace {

using Grid = std::vector<std::vector<int64_t>>;
using Values = std::vector<int64_t>;

// v2019 表三: 23 rows × 7 columns (natural … other_org, total).
const char* const kRequestRows[] = {
    "new_received", "carried_over", "granted", "partial",
    "denied.state_secret", "denied.law_forbidden", "denied.three_safety", "denied.third_party",
    "denied.internal_affairs", "denied.process_info", "denied.enforcement_file", "denied.query_matter",
    "unable.not_held", "unable.need_create", "unable.unclear",
    "not_processed.petition", "not_processed.duplicate", "not_processed.publication",
    "not_processed.mass_repeat", "not_processed.confirm", "other", "total", "carried_forward"};
const char* const kRequestCols[] = {"natural", "commercial", "research", "social", "legal", "other_org", "total"};
constexpr int kRows = 23, kCols = 7;
constexpr int kNew = 0, kCarriedOver = 1, kFirstResult = 2, kLastResult = 20, kTotal = 21, kCarriedForward = 22;

// Seed 003_d54a5201509b67ef.txt, its 表三 as printed; every other row is 0s.
Grid table003() {
  Grid t(kRows, Values(kCols, 0));
  t[kNew] = {40, 1, 0, 0, 0, 0, 41};
  t[kCarriedOver] = {1, 0, 0, 0, 0, 0, 1};
  t[2] = {16, 0, 0, 0, 0, 0, 16};   // granted
  t[3] = {4, 0, 0, 0, 0, 0, 4};     // partial
  t[8] = {0, 1, 0, 0, 0, 0, 1};     // denied.internal_affairs
  t[12] = {17, 0, 0, 0, 0, 0, 17};  // unable.not_held
  t[kTotal] = {37, 1, 0, 0, 0, 0, 38};
  t[kCarriedForward] = {4, 0, 0, 0, 0, 0, 4};
  return t;
}

enum Family { kBalance = 1, kResults = 2, kApplicants = 4, kAll = 7 };

// The 表三 identities of templates.md, for a grid laid out like kRequestRows.
std::vector<Identity> request_identities(int families) {
  std::vector<Identity> ids;
  for (int c = 0; c < kCols; ++c) {
    if (families & kBalance)
      ids.push_back({std::string("requests.balance/") + kRequestCols[c], {{kNew, c}, {kCarriedOver, c}},
                     {{kTotal, c}, {kCarriedForward, c}}});
    if (families & kResults) {
      Identity id{std::string("requests.results/") + kRequestCols[c], {{kTotal, c}}, {}};
      for (int r = kFirstResult; r <= kLastResult; ++r) id.rhs.push_back({r, c});
      ids.push_back(id);
    }
  }
  if (families & kApplicants)
    for (int r = 0; r < kRows; ++r) {
      Identity id{std::string("requests.applicants/") + kRequestRows[r], {{r, kCols - 1}}, {}};
      for (int c = 0; c < kCols - 1; ++c) id.rhs.push_back({r, c});
      ids.push_back(id);
    }
  return ids;
}

std::string glue(const Values& v) {
  std::string s;
  for (int64_t x : v) s += std::to_string(x);
  return s;
}

Row known_row(std::string key, const Values& v) {
  Row r;
  r.key = std::move(key);
  r.cells = static_cast<int>(v.size());
  for (int64_t x : v) r.known.push_back(x);
  return r;
}

Row glued_row(std::string key, int cells, std::vector<std::string> pieces) {
  Row r;
  r.key = std::move(key);
  r.cells = cells;
  r.glued = true;
  r.pieces = std::move(pieces);
  return r;
}

// The grid with the rows in `glued` printed as one digit run each.
std::vector<Row> rows_of(const Grid& t, const std::vector<int>& glued) {
  std::vector<Row> rows;
  for (int r = 0; r < static_cast<int>(t.size()); ++r) {
    const bool g = std::find(glued.begin(), glued.end(), r) != glued.end();
    rows.push_back(g ? glued_row(kRequestRows[r], kCols, {glue(t[r])}) : known_row(kRequestRows[r], t[r]));
  }
  return rows;
}

std::vector<int> all_rows() {
  std::vector<int> v(kRows);
  for (int r = 0; r < kRows; ++r) v[r] = r;
  return v;
}

int determined(const Solution& s) {
  return static_cast<int>(std::count_if(s.glued_rows.begin(), s.glued_rows.end(),
                                         [](const RowResult& r) { return r.determined; }));
}

std::vector<Values> candidate_set(const RowResult& r) {
  std::vector<Values> v;
  for (const auto& c : r.candidates) v.push_back(c.values);
  std::sort(v.begin(), v.end());
  return v;
}

// Determined rows equal the truth, and the grid carries them.
void check_sound(const Solution& s, const Grid& truth) {
  for (const auto& r : s.glued_rows) {
    if (!r.determined) continue;
    REQUIRE(r.candidates.size() == 1);
    CHECK(r.candidates[0].values == truth[r.row]);
    for (size_t c = 0; c < truth[r.row].size(); ++c) CHECK(s.values[r.row][c] == truth[r.row][c]);
  }
}

struct Rng {  // a fixed LCG, so the figures are the same on every platform
  uint64_t s;
  uint64_t next() { return (s = s * 6364136223846793005ULL + 1442695040888963407ULL) >> 33; }
  int64_t below(int64_t n) { return static_cast<int64_t>(next() % static_cast<uint64_t>(n)); }
};

}  // namespace

TEST_CASE("recover: split_pieces cuts at whitespace and rejects anything else") {
  std::vector<std::string> p;
  CHECK(split_pieces("371000038", p));
  CHECK(p == std::vector<std::string>{"371000038"});
  CHECK(split_pieces("  37 10000\t38 ", p));
  CHECK(p == std::vector<std::string>{"37", "10000", "38"});
  CHECK(split_pieces("32\xC2\xA0-15\xE3\x80\x80" "17", p));  // U+00A0, U+3000
  CHECK(p == std::vector<std::string>{"32", "-15", "17"});
  CHECK(split_pieces("89902.19", p));
  CHECK(p == std::vector<std::string>{"89902.19"});
  CHECK(split_pieces("", p));
  CHECK(p.empty());
  CHECK_FALSE(split_pieces("37件", p));
  CHECK(p.empty());
  CHECK_FALSE(split_pieces("12a4", p));
  CHECK_FALSE(split_pieces("1\xEF\xBC\x92", p));  // full-width digit: the reader normalizes first
}

TEST_CASE("recover: no glued rows is not_needed") {
  const auto t = table003();
  const auto s = solve(rows_of(t, {}), request_identities(kAll));
  CHECK(s.outcome == Outcome::not_needed);
  CHECK(s.glued_rows.empty());
  CHECK(s.used_identities.empty());
  CHECK(s.values[kTotal][6] == 38);
}

TEST_CASE("recover: seed 003, one glued row (total) is recovered uniquely") {
  const auto t = table003();
  const auto s = solve(rows_of(t, {kTotal}), request_identities(kAll));
  REQUIRE(s.outcome == Outcome::unique);
  CHECK(s.solutions == 1);
  REQUIRE(s.glued_rows.size() == 1);
  CHECK(s.glued_rows[0].row == kTotal);
  CHECK(s.glued_rows[0].splits == 7);  // 371000038 into 7 cells without leading zeros
  CHECK(s.glued_rows[0].candidates[0].values == Values{37, 1, 0, 0, 0, 0, 38});
  check_sound(s, t);
  // Only identities touching the total row were used: 7 balance + 7 results + its applicants row.
  CHECK(s.used_identities.size() == 15);
  CHECK(std::count(s.used_identities.begin(), s.used_identities.end(), "requests.applicants/total") == 1);
  CHECK(std::count(s.used_identities.begin(), s.used_identities.end(), "requests.applicants/granted") == 0);
}

TEST_CASE("recover: seed 003, carried_forward glued with stray spaces") {
  const auto t = table003();
  auto rows = rows_of(t, {});
  std::vector<std::string> pieces;
  REQUIRE(split_pieces("4000 004", pieces));
  rows[kCarriedForward] = glued_row("carried_forward", kCols, pieces);
  const auto s = solve(rows, request_identities(kAll));
  REQUIRE(s.outcome == Outcome::unique);
  CHECK(s.values[kCarriedForward][0] == 4);
  CHECK(s.values[kCarriedForward][6] == 4);
}

// The figures of docs/recovery.md, "Seed 003".
TEST_CASE("recover: seed 003, share of rows recovered when every row is glued") {
  const auto t = table003();
  struct Case { const char* name; int families; Outcome outcome; int determined; uint64_t solutions; };
  const Case cases[] = {
      {"all identities", kAll, Outcome::unique, 23, 1},
      {"balance + results", kBalance | kResults, Outcome::unique, 23, 1},
      {"applicants only", kApplicants, Outcome::unique, 23, 1},
      {"results only", kResults, Outcome::ambiguous, 22, 5},
      {"balance only", kBalance, Outcome::ambiguous, 21, 16},
      {"no identity", 0, Outcome::ambiguous, 19, 560},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto s = solve(rows_of(t, all_rows()), request_identities(c.families));
    CHECK(s.outcome == c.outcome);
    CHECK(determined(s) == c.determined);
    CHECK(s.solutions == c.solutions);
    CHECK(s.visits < 1000);
    check_sound(s, t);
    for (const auto& r : s.glued_rows)  // the truth is always among the candidates (none are cut off here)
      if (!r.determined) {
        CHECK_FALSE(r.more);
        const auto set = candidate_set(r);
        CHECK(std::find(set.begin(), set.end(), t[r.row]) != set.end());
      }
  }
  // Each row glued alone, the rest known: all 23 come back.
  int alone = 0;
  for (int r = 0; r < kRows; ++r) {
    const auto s = solve(rows_of(t, {r}), request_identities(kAll));
    alone += s.outcome == Outcome::unique;
    check_sound(s, t);
  }
  CHECK(alone == 23);
}

TEST_CASE("recover: seed 003, honest ambiguity lists the exact candidates") {
  const auto t = table003();
  SUBCASE("no identity can see the row: every split is a candidate") {
    const auto s = solve(rows_of(t, {kNew}), {});
    REQUIRE(s.outcome == Outcome::ambiguous);
    CHECK(s.used_identities.empty());
    CHECK(s.solutions == 5);
    const auto& r = s.glued_rows[0];
    CHECK_FALSE(r.determined);
    CHECK_FALSE(r.more);
    CHECK(candidate_set(r) == std::vector<Values>{{4, 0, 10, 0, 0, 0, 41},
                                                  {4, 0, 100, 0, 0, 4, 1},
                                                  {40, 1, 0, 0, 0, 0, 41},
                                                  {40, 10, 0, 0, 0, 4, 1},
                                                  {401, 0, 0, 0, 0, 4, 1}});
    CHECK_FALSE(s.values[kNew][0].has_value());
  }
  SUBCASE("balance only: granted and not_held stay open, 4 × 4 assignments") {
    const auto s = solve(rows_of(t, all_rows()), request_identities(kBalance));
    REQUIRE(s.outcome == Outcome::ambiguous);
    for (const auto& r : s.glued_rows) {
      CAPTURE(r.row);
      CHECK(r.determined == (r.row != 2 && r.row != 12));
    }
    CHECK(candidate_set(s.glued_rows[2]) == std::vector<Values>{{1, 60, 0, 0, 0, 0, 16},
                                                                {1, 600, 0, 0, 0, 1, 6},
                                                                {16, 0, 0, 0, 0, 0, 16},
                                                                {160, 0, 0, 0, 0, 1, 6}});
    CHECK(candidate_set(s.glued_rows[12]) == std::vector<Values>{{1, 70, 0, 0, 0, 0, 17},
                                                                 {1, 700, 0, 0, 0, 1, 7},
                                                                 {17, 0, 0, 0, 0, 0, 17},
                                                                 {170, 0, 0, 0, 0, 1, 7}});
    check_sound(s, t);
  }
  SUBCASE("max_candidates caps the list and says so") {
    Options o;
    o.max_candidates = 2;
    const auto s = solve(rows_of(t, {kTotal}), {}, o);
    REQUIRE(s.outcome == Outcome::ambiguous);
    CHECK(s.glued_rows[0].candidates.size() == 2);
    CHECK(s.glued_rows[0].more);
  }
}

TEST_CASE("recover: two glued rows that trade digits stay ambiguous together") {
  // a = 1|23 or 12|3, b likewise; a.first == b.first admits both pairs.
  const std::vector<Row> rows = {glued_row("a", 2, {"123"}), glued_row("b", 2, {"123"})};
  const std::vector<Identity> ids = {{"first", {{0, 0}}, {{1, 0}}}};
  const auto s = solve(rows, ids);
  REQUIRE(s.outcome == Outcome::ambiguous);
  CHECK(s.solutions == 2);
  for (const auto& r : s.glued_rows) {
    CHECK_FALSE(r.determined);
    CHECK(candidate_set(r) == std::vector<Values>{{1, 23}, {12, 3}});
  }
  // One more identity (a.second + b.first == 24) settles it.
  const std::vector<Row> rows2 = {glued_row("a", 2, {"123"}), glued_row("b", 2, {"123"}), known_row("k", {24})};
  const std::vector<Identity> ids2 = {{"first", {{0, 0}}, {{1, 0}}}, {"sum", {{0, 1}, {1, 0}}, {{2, 0}}}};
  const auto u = solve(rows2, ids2);
  REQUIRE(u.outcome == Outcome::unique);
  CHECK(u.glued_rows[0].candidates[0].values == Values{1, 23});
  CHECK(u.glued_rows[1].candidates[0].values == Values{1, 23});
  CHECK(u.used_identities == std::vector<std::string>{"first", "sum"});
}

TEST_CASE("recover: no consistent split is none") {
  const auto t = table003();
  SUBCASE("a total that contradicts every identity") {
    auto rows = rows_of(t, {});
    rows[kTotal] = glued_row("total", kCols, {"371000039"});
    const auto s = solve(rows, request_identities(kAll));
    CHECK(s.outcome == Outcome::none);
    CHECK(s.solutions == 0);
    CHECK(s.glued_rows[0].splits == 7);
    CHECK(s.glued_rows[0].candidates.empty());
    CHECK_FALSE(s.values[kTotal][0].has_value());
  }
  SUBCASE("too few digits for seven cells") {
    auto rows = rows_of(t, {});
    rows[kCarriedForward] = glued_row("carried_forward", kCols, {"44"});
    const auto s = solve(rows, request_identities(kAll));
    CHECK(s.outcome == Outcome::none);
    CHECK(s.glued_rows[0].splits == 0);
  }
  SUBCASE("a minus sign in a column that cannot be negative") {
    const auto s = solve({glued_row("x", 2, {"3-2"})}, {});
    CHECK(s.outcome == Outcome::none);
  }
  SUBCASE("a piece boundary that no split can honour") {
    // Three printed pieces need at least three cells; the row has two.
    const auto s = solve({glued_row("x", 2, {"1", "2", "3"})}, {});
    CHECK(s.outcome == Outcome::none);
  }
}

TEST_CASE("recover: blank known cells switch their identities off") {
  const auto t = table003();
  auto rows = rows_of(t, {kTotal});
  rows[kCarriedForward].known[0] = std::nullopt;  // printed blank: doubtful
  const auto s = solve(rows, request_identities(kAll));
  REQUIRE(s.outcome == Outcome::unique);
  CHECK(s.values[kTotal][0] == 37);
  const auto& used = s.used_identities;
  CHECK(std::find(used.begin(), used.end(), "requests.balance/natural") == used.end());
  CHECK(std::find(used.begin(), used.end(), "requests.balance/commercial") != used.end());
  CHECK(used.size() == 14);
  // An absurd known value is doubtful too.
  rows[kCarriedForward].known[0] = 4;
  rows[kNew].known[1] = int64_t{1} << 60;
  const auto s2 = solve(rows, request_identities(kAll));
  CHECK(std::find(s2.used_identities.begin(), s2.used_identities.end(), "requests.balance/commercial") ==
        s2.used_identities.end());
}

TEST_CASE("recover: signed proactive row 32-1517") {
  Row row = glued_row("licensing", 3, {"32-1517"});  // prev_items, delta_items (signed), decisions
  row.signed_cols = {false, true, false};
  SUBCASE("alone: three honest candidates") {
    const auto s = solve({row}, {});
    REQUIRE(s.outcome == Outcome::ambiguous);
    CHECK(s.glued_rows[0].splits == 3);
    CHECK(candidate_set(s.glued_rows[0]) == std::vector<Values>{{32, -151, 7}, {32, -15, 17}, {32, -1, 517}});
  }
  SUBCASE("next year's prev_items = this year's prev_items + delta settles it") {
    const std::vector<Row> rows = {row, known_row("licensing@next", {17, 0, 3})};
    const std::vector<Identity> ids = {{"carry", {{0, 0}, {0, 1}}, {{1, 0}}}};
    const auto s = solve(rows, ids);
    REQUIRE(s.outcome == Outcome::unique);
    CHECK(s.glued_rows[0].candidates[0].values == Values{32, -15, 17});
  }
  SUBCASE("printed spaces settle it too") {
    Row spaced = row;
    spaced.pieces = {"32", "-15", "17"};
    const auto s = solve({spaced}, {});
    REQUIRE(s.outcome == Outcome::unique);
    CHECK(s.values[0] == std::vector<std::optional<int64_t>>{32, -15, 17});
  }
  SUBCASE("no minus zero, no leading zeros") {
    Row z = row;
    z.pieces = {"3-05"};
    CHECK(solve({z}, {}).outcome == Outcome::none);  // 3|-0|5 and 3|-05 are both malformed
  }
}

TEST_CASE("recover: seed 003 appeals, one glued row of 15") {
  std::vector<Identity> ids;
  for (int g = 0; g < 3; ++g) ids.push_back({"appeals.total/" + std::to_string(g), {{0, 5 * g + 4}},
                                            {{0, 5 * g}, {0, 5 * g + 1}, {0, 5 * g + 2}, {0, 5 * g + 3}}});
  const auto zeros = solve({glued_row("appeals", 15, {"000000000000000"})}, ids);
  REQUIRE(zeros.outcome == Outcome::unique);
  CHECK(zeros.values[0] == std::vector<std::optional<int64_t>>(15, int64_t{0}));
  // A non-zero row (2 1 0 0 3 | 1 0 0 1 2 | 0 0 0 0 0) also comes back.
  const auto s = solve({glued_row("appeals", 15, {"21003100120000" "0"})}, ids);
  REQUIRE(s.outcome == Outcome::unique);
  CHECK(s.glued_rows[0].candidates[0].values == Values{2, 1, 0, 0, 3, 1, 0, 0, 1, 2, 0, 0, 0, 0, 0});
}

TEST_CASE("recover: malformed calls are invalid, with a bilingual reason") {
  const Row ok = known_row("k", {1, 2});
  struct Case { const char* name; std::vector<Row> rows; std::vector<Identity> ids; Options opt; };
  Row no_cells = ok;
  no_cells.cells = 0;
  Row short_known = ok;
  short_known.known.pop_back();
  Row decimal = glued_row("amount", 2, {"1289902.19"});
  Row empty_glued = glued_row("g", 2, {});
  Row bad_signed = glued_row("g", 2, {"12"});
  bad_signed.signed_cols = {true};
  Options digits0;
  digits0.max_cell_digits = 0;
  Options digits16;
  digits16.max_cell_digits = 16;
  const Case cases[] = {
      {"cells 0", {no_cells}, {}, {}},
      {"known size", {short_known}, {}, {}},
      {"decimal point", {decimal}, {}, {}},
      {"no pieces", {empty_glued}, {}, {}},
      {"signed_cols size", {bad_signed}, {}, {}},
      {"term row", {ok}, {{"x", {{1, 0}}, {}}}, {}},
      {"term col", {ok}, {{"x", {{0, 2}}, {}}}, {}},
      {"negative term", {ok}, {{"x", {}, {{0, -1}}}}, {}},
      {"max_cell_digits 0", {ok}, {}, digits0},
      {"max_cell_digits 16", {ok}, {}, digits16},
      {"too many cells", {glued_row("g", 64, {std::string(64, '0')})}, {}, {}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto s = solve(c.rows, c.ids, c.opt);
    CHECK(s.outcome == Outcome::invalid);
    CHECK_FALSE(s.error_zh.empty());
    CHECK_FALSE(s.error_en.empty());
    CHECK(s.glued_rows.empty());
  }
  CHECK(std::string(to_string(Outcome::budget_exceeded)) == "budget_exceeded");
}

// Exhaustive reference: every split of every glued row (written without the
// solver's split graph), every combination, every checkable identity.
namespace {
void brute_splits(const std::string& s, const std::vector<size_t>& ends, const Row& row, int maxd, size_t pos,
                  Values& cur, std::vector<Values>& out) {
  if (pos == s.size()) {
    if (static_cast<int>(cur.size()) == row.cells) out.push_back(cur);
    return;
  }
  if (static_cast<int>(cur.size()) == row.cells) return;
  const size_t end = *std::upper_bound(ends.begin(), ends.end(), pos);
  for (size_t e = pos + 1; e <= end; ++e) {
    std::string tok = s.substr(pos, e - pos);
    const size_t col = cur.size();
    const bool neg = tok[0] == '-';
    if (neg && !(col < row.signed_cols.size() && row.signed_cols[col])) break;
    const std::string digits = neg ? tok.substr(1) : tok;
    if (digits.empty()) continue;
    if (digits.find_first_not_of("0123456789") != std::string::npos) break;
    if (static_cast<int>(digits.size()) > maxd) break;
    if (digits.size() > 1 && digits[0] == '0') break;
    if (neg && digits == "0") continue;
    cur.push_back(std::stoll(tok));
    brute_splits(s, ends, row, maxd, e, cur, out);
    cur.pop_back();
  }
}

struct Brute { uint64_t solutions = 0; std::vector<std::vector<Values>> distinct; };

Brute brute_force(const std::vector<Row>& rows, const std::vector<Identity>& ids, int maxd) {
  std::vector<int> glued;
  std::vector<std::vector<Values>> options;
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    if (!rows[r].glued) continue;
    std::string s;
    std::vector<size_t> ends;
    for (const auto& p : rows[r].pieces) ends.push_back((s += p).size());
    Values cur;
    options.emplace_back();
    brute_splits(s, ends, rows[r], maxd, 0, cur, options.back());
    glued.push_back(r);
  }
  Brute b;
  b.distinct.resize(glued.size());
  std::vector<size_t> pick(glued.size(), 0);
  for (const auto& o : options)
    if (o.empty()) return b;
  for (;;) {
    auto cell = [&](const Term& t) -> std::optional<int64_t> {
      const auto it = std::find(glued.begin(), glued.end(), t.row);
      if (it != glued.end()) return options[it - glued.begin()][pick[it - glued.begin()]][t.col];
      return rows[t.row].known[t.col];
    };
    bool ok = true;
    for (const auto& id : ids) {
      int64_t sum = 0;
      bool doubtful = false;
      for (const auto& t : id.lhs) doubtful |= !cell(t), sum += cell(t).value_or(0);
      for (const auto& t : id.rhs) doubtful |= !cell(t), sum -= cell(t).value_or(0);
      if (!doubtful && sum != 0) ok = false;
    }
    if (ok) {
      ++b.solutions;
      for (size_t g = 0; g < glued.size(); ++g) {
        auto& d = b.distinct[g];
        const auto& v = options[g][pick[g]];
        if (std::find(d.begin(), d.end(), v) == d.end()) d.push_back(v);
      }
    }
    size_t g = 0;
    while (g < glued.size() && ++pick[g] == options[g].size()) pick[g++] = 0;
    if (g == glued.size()) break;
  }
  for (auto& d : b.distinct) std::sort(d.begin(), d.end());
  return b;
}
}  // namespace

TEST_CASE("recover: agrees with brute force on 400 random small tables") {
  Rng rng{2024};
  int unique = 0, ambiguous = 0, none = 0;
  for (int k = 0; k < 400; ++k) {
    CAPTURE(k);
    // A consistent grid: the last column sums each row, the last row sums each column.
    const int R = 2 + static_cast<int>(rng.below(3)), C = 2 + static_cast<int>(rng.below(3));
    const bool signed0 = rng.below(4) == 0;
    Grid t(R, Values(C, 0));
    for (int r = 0; r + 1 < R; ++r)
      for (int c = 0; c + 1 < C; ++c) {
        const int64_t mag = rng.below(3) == 0 ? 0 : rng.below(rng.below(2) ? 12 : 150);
        t[r][c] = signed0 && c == 0 && rng.below(2) ? -mag : mag;
      }
    for (int r = 0; r + 1 < R; ++r)
      for (int c = 0; c + 1 < C; ++c) t[r][C - 1] += t[r][c], t[R - 1][c] += t[r][c];
    for (int c = 0; c + 1 < C; ++c) t[R - 1][C - 1] += t[R - 1][c];
    std::vector<Identity> ids;
    for (int r = 0; r < R; ++r) {
      Identity id{"row" + std::to_string(r), {{r, C - 1}}, {}};
      for (int c = 0; c + 1 < C; ++c) id.rhs.push_back({r, c});
      if (rng.below(3)) ids.push_back(id);
    }
    for (int c = 0; c < C; ++c) {
      Identity id{"col" + std::to_string(c), {{R - 1, c}}, {}};
      for (int r = 0; r + 1 < R; ++r) id.rhs.push_back({r, c});
      if (rng.below(3)) ids.push_back(id);
    }
    std::vector<Row> rows;
    for (int r = 0; r < R; ++r) {
      Row row;
      if (rng.below(3)) {
        std::string s;
        for (int c = 0; c < C; ++c) s += (c && rng.below(5) == 0 ? " " : "") + std::to_string(t[r][c]);
        if (rng.below(8) == 0) s[rng.below(static_cast<int64_t>(s.size()))] = '7';  // a misprint
        std::vector<std::string> pieces;
        REQUIRE(split_pieces(s, pieces));
        row = glued_row("r" + std::to_string(r), C, pieces);
      } else {
        row = known_row("r" + std::to_string(r), t[r]);
        if (rng.below(6) == 0) row.known[rng.below(C)] = std::nullopt;
      }
      if (signed0) row.signed_cols = std::vector<bool>(C, false), row.signed_cols[0] = true;
      rows.push_back(row);
    }
    Options opt;
    opt.max_cell_digits = 3;
    opt.max_candidates = 1000;
    const auto s = solve(rows, ids, opt);
    const auto b = brute_force(rows, ids, opt.max_cell_digits);
    if (s.outcome == Outcome::not_needed) continue;
    REQUIRE(s.outcome != Outcome::budget_exceeded);
    CHECK(s.solutions == b.solutions);
    CHECK(s.outcome == (b.solutions == 0 ? Outcome::none : b.solutions == 1 ? Outcome::unique : Outcome::ambiguous));
    unique += s.outcome == Outcome::unique;
    ambiguous += s.outcome == Outcome::ambiguous;
    none += s.outcome == Outcome::none;
    if (b.solutions == 0) continue;
    for (size_t g = 0; g < s.glued_rows.size(); ++g) {
      CHECK(candidate_set(s.glued_rows[g]) == b.distinct[g]);
      CHECK(s.glued_rows[g].determined == (b.distinct[g].size() == 1));
    }
  }
  // Every kind of outcome was exercised.
  CHECK(unique > 20);
  CHECK(ambiguous > 20);
  CHECK(none > 5);
}

// The figures of docs/recovery.md, "Synthetic tables": 表三 grids shaped like
// real ones (most cells 0, natural persons dominant), every row glued.
TEST_CASE("recover: synthetic 表三 tables, every row glued") {
  struct Case { int64_t scale; int families; int unique, ambiguous, budget, rows_determined; };
  const Case cases[] = {
      {10, kAll, 200, 0, 0, 4600},
      {200, kAll, 191, 9, 0, 4571},
      {5000, kAll, 195, 5, 0, 4585},
      {200, kBalance | kResults, 120, 73, 7, 4190},
      {200, kApplicants, 18, 182, 0, 4123},
  };
  for (const auto& c : cases) {
    CAPTURE(c.scale);
    CAPTURE(c.families);
    Rng rng{12345};
    auto draw = [&](int64_t scale, int pct) -> int64_t {
      if (rng.below(100) >= pct) return 0;
      return 1 + rng.below(1 + rng.below(scale));  // skewed towards small counts
    };
    int unique = 0, ambiguous = 0, budget = 0, rows_determined = 0;
    for (int k = 0; k < 200; ++k) {
      Grid t(kRows, Values(kCols, 0));
      for (int r = kFirstResult; r <= kLastResult; ++r)
        for (int col = 0; col < 6; ++col)
          t[r][col] = draw(col == 0 ? c.scale : c.scale / 4 + 1, col == 0 ? 50 : col == 1 ? 20 : 5);
      for (int col = 0; col < 6; ++col) {
        t[kCarriedForward][col] = draw(c.scale / 4 + 1, col == 0 ? 40 : 5);
        t[kCarriedOver][col] = draw(c.scale / 4 + 1, col == 0 ? 40 : 5);
        for (int r = kFirstResult; r <= kLastResult; ++r) t[kTotal][col] += t[r][col];
        t[kCarriedOver][col] = std::min(t[kCarriedOver][col], t[kTotal][col] + t[kCarriedForward][col]);
        t[kNew][col] = t[kTotal][col] + t[kCarriedForward][col] - t[kCarriedOver][col];
      }
      for (auto& row : t)
        for (int col = 0; col < 6; ++col) row[6] += row[col];
      const auto s = solve(rows_of(t, all_rows()), request_identities(c.families));
      CHECK(s.visits <= Options{}.max_visits);
      unique += s.outcome == Outcome::unique;
      ambiguous += s.outcome == Outcome::ambiguous;
      budget += s.outcome == Outcome::budget_exceeded;
      rows_determined += determined(s);
      check_sound(s, t);
    }
    INFO("scale " << c.scale << " families " << c.families << ": unique " << unique << ", ambiguous "
                     << ambiguous << ", budget " << budget << ", rows determined " << rows_determined << "/"
                     << 200 * kRows);
    CHECK(unique == c.unique);
    CHECK(ambiguous == c.ambiguous);
    CHECK(budget == c.budget);
    CHECK(rows_determined == c.rows_determined);
  }
}

TEST_CASE("recover: pathological inputs stay within the budget") {
  // The bound is the visit budget, asserted below; the times are only reported (tests do not time things).
  const std::string digits40 = "8427316590" "1846273950" "3719264058" "6150392847";
  using clock = std::chrono::steady_clock;
  auto elapsed_ms = [](clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(clock::now() - t0).count();
  };
  SUBCASE("a 40-digit run in one 7-cell row with its row-sum identity") {
    Identity id{"applicants", {{0, 6}}, {}};
    for (int c = 0; c < 6; ++c) id.rhs.push_back({0, c});
    const auto t0 = clock::now();
    const auto s = solve({glued_row("total", 7, {digits40})}, {id});
    INFO("7 cells: " << std::string(to_string(s.outcome)) << ", " << s.visits << " visits, " << s.glued_rows[0].splits
                        << " splits, " << elapsed_ms(t0) << " ms");
    CHECK(s.visits <= Options{}.max_visits);
    CHECK(s.outcome == Outcome::none);
    CHECK(s.glued_rows[0].splits == 28);
  }
  SUBCASE("a 40-digit run in the 15-cell appeals row") {
    std::vector<Identity> ids;
    for (int g = 0; g < 3; ++g) ids.push_back({"appeals.total/" + std::to_string(g), {{0, 5 * g + 4}},
                                              {{0, 5 * g}, {0, 5 * g + 1}, {0, 5 * g + 2}, {0, 5 * g + 3}}});
    const auto t0 = clock::now();
    const auto s = solve({glued_row("appeals", 15, {digits40})}, ids);
    INFO("appeals: " << std::string(to_string(s.outcome)) << ", " << s.visits << " visits, " << s.glued_rows[0].splits
                        << " splits, " << elapsed_ms(t0) << " ms");
    CHECK(s.visits <= Options{}.max_visits);
    CHECK(s.glued_rows[0].splits > 1'000'000'000);  // counted, never enumerated
    CHECK(s.outcome == Outcome::none);  // random digits hold no table
  }
  SUBCASE("a 40-digit appeals row that does hold a table") {
    const Values truth = {65432, 1234, 12, 1, 66679, 9876, 4321, 987, 65, 15249, 0, 0, 0, 0, 0};
    std::vector<Identity> ids;
    for (int g = 0; g < 3; ++g) ids.push_back({"appeals.total/" + std::to_string(g), {{0, 5 * g + 4}},
                                              {{0, 5 * g}, {0, 5 * g + 1}, {0, 5 * g + 2}, {0, 5 * g + 3}}});
    REQUIRE(glue(truth).size() == 40);
    const auto t0 = clock::now();
    const auto s = solve({glued_row("appeals", 15, {glue(truth)})}, ids);
    INFO("appeals table: " << std::string(to_string(s.outcome)) << ", " << s.visits << " visits, "
                              << s.solutions << " solutions, " << elapsed_ms(t0) << " ms");
    REQUIRE(s.outcome == Outcome::unique);
    CHECK(s.glued_rows[0].candidates[0].values == truth);
  }
  SUBCASE("a 40-digit run with no identity is answered from the split count") {
    const auto s = solve({glued_row("appeals", 15, {digits40})}, {});
    CHECK(s.outcome == Outcome::ambiguous);
    CHECK(s.solutions == s.glued_rows[0].splits);
    CHECK(s.glued_rows[0].candidates.size() == 8);
    CHECK(s.glued_rows[0].more);
    CHECK(s.visits < 200);
  }
  SUBCASE("a 4000-digit run is rejected by length before any work") {
    const auto s = solve({glued_row("x", 7, {std::string(4000, '1')})}, {});
    CHECK(s.outcome == Outcome::none);
    CHECK(s.glued_rows[0].splits == 0);
    CHECK(s.visits == 0);
  }
  SUBCASE("25 glued rows (v2021 shape) of long digit runs, all identities") {
    // 25 rows: new_received, carried_over, 21 results, total, carried_forward.
    Rng rng{7};
    std::vector<Row> rows;
    for (int r = 0; r < 25; ++r) {
      std::string s;
      const int len = 14 + static_cast<int>(rng.below(10));
      for (int i = 0; i < len; ++i) s += static_cast<char>('0' + (i == 0 ? 1 + rng.below(9) : rng.below(10)));
      rows.push_back(glued_row("r" + std::to_string(r), 7, {s}));
    }
    std::vector<Identity> ids;
    for (int c = 0; c < 7; ++c) {
      ids.push_back({"balance", {{0, c}, {1, c}}, {{23, c}, {24, c}}});
      Identity res{"results", {{23, c}}, {}};
      for (int r = 2; r <= 22; ++r) res.rhs.push_back({r, c});
      ids.push_back(res);
    }
    std::vector<Identity> columns_only = ids;
    for (int r = 0; r < 25; ++r) {
      Identity app{"applicants", {{r, 6}}, {}};
      for (int c = 0; c < 6; ++c) app.rhs.push_back({r, c});
      ids.push_back(app);
    }
    for (const std::vector<Identity>* set : {&ids, &columns_only})
    for (uint64_t budget : {uint64_t{10'000}, uint64_t{1'000'000}}) {
      CAPTURE(budget);
      CAPTURE(set->size());
      Options o;
      o.max_visits = budget;
      const auto t0 = clock::now();
      const auto s = solve(rows, *set, o);
      INFO(set->size() << " identities, budget " << budget << ": " << std::string(to_string(s.outcome)) << ", "
                          << s.visits << " visits, " << elapsed_ms(t0) << " ms");
      CHECK(s.visits <= budget);
      // Random runs contradict the per-row identities quickly; with column
      // identities alone the search runs out of budget, and says so.
      CHECK(s.outcome == (set == &ids ? Outcome::none : Outcome::budget_exceeded));
      if (s.outcome == Outcome::budget_exceeded) {
        CHECK(s.visits == budget);
        CHECK(s.solutions == 0);
        for (const auto& r : s.glued_rows) CHECK_FALSE(r.determined);
        for (const auto& r : s.glued_rows) CHECK(r.candidates.empty());
      }
    }
  }
}
