// Template data for v2019 (国办公开办函〔2019〕60号), v2021 (国办公开办函〔2021〕30号)
// and pre-2019 reports. See ../shared/spec/templates.md for the sources.
#include "templates.h"

#include "json_writer.h"

namespace nianbao {
namespace {

// ── sections ───────────────────────────────────────────────────────────────
const std::vector<SectionDef> kSections2019 = {
    {"overview", 1, "总体情况|政府信息公开工作总体情况|概述", "Overview"},
    {"proactive", 2,
     "主动公开政府信息情况|主动公开政府信息的情况|主动公开政府信息|政府信息主动公开情况",
     "Proactive disclosure"},
    {"requests", 3,
     "收到和处理政府信息公开申请情况|收到和处理政府信息公开申请的情况|依申请公开政府信息情况|"
     "政府信息依申请公开情况|收到和处理政府信息公开申请",
     "Requests received and handled"},
    {"appeals", 4,
     "政府信息公开行政复议、行政诉讼情况|政府信息公开行政复议和行政诉讼情况|"
     "因政府信息公开工作被申请行政复议、提起行政诉讼情况|因政府信息公开工作被申请行政复议、提起行政诉讼的情况|"
     "政府信息公开行政复议、行政诉讼|因政府信息公开申请行政复议、提起行政诉讼的情况|"
     "因政府信息公开申请行政复议、提起行政诉讼情况|行政复议、行政诉讼情况",
     "Administrative review and litigation"},
    {"problems", 5,
     "存在的主要问题及改进情况|政府信息公开工作存在的主要问题及改进情况|存在问题及改进情况|"
     "存在的主要问题及改进措施|政府信息公开工作存在的主要问题及改进措施|存在的主要问题和改进情况|"
     "存在的问题及改进情况|主要问题及改进情况|存在的主要问题及改进方向|存在的主要问题及整改措施|"
     "存在的主要问题及整改情况|政府信息公开工作存在的主要问题及整改措施|主要问题及改进措施|存在的不足及改进措施",
     "Main problems and improvements"},
    {"other", 6,
     "其他需要报告的事项|其他需要报告事项|需要报告的其他事项|其它需要报告的事项|需要说明的其他事项|"
     "其他需要说明的事项",
     "Other matters to report"},
};

const std::vector<SectionDef> kSectionsPre2019 = {
    {"intro", 0, "引言|前言", "Introduction"},
    {"overview", 0, "概述|总体情况|政府信息公开工作概述|基本情况", "Overview"},
    {"proactive", 0,
     "主动公开政府信息情况|主动公开政府信息的情况|政府信息主动公开情况|主动公开情况",
     "Proactive disclosure"},
    {"requests", 0,
     "政府信息依申请公开办理情况|依申请公开政府信息情况|依申请公开政府信息的情况|依申请公开情况|"
     "政府信息依申请公开情况|依申请公开办理情况|依申请公开政府信息和不予公开政府信息的情况|"
     "依申请公开政府信息和不予公开政府信息情况|依申请公开政府信息办理情况|依申请公开工作情况",
     "Requests"},
    {"consultations", 0, "咨询处理情况|咨询和投诉情况|咨询处理|政府信息公开咨询处理情况|咨询情况",
     "Consultations"},
    {"appeals", 0,
     "因政府信息公开申请行政复议、提起行政诉讼的情况|因政府信息公开申请行政复议、提起行政诉讼情况|"
     "因政府信息公开申请行政复议、行政诉讼的情况|行政复议、行政诉讼情况|"
     "因政府信息公开申请行政复议、提起行政诉讼和申诉的情况|申诉、复议、诉讼情况|"
     "因政府信息公开申请提起行政复议、行政诉讼的情况|因政府信息公开申请提起行政复议、行政诉讼情况|"
     "因政府信息公开工作被申请行政复议和提起行政诉讼情况|因政府信息公开被申请行政复议、提起行政诉讼的情况|"
     "行政复议和行政诉讼情况|因政府信息公开申请引起的行政复议和行政诉讼情况|因政府信息公开申请引起的行政复议、行政诉讼情况",
     "Administrative review and litigation"},
    {"fees", 0,
     "收费及减免情况|支出和收费情况|政府信息公开的收费及减免情况|公开收费情况|政府信息公开收费及减免情况|"
     "收费和减免情况|政府信息公开收费情况",
     "Fees"},
    {"problems", 0,
     "存在的主要问题及改进措施|政府信息公开工作存在的主要问题及改进措施|存在的主要问题和改进措施|"
     "存在的问题及改进措施|存在的主要问题及改进情况|改进措施|政府信息公开工作存在的主要问题和改进措施|"
     "工作中存在的主要问题及改进措施|存在的问题和改进措施",
     "Problems and improvements"},
    {"other", 0,
     "需要说明的其他事项|其他需要报告的事项|需要说明的其他事项与附表|其他需要说明的事项|需要说明的事项",
     "Other matters"},
    {"appendix", 0, "附表|指标统计表|政府信息公开情况统计表", "Appendix"},
};

// ── requests (表三) ─────────────────────────────────────────────────────────
#define REQ_COMMON_HEAD                                                                                  \
  {"new_received", "一、本年新收政府信息公开申请数量", "", "new requests received this year"},             \
      {"carried_over", "二、上年结转政府信息公开申请数量", "", "requests carried over from last year"},       \
      {"", "三、本年度办理结果", "", "results this year", true},                                           \
      {"granted", "（一）予以公开", "", "(1) disclosed"},                                                  \
      {"partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开",              \
       "(2) partly disclosed"},                                                                          \
      {"", "（三）不予公开", "", "(3) not disclosed", true},                                               \
      {"denied.state_secret", "1.属于国家秘密", "", "3.1 state secret"},                                   \
      {"denied.law_forbidden", "2.其他法律行政法规禁止公开", "", "3.2 forbidden by other laws"},             \
      {"denied.three_safety", "3.危及“三安全一稳定”", "3.危及三安全一稳定", "3.3 endangers the 'three safeties and one stability'"}, \
      {"denied.third_party", "4.保护第三方合法权益", "", "3.4 protects a third party's rights"},             \
      {"denied.internal_affairs", "5.属于三类内部事务信息", "5.属于三类内容事务信息",                         \
       "3.5 internal affairs"},                                                                          \
      {"denied.process_info", "6.属于四类过程性信息", "", "3.6 process information"},                       \
      {"denied.enforcement_file", "7.属于行政执法案卷", "", "3.7 law-enforcement file"},                    \
      {"denied.query_matter", "8.属于行政查询事项", "", "3.8 administrative query matter"},                 \
      {"", "（四）无法提供", "", "(4) cannot be provided", true},                                          \
      {"unable.not_held", "1.本机关不掌握相关政府信息", "", "4.1 not held by this body"},                   \
      {"unable.need_create", "2.没有现成信息需要另行制作", "", "4.2 would have to be created"},              \
      {"unable.unclear", "3.补正后申请内容仍不明确", "", "4.3 still unclear after correction"},             \
      {"", "（五）不予处理", "", "(5) not processed", true},                                               \
      {"not_processed.petition", "1.信访举报投诉类申请", "", "5.1 petitions, reports, complaints"},         \
      {"not_processed.duplicate", "2.重复申请", "", "5.2 duplicate requests"},                             \
      {"not_processed.publication", "3.要求提供公开出版物", "", "5.3 requests for publications"},           \
      {"not_processed.mass_repeat", "4.无正当理由大量反复申请", "", "5.4 mass repeated requests"},          \
      {"not_processed.confirm", "5.要求行政机关确认或重新出具已获取信息", "",                                \
       "5.5 confirm or reissue information already obtained"}

const std::vector<RowDef> kRequestRows2019 = {
    REQ_COMMON_HEAD,
    {"other", "（六）其他处理", "", "(6) other handling"},
    {"total", "（七）总计", "总计", "(7) total"},
    {"carried_forward", "四、结转下年度继续办理", "", "carried forward to next year"},
};

const std::vector<RowDef> kRequestRows2021 = {
    REQ_COMMON_HEAD,
    {"", "（六）其他处理", "", "(6) other handling", true},
    {"other.no_supplement", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     "1.申请人无正当理由逾期不补正", "6.1 applicant did not supplement in time"},
    {"other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     "2.申请人逾期未按收费通知要求缴纳费用", "6.2 applicant did not pay the fee in time"},
    {"other.other", "3.其他", "", "6.3 other"},
    {"total", "（七）总计", "总计", "(7) total"},
    {"carried_forward", "四、结转下年度继续办理", "", "carried forward to next year"},
};
#undef REQ_COMMON_HEAD

const std::vector<ColDef> kRequestCols = {
    {"natural", "自然人", "", "natural persons"},
    {"commercial", "商业企业", "", "commercial enterprises"},
    {"research", "科研机构", "", "research institutions"},
    {"social", "社会公益组织", "社会组织|社会公益机构", "public-interest organizations"},
    {"legal", "法律服务机构", "", "legal-service organizations"},
    {"other_org", "其他", "其它", "other organizations"},
    {"total", "总计", "合计", "total"},
};

// ── appeals (表四) ──────────────────────────────────────────────────────────
const std::vector<ColDef> kAppealGroups = {
    {"review", "行政复议", "", "administrative review"},
    {"suit_direct", "行政诉讼·未经复议直接起诉", "未经复议直接起诉", "litigation without prior review"},
    {"suit_after_review", "行政诉讼·复议后起诉", "复议后起诉", "litigation after review"},
};
const std::vector<ColDef> kAppealCols = {
    {"upheld", "结果维持", "", "upheld"},
    {"corrected", "结果纠正", "", "corrected"},
    {"other", "其他结果", "", "other result"},
    {"pending", "尚未审结", "", "pending"},
    {"total", "总计", "", "total"},
};

// ── proactive (第二十条) ────────────────────────────────────────────────────
const std::vector<ColDef> kCols2019Item1 = {
    {"new_made", "本年新制作数量", "本年制作数量", "made this year"},
    {"new_published", "本年新公开数量", "本年公开数量", "published this year"},
    {"total_published", "对外公开总数量", "", "total published"},
};
const std::vector<ColDef> kColsItems = {
    {"prev_items", "上一年项目数量", "上年项目数量", "items last year"},
    {"delta_items", "本年增/减", "本年增减|本年新增/减少", "change this year"},
    {"decisions", "处理决定数量", "本年处理决定数量", "decisions"},
};
const std::vector<ColDef> kColsFees2019 = {
    {"prev_items", "上一年项目数量", "上年项目数量", "items last year"},
    {"delta_items", "本年增/减", "本年增减", "change this year"},
};
const std::vector<ColDef> kColsProcurement = {
    {"items", "采购项目数量", "", "procurement items"},
    {"amount", "采购总金额", "采购总金额(单位:万元)|采购总金额(单位:万元,保留4位小数)|采购总金额(万元)",
     "total amount"},
};
const std::vector<ColDef> kCols2021Item1 = {
    {"issued", "本年制发件数", "本年新制发件数", "issued this year"},
    {"repealed", "本年废止件数", "", "repealed this year"},
    {"in_force", "现行有效件数", "现行有效件数(历史累计)", "in force"},
};
const std::vector<ColDef> kColsDecisions2021 = {
    {"decisions", "本年处理决定数量", "处理决定数量", "decisions this year"},
};
const std::vector<ColDef> kColsFees2021 = {
    {"amount", "本年收费金额（单位：万元）", "本年收费金额(万元)|本年收费金额", "fees collected (10k yuan)"},
};

const std::vector<ProactiveDef> kProactive2019 = {
    {"一", kCols2019Item1,
     {{"rules", "规章", "", "rules"}, {"normative_docs", "规范性文件", "行政规范性文件", "normative documents"}}},
    {"五", kColsItems,
     {{"licensing", "行政许可", "", "licensing"},
      {"other_services", "其他对外管理服务事项", "其他对外管理服务", "other services"}}},
    {"六", kColsItems, {{"penalty", "行政处罚", "", "penalties"}, {"coercion", "行政强制", "", "coercion"}}},
    {"八", kColsFees2019, {{"fees", "行政事业性收费", "", "administrative fees"}}},
    {"九", kColsProcurement, {{"procurement", "政府集中采购", "", "government procurement"}}},
};

const std::vector<ProactiveDef> kProactive2021 = {
    {"一", kCols2021Item1,
     {{"rules", "规章", "", "rules"}, {"normative_docs", "行政规范性文件", "规范性文件", "normative documents"}}},
    {"五", kColsDecisions2021, {{"licensing", "行政许可", "", "licensing"}}},
    {"六", kColsDecisions2021,
     {{"penalty", "行政处罚", "", "penalties"}, {"coercion", "行政强制", "", "coercion"}}},
    {"八", kColsFees2021, {{"fees", "行政事业性收费", "", "administrative fees"}}},
};

const TemplateDef kV2019{Template::v2019, kSections2019, kRequestRows2019, kProactive2019};
const TemplateDef kV2021{Template::v2021, kSections2019, kRequestRows2021, kProactive2021};
const TemplateDef kPre2019{Template::pre2019, kSectionsPre2019, {}, {}};

std::string first_title(const char* titles) {
  std::string_view t(titles);
  return std::string(t.substr(0, t.find('|')));
}

}  // namespace

const TemplateDef& template_def(Template t) {
  switch (t) {
    case Template::v2021: return kV2021;
    case Template::pre2019: return kPre2019;
    default: return kV2019;
  }
}
const std::vector<ColDef>& request_columns() { return kRequestCols; }
const std::vector<ColDef>& appeal_groups() { return kAppealGroups; }
const std::vector<ColDef>& appeal_columns() { return kAppealCols; }

const char* template_name_zh(Template t) {
  switch (t) {
    case Template::v2019: return "2019 版格式（国办公开办函〔2019〕60号）";
    case Template::v2021: return "2021 版格式（国办公开办函〔2021〕30号）";
    case Template::pre2019: return "2019 年以前的格式";
    default: return "未知格式";
  }
}
const char* template_name_en(Template t) {
  switch (t) {
    case Template::v2019: return "the 2019 template (国办公开办函〔2019〕60号)";
    case Template::v2021: return "the 2021 template (国办公开办函〔2021〕30号)";
    case Template::pre2019: return "the pre-2019 layout";
    default: return "an unknown template";
  }
}
const char* table_name_zh(std::string_view k) {
  if (k == "requests") return "表三（收到和处理政府信息公开申请情况）";
  if (k == "appeals") return "表四（政府信息公开行政复议、行政诉讼情况）";
  if (k == "proactive") return "表二（主动公开政府信息情况）";
  return "表";
}
const char* table_name_en(std::string_view k) {
  if (k == "requests") return "Table 3 (requests received and handled)";
  if (k == "appeals") return "Table 4 (administrative review and litigation)";
  if (k == "proactive") return "Table 2 (proactive disclosure)";
  return "the table";
}

std::string row_label(Template t, std::string_view table, std::string_view row, bool en) {
  if (table == "requests") {
    for (Template g : {t, Template::v2021, Template::v2019})
      for (const auto& r : template_def(g).request_rows)
        if (row == r.key) return en ? r.en : r.label;
  } else if (table == "appeals") {
    for (const auto& c : kAppealGroups)
      if (row == c.key) return en ? c.en : c.label;
  } else if (table == "proactive") {
    for (Template g : {t, Template::v2021, Template::v2019})
      if (g != Template::pre2019 && g != Template::unknown)
        for (const auto& p : template_def(g).proactive)
          for (const auto& r : p.rows)
            if (row == r.key) return en ? r.en : r.label;
  }
  return std::string(row);
}

std::string col_label(std::string_view table, std::string_view col, bool en) {
  const std::vector<ColDef>* sets[4] = {nullptr, nullptr, nullptr, nullptr};
  if (table == "requests") sets[0] = &kRequestCols;
  else if (table == "appeals") sets[0] = &kAppealCols;
  else { sets[0] = &kCols2019Item1; sets[1] = &kColsItems; sets[2] = &kCols2021Item1; sets[3] = &kColsProcurement; }
  for (auto* set : sets)
    if (set)
      for (const auto& c : *set)
        if (col == c.key) return en ? c.en : c.label;
  for (auto* set : {&kColsDecisions2021, &kColsFees2021})
    for (const auto& c : *set)
      if (col == c.key) return en ? c.en : c.label;
  return std::string(col);
}

std::string cell_label(Template t, std::string_view table, std::string_view cell, bool en) {
  size_t slash = cell.rfind('/');
  if (slash == std::string_view::npos) return std::string(cell);
  return row_label(t, table, cell.substr(0, slash), en) + " / " + col_label(table, cell.substr(slash + 1), en);
}

const char* table_number(std::string_view k, bool en) {
  if (k == "requests") return en ? "Table 3" : "表三";
  if (k == "appeals") return en ? "Table 4" : "表四";
  return en ? "Table 2" : "表二";
}

std::string cell_place(Template t, std::string_view table, std::string_view cell, bool en) {
  size_t slash = cell.rfind('/');
  if (slash == std::string_view::npos) return std::string(cell);
  std::string row = row_label(t, table, cell.substr(0, slash), en), col = col_label(table, cell.substr(slash + 1), en);
  if (en) return std::string(table_number(table, true)) + (table == "appeals" ? ", '" : ", row '") + row + "', column '" + col + "'";
  return std::string(table_number(table)) + "「" + row + (table == "appeals" ? "」「" : "」行「") + col + (table == "appeals" ? "」" : "」列");
}

std::string templates_json() {
  JsonWriter w;
  w.begin_object();
  for (Template t : {Template::v2019, Template::v2021, Template::pre2019}) {
    const TemplateDef& d = template_def(t);
    w.key(to_string(t));
    w.begin_object();
    w.key("name"); w.string(template_name_zh(t));
    w.key("name_en"); w.string(template_name_en(t));
    w.key("sections");
    w.begin_array();
    for (const auto& s : d.sections) {
      w.begin_object();
      w.key("key"); w.string(s.key);
      w.key("number"); w.number(s.number);
      w.key("heading"); w.string(first_title(s.titles));
      w.key("en"); w.string(s.en);
      w.end_object();
    }
    w.end_array();
    w.key("tables");
    w.begin_object();
    auto cols = [&](const std::vector<ColDef>& cs, const char* group) {
      for (const auto& c : cs) {
        w.begin_object();
        w.key("key"); w.string(c.key);
        w.key("label"); w.string(c.label);
        w.key("en"); w.string(c.en);
        if (group) { w.key("group"); w.string(group); }
        w.end_object();
      }
    };
    if (!d.request_rows.empty()) {
      w.key("requests");
      w.begin_object();
      w.key("rows");
      w.begin_array();
      for (const auto& r : d.request_rows) {
        w.begin_object();
        w.key("key"); w.string(r.key);
        w.key("label"); w.string(r.label);
        w.key("en"); w.string(r.en);
        w.key("group"); w.boolean(r.group_only);
        w.end_object();
      }
      w.end_array();
      w.key("columns");
      w.begin_array();
      cols(kRequestCols, nullptr);
      w.end_array();
      w.end_object();
      w.key("appeals");
      w.begin_object();
      w.key("groups");
      w.begin_array();
      cols(kAppealGroups, nullptr);
      w.end_array();
      w.key("columns");
      w.begin_array();
      cols(kAppealCols, nullptr);
      w.end_array();
      w.end_object();
      w.key("proactive");
      w.begin_array();
      for (const auto& p : d.proactive) {
        w.begin_object();
        w.key("item"); w.string(std::string("第二十条第（") + p.item + "）项");
        w.key("columns");
        w.begin_array();
        cols(p.columns, nullptr);
        w.end_array();
        w.key("rows");
        w.begin_array();
        for (const auto& r : p.rows) {
          w.begin_object();
          w.key("key"); w.string(r.key);
          w.key("label"); w.string(r.label);
          w.key("en"); w.string(r.en);
          w.end_object();
        }
        w.end_array();
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
    w.end_object();
  }
  w.end_object();
  return w.take();
}

}  // namespace nianbao
