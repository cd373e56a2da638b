// Glued-row recovery: rebuild table cells whose separators were lost.
//
// Web archives that flattened a table with `textContent` print every cell of a
// row as one run of digits (`（七）总计371000038` is 37|1|0|0|0|0|38). The
// template says how many cells each row has and the identities constrain them;
// `solve` enumerates the splits of every glued row and keeps only the
// assignments under which every checkable identity holds. It reads no text
// (the table reader detects glued rows and calls it), does no I/O, throws
// nothing for bad input and is bounded by `Options::max_visits`.
// Algorithm, bounds and honesty rules: docs/recovery.md.
#ifndef NIANBAO_RECOVER_H
#define NIANBAO_RECOVER_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::recover {

/// One table row as the reader saw it: either known cells or one glued run.
struct Row {
  std::string key;                            // row key, for messages ("total", "carried_forward")
  int cells = 0;                              // how many cells the template gives this row (1–63)
  bool glued = false;
  std::vector<std::optional<int64_t>> known;  // !glued: size()==cells; nullopt = blank cell (doubtful)
  std::vector<std::string> pieces;            // glued: printed runs between hard boundaries (stray
                                              // spaces); digits, and '-' only at the start of a cell
                                              // in a signed column
  std::vector<bool> signed_cols;              // optional: which columns may be negative
};

struct Term { int row = 0, col = 0; };        // index into the rows given to `solve`
struct Identity {                             // Σ lhs == Σ rhs
  std::string id;                             // check id, e.g. "requests.balance/total"
  std::vector<Term> lhs, rhs;
};

struct Options {
  uint64_t max_visits = 1'000'000;            // partial assignments tried, in all
  int max_cell_digits = 6;                    // 1–15 digits per cell
  size_t max_candidates = 8;                  // distinct candidates listed per undetermined row
};

enum class Outcome : uint8_t {
  unique,           // exactly one consistent assignment: every glued row determined
  ambiguous,        // more than one; `RowResult::determined` says which rows still agree
  none,             // no consistent assignment (or a glued row cannot be split at all)
  budget_exceeded,  // `max_visits` ran out before the search finished: nothing determined
  not_needed,       // no glued rows
  invalid,          // the call itself is malformed: see Solution::error_zh / error_en
};
const char* to_string(Outcome);

struct Candidate {
  std::vector<int64_t> values;
  friend bool operator==(const Candidate& a, const Candidate& b) { return a.values == b.values; }
};

struct RowResult {                            // one per glued row, in row order
  int row = 0;
  bool determined = false;                    // all consistent assignments agree on this row
  std::vector<Candidate> candidates;          // determined: the one; else up to max_candidates
  bool more = false;                          // there are more distinct candidates than listed
  uint64_t splits = 0;                        // splits of this row alone, before any identity
                                              // (saturates at UINT64_MAX); 0: cannot be split
};

struct Solution {
  Outcome outcome = Outcome::not_needed;
  std::vector<std::vector<std::optional<int64_t>>> values;  // full grid; glued rows filled when
                                                            // determined (unique or ambiguous only)
  std::vector<RowResult> glued_rows;
  std::vector<std::string> used_identities;  // checkable identities with a glued cell: they shaped
                                             // the recovery, so they are no independent evidence
  uint64_t visits = 0;                       // partial assignments tried (≤ max_visits)
  uint64_t solutions = 0;                    // consistent full assignments (saturating); exact
                                             // when the outcome is unique, ambiguous or none
  std::string error_zh, error_en;            // outcome invalid: what is wrong with the call
};

/// Recover every glued row jointly. Identities with a blank or out-of-range
/// (|v| ≥ 10^15) known cell are ignored; identities with no glued cell are
/// left to the checks. Never throws on bad input; at most `max_visits` visits.
Solution solve(const std::vector<Row>& rows, const std::vector<Identity>& ids,
               const Options& options = {});

/// Split the text after a row label into pieces at whitespace (ASCII, U+00A0,
/// U+3000), the hard boundaries. Returns false (and no pieces) if the text
/// holds anything but digits, '-', '.' and whitespace. `solve` rejects '.'
/// (decimals cannot be recovered): the reader reports such rows instead.
bool split_pieces(std::string_view text, std::vector<std::string>& pieces);

}  // namespace nianbao::recover

#endif  // NIANBAO_RECOVER_H
