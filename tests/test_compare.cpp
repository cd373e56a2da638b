// Cross-year comparison (core/src/compare.cpp): pairs built from real corpus
// reports. "Next year" is the same report with its year moved on and its 表三
// 上年结转 row edited to match, or not match, the original's 结转下年度 row.
#include <doctest/doctest.h>
#include <nianbao/nianbao.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using namespace nianbao;

namespace {

std::string corpus(std::string_view prefix) {
  for (const auto& e : fs::directory_iterator(NIANBAO_CORPUS_DIR)) {
    std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && e.path().extension() != ".expect") {
      std::ifstream f(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << f.rdbuf();
      return ss.str();
    }
  }
  FAIL("no corpus file " << prefix);
  return {};
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

std::string replace_once(std::string s, std::string_view from, std::string_view to) {
  size_t at = s.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "not in the report: " << from);
  s.replace(at, from.size(), to);
  return s;
}

Result run(const std::string& text, const char* name) {
  Options o;
  o.file = name;
  return check(text, o);
}

const CompareCheck* find(const CompareResult& c, std::string_view id) {
  for (const auto& k : c.checks)
    if (k.id == id) return &k;
  return nullptr;
}

Status status(const CompareResult& c, std::string_view id) {
  const CompareCheck* k = find(c, id);
  REQUIRE_MESSAGE(k, "no check " << id);
  return k->status;
}

size_t count(const CompareResult& c, std::string_view rule) {
  size_t n = 0;
  for (const auto& d : c.diagnostics) n += d.rule == rule;
  return n;
}

const CompareDiagnostic* first(const CompareResult& c, std::string_view rule) {
  for (const auto& d : c.diagnostics)
    if (d.rule == rule) return &d;
  return nullptr;
}

// 102: 上海市人民政府办公厅 2025 (v2021), markdown tables.
constexpr const char* kCarriedOver102 = "| 二、上年结转政府信息公开申请数量 | 170 | 15 | 0 | 0 | 4 | 0 | 189 |";
constexpr const char* kCarryMatching102 = "| 二、上年结转政府信息公开申请数量 | 290 | 3 | 0 | 0 | 0 | 0 | 293 |";

constexpr const char* kColumns[] = {"natural", "commercial", "research", "social", "legal", "other_org", "total"};

}  // namespace

TEST_CASE("compare: next year's 上年结转 equals last year's 结转下年度") {
  const std::string last = corpus("102_");
  const std::string next = replace_once(replace_all(last, "2025", "2026"), kCarriedOver102, kCarryMatching102);
  Result a = run(last, "2025.txt"), b = run(next, "2026.txt");
  REQUIRE(a.report.year == 2025);
  REQUIRE(b.report.year == 2026);
  CompareResult c = compare(a, b);
  CHECK(status(c, "compare.consecutive") == Status::pass);
  CHECK(status(c, "compare.same_body") == Status::pass);
  for (const char* col : kColumns) {
    INFO(col);
    const CompareCheck* k = find(c, std::string("compare.carry/") + col);
    REQUIRE(k);
    CHECK(k->status == Status::pass);
    REQUIRE(k->cells.size() == 2);
    CHECK(k->cells[0] == std::string("carried_over/") + col);
    CHECK(k->cells[1] == std::string("carried_forward/") + col);
    CHECK(k->cell_files == std::vector<Which>{Which::current, Which::last});
  }
  CHECK(find(c, "compare.carry/total")->lhs == 293);
  CHECK(find(c, "compare.carry/total")->rhs == 293);
  CHECK(count(c, "NB0901") == 0);
  CHECK(c.count(Severity::error) == 0);
  CHECK(c.last.file == "2025.txt");
  CHECK(c.cur.file == "2026.txt");
}

TEST_CASE("compare: 上年结转 not carried from last year fails per column, located in both files") {
  const std::string last = corpus("102_");
  const std::string next = replace_all(last, "2025", "2026");  // 上年结转 left at 170 15 0 0 4 0 189
  Result a = run(last, "2025.txt"), b = run(next, "2026.txt");
  CompareResult c = compare(a, b);
  // 170≠290, 15≠3, 4≠0, 189≠293; research, social, other_org are 0 in both.
  for (const char* col : {"natural", "commercial", "legal", "total"}) CHECK(status(c, std::string("compare.carry/") + col) == Status::fail);
  for (const char* col : {"research", "social", "other_org"}) CHECK(status(c, std::string("compare.carry/") + col) == Status::pass);
  CHECK(count(c, "NB0901") == 4);
  CHECK(c.count(Severity::error) == 4);

  const CompareDiagnostic* d = nullptr;
  for (const auto& x : c.diagnostics)
    if (x.check == "compare.carry/total") d = &x;
  REQUIRE(d);
  CHECK(d->rule == "NB0901");
  CHECK(d->severity == Severity::error);
  CHECK(d->file == Which::current);
  // The span is this year's 上年结转 / 总计 cell; the related location is last year's 结转下年度 / 总计.
  const Cell* here = b.table("requests")->find("carried_over/total");
  const Cell* there = a.table("requests")->find("carried_forward/total");
  REQUIRE(here);
  REQUIRE(there);
  CHECK(d->span.start == here->span.start);
  CHECK(next.substr(d->span.start, d->span.end - d->span.start) == "189");
  REQUIRE(d->related.size() == 1);
  CHECK(d->related_files == std::vector<Which>{Which::last});
  CHECK(d->related[0].span.start == there->span.start);
  CHECK(last.substr(d->related[0].span.start, d->related[0].span.end - d->related[0].span.start) == "293");
  // Both numbers and the difference, in both languages.
  for (const std::string* m : {&d->zh, &d->en}) {
    CHECK(m->find("189") != std::string::npos);
    CHECK(m->find("293") != std::string::npos);
    CHECK(m->find("104") != std::string::npos);
  }
  CHECK(d->zh.find("结转下年度") != std::string::npos);
  CHECK(d->en.find("carried forward") != std::string::npos);
}

TEST_CASE("compare: the same body under a longer name; a different body") {
  const std::string last = corpus("000_");  // 殿前街道办事处 2020 (v2019, tab-separated)
  const char* title = "殿前街道办事处 2020年政府信息公开工作年度报告";
  std::string longer = replace_all(replace_once(last, title, "湖里区人民政府殿前街道办事处 2021年政府信息公开工作年度报告"),
                                   "2020年", "2021年");
  std::string other = replace_all(replace_once(last, title, "梁园区前进街道办事处 2021年政府信息公开工作年度报告"),
                                  "2020年", "2021年");
  Result a = run(last, "a"), b = run(longer, "b"), x = run(other, "x");
  REQUIRE(b.report.org.find("湖里区") != std::string::npos);
  CompareResult same = compare(a, b);
  CHECK(status(same, "compare.same_body") == Status::pass);
  CHECK(status(same, "compare.consecutive") == Status::pass);
  CHECK(count(same, "NB0903") == 0);
  // The carried rows are all 0 in 000: carried over equals carried forward.
  for (const char* col : kColumns) CHECK(status(same, std::string("compare.carry/") + col) == Status::pass);

  CompareResult diff = compare(a, x);
  CHECK(status(diff, "compare.same_body") == Status::fail);
  REQUIRE(count(diff, "NB0903") == 1);
  const CompareDiagnostic* d = first(diff, "NB0903");
  CHECK(d->severity == Severity::warning);
  CHECK(d->file == Which::current);
  CHECK(d->zh.find("梁园区前进街道办事处") != std::string::npos);
  CHECK(d->zh.find(a.report.org) != std::string::npos);
  REQUIRE(d->related.size() == 1);
  CHECK(d->related_files[0] == Which::last);
  // Spaces inside a name do not make another body.
  std::string spaced = replace_all(replace_once(last, title, "殿 前 街 道 办 事 处 2021年政府信息公开工作年度报告"), "2020年",
                                   "2021年");
  CHECK(status(compare(a, run(spaced, "s")), "compare.same_body") == Status::pass);
}

TEST_CASE("compare: years not consecutive, or the files in the wrong order") {
  const std::string last = corpus("102_");
  const std::string later = replace_all(last, "2025", "2027");  // carried rows do not match either
  Result a = run(last, "2025.txt"), b = run(later, "2027.txt");
  REQUIRE(b.report.year == 2027);
  CompareResult c = compare(a, b);
  CHECK(status(c, "compare.consecutive") == Status::fail);
  CHECK(find(c, "compare.consecutive")->lhs == 2027);
  CHECK(find(c, "compare.consecutive")->rhs == 2026);
  REQUIRE(count(c, "NB0904") == 1);
  CHECK(first(c, "NB0904")->severity == Severity::warning);
  CHECK(first(c, "NB0904")->zh.find("2027") != std::string::npos);
  // The carry identity only links consecutive years: not evaluated, so no NB0901.
  for (const char* col : kColumns) CHECK(status(c, std::string("compare.carry/") + col) == Status::skip);
  CHECK(count(c, "NB0901") == 0);
  CHECK(count(c, "NB0905") == 0);  // NB0904 already says why

  const std::string next = replace_all(last, "2025", "2026");
  CompareResult swapped = compare(run(next, "2026.txt"), a);
  CHECK(status(swapped, "compare.consecutive") == Status::fail);
  REQUIRE(first(swapped, "NB0904"));
  CHECK(first(swapped, "NB0904")->zh.find("顺序") != std::string::npos);
  CHECK(first(swapped, "NB0904")->en.find("order") != std::string::npos);

  CompareResult same_year = compare(a, a);
  CHECK(status(same_year, "compare.consecutive") == Status::fail);
}

TEST_CASE("compare: v2021 in-force counts continue (issued − repealed)") {
  const std::string last = corpus("100_");  // 行政规范性文件 6 | 1 | 32, 规章 0 | 0 | 0
  const char* row = "| 行政规范性文件 | 6 | 1 | 32 |";
  // Next year: 上年结转 = this year's 结转下年度 (31), so only the in-force counts differ.
  const std::string base = replace_once(replace_all(last, "2025", "2026"),
                                        "| 上年结转政府信息公开申请数量 | 36 | 0 | 0 | 0 | 0 | 0 | 36 |",
                                        "| 上年结转政府信息公开申请数量 | 31 | 0 | 0 | 0 | 0 | 0 | 31 |");
  Result a = run(last, "2025.txt");
  REQUIRE(a.report.tmpl == Template::v2021);

  CompareResult ok = compare(a, run(replace_once(base, row, "| 行政规范性文件 | 4 | 2 | 34 |"), "ok.txt"));
  CHECK(status(ok, "compare.in_force/normative_docs") == Status::pass);
  CHECK(status(ok, "compare.in_force/rules") == Status::pass);
  CHECK(find(ok, "compare.in_force/normative_docs")->rhs == 34);
  CHECK(count(ok, "NB0902") == 0);

  const std::string bad_text = replace_once(base, row, "| 行政规范性文件 | 4 | 2 | 40 |");
  CompareResult bad = compare(a, run(bad_text, "bad.txt"));
  const CompareCheck* k = find(bad, "compare.in_force/normative_docs");
  REQUIRE(k);
  CHECK(k->status == Status::fail);
  CHECK(k->lhs == 40);
  CHECK(k->rhs == 34);
  CHECK(k->cell_files == std::vector<Which>{Which::current, Which::last, Which::current, Which::current});
  REQUIRE(count(bad, "NB0902") == 1);
  const CompareDiagnostic* d = first(bad, "NB0902");
  CHECK(d->severity == Severity::warning);  // soft: amendments change the count too
  CHECK(d->file == Which::current);
  CHECK(bad_text.substr(d->span.start, d->span.end - d->span.start) == "40");
  CHECK(d->related_files == std::vector<Which>{Which::last, Which::current, Which::current});
  CHECK(last.substr(d->related[0].span.start, d->related[0].span.end - d->related[0].span.start) == "32");
  for (const char* n : {"40", "32", "34", "6"}) CHECK(d->zh.find(n) != std::string::npos);
  CHECK(status(bad, "compare.carry/total") == Status::pass);
  CHECK(bad.count(Severity::error) == 0);
}

TEST_CASE("compare: in-force continuity needs two v2021 reports") {
  Result v2019 = run(corpus("000_"), "2020.txt");  // v2019, 2020
  Result v2021 = run(replace_all(corpus("000_"), "2020年", "2021年"), "2021.txt");
  REQUIRE(v2019.report.tmpl == Template::v2019);
  CompareResult c = compare(v2019, v2021);
  // 000 keeps its v2019 tables when relabelled 2021: there are no in-force counts to continue.
  REQUIRE(v2021.report.tmpl == Template::v2019);
  CHECK(find(c, "compare.in_force/rules") == nullptr);
  CHECK(c.checks.size() == 2 + 7);

  Result v2021_real = run(corpus("100_"), "2025.txt");
  CompareResult mixed = compare(v2019, v2021_real);
  CHECK(status(mixed, "compare.in_force/rules") == Status::skip);
  CHECK(status(mixed, "compare.in_force/normative_docs") == Status::skip);
  CHECK(count(mixed, "NB0905") == 0);  // 2020 → 2025: not consecutive, NB0904 covers every skipped identity

  // 2020 (v2019) → 2021 (v2021): consecutive, but last year printed no 现行有效件数.
  Result v2021_next = run(replace_all(corpus("100_"), "2025", "2021"), "2021.txt");
  REQUIRE(v2021_next.report.tmpl == Template::v2021);
  REQUIRE(v2021_next.report.year == 2021);
  CompareResult next = compare(v2019, v2021_next);
  CHECK(status(next, "compare.consecutive") == Status::pass);
  CHECK(status(next, "compare.in_force/rules") == Status::skip);
  CHECK(status(next, "compare.in_force/normative_docs") == Status::skip);
  REQUIRE(count(next, "NB0905") == 1);
  const CompareDiagnostic* d = first(next, "NB0905");
  CHECK(d->file == Which::last);
  CHECK(d->severity == Severity::info);
  CHECK(d->zh.find("v2019") != std::string::npos);
  CHECK(d->en.find("2021 template") != std::string::npos);
}

TEST_CASE("compare: a blank or missing operand skips the check and says where") {
  // 103 (上海市科委 2024) prints 结转下年度 / 总计 blank.
  const std::string last = corpus("103_");
  Result a = run(last, "2024.txt");
  const Cell* blank = a.table("requests")->find("carried_forward/total");
  REQUIRE(blank);
  REQUIRE_FALSE(blank->value);
  CompareResult c = compare(a, run(replace_all(last, "2024", "2025"), "2025.txt"));
  CHECK(status(c, "compare.consecutive") == Status::pass);
  CHECK(status(c, "compare.carry/total") == Status::skip);
  CHECK(status(c, "compare.carry/natural") != Status::skip);
  const CompareDiagnostic* d = nullptr;
  for (const auto& x : c.diagnostics)
    if (x.rule == "NB0905" && x.file == Which::last) d = &x;
  REQUIRE(d);
  CHECK(d->severity == Severity::info);
  CHECK(d->span.start == blank->span.start);
  CHECK(d->zh.find("上年报告") != std::string::npos);
  CHECK(d->en.find("total") != std::string::npos);

  // No 表三 at all in this year's text: every carry check skipped, one note.
  std::string cut = replace_all(last, "2024", "2025");
  size_t at = cut.find("收到和处理政府信息公开申请情况");
  REQUIRE(at != std::string::npos);
  cut.resize(at);
  CompareResult none = compare(a, run(cut, "cut.txt"));
  for (const char* col : kColumns) CHECK(status(none, std::string("compare.carry/") + col) == Status::skip);
  size_t notes = 0;
  for (const auto& x : none.diagnostics) notes += x.rule == "NB0905" && x.file == Which::current;
  CHECK(notes == 1);
}

TEST_CASE("compare: unknown years and bodies skip; bad input never throws") {
  Result empty = check("");
  Result junk = check(std::string("\0\x01\x02garbage", 10));
  Result real = check(corpus("000_"));
  for (const Result* a : {&empty, &junk, &real})
    for (const Result* b : {&empty, &junk, &real}) {
      if (a == &real && b == &real) continue;
      CompareResult c;
      CHECK_NOTHROW(c = compare(*a, *b));
      CHECK(status(c, "compare.consecutive") == Status::skip);
      CHECK(status(c, "compare.same_body") == Status::skip);
      CHECK(c.count(Severity::error) == 0);
      CHECK(to_json(c).rfind("{\"schema\":\"nianbao-compare/1\"", 0) == 0);
    }
}

TEST_CASE("compare: JSON names the file of every location; compare_json is the same pipeline") {
  const std::string last = corpus("102_");
  const std::string next = replace_all(last, "2025", "2026");
  Options o;
  o.assume_utf8 = true;
  CompareResult c = compare(check(last, o), check(next, o));
  std::string json = to_json(c);
  CHECK(json.rfind("{\"schema\":\"nianbao-compare/1\"", 0) == 0);
  CHECK(json.find("\"last\":{\"file\":\"\"") != std::string::npos);
  CHECK(json.find("\"this\":{\"file\":\"\"") != std::string::npos);
  CHECK(json.find("\"rule\":\"NB0901\",\"name\":\"carry-mismatch\",\"severity\":\"error\",\"file\":\"this\"") !=
        std::string::npos);
  CHECK(json.find("\"related\":[{\"file\":\"last\"") != std::string::npos);
  CHECK(json.find("\"cell_files\":[\"this\",\"last\"]") != std::string::npos);
  CHECK(json.find("\"summary\":{\"errors\":4,") != std::string::npos);
  CHECK(json.find("start16") == std::string::npos);
  CHECK(compare_json(last, next) == json);
  JsonOptions utf16;
  utf16.utf16 = true;
  CHECK(compare_json(last, next, utf16).find("start16") != std::string::npos);
}
