// The document every stage reads: the input decoded, the HTML view (if the
// input was markup), and the folded text used for matching, with the offset
// maps that lead every folded position back to the original bytes.
//
//   input bytes ──decode──▶ decoded (UTF-8) ──html──▶ view ──fold──▶ text
//                  dmap ◀──────────────  vmap ◀─────────  fmap ◀──
#ifndef NIANBAO_DOC_H
#define NIANBAO_DOC_H

#include <nianbao/nianbao.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "offset_map.h"
#include "rules.h"

namespace nianbao {

/// A finding before its spans are resolved to the original input.
/// Positions are in folded-text coordinates unless `decoded_space`.
struct Finding {
  const RuleInfo* rule = nullptr;
  Severity severity = Severity::warning;
  uint32_t start = 0, end = 0;
  bool decoded_space = false;
  std::string zh, en;
  std::string check;
  struct Rel { uint32_t start, end; std::string label, cell = {}; };
  std::vector<Rel> related;
  std::vector<Finding> items;      // folded under this cause (Diagnostic::items)
  struct Suggest {
    std::string table, cell, label_zh, label_en;
    double printed = 0, value = 0;
    uint32_t start = 0, end = 0;
  };
  std::optional<Suggest> suggest;
};

/// Build a finding from the rule table: messages formatted from `args`.
Finding make_finding(const char* rule_id, uint32_t start, uint32_t end, Args args);

struct Line {
  uint32_t start, end;  // folded text, [start, end) without the newline
};

struct Doc {
  std::string_view input;
  // decode
  std::string decoded_store;      // empty when the input is valid UTF-8 (decoded aliases input)
  std::string_view decoded;
  OffsetMap dmap;                 // decoded → input
  /// NUL bytes, other control characters (not \t \n \f \r) and U+FFFD in the first
  /// kBinaryScan bytes of `decoded`, counted by decode while it validates UTF-8 input
  /// (`counted` false when the text was rewritten: the binary check then counts itself).
  static constexpr size_t kBinaryScan = size_t(1) << 20;
  struct ByteStats {
    bool counted = false;
    size_t nul = 0, ctrl = 0, replaced = 0, first = SIZE_MAX;  // first: position of the first NUL/control
    /// Count byte `c` at `i` when it is NUL or a control character text does not use.
    void control(unsigned char c, size_t i) {
      if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r' || c == '\f') return;
      (c == 0 ? nul : ctrl)++;
      if (i < first) first = i;
    }
  } byte_stats;
  std::string encoding = "utf-8";
  bool bom = false;
  // html
  bool html = false;
  std::string view_store;
  std::string_view view;
  OffsetMap vmap;                 // view → decoded
  // fold
  std::string text;               // folded text, what every later stage reads
  OffsetMap fmap;                 // text → view
  std::vector<Line> lines;
  bool other_breaks = false;      // the view has a line end other than LF (CR, VT, FF, NEL, U+2028/9)

  std::vector<Finding> findings;

  std::string_view line_text(size_t i) const { return std::string_view(text).substr(lines[i].start, lines[i].end - lines[i].start); }
  /// Index of the line holding folded position `pos`.
  size_t line_of(uint32_t pos) const;
  /// Folded position → decoded position.
  uint32_t to_decoded_start(uint32_t pos) const;
  uint32_t to_decoded_end(uint32_t pos) const;
};

// Stages (each in its own file).
void decode_input(Doc& doc, bool assume_utf8);   // decode.cpp
void html_view(Doc& doc);                        // html.cpp
void fold_text(Doc& doc);                        // fold.cpp
/// doc.lines over doc.text (fold_text calls it; so does reline_collapsed after it changed the text).
void index_lines(Doc& doc);                       // fold.cpp
/// Tables saved as comma-separated values read as tab-separated rows (fold_text calls it).
void csv_cells(Doc& doc);                        // csv.cpp
/// Lines of a report stored with its whitespace collapsed, given back (fold_text calls it).
void reline_collapsed(Doc& doc);                 // reline.cpp

}  // namespace nianbao

#endif
