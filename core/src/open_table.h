// Sizing of the engine's open-addressing hash tables (linear probing over a power-of-two
// array: TableHit::find, LabelSet, the copy detector's first occurrences).
#ifndef NIANBAO_OPEN_TABLE_H
#define NIANBAO_OPEN_TABLE_H

#include <cstddef>

namespace nianbao {

/// Slots for `n` keys: the smallest power of two ≥ 2n, at least 16, so that the table is
/// at most half full and a probe sequence is short.
inline size_t open_table_size(size_t n) {
  size_t s = 16;
  while (s < 2 * n) s *= 2;
  return s;
}

}  // namespace nianbao

#endif
