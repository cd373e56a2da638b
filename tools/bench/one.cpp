// nianbao_one: the native engine timed per call on one report, for the wasm/native ratio
// that tools/bench/wasm.mjs reports (docs/performance.md, "WebAssembly: speed and size").
//
//   nianbao_one FILE [RUNS] [WARMUP]        (defaults: 100 runs after 10 warm-up calls)
//
// Times, per call, exactly what the wasm binding's check(text) does inside the module:
// nianbao::check with assume_utf8, then to_json with UTF-16 offsets (the binding then hands the
// JSON to JSON.parse, which only the JS side can time). Wall time (steady_clock), like the
// performance.now() the JS side uses. Prints one JSON object: runs, bytes, and for
// "check" (nianbao::check alone) and "check_json" (check + to_json) min / p50 / p95 / mean in ms.
#include <nianbao/nianbao.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

struct Stats {
  double min = 0, p50 = 0, p95 = 0, mean = 0;
};

// Nearest-rank percentiles, the same definition as tools/bench/wasm.mjs.
Stats stats(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto rank = [&](double p) {
    size_t i = static_cast<size_t>(p / 100.0 * static_cast<double>(ms.size()) + 0.999999);
    return ms[std::min(ms.size(), std::max<size_t>(i, 1)) - 1];
  };
  Stats s;
  s.min = ms.front();
  s.p50 = rank(50);
  s.p95 = rank(95);
  double sum = 0;
  for (double v : ms) sum += v;
  s.mean = sum / static_cast<double>(ms.size());
  return s;
}

void print(const char* name, const Stats& s, bool last) {
  std::printf("  \"%s\": {\"min\": %.4f, \"p50\": %.4f, \"p95\": %.4f, \"mean\": %.4f}%s\n", name, s.min, s.p50,
              s.p95, s.mean, last ? "" : ",");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: nianbao_one FILE [RUNS] [WARMUP]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "nianbao_one: cannot read %s\n", argv[1]);
    return 2;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  int runs = argc > 2 ? std::atoi(argv[2]) : 100;
  int warmup = argc > 3 ? std::atoi(argv[3]) : 10;  // the first call counts as one
  if (runs < 1 || warmup < 1) {
    std::fprintf(stderr, "nianbao_one: RUNS and WARMUP must be ≥ 1\n");
    return 2;
  }

  nianbao::Options opts;
  opts.assume_utf8 = true;
  nianbao::JsonOptions json;
  json.utf16 = true;
  using clock = std::chrono::steady_clock;
  auto ms_since = [](clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(clock::now() - t0).count();
  };

  size_t sink = 0;  // keeps the results observable
  auto t_first = clock::now();  // the process's first call: static tables, ICU data
  sink += nianbao::to_json(nianbao::check(text, opts), json).size();
  double first_ms = ms_since(t_first);
  for (int i = 1; i < warmup; i++) sink += nianbao::to_json(nianbao::check(text, opts), json).size();
  std::vector<double> check_ms, both_ms;
  for (int i = 0; i < runs; i++) {
    auto t0 = clock::now();
    nianbao::Result r = nianbao::check(text, opts);
    double c = ms_since(t0);
    sink += nianbao::to_json(r, json).size();
    both_ms.push_back(ms_since(t0));
    check_ms.push_back(c);
  }
  std::printf("{\n  \"file\": \"%s\",\n  \"bytes\": %zu,\n  \"runs\": %d,\n  \"warmup\": %d,\n  \"json_bytes\": %zu,\n"
              "  \"first\": %.4f,\n",
              argv[1], text.size(), runs, warmup, sink / static_cast<size_t>(runs + warmup), first_ms);
  print("check", stats(check_ms), false);
  print("check_json", stats(both_ms), true);
  std::printf("}\n");
  return 0;
}
