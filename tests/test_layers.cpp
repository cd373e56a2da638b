// Unit tests, one section per stage of the pipeline (core/src): offset maps,
// decoding, the HTML view, folding, enumerators and label matching, cell
// values, the tokenizer's layouts, spans back to the original input.
#include <doctest/doctest.h>
#include <nianbao/nianbao.h>

#include <string>

#include "cells.h"
#include "doc.h"
#include "match.h"
#include "offset_map.h"

using namespace nianbao;

namespace {

Doc prepare(std::string_view input, bool assume_utf8 = false) {
  Doc d;
  d.input = input;
  decode_input(d, assume_utf8);
  html_view(d);
  fold_text(d);
  return d;
}

bool has_rule(const Result& r, const char* id) {
  for (const auto& d : r.diagnostics)
    if (d.rule == id) return true;
  return false;
}

}  // namespace

TEST_CASE("offset map: copies merge, replacements collapse, skips jump") {
  OffsetMap m;
  m.copy(3);          // "abc"
  m.replace(3, 1);    // "（" → "("
  m.copy(2);
  m.skip(2);          // "**"
  m.copy(1);
  CHECK(m.derived_size() == 7);
  CHECK(m.source_size() == 11);
  CHECK(m.start(0) == 0);
  CHECK(m.start(3) == 3);   // the folded "(" starts where "（" started
  CHECK(m.end(4) == 6);     // and ends where it ended
  CHECK(m.start(4) == 6);
  CHECK(m.start(6) == 10);  // after the skipped bytes
  CHECK(m.end(6) == 8);     // an end before the skip stays before it
}

TEST_CASE("decode: UTF-8, BOM, UTF-16, invalid bytes located, GB18030 detected") {
  SUBCASE("valid UTF-8 is used as is") {
    Doc d = prepare("一、总体情况");
    CHECK(d.encoding == "utf-8");
    CHECK(d.decoded.data() == d.input.data());
  }
  SUBCASE("a BOM is skipped and positions still point at the input") {
    std::string s = "\xEF\xBB\xBF" "abc";
    Doc d = prepare(s);
    CHECK(d.bom);
    CHECK(d.decoded == "abc");
    CHECK(d.dmap.start(0) == 3);
  }
  SUBCASE("UTF-16LE with BOM") {
    std::string s("\xFF\xFE\x00\x4E\x41\x00", 6);  // 一A
    Doc d = prepare(s);
    CHECK(d.encoding == "utf-16le");
    CHECK(d.decoded == "一A");
    CHECK(d.dmap.start(3) == 4);  // 'A' is at input byte 4
  }
  SUBCASE("invalid UTF-8 becomes U+FFFD with a located finding") {
    auto r = check("第一行\n坏\xC3(字节\n");
    REQUIRE(has_rule(r, "NB0002"));
    for (const auto& d : r.diagnostics)
      if (d.rule == "NB0002") {
        CHECK(d.span.line == 2);
        CHECK(d.span.start == 13);  // the bad byte in the original input
        CHECK(d.span.end == 14);
      }
  }
  SUBCASE("GB18030 bytes are decoded and the assumption stated") {
    // "一、总体情况\n" in GB18030
    std::string gb = "\xD2\xBB\xA1\xA2\xD7\xDC\xCC\xE5\xC7\xE9\xBF\xF6\n";
    auto r = check(gb);
    CHECK(r.input.encoding == "gb18030");
    CHECK(has_rule(r, "NB0003"));
    REQUIRE(r.sections.size() == 1);
    CHECK(r.sections[0].key == "overview");
    CHECK(r.sections[0].span.start == 0);
    CHECK(r.sections[0].span.end == 12);  // 6 characters × 2 bytes
  }
  SUBCASE("binary junk is said to be binary, never a crash") {
    const char elf[] = "\x7F" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00";
    std::string junk(elf, sizeof elf);  // an ELF header's first bytes, NULs included
    auto r = check(junk);
    CHECK(has_rule(r, "NB0004"));
  }
  SUBCASE("empty input") {
    auto r = check("");
    CHECK(has_rule(r, "NB0001"));
    CHECK(r.input.lines == 0);
  }
}

TEST_CASE("html view: cells become tabs, blocks lines, entities text") {
  std::string html =
      "<html><body><p>一、总体情况</p><script>alert(1)</script>"
      "<table><tr><td colspan=\"2\">a&amp;b</td><td>&nbsp;</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>"
      "<p>二、主动公开政府信息情况</p></body></html>";
  Doc d = prepare(html);
  CHECK(d.html);
  CHECK(d.text.find("alert") == std::string::npos);
  CHECK(d.text.find("\ta&b\t \n") != std::string::npos);  // colspan=2: one extra tab before the text
  CHECK(d.text.find("1\t2\t3") != std::string::npos);
  // Positions map back into the markup.
  size_t at = d.text.find("a&b");
  uint32_t src = d.dmap.start(d.vmap.start(d.fmap.start(uint32_t(at))));
  CHECK(html.compare(src, 5, "a&amp") == 0);
}

TEST_CASE("fold: NFKC plus our folds, with the map back") {
  Doc d = prepare("（一）１２３，ＡＢＣ\u3000**粗体**\u200B“引号”\r\n");
  CHECK(d.text == "(一)123,ABC 粗体\"引号\"\n");
  // "粗" in the folded text maps to its original byte offset (after the ideographic space and **).
  size_t at = d.text.find("粗");
  std::string_view in = d.input;
  CHECK(in.substr(d.dmap.start(d.vmap.start(d.fmap.start(uint32_t(at)))), 3) == "粗");
}

TEST_CASE("enumerators and label matching") {
  CHECK(parse_enumerator("一、总体情况").value == 1);
  CHECK(parse_enumerator("一 、总体情况").value == 1);
  CHECK(parse_enumerator("(三) 不予公开").parenthesized);
  CHECK(parse_enumerator("（七）总计").value == 7);
  CHECK(parse_enumerator("5.属于三类内部事").value == 5);
  CHECK(parse_enumerator("十二、其他").value == 12);
  CHECK(parse_enumerator("2020年").value == 0);      // a year is not an enumerator
  CHECK(parse_enumerator("1.5万元").value == 0);     // nor is a decimal
  CHECK(chinese_numeral(6) == "六");
  auto k = label_key("社会公 益组织");
  CHECK(k == U"社会公益组织");
  CHECK(label_score(label_key("5.属于三类内部事"), label_key("5.属于三类内部事务信息")) == 85);  // cut label
  CHECK(label_score(label_key("属于三类内容事务信息"), label_key("属于三类内部事务信息")) >= 75);  // typo
  CHECK(label_score(label_key("本年新收件数"), label_key("本年新收政府信息公开申请数量")) == 0);
}

TEST_CASE("cell values") {
  CHECK(parse_value("16").kind == Value::number);
  CHECK(parse_value("89902.19元").unit == "元");
  CHECK(parse_value("89902.19元").canonical == "89902.19");
  CHECK(parse_value("-15").v == -15);
  CHECK(parse_value("1,469,295").v == 1469295);
  CHECK(parse_value("").kind == Value::empty);
  CHECK(parse_value("—").kind == Value::empty);
  CHECK(parse_value("无").kind == Value::empty);
  CHECK(parse_value("十五").kind == Value::text);
  CHECK(parse_value(std::string(400, '9')).kind == Value::text);  // 400 digits: not a count
  Tail t;
  REQUIRE(split_numeric_tail("（七）总计 37 1 0 0 0 0 38", t));
  CHECK(t.pieces.size() == 7);
  REQUIRE(split_numeric_tail("（七）总计371000038", t));
  CHECK(t.pieces.size() == 1);
  CHECK(t.digits == 9);
  CHECK_FALSE(split_numeric_tail("1.属于国家秘密", t));
}

TEST_CASE("tokenizer: every layout yields the same cells") {
  // One table row in five layouts.
  const char* layouts[][2] = {
      {"tsv", "一、本年新收政府信息公开申请数量\t\t40\t1\t0\t0\t0\t0\t41\t\n"},
      {"cell-per-line", "\t一、本年新收政府信息公开申请数量\n\t40\n\t1\n\t0\n\t0\n\t0\n\t0\n\t41\n\n"},
      {"pipe", "一、本年新收政府信息公开申请数量 |\n40 |\n1 |\n0 |\n0 |\n0 |\n0 |\n41 |\n||\n"},
      {"markdown", "| 一、本年新收政府信息公开申请数量 | 40 | 1 | 0 | 0 | 0 | 0 | 41 |\n|---|---|---|---|---|---|---|---|\n"},
      {"plain", "一、本年新收政府信息公开申请数量 40 1 0 0 0 0 41\n"},
  };
  for (auto& l : layouts) {
    INFO(l[0]);
    std::string text = std::string("三、收到和处理政府信息公开申请情况\n") + l[1];
    auto r = check(text);
    const Table* t = r.table("requests");
    REQUIRE(t);
    REQUIRE(t->find("new_received/natural"));
    CHECK(t->find("new_received/natural")->number == "40");
    CHECK(t->find("new_received/commercial")->number == "1");
    CHECK(t->find("new_received/total")->number == "41");
    // The span of "41" is the printed 41.
    const Span& s = t->find("new_received/total")->span;
    CHECK(text.substr(s.start, s.end - s.start) == "41");
    if (std::string(l[0]) != "plain") CHECK(t->layout == l[0]);
  }
}

TEST_CASE("spans: line, column in code points, UTF-16 offsets") {
  std::string text = "标题😀\n一、总体情况\n";
  auto r = check(text);
  REQUIRE(r.sections.size() == 1);
  const Span& s = r.sections[0].span;
  CHECK(s.line == 2);
  CHECK(s.column == 1);
  CHECK(s.start == 11);        // 2×3 bytes + 4 (emoji) + 1 newline
  CHECK(s.start16 == 5);       // 2 + 2 (surrogate pair) + 1
  CHECK(s.end16 == 5 + 6);
}

TEST_CASE("sections: nested lists, split headings, duplicates, missing, numbering") {
  std::string text =
      "某某街道2020年政府信息公开工作年度报告\n"
      "**一、总体情况**\n一、组织机构情况\n（一）主动公开政府信息情况\n"
      "二、主动公开政府信息情况\n三、收到和处理政府信息\n公开申请情况\n"
      "五、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n一、总体情况\n";
  auto r = check(text);
  std::string keys;
  for (const auto& s : r.sections) keys += s.key + " ";
  CHECK(keys == "overview proactive requests appeals problems overview ");
  CHECK(has_rule(r, "NB0204"));  // 四 printed as 五
  CHECK(has_rule(r, "NB0202"));  // 总体情况 again
  CHECK(has_rule(r, "NB0201"));  // 六 missing
  CHECK(r.report.year == 2020);
}

TEST_CASE("sections: a pre-2019 report's missing part is named without a number") {
  // The pre-2019 layout's parts have no fixed numbers: "缺少「…」", never "缺少第部分「…」".
  auto r = check("三元区城关街道2017年政府信息公开工作年度报告\n引言\n正文。\n一、概述\n正文。\n"
                 "二、主动公开政府信息情况\n正文。\n三、政府信息依申请公开办理情况\n正文。\n"
                 "五、政府信息公开工作存在的主要问题及改进措施\n正文。\n");
  int missing = 0;
  for (const auto& f : r.diagnostics) {
    if (f.rule != "NB0201") continue;
    ++missing;
    CHECK(f.zh.find("第部分") == std::string::npos);
    CHECK(f.zh.rfind("缺少「", 0) == 0);
    CHECK(f.en.rfind("Section '", 0) == 0);
  }
  CHECK(missing == 1);  // 复议、诉讼
  auto m = check("某某县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n正文。\n");
  bool numbered = false;
  for (const auto& f : m.diagnostics)
    if (f.rule == "NB0201" && f.zh.rfind("缺少第三部分「", 0) == 0 && f.en.rfind("Section 3 '", 0) == 0) numbered = true;
  CHECK(numbered);
}

TEST_CASE("rule table: ids sorted, unique, both languages") {
  auto r = check("一、总体情况\n");
  (void)r;
  std::string prev;
  for (const RuleInfo* it = rules_begin(); it != rules_end(); ++it) {
    INFO(it->id);
    CHECK(std::string(it->id) > prev);
    prev = it->id;
    CHECK(std::string(it->zh).size() > 0);
    CHECK(std::string(it->en).size() > 0);
  }
  CHECK(std::string(rule("NB9999").id) == "NB0000");  // unknown ids never crash
}
