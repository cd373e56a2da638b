// compare: last year's report against this year's (docs/compare.md).
//
// Preconditions first (consecutive years, one body), then the identities that
// link two years, as data: each names its operands by report and cell, and one
// evaluator reads them, decides pass/fail/skip and words the diagnostic. A
// skipped identity is reported once per report it is missing from (NB0905).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "json_writer.h"
#include "rules.h"
#include "templates.h"
#include <nianbao/nianbao.h>

namespace nianbao {
namespace {

/// One operand of a cross-year identity: a cell of one of the two reports.
struct Operand {
  Which file;
  const char* table;
  std::string cell;      // "row/col"
  const char* role;      // message placeholder holding its value ("last", "issued", …)
  int sign = 1;          // right-hand side: added or subtracted
};

struct CrossIdentity {
  std::string id;
  const char* group;     // "carry" | "in_force"
  const char* rule;
  std::string formula;
  Operand lhs;
  std::vector<Operand> rhs;
};

/// What each group of checks is called in a skip message.
struct GroupName { const char* key; const char* zh; const char* en; };
constexpr GroupName kGroups[] = {
    {"carry", "本年上年结转与上年结转下年度是否一致", "The carry-over from last year's report"},
    {"in_force", "现行有效件数是否逐年衔接", "The continuity of the in-force counts"},
    {"same_body", "两份报告主体是否相同", "Whether both reports come from one body"},
    {"consecutive", "两份报告年度是否相邻", "Whether the reports are for consecutive years"},
};
const GroupName& group_name(std::string_view key) {
  for (const auto& g : kGroups)
    if (key == g.key) return g;
  return kGroups[0];
}

constexpr const char* kSideZh[] = {"上年报告", "本年报告"};
constexpr const char* kSideEn[] = {"last year's report", "this year's report"};
const char* side_zh(Which w) { return kSideZh[int(w)]; }
const char* side_en(Which w) { return kSideEn[int(w)]; }

std::vector<CrossIdentity> identities(const Result& cur) {
  std::vector<CrossIdentity> ids;
  for (const auto& c : request_columns()) {
    std::string col = c.key;
    ids.push_back({"compare.carry/" + col, "carry", "NB0901",
                   "carried_over/" + col + " (this) = carried_forward/" + col + " (last)",
                   {Which::current, "requests", "carried_over/" + col, "lhs"},
                   {{Which::last, "requests", "carried_forward/" + col, "last"}}});
  }
  if (cur.report.tmpl == Template::v2021)
    for (const char* row : {"rules", "normative_docs"}) {
      std::string r = row;
      ids.push_back({"compare.in_force/" + r, "in_force", "NB0902",
                     r + "/in_force (this) = " + r + "/in_force (last) + " + r + "/issued (this) − " + r +
                         "/repealed (this)",
                     {Which::current, "proactive", r + "/in_force", "lhs"},
                     {{Which::last, "proactive", r + "/in_force", "last"},
                      {Which::current, "proactive", r + "/issued", "issued"},
                      {Which::current, "proactive", r + "/repealed", "repealed", -1}}});
    }
  return ids;
}

/// Reporting bodies compared with spaces removed; one name inside the other is
/// the same body (殿前街道办事处 ⊂ 湖里区人民政府殿前街道办事处).
std::string squeeze(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) { i += 2; continue; }  // U+3000 ideographic space
    if (s.compare(i, 2, "\xC2\xA0") == 0) { i += 1; continue; }      // U+00A0 no-break space
    out += char(c);
  }
  return out;
}

class Comparer {
 public:
  Comparer(const Result& last, const Result& cur, CompareResult& out) : last_(last), cur_(cur), out_(out) {}

  void run() {
    bool consecutive = years();
    body();
    std::vector<CrossIdentity> ids = identities(cur_);
    // A group is skipped as a whole for one reason: say it once per report.
    struct Missing { std::string check; std::vector<const Operand*> ops; };
    std::map<std::pair<std::string, int>, Missing> missing;
    auto note = [&](const CrossIdentity& id, const Operand& op) {
      Missing& m = missing[{id.group, int(op.file)}];
      if (m.check.empty()) m.check = id.id;
      m.ops.push_back(&op);
    };
    for (const CrossIdentity& id : ids) {
      CompareCheck c;
      c.id = id.id;
      c.formula = id.formula;
      c.cells.push_back(id.lhs.cell);
      c.cell_files.push_back(id.lhs.file);
      for (const Operand& op : id.rhs) { c.cells.push_back(op.cell); c.cell_files.push_back(op.file); }
      if (!consecutive) {  // NB0904 already says the identities were not checked
        out_.checks.push_back(std::move(c));
        continue;
      }
      if (std::string_view(id.group) == "in_force" && last_.report.tmpl != Template::v2021) {
        if (!template_noted_) template_skip();
        out_.checks.push_back(std::move(c));
        continue;
      }
      std::vector<const Cell*> rhs;
      const Cell* lhs = find(id.lhs);
      bool ok = lhs && lhs->value;
      if (!ok) note(id, id.lhs);
      for (const Operand& op : id.rhs) {
        rhs.push_back(find(op));
        if (!rhs.back() || !rhs.back()->value) { ok = false; note(id, op); }
      }
      if (ok) evaluate(id, c, lhs, rhs);
      out_.checks.push_back(std::move(c));
    }
    for (const auto& [key, m] : missing) skipped(key.first, Which(key.second), m.ops, m.check);
    std::stable_sort(out_.diagnostics.begin(), out_.diagnostics.end(), [](const auto& x, const auto& y) {
      return x.file != y.file ? x.file < y.file : x.span.start < y.span.start;
    });
  }

 private:
  const Result& report(Which w) const { return w == Which::last ? last_ : cur_; }

  const Cell* find(const Operand& op) const {
    const Table* t = report(op.file).table(op.table);
    return t ? t->find(op.cell) : nullptr;
  }

  /// Where to point when something of `table` is missing from a report.
  Span anchor(Which w, std::string_view table) const {
    const Result& r = report(w);
    if (const Table* t = r.table(table)) return t->span;
    for (const Section& s : r.sections)
      if (s.key == table) return s.span;
    return r.report.title_span.value_or(Span{});
  }

  CompareDiagnostic& emit(const char* rule_id, Which file, const Span& span, Args args) {
    const RuleInfo& ri = rule(rule_id);
    CompareDiagnostic d;
    d.rule = ri.id;
    d.severity = ri.severity;
    d.file = file;
    d.span = span;
    d.zh = format(ri.zh, args);
    d.en = format(ri.en, args);
    out_.diagnostics.push_back(std::move(d));
    return out_.diagnostics.back();
  }

  static void relate(CompareDiagnostic& d, Which file, const std::optional<Span>& span, std::string label) {
    if (!span) return;
    d.related.push_back({*span, std::move(label)});
    d.related_files.push_back(file);
  }

  void skip_note(const char* group, Which file, const Span& span, std::string reason, std::string reason_en,
                 const std::string& check_id) {
    const GroupName& g = group_name(group);
    CompareDiagnostic& d = emit("NB0905", file, span,
                                {{"what", g.zh}, {"what_en", g.en}, {"reason", reason}, {"reason_en", reason_en}});
    d.check = check_id;
  }

  /// compare.consecutive. Returns false when both years are known and not consecutive.
  bool years() {
    int ly = last_.report.year, ty = cur_.report.year;
    CompareCheck c;
    c.id = "compare.consecutive";
    c.formula = "year(this) = year(last) + 1";
    if (ty) c.lhs = ty;
    if (ly) c.rhs = ly + 1;
    if (!ly || !ty) {
      c.status = Status::skip;
      for (Which w : {Which::last, Which::current})
        if (!report(w).report.year)
          skip_note("consecutive", w, report(w).report.title_span.value_or(Span{}),
                    std::string(side_zh(w)) + "的年度未能确定。", std::string("the year of ") + side_en(w) +
                                                                       " is unknown.", c.id);
      out_.checks.push_back(std::move(c));
      return true;
    }
    c.status = ty == ly + 1 ? Status::pass : Status::fail;
    out_.checks.push_back(c);
    if (c.status == Status::pass) return true;
    std::string detail = ty <= ly ? "文件顺序可能颠倒：应先给上年报告，再给本年报告。" : "";
    std::string detail_en = ty <= ly ? "The files may be in the wrong order: give last year's report first. " : "";
    detail += "结转和现行有效件数的跨年度核对已跳过。";
    detail_en += "The carry-over and in-force checks were skipped.";
    CompareDiagnostic& d = emit("NB0904", Which::current, cur_.report.title_span.value_or(Span{}),
                                {{"this_year", std::to_string(ty)}, {"last_year", std::to_string(ly)},
                                 {"detail", detail}, {"detail_en", detail_en}});
    d.check = c.id;
    relate(d, Which::last, last_.report.title_span, std::to_string(ly) + " (" + last_.report.title + ")");
    return false;
  }

  /// compare.same_body.
  void body() {
    const std::string& lo = last_.report.org;
    const std::string& to = cur_.report.org;
    std::string a = squeeze(lo), b = squeeze(to);
    CompareCheck c;
    c.id = "compare.same_body";
    c.formula = "org(this) ⊆ org(last) or org(last) ⊆ org(this), spaces removed";
    if (a.empty() || b.empty()) {
      c.status = Status::skip;
      for (Which w : {Which::last, Which::current})
        if (squeeze(report(w).report.org).empty())
          skip_note("same_body", w, report(w).report.title_span.value_or(Span{}),
                    std::string(side_zh(w)) + "的主体（发布机关）未能确定。",
                    std::string("the reporting body of ") + side_en(w) + " is unknown.", c.id);
      out_.checks.push_back(std::move(c));
      return;
    }
    c.status = a.find(b) != std::string::npos || b.find(a) != std::string::npos ? Status::pass : Status::fail;
    out_.checks.push_back(c);
    if (c.status == Status::pass) return;
    const auto& span = cur_.report.org_span ? cur_.report.org_span : cur_.report.title_span;
    CompareDiagnostic& d = emit("NB0903", Which::current, span.value_or(Span{}),
                                {{"this_org", to}, {"last_org", lo}});
    d.check = c.id;
    relate(d, Which::last, last_.report.org_span ? last_.report.org_span : last_.report.title_span, lo);
  }

  void template_skip() {
    template_noted_ = true;
    const Span span = anchor(Which::last, "proactive");
    std::string t = to_string(last_.report.tmpl);
    skip_note("in_force", Which::last, span,
              "上年报告不是 2021 版格式（" + t + "），没有「现行有效件数」可比。",
              "last year's report does not use the 2021 template (" + t + "), so it has no in-force counts.",
              "compare.in_force/rules");
  }

  void evaluate(const CrossIdentity& id, CompareCheck& c, const Cell* lhs, const std::vector<const Cell*>& rhs) {
    double L = *lhs->value, R = 0;
    for (size_t i = 0; i < rhs.size(); ++i) R += id.rhs[i].sign * *rhs[i]->value;
    c.lhs = L;
    c.rhs = R;
    c.status = std::fabs(L - R) < 1e-6 ? Status::pass : Status::fail;
    if (c.status == Status::pass) return;
    auto value_of = [&](const char* role) {
      for (size_t i = 0; i < rhs.size(); ++i)
        if (std::string_view(id.rhs[i].role) == role) return fmt(*rhs[i]->value);
      return std::string();
    };
    std::string_view cell = id.lhs.cell;
    std::string row(cell.substr(0, cell.find('/'))), col(cell.substr(cell.find('/') + 1));
    Template t = cur_.report.tmpl;
    CompareDiagnostic& d = emit(
        id.rule, id.lhs.file, lhs->span,
        {{"lhs", fmt(L)}, {"rhs", fmt(R)}, {"diff", fmt(std::fabs(L - R))},
         {"col", col_label(id.lhs.table, col)}, {"col_en", col_label(id.lhs.table, col, true)},
         {"row", row_label(t, id.lhs.table, row)}, {"row_en", row_label(t, id.lhs.table, row, true)},
         {"last", value_of("last")}, {"issued", value_of("issued")}, {"repealed", value_of("repealed")}});
    d.check = id.id;
    for (size_t i = 0; i < rhs.size(); ++i)
      relate(d, id.rhs[i].file, rhs[i]->span, id.rhs[i].cell + " = " + fmt(*rhs[i]->value));
  }

  /// One NB0905 for the operands of `group` missing from one report: the
  /// table, or its cells (row by row, columns named when only some are missing).
  void skipped(const std::string& group, Which file, const std::vector<const Operand*>& ops,
               const std::string& check_id) {
    const Result& r = report(file);
    const char* table = ops.front()->table;
    std::string reason, reason_en;
    Span span = anchor(file, table);
    if (!r.table(table)) {
      reason = std::string(side_zh(file)) + "中没有找到" + table_name_zh(table) + "。";
      reason_en = std::string(side_en(file)) + " has no " + table_name_en(table) + ".";
    } else {
      std::vector<std::pair<std::string, std::vector<std::string>>> rows;  // row → missing columns, in order
      bool located = false;
      for (const Operand* op : ops) {
        std::string_view cell = op->cell;
        std::string row(cell.substr(0, cell.find('/'))), col(cell.substr(cell.find('/') + 1));
        auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& p) { return p.first == row; });
        if (it == rows.end()) it = rows.insert(rows.end(), {row, {}});
        if (std::find(it->second.begin(), it->second.end(), col) == it->second.end()) it->second.push_back(col);
        if (const Cell* c = find(*op); c && !located) { span = c->span; located = true; }
      }
      size_t all_cols = std::string_view(table) == "requests" ? request_columns().size() : 1;
      std::string list, list_en;
      for (const auto& [row, cols] : rows) {
        std::string item = "「" + row_label(r.report.tmpl, table, row) + "」";
        std::string item_en = "'" + row_label(r.report.tmpl, table, row, true) + "'";
        if (cols.size() < all_cols || std::string_view(table) != "requests") {
          std::string cz, ce;
          for (const auto& col : cols) {
            cz += (cz.empty() ? "" : "、") + col_label(table, col);
            ce += (ce.empty() ? "" : ", ") + col_label(table, col, true);
          }
          item += "（" + cz + "）";
          item_en += " (" + ce + ")";
        }
        list += (list.empty() ? "" : "，") + item;
        list_en += (list_en.empty() ? "" : "; ") + item_en;
      }
      reason = std::string(side_zh(file)) + table_name_zh(table) + "中" + list + "为空或缺失。";
      reason_en = std::string("in ") + side_en(file) + ", " + table_name_en(table) + " has no value for " +
                  list_en + ".";
    }
    skip_note(group.c_str(), file, span, reason, reason_en, check_id);
  }

  const Result& last_;
  const Result& cur_;
  CompareResult& out_;
  bool template_noted_ = false;
};

void side_json(JsonWriter& w, const CompareSide& s, const JsonOptions& o) {
  w.begin_object();
  w.key("file"); w.string(s.file);
  w.key("input");
  w.begin_object();
  w.key("bytes"); w.number(int64_t(s.input.bytes));
  w.key("lines"); w.number(s.input.lines);
  w.key("encoding"); w.string(s.input.encoding);
  w.key("bom"); w.boolean(s.input.bom);
  w.key("html"); w.boolean(s.input.html);
  w.end_object();
  w.key("report");
  w.begin_object();
  w.key("year"); if (s.report.year) w.number(s.report.year); else w.null();
  w.key("org"); if (!s.report.org.empty()) w.string(s.report.org); else w.null();
  w.key("template"); w.string(to_string(s.report.tmpl));
  w.key("title"); if (!s.report.title.empty()) w.string(s.report.title); else w.null();
  if (s.report.title_span) { w.key("title_span"); w.begin_object(); span_fields(w, *s.report.title_span, o); w.end_object(); }
  if (s.report.org_span) { w.key("org_span"); w.begin_object(); span_fields(w, *s.report.org_span, o); w.end_object(); }
  w.end_object();
  w.end_object();
}

}  // namespace

const char* to_string(Which w) { return w == Which::last ? "last" : "this"; }

size_t CompareResult::count(Severity s) const {
  return size_t(std::count_if(diagnostics.begin(), diagnostics.end(), [s](const auto& d) { return d.severity == s; }));
}

CompareResult compare(const Result& last, const Result& cur) {
  CompareResult out;
  out.last = {last.file, last.input, last.report};
  out.cur = {cur.file, cur.input, cur.report};
  Comparer(last, cur, out).run();
  return out;
}

std::string to_json(const CompareResult& r, const JsonOptions& o) {
  JsonWriter w(o.pretty);
  w.begin_object();
  w.key("schema"); w.string(kCompareSchema);
  w.key("version"); w.string(version());
  w.key("last"); side_json(w, r.last, o);
  w.key("this"); side_json(w, r.cur, o);
  w.key("checks");
  w.begin_array();
  for (const CompareCheck& c : r.checks) {
    w.begin_object();
    w.key("id"); w.string(c.id);
    w.key("status"); w.string(to_string(c.status));
    w.key("lhs"); number_or_null(w, c.lhs);
    w.key("rhs"); number_or_null(w, c.rhs);
    w.key("cells");
    w.begin_array();
    for (const auto& k : c.cells) w.string(k);
    w.end_array();
    w.key("cell_files");
    w.begin_array();
    for (Which f : c.cell_files) w.string(to_string(f));
    w.end_array();
    w.key("formula"); w.string(c.formula);
    w.end_object();
  }
  w.end_array();
  w.key("diagnostics");
  w.begin_array();
  for (const CompareDiagnostic& d : r.diagnostics) {
    w.begin_object();
    diagnostic_head(w, d, o, to_string(d.file));
    if (!d.related.empty()) {
      w.key("related");
      w.begin_array();
      for (size_t i = 0; i < d.related.size(); ++i) {
        w.begin_object();
        w.key("file"); w.string(to_string(i < d.related_files.size() ? d.related_files[i] : d.file));
        span_fields(w, d.related[i].span, o);
        w.key("label"); w.string(d.related[i].label);
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();
  w.key("summary");
  w.begin_object();
  w.key("errors"); w.number(int64_t(r.count(Severity::error)));
  w.key("warnings"); w.number(int64_t(r.count(Severity::warning)));
  w.key("infos"); w.number(int64_t(r.count(Severity::info)));
  w.end_object();
  w.end_object();
  return w.take();
}

std::string compare_json(std::string_view last_text, std::string_view this_text, const JsonOptions& o) {
  Options opt;
  opt.assume_utf8 = true;
  Result last = check(last_text, opt), cur = check(this_text, opt);
  return to_json(compare(last, cur), o);
}

}  // namespace nianbao
