// libFuzzer target: the table tokenizer and readers. The fuzzed bytes follow a
// minimal table header (one of fuzz/harness.h kTableHeads, picked by the high
// nibble of the first byte), so nearly every input is read as table rows.
#include <cstdio>
#include <cstdlib>

#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string problem = nianbao::fuzz::tables_target(data, size);
  if (!problem.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
