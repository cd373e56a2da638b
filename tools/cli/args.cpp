// Command line → Config. Options are a table; each value-taking option names
// its accepted values in a table too, so the usage error can list them.
#include "cli.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace cli {

const char* usage_text() {
  return R"(nianbao-check — 政府信息公开工作年度报告校验 / validator for government
information-disclosure annual reports

用法 / usage:
  nianbao check [选项/options] FILE|DIR|- ...
  nianbao compare [选项/options] LAST THIS
  nianbao --help | --version

  FILE   报告文件（任意编码，.txt/.html）/ a report file (any encoding)
  DIR    递归检查其中的 .txt .html .htm 文件（按路径排序）/ checked recursively, sorted
  -      从标准输入读取 / read standard input
  LAST THIS  同一机关上年和本年的报告：核对上年结转、现行有效件数、主体和年度
             / last year's and this year's report of one body: carry-over,
             in-force counts, body and years checked across the two

选项 / options:
  --format F        输出格式 / output format: text (默认/default), json, jsonl, csv, sarif
                    （compare 只有 text、json / compare: text, json only）
  --lang L          诊断信息语言 / message language: zh, en
                    （默认 zh；LANG 等环境变量为非中文语言时为 en
                     / default zh, en when LC_ALL/LC_MESSAGES/LANG name another language)
  --fail-on S       达到此级别即退出码 1 / exit 1 on findings at or above:
                    error (默认/default), warning, info, none
  -o, --output FILE 写入文件而非标准输出 / write to FILE instead of stdout
  -j, --jobs N      并行数（默认全部核心；仅 check）/ parallel jobs (default: all cores; check only)
  -q, --quiet       文本格式只输出诊断行 / text format: diagnostic lines only
  --progress        在终端的标准错误上显示进度（仅 check）
                    / progress bar on stderr (terminals only; check only)
  -h, --help        显示本帮助 / show this help
  --version         显示版本 / show the version

格式 / formats:
  text    每个文件一组：file:line:col: severity: RULE: message [check]
          / grouped per file, for people
  json    每个报告一行 JSON（schema nianbao-check/1，即 JSON Lines）；jsonl 同义
          / one contract object per line (JSON Lines); jsonl is a synonym
  csv     每个文件一行，UTF-8 带 BOM（Excel 可直接打开）/ one row per file, UTF-8 with BOM
  sarif   SARIF 2.1.0，供代码扫描和编辑器使用 / for code scanning and editors
  compare 的 json 为一个对象（schema nianbao-compare/1）
          / compare --format json prints one object (schema nianbao-compare/1)

退出码 / exit codes:
  0  没有达到 --fail-on 级别的诊断 / no diagnostics at or above --fail-on
  1  有达到该级别的诊断 / findings at or above --fail-on
  2  用法错误或有文件无法读取 / usage error, or an input could not be read
)";
}

nianbao::Lang language_from_env() {
  // POSIX precedence: the first non-empty of LC_ALL, LC_MESSAGES, LANG decides.
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    if (!v || !*v) continue;
    std::string value = v;
    if (value.rfind("zh", 0) == 0) return nianbao::Lang::zh;
    // "C" and "POSIX" (C.UTF-8 …) state no preference: keep the default.
    if (value == "C" || value == "POSIX" || value.rfind("C.", 0) == 0) return nianbao::Lang::zh;
    return nianbao::Lang::en;
  }
  return nianbao::Lang::zh;
}

namespace {

struct Choice {
  const char* name;
  int value;
};
constexpr Choice kFormats[] = {{"text", int(Format::text)}, {"json", int(Format::json)},
                               {"jsonl", int(Format::json)}, {"csv", int(Format::csv)},
                               {"sarif", int(Format::sarif)}};
constexpr Choice kLangs[] = {{"zh", int(nianbao::Lang::zh)}, {"en", int(nianbao::Lang::en)}};
constexpr Choice kFailOn[] = {{"error", 0}, {"warning", 1}, {"info", 2}, {"note", 2}, {"none", -1}};

template <size_t N>
std::optional<int> choose(const Choice (&choices)[N], const std::string& value) {
  for (const Choice& c : choices)
    if (value == c.name) return c.value;
  return std::nullopt;
}

template <size_t N>
std::string names(const Choice (&choices)[N]) {
  std::string out;
  for (const Choice& c : choices) out += (out.empty() ? "" : ", ") + std::string(c.name);
  return out;
}

using Setter = std::optional<Bilingual> (*)(Config&, const std::string&);

template <size_t N>
std::optional<Bilingual> bad_value(const char* opt, const std::string& v, const Choice (&choices)[N]) {
  return Bilingual{std::string("选项 ") + opt + " 的值“" + v + "”无效，可选：" + names(choices),
                   std::string("invalid value '") + v + "' for " + opt + "; expected one of: " +
                       names(choices)};
}

struct OptionSpec {
  const char* long_name;  // without "--"
  char short_name;        // 0: none
  bool takes_value;
  bool compare;           // also an option of `compare` (every option is one of `check`)
  Setter set;
};

const OptionSpec kOptions[] = {
    {"format", 0, true, true,
     [](Config& c, const std::string& v) -> std::optional<Bilingual> {
       auto f = choose(kFormats, v);
       if (!f) return bad_value("--format", v, kFormats);
       c.format = Format(*f);
       return std::nullopt;
     }},
    {"lang", 0, true, true,
     [](Config& c, const std::string& v) -> std::optional<Bilingual> {
       auto l = choose(kLangs, v);
       if (!l) return bad_value("--lang", v, kLangs);
       c.lang = nianbao::Lang(*l);
       return std::nullopt;
     }},
    {"fail-on", 0, true, true,
     [](Config& c, const std::string& v) -> std::optional<Bilingual> {
       auto s = choose(kFailOn, v);
       if (!s) return bad_value("--fail-on", v, kFailOn);
       c.fail_on = *s;
       return std::nullopt;
     }},
    {"output", 'o', true, true,
     [](Config& c, const std::string& v) -> std::optional<Bilingual> {
       if (v.empty()) return Bilingual{"-o 需要一个文件名", "-o needs a file name"};
       c.output = v;
       return std::nullopt;
     }},
    {"jobs", 'j', true, false,
     [](Config& c, const std::string& v) -> std::optional<Bilingual> {
       char* end = nullptr;
       long n = std::strtol(v.c_str(), &end, 10);
       if (v.empty() || *end || n < 0 || n > 1024)
         return Bilingual{"-j 需要 0 到 1024 之间的整数（0 表示全部核心），而不是“" + v + "”",
                          "-j needs a whole number from 0 to 1024 (0: all cores), not '" + v + "'"};
       c.jobs = unsigned(n);
       return std::nullopt;
     }},
    {"quiet", 'q', false, true,
     [](Config& c, const std::string&) -> std::optional<Bilingual> {
       c.quiet = true;
       return std::nullopt;
     }},
    {"progress", 0, false, false,
     [](Config& c, const std::string&) -> std::optional<Bilingual> {
       c.progress = true;
       return std::nullopt;
     }},
    {"help", 'h', false, true,
     [](Config& c, const std::string&) -> std::optional<Bilingual> {
       c.help = true;
       return std::nullopt;
     }},
    {"version", 0, false, true,
     [](Config& c, const std::string&) -> std::optional<Bilingual> {
       c.version = true;
       return std::nullopt;
     }},
};

const OptionSpec* find_long(std::string_view name) {
  for (const OptionSpec& o : kOptions)
    if (name == o.long_name) return &o;
  return nullptr;
}

const OptionSpec* find_short(char name) {
  for (const OptionSpec& o : kOptions)
    if (o.short_name && name == o.short_name) return &o;
  return nullptr;
}

struct CommandName {
  const char* name;
  Command command;
};
constexpr CommandName kCommands[] = {{"check", Command::check}, {"compare", Command::compare}};

Bilingual unknown_option(const std::string& arg) {
  return {"未知选项“" + arg + "”", "unknown option '" + arg + "'"};
}

}  // namespace

std::optional<Bilingual> parse_args(int argc, char** argv, Config& cfg) {
  cfg.lang = language_from_env();
  bool command_seen = false, options_done = false;
  std::vector<std::string> check_only;  // options given that `compare` does not take
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (options_done || arg == "-" || arg.empty() || arg[0] != '-') {
      if (!command_seen) {
        const CommandName* cmd = nullptr;
        for (const CommandName& c : kCommands)
          if (arg == c.name) cmd = &c;
        if (!cmd)
          return Bilingual{"未知命令“" + arg + "”；可用的命令：check、compare",
                           "unknown command '" + arg + "'; the commands are check and compare"};
        cfg.command = cmd->command;
        command_seen = true;
      } else {
        cfg.paths.push_back(arg);
      }
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    const OptionSpec* spec = nullptr;
    std::optional<std::string> value;  // attached value: --x=V or -xV
    if (arg.rfind("--", 0) == 0) {
      size_t eq = arg.find('=');
      spec = find_long(std::string_view(arg).substr(2, eq == std::string::npos ? std::string::npos : eq - 2));
      if (eq != std::string::npos) value = arg.substr(eq + 1);
    } else {
      spec = find_short(arg[1]);
      if (arg.size() > 2) value = arg.substr(2);
    }
    if (!spec) return unknown_option(arg);
    if (!spec->takes_value && value) {
      if (arg.rfind("--", 0) == 0)
        return Bilingual{"选项 --" + std::string(spec->long_name) + " 不接受值",
                         "option --" + std::string(spec->long_name) + " takes no value"};
      return unknown_option(arg);  // -qx: bundled short options are not supported
    }
    if (spec->takes_value && !value) {
      if (i + 1 >= argc)
        return Bilingual{"选项 " + arg + " 缺少值", "option " + arg + " needs a value"};
      value = argv[++i];
    }
    if (auto err = spec->set(cfg, value.value_or(""))) return err;
    if (!spec->compare) check_only.push_back(arg);
  }
  if (cfg.help || cfg.version) return std::nullopt;
  if (!command_seen)
    return Bilingual{"缺少命令；用法：nianbao check [选项] FILE|DIR|- ... 或 nianbao compare [选项] LAST THIS",
                     "missing command; usage: nianbao check [options] FILE|DIR|- ... or nianbao compare [options] "
                     "LAST THIS"};
  if (cfg.command == Command::compare) {
    if (!check_only.empty())
      return Bilingual{"选项 " + check_only.front() + " 只用于 check，compare 不接受",
                       "option " + check_only.front() + " is for check only; compare does not take it"};
    if (cfg.format != Format::text && cfg.format != Format::json)
      return Bilingual{"compare 只支持 text 和 json 两种输出格式", "compare writes text or json only"};
    if (cfg.paths.size() != 2)
      return Bilingual{"compare 需要两个文件：先上年报告，再本年报告（给出了 " + std::to_string(cfg.paths.size()) + " 个）",
                       "compare needs two files, last year's report then this year's (" +
                           std::to_string(cfg.paths.size()) + " given)"};
  }
  if (cfg.paths.empty())
    return Bilingual{"没有给出要检查的文件（用 - 读取标准输入）",
                     "no files to check (use - to read standard input)"};
  size_t stdin_count = 0;
  for (const std::string& p : cfg.paths) stdin_count += p == "-";
  if (stdin_count > 1)
    return Bilingual{"标准输入（-）只能给一次", "standard input (-) can be given only once"};
  return std::nullopt;
}

}  // namespace cli
