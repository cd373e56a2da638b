// A minimal streaming JSON writer: commas and escaping handled, nothing else.
#ifndef NIANBAO_JSON_WRITER_H
#define NIANBAO_JSON_WRITER_H

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <optional>
#include <vector>

#include <nianbao/nianbao.h>

namespace nianbao {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = false) : pretty_(pretty) {}
  void begin_object() { value_prefix(); out_ += '{'; stack_.push_back(true); }
  void end_object() { close('}'); }
  void begin_array() { value_prefix(); out_ += '['; stack_.push_back(true); }
  void end_array() { close(']'); }
  void key(std::string_view k) {
    comma();
    newline();
    quote(k);
    out_ += pretty_ ? ": " : ":";
    after_key_ = true;
  }
  void string(std::string_view s) { value_prefix(); quote(s); }
  void number(int64_t v) { value_prefix(); out_ += std::to_string(v); }
  /// A number already in canonical JSON form ("16", "89902.19", "-3").
  void raw_number(std::string_view s) { value_prefix(); out_ += s; }
  void boolean(bool b) { value_prefix(); out_ += b ? "true" : "false"; }
  void null() { value_prefix(); out_ += "null"; }
  std::string take() { return std::move(out_); }

 private:
  void comma() {
    if (!stack_.empty()) {
      if (!stack_.back()) out_ += ',';
      stack_.back() = false;
    }
  }
  void value_prefix() {
    if (after_key_) { after_key_ = false; return; }
    comma();
    if (!stack_.empty()) newline();
  }
  void close(char c) {
    bool empty = stack_.back();
    stack_.pop_back();
    if (!empty) newline();
    out_ += c;
  }
  void newline() {
    if (!pretty_) return;
    out_ += '\n';
    out_.append(stack_.size() * 2, ' ');
  }
  void quote(std::string_view s) {
    out_ += '"';
    for (unsigned char c : s) {
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default:
          if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out_ += buf;
          } else {
            out_ += char(c);
          }
      }
    }
    out_ += '"';
  }
  std::string out_;
  std::vector<bool> stack_;  // per open container: still empty?
  bool after_key_ = false;
  bool pretty_;
};

/// The span fields of the contract ("start", "end", "line", "column"; "start16"/"end16" when asked).
void span_fields(JsonWriter& w, const Span& s, const JsonOptions& o);   // json.cpp
/// A number as an integer when it is one, else up to ten significant digits; empty → null.
void number_or_null(JsonWriter& w, const std::optional<double>& v);   // json.cpp
/// A diagnostic's own fields, rule to check (`file`, when given, after the severity:
/// the comparison's which-report). The caller writes related locations and the rest.
void diagnostic_head(JsonWriter& w, const Diagnostic& d, const JsonOptions& o, const char* file = nullptr);  // json.cpp

}  // namespace nianbao

#endif
