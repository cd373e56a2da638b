// The pipeline: decode → html view → fold → sections → tables → metadata →
// section checks → identities, then every finding's span resolved to the
// original input (bytes, line/column, UTF-16).
#include <algorithm>
#include <cstring>

#include "analysis.h"
#include "stage_times.h"
#include "utf8.h"

#ifndef NIANBAO_VERSION
#define NIANBAO_VERSION "0.0.0"
#endif

namespace nianbao {
namespace {

constexpr uint64_t kMaxInput = 1u << 30;  // 1 GiB: offsets are 32-bit

/// Where every line but the first starts in the decoded text: after LF, CR LF, a bare CR, VT,
/// FF, NEL, U+2028 or U+2029 (the breaks fold_text turns into LF, so decoded and folded text
/// agree on lines). Fold has seen every byte of the view, and tells whether there is a break
/// other than LF (nearly every report has none: then memchr finds the LFs); HTML markup, which
/// fold did not see, is searched for them here.
std::vector<uint32_t> next_line_starts(const Doc& doc) {
  std::vector<uint32_t> out;
  const std::string_view t = doc.decoded;
  const char* d = t.data();
  const size_t n = t.size();
  if (n == 0) return out;  // (d may be null: memchr and memmem must not see it)
  auto has = [&](std::string_view needle) { return memmem(d, n, needle.data(), needle.size()) != nullptr; };
  const bool other = doc.other_breaks ||
                     (doc.html && (std::memchr(d, '\r', n) || std::memchr(d, '\v', n) || std::memchr(d, '\f', n) ||
                                   has("\xC2\x85") || has("\xE2\x80\xA8") || has("\xE2\x80\xA9")));
  if (!other) {
    for (const char* p = d; (p = static_cast<const char*>(std::memchr(p, '\n', n - size_t(p - d))));)
      out.push_back(uint32_t(++p - d));
    return out;
  }
  for (size_t i = 0; i < n;) {
    const auto x = static_cast<unsigned char>(d[i]);
    size_t len = 0;
    if (x == '\n' || x == '\v' || x == '\f') len = 1;
    else if (x == '\r') len = i + 1 < n && d[i + 1] == '\n' ? 2 : 1;
    else if (x == 0xC2 && i + 1 < n && static_cast<unsigned char>(d[i + 1]) == 0x85) len = 2;
    else if (x == 0xE2 && i + 2 < n && static_cast<unsigned char>(d[i + 1]) == 0x80 &&
             (static_cast<unsigned char>(d[i + 2]) | 1) == 0xA9) len = 3;
    if (len == 0) { ++i; continue; }
    i += len;
    out.push_back(uint32_t(i));
  }
  return out;
}

/// Resolves decoded-text positions to line/column and UTF-16 offsets.
/// One pass over the text records the code points and UTF-16 units before
/// every 64-byte block and before every line, so each lookup is a binary
/// search for the line plus a scan of less than one block, however long the
/// line. The counts use 8-byte words: a code point starts at every byte that
/// is not a continuation byte (10xxxxxx), and a 4-byte lead (11110xxx) adds
/// a second UTF-16 unit.
class Locator {
 public:
  explicit Locator(const Doc& doc) : doc_(doc), text_(doc.decoded) {
    const size_t n = text_.size();
    line_starts_.push_back(0);
    line_points_.push_back(0);
    blocks_.reserve(n / kBlock + 1);
    Counts c{0, 0};  // before position q
    size_t q = 0;
    auto advance = [&](size_t to) {
      Counts d = counts(q, to);
      c.points += d.points;
      c.units += d.units;
      q = to;
    };
    const std::vector<uint32_t> starts = next_line_starts(doc);
    size_t si = 0;
    for (size_t b = 0; b < n; b += kBlock) {
      blocks_.push_back(c);
      const size_t end = std::min(n, b + kBlock);
      for (; si < starts.size() && starts[si] <= end; ++si) {
        advance(starts[si]);
        line_starts_.push_back(uint32_t(q));
        line_points_.push_back(c.points);
      }
      advance(end);
    }
  }
  uint32_t lines() const {
    if (text_.empty()) return 0;
    return uint32_t(line_starts_.size()) - (line_starts_.back() == text_.size() ? 1 : 0);
  }
  Span from_decoded(uint32_t ds, uint32_t de) const {
    de = std::max(ds, de);
    Span s;
    s.start = doc_.dmap.start(ds);
    s.end = std::max(s.start, doc_.dmap.end(de));
    if (de == ds) s.end = s.start;
    s.start16 = locate(ds, s.line, s.column);
    s.end16 = de == ds ? s.start16 : locate(de, s.end_line, s.end_column);
    if (de == ds) { s.end_line = s.line; s.end_column = s.column; }
    return s;
  }
  Span from_folded(uint32_t fs, uint32_t fe) const {
    uint32_t ds = doc_.to_decoded_start(fs);
    uint32_t de = fe == fs ? ds : std::max(ds, doc_.to_decoded_end(fe));
    return from_decoded(ds, de);
  }

 private:
  static constexpr uint32_t kBlock = 64;
  struct Counts { uint32_t points, units; };
  /// Code points and UTF-16 units in text_[from, to).
  Counts counts(size_t from, size_t to) const {
    constexpr uint64_t kHigh = 0x8080808080808080ull;
    const char* p = text_.data();
    uint32_t cont = 0, four = 0;
    size_t i = from;
    // Per-byte flags (0 or 1) summed in the bytes of two words — at most 8 words
    // at a time, so no byte overflows — then added across by one multiplication.
    while (i + 8 <= to) {
      uint64_t c8 = 0, f8 = 0;
      for (int k = 0; k < 8 && i + 8 <= to; ++k, i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        c8 += (w & ~(w << 1) & kHigh) >> 7;                       // 10xxxxxx: continuation
        f8 += (w & (w << 1) & (w << 2) & (w << 3) & kHigh) >> 7;  // 1111xxxx: 4-byte lead
      }
      cont += uint32_t((c8 * 0x0101010101010101ull) >> 56);
      four += uint32_t((f8 * 0x0101010101010101ull) >> 56);
    }
    for (; i < to; ++i) {
      unsigned char x = static_cast<unsigned char>(p[i]);
      cont += (x & 0xC0) == 0x80;
      four += x >= 0xF0;
    }
    const uint32_t points = uint32_t(to - from) - cont;
    return {points, points + four};
  }
  /// Line and column of decoded position `d`; returns its UTF-16 offset.
  /// Positions mostly come in text order: one close after the last is counted
  /// on from there.
  uint32_t locate(uint32_t d, uint32_t& line, uint32_t& col) const {
    d = std::min<uint32_t>(d, uint32_t(text_.size()));
    size_t li;
    Counts c{0, 0};
    if (d >= last_.d && d - last_.d < kBlock) {
      li = last_.line;
      while (li + 1 < line_starts_.size() && line_starts_[li + 1] <= d) ++li;
      Counts r = counts(last_.d, d);
      c = {last_.c.points + r.points, last_.c.units + r.units};
    } else {
      li = size_t(std::upper_bound(line_starts_.begin(), line_starts_.end(), d) - line_starts_.begin()) - 1;
      if (!blocks_.empty()) {
        size_t b = std::min<size_t>(d / kBlock, blocks_.size() - 1);
        Counts r = counts(b * kBlock, d);
        c = {blocks_[b].points + r.points, blocks_[b].units + r.units};
      }
    }
    last_ = {d, li, c};
    line = uint32_t(li + 1);
    col = c.points - line_points_[li] + 1;
    return c.units;
  }
  const Doc& doc_;
  std::string_view text_;
  std::vector<uint32_t> line_starts_;   // decoded position of every line's first byte
  std::vector<uint32_t> line_points_;   // code points before every line
  std::vector<Counts> blocks_;          // counts before every kBlock-byte block
  struct Cursor { uint32_t d; size_t line; Counts c; };
  mutable Cursor last_{0, 0, {0, 0}};   // the position located last
};

/// A finding with its spans located, and the findings folded under it.
Diagnostic to_diagnostic(const Locator& loc, Finding& f) {
  Diagnostic d;
  d.rule = f.rule->id;
  d.severity = f.severity;
  d.span = f.decoded_space ? loc.from_decoded(f.start, f.end) : loc.from_folded(f.start, f.end);
  d.zh = std::move(f.zh);
  d.en = std::move(f.en);
  d.check = std::move(f.check);
  for (auto& rel : f.related)
    d.related.push_back({loc.from_folded(rel.start, rel.end), std::move(rel.label), std::move(rel.cell)});
  if (f.suggest) {
    auto& s = *f.suggest;
    d.suggest = Suggestion{std::move(s.table), std::move(s.cell), std::move(s.label_zh), std::move(s.label_en),
                           s.printed, s.value, loc.from_folded(s.start, s.end)};
  }
  d.items.reserve(f.items.size());
  for (auto& item : f.items) d.items.push_back(to_diagnostic(loc, item));
  return d;
}

/// Binary junk: NUL bytes or many control characters in the decoded text.
void check_binary(Doc& doc) {
  std::string_view s = doc.decoded.substr(0, std::min(doc.decoded.size(), Doc::kBinaryScan));
  Doc::ByteStats st = doc.byte_stats;
  if (!st.counted) {  // decoding rewrote the text: count here
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      st.control(c, i);
      if (c == 0xEF && s.compare(i, 3, "\xEF\xBF\xBD") == 0) ++st.replaced;
    }
  }
  const size_t nul = st.nul, ctrl = st.ctrl, replaced = st.replaced, first = st.first;
  if (nul == 0 && ctrl * 20 <= s.size() && replaced * 10 <= s.size() / 3) return;
  std::string detail = std::to_string(nul) + " 个 NUL 字节、" + std::to_string(ctrl) + " 个控制字符、" +
                       std::to_string(replaced) + " 处无效字节（前 " + std::to_string(s.size()) + " 字节中）";
  Finding f = make_finding("NB0004", uint32_t(first == SIZE_MAX ? 0 : first),
                           uint32_t(first == SIZE_MAX ? 0 : first + 1), {{"detail", detail}});
  f.en = "The input looks like binary data, not text: " + std::to_string(nul) + " NUL bytes, " +
         std::to_string(ctrl) + " control characters and " + std::to_string(replaced) +
         " invalid sequences in the first " + std::to_string(s.size()) + " bytes.";
  f.decoded_space = true;
  doc.findings.push_back(std::move(f));
}

}  // namespace

Finding make_finding(const char* rule_id, uint32_t start, uint32_t end, Args args) {
  const RuleInfo& r = rule(rule_id);
  Finding f;
  f.rule = &r;
  f.severity = r.severity;
  f.start = start;
  f.end = end;
  f.zh = format(r.zh, args);
  f.en = format(r.en, args);
  return f;
}

size_t Doc::line_of(uint32_t pos) const {
  auto it = std::upper_bound(lines.begin(), lines.end(), pos, [](uint32_t p, const Line& l) { return p < l.start; });
  return it == lines.begin() ? 0 : size_t(it - lines.begin()) - 1;
}
uint32_t Doc::to_decoded_start(uint32_t pos) const { return vmap.start(fmap.start(pos)); }
uint32_t Doc::to_decoded_end(uint32_t pos) const { return vmap.end(fmap.end(pos)); }

const char* version() { return NIANBAO_VERSION; }
const char* to_string(Severity s) { return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "info"; }
const char* to_string(Status s) { return s == Status::pass ? "pass" : s == Status::fail ? "fail" : "skip"; }
const char* to_string(Template t) {
  switch (t) {
    case Template::v2019: return "v2019";
    case Template::v2021: return "v2021";
    case Template::pre2019: return "pre2019";
    default: return "unknown";
  }
}

const Cell* Table::find(std::string_view k) const {
  for (const auto& c : cells) if (c.key == k) return &c;
  return nullptr;
}
const Table* Result::table(std::string_view k) const {
  for (const auto& t : tables) if (t.key == k) return &t;
  return nullptr;
}
size_t Result::count(Severity s) const {
  return size_t(std::count_if(diagnostics.begin(), diagnostics.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

Result check(std::string_view bytes, const Options& options) {
  Result r;
  r.file = options.file;
  r.input.bytes = bytes.size();
  if (bytes.size() > kMaxInput) {
    const RuleInfo& ri = rule("NB0008");
    Diagnostic d;
    d.rule = ri.id;
    d.severity = ri.severity;
    d.span.line = d.span.column = 1;
    Args args = {{"size", std::to_string(bytes.size())}, {"limit", std::to_string(kMaxInput)}};
    d.zh = format(ri.zh, args);
    d.en = format(ri.en, args);
    r.diagnostics.push_back(std::move(d));
    return r;
  }
  Doc doc;
  doc.input = bytes;
  NIANBAO_TIMED(0, "decode", decode_input(doc, options.assume_utf8));
  NIANBAO_TIMED(1, "binary", check_binary(doc));
  NIANBAO_TIMED(2, "html", html_view(doc));
  NIANBAO_TIMED(3, "fold", fold_text(doc));

  Analysis a;
  bool blank = doc.text.find_first_not_of(" \t\n") == std::string::npos;
  if (blank) {
    Finding f = make_finding("NB0001", 0, 0, {});
    f.decoded_space = true;
    doc.findings.push_back(std::move(f));
  } else {
    NIANBAO_TIMED(4, "sections", find_sections(doc, a));
    NIANBAO_TIMED(5, "tables", read_tables(doc, a));
    NIANBAO_TIMED(6, "metadata", read_metadata(doc, a));
    NIANBAO_TIMED(7, "check_sections", check_sections(doc, a));
    NIANBAO_TIMED(8, "recover", recover_glued(doc, a));
    NIANBAO_TIMED(9, "identities", run_identity_checks(doc, a));
    NIANBAO_TIMED(10, "content", run_content_checks(doc, a));
    if (a.sections.empty() && a.tables.empty()) {
      Finding f = make_finding("NB0007", 0, 0, {});
      doc.findings.push_back(std::move(f));
    }
  }

  // ── resolve into the Result ──
  NIANBAO_STAGE(11, "resolve");
  Locator loc(doc);
  r.input.lines = loc.lines();
  r.input.encoding = doc.encoding;
  r.input.bom = doc.bom;
  r.input.html = doc.html;
  r.report.year = a.year;
  r.report.org = a.org;
  r.report.tmpl = a.tmpl;
  r.report.title = a.title;
  if (a.title_span) r.report.title_span = loc.from_folded(a.title_span->first, a.title_span->second);
  if (a.org_span) r.report.org_span = loc.from_folded(a.org_span->first, a.org_span->second);
  r.sections.reserve(a.sections.size());
  for (auto& s : a.sections) {
    Section out;
    out.key = s.def->key;
    out.number = s.number;
    out.heading = std::move(s.heading);
    out.span = loc.from_folded(s.start, s.end);
    out.body_start = loc.from_folded(s.body_start, s.body_start).start;
    out.body_end = loc.from_folded(s.body_end, s.body_end).start;
    r.sections.push_back(std::move(out));
  }
  for (auto& t : a.tables) {
    Table out;
    out.key = std::move(t.key);
    out.layout = std::move(t.layout);
    out.span = loc.from_folded(t.start, t.end);
    out.recovered = t.recovered;
    out.tmpl = t.evidence == Template::v2019 || t.evidence == Template::v2021 ? t.evidence : r.report.tmpl;
    out.cells.reserve(t.cells.size());
    for (auto& c : t.cells) {
      Cell cell;
      cell.key = std::move(c.key);
      cell.value = c.value;
      cell.number = std::move(c.number);
      cell.raw = std::move(c.raw);
      cell.span = loc.from_folded(c.start, c.end);
      cell.by = c.by;
      out.cells.push_back(std::move(cell));
    }
    r.tables.push_back(std::move(out));
  }
  r.checks = std::move(a.checks);
  r.diagnostics.reserve(doc.findings.size());
  for (auto& f : doc.findings) r.diagnostics.push_back(to_diagnostic(loc, f));
  std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(),
                   [](const Diagnostic& x, const Diagnostic& y) { return x.span.start < y.span.start; });
  return r;
}

}  // namespace nianbao
