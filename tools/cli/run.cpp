// Parallel checking with ordered output.
//
// Workers claim inputs in order, read and check them, and park the result in
// its slot; the main thread hands slots to the sink strictly in input order.
// Workers never run more than kWindow inputs ahead of the sink, so a batch
// holds at most that many results (and at most `jobs` inputs' bytes) at once.
#include "cli.h"

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <variant>

namespace cli {
namespace {

using Outcome = std::variant<nianbao::Result, Failure>;

Outcome process(const Item& item) {
  std::string bytes;
  if (auto err = read_input(item, bytes)) return Failure{item.path, *err};
  try {
    nianbao::Options opt;
    opt.file = item.path;
    return nianbao::check(bytes, opt);
  } catch (const std::exception& e) {  // the core promises not to throw; keep the batch alive anyway
    return Failure{item.path, {std::string("内部错误：") + e.what(), std::string("internal error: ") + e.what()}};
  }
}

// A one-line progress bar on stderr, redrawn at most ten times a second.
class Progress {
 public:
  Progress(bool on, size_t total) : on_(on && total > 0), total_(total) {}
  void draw(size_t done) {
    if (!on_) return;
    auto now = std::chrono::steady_clock::now();
    if (shown_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    constexpr int kWidth = 30;
    int filled = int(done * kWidth / total_);
    std::string bar(size_t(filled), '#');
    bar.append(size_t(kWidth - filled), '.');
    std::fprintf(stderr, "\r[%s] %zu/%zu", bar.c_str(), done, total_);
    std::fflush(stderr);
    shown_ = true;
  }
  void clear() {
    if (!shown_) return;
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    shown_ = false;
  }

 private:
  bool on_;
  size_t total_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

RunStats run(const std::vector<Item>& items, const Config& cfg, Sink& sink) {
  const size_t n = items.size();
  unsigned jobs = cfg.jobs ? cfg.jobs : std::thread::hardware_concurrency();
  if (jobs == 0) jobs = 1;
  if (jobs > n) jobs = unsigned(n ? n : 1);
  const size_t window = size_t(jobs) * 8;

  std::vector<std::optional<Outcome>> slots(n);
  std::mutex m;
  std::condition_variable ready, space;
  size_t next = 0, emitted = 0, done = 0;

  auto worker = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock<std::mutex> lk(m);
        space.wait(lk, [&] { return next >= n || next < emitted + window; });
        if (next >= n) return;
        i = next++;
      }
      Outcome o = process(items[i]);
      std::lock_guard<std::mutex> lk(m);
      slots[i] = std::move(o);
      ++done;
      ready.notify_one();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < jobs; ++t) pool.emplace_back(worker);

  Progress progress(cfg.progress && !cfg.quiet && ::isatty(STDERR_FILENO), n);
  const bool stdout_is_terminal = cfg.output.empty() && ::isatty(STDOUT_FILENO);
  RunStats stats;
  for (size_t i = 0; i < n; ++i) {
    Outcome o;
    {
      std::unique_lock<std::mutex> lk(m);
      while (!slots[i]) {
        ready.wait_for(lk, std::chrono::milliseconds(100));
        size_t d = done;
        lk.unlock();
        progress.draw(d);
        lk.lock();
      }
      o = std::move(*slots[i]);
      slots[i].reset();
      emitted = i + 1;
    }
    space.notify_all();
    if (auto* r = std::get_if<nianbao::Result>(&o)) {
      ++stats.files;
      for (const nianbao::Diagnostic& d : r->diagnostics)
        if (rank(d.severity) <= cfg.fail_on) stats.findings = true;
      if (stdout_is_terminal) progress.clear();  // keep the bar off the report lines
      sink.result(std::move(*r));
    } else {
      const Failure& f = std::get<Failure>(o);
      ++stats.failed;
      progress.clear();
      std::fprintf(stderr, "nianbao: %s: %s\n", f.path.c_str(), both(f.reason).c_str());
      sink.failure(f);
    }
    progress.draw(i + 1);
  }
  progress.clear();
  for (std::thread& t : pool) t.join();
  return stats;
}

}  // namespace cli
