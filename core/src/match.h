// Label matching: the fuzzy comparison of printed labels with template labels.
//
// A label is reduced to its key (letters, digits and Han characters only, so
// spaces, line breaks, brackets and punctuation inside a cell don't matter)
// after its leading enumerator (一、 （三） 5. …) is split off.
#ifndef NIANBAO_MATCH_H
#define NIANBAO_MATCH_H

#include <string>
#include <string_view>

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

/// `text` without leading and trailing ASCII spaces and tabs.
std::string_view trim(std::string_view text);

}  // namespace nianbao

#endif
