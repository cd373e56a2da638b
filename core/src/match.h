// Label matching: the fuzzy comparison of printed labels with template labels.
//
// A label is reduced to its key (letters, digits and Han characters only, so
// spaces, line breaks, brackets and punctuation inside a cell don't matter)
// after its leading enumerator (一、 （三） 5. …) is split off.
#ifndef NIANBAO_MATCH_H
#define NIANBAO_MATCH_H

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nianbao {

/// A leading enumerator: 一、 / 一. / （一） / (1) / 1. / 1、
struct Enumerator {
  int value = 0;             // 一 = 1 … ; 0 when none
  bool parenthesized = false;
  bool chinese = false;      // 一 vs 1
  size_t length = 0;         // bytes of text it occupies (with its delimiter and spaces)
  std::string printed;       // as printed, trimmed ("一、", "(一)")
};

/// Parse an enumerator at the start of (folded) `text`.
Enumerator parse_enumerator(std::string_view text);
/// parse_enumerator(text).length, without building the Enumerator.
size_t enumerator_length(std::string_view text);

/// Chinese numeral 一…九十九 → value, or 0.
int chinese_number(std::u32string_view s);
std::string chinese_numeral(int n);  // 1 → 一

/// Letters, digits and Han characters of `text`, as code points.
std::u32string label_key(std::string_view text);

/// Similarity of a printed key with a template key, 0…100.
///   100 equal; 85 the printed key is a long prefix of the template's (cut label);
///   80 the template key is a prefix of the printed one (trailing note);
///   otherwise 100·2·LCS/(|a|+|b|) when ≥ 75, else 0.
int label_score(const std::u32string& printed, const std::u32string& tmpl);

/// Best score of `printed` against a template label and its '|'-separated variants,
/// all compared without their enumerators.
int best_label_score(const std::u32string& printed, std::string_view label, std::string_view variants);

/// A fixed list of template labels (each with its '|'-separated variants), scored
/// together against one printed key. `best` gives what calling best_label_score
/// on every entry in order and keeping the first highest score would, but it looks
/// the key up exactly first (100 is the top score), then scores only the distinct
/// template keys whose length allows a score at all, once each, with a bit-parallel
/// LCS that touches only the keys holding each printed character. Build once (a
/// function-local static); queries are const and thread-safe.
class LabelSet {
 public:
  /// Entries in order: a template label and its variants ("" if none).
  explicit LabelSet(const std::vector<std::pair<std::string_view, std::string_view>>& entries);
  struct Best {
    int index = -1;  // entry; -1 when every entry scores 0
    int score = 0;
  };
  /// The earliest entry with the highest score above 0.
  Best best(std::u32string_view printed) const;

 private:
  struct Key {
    uint32_t off, len;       // in chars_
    uint32_t first_entry;    // earliest entry holding this key: the one that wins its ties
  };
  std::u32string chars_;                  // every distinct key, back to back
  std::vector<Key> keys_;                 // sorted by length
  std::vector<uint32_t> len_begin_;       // keys of length n: keys_[len_begin_[n] … len_begin_[n + 1])
  std::vector<uint32_t> exact_;           // open addressing: key index + 1, 0 empty
  std::vector<std::pair<char32_t, uint32_t>> alphabet_;  // open addressing: character → id + 1
  /// Per character id, the keys holding it and its positions there (keys ≤ 64 characters):
  /// occurrences_[occ_begin_[id] … occ_begin_[id + 1]).
  std::vector<uint32_t> occ_begin_;
  std::vector<std::pair<uint32_t, uint64_t>> occurrences_;
  uint32_t find_key(std::u32string_view k) const;
  uint32_t char_id(char32_t c) const;     // id + 1, 0 when no key has it
  uint32_t keys_shorter_than(size_t n) const;  // index of the first key of length ≥ n
};

/// Letters, digits and Han characters of `text` (as label_key) into `out`, reusing its storage.
void label_key_into(std::string_view text, std::u32string& out);
/// label_key_into, giving up (false) when the key would be longer than `max`.
bool label_key_upto(std::string_view text, std::u32string& out, size_t max);

/// `text` without leading and trailing ASCII spaces and tabs.
inline std::string_view trim(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
  return text.substr(b, e - b);
}

}  // namespace nianbao

#endif
