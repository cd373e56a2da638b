// Expectations in the statement format of tests/corpus/README.md, shared by the corpus
// (one .expect file per report) and the spec examples (tests/spec/*.txt, after the '.').
#pragma once
#include <doctest/doctest.h>
#include <nianbao/nianbao.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace expect {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline std::string strip(std::string s) {
  size_t h = s.find('#');
  if (h != std::string::npos) s.resize(h);
  size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

inline std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

struct Expect {
  std::optional<std::string> tmpl, year, sections;
  std::vector<std::string> orgs;
  struct CellE { std::string table, key, value; int line; };
  std::vector<CellE> cells;
  std::vector<std::pair<std::string, std::string>> checks;  // id or prefix* → status
  std::vector<std::string> absent;                           // "table row/col" that must not be read
  std::vector<CellE> by;                                     // "by table row/col = label|order|split|html"
  int statements = 0;
};

/// Parses statements; `first_line` numbers the lines in messages (a spec example's offset).
inline Expect parse(const std::string& text, int first_line = 1) {
  Expect e;
  std::istringstream in(text);
  int n = first_line - 1;
  for (std::string raw; std::getline(in, raw);) {
    ++n;
    std::string line = strip(raw);
    if (line.empty()) continue;
    ++e.statements;
    auto lw0 = words(line);
    if (lw0.size() == 4 && lw0[0] == "no" && lw0[1] == "cell") {  // "no cell requests total/natural"
      e.absent.push_back(lw0[2] + " " + lw0[3]);
      continue;
    }
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
      // The tables whose every cell the file states (tools/truth-verify.mjs checks that).
    } else if (lw.size() == 3 && lw[0] == "cell") e.cells.push_back({lw[1], lw[2], rhs, n});
    else if (lw.size() == 3 && lw[0] == "by") e.by.push_back({lw[1], lw[2], rhs, n});
    else if (lw.size() == 2 && lw[0] == "check") e.checks.push_back({lw[1], rhs});
    else FAIL("line " << n << ": unknown statement: " << line);
  }
  return e;
}

/// What a result gets wrong against the statements.
struct Misses {
  std::vector<std::string> all;          // one line per statement that does not hold
  std::vector<std::string> false_fails;  // checks the engine fails where the truth says pass or skip
};

inline std::string fmt_value(const nianbao::Cell* c) {
  if (!c) return "absent";
  if (!c->value) return "empty";
  return c->number;
}

/// Compares a result with the statements.
inline Misses compare(const nianbao::Result& r, const Expect& e) {
  Misses m;
  auto miss = [&](std::string s) { m.all.push_back(std::move(s)); };
  if (e.tmpl && std::string(nianbao::to_string(r.report.tmpl)) != *e.tmpl)
    miss("template: want " + *e.tmpl + ", got " + nianbao::to_string(r.report.tmpl));
  if (e.year && std::to_string(r.report.year) != *e.year)
    miss("year: want " + *e.year + ", got " + std::to_string(r.report.year));
  if (!e.orgs.empty()) {
    bool org_ok = false;
    for (const auto& o : e.orgs) org_ok |= o == r.report.org;
    if (!org_ok) miss("org: want " + e.orgs.front() + ", got '" + r.report.org + "'");
  }
  if (e.sections) {
    std::string secs;
    for (const auto& s : r.sections) secs += (secs.empty() ? "" : " ") + s.key;
    if (secs != *e.sections) miss("sections: want [" + *e.sections + "], got [" + secs + "]");
  }
  for (const auto& c : e.cells) {
    const nianbao::Table* t = r.table(c.table);
    const nianbao::Cell* cell = t ? t->find(c.key) : nullptr;
    bool ok = c.value == "null" ? cell && !cell->value
                                : cell && cell->value && std::fabs(*cell->value - std::stod(c.value)) < 1e-6;
    if (!ok)
      miss("line " + std::to_string(c.line) + ": cell " + c.table + " " + c.key + ": want " + c.value + ", got " +
           (t ? fmt_value(cell) : "no table"));
  }
  for (const auto& b : e.by) {
    const nianbao::Table* t = r.table(b.table);
    const nianbao::Cell* cell = t ? t->find(b.key) : nullptr;
    if (!cell || cell->by != b.value)
      miss("line " + std::to_string(b.line) + ": by " + b.table + " " + b.key + ": want " + b.value + ", got " +
           (cell ? cell->by : "no cell"));
  }
  for (const auto& a : e.absent) {
    auto w = words(a);
    const nianbao::Table* t = r.table(w[0]);
    if (t && t->find(w[1])) miss("no cell " + a + ": got " + fmt_value(t->find(w[1])));
  }
  // Checks: exact ids first, then the longest matching glob.
  std::map<std::string, std::string> exact;
  std::vector<std::pair<std::string, std::string>> globs;
  for (const auto& [id, st] : e.checks) {
    if (!id.empty() && id.back() == '*') globs.push_back({id.substr(0, id.size() - 1), st});
    else exact[id] = st;
  }
  auto verdict = [&](const std::string& id, const std::string& want, const nianbao::Check* got) {
    std::string g = got ? nianbao::to_string(got->status) : "absent";
    if (g == want) return;
    miss("check " + id + ": want " + want + ", got " + g);
    if (g == "fail") m.false_fails.push_back(id);
  };
  for (const auto& [id, st] : exact) {
    const nianbao::Check* found = nullptr;
    for (const auto& c : r.checks) if (c.id == id) found = &c;
    verdict(id, st, found);
  }
  for (const auto& c : r.checks) {
    if (exact.count(c.id)) continue;
    const std::pair<std::string, std::string>* best = nullptr;
    for (const auto& g : globs)
      if (c.id.compare(0, g.first.size(), g.first) == 0 && (!best || g.first.size() > best->first.size())) best = &g;
    if (best) verdict(c.id, best->second, &c);
  }
  return m;
}

/// Every miss is a test failure.
inline void require_all(const Misses& m) {
  for (const auto& s : m.all) FAIL_CHECK(s);
}

}  // namespace expect
