// Hostile input: bytes no report should contain, sizes no report has, and
// every report cut short inside its tables. Each case must end with a result
// whose invariants hold (fuzz/harness.h: spans inside the input, bilingual
// messages, well-formed JSON) and, where one is due, the right diagnostic.
// Also replays every input in tests/fuzz_regressions/ (inputs that once
// crashed or broke an invariant; the file name's prefix names the target).
// Nothing here measures time; tools/bench does.
#include <doctest/doctest.h>
#include <nianbao/nianbao.h>
#include <sys/mman.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "../fuzz/harness.h"

namespace fs = std::filesystem;
using nianbao::Result;
using nianbao::Severity;

namespace {

const fs::path kCorpus = NIANBAO_CORPUS_DIR;
const fs::path kRegressions = kCorpus.parent_path() / "fuzz_regressions";

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::vector<fs::path> corpus_reports() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(kCorpus))
    if (e.path().extension() == ".txt" || e.path().extension() == ".html") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

const std::string& report(const char* name) {
  static std::vector<std::pair<std::string, std::string>> cache;
  for (const auto& [n, t] : cache)
    if (n == name) return t;
  cache.push_back({name, slurp(kCorpus / name)});
  return cache.back().second;
}

// 000: v2019, tab-separated tables. 102: v2021.
constexpr const char* kTsv2019 = "000_060c0ade156f5510.txt";
constexpr const char* kV2021 = "102_shanghai-bgt_2025.txt";

/// Check with the harness's invariants (both JSON flavours) and return the result.
Result checked(std::string_view bytes, bool assume_utf8 = false) {
  nianbao::Options opt;
  opt.assume_utf8 = assume_utf8;
  Result r = nianbao::check(bytes, opt);
  CHECK_MESSAGE(nianbao::fuzz::invariant_violation(r, bytes) == "", "invariant");
  for (bool utf16 : {false, true}) {
    nianbao::JsonOptions jo;
    jo.utf16 = utf16;
    std::string json = nianbao::to_json(r, jo);
    nianbao::fuzz::JsonValidator v(json);
    CHECK_MESSAGE(v.valid(), "to_json is not valid JSON/UTF-8 near byte " << v.where());
  }
  return r;
}

size_t count_rule(const Result& r, std::string_view rule) {
  return size_t(std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                              [&](const nianbao::Diagnostic& d) { return d.rule == rule; }));
}
const nianbao::Diagnostic* find_rule(const Result& r, std::string_view rule) {
  for (const auto& d : r.diagnostics)
    if (d.rule == rule) return &d;
  return nullptr;
}

std::vector<std::string> section_keys(const Result& r) {
  std::vector<std::string> k;
  for (const auto& s : r.sections) k.push_back(s.key);
  return k;
}

/// Cells and check statuses: what must not depend on the encoding.
std::string cells_and_checks(const Result& r) {
  std::string s;
  for (const auto& t : r.tables)
    for (const auto& c : t.cells) s += t.key + " " + c.key + "=" + (c.value ? c.number : "null") + "\n";
  for (const auto& c : r.checks) s += c.id + ":" + nianbao::to_string(c.status) + "\n";
  return s;
}

/// Convert UTF-8 to `charset` with ICU (the test's own encoder, not the engine's decoder).
std::string encode(const std::string& utf8, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(charset, "UTF-8", out.data(), int32_t(out.size()), utf8.data(), int32_t(utf8.size()), &err);
  REQUIRE_MESSAGE(U_SUCCESS(err), "ucnv_convert to " << charset << ": " << u_errorName(err));
  out.resize(size_t(n));
  return out;
}

std::string repeat(std::string_view unit, size_t times) {
  std::string s;
  s.reserve(unit.size() * times);
  for (size_t i = 0; i < times; ++i) s += unit;
  return s;
}

}  // namespace

TEST_SUITE("hostile") {

TEST_CASE("empty input and blank input") {
  CHECK(count_rule(checked(""), "NB0001") == 1);
  // No bytes at all, as a fuzzer or an embedder passes them: a null data pointer (UBSan caught
  // memchr on it in the line-start scan).
  CHECK(count_rule(checked(std::string_view()), "NB0001") == 1);
  CHECK(count_rule(checked(std::string_view(), true), "NB0001") == 1);
  CHECK(count_rule(checked("\n\n  \n"), "NB0001") == 1);
}

TEST_CASE("a report of only tabs") {
  Result r = checked(std::string(100000, '\t'));
  CHECK(count_rule(r, "NB0001") == 1);
  CHECK(r.sections.empty());
  CHECK(r.tables.empty());
  Result lines = checked(repeat("\t\t\t\n", 20000));
  CHECK(count_rule(lines, "NB0001") == 1);
}

TEST_CASE("invalid UTF-8 in a report: located, replaced, the report still read") {
  const std::string& clean = report(kTsv2019);
  Result base = checked(clean);
  std::string bad = clean;
  // At four line starts: a lone continuation byte, a truncated 3-byte sequence, an overlong '/', 0xFF.
  std::vector<size_t> at;
  for (size_t from : {100, 2000, 5000, 9000}) at.push_back(clean.find('\n', from) + 1);
  const char* junk[] = {"\x80", "\xE4\xB8", "\xC0\xAF", "\xFF"};
  for (int k = 3; k >= 0; --k) bad.insert(at[size_t(k)], junk[k]);
  Result r = checked(bad);
  CHECK(r.input.encoding == "utf-8");
  CHECK(count_rule(r, "NB0002") >= 4);
  // The first diagnostic points at the first bad byte.
  const nianbao::Diagnostic* d = find_rule(r, "NB0002");
  REQUIRE(d);
  CHECK(d->span.start == at[0]);
  CHECK(section_keys(r) == section_keys(base));
  // The same bytes with assume_utf8 (the page's path): same findings, no GB18030 attempt.
  Result page = checked(bad, true);
  CHECK(count_rule(page, "NB0002") >= 4);
  CHECK(page.input.encoding == "utf-8");
}

TEST_CASE("many invalid bytes: twenty listed, the rest counted") {
  std::string s = "一、总体情况\n";
  for (int i = 0; i < 500; ++i) s += "文字\xFF";
  Result r = checked(s, true);
  CHECK(count_rule(r, "NB0002") == 20);
  CHECK(count_rule(r, "NB0005") == 1);
}

TEST_CASE("GBK bytes inside UTF-8: the bad stretch is located") {
  const std::string& clean = report(kTsv2019);
  const std::string gbk = encode("（此段误用GBK编码保存）", "GBK");
  const size_t at = clean.find('\n', 3000) + 1;
  std::string mixed = clean.substr(0, at) + gbk + "\n" + clean.substr(at);
  Result r = checked(mixed);
  CHECK(r.input.encoding == "utf-8");  // one bad line does not make the whole file GB18030
  REQUIRE(count_rule(r, "NB0002") >= 1);
  for (const auto& d : r.diagnostics)
    if (d.rule == "NB0002") {
      CHECK(d.span.start >= at);
      CHECK(d.span.end <= at + gbk.size());
    }
  CHECK(section_keys(r) == section_keys(checked(clean)));
}

TEST_CASE("NUL bytes and binary junk are NB0004") {
  // NULs at the start of every 40th line.
  std::string with_nul;
  size_t first_nul = 0, line = 0;
  for (char c : report(kTsv2019)) {
    with_nul += c;
    if (c == '\n' && ++line % 40 == 0) {
      if (!first_nul) first_nul = with_nul.size();
      with_nul += '\0';
    }
  }
  REQUIRE(first_nul > 0);
  Result r = checked(with_nul);
  const nianbao::Diagnostic* d = find_rule(r, "NB0004");
  REQUIRE(d);
  CHECK(d->severity == Severity::error);
  CHECK(d->span.start == first_nul);

  std::mt19937 rng(7);
  std::string junk(300000, '\0');
  for (char& c : junk) c = char(rng());
  CHECK(count_rule(checked(junk), "NB0004") == 1);
  CHECK(count_rule(checked(std::string(4096, '\0')), "NB0004") == 1);
}

TEST_CASE("UTF-16 with a byte-order mark reads like the UTF-8 original") {
  const std::string& clean = report(kTsv2019);
  Result base = checked(clean);
  for (const char* cs : {"UTF-16LE", "UTF-16BE"}) {
    CAPTURE(cs);
    bool le = std::string_view(cs) == "UTF-16LE";
    std::string bytes = std::string(le ? "\xFF\xFE" : "\xFE\xFF", 2) + encode(clean, cs);
    Result r = checked(bytes);
    CHECK(r.input.encoding == (le ? "utf-16le" : "utf-16be"));
    CHECK(r.input.bom);
    CHECK(section_keys(r) == section_keys(base));
    CHECK(cells_and_checks(r) == cells_and_checks(base));
    // Spans point at the UTF-16 bytes of the same text.
    REQUIRE(r.sections.size() == base.sections.size());
    for (size_t i = 0; i < r.sections.size(); ++i) {
      const auto &s8 = base.sections[i].span, &s16 = r.sections[i].span;
      CHECK(bytes.substr(s16.start, s16.end - s16.start) == encode(clean.substr(s8.start, s8.end - s8.start), cs));
      CHECK(s16.line == s8.line);
    }
  }
  // An unpaired surrogate and an odd trailing byte.
  std::string broken = std::string("\xFF\xFE", 2) + encode("一、总体情况\n", "UTF-16LE") + std::string("\x00\xD8\x41\x00\x42", 5);
  CHECK(count_rule(checked(broken), "NB0009") == 1);
}

TEST_CASE("every line end reads like LF: CR LF, bare CR, VT, FF, NEL, U+2028, U+2029") {
  // A report's structure and its positions must not depend on how its lines end: old Mac
  // exports end them with bare CR, pdftotext puts FF at page breaks, some web text uses
  // U+2028 or NEL. Same sections, cells, checks; same line and column for every finding.
  for (const char* name : {kTsv2019, kV2021, "003_d54a5201509b67ef.txt"}) {
    CAPTURE(name);
    const std::string& clean = report(name);
    Result base = checked(clean);
    REQUIRE(base.sections.size() >= 5);
    for (std::string_view eol : {"\r\n", "\r", "\v", "\f", "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9"}) {
      CAPTURE(eol.size());
      CAPTURE(int(static_cast<unsigned char>(eol.back())));
      std::string bytes;
      for (char c : clean) {
        if (c == '\n') bytes += eol;
        else bytes += c;
      }
      Result r = checked(bytes);
      CHECK(r.input.lines == base.input.lines);
      CHECK(section_keys(r) == section_keys(base));
      CHECK(cells_and_checks(r) == cells_and_checks(base));
      REQUIRE(r.sections.size() == base.sections.size());
      for (size_t i = 0; i < r.sections.size(); ++i) {
        CHECK(r.sections[i].span.line == base.sections[i].span.line);
        CHECK(r.sections[i].span.column == base.sections[i].span.column);
        CHECK(r.sections[i].heading == base.sections[i].heading);
      }
      REQUIRE(r.diagnostics.size() == base.diagnostics.size());
      for (size_t i = 0; i < r.diagnostics.size(); ++i) {
        CAPTURE(base.diagnostics[i].rule);
        CHECK(r.diagnostics[i].rule == base.diagnostics[i].rule);
        CHECK(r.diagnostics[i].span.line == base.diagnostics[i].span.line);
        CHECK(r.diagnostics[i].span.column == base.diagnostics[i].span.column);
        CHECK(r.diagnostics[i].span.end_line == base.diagnostics[i].span.end_line);
      }
    }
  }
  // A break at the very end is not a line of its own; one in the middle is.
  CHECK(checked("一、总体情况\xE2\x80\xA8").input.lines == 1);
  CHECK(checked("一、总体情况\r二、主动公开政府信息情况").input.lines == 2);
  CHECK(checked("a\r\n\rb").input.lines == 3);  // CR LF is one break, the CR after it another
}

TEST_CASE("a report stored with its whitespace collapsed to one line reads like the original") {
  // Crawlers store pages as one line: every newline and tab became one space. The headings,
  // the table rows and the data rows are found again inside the line (reline.cpp).
  auto collapse = [](const std::string& s) {
    std::string out;
    for (char c : s) {
      bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';   // (\f: pdftotext's page break)
      if (space && !out.empty() && out.back() == ' ') continue;
      out += space ? ' ' : c;
    }
    return out;
  };
  // Cells and the identities' verdicts (the prose checks may read lines differently).
  auto tables = [](const Result& r) {
    std::string s;
    for (const auto& t : r.tables)
      for (const auto& c : t.cells)
        if (c.value) s += t.key + " " + c.key + "=" + c.number + "\n";
    for (const auto& c : r.checks)
      if (c.id.rfind("requests.", 0) == 0 || c.id.rfind("appeals.", 0) == 0)
        s += c.id + ":" + nianbao::to_string(c.status) + "\n";
    return s;
  };
  for (const fs::path& p : corpus_reports()) {
    CAPTURE(p.filename().string());
    const std::string& clean = report(p.filename().string().c_str());
    Result base = checked(clean);
    Result one = checked(collapse(clean));
    CHECK(one.input.lines == 1);
    // Every heading, in order: the numbered ones, and pre-2019's 引言, which is looked for
    // inside a line only as a word of its own (spaces on both sides: prose has none).
    CHECK(section_keys(one) == section_keys(base));
    // Tables whose rows and data runs keep their shape in one line: the same cells and verdicts.
    // (000: a table row whose cells are blank tabs; 100, 102, 103: markdown sub-tables of five.)
    for (const char* same : {"001_", "003_", "101_", "104_"})
      if (p.filename().string().rfind(same, 0) == 0) CHECK(tables(one) == tables(base));
  }
}

TEST_CASE("GB18030 bytes are detected, decoded and located") {
  for (const char* name : {kTsv2019, kV2021}) {
    CAPTURE(name);
    const std::string& clean = report(name);
    Result base = checked(clean);
    std::string gb = encode(clean, "GB18030");
    Result r = checked(gb);
    CHECK(r.input.encoding == "gb18030");
    const nianbao::Diagnostic* d = find_rule(r, "NB0003");
    REQUIRE(d);
    CHECK(d->severity == Severity::info);
    CHECK(section_keys(r) == section_keys(base));
    CHECK(cells_and_checks(r) == cells_and_checks(base));
    REQUIRE(r.tables.size() == base.tables.size());
    for (size_t t = 0; t < r.tables.size(); ++t)
      for (size_t c = 0; c < r.tables[t].cells.size() && c < base.tables[t].cells.size(); ++c) {
        const auto &s8 = base.tables[t].cells[c].span, &sg = r.tables[t].cells[c].span;
        CHECK(gb.substr(sg.start, sg.end - sg.start) == encode(clean.substr(s8.start, s8.end - s8.start), "GB18030"));
      }
    // The page hands over decoded text: with assume_utf8 the same bytes are invalid UTF-8, not GB18030.
    Result page = checked(gb, true);
    CHECK(page.input.encoding == "utf-8");
    CHECK(count_rule(page, "NB0002") >= 1);
  }
}

TEST_CASE("one line of 1 MB") {
  std::string line = report(kTsv2019);
  std::replace(line.begin(), line.end(), '\n', ' ');
  line = repeat(line, 1000000 / line.size() + 1).substr(0, 1000000);
  Result r = checked(line);
  CHECK(r.input.lines == 1);
  // A report with its whitespace collapsed (as crawlers store pages), a thousand times over:
  // its headings are found again inside the line (reline.cpp), every copy of them.
  CHECK(section_keys(r).size() >= 6);
  CHECK(count_rule(r, "NB0202") >= 1);  // the repeated headings are duplicates
  // Clauses with no sentence end, and the same without any punctuation.
  Result commas = checked(repeat("本年新收政府信息公开申请12件，", 1000000 / 45));
  CHECK(commas.input.lines == 1);
  // The same as the body of a section, where the narrative checks read it.
  Result body = checked("2020年政府信息公开工作年度报告\n一、总体情况\n" + repeat("本年新收政府信息公开申请12件，", 1000000 / 45) +
                        "\n三、收到和处理政府信息公开申请情况\n");
  CHECK(body.sections.size() == 2);
  Result digits = checked(std::string(1000000, '7'));
  CHECK(count_rule(digits, "NB0007") == 1);
}

TEST_CASE("100,000 tiny lines") {
  Result r = checked(repeat("1\n", 100000));
  CHECK(r.input.lines == 100000);
  CHECK(count_rule(r, "NB0007") == 1);
  checked(repeat("x\r", 100000));
  checked(repeat("\r\n", 100000));
}

TEST_CASE("10,000 table-like lines") {
  std::string s = "三、收到和处理政府信息公开申请情况\n";
  const char* labels[] = {"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
                          "（七）总计", "四、结转下年度继续办理"};
  for (int i = 0; i < 10000; ++i) {
    s += labels[i % 5];
    for (int c = 0; c < 7; ++c) s += "\t" + std::to_string((i * 7 + c) % 50);
    s += "\n";
  }
  Result r = checked(s);
  REQUIRE(r.table("requests"));
  CHECK(r.table("requests")->find("new_received/natural"));
  // Pipes and one cell per line, 10,000 lines each.
  checked(repeat("| 本年新收 | 1 | 2 | 3 |\n", 10000));
  checked("三、收到和处理政府信息公开申请情况\n本年新收\n" + repeat("\t5\n", 10000));
}

TEST_CASE("a heading repeated 10,000 times") {
  Result r = checked(repeat("一、总体情况\n", 10000));
  CHECK(r.sections.size() == 10000);
  CHECK(count_rule(r, "NB0202") == 9999);  // every copy after the first
  CHECK(count_rule(r, "NB0201") >= 1);     // and the other sections are missing
}

TEST_CASE("numbers with 400 digits") {
  const std::string big(400, '9');
  Result r = checked("三、收到和处理政府信息公开申请情况\n本年新收\t" + big + "\t" + big + "\n共收到申请" + big + "件。\n");
  CHECK(r.input.lines == 3);
  checked(repeat(big + "\n", 200));
  checked(repeat(big + "\t", 200));
  checked("四、政府信息公开行政复议、行政诉讼情况\n维持\t纠正\t尚未审结\n" + repeat(big + "\t", 15) + "\n");
}

// A table cell of 400 digits is reported at the cell (fixed in the core: a long
// digit run is read as a glued row and the recovery says it cannot be split).
TEST_CASE("a 400-digit table cell is reported") {
  std::string s = report(kTsv2019);
  const std::string big(400, '9');
  size_t row = s.find("本年新收");
  REQUIRE(row != std::string::npos);
  size_t tab = s.find('\t', row);
  size_t end = s.find_first_of("\t\n", tab + 1);
  s.replace(tab + 1, end - tab - 1, big);
  Result r = checked(s);
  bool located = false;
  for (const auto& d : r.diagnostics)
    located |= d.span.start <= tab + 1 && d.span.end >= tab + 1 + big.size();
  CHECK(located);
}

TEST_CASE("inputs over the size limit are refused, not read") {
  // 1 GiB + 1 of untouched anonymous memory: nothing is resident, nothing is read.
  const size_t size = (size_t(1) << 30) + 1;
  void* p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  REQUIRE(p != MAP_FAILED);
  Result r = nianbao::check(std::string_view(static_cast<const char*>(p), size));
  munmap(p, size);
  const nianbao::Diagnostic* d = find_rule(r, "NB0008");
  REQUIRE(d);
  CHECK(d->severity == Severity::error);
  CHECK(r.input.bytes == size);
  CHECK(r.sections.empty());
}

TEST_CASE("50 MB of report text") {
  std::string big;
  big.reserve(50u << 20);
  std::vector<std::string> texts;
  for (const auto& p : corpus_reports())
    if (p.extension() == ".txt") texts.push_back(slurp(p));
  while (big.size() < (50u << 20))
    for (const auto& t : texts) big += t;
  Result r = checked(big);
  CHECK(r.input.bytes == big.size());
  CHECK(r.sections.size() > 1000);
  CHECK(count_rule(r, "NB0202") > 0);  // the same headings over and over
}

TEST_CASE("every corpus report cut at 20 points inside its tables") {
  for (const auto& path : corpus_reports()) {
    CAPTURE(path.filename().string());
    const std::string text = slurp(path);
    Result full = checked(text);
    if (full.tables.empty()) continue;
    uint32_t lo = UINT32_MAX, hi = 0;
    for (const auto& t : full.tables) {
      lo = std::min(lo, t.span.start);
      hi = std::max(hi, t.span.end);
    }
    REQUIRE(hi > lo);
    for (int k = 0; k < 20; ++k) {
      size_t cut = lo + size_t(hi - lo) * size_t(k) / 19;
      CAPTURE(cut);
      Result r = checked(std::string_view(text).substr(0, cut));
      // A report that stops inside its tables is incomplete, and says so.
      CHECK(r.count(Severity::error) + r.count(Severity::warning) > 0);
      CHECK(r.sections.size() <= full.sections.size());
    }
  }
}

TEST_CASE("fuzz regressions replay clean") {
  if (!fs::exists(kRegressions)) return;
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(kRegressions)) {
    std::string name = e.path().filename().string();
    if (name == "README.md") continue;
    CAPTURE(name);
    std::string bytes = slurp(e.path());
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    std::string problem = name.rfind("tables-", 0) == 0 ? nianbao::fuzz::tables_target(data, bytes.size())
                                                          : nianbao::fuzz::check_target(data, bytes.size());
    CHECK(problem == "");
    ++n;
  }
  MESSAGE(n << " fuzz regression inputs replayed");
}

}  // TEST_SUITE
