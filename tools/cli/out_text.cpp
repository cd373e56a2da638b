// --format text: for a person at a terminal.
//
//   == reports/a.txt  [v2019 · 2020 · 某某区人民政府办公室 · utf-8]  errors 1, warnings 0, info 0
//       read: Table 2 22 cells, Table 3 161 cells (161 by order), Table 4 15 cells   (not with -q)
//   reports/a.txt:230:1: error: NB0610: message [requests.balance/total]
//       - 表三「（七）总计」行「总计」列 = 38 (231:5)     a related location
//       > NB0301: message (230:1)                       a finding folded under this cause
//
// Severity keywords stay English (error/warning/info) in both languages so that
// editors and grep can parse the lines; everything else follows --lang.
// --quiet keeps only the diagnostic lines.
#include <algorithm>
#include <map>
#include <ostream>

#include "cli.h"

namespace cli {
namespace {

struct Words {
  const char *counts, *year, *no_year, *tmpl, *summary, *top;
  const char *read, *cells, *by_order, *by_split, *by_column, *tables[3];
};
// counts: errors, warnings, info; summary: files, with errors, unreadable.
constexpr Words kWords[] = {
    /* zh */ {"错误 %e，警告 %w，提示 %i", "%y 年度", "年度未知", "模板 ",
              "共 %f 个文件：%x 个有错误，%u 个无法读取；", "最常见：",
              "    读出：", "%n 格", "按顺序 %n", "拆分 %n", "按表头位置 %n", {"表二", "表三", "表四"}},
    /* en */ {"errors %e, warnings %w, info %i", "year %y", "year unknown", "template ",
              "%f files: %x with errors, %u unreadable; ", "top rules: ",
              "    read: ", "%n cells", "%n by order", "%n split", "%n by column position", {"Table 2", "Table 3", "Table 4"}},
};

class TextSink final : public Sink {
 public:
  TextSink(std::ostream& out, const Config& cfg, bool color)
      : out_(out), cfg_(cfg), st_(color ? kColor : kPlain), w_(kWords[int(cfg.lang)]) {}

  void result(nianbao::Result&& r) override {
    ++files_;
    size_t counts[3] = {r.count(nianbao::Severity::error), r.count(nianbao::Severity::warning),
                        r.count(nianbao::Severity::info)};
    with_errors_ += counts[0] > 0;
    for (int s = 0; s < 3; ++s) totals_[s] += counts[s];
    if (!cfg_.quiet) header(r, counts);
    for (const nianbao::Diagnostic& d : r.diagnostics) {
      ++rules_[d.rule];
      int s = rank(d.severity);
      out_ << st_.bold << r.file << position(d.span) << ":" << st_.reset << " " << st_.sev[s]
           << nianbao::to_string(d.severity) << st_.reset << ": " << d.rule << ": "
           << one_line(message(d, cfg_.lang));
      if (!d.check.empty()) out_ << " [" << d.check << "]";
      out_ << '\n';
      if (cfg_.quiet) continue;
      for (const nianbao::Related& rel : d.related) {
        out_ << "    - " << one_line(rel.label);
        if (rel.span.line) out_ << " (" << position(rel.span).substr(1) << ")";
        out_ << '\n';
      }
      // The findings this one is the cause of, one line each.
      for (const nianbao::Diagnostic& item : d.items) {
        out_ << "    > " << item.rule << ": " << one_line(message(item, cfg_.lang));
        if (item.span.line) out_ << " (" << position(item.span).substr(1) << ")";
        out_ << '\n';
      }
    }
    if (!cfg_.quiet) out_ << '\n';
    out_.flush();
  }

  void failure(const Failure&) override { ++failed_; }

  void finish() override {
    if (cfg_.quiet || files_ + failed_ < 2) return;
    out_ << st_.bold
         << fill(w_.summary, {{'f', files_ + failed_}, {'x', with_errors_}, {'u', failed_}})
         << fill(w_.counts, {{'e', totals_[0]}, {'w', totals_[1]}, {'i', totals_[2]}}) << st_.reset
         << '\n';
    if (rules_.empty()) return;
    std::vector<std::pair<std::string, size_t>> top(rules_.begin(), rules_.end());
    std::stable_sort(top.begin(), top.end(), [](auto& a, auto& b) { return a.second > b.second; });
    if (top.size() > 5) top.resize(5);
    out_ << w_.top;
    for (size_t k = 0; k < top.size(); ++k)
      out_ << (k ? ", " : "") << top[k].first << " \xc3\x97" << top[k].second;  // ×
    out_ << '\n';
  }

 private:
  void header(const nianbao::Result& r, const size_t counts[3]) {
    const std::string dot = " \xc2\xb7 ";  // ·
    std::string info = w_.tmpl + std::string(nianbao::to_string(r.report.tmpl)) + dot + year(r.report.year);
    if (!r.report.org.empty()) info += dot + one_line(r.report.org);
    info += dot + r.input.encoding;
    out_ << st_.bold << "== " << r.file << st_.reset << "  [" << info << "]  "
         << fill(w_.counts, {{'e', counts[0]}, {'w', counts[1]}, {'i', counts[2]}}) << '\n';
    // The cells read per table, and how many were placed by order or split from glued digits
    // (Cell::by): where the reading rests on the template's order rather than printed labels.
    static const char* const keys[3] = {"proactive", "requests", "appeals"};
    const bool zh_ = cfg_.lang == nianbao::Lang::zh;
    std::string line;
    for (int k = 0; k < 3; ++k) {
      const nianbao::Table* t = r.table(keys[k]);
      if (!t) continue;
      size_t order = 0, split = 0, column = 0;
      for (const auto& c : t->cells) { order += c.by == "order"; split += c.by == "split"; column += c.by == "column"; }
      std::string part = std::string(w_.tables[k]) + " " + fill(w_.cells, {{'n', t->cells.size()}});
      std::string how;
      if (order) how += fill(w_.by_order, {{'n', order}});
      if (split) how += (how.empty() ? "" : ", ") + fill(w_.by_split, {{'n', split}});
      if (column) how += (how.empty() ? "" : ", ") + fill(w_.by_column, {{'n', column}});
      // (表四 has no row labels: its cells are always in order, which says nothing)
      if (!how.empty() && k != 2) part += (zh_ ? "（" : " (") + how + (zh_ ? "）" : ")");
      line += (line.empty() ? "" : zh_ ? "，" : ", ") + part;
    }
    if (!line.empty()) out_ << w_.read << line << '\n';
  }

  std::string year(int y) const {
    return y ? fill(w_.year, {{'y', size_t(y)}}) : w_.no_year;
  }

  std::ostream& out_;
  const Config& cfg_;
  Style st_;
  Words w_;
  size_t files_ = 0, failed_ = 0, with_errors_ = 0, totals_[3] = {0, 0, 0};
  std::map<std::string, size_t> rules_;
};

}  // namespace

std::unique_ptr<Sink> make_text_sink(std::ostream& out, const Config& cfg, bool color) {
  return std::make_unique<TextSink>(out, cfg, color);
}

}  // namespace cli
