// cells: the layouts a pasted table arrives in, reduced to one token stream.
//
// Whatever the paste looks like — tab-separated rows, one cell per line
// (with tab prefixes, or with trailing `|`), markdown pipe rows, HTML (already
// turned into tab-separated rows by html.cpp), or plain lines with
// space-separated numbers — the tokenizer yields cells and row ends. The table
// readers then match cells against the template's labels, never positions
// alone.
#ifndef NIANBAO_CELLS_H
#define NIANBAO_CELLS_H

#include <forward_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doc.h"

namespace nianbao {

struct Token {
  enum Kind : uint8_t { cell, row_end } kind = cell;
  /// Trimmed cell text: a view of the folded text, or of the stream's `joined` store
  /// when continuation lines were joined. Valid while the Doc and the TokenStream live.
  std::string_view text;
  uint32_t start = 0, end = 0;  // folded-text span of the text
};

struct TokenStream {
  std::vector<Token> tokens;
  std::string layout;        // the dominant layout: tsv | cell-per-line | pipe | markdown | plain
  std::forward_list<std::string> joined;  // texts of cells joined from several lines (stable addresses)

  TokenStream() = default;
  TokenStream(TokenStream&&) = default;
  TokenStream& operator=(TokenStream&&) = default;
  TokenStream(const TokenStream&) = delete;  // tokens point into `joined`
  TokenStream& operator=(const TokenStream&) = delete;
};

/// Tokenize lines [first, last) of the folded text.
TokenStream tokenize(const Doc& doc, size_t first, size_t last);
/// The same into `ts`, reusing its storage (a reader tokenizing several regions).
void tokenize(const Doc& doc, size_t first, size_t last, TokenStream& ts);

/// A parsed cell value.
struct Value {
  enum Kind : uint8_t { empty, number, text } kind = text;
  double v = 0;
  std::string canonical;     // "16", "89902.19", "-15"
  std::string unit;          // "元", "万元", "%", …
  bool integer = true;
};
Value parse_value(std::string_view text);
/// parse_value(text).kind, without building the value.
Value::Kind value_kind(std::string_view text);
/// What the table readers keep of a value while they read: parse_value without its
/// strings (the cells they place are parsed in full).
struct ValueInfo {
  Value::Kind kind = Value::text;
  bool integer = true;   // Value::integer
  bool unit = false;     // Value::unit is not empty
};
ValueInfo value_info(std::string_view text);

/// Split "label  37 1 0 0" / "label371000038" into the label and the numeric
/// tail pieces (hard boundaries at spaces). Returns false when there is no tail.
struct Tail {
  size_t label_bytes = 0;            // bytes of the label part (trimmed)
  std::vector<std::pair<size_t, size_t>> pieces;  // [begin, end) byte ranges in the text
  size_t digits = 0;
};
bool split_numeric_tail(std::string_view text, Tail& tail);

}  // namespace nianbao

#endif
