// fold: the text every later stage matches against.
//
// ICU NFKC per character (full-width digits and punctuation, compatibility
// ideographs, circled numbers, ㈠ → (一)) plus our own folding: line breaks to
// \n, exotic spaces to ' ', zero-width characters and `**` bold markers
// removed, curly quotes to straight, control characters to ' '. Tabs and
// newlines survive (they carry table structure). Every change is recorded in
// the offset map, so spans found in the folded text point at the original.
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <array>
#include <cstring>

#include "doc.h"
#include "utf8.h"

namespace nianbao {
namespace {

/// Our folds, applied before NFKC. Returns true and sets `to` (0: drop).
bool own_fold(int32_t c, int32_t& to) {
  switch (c) {
    case 0x00A0: case 0x2002: case 0x2003: case 0x2004: case 0x2005: case 0x2006: case 0x2007:
    case 0x2008: case 0x2009: case 0x200A: case 0x202F: case 0x205F: case 0x3000:
      to = ' '; return true;
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
      to = 0; return true;
    case 0x201C: case 0x201D: case 0x201E: case 0x2033: case 0x301D: case 0x301E:
      to = '"'; return true;
    case 0x2018: case 0x2019: case 0x2032:
      to = '\''; return true;
    case 0x2212: case 0x2010: case 0x2011:
      to = '-'; return true;
    // Unicode's other mandatory line breaks (UAX #14 BK/NL): vertical tab, form feed (pdftotext's
    // page break), NEL, LINE and PARAGRAPH SEPARATOR end a line like LF (bare CR: fold_text).
    case 0x000B: case 0x000C: case 0x0085: case 0x2028: case 0x2029:
      to = '\n'; return true;
    default:
      if (c < 0x20 && c != '\t' && c != '\n') { to = ' '; return true; }
      if (c == 0x7F || (c >= 0x80 && c < 0xA0)) { to = ' '; return true; }
      return false;
  }
}

}  // namespace

void fold_text(Doc& doc) {
  std::string_view s = doc.view;
  std::string& out = doc.text;
  out.clear();
  out.reserve(s.size());
  OffsetMap& m = doc.fmap;
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  if (U_FAILURE(err)) nfkc = nullptr;  // no data: our own folds still apply

  size_t run = 0;  // start of a pending run of unchanged bytes
  auto flush = [&](size_t upto) {
    if (upto > run) { out.append(s.data() + run, upto - run); m.copy(uint32_t(upto - run)); }
  };
  // Bytes that can start something to fold. All others pass unchanged: printable ASCII
  // but '*', tab, newline, continuation bytes, and the lead bytes E4–E9 of U+4000–U+9FFF
  // (CJK ideographs, the bulk of a report: NFKC-inert, none of our folds). The text is
  // valid UTF-8 (decode replaced what was not), so a skipped lead's continuation bytes
  // are skipped with it.
  static const auto kStop = [] {
    std::array<bool, 256> t{};
    for (int b = 0; b < 0x20; ++b) t[size_t(b)] = b != '\t' && b != '\n';
    t['*'] = t[0x7F] = true;
    for (int b = 0xC0; b < 0x100; ++b) t[size_t(b)] = b < 0xE4 || b > 0xE9;
    return t;
  }();
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !kStop[bytes[i]]) ++i;
    if (i == s.size()) break;
    unsigned char b = bytes[i];
    size_t at = i;
    if (b == '*') {
      if (i + 1 < s.size() && s[i + 1] == '*') {  // `**` bold marker: drop
        flush(at);
        m.skip(2);
        i += 2;
        run = i;
      } else {
        ++i;
      }
      continue;
    }
    if (b == '\r') {
      doc.other_breaks = true;
      flush(at);
      size_t len = (i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
      out += '\n';
      m.replace(uint32_t(len), 1);
      i += len;
      run = i;
      continue;
    }
    int32_t c = utf8_at(s, i);
    int32_t to;
    if (own_fold(c, to)) {
      doc.other_breaks |= to == '\n';
      flush(at);
      if (to == 0) m.skip(uint32_t(i - at));
      else { size_t before = out.size(); utf8_append(out, uint32_t(to)); m.replace(uint32_t(i - at), uint32_t(out.size() - before)); }
      run = i;
      continue;
    }
    if (c < 0x80 || !nfkc) continue;
    if (c >= 0xFF01 && c <= 0xFF5E) {  // full-width ASCII (，：（）１２): NFKC's result, without the call
      flush(at);
      out += char(c - 0xFEE0);
      m.replace(uint32_t(i - at), 1);
      run = i;
      continue;
    }
    if (nfkc->isInert(c)) continue;
    icu::UnicodeString src(c), dst;
    err = U_ZERO_ERROR;
    nfkc->normalize(src, dst, err);
    if (U_FAILURE(err) || dst == src) continue;
    flush(at);
    size_t before = out.size();
    for (int32_t k = 0; k < dst.length();) {
      UChar32 d = dst.char32At(k);
      k += U16_LENGTH(d);
      int32_t t2;
      if (own_fold(d, t2)) { if (t2) utf8_append(out, uint32_t(t2)); }
      else utf8_append(out, uint32_t(d));
    }
    m.replace(uint32_t(i - at), uint32_t(out.size() - before));
    run = i;
  }
  flush(s.size());
  m.shrink();

  index_lines(doc);
  csv_cells(doc);
  reline_collapsed(doc);
}

void index_lines(Doc& doc) {
  const std::string& out = doc.text;
  doc.lines.clear();
  uint32_t start = 0;
  for (const char* p = out.data(); (p = static_cast<const char*>(std::memchr(p, '\n', out.size() - size_t(p - out.data()))));) {
    const auto k = uint32_t(p++ - out.data());
    doc.lines.push_back({start, k});
    start = k + 1;
  }
  if (start < out.size() || doc.lines.empty()) doc.lines.push_back({start, uint32_t(out.size())});
}

}  // namespace nianbao
