// The fuzz harness, shared by the libFuzzer targets (fuzz/*.cpp) and by the
// regression replay in tests/test_hostile.cpp, so that a crash file found by
// the fuzzer runs through exactly the same code in the test binary.
//
// Input format (both targets): the first byte holds option flags, the rest is
// the report text.
//
//   bit 0  Options::assume_utf8        bit 1  JsonOptions::utf16
//   bit 2  JsonOptions::pretty         bits 4–7 (tables target) which table
//                                      header to put before the text (kTableHeads)
//
// Besides "no crash, no sanitizer report", every run checks the Result's
// invariants (spans inside the input, bilingual messages, consistent check
// statuses) and that to_json() is well-formed JSON in valid UTF-8. A violation
// is returned as text; the fuzz targets abort on it.
#ifndef NIANBAO_FUZZ_HARNESS_H
#define NIANBAO_FUZZ_HARNESS_H

#include <nianbao/nianbao.h>

#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace nianbao::fuzz {

enum Flags : uint8_t { kAssumeUtf8 = 1, kUtf16 = 2, kPretty = 4 };

/// Minimal table headers the tables target writes before the fuzzed text, so
/// that the bytes land inside a table the readers recognize (all layouts).
inline constexpr const char* kTableHeads[] = {
    // 表三 as tab-separated rows
    "三、收到和处理政府信息公开申请情况\n\t\t申请人情况\n\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n"
    "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n一、本年新收政府信息公开申请数量\t",
    // 表三, one cell per line
    "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
    "一、本年新收政府信息公开申请数量\n\t",
    // 表三 as a markdown pipe table
    "三、收到和处理政府信息公开申请情况\n| 本年新收政府信息公开申请数量 | ",
    // 表二, 第二十条第（一）项 (v2019 and v2021 headers)
    "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t",
    "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t",
    // 表四
    "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n",
    // HTML
    "<html><body><p>三、收到和处理政府信息公开申请情况</p><table><tr><td>本年新收政府信息公开申请数量</td><td>",
    // nothing: the text alone
    "",
};
inline constexpr size_t kTableHeadCount = sizeof kTableHeads / sizeof kTableHeads[0];

/// Is `s` one JSON value in valid UTF-8 (RFC 8259, no trailing text)?
class JsonValidator {
 public:
  explicit JsonValidator(std::string_view s) : s_(s) {}
  bool valid() {
    ws();
    if (!value(0)) return false;
    ws();
    return i_ == s_.size();
  }
  size_t where() const { return i_; }

 private:
  bool value(int depth) {
    if (depth > 64 || i_ >= s_.size()) return false;
    char c = s_[i_];
    if (c == '{') return compound(depth, '}', true);
    if (c == '[') return compound(depth, ']', false);
    if (c == '"') return string();
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    for (const char* w : {"true", "false", "null"})
      if (s_.compare(i_, std::char_traits<char>::length(w), w) == 0) { i_ += std::char_traits<char>::length(w); return true; }
    return false;
  }
  bool compound(int depth, char close, bool object) {
    ++i_;
    ws();
    if (i_ < s_.size() && s_[i_] == close) { ++i_; return true; }
    while (true) {
      ws();
      if (object) {
        if (i_ >= s_.size() || s_[i_] != '"' || !string()) return false;
        ws();
        if (i_ >= s_.size() || s_[i_] != ':') return false;
        ++i_;
        ws();
      }
      if (!value(depth + 1)) return false;
      ws();
      if (i_ >= s_.size()) return false;
      if (s_[i_] == close) { ++i_; return true; }
      if (s_[i_] != ',') return false;
      ++i_;
    }
  }
  bool string() {
    ++i_;
    while (i_ < s_.size()) {
      auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') { ++i_; return true; }
      if (c < 0x20) return false;
      if (c == '\\') {
        if (++i_ >= s_.size()) return false;
        char e = s_[i_++];
        if (e == 'u') {
          for (int k = 0; k < 4; ++k, ++i_)
            if (i_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[i_]))) return false;
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return false;
        }
        continue;
      }
      if (c < 0x80) { ++i_; continue; }
      // UTF-8: shortest form, no surrogates, at most U+10FFFF.
      int len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
      if (!len || i_ + size_t(len) > s_.size()) return false;
      unsigned char lo = 0x80, hi = 0xBF;
      if (c == 0xE0) lo = 0xA0; else if (c == 0xED) hi = 0x9F; else if (c == 0xF0) lo = 0x90; else if (c == 0xF4) hi = 0x8F;
      for (int k = 1; k < len; ++k) {
        auto cc = static_cast<unsigned char>(s_[i_ + size_t(k)]);
        if (cc < lo || cc > hi) return false;
        lo = 0x80; hi = 0xBF;
      }
      i_ += size_t(len);
    }
    return false;
  }
  bool number() {
    size_t b = i_;
    if (s_[i_] == '-') ++i_;
    auto digits = [&] { size_t d = i_; while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_; return i_ > d; };
    if (i_ < s_.size() && s_[i_] == '0') ++i_;
    else if (!digits()) return false;
    if (i_ < s_.size() && s_[i_] == '.') { ++i_; if (!digits()) return false; }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!digits()) return false;
    }
    return i_ > b;
  }
  void ws() { while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_; }
  std::string_view s_;
  size_t i_ = 0;
};

/// The first broken invariant of `r` (the result of checking `input`), or "".
inline std::string invariant_violation(const Result& r, std::string_view input) {
  const uint64_t n = input.size();
  if (r.input.bytes != n) return "input.bytes " + std::to_string(r.input.bytes) + " != " + std::to_string(n);
  auto bad_span = [&](const Span& s, const std::string& what) -> std::string {
    if (s.start > s.end || s.end > n)
      return what + ": span " + std::to_string(s.start) + ".." + std::to_string(s.end) + " outside 0.." + std::to_string(n);
    if (s.line < 1 || (s.end_line != 0 && s.end_line < s.line) || s.line > r.input.lines + 1)
      return what + ": line " + std::to_string(s.line) + "–" + std::to_string(s.end_line) + " of " + std::to_string(r.input.lines);
    if (s.column < 1) return what + ": column 0";
    if (s.start16 > s.end16) return what + ": UTF-16 span reversed";
    return "";
  };
  std::string e;
  for (const auto& s : r.sections) {
    if (!(e = bad_span(s.span, "section " + s.key)).empty()) return e;
    if (s.body_start > s.body_end || s.body_end > n) return "section " + s.key + ": body outside the input";
  }
  for (const auto& t : r.tables) {
    if (!(e = bad_span(t.span, "table " + t.key)).empty()) return e;
    for (const auto& c : t.cells) {
      if (!(e = bad_span(c.span, "cell " + t.key + " " + c.key)).empty()) return e;
      if (c.value && (c.number.empty() || !std::isfinite(*c.value))) return "cell " + c.key + ": value without number text";
    }
  }
  for (const auto& c : r.checks) {
    // The contract's identities: pass exactly when both sides are equal.
    bool identity = false;
    for (const char* family : {"requests.balance/", "requests.results/", "requests.applicants/", "appeals.total/"})
      identity |= c.id.rfind(family, 0) == 0;
    if (!identity || c.status == Status::skip) continue;
    if (!c.lhs || !c.rhs) return "check " + c.id + ": decided without operands";
    bool equal = std::fabs(*c.lhs - *c.rhs) < 1e-6;
    if (equal != (c.status == Status::pass)) return "check " + c.id + ": status disagrees with its operands";
  }
  for (const auto& d : r.diagnostics) {
    if (d.rule.size() != 6 || d.rule.compare(0, 2, "NB") != 0) return "diagnostic with rule id '" + d.rule + "'";
    if (d.zh.empty() || d.en.empty()) return d.rule + ": message missing in zh or en";
    if (!(e = bad_span(d.span, "diagnostic " + d.rule)).empty()) return e;
    for (const auto& rel : d.related)
      if (!(e = bad_span(rel.span, "related location of " + d.rule)).empty()) return e;
  }
  return "";
}

/// Check `text` with the options in `flags`; the first problem found, or "".
inline std::string run_one(uint8_t flags, std::string_view text) {
  Options opt;
  opt.file = "fuzz";
  opt.assume_utf8 = flags & kAssumeUtf8;
  Result r = check(text, opt);
  if (std::string e = invariant_violation(r, text); !e.empty()) return e;
  JsonOptions jo;
  jo.utf16 = flags & kUtf16;
  jo.pretty = flags & kPretty;
  std::string json = to_json(r, jo);
  JsonValidator v(json);
  if (!v.valid()) return "to_json is not valid JSON/UTF-8 near byte " + std::to_string(v.where());
  return "";
}

/// Target `check`: flags byte, then the whole input.
inline std::string check_target(const uint8_t* data, size_t size) {
  if (size == 0) return run_one(0, {});
  return run_one(data[0], std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
}

/// Target `tables`: flags byte (high nibble picks a table header), then the
/// table body that follows the header.
inline std::string tables_target(const uint8_t* data, size_t size) {
  if (size == 0) return "";
  std::string text = kTableHeads[(data[0] >> 4) % kTableHeadCount];
  text.append(reinterpret_cast<const char*>(data) + 1, size - 1);
  return run_one(data[0], text);
}

}  // namespace nianbao::fuzz

#endif
