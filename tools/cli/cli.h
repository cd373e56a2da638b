// nianbao CLI: shared declarations of the command-line shell around the core.
//
//   args.cpp     options → Config (or a bilingual usage error)
//   inputs.cpp   paths → ordered input list (directory walk); reading one input
//   run.cpp      parallel checking, results handed to a Sink in input order
//   out_*.cpp    one Sink per output format (text, json, csv, sarif)
//   compare.cpp  `nianbao compare LAST THIS`: two reports, cross-year checks
//   text.cpp     the CLI's own bilingual strings and small text helpers
//
// The CLI contains no domain logic: everything about reports is nianbao::check.
#ifndef NIANBAO_CLI_H
#define NIANBAO_CLI_H

#include <nianbao/nianbao.h>

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace cli {

enum class Format { text, json, csv, sarif };
enum class Command { check, compare };

struct Config {
  Command command = Command::check;
  Format format = Format::text;
  nianbao::Lang lang = nianbao::Lang::zh;
  int fail_on = 0;               // exit 1 when a diagnostic's severity rank <= fail_on; -1: never
  std::string output;            // -o FILE; empty: stdout
  bool quiet = false;
  bool progress = false;
  unsigned jobs = 0;             // 0: all cores
  std::vector<std::string> paths;
  bool help = false, version = false;
};

/// A message in both languages. The CLI's own messages are always shown in both.
struct Bilingual {
  std::string zh, en;
};

/// Parse argv (after the program name). On a usage error returns the message.
std::optional<Bilingual> parse_args(int argc, char** argv, Config& cfg);
/// Default UI language from LC_ALL / LC_MESSAGES / LANG (see docs/cli.md).
nianbao::Lang language_from_env();
const char* usage_text();

/// One input to check, in output order.
struct Item {
  std::string path;              // as displayed and passed as Options::file
  bool is_stdin = false;
  std::optional<Bilingual> error;  // known unreadable before reading (walk errors)
};

/// Expand paths (directories recursively, sorted) into items. Errors that
/// concern one path (missing, unreadable directory) become items with `error`.
std::vector<Item> expand_inputs(const std::vector<std::string>& paths);

inline constexpr uint64_t kMaxInputBytes = 256ull << 20;  // 256 MB
inline constexpr int kFifoWaitMs = 10000;  // a named pipe must start talking within 10 s

/// Read one input completely (bounded by kMaxInputBytes). On failure returns
/// the reason and leaves `bytes` empty.
std::optional<Bilingual> read_input(const Item& item, std::string& bytes);

/// What a failed input looks like to the sinks.
struct Failure {
  std::string path;
  Bilingual reason;
};

/// An output format. Receives results in input order, one at a time; keeps
/// only what it needs (never the input bytes).
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void result(nianbao::Result&& r) = 0;
  virtual void failure(const Failure&) {}
  virtual void finish() {}
};

std::unique_ptr<Sink> make_text_sink(std::ostream&, const Config&, bool color);
std::unique_ptr<Sink> make_json_sink(std::ostream&, const Config&);
std::unique_ptr<Sink> make_csv_sink(std::ostream&, const Config&);
std::unique_ptr<Sink> make_sarif_sink(std::ostream&, const Config&);

struct RunStats {
  size_t files = 0, failed = 0;
  bool findings = false;          // a diagnostic at or above --fail-on
};

/// Check every item with cfg.jobs threads; hand results to `sink` in order;
/// report failures on stderr (bilingual). Returns counts for the exit code.
RunStats run(const std::vector<Item>& items, const Config& cfg, Sink& sink);

/// `nianbao compare LAST THIS` (cfg.paths holds the two): read both, check
/// both, compare, write text or JSON to `out`. Returns the exit code.
int run_compare(const Config& cfg, std::ostream& out, bool color);

// ---- small helpers (text.cpp) ----

/// Severity rank used by --fail-on: error 0, warning 1, info 2.
inline int rank(nianbao::Severity s) { return static_cast<int>(s); }
const std::string& message(const nianbao::Diagnostic&, nianbao::Lang);
/// The first sentence of a message (up to 。 ！ ？ or ". ").
std::string first_sentence(std::string_view text);
/// JSON string literal (with quotes) for UTF-8 text.
std::string json_quote(std::string_view s);
/// "zh / en" for one-line stderr output.
std::string both(const Bilingual&);
/// A reason for a failed system call, from errno, in both languages.
Bilingual errno_reason(int err);

// ── text output helpers (out_text.cpp, compare.cpp) ──
/// Fill %-placeholders (%e, %w …) from a small table.
std::string fill(const char* tmpl, std::initializer_list<std::pair<char, size_t>> values);
struct Style {
  const char *bold, *reset, *sev[3];
};
inline constexpr Style kColor{"\033[1m", "\033[0m", {"\033[1;31m", "\033[1;33m", "\033[1;36m"}};
inline constexpr Style kPlain{"", "", {"", "", ""}};
/// Line breaks inside a message become spaces (one finding, one line).
std::string one_line(std::string s);
/// ":line:col" of a span, or "" when it has no line.
std::string position(const nianbao::Span& s);

}  // namespace cli

#endif
