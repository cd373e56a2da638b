// nianbao: the command-line shell. See docs/cli.md.
//
// Exit codes (contract): 0 no diagnostics at or above --fail-on, 1 findings,
// 2 usage error or an input that could not be read (2 wins over 1).
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli.h"

namespace {

constexpr int kExitClean = 0, kExitFindings = 1, kExitFailure = 2;

int fail(const cli::Bilingual& m) {
  std::fprintf(stderr, "nianbao: %s\n", cli::both(m).c_str());
  return kExitFailure;
}

bool color_wanted(const cli::Config& cfg) {
  const char* no_color = std::getenv("NO_COLOR");
  return cfg.output.empty() && ::isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  cli::Config cfg;
  if (auto err = cli::parse_args(argc - 1, argv + 1, cfg)) {
    fail(*err);
    std::fputs("nianbao: 用法见 nianbao --help / see nianbao --help for usage\n", stderr);
    return kExitFailure;
  }
  if (cfg.help) {
    std::cout << cli::usage_text();
    return kExitClean;
  }
  if (cfg.version) {
    std::cout << "nianbao-check " << nianbao::version() << '\n';
    return kExitClean;
  }

  const bool comparing = cfg.command == cli::Command::compare;
  std::vector<cli::Item> items;
  if (!comparing) {
    items = cli::expand_inputs(cfg.paths);
    if (items.empty())
      return fail({"没有找到要检查的文件（目录中没有 .txt、.html 或 .htm 文件）",
                   "nothing to check (no .txt, .html or .htm files in the given directories)"});
  }
  bool reads_stdin = std::any_of(cfg.paths.begin(), cfg.paths.end(), [](const std::string& p) { return p == "-"; });
  if (reads_stdin && ::isatty(STDIN_FILENO) && !cfg.quiet)
    std::fputs("nianbao: 从标准输入读取，按 Ctrl-D 结束 / reading standard input, end with Ctrl-D\n", stderr);

  std::ofstream file;
  if (!cfg.output.empty()) {
    file.open(cfg.output, std::ios::binary | std::ios::trunc);
    if (!file) {
      cli::Bilingual why = cli::errno_reason(errno);
      return fail({"无法写入输出文件 " + cfg.output + "：" + why.zh,
                   "cannot write the output file " + cfg.output + ": " + why.en});
    }
  }
  std::ostream& out = cfg.output.empty() ? std::cout : file;

  if (comparing) {
    int code = cli::run_compare(cfg, out, color_wanted(cfg));
    out.flush();
    if (!out) return fail({"写入输出失败", "writing the output failed"});
    return code;
  }
  std::unique_ptr<cli::Sink> sink;
  switch (cfg.format) {
    case cli::Format::text: sink = cli::make_text_sink(out, cfg, color_wanted(cfg)); break;
    case cli::Format::json: sink = cli::make_json_sink(out, cfg); break;
    case cli::Format::csv: sink = cli::make_csv_sink(out, cfg); break;
    case cli::Format::sarif: sink = cli::make_sarif_sink(out, cfg); break;
  }
  cli::RunStats stats = cli::run(items, cfg, *sink);
  sink->finish();
  out.flush();
  if (!out) return fail({"写入输出失败", "writing the output failed"});
  if (stats.failed) return kExitFailure;
  return stats.findings ? kExitFindings : kExitClean;
}
