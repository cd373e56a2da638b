// proactive.unit, proactive.plausibility and <table>.plausibility: the values
// themselves. Amounts are in 万元 (the cell's own unit says otherwise:
// "89902.19元"), and a bare amount that would be billions of yuan for a 街道 is
// more likely yuan. Counts are whole numbers ≥ 0; only 本年增/减 may be
// negative, and last year's items plus the change cannot be.
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "content.h"

namespace nianbao {
namespace content {
namespace {

struct Amount {
  const char* cell;   // proactive cell key
  const char* zh;
  const char* en;
};

constexpr Amount kAmounts[] = {
    {"procurement/amount", "表二「政府集中采购」采购总金额", "The procurement amount (政府集中采购 采购总金额)"},
    {"fees/amount", "表二「行政事业性收费」本年收费金额", "The fees collected (行政事业性收费 本年收费金额)"},
};

/// Reporting bodies whose spending is small; the limit above which a bare 万元 figure is implausible.
struct Scale {
  const char* suffix;
  double limit_wan;
  const char* zh;
  const char* en;
};

constexpr Scale kScales[] = {
    {"街道办事处", 1e4, "街道一级", "a sub-district"},
    {"街道", 1e4, "街道一级", "a sub-district"},
    {"镇人民政府", 1e4, "乡镇一级", "a town"},
    {"乡人民政府", 1e4, "乡镇一级", "a township"},
    {"镇", 1e4, "乡镇一级", "a town"},
    {"乡", 1e4, "乡镇一级", "a township"},
};
constexpr double kLimitWan = 1e6;  // ¥10 billion: implausible for any single body's report

/// "amount (万元) <= 10000": the formula of the plausibility check for a limit
/// (the limits are the constants above: each formatted once).
const std::string& limit_formula(double limit) {
  static const std::vector<std::pair<double, std::string>> kTexts = [] {
    std::vector<std::pair<double, std::string>> out;
    auto add = [&](double l) {
      for (const auto& e : out)
        if (e.first == l) return;
      out.push_back({l, "amount (万元) <= " + fmt(l)});
    };
    add(kLimitWan);
    for (const Scale& sc : kScales) add(sc.limit_wan);
    return out;
  }();
  for (const auto& e : kTexts)
    if (e.first == limit) return e.second;
  return kTexts.front().second;  // (every limit is one of the constants)
}

bool ends_with(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

/// 1.469295e10 → "146.93 亿元" / "14.69 billion yuan".
std::string yuan_text(double yuan, bool en) {
  if (en) {
    if (yuan >= 1e9) return fmt(std::round(yuan / 1e7) / 100) + " billion yuan";
    if (yuan >= 1e6) return fmt(std::round(yuan / 1e4) / 100) + " million yuan";
    return fmt(yuan) + " yuan";
  }
  if (yuan >= 1e8) return fmt(std::round(yuan / 1e6) / 100) + " 亿元";
  if (yuan >= 1e4) return fmt(std::round(yuan / 1e2) / 100) + " 万元";
  return fmt(yuan) + " 元";
}

void check_amounts(Doc& doc, Analysis& a, const TableHit& t) {
  for (const Amount& am : kAmounts) {
    const CellHit* c = t.find(am.cell);
    if (!c || !c->value) continue;
    std::string key = am.cell;
    key[key.find('/')] = '.';
    const double v = *c->value;
    if (c->unit == "元") {
      std::string id = "proactive.unit/" + key;
      Check& ck = add_check(a, id, Status::fail, "unit = 万元");
      ck.lhs = v;
      ck.cells = {c->key};
      Finding f = make_finding("NB0806", c->start, c->end,
                               {{"cell", am.zh}, {"cell_en", am.en}, {"raw", c->raw}, {"unit", "元"}, {"unit_en", "yuan"},
                                {"wan", fmt(std::round(v / 1e4 * 1e6) / 1e6)}});
      f.check = id;
      doc.findings.push_back(std::move(f));
      continue;
    }
    add_check(a, "proactive.unit/" + key, Status::pass, "unit = 万元").cells = {c->key};
    if (!c->unit.empty() && c->unit != "万元") continue;
    // A bare (or 万元) figure: plausible size?
    double limit = kLimitWan;
    const char* who = "单个机关";
    const char* who_en = "a single body";
    for (const Scale& s : kScales)
      if (ends_with(a.org, s.suffix)) { limit = s.limit_wan; who = s.zh; who_en = s.en; break; }
    std::string id = "proactive.plausibility/" + key;
    Check& ck = add_check(a, id, v > limit ? Status::fail : Status::pass, limit_formula(limit));
    ck.lhs = v;
    ck.rhs = limit;
    ck.cells = {c->key};
    if (v <= limit) continue;
    Finding f = make_finding("NB0807", c->start, c->end,
                             {{"cell", am.zh}, {"cell_en", am.en}, {"value", c->raw}, {"yuan", yuan_text(v * 1e4, false)},
                              {"yuan_en", yuan_text(v * 1e4, true)}, {"who", who}, {"who_en", who_en},
                              {"unit_note", c->unit.empty() ? "未注明单位" : "注明为万元"},
                              {"unit_note_en", c->unit.empty() ? "no unit printed" : "printed in 万元"},
                              {"wan", fmt(std::round(v / 1e4 * 1e4) / 1e4)}});
    f.check = id;
    doc.findings.push_back(std::move(f));
  }
}

/// Columns whose values are not counts (signed change, money).
bool not_a_count(std::string_view col) { return col == "delta_items" || col == "amount"; }

void check_counts(Doc& doc, Analysis& a, const TableHit& t) {
  for (const CellHit& c : t.cells) {
    if (!c.value) continue;
    // The common case (a whole count >= 0) allocates nothing; names and
    // labels are only built for a finding.
    const double v = *c.value;
    if (v >= 0 && v < 9e15 && double(int64_t(v)) == v) continue;  // whole and not negative: no rule applies
    size_t slash = c.key.rfind('/');
    std::string_view col = std::string_view(c.key).substr(slash + 1);
    const char* rule = nullptr;
    if (col != "amount" && std::fabs(v - std::round(v)) > 1e-9) rule = "NB0809";
    else if (!not_a_count(col) && v < 0) rule = "NB0808";
    if (!rule) continue;
    std::string key = c.key;
    key[slash] = '.';
    const std::string cell_zh = cell_label(a.tmpl, t.key, c.key), cell_en = cell_label(a.tmpl, t.key, c.key, true);
    std::string id = t.key + ".plausibility/" + key;
    Check& ck = add_check(a, id, Status::fail, std::strcmp(rule, "NB0808") == 0 ? "count >= 0" : "count is whole");
    ck.lhs = v;
    ck.cells = {c.key};
    Finding f = make_finding(rule, c.start, c.end,
                             {{"table", table_name_zh(t.key)}, {"table_en", table_name_en(t.key)}, {"cell", cell_zh},
                              {"cell_en", cell_en}, {"value", c.raw}});
    f.check = id;
    doc.findings.push_back(std::move(f));
  }
  if (t.key != "proactive") return;
  // Last year's items plus this year's change: the items this year, never below 0.
  static const std::vector<std::pair<std::string, std::string>> kRows = [] {  // the cell keys, built once
    std::vector<std::pair<std::string, std::string>> out;
    for (const char* row : {"licensing", "other_services", "penalty", "coercion", "fees"})
      out.push_back({std::string(row) + "/prev_items", std::string(row) + "/delta_items"});
    return out;
  }();
  for (const auto& [prev_key, delta_key] : kRows) {
    const std::string_view row = std::string_view(prev_key).substr(0, prev_key.find('/'));
    const CellHit* prev = t.find(prev_key);
    const CellHit* delta = t.find(delta_key);
    if (!prev || !delta || !prev->value || !delta->value) continue;
    double sum = *prev->value + *delta->value;
    std::string id = "proactive.plausibility/";
    id.append(row.data(), row.size()).append(".delta_items");
    Check& ck = add_check(a, id, sum < 0 ? Status::fail : Status::pass, "prev_items + delta_items >= 0");
    ck.lhs = sum;
    ck.rhs = 0;
    ck.cells = {prev->key, delta->key};
    if (sum >= 0) continue;
    Finding f = make_finding("NB0810", delta->start, delta->end,
                             {{"row", row_label(a.tmpl, "proactive", row)}, {"row_en", row_label(a.tmpl, "proactive", row, true)},
                              {"prev", prev->raw}, {"delta", delta->raw}, {"sum", fmt(sum)}});
    f.check = id;
    f.related.push_back({prev->start, prev->end, cell_place(a.tmpl, "proactive", prev->key) + " = " + prev->number, prev->key});
    doc.findings.push_back(std::move(f));
  }
}

}  // namespace

void check_values(Doc& doc, Analysis& a) {
  for (const TableHit& t : a.tables) {
    if (t.key == "proactive") check_amounts(doc, a, t);
    check_counts(doc, a, t);
  }
}

}  // namespace content
}  // namespace nianbao
