// `nianbao compare LAST THIS`: last year's and this year's report of one body.
//
//   == 上年 last.txt [v2019 · 2020 年度 · 某某街道办事处] → 本年 this.txt [v2021 · 2021 年度 · …]
//   核对：通过 9，不符 1，跳过 2；错误 1，警告 0，提示 0
//   this.txt:81:3: error: NB0901: message [compare.carry/total]
//       - carried_forward/total = 3 (last.txt:106:9)
//
// Each diagnostic line names the file its span is in (last or this year's);
// related locations carry their file too. --format json prints the core's
// nianbao-compare/1 object on one line. Both reports are checked with the same
// engine as `check`; only the cross-year findings are printed here.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ostream>

#include "cli.h"

namespace cli {
namespace {

struct Words {
  const char *last, *cur, *year, *no_year, *checks, *counts;
};
constexpr Words kWords[] = {
    /* zh */ {"上年", "本年", "%y 年度", "年度未知", "核对：通过 %p，不符 %f，跳过 %s；", "错误 %e，警告 %w，提示 %i"},
    /* en */ {"last", "this", "year %y", "year unknown", "checks: %p pass, %f fail, %s skipped; ",
              "errors %e, warnings %w, info %i"},
};

class CompareText {
 public:
  CompareText(std::ostream& out, const Config& cfg, bool color)
      : out_(out), cfg_(cfg), st_(color ? kColor : kPlain), w_(kWords[int(cfg.lang)]) {}

  void write(const nianbao::CompareResult& c) {
    if (!cfg_.quiet) header(c);
    for (const nianbao::CompareDiagnostic& d : c.diagnostics) {
      int s = rank(d.severity);
      out_ << st_.bold << file(c, d.file) << position(d.span) << ":" << st_.reset << " " << st_.sev[s]
           << nianbao::to_string(d.severity) << st_.reset << ": " << d.rule << ": " << one_line(message(d, cfg_.lang));
      if (!d.check.empty()) out_ << " [" << d.check << "]";
      out_ << '\n';
      if (cfg_.quiet) continue;
      for (size_t i = 0; i < d.related.size(); ++i) {
        const nianbao::Related& rel = d.related[i];
        out_ << "    - " << one_line(rel.label);
        if (rel.span.line) out_ << " (" << file(c, d.related_files[i]) << position(rel.span) << ")";
        out_ << '\n';
      }
    }
  }

 private:
  static const std::string& file(const nianbao::CompareResult& c, nianbao::Which w) {
    return w == nianbao::Which::last ? c.last.file : c.cur.file;
  }

  std::string side(const char* word, const nianbao::CompareSide& s) const {
    const std::string dot = " \xc2\xb7 ";  // ·
    std::string info = std::string(nianbao::to_string(s.report.tmpl)) + dot +
                       (s.report.year ? fill(w_.year, {{'y', size_t(s.report.year)}}) : w_.no_year);
    if (!s.report.org.empty()) info += dot + one_line(s.report.org);
    return std::string(word) + " " + st_.bold + s.file + st_.reset + " [" + info + "]";
  }

  void header(const nianbao::CompareResult& c) {
    size_t status[3] = {0, 0, 0};
    for (const auto& k : c.checks) ++status[int(k.status)];
    out_ << "== " << side(w_.last, c.last) << " \xe2\x86\x92 " << side(w_.cur, c.cur) << '\n';  // →
    out_ << fill(w_.checks, {{'p', status[0]}, {'f', status[1]}, {'s', status[2]}})
         << fill(w_.counts, {{'e', c.count(nianbao::Severity::error)},
                             {'w', c.count(nianbao::Severity::warning)},
                             {'i', c.count(nianbao::Severity::info)}})
         << '\n';
  }

  std::ostream& out_;
  const Config& cfg_;
  Style st_;
  Words w_;
};

}  // namespace

int run_compare(const Config& cfg, std::ostream& out, bool color) {
  nianbao::Result results[2];
  bool failed = false;
  for (int i = 0; i < 2; ++i) {
    const std::string& path = cfg.paths[size_t(i)];
    Item item{path == "-" ? "<stdin>" : path, path == "-", std::nullopt};
    std::string bytes;
    if (auto err = read_input(item, bytes)) {
      std::fprintf(stderr, "nianbao: %s: %s\n", item.path.c_str(), both(*err).c_str());
      failed = true;
      continue;
    }
    nianbao::Options opt;
    opt.file = item.path;
    results[i] = nianbao::check(bytes, opt);
  }
  if (failed) return 2;
  nianbao::CompareResult c = nianbao::compare(results[0], results[1]);
  if (cfg.format == Format::json)
    out << nianbao::to_json(c) << '\n';
  else
    CompareText(out, cfg, color).write(c);
  bool findings = std::any_of(c.diagnostics.begin(), c.diagnostics.end(),
                              [&](const nianbao::CompareDiagnostic& d) { return rank(d.severity) <= cfg.fail_on; });
  return findings ? 1 : 0;
}

}  // namespace cli
