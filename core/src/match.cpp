#include "match.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <vector>

#include "utf8.h"

namespace nianbao {
namespace {

int digit_of(char32_t c) {
  static const char32_t kDigits[] = U"〇一二三四五六七八九";
  for (int i = 0; i < 10; ++i)
    if (kDigits[i] == c) return i;
  if (c == U'两') return 2;
  return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::string_view trim(std::string_view t) {
  while (!t.empty() && is_space(t.front())) t.remove_prefix(1);
  while (!t.empty() && is_space(t.back())) t.remove_suffix(1);
  return t;
}

int chinese_number(std::u32string_view s) {
  if (s.empty() || s.size() > 3) return 0;
  int value = 0, cur = 0;
  bool seen_ten = false;
  for (char32_t c : s) {
    if (c == U'十') {
      if (seen_ten) return 0;
      seen_ten = true;
      value += (cur == 0 ? 1 : cur) * 10;
      cur = 0;
    } else {
      int d = digit_of(c);
      if (d < 0) return 0;
      cur = cur * 10 + d;  // 二〇二〇-style digits also accumulate
    }
  }
  return value + cur;
}

std::string chinese_numeral(int n) {
  static const char* kD[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n <= 0 || n >= 100) return std::to_string(n);
  if (n < 10) return kD[n];
  std::string s = n / 10 == 1 ? "" : kD[n / 10];
  s += "十";
  if (n % 10) s += kD[n % 10];
  return s;
}

Enumerator parse_enumerator(std::string_view text) {
  Enumerator e;
  size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  size_t begin = i;
  bool open = false;
  // Template labels are unfolded: accept （ ） as well as ( ).
  if (i < text.size() && text[i] == '(') { open = true; ++i; }
  else if (text.compare(i, 3, "（") == 0) { open = true; i += 3; }
  while (i < text.size() && is_space(text[i])) ++i;
  // The numeral: Chinese or ASCII digits.
  std::u32string zh;
  int ascii = 0, ascii_digits = 0;
  size_t j = i;
  while (j < text.size()) {
    size_t k = j;
    int32_t c = utf8_at(text, k);
    if (digit_of(char32_t(c)) >= 0 || c == U'十') {
      if (ascii_digits) break;
      zh += char32_t(c);
      j = k;
    } else if (is_ascii_digit(c) && zh.empty() && ascii_digits < 3) {
      ascii = ascii * 10 + (c - '0');
      ++ascii_digits;
      j = k;
    } else {
      break;
    }
  }
  if (zh.empty() && !ascii_digits) return e;
  int value = zh.empty() ? ascii : chinese_number(zh);
  if (value <= 0) return e;
  size_t after = j;
  while (after < text.size() && is_space(text[after])) ++after;
  bool delim = false;
  if (open) {
    if (after < text.size() && text[after] == ')') { ++after; delim = true; }
    else if (text.compare(after, 3, "）") == 0) { after += 3; delim = true; }
    else return e;
  }
  // Delimiters after the numeral: 、 . , : (folded forms).
  while (after < text.size()) {
    if (text.compare(after, 3, "、") == 0) { after += 3; delim = true; }
    else if (text[after] == '.' || text[after] == ',' || text[after] == ':') {
      // "1.5" is a number, not an enumerator.
      if (text[after] == '.' && after + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[after + 1])) != 0)
        return e;
      ++after; delim = true;
    } else break;
    while (after < text.size() && is_space(text[after])) ++after;
  }
  if (!delim) {
    // A bare numeral counts only when a space separates it from Han text: "一 总体情况".
    if (after == j || after >= text.size()) return e;
    size_t k = after;
    if (!is_han(utf8_at(text, k))) return e;
    if (zh.empty()) return e;  // "2020 年" is not an enumerator
  }
  while (after < text.size() && is_space(text[after])) ++after;
  e.value = value;
  e.parenthesized = open;
  e.chinese = !zh.empty();
  e.length = after;
  e.printed = std::string(trim(text.substr(begin, after - begin)));
  return e;
}

std::u32string label_key(std::string_view text) {
  std::u32string k;
  for (size_t i = 0; i < text.size();) {
    int32_t c = utf8_at(text, i);
    if (is_han(c) || is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) k += char32_t(c);
  }
  return k;
}

namespace {

/// Longest common subsequence of `a` and `b` by dynamic programming (sizes ≤ 80).
int lcs_table(const std::u32string& a, const std::u32string& b) {
  int prev[81] = {0}, cur[81] = {0};
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    std::copy(cur, cur + b.size() + 1, prev);
  }
  return prev[b.size()];
}

/// A template label's key with what scoring against it needs, computed once.
struct TemplateKey {
  std::string text;                                   // the label as given (checked on every hit)
  std::u32string key;                                 // label_key without the enumerator
  std::vector<std::pair<char32_t, uint64_t>> masks;   // sorted: character → positions in `key` (≤ 64)
};

/// LCS length of `a` and `t.key` with the bit-parallel algorithm of Allison and
/// Dix (Hyyrö's formulation): one word operation per character of `a`.
int lcs_bits(const std::u32string& a, const TemplateKey& t) {
  uint64_t v = ~uint64_t(0);
  for (char32_t c : a) {
    auto it = std::lower_bound(t.masks.begin(), t.masks.end(), std::make_pair(c, uint64_t(0)));
    if (it == t.masks.end() || it->first != c) continue;
    uint64_t u = v & it->second;
    v = (v + u) | (v - u);
  }
  uint64_t used = t.key.size() == 64 ? ~uint64_t(0) : (uint64_t(1) << t.key.size()) - 1;
  return __builtin_popcountll(~v & used);
}

/// The scores that need no LCS: 100 equal, 85 cut label, 80 trailing note, 0 empty or too
/// long (labels are short); -1 when only the LCS can tell.
int quick_score(const std::u32string& a, const std::u32string& b) {
  if (a.empty() || b.empty()) return 0;
  if (a == b) return 100;
  if (a.size() >= 4 && a.size() < b.size() && b.compare(0, a.size(), a) == 0 && a.size() * 3 >= b.size())
    return 85;
  if (b.size() >= 2 && a.size() > b.size() && a.compare(0, b.size(), b) == 0 && b.size() * 2 >= a.size())
    return 80;
  if (a.size() > 80 || b.size() > 80) return 0;
  return -1;
}

/// 100·2·LCS/(|a|+|b|) when it reaches 75 (capped at 79, under every prefix score), else 0.
int lcs_score(int lcs, size_t na, size_t nb) {
  int s = int(200 * lcs / int(na + nb));
  return s >= 75 ? std::min(s, 79) : 0;
}

/// label_score with `b` a template key: the same result, faster LCS.
int score(const std::u32string& a, const TemplateKey& t) {
  const std::u32string& b = t.key;
  if (int q = quick_score(a, b); q >= 0) return q;
  // LCS ≤ the shorter length: when even that scores under 75, skip it.
  if (200 * std::min(a.size(), b.size()) / (a.size() + b.size()) < 75) return 0;
  return lcs_score(b.size() <= 64 ? lcs_bits(a, t) : lcs_table(a, b), a.size(), b.size());
}

/// The key of a template label, computed once per label (per thread). Labels
/// are looked up by address (template labels are literals) and their text
/// compared, so a different string at a reused address is recomputed.
const TemplateKey& template_key(std::string_view label) {
  thread_local std::unordered_map<const char*, std::vector<TemplateKey>> cache;
  std::vector<TemplateKey>& at = cache[label.data()];
  for (const TemplateKey& t : at)
    if (t.text == label) return t;
  TemplateKey t;
  t.text = std::string(label);
  Enumerator e = parse_enumerator(label);
  t.key = label_key(label.substr(e.length));
  if (t.key.size() <= 64)
    for (size_t j = 0; j < t.key.size(); ++j) {
      auto it = std::lower_bound(t.masks.begin(), t.masks.end(), std::make_pair(t.key[j], uint64_t(0)));
      if (it == t.masks.end() || it->first != t.key[j]) it = t.masks.insert(it, {t.key[j], 0});
      it->second |= uint64_t(1) << j;
    }
  at.push_back(std::move(t));
  return at.back();
}

}  // namespace

int label_score(const std::u32string& a, const std::u32string& b) {
  if (int q = quick_score(a, b); q >= 0) return q;
  return lcs_score(lcs_table(a, b), a.size(), b.size());
}

int best_label_score(const std::u32string& printed, std::string_view label, std::string_view variants) {
  int best = score(printed, template_key(label));
  while (!variants.empty()) {
    size_t bar = variants.find('|');
    best = std::max(best, score(printed, template_key(variants.substr(0, bar))));
    if (bar == std::string_view::npos) break;
    variants.remove_prefix(bar + 1);
  }
  return best;
}

}  // namespace nianbao
