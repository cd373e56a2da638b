#include "rules.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace nianbao {
namespace {

using S = Severity;

// Keep sorted by id. Placeholders: {name}. See docs/rules.md for examples.
constexpr RuleInfo kRules[] = {
    // ── input ──────────────────────────────────────────────────────────────
    {"NB0001", "input-empty", S::warning,
     "输入为空：没有可检查的文本。",
     "The input is empty: there is no text to check."},
    {"NB0002", "invalid-utf8", S::warning,
     "第 {line} 行有无效的 UTF-8 字节（{bytes}），已替换为 U+FFFD。",
     "Invalid UTF-8 bytes ({bytes}) at line {line}; they were replaced with U+FFFD."},
    {"NB0003", "encoding-assumed", S::info,
     "输入不是 UTF-8，已按 {encoding} 解码。{detail}",
     "The input is not UTF-8; it was decoded as {encoding}. {detail}"},
    {"NB0004", "binary-input", S::error,
     "输入看起来是二进制数据而不是文本：{detail}。",
     "The input looks like binary data, not text: {detail}."},
    {"NB0005", "invalid-utf8-more", S::warning,
     "另有 {count} 处无效字节序列未逐一列出。",
     "{count} more invalid byte sequences are not listed one by one."},
    {"NB0006", "html-input", S::info,
     "输入是 HTML 源码，已去掉标签、按网页表格读取。",
     "The input is HTML markup; it was read as a web page (tags removed, table cells kept)."},
    {"NB0007", "not-a-report", S::error,
     "未识别出年度报告的任何章节或统计表：这段文本不像政府信息公开工作年度报告。",
     "No section or statistical table of an annual report was recognized: this text does not look like a "
     "government information-disclosure annual report."},
    {"NB0008", "input-too-large", S::error,
     "输入过大（{size} 字节），超过 {limit} 字节的上限，未检查。",
     "The input is too large ({size} bytes, limit {limit}); it was not checked."},
    {"NB0009", "invalid-utf16", S::warning,
     "UTF-16 输入中有不成对的代理项，已替换为 U+FFFD。",
     "The UTF-16 input has an unpaired surrogate; it was replaced with U+FFFD."},
    // ── report metadata ────────────────────────────────────────────────────
    {"NB0101", "year-unknown", S::warning,
     "未能确定报告年度：标题和统计期限中都没有年份。",
     "The report year could not be determined: neither the title nor the reporting period gives one."},
    {"NB0102", "template-unknown", S::warning,
     "未能确定报告格式（2019 版、2021 版或 2019 年以前的格式）。",
     "The report format (2019, 2021 or pre-2019 template) could not be determined."},
    {"NB0103", "template-year-mismatch", S::error,
     "{year} 年度报告使用了{found}，应使用{expected}。{detail}",
     "The {year} report uses {found_en}; {expected_en} is required. {detail_en}"},
    {"NB0104", "org-unknown", S::info,
     "未能确定报告主体（发布机关）：标题和落款中都没有找到。",
     "The reporting body could not be determined from the title or the signature."},
    // ── sections ───────────────────────────────────────────────────────────
    {"NB0201", "section-missing", S::error,
     "缺少第{num}部分「{title}」。",
     "Section {num_en} '{title}' ({title_en}) is missing."},
    {"NB0202", "section-duplicated", S::warning,
     "「{title}」第 {nth} 次出现（第 {first_line} 行已出现过）。",
     "Section '{title}' ({title_en}) appears a {nth_en} time (first at line {first_line})."},
    {"NB0203", "section-order", S::warning,
     "「{title}」出现在「{prev}」之后，顺序与模板不符。",
     "Section '{title}' ({title_en}) comes after '{prev}' ({prev_en}), out of the template's order."},
    {"NB0204", "section-numbering", S::warning,
     "「{title}」的编号是「{printed}」，模板中应为「{expected}」。",
     "Section '{title}' ({title_en}) is numbered '{printed}'; the template numbers it '{expected}'."},
    // ── table identities ───────────────────────────────────────────────────
    {"NB0301", "requests-balance", S::error,
     "表三「{col}」列收支不平衡：{lhs_expr} = {lhs} ≠ {rhs_expr} = {rhs}，相差 {diff}。",
     "Table 3 column '{col_en}' does not balance: {lhs_expr_en} = {lhs} ≠ {rhs_expr_en} = {rhs}, off by {diff}."},
    {"NB0302", "requests-results", S::error,
     "表三「{col}」列办理结果之和与总计不符：总计 {lhs} ≠ 各项办理结果之和 {rhs}，相差 {diff}。{detail}",
     "Table 3 column '{col_en}': the total {lhs} does not equal the sum of the results {rhs}, off by {diff}. "
     "{detail_en}"},
    {"NB0303", "requests-applicants", S::error,
     "表三「{row}」一行总计与各类申请人之和不符：总计 {lhs} ≠ {rhs_expr} = {rhs}，相差 {diff}。",
     "Table 3 row '{row_en}': the total {lhs} does not equal the applicants' sum {rhs_expr} = {rhs}, off by "
     "{diff}."},
    {"NB0401", "appeals-total", S::error,
     "表四「{group}」总计与各项结果之和不符：总计 {lhs} ≠ {rhs_expr} = {rhs}，相差 {diff}。",
     "Table 4 '{group_en}': the total {lhs} does not equal {rhs_expr} = {rhs}, off by {diff}."},
    // ── table structure ────────────────────────────────────────────────────
    {"NB0601", "table-missing", S::error,
     "未找到{table}。",
     "{table_en} was not found."},
    {"NB0602", "row-missing", S::warning,
     "{table}缺少「{row}」一行。",
     "{table_en} lacks the row '{row}' ({row_en})."},
    {"NB0603", "check-skipped", S::warning,
     "检查 {check} 未能进行：单元格 {cells} 为空或缺失。",
     "Check {check} was skipped: cell(s) {cells} are empty or missing."},
    {"NB0604", "row-misaligned", S::warning,
     "{table}「{row}」一行有 {got} 个单元格，模板为 {want} 列：{detail}",
     "Row '{row_en}' of {table_en} has {got} cells for {want} columns: {detail_en}"},
    {"NB0605", "cell-not-number", S::error,
     "{table}「{cell}」的内容「{text}」不是数字。",
     "The cell '{cell_en}' of {table_en} holds '{text}', which is not a number."},
    {"NB0606", "table-duplicated", S::warning,
     "{table}出现了不止一次，只检查了第一份（第 {first_line} 行）。",
     "{table_en} appears more than once; only the first copy (line {first_line}) was checked."},
};

}  // namespace

const RuleInfo* rules_begin() { return std::begin(kRules); }
const RuleInfo* rules_end() { return std::end(kRules); }

const RuleInfo& rule(std::string_view id) {
  for (const auto& r : kRules)
    if (id == r.id) return r;
  std::abort();  // unknown rule id: a programming error caught by the tests
}

std::string format(const char* tmpl, Args args) {
  std::string out;
  for (const char* p = tmpl; *p;) {
    if (*p == '{') {
      const char* close = std::strchr(p, '}');
      if (close) {
        std::string_view name(p + 1, size_t(close - p - 1));
        bool found = false;
        for (const auto& a : args)
          if (name == a.first) { out += a.second; found = true; break; }
        if (found) { p = close + 1; continue; }
      }
    }
    out += *p++;
  }
  // Collapse a trailing space left by an empty last placeholder.
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace nianbao
