// decode: any bytes → UTF-8 text plus a map back to the input bytes.
//
// UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded here; input
// that is not valid UTF-8 is tried as GB18030 with ICU's converter when the
// build has converter data (native builds; the page decodes with TextDecoder).
// Invalid sequences become U+FFFD with a located finding, never a failure.
#include <algorithm>
#include <cstdio>
#include <string>

#include "doc.h"
#include "utf8.h"

#ifndef NIANBAO_NO_UCNV
#include <unicode/ucnv.h>
#endif

namespace nianbao {
namespace {

constexpr size_t kMaxListedInvalid = 20;

std::string hex_bytes(std::string_view b) {
  std::string s;
  char buf[8];
  for (size_t i = 0; i < b.size() && i < 4; ++i) {
    std::snprintf(buf, sizeof buf, "%s0x%02X", i ? " " : "", unsigned(static_cast<unsigned char>(b[i])));
    s += buf;
  }
  return s;
}

/// Count invalid UTF-8 sequences, and the bytes the binary check looks at (Doc::ByteStats)
/// in the first Doc::kBinaryScan bytes, in one pass.
size_t count_invalid_utf8(std::string_view s, Doc::ByteStats& st) {
  size_t bad = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t scan = std::min(s.size(), Doc::kBinaryScan);
  for (size_t i = 0; i < s.size();) {
    unsigned char c = p[i];
    if (c < 0x80) {
      if (i < scan) st.control(c, i);
      ++i;
      continue;
    }
    // The common case in Chinese text, a 3-byte character whose lead needs no special
    // second-byte range (E1–EC, EE–EF), inline; everything else through utf8_next.
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < s.size() && (p[i + 1] & 0xC0) == 0x80 &&
        (p[i + 2] & 0xC0) == 0x80) {
      st.replaced += c == 0xEF && p[i + 1] == 0xBF && p[i + 2] == 0xBD && i + 3 <= scan;  // U+FFFD
      i += 3;
      continue;
    }
    if (utf8_next(s, i) < 0) ++bad;
  }
  return bad;
}

/// Valid UTF-8 with invalid sequences replaced by U+FFFD, each located.
void decode_utf8_replacing(Doc& doc, std::string_view s, uint32_t base) {
  std::string& out = doc.decoded_store;
  out.reserve(s.size() + 16);
  size_t invalid = 0;
  uint32_t line = 1;
  size_t run = 0;  // start of the pending valid run
  auto flush = [&](size_t upto) {
    out.append(s.data() + run, upto - run);
    doc.dmap.copy(uint32_t(upto - run));
  };
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { line += c == '\n'; ++i; continue; }
    size_t at = i;
    if (utf8_next(s, i) >= 0) continue;
    flush(at);
    uint32_t pos = uint32_t(out.size());
    out += "\xEF\xBF\xBD";
    doc.dmap.replace(uint32_t(i - at), 3);
    run = i;
    if (++invalid <= kMaxListedInvalid) {
      Finding f = make_finding("NB0002", pos, pos + 3,
                               {{"line", std::to_string(line)}, {"bytes", hex_bytes(s.substr(at, i - at))}});
      f.decoded_space = true;
      doc.findings.push_back(std::move(f));
    }
  }
  flush(s.size());
  (void)base;
  if (invalid > kMaxListedInvalid) {
    Finding f = make_finding("NB0005", 0, 0, {{"count", std::to_string(invalid - kMaxListedInvalid)}});
    f.decoded_space = true;
    doc.findings.push_back(std::move(f));
  }
}

void decode_utf16(Doc& doc, std::string_view s, bool le) {
  std::string& out = doc.decoded_store;
  out.reserve(s.size() * 3 / 2 + 4);
  bool bad = false;
  auto unit = [&](size_t i) -> uint32_t {
    unsigned char a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
    return le ? uint32_t(a | (b << 8)) : uint32_t((a << 8) | b);
  };
  size_t i = 0;
  for (; i + 1 < s.size();) {
    uint32_t u = unit(i), cp = u;
    uint32_t len = 2;
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < s.size()) {
      uint32_t v = unit(i + 2);
      if (v >= 0xDC00 && v <= 0xDFFF) { cp = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00); len = 4; }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) { cp = 0xFFFD; bad = true; }
    size_t before = out.size();
    utf8_append(out, cp);
    doc.dmap.replace(len, uint32_t(out.size() - before));
    i += len;
  }
  if (i < s.size()) {  // odd trailing byte
    out += "\xEF\xBF\xBD";
    doc.dmap.replace(1, 3);
    bad = true;
  }
  if (bad) {
    Finding f = make_finding("NB0009", 0, 0, {});
    f.decoded_space = true;
    doc.findings.push_back(std::move(f));
  }
}

#ifndef NIANBAO_NO_UCNV
/// Decode as GB18030 into `out` with `map`; returns the number of substituted
/// (undecodable) characters, or SIZE_MAX when the converter is unavailable.
size_t decode_gb18030(std::string_view s, std::string& out, OffsetMap& map) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open("GB18030", &err);
  if (U_FAILURE(err) || !cnv) return SIZE_MAX;
  size_t errors = 0;
  out.clear();
  out.reserve(s.size() * 3 / 2);
  constexpr size_t kChunk = 1 << 16;
  std::vector<UChar> u16(kChunk * 2 + 8);
  std::vector<int32_t> offs(u16.size());
  const char* src = s.data();
  const char* end = s.data() + s.size();
  uint32_t consumed = 0;  // input bytes already mapped
  while (true) {
    const char* chunk_start = src;
    const char* chunk_end = (size_t(end - src) > kChunk) ? src + kChunk : end;
    bool flush = chunk_end == end;
    UChar* t = u16.data();
    err = U_ZERO_ERROR;
    ucnv_toUnicode(cnv, &t, u16.data() + u16.size(), &src, chunk_end, offs.data(), flush, &err);
    if (U_FAILURE(err) && err != U_BUFFER_OVERFLOW_ERROR) { errors = SIZE_MAX; break; }
    size_t n = size_t(t - u16.data());
    uint32_t base = uint32_t(chunk_start - s.data());
    for (size_t k = 0; k < n;) {
      uint32_t cp = u16[k];
      size_t adv = 1;
      if (cp >= 0xD800 && cp <= 0xDBFF && k + 1 < n && u16[k + 1] >= 0xDC00 && u16[k + 1] <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (u16[k + 1] - 0xDC00);
        adv = 2;
      }
      if (cp == 0x1A || cp == 0xFFFD) { cp = 0xFFFD; ++errors; }
      // Source extent: from this unit's offset to the next unit's (or what was consumed).
      uint32_t from = offs[k] >= 0 ? base + uint32_t(offs[k]) : consumed;
      uint32_t to = (k + adv < n && offs[k + adv] >= 0) ? base + uint32_t(offs[k + adv])
                                                          : uint32_t(src - s.data());
      if (from < consumed) from = consumed;
      if (to < from) to = from;
      if (from > consumed) map.skip(from - consumed);  // bytes the converter swallowed
      size_t before = out.size();
      utf8_append(out, cp);
      uint32_t dst = uint32_t(out.size() - before);
      if (to - from == dst && cp < 0x80) map.copy(dst); else map.replace(to - from, dst);
      consumed = to;
      k += adv;
    }
    if (err == U_BUFFER_OVERFLOW_ERROR) continue;
    if (flush) break;
  }
  if (consumed < s.size()) map.skip(uint32_t(s.size()) - consumed);
  ucnv_close(cnv);
  return errors;
}
#endif

}  // namespace

void decode_input(Doc& doc, bool assume_utf8) {
  std::string_view in = doc.input;
  auto starts = [&](const char* bom, size_t n) { return in.size() >= n && in.compare(0, n, bom, n) == 0; };
  if (!assume_utf8 && (starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2))) {
    bool le = in[0] == '\xFF';
    doc.encoding = le ? "utf-16le" : "utf-16be";
    doc.bom = true;
    doc.dmap.skip(2);
    decode_utf16(doc, in.substr(2), le);
    doc.decoded = doc.decoded_store;
    return;
  }
  size_t skip = 0;
  if (starts("\xEF\xBB\xBF", 3)) { skip = 3; doc.bom = true; }
  std::string_view body = in.substr(skip);
  Doc::ByteStats stats;
  size_t invalid = count_invalid_utf8(body, stats);
  if (invalid == 0) {
    stats.counted = true;  // `decoded` is `body`
    doc.byte_stats = stats;
    if (skip == 0) {
      doc.decoded = in;
      doc.dmap = OffsetMap::identity(uint32_t(in.size()));
    } else {
      doc.dmap.skip(uint32_t(skip));
      doc.dmap.copy(uint32_t(body.size()));
      doc.decoded = body;
    }
    return;
  }
#ifndef NIANBAO_NO_UCNV
  if (!assume_utf8 && skip == 0) {
    std::string gb;
    OffsetMap gmap;
    size_t gb_errors = decode_gb18030(body, gb, gmap);
    if (gb_errors != SIZE_MAX && gb_errors < invalid && gb_errors * 1000 <= gb.size() + 1000) {
      doc.encoding = "gb18030";
      doc.decoded_store = std::move(gb);
      doc.decoded = doc.decoded_store;
      doc.dmap = std::move(gmap);
      Finding f = make_finding(
          "NB0003", 0, 0,
          {{"encoding", "GB18030"},
           {"detail", "按 UTF-8 读有 " + std::to_string(invalid) + " 处无效字节，按 GB18030 读有 " +
                          std::to_string(gb_errors) + " 处。"},
           {"detail_en", ""}});
      f.en = "The input is not UTF-8; it was decoded as GB18030 (" + std::to_string(invalid) +
             " invalid sequences as UTF-8, " + std::to_string(gb_errors) + " as GB18030).";
      f.decoded_space = true;
      doc.findings.push_back(std::move(f));
      return;
    }
  }
#endif
  doc.dmap.skip(uint32_t(skip));
  decode_utf8_replacing(doc, body, uint32_t(skip));
  doc.decoded = doc.decoded_store;
}

}  // namespace nianbao
