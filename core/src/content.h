// content: what the content checks share (internal to content*.cpp).
//
// Every content check reads the folded text `doc.text` and the Analysis, adds
// `Check` entries to `a.checks` and findings to `doc.findings`. Positions are
// folded-text offsets. Prose (sentences, not table cells) is read through a
// `Prose` stream: the prose lines of a range, spaces dropped and PDF line
// wraps joined, with the folded offset of every byte kept.
#ifndef NIANBAO_CONTENT_H
#define NIANBAO_CONTENT_H

#include <string.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis.h"
#include "utf8.h"

namespace nianbao {
namespace content {

/// Position of `w` in `s` at or after `from`, or npos. glibc's memmem skips
/// by a hash of byte pairs; std::string_view::find stops at every copy of the
/// needle's first byte, which in CJK text (lead bytes E4–E9) is every few
/// characters.
inline size_t find_text(std::string_view s, std::string_view w, size_t from = 0) {
  if (from > s.size()) return std::string_view::npos;
  if (w.empty()) return from;
  const void* p = memmem(s.data() + from, s.size() - from, w.data(), w.size());
  return p ? size_t(static_cast<const char*>(p) - s.data()) : std::string_view::npos;
}

/// Decode the code point at byte `i` of valid UTF-8 (the folded text and
/// everything cut from it: decode.cpp replaced every invalid sequence) and
/// advance `i`: ASCII and three-byte characters inline, the rest by utf8_at.
inline int32_t next_char(std::string_view s, size_t& i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned b0 = p[i];
  if (b0 < 0x80) { ++i; return int32_t(b0); }
  if ((b0 & 0xF0) == 0xE0 && i + 2 < s.size()) {
    const int32_t c = int32_t(((b0 & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu));
    i += 3;
    return c;
  }
  return utf8_at(s, i);
}

/// A few dozen code points, each with a byte of flags, for a lookup per
/// character of a text: one bit per BMP code point says whether it is there
/// at all (8 KB; most characters stop at that load), then open addressing in
/// 1024 slots. Filled once (static tables); get() of an absent code point is 0.
class CharMap {
 public:
  CharMap() {
    for (uint32_t& k : keys_) k = kEmpty;
  }
  void set(int32_t cp, uint8_t bits) {
    if (cp >= 0 && cp < 0x10000) present_[size_t(cp) >> 6] |= uint64_t(1) << (cp & 63);
    size_t i = slot(cp);
    while (keys_[i] != kEmpty && keys_[i] != uint32_t(cp)) i = (i + 1) & (kSlots - 1);
    keys_[i] = uint32_t(cp);
    bits_[i] |= bits;
  }
  uint8_t get(int32_t cp) const {
    if (cp >= 0 && cp < 0x10000 && !((present_[size_t(cp) >> 6] >> (cp & 63)) & 1)) return 0;
    for (size_t i = slot(cp);; i = (i + 1) & (kSlots - 1)) {
      if (keys_[i] == uint32_t(cp)) return bits_[i];
      if (keys_[i] == kEmpty) return 0;
    }
  }

 private:
  static constexpr size_t kSlots = 1024;  // a few dozen keys: nearly every lookup is one probe
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  static size_t slot(int32_t cp) { return size_t((uint32_t(cp) * 0x9E3779B1u) >> 22); }
  uint64_t present_[0x10000 / 64] = {};
  uint32_t keys_[kSlots];
  uint8_t bits_[kSlots] = {};
};

/// Every occurrence of each of `words` in `s`: f(position, word index), in
/// text order for each word (not across words). A word holding a byte that is
/// rare in Chinese text — ASCII (the fold made full-width punctuation ASCII)
/// or a UTF-8 lead byte outside E4–E9 (【 is E3 80 90) — is found by memchr
/// on that byte, one pass for all the words sharing it; the others by memmem.
void find_all(std::string_view s, const std::vector<std::string_view>& words,
              const std::function<void(size_t, size_t)>& f);

/// Position of the first occurrence of any of `words` in `s`, or npos: one
/// search for their common prefix, each hit then compared (else one search
/// per word).
size_t find_first_word(std::string_view s, const std::string_view* words, size_t n);
template <size_t N>
size_t find_first_word(std::string_view s, const std::string_view (&words)[N]) {
  return find_first_word(s, words, N);
}

/// Is line `li` prose: outside every table, no tab-separated cells, no pipe row?
bool is_prose_line(const Doc& doc, const Analysis& a, size_t li);

/// Prose of folded range [from, to): prose lines only, spaces and tabs
/// dropped; a line break is kept as '\n' when the line ends a sentence
/// (。！？；：) and dropped otherwise (a PDF wrap inside a sentence).
struct Prose {
  std::string text;
  /// Where the bytes of `text` come from: runs of bytes copied from
  /// consecutive folded offsets, the run at byte `at` of `text` starting at
  /// folded offset `from` (an added '\n' stands for the folded offset of the
  /// break). Runs, not one offset per byte: a fifth of the memory.
  struct Run { uint32_t at, from; };
  std::vector<Run> runs;
  uint32_t start(size_t i) const;  // folded offset of byte i
  uint32_t end(size_t i) const;    // folded offset one past byte i-1
  /// Clears and fills the stream (its buffers are reused).
  void build(const Doc& doc, const Analysis& a, uint32_t from, uint32_t to);

 private:
  void append(std::string_view bytes, uint32_t folded);
};

/// Folded range of the body of every section with one of these keys.
std::vector<std::pair<uint32_t, uint32_t>> section_bodies(const Analysis& a, std::initializer_list<const char*> keys);

/// A number printed in prose: ASCII digits ("1,295", "4068.208") or a Chinese
/// numeral (十五, 二十一, 两, 一百零三). Parses at byte `i` of `s`; returns the
/// byte length (0: none).
size_t parse_number(std::string_view s, size_t i, double& value);
/// The characters of Chinese numerals parse_number reads.
std::u32string_view zh_numeral_chars();

/// Add a check to the analysis; returns it for filling.
Check& add_check(Analysis& a, std::string id, Status status, std::string formula = {});

/// A check id's detail part from free text (lowercase ASCII letters, digits, '_').
std::string id_part(std::string_view s);

/// 1-based line number of a folded position.
std::string line_no(const Doc& doc, uint32_t pos);

// The checks, one per file (content_*.cpp), run in this order by content.cpp.
void check_narrative(Doc& doc, Analysis& a);    // text.narrative_vs_table
void check_copies(Doc& doc, Analysis& a);       // text.duplicate_section
void check_identity(Doc& doc, Analysis& a);     // text.foreign_org, text.year_mismatch
void check_values(Doc& doc, Analysis& a);       // proactive.unit, *.plausibility
void check_template(Doc& doc, Analysis& a);     // template.label, template.missing_row, template.generation
void check_required(Doc& doc, Analysis& a);     // text.required
void check_artifacts(Doc& doc, Analysis& a);    // text.artifact

}  // namespace content
}  // namespace nianbao

#endif
