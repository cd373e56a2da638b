// template.label, template.missing_row, template.missing_column and
// template.generation: does the table follow the template's wording and shape?
//
// The table region is tokenized again (cells.h) to see its printed labels:
// a label that is exactly one of the wordings templates.cpp lists as a
// variant (社会组织 for 社会公益组织, the typo 内容事务) is reported; a label that is
// only cut short or carries a note (采购总金额（单位：万元）) is not. A 表三 row
// neither read nor printed is missing (one finding per row); a column with no
// cell in any row and no header is missing. The generation check gives the
// year/template finding of meta.cpp (NB0103) its check id.
#include <algorithm>
#include <cstring>
#include <set>

#include "cells.h"
#include "content.h"
#include "match.h"

namespace nianbao {
namespace content {
namespace {

/// A label's key: its letters, digits and Han characters after the enumerator.
std::u32string key_of(std::string_view text) { return label_key(text.substr(enumerator_length(text))); }

bool prefix_of(const std::u32string& a, const std::u32string& b) {
  return a.size() <= b.size() && b.compare(0, a.size(), a) == 0;
}


/// A template label (row or column) of a table for a generation.
struct Label {
  std::string key;        // "requests.social" (check id detail)
  const char* label;      // the template's wording
  const char* en;
};

/// The labels of a table for a generation (rows, then columns) and, by key,
/// every variant that is a wording of its own — not the template's key, not a
/// cut or annotated form of it (社会组织 for 社会公益组织, the typo 内容事务).
/// Data only: built once per table and generation.
struct LabelSet {
  std::vector<Label> labels;
  struct Use { uint32_t label, variant; };  // label index, variant ordinal within the label
  struct Variant {
    std::u32string key;
    std::vector<Use> uses;
  };
  std::vector<Variant> by_variant;  // sorted by key
  const Variant* find(std::u32string_view k) const {
    auto it = std::lower_bound(by_variant.begin(), by_variant.end(), k,
                               [](const Variant& v, std::u32string_view x) { return std::u32string_view(v.key) < x; });
    return it != by_variant.end() && it->key == k ? &*it : nullptr;
  }
};

LabelSet build_labels(std::string_view table, Template g) {
  LabelSet out;
  auto add = [&](const std::string& key, const char* label, const char* en, const char* variants) {
    const uint32_t li = uint32_t(out.labels.size());
    out.labels.push_back({key, label, en});
    const std::u32string lk = key_of(label);
    std::string_view vs(variants);
    for (uint32_t vi = 0; !vs.empty(); ++vi) {
      size_t bar = vs.find('|');
      std::u32string vk = key_of(vs.substr(0, bar));
      if (!vk.empty() && vk != lk && !prefix_of(vk, lk) && !prefix_of(lk, vk)) {
        auto it = std::find_if(out.by_variant.begin(), out.by_variant.end(), [&](const LabelSet::Variant& v) { return v.key == vk; });
        if (it == out.by_variant.end()) it = out.by_variant.insert(it, {std::move(vk), {}});
        it->uses.push_back({li, vi});
      }
      if (bar == std::string_view::npos) break;
      vs.remove_prefix(bar + 1);
    }
  };
  std::string t(table);
  if (table == "requests") {
    for (const auto& r : template_def(g).request_rows)
      if (!r.group_only) add(t + "." + r.key, r.label, r.en, r.variants);
    for (const auto& c : request_columns()) add(t + "." + c.key, c.label, c.en, c.variants);
  } else if (table == "proactive") {
    std::set<std::string> seen;
    for (const auto& p : template_def(g).proactive) {
      for (const auto& r : p.rows) add(t + "." + r.key, r.label, r.en, r.variants);
      for (const auto& c : p.columns)
        if (seen.insert(c.key).second) add(t + "." + c.key, c.label, c.en, c.variants);
    }
  } else if (table == "appeals") {
    for (const auto& c : appeal_columns()) add(t + "." + c.key, c.label, c.en, c.variants);
  }
  std::sort(out.by_variant.begin(), out.by_variant.end(),
            [](const LabelSet::Variant& x, const LabelSet::Variant& y) { return x.key < y.key; });
  return out;
}

const LabelSet& labels(std::string_view table, Template g) {
  static const std::vector<LabelSet> kSets = [] {
    std::vector<LabelSet> out;
    for (Template gen : {Template::v2019, Template::v2021})
      for (const char* tab : {"requests", "proactive", "appeals"}) out.push_back(build_labels(tab, gen));
    return out;
  }();
  static const LabelSet kNone;
  const size_t gi = g == Template::v2021 ? 1 : 0;
  if (table == "requests") return kSets[gi * 3];
  if (table == "proactive") return kSets[gi * 3 + 1];
  if (table == "appeals") return kSets[gi * 3 + 2];
  return kNone;
}

/// The lines to re-read for a table: from its section's heading (the header
/// is above the first row), at most kHeaderLines above the table, to its end.
constexpr size_t kHeaderLines = 40;
constexpr size_t kMaxLabels = 4000;  // printed labels looked at (a table has a few hundred)

std::pair<size_t, size_t> region(const Doc& doc, const Analysis& a, const TableHit& t) {
  size_t l1 = std::min(doc.lines.size(), doc.line_of(t.end > 0 ? t.end - 1 : 0) + 1);
  size_t l0 = doc.line_of(t.start);
  size_t floor = l0 > kHeaderLines ? l0 - kHeaderLines : 0;
  for (const auto& s : a.sections)
    if (s.def && t.key == s.def->key && s.body_start <= t.start && t.start < s.body_end)
      floor = std::max(floor, doc.line_of(s.body_start));
  return {std::min(floor, l0), l1};
}

struct Printed {
  std::string_view text;     // in the token stream
  std::u32string_view key;   // in PrintedLabels::keys
  uint32_t start, end;
};

struct PrintedLabels {
  std::u32string keys;       // every key, back to back
  std::vector<Printed> list;
};

/// The text cells of the region with their keys (enumerator dropped). `out`
/// is cleared first: one PrintedLabels serves every table of a report.
void printed_labels(const TokenStream& ts, PrintedLabels& out) {
  out.keys.clear();
  out.list.clear();
  struct At { uint32_t off, len; };
  std::vector<At> at;
  std::u32string key;  // one buffer for every key
  for (const Token& tok : ts.tokens) {
    if (out.list.size() >= kMaxLabels) break;
    if (tok.kind != Token::cell || tok.text.empty()) continue;
    if (value_kind(tok.text) != Value::text) continue;
    std::string_view text(tok.text);
    Tail tail;
    if (split_numeric_tail(text, tail)) text = text.substr(0, tail.label_bytes);
    if (!label_key_upto(text.substr(enumerator_length(text)), key, 60) || key.empty()) continue;
    at.push_back({uint32_t(out.keys.size()), uint32_t(key.size())});
    out.keys += key;
    out.list.push_back({text, {}, tok.start, tok.start + uint32_t(text.size())});
  }
  for (size_t i = 0; i < at.size(); ++i) out.list[i].key = std::u32string_view(out.keys).substr(at[i].off, at[i].len);
}

/// A printed label that is exactly a variant wording: one finding per label,
/// at the first printed label matching its first such variant.
void check_labels(Doc& doc, Analysis& a, const TableHit& t, const std::vector<Printed>& printed, Template g) {
  const LabelSet& ls = labels(t.key, g);
  if (ls.by_variant.empty()) return;
  constexpr uint64_t kNone = UINT64_MAX;
  std::vector<uint64_t> first;  // per label: (variant ordinal << 32 | printed index) of the first match
  for (size_t pi = 0; pi < printed.size(); ++pi) {
    const LabelSet::Variant* v = ls.find(printed[pi].key);
    if (!v) continue;
    if (first.empty()) first.assign(ls.labels.size(), kNone);
    for (const LabelSet::Use& u : v->uses)
      first[u.label] = std::min(first[u.label], uint64_t(u.variant) << 32 | uint64_t(pi));
  }
  if (first.empty()) return;
  std::vector<std::string_view> reported;
  for (size_t li = 0; li < ls.labels.size(); ++li) {
    if (first[li] == kNone) continue;
    const Label& l = ls.labels[li];
    if (std::find(reported.begin(), reported.end(), l.key) != reported.end()) continue;
    reported.push_back(l.key);
    const Printed& p = printed[size_t(first[li] & 0xFFFFFFFFu)];
    std::string id = "template.label/" + l.key;
    add_check(a, id, Status::fail, "printed label = template label");
    Finding f = make_finding("NB0811", p.start, p.end,
                             {{"table", table_name_zh(t.key)}, {"table_en", table_name_en(t.key)},
                              {"printed", std::string(p.text)}, {"label", l.label}, {"label_en", l.en}});
    f.check = id;
    doc.findings.push_back(std::move(f));
  }
}

/// What a score of 75 needs (match.cpp): equal keys or one a prefix of the
/// other — the same first character — or an LCS with 200·LCS ≥ 75·(|a| + |b|),
/// and the LCS counts only characters of the printed key that the template
/// key holds. A key's first character, length and character bits (c % 64) let
/// most printed labels be passed over before any scoring.
struct KeyBound {
  char32_t first;
  size_t len;
  uint64_t bits;
};

bool may_reach_75(std::u32string_view a, const std::vector<KeyBound>& keys) {
  for (const KeyBound& k : keys) {
    if (a[0] == k.first) return true;
    size_t common = 0;
    for (char32_t c : a) common += (k.bits >> (c % 64)) & 1;
    if (200 * common >= 75 * (a.size() + k.len)) return true;
  }
  return false;
}

/// A template label with its variants: a one-entry match.h LabelSet (the
/// score is best_label_score's) and the bounds of its keys.
struct ShapeLabel {
  nianbao::LabelSet set;
  std::vector<KeyBound> keys;
  ShapeLabel(const char* label, const char* variants)
      : set(std::vector<std::pair<std::string_view, std::string_view>>{{label, variants}}) {
    auto add = [&](std::string_view text) {
      const std::u32string k = key_of(text);
      if (k.empty()) return;  // scores 0 against anything
      KeyBound b{k[0], k.size(), 0};
      for (char32_t c : k) b.bits |= uint64_t(1) << (c % 64);
      keys.push_back(b);
    };
    add(label);
    std::string_view vs(variants);
    while (!vs.empty()) {
      size_t bar = vs.find('|');
      add(vs.substr(0, bar));
      if (bar == std::string_view::npos) break;
      vs.remove_prefix(bar + 1);
    }
  }
  bool matches(std::u32string_view printed) const { return may_reach_75(printed, keys) && set.best(printed).score >= 75; }
};

/// For the shape check: each request row (group labels skipped) and each
/// request column. Built once per generation.
struct ShapeSets {
  std::vector<ShapeLabel> rows, cols;
};

const ShapeSets& shape_sets(Template g) {
  static const std::vector<ShapeSets> kSets = [] {
    std::vector<ShapeSets> out(2);
    for (size_t gi = 0; gi < 2; ++gi) {
      for (const auto& r : template_def(gi ? Template::v2021 : Template::v2019).request_rows)
        if (!r.group_only) out[gi].rows.emplace_back(r.label, r.variants);
      for (const auto& c : request_columns()) out[gi].cols.emplace_back(c.label, c.variants);
    }
    return out;
  }();
  return kSets[g == Template::v2021 ? 1 : 0];
}

void check_shape(Doc& doc, Analysis& a, const TableHit& t, const std::vector<Printed>& printed, Template g) {
  if (t.key != "requests" || !t.glued.empty()) return;
  // Read: a cell "row/col" (the keys of rows and columns hold no '/'). Asked
  // of the table by key for the template's rows and columns first (a read row
  // has its first cells, a read column its cell in the first rows); only when
  // none is there are the cells looked through.
  auto has_cell = [&](std::string_view row, std::string_view col) {
    char buf[128];
    if (row.size() + 1 + col.size() > sizeof buf) return t.find(std::string(row) + "/" + std::string(col)) != nullptr;
    std::memcpy(buf, row.data(), row.size());
    buf[row.size()] = '/';
    std::memcpy(buf + row.size() + 1, col.data(), col.size());
    return t.find(std::string_view(buf, row.size() + 1 + col.size())) != nullptr;
  };
  auto row_read = [&](std::string_view row) {
    for (const ColDef& c : request_columns())
      if (has_cell(row, c.key)) return true;
    return std::any_of(t.cells.begin(), t.cells.end(), [&](const CellHit& c) {
      return c.key.size() > row.size() && c.key[row.size()] == '/' && c.key.compare(0, row.size(), row) == 0;
    });
  };
  auto col_read = [&](std::string_view col) {
    for (const RowDef& r : template_def(g).request_rows)
      if (!r.group_only && has_cell(r.key, col)) return true;
    return std::any_of(t.cells.begin(), t.cells.end(), [&](const CellHit& cell) {
      const size_t n = cell.key.size();
      return n > col.size() + 1 && cell.key[n - col.size() - 1] == '/' && cell.key.compare(n - col.size(), col.size(), col) == 0;
    });
  };
  // Printed as a label: a score of at least 75 against the template's wording
  // or a variant (best_label_score, through a match.h LabelSet built once).
  auto printed_as = [&](const ShapeLabel& l) {
    return std::any_of(printed.begin(), printed.end(), [&](const Printed& p) { return l.matches(p.key); });
  };
  const ShapeSets& sets = shape_sets(g);
  // Rows: read (a cell) or at least printed (a label).
  std::vector<const RowDef*> missing;
  size_t rows = 0;
  for (const auto& r : template_def(g).request_rows) {
    if (r.group_only) continue;
    bool seen = row_read(r.key) || printed_as(sets.rows[rows]);
    ++rows;
    if (!seen) missing.push_back(&r);
  }
  // A table with most rows unread is a reading failure, not a report that lacks rows.
  if (missing.size() * 2 > rows) return;
  for (const RowDef* r : missing) {
    std::string id = "template.missing_row/" + std::string(r->key);
    add_check(a, id, Status::fail, "template row present");
    Finding f = make_finding("NB0602", t.start, t.start,
                             {{"table", table_name_zh(t.key)}, {"table_en", table_name_en(t.key)}, {"row", r->label},
                              {"row_en", r->en}});
    f.check = id;
    doc.findings.push_back(std::move(f));
  }
  if (missing.empty()) add_check(a, "template.missing_row", Status::pass, "every template row present");
  // Columns: a cell in some row, or a header label. Not judged when rows' values do not fit the
  // columns (NB0604: blank cells vanished, a row split): the columns they stand in are not known.
  if (t.columns_unsure) return;
  for (size_t ci = 0; ci < request_columns().size(); ++ci) {
    const ColDef& c = request_columns()[ci];
    bool seen = col_read(c.key) || printed_as(sets.cols[ci]);
    if (seen) continue;
    std::string id = "template.missing_column/" + std::string(c.key);
    add_check(a, id, Status::fail, "template column present");
    Finding f = make_finding("NB0812", t.start, t.start,
                             {{"table", table_name_zh(t.key)}, {"table_en", table_name_en(t.key)}, {"col", c.label},
                              {"col_en", c.en}});
    f.check = id;
    doc.findings.push_back(std::move(f));
  }
}

}  // namespace

void check_template(Doc& doc, Analysis& a) {
  // The template generation against the year (the finding itself is meta.cpp's NB0103).
  if (a.year && a.tmpl != Template::unknown && (!a.tables.empty() || !a.sections.empty())) {
    bool mismatch = false;
    for (auto& f : doc.findings)
      if (f.rule && std::string_view(f.rule->id) == "NB0103") { f.check = "template.generation"; mismatch = true; }
    Check& c = add_check(a, "template.generation", mismatch ? Status::fail : Status::pass, "template = the year's template");
    c.lhs = a.year;
  }
  const Template g = a.tmpl == Template::v2021 ? Template::v2021 : a.tmpl == Template::v2019 ? Template::v2019 : Template::unknown;
  if (g == Template::unknown) return;
  TokenStream ts;          // one stream and one label store for every table (their storage is reused)
  PrintedLabels printed;
  for (const TableHit& t : a.tables) {
    // Nothing to read the printed labels for (a table whose labels have no
    // variant wording and no shape check, like 表四): no second tokenizing.
    if (labels(t.key, g).by_variant.empty() && !(t.key == "requests" && t.glued.empty())) continue;
    auto [l0, l1] = region(doc, a, t);
    tokenize(doc, l0, l1, ts);
    printed_labels(ts, printed);
    check_labels(doc, a, t, printed.list, g);
    check_shape(doc, a, t, printed.list, g);
  }
}

}  // namespace content
}  // namespace nianbao
