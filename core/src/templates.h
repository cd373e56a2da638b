// Templates as data: sections, tables, rows, columns and their label variants
// for the three generations (../shared/spec/templates.md). Nothing here
// decides anything; the readers consult these tables.
#ifndef NIANBAO_TEMPLATES_H
#define NIANBAO_TEMPLATES_H

#include <nianbao/nianbao.h>

#include <string>
#include <string_view>
#include <vector>

namespace nianbao {

/// A top-level section. `titles` lists accepted titles ('|'-separated), the
/// first being the template's own wording.
struct SectionDef {
  const char* key;
  int number;            // expected numeral in v2019/v2021 (0: none / varies)
  const char* titles;
  const char* en;
};

/// A table row (or a group label when `group_only`).
struct RowDef {
  const char* key;       // canonical row key ("denied.state_secret"); "" for a group label
  const char* label;     // template wording, with its numbering
  const char* variants;  // other wordings seen in real reports, '|'-separated ("" if none)
  const char* en;
  bool group_only = false;
};

struct ColDef {
  const char* key;
  const char* label;
  const char* variants;
  const char* en;
};

/// A proactive-disclosure sub-table (第二十条第（N）项).
struct ProactiveDef {
  const char* item;                  // "一", "五", "六", "八", "九"
  std::vector<ColDef> columns;
  std::vector<RowDef> rows;
};

struct TemplateDef {
  Template tmpl;
  std::vector<SectionDef> sections;
  std::vector<RowDef> request_rows;  // data rows and group labels, template order
  std::vector<ProactiveDef> proactive;
};

/// Calls `f(entry)` for each non-empty '|'-separated entry of a template list
/// (SectionDef::titles, RowDef::variants).
template <typename F>
void for_each_alternative(std::string_view list, F f) {
  while (!list.empty()) {
    size_t bar = list.find('|');
    if (bar != 0) f(list.substr(0, bar));
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
}

const TemplateDef& template_def(Template t);     // v2019, v2021, pre2019
const std::vector<ColDef>& request_columns();    // natural … total
const std::vector<ColDef>& appeal_groups();      // review, suit_direct, suit_after_review
const std::vector<ColDef>& appeal_columns();     // upheld, corrected, other, pending, total
/// Proactive column labels of the other generations, for telling them apart.
const char* template_name_zh(Template t);
const char* template_name_en(Template t);
const char* table_name_zh(std::string_view table_key);
const char* table_name_en(std::string_view table_key);
/// The table's number alone: 表三 / Table 3 (表二 for proactive).
const char* table_number(std::string_view table_key, bool en = false);
/// Chinese label of a cell key ("granted/natural" → "（一）予以公开 / 自然人").
std::string cell_label(Template t, std::string_view table_key, std::string_view cell_key, bool en = false);
/// Label of a row / column key.
std::string row_label(Template t, std::string_view table_key, std::string_view row_key, bool en = false);
/// A cell named the way the report prints it, for messages: 表三「（七）总计」行「自然人」列,
/// 表四「行政复议」「结果维持」; English: Table 3, row '(7) Total', column 'Natural persons'.
std::string cell_place(Template t, std::string_view table_key, std::string_view cell_key, bool en = false);
std::string col_label(std::string_view table_key, std::string_view col_key, bool en = false);

}  // namespace nianbao

#endif
