// libFuzzer target: the whole `nianbao::check` entry point (first byte: option
// flags, rest: the input) plus to_json. See fuzz/README.md and fuzz/harness.h.
#include <cstdio>
#include <cstdlib>

#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string problem = nianbao::fuzz::check_target(data, size);
  if (!problem.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
