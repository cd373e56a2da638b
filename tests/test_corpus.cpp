// Corpus tests: every report in tests/corpus/ with a hand-written .expect file
// (format: tests/corpus/README.md) is checked and compared statement by statement.
#include <doctest/doctest.h>
#include <nianbao/nianbao.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string strip(std::string s) {
  size_t h = s.find('#');
  if (h != std::string::npos) s.resize(h);
  size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

struct Expect {
  std::string tmpl, year, sections;
  std::vector<std::string> orgs;
  struct CellE { std::string table, key, value; int line; };
  std::vector<CellE> cells;
  std::vector<std::pair<std::string, std::string>> checks;  // id or prefix* → status
};

Expect parse_expect(const std::string& text) {
  Expect e;
  std::istringstream in(text);
  int n = 0;
  for (std::string raw; std::getline(in, raw);) {
    ++n;
    std::string line = strip(raw);
    if (line.empty()) continue;
    size_t eq = line.find('=');
    REQUIRE_MESSAGE(eq != std::string::npos, "line " << n << ": no '=': " << line);
    std::string lhs = strip(line.substr(0, eq)), rhs = strip(line.substr(eq + 1));
    auto lw = words(lhs);
    if (lhs == "template") e.tmpl = rhs;
    else if (lhs == "year") e.year = rhs;
    else if (lhs == "sections") e.sections = rhs;
    else if (lhs == "org") {
      for (size_t from = 0;;) {
        size_t bar = rhs.find(" | ", from);
        e.orgs.push_back(strip(rhs.substr(from, bar == std::string::npos ? std::string::npos : bar - from)));
        if (bar == std::string::npos) break;
        from = bar + 3;
      }
    } else if (lhs == "complete") {
      // The tables whose every cell the file states (tools/truth-verify.mjs checks that);
      // nothing more for the engine to match here.
    } else if (lw.size() == 3 && lw[0] == "cell") e.cells.push_back({lw[1], lw[2], rhs, n});
    else if (lw.size() == 2 && lw[0] == "check") e.checks.push_back({lw[1], rhs});
    else FAIL("line " << n << ": unknown statement: " << line);
  }
  return e;
}

void check_case(const fs::path& report) {
  Expect e = parse_expect(slurp(report.string() + ".expect"));
  nianbao::Result r = nianbao::check(slurp(report), {report.filename().string()});
  CHECK(std::string(nianbao::to_string(r.report.tmpl)) == e.tmpl);
  CHECK(std::to_string(r.report.year) == e.year);
  bool org_ok = false;
  for (const auto& o : e.orgs) org_ok |= o == r.report.org;
  CHECK_MESSAGE(org_ok, "org: got '" << r.report.org << "'");
  std::string secs;
  for (const auto& s : r.sections) secs += (secs.empty() ? "" : " ") + s.key;
  CHECK(secs == e.sections);
  for (const auto& c : e.cells) {
    const nianbao::Table* t = r.table(c.table);
    INFO(".expect line " << c.line << ": cell " << c.table << " " << c.key);
    if (!t) { FAIL_CHECK("table " << c.table << " not found"); continue; }
    const nianbao::Cell* cell = t->find(c.key);
    if (!cell) { FAIL_CHECK("cell absent"); continue; }
    if (c.value == "null") CHECK_MESSAGE(!cell->value, "expected empty, got " << cell->number);
    else if (!cell->value) FAIL_CHECK("expected " << c.value << ", got an empty cell");
    else CHECK(std::fabs(*cell->value - std::stod(c.value)) < 1e-6);
  }
  // Checks: exact ids first, then the longest matching glob.
  std::map<std::string, std::string> exact;
  std::vector<std::pair<std::string, std::string>> globs;
  for (const auto& [id, st] : e.checks) {
    if (!id.empty() && id.back() == '*') globs.push_back({id.substr(0, id.size() - 1), st});
    else exact[id] = st;
  }
  for (const auto& [id, st] : exact) {
    const nianbao::Check* found = nullptr;
    for (const auto& c : r.checks) if (c.id == id) found = &c;
    INFO("check " << id);
    if (!found) { FAIL_CHECK("check absent"); continue; }
    CHECK(std::string(nianbao::to_string(found->status)) == st);
  }
  for (const auto& c : r.checks) {
    if (exact.count(c.id)) continue;
    const std::pair<std::string, std::string>* best = nullptr;
    for (const auto& g : globs)
      if (c.id.compare(0, g.first.size(), g.first) == 0 && (!best || g.first.size() > best->first.size())) best = &g;
    if (!best) continue;
    INFO("check " << c.id << " (glob " << best->first << "*)");
    CHECK(std::string(nianbao::to_string(c.status)) == best->second);
  }
}

std::vector<fs::path> corpus() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(NIANBAO_CORPUS_DIR)) {
    fs::path p = entry.path();
    if ((p.extension() == ".txt" || p.extension() == ".html") && fs::exists(p.string() + ".expect")) out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("corpus: every report matches its hand-checked expectations") {
  auto files = corpus();
  REQUIRE(files.size() >= 10);
  for (const auto& f : files) {
    SUBCASE(f.filename().string().c_str()) { check_case(f); }
  }
}

TEST_CASE("corpus: known truths of the seeds") {
  auto get = [](const char* name) { return nianbao::check(slurp(fs::path(NIANBAO_CORPUS_DIR) / name)); };
  SUBCASE("003: 41+1 = 38+4 holds") {
    auto r = get("003_d54a5201509b67ef.txt");
    const nianbao::Check* c = nullptr;
    for (const auto& k : r.checks) if (k.id == "requests.balance/total") c = &k;
    REQUIRE(c);
    CHECK(c->status == nianbao::Status::pass);
    CHECK(*c->lhs == 42);
    CHECK(*c->rhs == 42);
    CHECK(r.table("requests")->find("granted/total")->number == "16");
    CHECK(r.table("proactive")->find("procurement/amount")->raw == "89902.19元");
  }
  SUBCASE("000: the appeals data row is misaligned and said so") {
    auto r = get("000_060c0ade156f5510.txt");
    bool said = false;
    for (const auto& d : r.diagnostics) said |= d.rule == "NB0604" && d.zh.find("16") != std::string::npos;
    CHECK(said);
    REQUIRE(r.table("appeals"));
    CHECK(r.table("appeals")->cells.empty());
  }
  SUBCASE("002: 一、总体情况 three times, each a section entry with a diagnostic") {
    auto r = get("002_310a36c5978b6ada.txt");
    int overview = 0, dup = 0;
    for (const auto& s : r.sections) overview += s.key == "overview";
    for (const auto& d : r.diagnostics) dup += d.rule == "NB0202";
    CHECK(overview == 3);
    CHECK(dup == 2);
  }
  SUBCASE("001: no section 六") {
    auto r = get("001_242f227b352901d6.txt");
    bool missing = false;
    for (const auto& d : r.diagnostics) missing |= d.rule == "NB0201" && d.en.find("'其他需要报告的事项'") != std::string::npos;
    CHECK(missing);
  }
  SUBCASE("004: pre2019 with an 引言") {
    auto r = get("004_6033e8794685cf3e.txt");
    CHECK(r.report.tmpl == nianbao::Template::pre2019);
    REQUIRE(!r.sections.empty());
    CHECK(r.sections.front().key == "intro");
  }
}
