// What the stages find, in folded-text coordinates, before it becomes a Result.
#ifndef NIANBAO_ANALYSIS_H
#define NIANBAO_ANALYSIS_H

#include <nianbao/nianbao.h>

#include <optional>
#include <string>
#include <vector>

#include "doc.h"
#include "templates.h"

namespace nianbao {

struct SectionHit {
  const SectionDef* def = nullptr;
  bool pre2019_only = false;        // the key exists only in the pre-2019 layout
  int number = 0;                   // printed numeral, 0 if none
  bool typo = false;                // the title is one character away from the template's
  bool added = false;               // the line holds the template's title and a few words more
  std::string printed;              // printed enumerator ("一、")
  std::string heading;              // heading text as printed (folded, trimmed)
  uint32_t start = 0, end = 0;      // heading span
  uint32_t body_start = 0, body_end = 0;
  size_t line = 0;
};

struct CellHit {
  std::string key;                  // "row/col"
  std::optional<double> value;
  std::string number;               // canonical number text
  std::string raw;                  // as printed
  std::string unit;                 // unit printed with the number ("元", "万元"), if any
  uint32_t start = 0, end = 0;
  const char* by = "label";         // Cell::by
};

struct TableHit {
  std::string key;                  // proactive | requests | appeals
  std::string layout;
  uint32_t start = 0, end = 0;
  std::vector<CellHit> cells;
  bool recovered = false;
  bool found = false;               // the table is there (even if no cell could be placed)
  const char* placing = "label";    // Cell::by of the cells add_cell appends now
  /// Rows printed as one run of digits (separators lost): recovered or reported later.
  struct Glued {
    std::string row;
    int cells;
    std::vector<std::string> pieces;
    uint32_t start, end;
    std::vector<std::string> cols;  // proactive: the columns in force for this row
    bool paired = false;            // its run was printed apart from its label, paired by the tool
  };
  std::vector<Glued> glued;
  /// 表三 rows whose applicant values were printed but not placed (their blank cells vanished from
  /// the text, "26 26"): Σ applicants is known though their columns are not (NB0303 runs on it).
  struct RowSum { std::string row; double sum; };
  std::vector<RowSum> row_sums;
  /// Rows whose values do not fit the columns (NB0604): which columns a row's values stand in is
  /// not known, so no column is judged missing (NB0812).
  bool columns_unsure = false;
  Template evidence = Template::unknown;  // what the table's shape says
  /// Identities a reading of the table was chosen by (their pass is no independent evidence:
  /// Check::used_for_recovery).
  std::vector<std::string> used;
  /// The first cell placed under key `k`. A hash index over `cells`, brought up to
  /// date on each call (cells are only ever appended, and looked up as they are).
  const CellHit* find(std::string_view k) const { return find(k, cell_key_hash(k)); }
  /// The same, with `hash` = cell_key_hash(k) computed beforehand (identity operands).
  const CellHit* find(std::string_view k, uint32_t hash) const;
  static uint32_t cell_key_hash(std::string_view k);

 private:
  mutable std::vector<uint32_t> slots_;  // open addressing: cell index + 1, 0 = empty
  mutable size_t indexed_ = 0;           // cells[0, indexed_) are in slots_
};

struct Analysis {
  Template tmpl = Template::unknown;
  int year = 0;
  std::string org, title;
  std::optional<std::pair<uint32_t, uint32_t>> title_span, org_span;
  std::vector<SectionHit> sections;
  std::vector<TableHit> tables;
  std::vector<Check> checks;
  std::vector<std::string> used_for_recovery;
  const TableHit* table(std::string_view k) const {
    for (const auto& t : tables) if (t.key == k) return &t;
    return nullptr;
  }
  const SectionHit* section(std::string_view k) const {
    for (const auto& s : sections) if (s.def && k == s.def->key) return &s;
    return nullptr;
  }
};

/// One identity of the template (contract "Check ids"): Σ lhs = Σ rhs over cell keys.
struct Operand {
  std::string cell;   // "row/col"
  std::string zh, en; // short labels for messages
  uint32_t hash = 0;  // TableHit::cell_key_hash(cell), set by identity_defs
};
struct Identity {
  std::string id, table, rule, formula;
  std::vector<Operand> lhs, rhs;
};
/// The identities of a table ("requests" or "appeals") for a generation.
/// Built once per generation and table; empty for any other table.
const std::vector<Identity>& identity_defs(Template t, std::string_view table);  // checks.cpp

void find_sections(Doc& doc, Analysis& a);         // sections.cpp
void check_sections(Doc& doc, Analysis& a);        // sections.cpp (after the template is known)
void read_tables(Doc& doc, Analysis& a);           // tables.cpp
void read_metadata(Doc& doc, Analysis& a);         // meta.cpp
void run_identity_checks(Doc& doc, Analysis& a);   // checks.cpp
void recover_glued(Doc& doc, Analysis& a);         // recover_table.cpp (before the identities)
void run_content_checks(Doc& doc, Analysis& a);    // content.cpp (narrative, copies, body/year, units…)

}  // namespace nianbao

#endif
