#include "rules.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <string>
#include <vector>

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
     "缺少{part}「{title}」。",
     "{part_en}'{title}' ({title_en}) is missing."},
    {"NB0202", "section-duplicated", S::warning,
     "「{title}」第 {nth} 次出现（第 {first_line} 行已出现过）。",
     "Section '{title}' ({title_en}) appears a {nth_en} time (first at line {first_line})."},
    {"NB0203", "section-order", S::warning,
     "「{title}」出现在「{prev}」之后，顺序与模板不符。",
     "Section '{title}' ({title_en}) comes after '{prev}' ({prev_en}), out of the template's order."},
    {"NB0204", "section-numbering", S::warning,
     "「{title}」的编号是「{printed}」，模板中应为「{expected}」。",
     "Section '{title}' ({title_en}) is numbered '{printed}'; the template numbers it '{expected}'."},
    {"NB0205", "section-title-typo", S::warning,
     "标题「{printed}」与模板的「{title}」相差一个字，已按该部分读取；请核对标题文字。",
     "The heading '{printed}' is one character off the template's '{title}' ({title_en}); read as that section. Check its wording."},
    {"NB0206", "section-title-variant", S::warning,
     "标题「{printed}」在模板的「{title}」之外还有别的文字，已按该部分读取；模板的标题是「{title}」。",
     "The heading '{printed}' holds the template's '{title}' ({title_en}) and more words; read as that section. "
     "The template's heading is '{title}'."},
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
     "未找到{table}{skipped}。",
     "{table_en} was not found{skipped_en}."},
    {"NB0602", "row-missing", S::warning,
     "{table}缺少「{row}」一行。",
     "{table_en} lacks the row '{row}' ({row_en})."},
    {"NB0603", "check-skipped", S::warning,
     "{table}{cause}，{count} 项勾稽检查未能进行。",
     "{count} identity checks of {table_en} were not run: {cause_en}."},
    {"NB0604", "row-misaligned", S::warning,
     "{table}「{row}」一行有 {got} 个单元格，模板为 {want} 列：{detail}",
     "Row '{row_en}' of {table_en} has {got} cells for {want} columns: {detail_en}"},
    {"NB0605", "cell-not-number", S::error,
     "{table}「{cell}」的内容「{text}」不是数字。",
     "The cell '{cell_en}' of {table_en} holds '{text}', which is not a number."},
    {"NB0606", "table-duplicated", S::warning,
     "{table}出现了不止一次，只检查了第一份（第 {first_line} 行）。",
     "{table_en} appears more than once; only the first copy (line {first_line}) was checked."},
    {"NB0607", "label-detached", S::info,
     "表三有 {count} 行的标签与数值分开印出，已与紧随其后的数值行配对：{rows}。请核对这些行。",
     "In Table 3, {count} row labels were printed apart from their values and were paired with the values row "
     "right after them: {rows}. Please check these rows."},
    {"NB0608", "rows-unplaced", S::warning,
     "表三有 {count} 行只印出了标签（{rows}），另有 {orphans} 行只有数值，无法确定对应关系，未作猜测。",
     "In Table 3, {count} rows have a label but no values ({rows}) and {orphans} rows have values but no "
     "label; they cannot be paired without guessing, so they were left out."},
    {"NB0609", "cells-blank", S::warning,
     "{table}有 {count} 个单元格为空（{cells}），模板要求没有发生的事项填 0{effect}。",
     "{count} cells of {table_en} are blank ({cells_en}); the template asks for 0 where nothing happened{effect_en}."},
    {"NB0610", "cell-likely-wrong", S::error,
     "{cell}{printed}，可能应为 {value}{reason}：改为 {value} 后，本表不成立的 {count} 项勾稽关系都能成立。",
     "{cell_en} {printed_en} and should probably read {value}{reason_en}: with {value}, the {count} failing "
     "identities of the table hold."},
    {"NB0611", "request-misfiled", S::error,
     "表三「{from}」列多出 {diff}、「{to}」列少了 {diff}：可能有 {diff} 件申请记到了错误的列{rows}；移正后本表勾稽关系全部成立。",
     "Table 3 column '{from_en}' has {diff} too many and column '{to_en}' {diff} too few: {diff} requests were "
     "probably entered in the wrong column{rows_en}; moved back, every identity of the table holds."},
    {"NB0612", "check-not-run", S::info,
     "{what}未能检查：{cells}{why}。",
     "{what_en} was not checked: {cells_en} {why_en}."},
    {"NB0613", "rows-by-order", S::info,
     "表三的标签与数值分开印出（如从 PDF 复制的文字），已按模板的行序和列数读出全部 {rows} 行（其中 {by_column} 行按列印出），数值个数恰好是一张完整的表。请核对。",
     "Table 3's labels were printed apart from its values (text copied from a PDF); all {rows} rows were read in "
     "the template's order and columns ({by_column} of them printed column by column), the count of values being "
     "exactly one whole table. Please check them."},
    {"NB0614", "rows-unsure", S::warning,
     "表三「{rows}」的数值是从标签后的几行拼成的，拼出的一行不成立（总计与各类申请人之和不符，或少一格而中间夹有别的文字）：这种读法没有把握（PDF 文字可能把别的行的数值排在中间），未采用，相关检查未进行。请核对原表。",
     "Table 3 row(s) '{rows}': their values were gathered from several lines after the label and do not make "
     "a row that holds (the total gathered is not the sum of the applicants, or a cell short with other text "
     "between); the tool is not sure of that reading (PDF text can put other rows' values between), so it was "
     "not used and the checks that need it were not run. Please check the printed table."},
    {"NB0615", "zeros-short", S::warning,
     "表三的数值全为 0，共 {got} 个，比一张完整的表（{want} 个单元格）少 {missing} 个：有 {missing} 个单元格未印出数值（空白），"
     "从复制的文字无法确定是哪几个。每个单元格非 0 即空白，已全部按 0 读出；模板要求无数据的单元格填 0，请核对原表。",
     "Table 3's values are all 0, {got} of them, {missing} fewer than a whole table ({want} cells): {missing} cell(s) "
     "printed no value (blank), and which cannot be told from the copied text. Every cell is 0 or blank, so all were "
     "read as 0; the template asks for 0 in a cell with nothing to report. Please check the printed table."},
    {"NB0616", "table-unread", S::warning,
     "{table}印出了（其表头「{word}」在本部分中），但未能读出它的单元格{skipped}：这是本工具未能读出，不是报告缺表。请核对原表，或粘贴表格本身的文字。",
     "{table_en} is printed (its header '{word}' is in this section) but its cells could not be read{skipped_en}: "
     "the tool could not read it; the report does not lack it. Please check the printed table, or paste the table's own text."},
    {"NB0617", "blanks-vanished", S::warning,
     "表三有 {count} 行印出的数值少于 {want} 列：空白单元格在复制的文字中消失了（如从 PDF 或网页抓取的文字）。"
     "这些行的末一格都等于其余之和，已读作该行的总计，各行「总计＝各类申请人之和」据此核对；其余数值在哪几列无法确定，未作猜测，"
     "按列的检查未进行。请核对原表，或粘贴保留空白格的表格文字（如从网页直接复制）。",
     "{count} rows of Table 3 print fewer values than its {want} columns: blank cells vanished from the copied text "
     "(text from a PDF or a crawled page). In each, the last value is the sum of the others, so it was read as the "
     "row's total, and each row's total = sum over applicants was checked with it; which columns the other values are "
     "in cannot be told, so nothing was guessed and the checks by column were not run. Please check the printed "
     "table, or paste table text that keeps its blank cells (copied from the web page itself)."},
    {"NB0618", "rows-misfit", S::warning,
     "表三有 {count} 行的单元格个数与模板的 {want} 列不符（空白单元格在复制的文字中消失，或 PDF 文字把一行拆开）{totals}；"
     "其余数值在哪几列无法确定，未作猜测，相关检查未进行。各行见下，请核对原表，或粘贴表格本身的文字。",
     "{count} rows of Table 3 have a number of cells other than its {want} columns (blank cells vanished from the "
     "copied text, or a PDF's text split a row){totals_en}; which columns the other values are in cannot be told, so "
     "nothing was guessed and the checks that need them were not run. The rows are listed below; please check the "
     "printed table, or paste the table's own text."},
    // ── glued rows (recover_table.cpp, docs/recovery.md) ──────────────────
    {"NB0701", "glued-recovered", S::info,
     "{table}「{row}」印作「{printed}」（分隔符丢失），按模板列数和勾稽关系只有一种拆分：{split}。",
     "Row '{row_en}' of {table_en} is printed '{printed}' (separators lost); the template's columns and "
     "identities allow exactly one split: {split}."},
    {"NB0702", "glued-ambiguous", S::warning,
     "{table}「{row}」印作「{printed}」（分隔符丢失），有多种拆分都符合勾稽关系，未作猜测：{candidates}。",
     "Row '{row_en}' of {table_en} is printed '{printed}' (separators lost) and several splits satisfy the "
     "identities, so none was chosen: {candidates}."},
    {"NB0703", "glued-inconsistent", S::error,
     "{table}中分隔符丢失的行（{rows}）没有任何拆分能满足勾稽关系：表中至少有一个数字印错了。",
     "No split of the rows of {table_en} whose separators were lost ({rows}) satisfies the identities: at "
     "least one printed number is wrong."},
    {"NB0704", "glued-budget", S::warning,
     "{table}中分隔符丢失的行（{rows}）可能的拆分过多，在 {visits} 次尝试内未能确定，未作猜测。",
     "The rows of {table_en} whose separators were lost ({rows}) have too many possible splits to settle "
     "within {visits} tries; none was chosen."},
    {"NB0705", "glued-unreadable", S::warning,
     "{table}中分隔符丢失的行无法拆分：{reason}",
     "The rows of {table_en} whose separators were lost cannot be split: {reason_en}"},
    // ── content (content*.cpp) ─────────────────────────────────────────────
    {"NB0706", "glued-unsure", S::warning,
     "{table}「{rows}」按分隔符丢失的行读，没有拆分能满足勾稽关系；但这几行是否粘连本身没有把握（数值与标签分开印出、由工具配对，"
     "或数值已分开但比列数少，可能有数值印在别处）。这是本工具读不准，不是报告的错误：这几行未读出，请核对原表。",
     "{table_en} row(s) '{rows}': read as rows whose separators were lost, no split satisfies the identities; but "
     "whether they are glued at all is the tool's guess (values printed apart from their labels and paired by "
     "position, or values already apart but fewer than the columns: one may be printed elsewhere). That is the "
     "tool's doubt, not the report's error: these rows were not read. Please check the printed table."},
    {"NB0801", "narrative-mismatch", S::warning,
     "正文与表格不符：正文写「{text}」，而{table}的{what}为 {value}。{detail}",
     "The text disagrees with the table: it says '{text}' ({number}), but {table_en} gives {value} for {what_en}. "
     "{detail_en}"},
    {"NB0802", "section-copied", S::warning,
     "「{section}」的正文大部分是重复的：{pct}% 的文字与「{other}」（第 {other_line}–{other_end_line} 行）相同。",
     "The body of '{section}' ({section_en}) is mostly repeated: {pct}% of its text is also in '{other}' "
     "({other_en}, lines {other_line}–{other_end_line})."},
    {"NB0803", "passage-repeated", S::info,
     "第 {line} 行起约 {chars} 字的一段与第 {other_line} 行起的文字重复。",
     "About {chars} characters from line {line} repeat the text from line {other_line}."},
    {"NB0804", "foreign-body", S::warning,
     "正文提到另一个{level}「{name}」，而报告主体是「{org}」：这段文字可能抄自别的报告。",
     "The text names another {level_en}, '{name}', while the reporting body is '{org}': the passage may have been "
     "copied from another report."},
    {"NB0805", "year-mismatch", S::warning,
     "{what}写的是 {found}，与报告年度 {year} 年不符。{detail}",
     "The {what_en} says {found}, which does not match the report year {year}. {detail_en}"},
    {"NB0806", "amount-unit", S::warning,
     "{cell}写作「{raw}」，以{unit}为单位；模板要求以万元填写（即 {wan} 万元）。",
     "{cell_en} is printed '{raw}', in {unit_en}; the template asks for 万元 (10,000 yuan), i.e. {wan} 万元."},
    {"NB0807", "amount-implausible", S::warning,
     "{cell}「{value}」按万元计为 {yuan}，对{who}明显偏大。表中{unit_note}，可能是按元填写的（即 {wan} 万元）。",
     "{cell_en} '{value}' read in 万元 (10,000 yuan) is {yuan_en}, implausibly large for {who_en}. The cell has "
     "{unit_note_en}; it was probably entered in yuan ({wan} in 万元)."},
    {"NB0808", "count-negative", S::error,
     "{table}「{cell}」为负数「{value}」：只有「本年增/减」可以为负。",
     "The cell '{cell_en}' of {table_en} is negative ('{value}'); only the change column (本年增/减) may be negative."},
    {"NB0809", "count-fraction", S::error,
     "{table}「{cell}」为「{value}」，不是整数：件数应为整数。",
     "The cell '{cell_en}' of {table_en} is '{value}', not a whole number; counts are whole numbers."},
    {"NB0810", "items-negative", S::warning,
     "表二「{row}」上一年项目数量 {prev} 加本年增/减 {delta} 为 {sum}，项目数不能小于 0。",
     "Table 2 row '{row_en}': last year's {prev} items plus this year's change {delta} gives {sum}; a number of "
     "items cannot be negative."},
    {"NB0811", "label-variant", S::info,
     "{table}中的「{printed}」与模板的「{label}」不一致。",
     "'{printed}' in {table_en} differs from the template's wording '{label}' ({label_en})."},
    {"NB0812", "column-missing", S::warning,
     "{table}缺少「{col}」一列。",
     "{table_en} lacks the column '{col}' ({col_en})."},
    {"NB0813", "required-content", S::warning,
     "{section}没有写{what}。{detail}",
     "{section_en} does not state {what_en}. {detail_en}"},
    {"NB0814", "draft-residue", S::info,
     "文中留有{what}，共 {count} 处，发布前应清理。",
     "The text still contains {what_en}, {count} in all; clean them up before publishing."},
    // ── cross-year comparison (compare.cpp, docs/compare.md) ──────────────
    {"NB0901", "carry-mismatch", S::error,
     "本年表三「上年结转」{col}列为 {lhs}，而上年报告「结转下年度」为 {rhs}，相差 {diff}。本年的上年结转数应等于上年的结转下年度数。",
     "This year's Table 3 'carried over' ({col_en}) is {lhs}, but last year's report carried forward {rhs}, off by "
     "{diff}. This year's carried-over count must equal last year's carried-forward count."},
    {"NB0902", "in-force-mismatch", S::warning,
     "表二「{row}」现行有效件数 {lhs} ≠ 上年报告的现行有效件数 {last} + 本年制发 {issued} − 本年废止 {repealed} = {rhs}，相差 "
     "{diff}。若有修订或上年数字更正，请在报告中说明。",
     "Table 2 '{row_en}': {lhs} in force ≠ {last} in force in last year's report + {issued} issued − {repealed} "
     "repealed = {rhs}, off by {diff}. If amendments or a corrected figure explain it, say so in the report."},
    {"NB0903", "body-differs", S::warning,
     "两份报告的主体不同：本年为「{this_org}」，上年为「{last_org}」。跨年度核对只对同一机关的报告有意义。",
     "The two reports come from different bodies: '{this_org}' this year, '{last_org}' last year. Cross-year "
     "checks only make sense for reports of one body."},
    {"NB0904", "years-not-consecutive", S::warning,
     "两份报告不是相邻年度：本年报告为 {this_year} 年度，上年报告为 {last_year} 年度。{detail}",
     "The two reports are not for consecutive years: this year's is for {this_year}, last year's for {last_year}. "
     "{detail_en}"},
    {"NB0905", "compare-skipped", S::info,
     "{what}未能核对：{reason}",
     "{what_en} could not be checked: {reason_en}"},
};

}  // namespace

const RuleInfo* rules_begin() { return std::begin(kRules); }
const RuleInfo* rules_end() { return std::end(kRules); }

const RuleInfo& rule(std::string_view id) {
  // Ids are "NB" and four digits: a table from the number to the rule, built once.
  static const std::vector<int16_t> by_number = [] {
    std::vector<int16_t> v(10000, -1);
    for (size_t i = 0; i < std::size(kRules); ++i) {
      std::string_view r = kRules[i].id;
      if (r.size() == 6 && r.substr(0, 2) == "NB") v[size_t(std::stoi(std::string(r.substr(2))))] = int16_t(i);
    }
    return v;
  }();
  if (id.size() == 6 && id.substr(0, 2) == "NB" &&
      std::all_of(id.begin() + 2, id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    int16_t i = by_number[size_t((id[2] - '0') * 1000 + (id[3] - '0') * 100 + (id[4] - '0') * 10 + (id[5] - '0'))];
    if (i >= 0) return kRules[i];
  }
  for (const auto& r : kRules)  // (an id of another shape: none today)
    if (id == r.id) return r;
  // An unknown id is a programming error (the rule-table test catches it); never crash a user's run.
  static const RuleInfo kUnknown{"NB0000", "internal", Severity::warning,
                                 "内部错误：引用了未登记的规则。", "Internal error: an unregistered rule was used."};
  return kUnknown;
}

std::string fmt(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9) return std::to_string(static_cast<long long>(std::llround(v)));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::vector<RuleDoc> rule_catalog() {
  std::vector<RuleDoc> out;
  for (const auto& r : kRules) out.push_back({r.id, r.name, r.severity, r.zh, r.en});
  return out;
}

std::string format(const char* tmpl, Args args) {
  std::string out;
  out.reserve(std::strlen(tmpl) + 64);
  for (const char* p = tmpl; *p;) {
    if (*p != '{') {  // the text up to the next placeholder, at once
      const char* brace = std::strchr(p, '{');
      size_t n = brace ? size_t(brace - p) : std::strlen(p);
      out.append(p, n);
      p += n;
      continue;
    }
    {
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
