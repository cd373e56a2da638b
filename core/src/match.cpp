#include "match.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "open_table.h"
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

namespace {

/// parse_enumerator without its strings: where the enumerator starts and ends.
struct EnumeratorScan {
  int value = 0;
  bool parenthesized = false, chinese = false;
  size_t begin = 0, length = 0;
};

EnumeratorScan scan_enumerator(std::string_view text) {
  EnumeratorScan e;
  size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  size_t begin = i;
  bool open = false;
  // Template labels are unfolded: accept （ ） as well as ( ).
  if (i < text.size() && text[i] == '(') { open = true; ++i; }
  else if (text.compare(i, 3, "（") == 0) { open = true; i += 3; }
  while (i < text.size() && is_space(text[i])) ++i;
  // The numeral: Chinese or ASCII digits. Chinese numerals of more than three characters
  // are no number (chinese_number), so only their count matters beyond that.
  char32_t zh[3];
  size_t zh_count = 0;
  int ascii = 0, ascii_digits = 0;
  size_t j = i;
  while (j < text.size()) {
    size_t k = j;
    int32_t c = utf8_at(text, k);
    if (digit_of(char32_t(c)) >= 0 || c == U'十') {
      if (ascii_digits) break;
      if (zh_count < 3) zh[zh_count] = char32_t(c);
      ++zh_count;
      j = k;
    } else if (is_ascii_digit(c) && zh_count == 0 && ascii_digits < 3) {
      ascii = ascii * 10 + (c - '0');
      ++ascii_digits;
      j = k;
    } else {
      break;
    }
  }
  if (zh_count == 0 && !ascii_digits) return e;
  int value = zh_count == 0 ? ascii : zh_count > 3 ? 0 : chinese_number(std::u32string_view(zh, zh_count));
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
    if (zh_count == 0) return e;  // "2020 年" is not an enumerator
  }
  while (after < text.size() && is_space(text[after])) ++after;
  e.value = value;
  e.parenthesized = open;
  e.chinese = zh_count > 0;
  e.begin = begin;
  e.length = after;
  return e;
}

}  // namespace

Enumerator parse_enumerator(std::string_view text) {
  EnumeratorScan s = scan_enumerator(text);
  Enumerator e;
  if (!s.value) return e;
  e.value = s.value;
  e.parenthesized = s.parenthesized;
  e.chinese = s.chinese;
  e.length = s.length;
  e.printed = std::string(trim(text.substr(s.begin, s.length - s.begin)));
  return e;
}

size_t enumerator_length(std::string_view text) { return scan_enumerator(text).length; }

namespace {

/// The key characters of `text` (letters, digits, Han) into `out`, at most `max` of them;
/// false when there are more. Common Han characters (lead bytes E1–EC, which take any
/// continuation bytes) are decoded inline; everything else goes through utf8_at. Characters
/// gather in a small buffer, appended to `out` 64 at a time.
bool key_chars(std::string_view text, std::u32string& out, size_t max) {
  out.clear();
  char32_t buf[64];
  size_t in_buf = 0, n = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t len = text.size();
  for (size_t i = 0; i < len;) {
    int32_t c;
    const unsigned char b = p[i];
    if (b < 0x80) {
      c = b;
      ++i;
    } else if (b >= 0xE1 && b <= 0xEC && i + 2 < len && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
      c = int32_t((b & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F));
      i += 3;
    } else {
      c = utf8_at(text, i);
    }
    if (is_key_char(c)) {
      if (n == max) {
        out.append(buf, in_buf);
        return false;
      }
      ++n;
      buf[in_buf++] = char32_t(c);
      if (in_buf == 64) {
        out.append(buf, in_buf);
        in_buf = 0;
      }
    }
  }
  out.append(buf, in_buf);
  return true;
}

}  // namespace

void label_key_into(std::string_view text, std::u32string& out) { key_chars(text, out, SIZE_MAX); }

bool label_key_upto(std::string_view text, std::u32string& out, size_t max) { return key_chars(text, out, max); }

std::u32string label_key(std::string_view text) {
  std::u32string k;
  label_key_into(text, k);
  return k;
}

namespace {

/// Longest common subsequence of `a` and `b` by dynamic programming (sizes ≤ 80).
int lcs_table(std::u32string_view a, std::u32string_view b) {
  int prev[81] = {0}, cur[81] = {0};
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    std::copy(cur, cur + b.size() + 1, prev);
  }
  return prev[b.size()];
}

/// Set bits of `x` (no popcnt instruction is assumed: a few word operations, inline).
int popcount64(uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return int((x * 0x0101010101010101ULL) >> 56);
}

/// One step of the bit-parallel LCS of Allison and Dix (Hyyrö's formulation):
/// `m` holds the positions in the template key of the printed key's next character.
inline uint64_t lcs_step(uint64_t v, uint64_t m) {
  uint64_t u = v & m;
  return (v + u) | (v - u);
}

/// LCS length from the final state `v` of lcs_step over a key of `n` ≤ 64 characters.
inline int lcs_of(uint64_t v, size_t n) {
  uint64_t used = n == 64 ? ~uint64_t(0) : (uint64_t(1) << n) - 1;
  return popcount64(~v & used);
}

/// A template label's key with what scoring against it needs, computed once.
struct TemplateKey {
  std::string text;                                   // the label as given (checked on every hit)
  std::u32string key;                                 // label_key without the enumerator
  std::vector<std::pair<char32_t, uint64_t>> masks;   // sorted: character → positions in `key` (≤ 64)
  uint64_t chars = 0;                                 // bit c % 64 for each character c of `key`
};

/// LCS length of `a` and `t.key` by the bit-parallel algorithm: one step per character of `a`.
int lcs_bits(std::u32string_view a, const TemplateKey& t) {
  uint64_t v = ~uint64_t(0);
  for (char32_t c : a) {
    auto it = std::lower_bound(t.masks.begin(), t.masks.end(), std::make_pair(c, uint64_t(0)));
    if (it == t.masks.end() || it->first != c) continue;
    v = lcs_step(v, it->second);
  }
  return lcs_of(v, t.key.size());
}

/// The scores that need no LCS: 100 equal, 85 cut label, 80 trailing note, 0 empty or too
/// long (labels are short); -1 when only the LCS can tell.
int quick_score(std::u32string_view a, std::u32string_view b) {
  if (a.empty() || b.empty()) return 0;
  if (a == b) return 100;
  if (a.size() >= 4 && a.size() < b.size() && b.substr(0, a.size()) == a && a.size() * 3 >= b.size())
    return 85;
  if (b.size() >= 2 && a.size() > b.size() && a.substr(0, b.size()) == b && b.size() * 2 >= a.size())
    return 80;
  if (a.size() > 80 || b.size() > 80) return 0;
  return -1;
}

/// Can the LCS score reach 75 at all? LCS ≤ the shorter length.
bool lcs_can_pass(size_t na, size_t nb) { return 200 * std::min(na, nb) >= 75 * (na + nb); }

/// 100·2·LCS/(|a|+|b|) when it reaches 75 (capped at 79, under every prefix score), else 0.
int lcs_score(int lcs, size_t na, size_t nb) {
  const int d = int(na + nb);  // ⌊200·lcs/d⌋ ≥ t exactly when 200·lcs ≥ t·d: divide only in between
  if (200 * lcs < 75 * d) return 0;
  if (200 * lcs >= 79 * d) return 79;
  return 200 * lcs / d;
}

/// label_score with `b` a template key: the same result, faster LCS.
int score(std::u32string_view a, const TemplateKey& t) {
  std::u32string_view b = t.key;
  if (int q = quick_score(a, b); q >= 0) return q;
  if (!lcs_can_pass(a.size(), b.size())) return 0;
  // The LCS counts only characters of `a` that `b` has: a bound from the character bits
  // skips most unrelated labels before any LCS.
  size_t common = 0;
  for (char32_t c : a) common += (t.chars >> (c % 64)) & 1;
  if (200 * common < 75 * (a.size() + b.size())) return 0;  // lcs ≤ common: lcs_score is 0
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
  for (char32_t c : t.key) t.chars |= uint64_t(1) << (c % 64);
  if (t.key.size() <= 64)
    for (size_t j = 0; j < t.key.size(); ++j) {
      auto it = std::lower_bound(t.masks.begin(), t.masks.end(), std::make_pair(t.key[j], uint64_t(0)));
      if (it == t.masks.end() || it->first != t.key[j]) it = t.masks.insert(it, {t.key[j], 0});
      it->second |= uint64_t(1) << j;
    }
  at.push_back(std::move(t));
  return at.back();
}

/// Calls `f` with each '|'-separated variant (none for "").
template <typename F>
void for_each_variant(std::string_view variants, F f) {
  while (!variants.empty()) {
    size_t bar = variants.find('|');
    f(variants.substr(0, bar));
    if (bar == std::string_view::npos) break;
    variants.remove_prefix(bar + 1);
  }
}

uint32_t hash_key(std::u32string_view k) {
  uint32_t h = 2166136261u;
  for (char32_t c : k) h = (h ^ uint32_t(c)) * 16777619u;
  return h;
}
uint32_t hash_char(char32_t c) { return uint32_t(c) * 2654435761u; }

}  // namespace

int label_score(const std::u32string& a, const std::u32string& b) {
  if (int q = quick_score(a, b); q >= 0) return q;
  return lcs_score(lcs_table(a, b), a.size(), b.size());
}

int best_label_score(const std::u32string& printed, std::string_view label, std::string_view variants) {
  int best = score(printed, template_key(label));
  for_each_variant(variants, [&](std::string_view v) { best = std::max(best, score(printed, template_key(v))); });
  return best;
}

// ── LabelSet ─────────────────────────────────────────────────────────────────
//
// Why the shortcuts give best_label_score's answer. An entry's score is the highest
// score of its keys, so the highest entry score is the highest key score M, and the
// earliest entry scoring M is the earliest entry holding a key that scores M. A key
// scores 100 only when equal to the printed key; 85 and 80 only when one is a prefix
// of the other with lengths in [n/2, 3n] (n the printed length); the LCS score (≤ 79)
// only for lengths in [0.6n, 5n/3], and it can't change M or its entry once a prefix
// score (≥ 80) exists.

LabelSet::LabelSet(const std::vector<std::pair<std::string_view, std::string_view>>& entries) {
  // Distinct keys (without enumerators), each with the earliest entry holding it.
  std::vector<std::pair<std::u32string, uint32_t>> keys;
  for (size_t e = 0; e < entries.size(); ++e) {
    auto add = [&](std::string_view label) {
      std::u32string k = label_key(label.substr(enumerator_length(label)));
      if (k.empty()) return;  // scores 0 against anything
      for (const auto& known : keys)
        if (known.first == k) return;
      keys.push_back({std::move(k), uint32_t(e)});
    };
    add(entries[e].first);
    for_each_variant(entries[e].second, add);
  }
  std::stable_sort(keys.begin(), keys.end(),
                   [](const auto& x, const auto& y) { return x.first.size() < y.first.size(); });
  size_t max_len = keys.empty() ? 0 : keys.back().first.size();
  len_begin_.assign(max_len + 2, 0);
  for (size_t k = 0; k < keys.size(); ++k) {
    keys_.push_back({uint32_t(chars_.size()), uint32_t(keys[k].first.size()), keys[k].second});
    chars_ += keys[k].first;
  }
  for (size_t n = 0, k = 0; n <= max_len + 1; ++n) {
    while (k < keys.size() && keys[k].first.size() < n) ++k;
    len_begin_[n] = uint32_t(k);
  }
  // Exact lookup of a printed key.
  exact_.assign(open_table_size(keys.size()), 0);
  for (size_t k = 0; k < keys.size(); ++k) {
    size_t mask = exact_.size() - 1, at = hash_key(keys[k].first) & mask;
    while (exact_[at]) at = (at + 1) & mask;
    exact_[at] = uint32_t(k + 1);
  }
  // The characters of the keys, and per character its positions in each key holding it.
  std::vector<char32_t> alphabet(chars_.begin(), chars_.end());
  std::sort(alphabet.begin(), alphabet.end());
  alphabet.erase(std::unique(alphabet.begin(), alphabet.end()), alphabet.end());
  alphabet_.assign(open_table_size(alphabet.size()), {0, 0});
  for (size_t id = 0; id < alphabet.size(); ++id) {
    size_t mask = alphabet_.size() - 1, at = hash_char(alphabet[id]) & mask;
    while (alphabet_[at].second) at = (at + 1) & mask;
    alphabet_[at] = {alphabet[id], uint32_t(id + 1)};
  }
  occ_begin_.assign(alphabet.size() + 1, 0);
  for (size_t id = 0; id < alphabet.size(); ++id) {
    occ_begin_[id] = uint32_t(occurrences_.size());
    for (size_t k = 0; k < keys.size(); ++k) {
      const std::u32string& key = keys[k].first;
      if (key.size() > 64) continue;  // scored by lcs_table
      uint64_t m = 0;
      for (size_t j = 0; j < key.size(); ++j)
        if (key[j] == alphabet[id]) m |= uint64_t(1) << j;
      if (m) occurrences_.push_back({uint32_t(k), m});
    }
  }
  occ_begin_[alphabet.size()] = uint32_t(occurrences_.size());
}

uint32_t LabelSet::find_key(std::u32string_view k) const {
  size_t mask = exact_.size() - 1, at = hash_key(k) & mask;
  for (; exact_[at]; at = (at + 1) & mask) {
    const Key& key = keys_[exact_[at] - 1];
    if (key.len == k.size() && std::u32string_view(chars_).substr(key.off, key.len) == k) return exact_[at];
  }
  return 0;
}

uint32_t LabelSet::char_id(char32_t c) const {
  size_t mask = alphabet_.size() - 1, at = hash_char(c) & mask;
  for (; alphabet_[at].second; at = (at + 1) & mask)
    if (alphabet_[at].first == c) return alphabet_[at].second;
  return 0;
}

uint32_t LabelSet::keys_shorter_than(size_t n) const {
  return n < len_begin_.size() ? len_begin_[n] : uint32_t(keys_.size());
}

LabelSet::Best LabelSet::best(std::u32string_view a) const {
  const size_t na = a.size();
  if (na == 0 || keys_.empty()) return {};
  // Equal to a key: 100, the top score, for the earliest entry holding it.
  if (uint32_t k = find_key(a)) return {int(keys_[k - 1].first_entry), 100};
  // The best key score so far and the earliest entry holding a key with it.
  Best best;
  auto offer = [&](int score, uint32_t k) {
    if (score > best.score) best = {int(keys_[k].first_entry), score};
    else if (score == best.score && score > 0) best.index = std::min(best.index, int(keys_[k].first_entry));
  };
  // Prefix scores, over the keys of length n/2 … 3n.
  const uint32_t lo = keys_shorter_than((na + 1) / 2), hi = keys_shorter_than(3 * na + 1);
  for (uint32_t k = lo; k < hi; ++k) {
    const size_t nb = keys_[k].len;
    const char32_t* b = chars_.data() + keys_[k].off;
    if (b[0] != a[0]) continue;
    if (na < nb) {
      if (na >= 4 && na * 3 >= nb && std::u32string_view(b, na) == a) offer(85, k);
    } else if (na > nb) {
      if (nb >= 2 && nb * 2 >= na && a.substr(0, nb) == std::u32string_view(b, nb)) offer(80, k);
    }
  }
  if (best.score > 0 || na > 80) return best;
  // LCS scores, over the keys of length 0.6n … 5n/3 (and at most 80) where the LCS can
  // reach 75 at all. Bit-parallel over all of them at once: a printed character changes
  // the state of the keys holding it only.
  const uint32_t llo = keys_shorter_than((3 * na + 4) / 5), lhi = keys_shorter_than(std::min<size_t>(5 * na / 3, 80) + 1);
  if (llo >= lhi) return best;
  uint64_t v_small[128];
  std::vector<uint64_t> v_big;
  uint64_t* v = v_small;
  if (lhi - llo > 128) { v_big.resize(lhi - llo); v = v_big.data(); }
  std::fill(v, v + (lhi - llo), ~uint64_t(0));
  for (char32_t c : a) {
    uint32_t id = char_id(c);
    if (!id) continue;  // in no key
    // A character's occurrences are in key order, so the keys in range are one stretch.
    const auto* o = occurrences_.data() + occ_begin_[id - 1];
    const auto* end = occurrences_.data() + occ_begin_[id];
    while (o < end && o->first < llo) ++o;
    for (; o < end && o->first < lhi; ++o) v[o->first - llo] = lcs_step(v[o->first - llo], o->second);
  }
  for (uint32_t k = llo; k < lhi; ++k) {
    const Key& key = keys_[k];
    if (!lcs_can_pass(na, key.len)) continue;
    int lcs = key.len <= 64 ? lcs_of(v[k - llo], key.len)
                            : lcs_table(a, std::u32string_view(chars_).substr(key.off, key.len));
    offer(lcs_score(lcs, na, key.len), k);
  }
  return best;
}

}  // namespace nianbao
