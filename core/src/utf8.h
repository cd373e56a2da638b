// Small UTF-8 helpers shared by every stage. Header-only, no allocation.
#ifndef NIANBAO_UTF8_H
#define NIANBAO_UTF8_H

#include <cstdint>
#include <string>
#include <string_view>

namespace nianbao {

/// Decode one code point at `s[i]`; on success advance `i` and return it.
/// On an invalid or truncated sequence return -1 and advance `i` by the
/// length of the maximal invalid subpart (at least 1), as WHATWG/Unicode do.
inline int32_t utf8_next(std::string_view s, size_t& i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) { ++i; return c; }
  int len; int32_t cp; unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) {
    len = 3; cp = c & 0x0F;
    if (c == 0xE0) lo = 0xA0; else if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4; cp = c & 0x07;
    if (c == 0xF0) lo = 0x90; else if (c == 0xF4) hi = 0x8F;
  } else { ++i; return -1; }
  size_t j = i + 1;
  for (int k = 1; k < len; ++k, ++j) {
    if (j >= n) { i = j; return -1; }
    unsigned char cc = p[j];
    if (cc < lo || cc > hi) { i = j; return -1; }
    lo = 0x80; hi = 0xBF;
    cp = (cp << 6) | (cc & 0x3F);
  }
  i = j;
  return cp;
}

/// Decode a code point known to be valid (text already validated).
inline int32_t utf8_at(std::string_view s, size_t& i) {
  int32_t cp = utf8_next(s, i);
  return cp < 0 ? 0xFFFD : cp;
}

inline void utf8_append(std::string& out, uint32_t cp) {
  if (cp < 0x80) out += char(cp);
  else if (cp < 0x800) { out += char(0xC0 | (cp >> 6)); out += char(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18)); out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F));
  }
}

inline size_t utf8_len(uint32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

/// Number of code points in valid UTF-8 text.
inline size_t utf8_count(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

inline bool is_ascii_digit(int32_t c) { return c >= '0' && c <= '9'; }
inline bool is_han(int32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FA1F) ||
         (c >= 0xF900 && c <= 0xFAFF);
}

/// Characters a label's key keeps: Han, ASCII letters and digits (label_key, title keys).
inline bool is_key_char(int32_t c) {
  return is_han(c) || is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace nianbao

#endif
