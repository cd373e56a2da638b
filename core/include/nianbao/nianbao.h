// nianbao-check: a validator for Chinese government information-disclosure
// annual reports (政府信息公开工作年度报告).
//
// # One public header
//
// The whole engine is one call:
//
//     nianbao::Result r = nianbao::check(bytes, options);
//     std::string json  = nianbao::to_json(r);          // schema "nianbao-check/1"
//
// `check` takes the raw bytes a user pasted or a file held (any encoding, any
// damage) and never throws for bad input: every problem becomes a located
// diagnostic. The core does no I/O, starts no threads and knows nothing of
// Emscripten; the CLI (tools/) and the wasm binding (wasm/) are thin shells.
//
// # Positions
//
// Every `Span` points into the ORIGINAL input: `start`/`end` are byte offsets
// (half-open), `line`/`column` are 1-based and columns count Unicode code points
// of the decoded text, `start16`/`end16` are UTF-16 code-unit offsets into the
// decoded text (what a JavaScript string index is).
#ifndef NIANBAO_NIANBAO_H
#define NIANBAO_NIANBAO_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao {

/// Library version, also printed by `nianbao --version` and the page footer.
const char* version();

/// Output schema id of `to_json` (`../shared/spec/contract.md`).
inline constexpr const char* kSchema = "nianbao-check/1";

enum class Severity : uint8_t { error, warning, info };
enum class Status : uint8_t { pass, fail, skip };
/// Template generation of a report (contract `report.template`).
enum class Template : uint8_t { unknown, pre2019, v2019, v2021 };
enum class Lang : uint8_t { zh, en };

const char* to_string(Severity);
const char* to_string(Status);
const char* to_string(Template);

/// A located range of the original input. See "Positions" above.
struct Span {
  uint32_t start = 0, end = 0;     // byte offsets into the original input
  uint32_t line = 0, column = 0;   // 1-based; column in code points (0 = unset)
  uint32_t end_line = 0, end_column = 0;
  uint32_t start16 = 0, end16 = 0; // UTF-16 offsets into the decoded text
};

struct InputInfo {
  uint64_t bytes = 0;
  uint32_t lines = 0;
  std::string encoding = "utf-8";  // utf-8 | utf-16le | utf-16be | gb18030
  bool bom = false;                // a byte-order mark was present (and skipped)
  bool html = false;               // input was HTML markup and was read as such
};

struct ReportInfo {
  int year = 0;                    // 0: unknown (JSON null)
  std::string org;                 // reporting body; empty: unknown (JSON null)
  Template tmpl = Template::unknown;
  std::string title;               // the title line as printed, if found
  std::optional<Span> title_span;
  std::optional<Span> org_span;
};

/// One detected top-level section heading (a heading printed twice gives two).
struct Section {
  std::string key;                 // overview, proactive, … (contract section keys)
  int number = 0;                  // the printed numeral (一 = 1 …); 0 if none
  std::string heading;             // the heading text as printed (trimmed)
  Span span;                       // the heading itself
  uint32_t body_start = 0, body_end = 0;  // original-byte range of its body
};

/// One table cell. `value` is empty when the cell is present but blank.
struct Cell {
  std::string key;                 // "<row>/<column>" (contract cell keys)
  std::optional<double> value;
  std::string number;              // canonical number text ("16", "89902.19"); empty if blank
  std::string raw;                 // the cell text as printed (may carry a unit: "89902.19元")
  Span span;
  /// How the cell was placed: "label" (beside its printed row label), "html" (by the
  /// row and column of an HTML table), "order" (by the template's order: values printed
  /// apart from their label, or a table with no row labels such as 表四), "split" (cut out
  /// of a glued run of digits by the identities, docs/recovery.md).
  std::string by = "label";
};

struct Table {
  std::string key;                 // proactive | requests | appeals
  std::string layout;              // tsv | cell-per-line | pipe | markdown | html | glued
  Span span;
  std::vector<Cell> cells;         // in template order
  bool recovered = false;          // cells were recovered from glued digit runs (see rules.md)
  /// The generation whose rows and columns the cell keys follow: the table's own shape where it
  /// tells (a 2023 report may print 表二 in the 2021 columns and 表三 in the 2019 rows), else
  /// the report's template.
  Template tmpl = Template::unknown;
  const Cell* find(std::string_view key) const;
};

struct Check {
  std::string id;                  // e.g. "requests.balance/total"
  Status status = Status::skip;
  std::optional<double> lhs, rhs;
  std::vector<std::string> cells;  // cell keys of the operands, lhs first
  std::string formula;             // e.g. "new_received + carried_over = total + carried_forward"
  bool used_for_recovery = false;  // this identity was used to recover glued cells
  /// Operand cells printed blank that the check counted as 0 (the template asks for 0
  /// where nothing happened). A check whose every cell on one side is blank is skipped.
  std::vector<std::string> blank_as_zero;
};

/// A secondary location of a diagnostic (an operand cell, the other copy…).
struct Related {
  Span span;
  std::string label;               // as the report prints it: "表三「（七）总计」行「总计」列 = 38"
  std::string cell = {};           // the cell's key, if the location is a cell: "total/total"
};

/// The value one cell would need for every identity of its table to hold.
struct Suggestion {
  std::string table;               // requests | appeals
  std::string cell;                // "granted/natural"
  std::string label_zh, label_en;  // the cell as the report prints it
  double printed = 0;              // the value printed (a blank cell: 0)
  double value = 0;                // the value that makes the table's identities hold
  Span span;                       // the cell in the text
};

struct Diagnostic {
  std::string rule;                // stable id, e.g. "NB0301"
  Severity severity = Severity::warning;
  Span span;
  std::string zh, en;              // message: first sentence stands alone
  std::string check;               // related check id, if any
  std::vector<Related> related;
  /// The findings this one is the cause of, folded under it (one level deep):
  /// the checks a missing table cell kept from running, the identities one wrong
  /// cell breaks. Result::diagnostics holds the causes only.
  std::vector<Diagnostic> items;
  std::optional<Suggestion> suggest;
};

struct Result {
  std::string file;                // as given in Options (JSON `file`)
  InputInfo input;
  ReportInfo report;
  std::vector<Section> sections;
  std::vector<Table> tables;
  std::vector<Check> checks;
  std::vector<Diagnostic> diagnostics;
  const Table* table(std::string_view key) const;
  size_t count(Severity) const;
};

struct Options {
  std::string file;                // reported back in Result::file
  /// Input known to be decoded already (the page passes a JS string as UTF-8):
  /// skip encoding detection and treat the bytes as UTF-8.
  bool assume_utf8 = false;
};

/// Check one report. Never throws on bad input; bounded time and memory.
Result check(std::string_view bytes, const Options& options = {});

struct JsonOptions {
  bool utf16 = false;              // add start16/end16 to every span (the page)
  bool pretty = false;             // indent (single-line otherwise, for JSON Lines)
};
/// Serialize per the contract (schema nianbao-check/1).
std::string to_json(const Result&, const JsonOptions& = {});

/// One entry of the rule catalog. Messages are templates: {name} marks a value
/// filled in per finding. docs/rules.md has an example for every rule.
struct RuleDoc {
  std::string id;                  // stable, never renumbered: "NB0301"
  std::string name;                // short kebab name: "requests-balance"
  Severity severity;               // default severity
  std::string zh, en;              // message templates
};
/// Every diagnostic the engine can emit, in id order (for SARIF rules, docs, UIs).
std::vector<RuleDoc> rule_catalog();

/// The templates as JSON, for renderers that draw the tables in the template's
/// layout: {"v2019": {"sections": [{key, number, heading}], "tables": {"requests":
/// {"rows": [{key, label, group}], "columns": [{key, label, group}]}, …}}, "v2021": …}.
std::string templates_json();

// ─────────────────────────── Cross-year comparison ───────────────────────────
//
// Two reports of one body for consecutive years must agree where the template
// carries numbers over (../shared/spec/templates.md, "Identities"):
//
//     nianbao::Result last = nianbao::check(last_bytes), cur = nianbao::check(this_bytes);
//     nianbao::CompareResult c = nianbao::compare(last, cur);
//     std::string json = nianbao::to_json(c);      // schema "nianbao-compare/1"
//
// Checks: compare.carry/<col> (this year's 上年结转 = last year's 结转下年度),
// compare.in_force/<row> (v2021: 现行有效件数 continues), compare.same_body,
// compare.consecutive. Spans point into the report named by `file` (last or
// this year's), so every diagnostic and related location says which one.

/// Output schema id of the comparison's `to_json`.
inline constexpr const char* kCompareSchema = "nianbao-compare/1";

/// Which of the two reports a location or operand belongs to.
enum class Which : uint8_t { last, current };
const char* to_string(Which);      // "last" | "this"

/// What the comparison keeps of each report (the JSON's `last` / `this`).
struct CompareSide {
  std::string file;
  InputInfo input;
  ReportInfo report;
};

struct CompareCheck : Check {
  std::vector<Which> cell_files;   // parallel to `cells`: the report each operand is read from
};

struct CompareDiagnostic : Diagnostic {
  Which file = Which::current;     // the report `span` points into
  std::vector<Which> related_files;  // parallel to `related`
};

struct CompareResult {
  CompareSide last, cur;
  std::vector<CompareCheck> checks;
  std::vector<CompareDiagnostic> diagnostics;
  size_t count(Severity) const;
};

/// Compare last year's report with this year's (each a `check` result).
/// Never throws; a check whose operands are missing is skipped and says why.
CompareResult compare(const Result& last, const Result& cur);

/// Serialize a comparison (schema nianbao-compare/1, docs/compare.md).
std::string to_json(const CompareResult&, const JsonOptions& = {});

/// For the page: check both texts (already UTF-8, Options::assume_utf8) and
/// compare them; the JSON of `to_json(CompareResult)`.
std::string compare_json(std::string_view last_text, std::string_view this_text, const JsonOptions& = {});

}  // namespace nianbao

#endif  // NIANBAO_NIANBAO_H
