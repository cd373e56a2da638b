// nianbao_bench: how fast and how lean `nianbao::check` is (docs/performance.md).
//
//   nianbao_bench throughput --corpus DIR [--mb N] [--rounds R]
//   nianbao_bench scale      --corpus DIR [--sizes 10K,100K,1M,10M,100M]
//   nianbao_bench batch      --corpus DIR --cli PATH --work DIR [--files N]
//   nianbao_bench all        --corpus DIR --cli PATH --work DIR [--doc docs/performance.md]
//
// Every figure is measured in this run on this machine; nothing is remembered
// between runs. MB = 10^6 bytes. Times are wall-clock, single thread unless a
// row says otherwise; each timed figure is the median of several rounds.
//
// throughput  check() on every corpus report (tests/corpus/*.txt), the corpus
//             concatenated and repeated to ~N MB, against a baseline on the
//             same bytes: decode every UTF-8 code point and split the lines.
// scale       one input of each size, each in a fresh child process (this
//             binary again, `scale-one`), so that its peak RSS (VmHWM) is the
//             cost of that input alone.
// batch       N reports synthesized from the corpus with varied numbers, checked
//             by the CLI (`nianbao check --format json DIR`) with -j1 and -jN.
#include <nianbao/nianbao.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

[[noreturn]] void die(const std::string& zh, const std::string& en) {
  std::fprintf(stderr, "nianbao_bench: %s / %s\n", zh.c_str(), en.c_str());
  std::exit(2);
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

/// CPU time of the calling thread: what "per core" means, and robust against
/// other processes sharing the machine (wall time is not).
double thread_cpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + ts.tv_nsec / 1e9;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

std::string fmt(const char* f, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, x);
  return buf;
}

std::string human_size(uint64_t b) {
  if (b >= 1000000) return fmt("%.0f MB", b / 1e6);
  return fmt("%.0f KB", b / 1e3);
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) die("无法读取 " + p.string(), "cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ── the corpus ───────────────────────────────────────────────────────────────

struct Corpus {
  std::vector<std::string> names, texts;
  size_t bytes = 0;
};

Corpus load_corpus(const fs::path& dir) {
  Corpus c;
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  if (ec || files.empty()) die("语料目录中没有 .txt 报告：" + dir.string(), "no .txt reports in the corpus directory " + dir.string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    c.names.push_back(f.filename().string());
    c.texts.push_back(read_file(f));
    c.bytes += c.texts.back().size();
  }
  return c;
}

/// The corpus concatenated and repeated until it holds at least `want` bytes;
/// `docs` gets the [offset, length) of every report copy.
std::string repeated(const Corpus& c, size_t want, std::vector<std::pair<size_t, size_t>>* docs = nullptr) {
  std::string s;
  s.reserve(want + c.bytes);
  while (s.size() < want)
    for (const auto& t : c.texts) {
      if (docs) docs->push_back({s.size(), t.size()});
      s += t;
      if (!t.empty() && t.back() != '\n') s += '\n';
    }
  return s;
}

// ── the baseline: what any text tool does at least ───────────────────────────

/// Split the text into lines and decode each line's UTF-8 into code points
/// (validating; U+FFFD for bad bytes): the least any text tool does.
std::vector<std::u32string> baseline(std::string_view s) {
  std::vector<std::u32string> lines(1);
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  auto cont = [&](size_t k) { return k < n && (p[k] & 0xC0) == 0x80; };
  for (size_t i = 0; i < n;) {
    uint32_t c = p[i], cp = 0xFFFD;
    size_t len = 1;
    if (c < 0x80) {
      cp = c;
    } else if (c >= 0xC2 && c <= 0xDF && cont(i + 1)) {
      cp = ((c & 0x1F) << 6) | (p[i + 1] & 0x3F), len = 2;
    } else if (c >= 0xE0 && c <= 0xEF && cont(i + 1) && cont(i + 2)) {
      uint32_t v = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
      if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) cp = v, len = 3;
    } else if (c >= 0xF0 && c <= 0xF4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
      uint32_t v = ((c & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12) | ((p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
      if (v >= 0x10000 && v <= 0x10FFFF) cp = v, len = 4;
    }
    i += len;
    if (cp == '\n') lines.emplace_back();
    else lines.back().push_back(char32_t(cp));
  }
  return lines;
}

// ── reporting ────────────────────────────────────────────────────────────────

/// A markdown table, printed and kept for docs/performance.md.
struct Table {
  std::vector<std::string> head;
  std::vector<std::vector<std::string>> rows;
  std::string markdown() const {
    auto line = [](const std::vector<std::string>& cells) {
      std::string s = "|";
      for (const auto& c : cells) s += " " + c + " |";
      return s + "\n";
    };
    std::string s = line(head) + "|";
    for (size_t i = 0; i < head.size(); ++i) s += i == 0 ? "---|" : "---:|";
    s += "\n";
    for (const auto& r : rows) s += line(r);
    return s;
  }
};

struct Section {
  std::string title, body;
  bool ok = true;  // met its targets
};

std::string machine() {
  std::ifstream in("/proc/cpuinfo");
  std::string l, model = "unknown CPU";
  while (std::getline(in, l))
    if (l.rfind("model name", 0) == 0) { model = l.substr(l.find(':') + 2); break; }
  std::ifstream la("/proc/loadavg");
  std::string load1;
  la >> load1;
  return model + ", " + std::to_string(std::thread::hardware_concurrency()) + " cores, load average " +
         (load1.empty() ? "?" : load1) + " at the start; " +
#ifdef __clang__
         "clang "
#else
         "g++ "
#endif
         + std::string(__VERSION__) +
#ifdef NDEBUG
         ", NDEBUG"
#else
         ", assertions on (not a Release build!)"
#endif
      ;
}

// ── throughput ───────────────────────────────────────────────────────────────

Section throughput(const Corpus& c, double mb, int rounds) {
  std::vector<std::pair<size_t, size_t>> docs;
  std::string buf = repeated(c, size_t(mb * 1e6), &docs);
  std::string_view all(buf);
  std::vector<double> t_base, t_check;
  uint64_t sink = 0;
  size_t diags = 0;
  for (int r = 0; r < rounds + 1; ++r) {  // round 0 warms caches and ICU
    double t0 = thread_cpu();
    for (auto [off, len] : docs) sink += baseline(all.substr(off, len)).size();
    double tb = thread_cpu() - t0;
    t0 = thread_cpu();
    for (auto [off, len] : docs) {
      nianbao::Result res = nianbao::check(all.substr(off, len));
      diags += res.diagnostics.size();
    }
    double tc = thread_cpu() - t0;
    if (r == 0) continue;
    t_base.push_back(tb);
    t_check.push_back(tc);
  }
  double mbs_base = buf.size() / 1e6 / median(t_base), mbs_check = buf.size() / 1e6 / median(t_check);
  double ratio = mbs_base / mbs_check;
  Section s;
  s.title = "Native throughput";
  s.ok = ratio <= 10 && mbs_check >= 50;
  Table t{{"pass over the same bytes", "MB/s per core", "CPU time per round", "vs baseline"}, {}};
  t.rows.push_back({"baseline: UTF-8 decode + line split", fmt("%.1f", mbs_base), fmt("%.1f ms", median(t_base) * 1e3), "1.0×"});
  t.rows.push_back({"`nianbao::check`, report by report", fmt("%.1f", mbs_check), fmt("%.1f ms", median(t_check) * 1e3),
                    fmt("%.1f× slower", ratio)});
  std::ostringstream o;
  o << "`nianbao::check` on the " << c.texts.size() << " corpus reports (`tests/corpus/*.txt`, "
    << fmt("%.1f", c.bytes / 1e3) << " KB) concatenated and repeated to " << fmt("%.1f", buf.size() / 1e6)
    << " MB (" << docs.size() << " reports per round), one call per report, single thread, thread CPU time; median "
    << "of " << rounds << " rounds after a warm-up round. The baseline runs over the same bytes in the same rounds: "
    << "it splits each report into lines and decodes every line's UTF-8 into a `std::u32string` (validating, "
    << "U+FFFD for bad bytes) — the least any text tool does.\n\n"
    << t.markdown() << "\nTargets: `check` within 10× the baseline and at least 50 MB/s per core — "
    << (s.ok ? "**met**" : "**NOT met**") << " (" << fmt("%.1f×", ratio) << ", " << fmt("%.1f MB/s", mbs_check)
    << ").\n";
  s.body = o.str();
  std::fprintf(stderr, "(checksum %llu, %zu diagnostics)\n", (unsigned long long)sink, diags);
  return s;
}

// ── scaling ──────────────────────────────────────────────────────────────────

long status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string l;
  size_t n = std::strlen(field);
  while (std::getline(in, l))
    if (l.compare(0, n, field) == 0 && l.size() > n && l[n] == ':') return std::atol(l.c_str() + n + 1);
  return -1;
}

/// Child: after a warm-up call, build `bytes` of report text and check it until
/// ≥ 0.5 s of CPU time have passed (at least twice); print
/// "bytes seconds_min rss_before_kb hwm_kb lines diagnostics".
int scale_one(const Corpus& c, size_t bytes) {
  nianbao::check("一、总体情况\n");  // warm-up: ICU data mapped, static tables built
  long rss0 = status_kb("VmRSS");
  std::string text = repeated(c, bytes);
  size_t cut = text.rfind('\n', bytes);  // whole lines, at most `bytes`
  text.resize(cut == std::string::npos ? bytes : cut + 1);
  std::vector<double> times;
  size_t lines = 0, diags = 0;
  double start = thread_cpu();
  while (times.size() < 2 || (thread_cpu() - start < 0.5 && times.size() < 200)) {
    double t0 = thread_cpu();
    nianbao::Result r = nianbao::check(text);
    times.push_back(thread_cpu() - t0);
    lines = r.input.lines;
    diags = r.diagnostics.size();
  }
  long hwm = status_kb("VmHWM");
  std::printf("%zu %.9f %ld %ld %zu %zu\n", text.size(), *std::min_element(times.begin(), times.end()), rss0, hwm,
              lines, diags);
  return 0;
}

/// Run this binary with `args`; return its standard output.
std::string run_capture(const std::vector<std::string>& args) {
  int fd[2];
  if (pipe(fd) != 0) die("pipe 失败", "pipe failed");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fd[1], 1);
    close(fd[0]);
    close(fd[1]);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fd[1]);
  std::string out;
  char buf[4096];
  ssize_t k;
  while ((k = read(fd[0], buf, sizeof buf)) > 0) out.append(buf, size_t(k));
  close(fd[0]);
  int st = 0;
  waitpid(pid, &st, 0);
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
    die("子进程失败：" + args[0] + " " + args[1], "child process failed: " + args[0] + " " + args[1]);
  return out;
}

size_t parse_size(std::string s) {
  double mult = 1;
  char u = s.empty() ? 0 : char(std::toupper(static_cast<unsigned char>(s.back())));
  if (u == 'K') mult = 1e3; else if (u == 'M') mult = 1e6; else if (u == 'G') mult = 1e9;
  if (mult != 1) s.pop_back();
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (!end || *end || v <= 0) die("无效的大小：" + s, "invalid size: " + s);
  return size_t(v * mult);
}

Section scaling(const std::string& self, const fs::path& corpus, const std::vector<size_t>& sizes) {
  struct Row { size_t asked, bytes; double secs; long rss0, hwm; size_t lines, diags; };
  std::vector<Row> rows;
  for (size_t sz : sizes) {
    std::istringstream in(run_capture({self, "scale-one", std::to_string(sz), "--corpus", corpus.string()}));
    Row r{};
    r.asked = sz;
    in >> r.bytes >> r.secs >> r.rss0 >> r.hwm >> r.lines >> r.diags;
    if (!in) die("scale-one 输出无法解析", "cannot parse the output of scale-one");
    std::fprintf(stderr, "  %s: %.3f s, peak %ld KB\n", human_size(sz).c_str(), r.secs, r.hwm);
    rows.push_back(r);
  }
  // Linearity: time per byte against the first row of at least 1 MB.
  size_t ref = 0;
  for (size_t i = 0; i < rows.size(); ++i)
    if (rows[i].asked >= 1000000) { ref = i; break; }
  double ref_rate = rows[ref].secs / rows[ref].bytes;
  Section s;
  s.title = "Scaling";
  Table t{{"input", "lines", "diagnostics", "CPU time", "MB/s", "time per byte vs " + human_size(rows[ref].asked),
           "peak RSS", "peak − start", "÷ input"},
          {}};
  double worst_lin = 0, worst_mem = 0;
  for (const auto& r : rows) {
    double lin = (r.secs / r.bytes) / ref_rate;
    double mem = (r.hwm - r.rss0) * 1024.0 / r.bytes;
    if (r.asked >= 1000000) {  // below 1 MB the process's fixed costs dominate both
      worst_lin = std::max(worst_lin, lin);
      worst_mem = std::max(worst_mem, mem);
    }
    t.rows.push_back({human_size(r.asked) + (r.bytes != r.asked ? fmt(" (%.2f MB)", r.bytes / 1e6) : ""),
                      std::to_string(r.lines), std::to_string(r.diags),
                      r.secs < 0.01 ? fmt("%.2f ms", r.secs * 1e3) : fmt("%.3f s", r.secs), fmt("%.1f", r.bytes / 1e6 / r.secs),
                      fmt("%.2f×", lin), fmt("%.1f MB", r.hwm / 1024.0), fmt("%.1f MB", (r.hwm - r.rss0) / 1024.0),
                      fmt("%.1f×", mem)});
  }
  s.ok = worst_lin <= 1.5 && worst_mem < 10;
  std::ostringstream o;
  o << "One input of each size — the corpus reports concatenated and repeated, cut at the last line end within "
       "the size — checked in a fresh child process (`nianbao_bench scale-one`). *CPU time*: the child's thread CPU "
       "time, fastest of the calls made in 0.5 s (at least two). *peak RSS*: the child's VmHWM. *start*: its VmRSS "
       "after one warm-up `check` of a one-line input (ICU data mapped, static tables built) and before the input "
       "was built, so *peak − start* counts the input itself, everything `check` allocates and the `Result`; the "
       "process and ICU's fixed share is *peak RSS* − *peak − start*.\n\n"
    << t.markdown() << "\nTargets, from 1 MB up: linear time (time per byte within 1.5× of the "
    << human_size(rows[ref].asked) << " row: worst " << fmt("%.2f×", worst_lin) << ") and peak memory under 10× the input "
    << "(worst " << fmt("%.1f×", worst_mem) << ") — " << (s.ok ? "**met**" : "**NOT met**") << ".\n";
  s.body = o.str();
  return s;
}

// ── batch ────────────────────────────────────────────────────────────────────

/// A copy of `text` whose table numbers are replaced: every run of ASCII digits
/// that stands alone as a cell (bounded by line ends, spaces, tabs or '|') gets
/// a random value with the same number of digits. Dates and enumerators
/// ("2020年", "1.") are not cells and stay.
std::string vary_numbers(const std::string& text, std::mt19937& rng) {
  auto boundary = [](char ch) { return ch == '\n' || ch == '\r' || ch == ' ' || ch == '\t' || ch == '|'; };
  std::string out = text;
  for (size_t i = 0; i < out.size();) {
    if (out[i] < '0' || out[i] > '9' || (i > 0 && !boundary(out[i - 1]))) { ++i; continue; }
    size_t j = i;
    while (j < out.size() && out[j] >= '0' && out[j] <= '9') ++j;
    if ((j == out.size() || boundary(out[j])) && j - i <= 6) {
      std::uniform_int_distribution<int> digit(0, 9), first(1, 9);
      for (size_t k = i; k < j; ++k) out[k] = char('0' + (k == i && j - i > 1 ? first(rng) : digit(rng)));
    }
    i = j;
  }
  return out;
}

struct Run { double wall, cpu; };

/// Run the CLI, discarding its output; wall time and user+system CPU time.
Run run_cli(const std::vector<std::string>& args) {
  auto t0 = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int st = 0;
  struct rusage ru {};
  wait4(pid, &st, 0, &ru);
  double wall = seconds_since(t0);
  // Exit 1 means "found errors" — expected for reports with varied numbers.
  if (!WIFEXITED(st) || WEXITSTATUS(st) > 1) die("CLI 运行失败：" + args[0], "the CLI failed: " + args[0]);
  double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  return {wall, cpu};
}

Section batch(const Corpus& c, const std::string& cli, const fs::path& work, size_t files) {
  std::error_code ec;
  fs::remove_all(work, ec);
  fs::create_directories(work, ec);
  if (ec) die("无法创建目录 " + work.string(), "cannot create the directory " + work.string());
  uint64_t bytes = 0;
  for (size_t i = 0; i < files; ++i) {
    std::mt19937 rng(uint32_t(i) * 2654435761u + 1);
    std::string text = vary_numbers(c.texts[i % c.texts.size()], rng);
    char name[32];
    std::snprintf(name, sizeof name, "%04zu.txt", i);
    std::ofstream(work / name, std::ios::binary) << text;
    bytes += text.size();
  }
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::vector<unsigned> jobs = {1};
  if (cores > 1) jobs.push_back(cores);
  Section s;
  s.title = "Batch";
  Table t{{"command", "wall", "files/s", "MB/s", "CPU time (user+sys)", "files per CPU-second", "speed-up vs -j1"}, {}};
  double j1 = 0;
  for (unsigned j : jobs) {
    std::vector<double> walls, cpus;
    for (int r = 0; r < 3; ++r) {
      Run run = run_cli({cli, "check", "--format", "json", "-o", "/dev/null", "-j", std::to_string(j), work.string()});
      walls.push_back(run.wall);
      cpus.push_back(run.cpu);
    }
    double w = median(walls);
    if (j == 1) j1 = w;
    t.rows.push_back({"`nianbao check --format json -o /dev/null -j " + std::to_string(j) + " DIR`", fmt("%.2f s", w),
                      fmt("%.0f", files / w), fmt("%.1f", bytes / 1e6 / w), fmt("%.2f s", median(cpus)),
                      fmt("%.0f", files / median(cpus)), fmt("%.2f×", j1 / w)});
    std::fprintf(stderr, "  -j%u: %.2f s\n", j, w);
  }
  std::ostringstream o;
  o << files << " reports (" << fmt("%.1f", bytes / 1e6) << " MB) synthesized from the " << c.texts.size()
    << " corpus reports: report *i* is corpus report *i* mod " << c.texts.size()
    << " with every table number (a digit run standing alone as a cell) replaced by a random one of the same "
       "length, seeded by *i*, so most identities fail and every file gets its own diagnostics. The CLI reads, "
       "checks and writes JSON Lines for all of them; median of 3 runs, process start included. Wall time "
       "depends on what else the machine runs (see the load average above); CPU time does not.\n\n"
    << t.markdown();
  s.body = o.str();
  return s;
}

// ── docs/performance.md ──────────────────────────────────────────────────────

/// Replace each `## <title>` section (up to the next `## ` heading) by the new
/// body, appending sections that are not there yet. Other sections stay as they are.
void rewrite_doc(const fs::path& doc, const std::vector<Section>& sections, const std::string& preface) {
  std::string text;
  if (fs::exists(doc)) text = read_file(doc);
  else text = "# Performance\n";
  for (const Section& s : sections) {
    std::string heading = "## " + s.title + "\n";
    std::string body = heading + "\n" + preface + s.body + "\n";
    size_t at = text.rfind(heading, 0) == 0 ? 0 : text.find("\n" + heading);
    if (at == std::string::npos) {
      if (!text.empty() && text.back() != '\n') text += '\n';
      text += "\n" + body;
      continue;
    }
    if (at > 0) ++at;
    size_t next = text.find("\n## ", at + heading.size() - 1);
    size_t end = next == std::string::npos ? text.size() : next + 1;
    text.replace(at, end - at, body);
  }
  // Tidy: no run of more than one blank line.
  std::string tidy;
  for (char ch : text) {
    if (ch == '\n' && tidy.size() >= 2 && tidy[tidy.size() - 1] == '\n' && tidy[tidy.size() - 2] == '\n') continue;
    tidy += ch;
  }
  std::ofstream(doc, std::ios::binary) << tidy;
}

// ── command line ─────────────────────────────────────────────────────────────

struct Args {
  std::string cmd;
  std::map<std::string, std::string> opt;
  std::vector<std::string> pos;
  std::string get(const std::string& k, const std::string& def = "") const {
    auto it = opt.find(k);
    return it == opt.end() ? def : it->second;
  }
};

const char* kUsage =
    "usage: nianbao_bench throughput|scale|batch|all --corpus DIR [--cli PATH] [--work DIR]\n"
    "         [--mb N] [--rounds R] [--sizes 10K,100K,1M,10M,100M] [--files N] [--doc FILE] [--stamp TEXT]\n"
    "         [--hotspots FILE]   (a markdown table appended to the throughput section)\n"
    "         [--stages FILE]     (likewise: CPU time per pipeline stage)\n"
    "       nianbao_bench scale-one BYTES --corpus DIR\n";

Args parse(int argc, char** argv) {
  Args a;
  if (argc < 2) { std::fputs(kUsage, stderr); std::exit(2); }
  a.cmd = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) == 0) {
      if (i + 1 >= argc) die("选项 " + s + " 缺少取值", "option " + s + " needs a value");
      a.opt[s.substr(2)] = argv[++i];
    } else {
      a.pos.push_back(s);
    }
  }
  if (!a.opt.count("corpus")) die("缺少 --corpus DIR", "missing --corpus DIR");
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  Args a = parse(argc, argv);
  Corpus corpus = load_corpus(a.get("corpus"));
  if (a.cmd == "scale-one") {
    if (a.pos.size() != 1) die("scale-one 需要一个大小", "scale-one needs one size");
    return scale_one(corpus, parse_size(a.pos[0]));
  }
  std::string self = fs::canonical("/proc/self/exe").string();
  std::vector<size_t> sizes;
  {
    std::stringstream ss(a.get("sizes", "10K,100K,1M,10M,100M"));
    for (std::string item; std::getline(ss, item, ',');) sizes.push_back(parse_size(item));
  }
  auto need = [&](const char* k) {
    if (!a.opt.count(k)) die(std::string("缺少 --") + k, std::string("missing --") + k);
    return a.opt[k];
  };
  std::vector<Section> out;
  bool all = a.cmd == "all";
  if (!all && a.cmd != "throughput" && a.cmd != "scale" && a.cmd != "batch") {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string mach = machine();  // load average before the runs
  std::fprintf(stderr, "machine: %s\n", mach.c_str());
  if (all || a.cmd == "throughput") {
    std::fputs("throughput…\n", stderr);
    out.push_back(throughput(corpus, std::atof(a.get("mb", "10").c_str()), std::atoi(a.get("rounds", "5").c_str())));
    if (a.opt.count("stages") && fs::exists(a.get("stages")) && fs::file_size(a.get("stages")) > 0)
      out.back().body += "\nWhere the time goes by stage — the same benchmark (`--mb 2`, one round after the warm-up) "
                         "built with `NIANBAO_STAGE_TIMES` (core/src/stage_times.h), thread CPU time per pipeline "
                         "stage summed over both rounds; indented rows are parts of the stage above:\n\n" +
                         read_file(a.get("stages"));
    if (a.opt.count("hotspots") && fs::exists(a.get("hotspots")))
      out.back().body += "\nWhere the time goes — `perf record` of `nianbao_bench throughput --mb 2` (check and baseline), "
                         "functions with at least 1.5% of the samples by self time:\n\n" + read_file(a.get("hotspots"));
  }
  if (all || a.cmd == "scale") {
    std::fputs("scaling…\n", stderr);
    out.push_back(scaling(self, a.get("corpus"), sizes));
  }
  if (all || a.cmd == "batch") {
    std::fputs("batch…\n", stderr);
    out.push_back(batch(corpus, need("cli"), need("work"), size_t(std::atol(a.get("files", "1000").c_str()))));
  }
  std::string preface = "*Measured by `tools/bench/run`" + (a.opt.count("stamp") ? " (" + a.get("stamp") + ")" : std::string()) +
                        " on " + mach + ".*\n\n";
  bool ok = true;
  for (const auto& s : out) {
    std::printf("## %s\n\n%s\n", s.title.c_str(), s.body.c_str());
    ok &= s.ok;
  }
  if (a.opt.count("doc")) rewrite_doc(a.get("doc"), out, preface);
  return ok ? 0 : 1;
}
