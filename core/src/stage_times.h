// Development aid: CPU time per pipeline stage, printed to stderr at exit.
// Only compiled when NIANBAO_STAGE_TIMES is defined (never in the shipped
// engine, which does no I/O):
//   cmake -S tools/bench -B build/stage -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS=-DNIANBAO_STAGE_TIMES
//   build/stage/nianbao_bench throughput --corpus tests/corpus --mb 5
// Totals cover every call, the benchmark's warm-up round included.
#ifndef NIANBAO_STAGE_TIMES_H
#define NIANBAO_STAGE_TIMES_H

#ifdef NIANBAO_STAGE_TIMES
#include <time.h>

#include <cstdio>

namespace nianbao::stage_times {

struct Totals {
  static constexpr int kMax = 32;
  const char* name[kMax] = {};
  double seconds[kMax] = {};
  ~Totals() {
    for (int i = 0; i < kMax; ++i)
      if (name[i]) std::fprintf(stderr, "stage %-12s %9.1f ms\n", name[i], seconds[i] * 1e3);
  }
};
inline Totals& totals() {
  static Totals t;
  return t;
}
inline double now() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}
struct Scope {
  int slot;
  double t0 = now();
  Scope(int s, const char* n) : slot(s) { totals().name[s] = n; }
  ~Scope() { totals().seconds[slot] += now() - t0; }
};

}  // namespace nianbao::stage_times

/// Time the rest of the enclosing block as stage `slot` (0…31) named `name`.
#define NIANBAO_STAGE(slot, name) ::nianbao::stage_times::Scope nianbao_stage_##slot(slot, name)
#else
#define NIANBAO_STAGE(slot, name) ((void)0)
#endif
/// Run `call` as stage `slot` named `name`.
#define NIANBAO_TIMED(slot, name, call) \
  do {                                  \
    NIANBAO_STAGE(slot, name);          \
    call;                               \
  } while (0)

#endif
