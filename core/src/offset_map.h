// OffsetMap: where each byte of a derived text came from in its source text.
//
// Every stage that rewrites text (decoding, HTML-to-text, folding) builds one
// while it writes, so that any position found later can be traced back to the
// original input. Runs of copied bytes share one segment, so the map is small
// (proportional to the number of edits, not to the text).
#ifndef NIANBAO_OFFSET_MAP_H
#define NIANBAO_OFFSET_MAP_H

#include <cstdint>
#include <vector>

namespace nianbao {

class OffsetMap {
 public:
  /// `n` bytes copied unchanged.
  void copy(uint32_t n) {
    if (n == 0) return;
    if (segs_.empty() || !segs_.back().identity() || segs_.back().x0 + (y_ - segs_.back().y0) != x_)
      segs_.push_back({y_, x_, kIdentity});
    y_ += n; x_ += n;
  }
  /// `src` source bytes became `dst` derived bytes (a folded character…).
  void replace(uint32_t src, uint32_t dst) {
    if (dst == 0) { x_ += src; return; }
    segs_.push_back({y_, x_, x_ + src});
    y_ += dst; x_ += src;
  }
  /// `src` source bytes dropped.
  void skip(uint32_t src) { x_ += src; }
  /// `dst` derived bytes with no source (a separator the stage added).
  void insert(uint32_t dst) { replace(0, dst); }

  uint32_t derived_size() const { return y_; }
  uint32_t source_size() const { return x_; }

  /// Source position of a start position `y` (the first source byte).
  uint32_t start(uint32_t y) const {
    const Seg* s = find(y);
    if (!s) return y;
    return s->identity() ? s->x0 + (y - s->y0) : s->x0;
  }
  /// Source position of an end position `y` (one past the last source byte).
  uint32_t end(uint32_t y) const {
    if (y == 0) return start(0);
    const Seg* s = find(y - 1);
    if (!s) return y;
    return s->identity() ? s->x0 + (y - s->y0) : s->x1;
  }
  /// Give back the growth room once the map is built (it lives as long as the Doc).
  void shrink() { segs_.shrink_to_fit(); }
  /// An identity map of `n` bytes.
  static OffsetMap identity(uint32_t n) { OffsetMap m; m.copy(n); return m; }

 private:
  // 12 bytes: a folded report has a segment pair at every full-width punctuation mark, so this is
  // most of the map (x1 == kIdentity marks a copied run; inputs are far below 4 GB).
  static constexpr uint32_t kIdentity = UINT32_MAX;
  struct Seg {
    uint32_t y0, x0, x1;
    bool identity() const { return x1 == kIdentity; }
  };
  /// The segment holding `y`. Lookups mostly come in text order, so the last
  /// answer and its successor are tried before a binary search.
  const Seg* find(uint32_t y) const {
    if (segs_.empty()) return nullptr;
    const size_t n = segs_.size();
    for (size_t h = hint_; h < n && h <= hint_ + 1; ++h)
      if (segs_[h].y0 <= y && (h + 1 == n || y < segs_[h + 1].y0)) {
        hint_ = h;
        return &segs_[h];
      }
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
      size_t mid = (lo + hi) / 2;
      if (segs_[mid].y0 <= y) lo = mid; else hi = mid;
    }
    hint_ = lo;
    return &segs_[lo];
  }
  std::vector<Seg> segs_;
  mutable size_t hint_ = 0;  // the segment found last (a Doc is used by one thread)
  uint32_t y_ = 0, x_ = 0;
};

}  // namespace nianbao

#endif
