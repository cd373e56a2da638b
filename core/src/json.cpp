// to_json: the contract's object (schema nianbao-check/1), plus documented
// extensions (docs/json.md): section bodies, cell spans, formulas, related
// locations, UTF-16 offsets for the page.
#include <cmath>
#include <cstdio>

#include "json_writer.h"
#include "rules.h"
#include <nianbao/nianbao.h>

namespace nianbao {
void span_fields(JsonWriter& w, const Span& s, const JsonOptions& o) {
  w.key("start"); w.number(s.start);
  w.key("end"); w.number(s.end);
  w.key("line"); w.number(s.line);
  w.key("column"); w.number(s.column);
  if (o.utf16) {
    w.key("start16"); w.number(s.start16);
    w.key("end16"); w.number(s.end16);
  }
}

void number_or_null(JsonWriter& w, const std::optional<double>& v) {
  if (!v) { w.null(); return; }
  double d = *v;
  if (std::fabs(d - std::round(d)) < 1e-9 && std::fabs(d) < 9e15) { w.number(static_cast<int64_t>(std::llround(d))); return; }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", d);
  w.raw_number(buf);
}

void diagnostic_head(JsonWriter& w, const Diagnostic& d, const JsonOptions& o, const char* file) {
  w.key("rule"); w.string(d.rule);
  w.key("name"); w.string(rule(d.rule).name);
  w.key("severity"); w.string(to_string(d.severity));
  if (file) { w.key("file"); w.string(file); }
  span_fields(w, d.span, o);
  w.key("end_line"); w.number(d.span.end_line);
  w.key("end_column"); w.number(d.span.end_column);
  w.key("message");
  w.begin_object();
  w.key("zh"); w.string(d.zh);
  w.key("en"); w.string(d.en);
  w.end_object();
  if (!d.check.empty()) { w.key("check"); w.string(d.check); }
}

namespace {
/// One diagnostic; its folded items are diagnostics of the same shape.
void diagnostic(JsonWriter& w, const Diagnostic& d, const JsonOptions& o) {
  w.begin_object();
  diagnostic_head(w, d, o);
  if (!d.related.empty()) {
    w.key("related");
    w.begin_array();
    for (const auto& rel : d.related) {
      w.begin_object();
      span_fields(w, rel.span, o);
      w.key("label"); w.string(rel.label);
      if (!rel.cell.empty()) { w.key("cell"); w.string(rel.cell); }
      w.end_object();
    }
    w.end_array();
  }
  if (d.suggest) {
    const Suggestion& s = *d.suggest;
    w.key("suggest");
    w.begin_object();
    w.key("table"); w.string(s.table);
    w.key("cell"); w.string(s.cell);
    w.key("label");
    w.begin_object();
    w.key("zh"); w.string(s.label_zh);
    w.key("en"); w.string(s.label_en);
    w.end_object();
    w.key("printed"); number_or_null(w, s.printed);
    w.key("value"); number_or_null(w, s.value);
    span_fields(w, s.span, o);
    w.end_object();
  }
  if (!d.items.empty()) {
    w.key("items");
    w.begin_array();
    for (const auto& item : d.items) diagnostic(w, item, o);
    w.end_array();
  }
  w.end_object();
}
}  // namespace

std::string to_json(const Result& r, const JsonOptions& o) {
  JsonWriter w(o.pretty);
  w.begin_object();
  w.key("schema"); w.string(kSchema);
  w.key("version"); w.string(version());
  w.key("file"); w.string(r.file);
  w.key("input");
  w.begin_object();
  w.key("bytes"); w.number(int64_t(r.input.bytes));
  w.key("lines"); w.number(r.input.lines);
  w.key("encoding"); w.string(r.input.encoding);
  w.key("bom"); w.boolean(r.input.bom);
  w.key("html"); w.boolean(r.input.html);
  w.end_object();

  w.key("report");
  w.begin_object();
  w.key("year"); if (r.report.year) w.number(r.report.year); else w.null();
  w.key("org"); if (!r.report.org.empty()) w.string(r.report.org); else w.null();
  w.key("template"); w.string(to_string(r.report.tmpl));
  w.key("title"); if (!r.report.title.empty()) w.string(r.report.title); else w.null();
  if (r.report.title_span) { w.key("title_span"); w.begin_object(); span_fields(w, *r.report.title_span, o); w.end_object(); }
  if (r.report.org_span) { w.key("org_span"); w.begin_object(); span_fields(w, *r.report.org_span, o); w.end_object(); }
  w.end_object();

  w.key("sections");
  w.begin_array();
  for (const auto& s : r.sections) {
    w.begin_object();
    w.key("key"); w.string(s.key);
    w.key("number"); w.number(s.number);
    w.key("heading"); w.string(s.heading);
    span_fields(w, s.span, o);
    w.key("body_start"); w.number(s.body_start);
    w.key("body_end"); w.number(s.body_end);
    w.end_object();
  }
  w.end_array();

  w.key("tables");
  w.begin_array();
  for (const auto& t : r.tables) {
    w.begin_object();
    w.key("key"); w.string(t.key);
    w.key("layout"); w.string(t.layout);
    span_fields(w, t.span, o);
    w.key("recovered"); w.boolean(t.recovered);
    w.key("template"); w.string(to_string(t.tmpl));
    w.key("cells");
    w.begin_object();
    for (const auto& c : t.cells) {
      w.key(c.key);
      if (c.value && !c.number.empty()) w.raw_number(c.number); else number_or_null(w, c.value);
    }
    w.end_object();
    w.key("cell_spans");
    w.begin_object();
    for (const auto& c : t.cells) {
      w.key(c.key);
      w.begin_object();
      span_fields(w, c.span, o);
      if (c.raw != c.number) { w.key("raw"); w.string(c.raw); }
      w.key("by"); w.string(c.by);
      w.end_object();
    }
    w.end_object();
    w.end_object();
  }
  w.end_array();

  w.key("checks");
  w.begin_array();
  for (const auto& c : r.checks) {
    w.begin_object();
    w.key("id"); w.string(c.id);
    w.key("status"); w.string(to_string(c.status));
    w.key("lhs"); number_or_null(w, c.lhs);
    w.key("rhs"); number_or_null(w, c.rhs);
    w.key("cells");
    w.begin_array();
    for (const auto& k : c.cells) w.string(k);
    w.end_array();
    w.key("formula"); w.string(c.formula);
    if (c.used_for_recovery) { w.key("used_for_recovery"); w.boolean(true); }
    if (!c.blank_as_zero.empty()) {
      w.key("blank_as_zero");
      w.begin_array();
      for (const auto& k : c.blank_as_zero) w.string(k);
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();

  w.key("diagnostics");
  w.begin_array();
  for (const auto& d : r.diagnostics) diagnostic(w, d, o);
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

}  // namespace nianbao
