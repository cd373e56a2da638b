// text.duplicate_section: a section whose body repeats another one (seed 002's
// 五 is a second copy of 一), and passages printed twice.
//
// Winnowing (Schleimer et al. 2003) over the prose reduced to Han characters,
// letters and digits: every k-gram is hashed, the minimum hash of each window
// of w k-grams is kept as a fingerprint. A fingerprint seen earlier in the
// text (not overlapping) is a hit; a run of hits with few misses that spans at
// least kMinRun characters is a repeated passage. One pass over the prose
// characters (rolling hash, rings of the last characters and grams), one
// open-addressing table of first occurrences: linear in the input. On very
// large inputs the fingerprints are sampled by hash value, so memory stays
// bounded.
#include <algorithm>
#include <array>
#include <unordered_map>

#include "content.h"
#include "open_table.h"
#include "utf8.h"

namespace nianbao {
namespace content {
namespace {

constexpr size_t kGram = 10;          // k-gram length in characters
constexpr size_t kWindow = 6;         // winnowing window
constexpr size_t kMinRun = 60;        // characters a repeated passage must span
constexpr size_t kMaxMisses = 2;      // fingerprints without a hit allowed inside a run
constexpr double kMinDensity = 0.6;   // hits per fingerprint inside a run
constexpr double kSectionShare = 0.5; // share of a section body that makes it a copy
constexpr size_t kMaxFingerprints = 2'000'000;
constexpr size_t kMaxSections = 50;   // copied sections reported
constexpr size_t kMaxPassages = 100;  // repeated passages reported (beyond that the draft is one big copy)

struct Fp {
  uint64_t h;
  uint32_t cp;           // index of the k-gram's first character
  uint32_t start, end;   // folded span of the k-gram
};

struct Run {
  size_t first, last;    // fingerprint indices
  uint32_t cp0, cp1;     // characters covered [cp0, cp1)
  uint32_t start, end;   // folded span
  uint32_t src_start, src_end;
};

/// ASCII letters and digits (the ASCII characters a k-gram is made of).
constexpr std::array<bool, 128> kAsciiWord = [] {
  std::array<bool, 128> t{};
  for (int c = 0; c < 128; ++c) t[size_t(c)] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return t;
}();

/// c ? a : b, without a branch.
inline uint32_t select(bool c, uint32_t a, uint32_t b) {
  const uint32_t m = 0u - uint32_t(c);
  return (a & m) | (b & ~m);
}

uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return x;
}

/// Which section a folded position belongs to. A repeated heading printed out
/// of order (seed 002's third 一、总体情况 inside 五) belongs to the section
/// before it. Built once; lookups are binary searches.
class SectionIndex {
 public:
  explicit SectionIndex(const Analysis& a) : a_(a), owner_(a.sections.size()) {
    std::unordered_map<const SectionDef*, int> seen;
    for (size_t i = 0; i < a.sections.size(); ++i) {
      const SectionHit& h = a.sections[i];
      owner_[i] = int(i);
      if (i > 0 && seen.count(h.def) && h.def && h.def->number) {
        const SectionHit& prev = a.sections[owner_[i - 1]];
        if (prev.def && prev.def->number > h.def->number) owner_[i] = owner_[i - 1];
      }
      seen[h.def] = int(i);
    }
  }
  int owner(size_t i) const { return owner_[i]; }
  /// Index of the (owning) section whose heading or body holds `pos`, or -1.
  int at(uint32_t pos) const {
    auto it = std::upper_bound(a_.sections.begin(), a_.sections.end(), pos,
                               [](uint32_t p, const SectionHit& s) { return p < s.start; });
    if (it == a_.sections.begin()) return -1;
    size_t i = size_t(it - a_.sections.begin()) - 1;
    return pos < a_.sections[i].body_end ? owner_[i] : -1;
  }

 private:
  const Analysis& a_;
  std::vector<int> owner_;
};

/// "五、存在的主要问题及改进情况": the printed numeral with the template's title.
std::string section_name(const SectionHit& s) {
  if (!s.def) return s.heading;
  std::string_view t(s.def->titles);
  return s.printed + std::string(t.substr(0, t.find('|')));
}

}  // namespace

void check_copies(Doc& doc, Analysis& a) {
  const SectionIndex index(a);
  // ── characters of the prose, with their folded offsets (streamed into k-grams) ──
  size_t total_chars = 0;
  for (size_t li = 0; li < doc.lines.size(); ++li) total_chars += doc.lines[li].end - doc.lines[li].start;
  total_chars /= 3;  // Han characters are three bytes: an upper estimate of k-grams / 3
  const uint64_t stride = std::max<uint64_t>(1, total_chars * 2 / (kWindow + 1) / kMaxFingerprints + 1);

  std::vector<Fp> fps;
  fps.reserve(size_t(std::min<uint64_t>(kMaxFingerprints + kMaxFingerprints / 4, total_chars * 2 / (kWindow + 1) / stride + 16)));
  std::vector<uint32_t> sec_chars(a.sections.size(), 0);
  uint64_t pow = 1;
  const uint64_t base = 1000003;
  for (size_t i = 0; i < kGram; ++i) pow *= base;
  // Rings of powers of two: the last characters (code point, folded start and
  // end) by character index mod 16, the last gram hashes by gram index mod 8.
  // Gram g starts at character g, so its span is read from the character rings.
  static_assert(kGram + kWindow <= 16 && kWindow <= 8, "ring sizes");
  uint32_t ring_c[16] = {}, ring_s[16], ring_e[16];  // ring_c starts at 0: nothing leaves the first grams
  uint64_t ring_h[8];
  uint64_t h = 0;
  uint32_t ncp = 0;
  uint32_t gram_index = 0;
  uint32_t min_gram = 0;
  uint64_t min_h = UINT64_MAX;  // ring_h[min_gram & 7] (none yet: any first gram is smaller or equal)
  int64_t last_pick = -1;
  size_t sec = 0;
  const std::string_view text(doc.text);
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t li = 0; li < doc.lines.size(); ++li) {
    if (!is_prose_line(doc, a, li)) continue;
    const Line& ln = doc.lines[li];
    // The section the line's characters count for: per line when one section's
    // span [start, body_end) holds the whole line or none of it (no section
    // starts inside the line), else per character.
    enum { kNone, kAll, kEach } count = kNone;
    if (!a.sections.empty()) {
      while (sec + 1 < a.sections.size() && a.sections[sec + 1].start <= ln.start) ++sec;
      const SectionHit& sh = a.sections[sec];
      if (sec + 1 < a.sections.size() && a.sections[sec + 1].start < ln.end) count = kEach;
      else if (sh.start <= ln.start && ln.end <= sh.body_end) count = kAll;
      else if (sh.start < ln.end && ln.start < sh.body_end) count = kEach;
    }
    uint32_t line_chars = 0;
    for (size_t i = ln.start; i < ln.end;) {
      // The characters counted: Han, ASCII letters and digits. The folded text
      // is valid UTF-8 (decode.cpp), so a lead byte E0–EF starts three bytes.
      int32_t c;
      const uint32_t cs = uint32_t(i);
      const unsigned b0 = bytes[i];
      if (b0 < 0x80) {
        ++i;
        if (!kAsciiWord[b0]) continue;
        c = int32_t(b0);
      } else if ((b0 & 0xF0) == 0xE0 && i + 2 < text.size()) {
        c = int32_t(((b0 & 0x0F) << 12) | ((bytes[i + 1] & 0x3Fu) << 6) | (bytes[i + 2] & 0x3Fu));
        i += 3;
        if (!is_han(c)) continue;
      } else {
        c = utf8_at(text, i);
        if (!is_han(c)) continue;
      }
      if (count == kEach) {
        while (sec + 1 < a.sections.size() && a.sections[sec + 1].start <= cs) ++sec;
        if (a.sections[sec].start <= cs && cs < a.sections[sec].body_end) ++sec_chars[size_t(index.owner(sec))];
      }
      ++line_chars;
      h = h * base + uint64_t(c) - pow * ring_c[(ncp - kGram) & 15];  // in and out of the k-gram
      ring_c[ncp & 15] = uint32_t(c);
      ring_s[ncp & 15] = cs;
      ring_e[ncp & 15] = uint32_t(i);
      ++ncp;
      if (ncp < kGram) continue;
      // Gram `gram_index` (characters gram_index … ncp-1) is complete. The
      // window's fingerprint is its smallest hash, the newest of equal ones
      // (robust winnowing): the new gram when it is no larger than the last
      // minimum, else that one while it is in the window, else the smallest of
      // the window. Which hash is smaller is a coin toss: selects, not branches.
      // (The minimum's hash is kept beside its index, so that the next
      // comparison does not wait for a load; the rescan compares pairs first,
      // a tree of depth three rather than a chain of five.)
      const uint64_t gh = mix(h);
      ring_h[gram_index & 7] = gh;
      const bool newer = gh <= min_h;
      min_gram = select(newer, gram_index, min_gram);
      min_h = newer ? gh : min_h;
      if (min_gram + kWindow <= gram_index) {
        static_assert(kWindow == 6, "the rescan below is written for a window of six grams");
        const uint32_t g0 = gram_index + 1 - uint32_t(kWindow);
        struct Min { uint64_t h; uint32_t g; };
        auto later = [&](Min older, Min newer_one) {  // the smaller, the newer of equal ones
          const bool take = newer_one.h <= older.h;
          return Min{take ? newer_one.h : older.h, select(take, newer_one.g, older.g)};
        };
        auto at = [&](uint32_t g) { return Min{ring_h[g & 7], g}; };
        const Min m = later(later(later(at(g0), at(g0 + 1)), later(at(g0 + 2), at(g0 + 3))), later(at(g0 + 4), at(g0 + 5)));
        min_gram = m.g;
        min_h = m.h;
      }
      // A new fingerprint when the window's minimum moved.
      if (int64_t(min_gram) != last_pick && gram_index + 1 >= kWindow) {
        last_pick = min_gram;
        const uint64_t ph = ring_h[min_gram & 7];
        if (stride == 1 || ph % stride == 0)
          fps.push_back(Fp{ph, min_gram, ring_s[min_gram & 15], ring_e[(min_gram + kGram - 1) & 15]});
      }
      ++gram_index;
    }
    if (count == kAll) sec_chars[size_t(index.owner(sec))] += line_chars;
  }
  if (fps.size() < 2) return;

  // ── hits: fingerprints seen before, not overlapping their first occurrence ──
  // The first fingerprint of each hash: an open-addressing table of indices
  // into `fps` (linear probing; the hashes are already mixed).
  std::vector<int32_t> src(fps.size(), -1);
  {
    const size_t cap = open_table_size(fps.size());
    std::vector<uint32_t> first(cap, UINT32_MAX);
    const size_t mask = cap - 1;
    for (size_t i = 0; i < fps.size(); ++i) {
      size_t slot = size_t(fps[i].h) & mask;
      while (first[slot] != UINT32_MAX && fps[first[slot]].h != fps[i].h) slot = (slot + 1) & mask;
      if (first[slot] == UINT32_MAX) first[slot] = uint32_t(i);
      else if (fps[first[slot]].cp + kGram <= fps[i].cp) src[i] = int32_t(first[slot]);
    }
  }

  // ── runs of hits ──
  std::vector<Run> runs;
  const size_t max_misses = kMaxMisses * stride;
  for (size_t i = 0; i < fps.size();) {
    if (src[i] < 0) { ++i; continue; }
    size_t last = i, hits = 1, misses = 0, j = i + 1;
    for (; j < fps.size(); ++j) {
      if (src[j] >= 0) { last = j; ++hits; misses = 0; }
      else if (++misses > max_misses) break;
    }
    Run r{i, last, fps[i].cp, fps[last].cp + uint32_t(kGram), fps[i].start, fps[last].end, 0, 0};
    double density = double(hits) / double(last - i + 1);
    if (r.cp1 - r.cp0 >= kMinRun && density >= kMinDensity) {
      const Fp& s0 = fps[size_t(src[i])];
      const Fp& s1 = fps[size_t(src[last])];
      bool ordered = s1.cp >= s0.cp && s1.cp - s0.cp <= 3 * (r.cp1 - r.cp0);
      r.src_start = s0.start;
      r.src_end = ordered ? s1.end : s0.end;
      runs.push_back(r);
    }
    i = last + 1;
  }
  if (runs.empty()) return;

  // ── sections that are mostly a copy: each hit's characters count for its section ──
  struct Share {
    uint32_t chars = 0;                    // repeated characters in this section
    uint32_t start = UINT32_MAX, end = 0;  // where
    struct From { uint32_t chars = 0, start = UINT32_MAX, end = 0; };
    std::unordered_map<int, From> from;    // by source section: characters and the span they came from
  };
  std::vector<Share> share(a.sections.size());
  std::vector<int> fp_section(fps.size(), -1);
  for (const Run& r : runs)
    for (size_t j = r.first; j <= r.last; ++j) {
      if (src[j] < 0) continue;
      int s = index.at(fps[j].start);
      fp_section[j] = s;
      if (s < 0) continue;
      // Up to the next fingerprint (a k-gram, or the gap winnowing leaves between picks).
      const uint32_t step = uint32_t((kGram + kWindow) * stride);
      uint32_t chars = j < r.last ? std::min<uint32_t>(fps[j + 1].cp - fps[j].cp, step) : uint32_t(kGram);
      Share& sh = share[size_t(s)];
      sh.chars += chars;
      sh.start = std::min(sh.start, fps[j].start);
      sh.end = std::max(sh.end, fps[j].end);
      const Fp& o = fps[size_t(src[j])];
      Share::From& fr = sh.from[index.at(o.start)];
      fr.chars += chars;
      fr.start = std::min(fr.start, o.start);
      fr.end = std::max(fr.end, o.end);
    }
  std::vector<bool> copied(a.sections.size(), false);
  std::unordered_map<std::string, int> seen;
  size_t sections_reported = 0;
  for (size_t s = 0; s < a.sections.size(); ++s) {
    const Share& sh = share[s];
    if (sec_chars[s] < kMinRun || sh.chars == 0) continue;
    double ratio = std::min(1.0, double(sh.chars) / double(sec_chars[s]));
    if (ratio < kSectionShare) continue;
    copied[s] = true;
    if (++sections_reported > kMaxSections) continue;  // still counted as copied for the passages
    int o = -1;
    Share::From best;
    for (const auto& [sec_from, fr] : sh.from)
      if (fr.chars > best.chars) { best = fr; o = sec_from; }
    const uint32_t o_start = best.start, o_end = best.end;
    const SectionHit& here = a.sections[s];
    const uint32_t copy_start = std::max(sh.start, std::min(here.body_start, sh.end));  // from the body, not the heading
    std::string other = o >= 0 ? section_name(a.sections[size_t(o)]) : std::string("正文");
    std::string other_en = o >= 0 && a.sections[size_t(o)].def ? a.sections[size_t(o)].def->en : std::string("the text");
    int pct = int(ratio * 100 + 0.5);
    std::string id = "text.duplicate_section/" + std::string(here.def ? here.def->key : "section");
    if (int n = ++seen[id]; n > 1) id += "." + std::to_string(n);
    Check& c = add_check(a, id, Status::fail, "repeated characters / body characters (%)");
    c.lhs = pct;
    Finding f = make_finding("NB0802", copy_start, sh.end,
                             {{"section", section_name(here)}, {"section_en", here.def ? here.def->en : ""},
                              {"line", line_no(doc, here.start)}, {"pct", std::to_string(pct)},
                              {"other", other}, {"other_en", other_en}, {"other_line", line_no(doc, o_start)},
                              {"other_end_line", line_no(doc, o_end > 0 ? o_end - 1 : 0)}});
    f.check = c.id;
    f.related.push_back({o_start, o_end, "repeated from " + other + ", line " + line_no(doc, o_start)});
    f.related.push_back({here.start, here.end, "heading: " + here.heading});
    doc.findings.push_back(std::move(f));
  }

  // ── other repeated passages (the first kMaxPassages) ──
  size_t passages = 0;
  for (const Run& r : runs) {
    // Skip a run that lies mostly in a section already reported as a copy.
    size_t in_copied = 0, hits = 0;
    for (size_t j = r.first; j <= r.last; ++j)
      if (src[j] >= 0) { ++hits; in_copied += fp_section[j] >= 0 && copied[size_t(fp_section[j])]; }
    if (in_copied * 2 > hits) continue;
    if (++passages > kMaxPassages) break;
    std::string id = "text.duplicate_section/passage_" + line_no(doc, r.start);
    Check& c = add_check(a, id, Status::fail, "repeated characters");
    c.lhs = double(r.cp1 - r.cp0);
    Finding f = make_finding("NB0803", r.start, r.end,
                             {{"chars", std::to_string(r.cp1 - r.cp0)}, {"line", line_no(doc, r.start)},
                              {"other_line", line_no(doc, r.src_start)}});
    f.check = id;
    f.related.push_back({r.src_start, r.src_end, "first printed at line " + line_no(doc, r.src_start)});
    doc.findings.push_back(std::move(f));
  }
}

}  // namespace content
}  // namespace nianbao
