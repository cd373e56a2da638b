#!/usr/bin/env python3
"""Writes tests/spec/*.txt: one v2021 表三/表四 rendered in every paste shape.
Usage: python3 tools/spec/gen.py tests/spec   (overwrites the generated files)."""
import os, sys
OUT = sys.argv[1]
COLS = "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计".split()
CK = "natural commercial research social legal other_org total".split()
Z = [0]*7
ROWS = [  # (group label or None, key, label, values)
 (None,"new_received","一、本年新收政府信息公开申请数量",[10,2,0,1,1,0,14]),
 (None,"carried_over","二、上年结转政府信息公开申请数量",[1,0,0,0,0,0,1]),
 ("三、本年度办理结果","granted","（一）予以公开",[5,1,0,0,0,0,6]),
 (None,"partial","（二）部分公开（区分处理的，只计这一情形，不计其他情形）",[1,0,0,0,0,0,1]),
 ("（三）不予公开","denied.state_secret","1.属于国家秘密",Z),
 (None,"denied.law_forbidden","2.其他法律行政法规禁止公开",Z),
 (None,"denied.three_safety","3.危及“三安全一稳定”",[1,0,0,0,0,0,1]),
 (None,"denied.third_party","4.保护第三方合法权益",Z),
 (None,"denied.internal_affairs","5.属于三类内部事务信息",Z),
 (None,"denied.process_info","6.属于四类过程性信息",Z),
 (None,"denied.enforcement_file","7.属于行政执法案卷",Z),
 (None,"denied.query_matter","8.属于行政查询事项",Z),
 ("（四）无法提供","unable.not_held","1.本机关不掌握相关政府信息",[2,1,0,0,0,0,3]),
 (None,"unable.need_create","2.没有现成信息需要另行制作",Z),
 (None,"unable.unclear","3.补正后申请内容仍不明确",Z),
 ("（五）不予处理","not_processed.petition","1.信访举报投诉类申请",[1,0,0,0,0,0,1]),
 (None,"not_processed.duplicate","2.重复申请",Z),
 (None,"not_processed.publication","3.要求提供公开出版物",Z),
 (None,"not_processed.mass_repeat","4.无正当理由大量反复申请",Z),
 (None,"not_processed.confirm","5.要求行政机关确认或重新出具已获取信息",Z),
 ("（六）其他处理","other.no_supplement","1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",Z),
 (None,"other.no_fee","2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",Z),
 (None,"other.other","3.其他",Z),
 (None,"total","（七）总计",[10,2,0,0,0,0,12]),
 (None,"carried_forward","四、结转下年度继续办理",[1,0,0,1,1,0,3]),
]
APPEALS = [1,0,0,1,2, 0,0,0,0,0, 0,0,0,0,0]
AG = "review suit_direct suit_after_review".split(); AC = "upheld corrected other pending total".split()
# arithmetic of the truth, checked here (not by the engine)
col = lambda k, c: dict((r[1], r[3]) for r in ROWS)[k][c]
for c in range(7):
    assert col("new_received",c)+col("carried_over",c) == col("total",c)+col("carried_forward",c)
    assert col("total",c) == sum(r[3][c] for r in ROWS[2:23])
for r in ROWS: assert sum(r[3][:6]) == r[3][6], r
for g in range(3): assert sum(APPEALS[g*5:g*5+4]) == APPEALS[g*5+4]

HEAD = "三、收到和处理政府信息公开申请情况"
HEAD4 = "四、政府信息公开行政复议、行政诉讼情况"
FENCE = "`"*32

def expect_all(extra=()):
    out = []
    for g,k,l,v in ROWS:
        for c,x in zip(CK,v): out.append(f"cell requests {k}/{c} = {x}")
    for i,x in enumerate(APPEALS): out.append(f"cell appeals {AG[i//5]}/{AC[i%5]} = {x}")
    out += ["check requests.* = pass", "check appeals.* = pass"]
    out += list(extra)
    return out

def expect_key(extra=()):
    """The non-zero cells, a few zeros and every verdict."""
    out = []
    for g,k,l,v in ROWS:
        for c,x in zip(CK,v):
            if x or k in ("denied.state_secret","other.other") : out.append(f"cell requests {k}/{c} = {x}")
    out += [f"cell appeals review/{c} = {x}" for c,x in zip(AC, APPEALS[:5])]
    out += ["check requests.* = pass", "check appeals.* = pass"]
    out += list(extra)
    return out

def example(title, prose, lines, stmts):
    return f"## {title}\n\n{prose}\n\n{FENCE} example\n" + "\n".join(lines) + "\n.\n" + "\n".join(stmts) + f"\n{FENCE}\n\n"

def header_lines(sep):
    return [sep.join(["申请人情况"]), sep.join(["", "自然人", "法人或其他组织", "", "", "", "", "总计"]),
            sep.join(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])]

def rows_tsv(sep="→", group_inline=True):
    out = [HEAD] + header_lines(sep)
    for g,k,l,v in ROWS:
        cells = ([g] if g and group_inline else []) + [l] + [str(x) for x in v]
        if g and not group_inline: out.append(g)
        out.append(sep.join(cells))
    out += [HEAD4, sep.join(["行政复议","","","","","行政诉讼"]),
            sep.join(["结果维持","结果纠正","其他结果","尚未审结","总计"]*3), sep.join(str(x) for x in APPEALS)]
    return out

files = {}
files["tsv.txt"] = "# Tab-separated rows\n\nA table copied from Word or a web page: one row per line, cells separated by tabs\n(shown as `→`). The group label (（三）不予公开) shares a line with its first row.\n\n" + \
  example("Every row on one line, tabs between cells", "The whole v2021 表三 and 表四. Each 表三 cell is placed beside its printed label (`by label`); 表四 has no row labels, its cells are placed in the template's order.", rows_tsv(), expect_all(["by requests granted/natural = label", "by appeals review/total = order"])) + \
  example("Group labels on a line of their own", "Some pastes put a merged group cell on its own line.", rows_tsv(group_inline=False), expect_key())

def cell_per_line():
    out = [HEAD]
    for g,k,l,v in ROWS:
        if g: out.append(g)
        out.append(l)
        out += [str(x) for x in v]
        out.append("")
    out += [HEAD4, "行政复议", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + [str(x) for x in APPEALS]
    return out
files["cell-per-line.txt"] = "# One cell per line\n\nA table copied from some browsers or from a PDF by selection: every cell on its own line,\na blank line between rows.\n\n" + \
  example("Every cell on its own line", "", cell_per_line(), expect_all())

def markdown():
    out = [HEAD, "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |", "|---|---|---|---|---|---|---|---|"]
    for g,k,l,v in ROWS:
        out.append("| " + " | ".join([(g + " " if g else "") + l] + [str(x) for x in v]) + " |")
    out += [HEAD4, "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
            "|" + "---|"*15, "| " + " | ".join(str(x) for x in APPEALS) + " |"]
    return out
files["markdown.txt"] = "# Markdown tables\n\nA PDF converted to Markdown, or a report drafted in Markdown: `| a | b |` rows.\n\n" + \
  example("A markdown table", "", markdown(), expect_all())

def html():
    out = ["<p>" + HEAD + "</p>", "<table>", "<tr><td colspan=\"2\">申请人情况</td><td>自然人</td><td colspan=\"5\">法人或其他组织</td><td>总计</td></tr>"]
    for g,k,l,v in ROWS:
        tds = "".join(f"<td>{x}</td>" for x in v)
        if g: out.append(f"<tr><td>{g}</td><td>{l}</td>{tds}</tr>")
        else: out.append(f"<tr><td colspan=\"2\">{l}</td>{tds}</tr>")
    out += ["</table>", "<p>" + HEAD4 + "</p>", "<table>", "<tr><td colspan=\"5\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr>",
            "<tr>" + "".join(f"<td>{x}</td>" for x in APPEALS) + "</tr>", "</table>"]
    return out
files["html.txt"] = "# HTML source\n\nThe page source of a published report (`<table>` with colspan/rowspan, entities).\n\n" + \
  example("An HTML table", "Cells sit in the row and column the markup gives them (`by html`).", html(), expect_all(["by requests granted/natural = html"]))

def inner_text_paragraphs():
    """A browser's copy (innerText) of an HTML table whose cells hold paragraphs (<td><p>…</p></td>,
    Word's HTML): each cell after the first starts with a line of only a tab, its text after a blank
    line; rows are apart by several blank lines."""
    out = [HEAD, ""]
    def row(cells):
        out.append(cells[0]); out.append("")
        for c in cells[1:]: out.extend(["→", "", c, ""] if c != "" else ["→", ""])
        out.extend(["", "", ""])
    row(["申请人情况"] + COLS)
    for g,k,l,v in ROWS: row([l] + [str(x) for x in v])
    out += [HEAD4, ""]
    row(["行政复议", "行政诉讼"])
    row([str(APPEALS[0])] + [str(x) for x in APPEALS[1:]])
    return out
files["browser-copy.txt"] = "# Copied from a browser\n\nThe text select-all and copy give of a published page (`innerText`). Word's HTML puts a paragraph in every cell\n(`<td><p>26</p></td>`): each cell after a row's first starts with a line of only a tab (written `→`) and its text follows a blank line.\n\n" + \
  example("Cells that hold paragraphs", "The lone tab opens the cell; the text after one blank line is its content; the blank lines inside the row are not row ends.", inner_text_paragraphs(), expect_all())

def pdf_default():
    """pdftotext default on a PDF of the table: a label alone on its line, its values on the next."""
    out = [HEAD, "申请人情况", "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"]
    for g,k,l,v in ROWS:
        if g: out.append(g)
        out.append(l)
        out.append(" ".join(str(x) for x in v))
    out += [HEAD4, "行政复议 行政诉讼", "结果维持 结果纠正 其他结果 尚未审结 总计", " ".join(str(x) for x in APPEALS)]
    return out
def pdf_layout():
    out = [HEAD, "                     申请人情况", "                     自然人   商业企业  科研机构  社会公益组织  法律服务机构  其他  总计"]
    for g,k,l,v in ROWS:
        out.append(("  " + g + "  " if g else "          ") + l + "    " + "    ".join(str(x) for x in v))
    out += [HEAD4, "  行政复议                     行政诉讼", "   " + "   ".join(str(x) for x in APPEALS)]
    return out
def pdf_values_per_line():
    out = [HEAD]
    for g,k,l,v in ROWS:
        if g: out.append(g)
        out.append(l)
        out += [str(x) for x in v]
    out += [HEAD4, "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + [str(x) for x in APPEALS]
    return out
def pdf_page_break():
    lines = pdf_default()
    i = lines.index("5.属于三类内部事务信息")
    return lines[:i] + ["- 4 -", "\f某某区人民政府办公室 2021 年政府信息公开工作年度报告"] + lines[i:]
def pdf_by_column_error():
    """The same, with the report's own error in a block: 1.本机关不掌握相关政府信息's 总计 printed 4 (its cells add to 3)."""
    global ROWS
    saved = ROWS
    ROWS = [(g,k,l,(v[:6] + [4]) if k == "unable.not_held" else v) for g,k,l,v in ROWS]
    try: return pdf_by_column()
    finally: ROWS = saved
def pdf_by_column():
    """pdftotext default on a PDF whose rows stack: the first four rows one value per line (blank
    lines between), then the rest in blocks printed column by column, the labels in one block after."""
    out = [HEAD, "申请人情况", "自然人", "商业企业 科研机构", "社会公益组织", "法律服务机构 其他", "总计", ""]
    for g,k,l,v in ROWS[:4]:
        for x in v: out += [str(x), ""]
    blocks = [ROWS[4:15], ROWS[15:23], ROWS[23:]]
    for b in blocks:
        for c in range(7):
            out += [str(r[3][c]) for r in b] + [""]
    out += [r[2] for r in ROWS]
    out += [HEAD4, "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + [str(x) for x in APPEALS]
    return out
def labels_out_of_place():
    """Value rows printed without their labels, the labels loose elsewhere (103's PDF as markdown)."""
    out = [HEAD] + header_lines(" ")
    vals = lambda k: " ".join(str(x) for x in dict((r[1], r[3]) for r in ROWS)[k])
    for g,k,l,v in ROWS:
        if g: out.append(g)
        if k == "partial": out += [vals(k), l]                     # values first, then the label
        elif k == "denied.state_secret": out += ["2.其他法律行政法规禁止公开", l + " " + vals(k)]  # the next label first
        elif k == "denied.law_forbidden": out.append(vals(k))      # its values after 1.'s row
        elif k == "unable.not_held": out += ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确", vals(k)]
        elif k in ("unable.need_create", "unable.unclear"): out.append(vals(k))
        elif k == "other.no_fee": out += [l, "1", vals(k)]       # a stray digit on a line of its own
        else: out.append(l + " " + vals(k))
    out += [HEAD4, "行政复议 行政诉讼", " ".join(str(x) for x in APPEALS)]
    return out

def text_nodes_loose():
    """A crawler's text nodes of 103's page (labels printed apart from their value rows): every cell
    on its own line, no blank line between rows."""
    return [w for line in labels_out_of_place() for w in line.split(" ") if w]
files["cell-per-line.txt"] += \
  example("Every cell on its own line, no blank line between rows, labels apart from their values", "A crawler's text of a page (its text nodes joined by newlines) whose labels were printed apart from their value rows: a label printed alone takes the values one per line after it, up to its seven; the values after those that no label takes gather, seven at most, into a value row without a label, and such rows fill the template rows between the rows printed with their labels (`by order`), as on one line. The stray `1` after （六）2.'s label, one per line, cannot be told from a cell: its eight values are not seven, and the row is left unread.", text_nodes_loose(), [x for x in expect_all() if "other.no_fee/" not in x and not x.startswith("check requests")] + ["no cell requests other.no_fee/natural", "check requests.balance/* = pass", "check requests.applicants/* = pass", "check requests.applicants/other.no_fee = skip", "check requests.results/* = skip", "by requests partial/natural = order", "by requests unable.need_create/natural = order", "by requests granted/natural = order"])

def pdf_zeros():
    """pdftotext default on a PDF of a table of zeros (no request received) whose cells stack: runs of
    zeros of every length between the labels, none of them a row (000's LibreOffice PDF)."""
    out = [HEAD, "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织"]
    runs = [3, 3, 2, 2, 2, 3, 4, 18, 9, 2, 2, 2, 1, 1, 1, 2, 2, 1, 44, 28, 1, 42]
    assert sum(runs) == 7 * len(ROWS)
    labels = [l for g,k,l,v in ROWS]
    for i, n in enumerate(runs):
        if i == 3: out.append(labels[i] + " " + " ".join(["0"] * n) + " 申请人情况 总计"); continue  # run into a header
        if i < len(labels): out.append(labels[i])
        out += [" ".join(["0"] * n)]
    out += labels[len(runs):]
    out += [HEAD4, "行政复议 行政诉讼", "结果维持 结果纠正 其他结果 尚未审结 总计", " ".join(str(x) for x in APPEALS)]
    return out

def pdf_all_zeros_scattered():
    """pdftotext default on a LibreOffice PDF of a report that received nothing (002's): every table's
    cells come out among its labels and header words, 表三 one zero short (a blank cell left no trace)."""
    t2 = ["二、主动公开政府信息情况", "第二十条第（一）项", "信息内容 本年制发件数", "规章", "0", "0",
          "行政规范性文件 0", "本年废止件数", "0", "现行有效件数", "0", "0", "第二十条第（五）项", "信息内容",
          "行政许可 0", "第二十条第（六）项", "信息内容 本年处理决定数量", "行政处罚 0", "行政强制", "0",
          "第二十条第（八）项", "信息内容 本年收费金额（单位：万元）", "行政事业性收费", "0"]
    t3 = [l for l in pdf_zeros() if not l.startswith(HEAD4)]
    t3 = t3[:t3.index("行政复议 行政诉讼")]
    last = max(i for i, l in enumerate(t3) if l.startswith("0"))
    t3[last] = t3[last][2:] if " " in t3[last] else ""   # one zero fewer: 174
    t4 = [HEAD4, "行政复议", "结果维持", "结果纠正", "结", "0", "总计", "0", "其他结果", "0", "尚未审结", "0", "总计", "0",
          "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + ["0"] * 10
    assert sum(l.split().count("0") for l in t2) == 10 and sum(l.split().count("0") for l in t4) == 15
    assert sum(l.split().count("0") for l in t3) == 174
    return t2 + t3 + t4

def pdf_cut_rows():
    """pdftotext default on a Chromium PDF (102's): a row's values cut over lines after its label's
    line ("5.属于三类内部事务信息 8 / 0 0 0 1 0 / 9") while a label printed out of place waits, and a label
    printed out of place above a row of the template's that comes before it; their values come later,
    where their rows stand."""
    out = [HEAD, "申请人情况", "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"]
    V = dict((r[1], r[3]) for r in ROWS)
    j = lambda v: " ".join(str(x) for x in v)
    for g,k,l,v in ROWS:
        if g and k not in ("other.no_supplement", "unable.not_held"): out.append(g)
        if k == "denied.three_safety": out += ["5.要求行政机关确认或重新出具", "已获取信息", l + " " + str(v[0]), j(v[1:6]), str(v[6])]
        elif k == "denied.third_party": out += [l + " " + str(v[0])] + [str(x) for x in v[1:]]  # the rest one per line
        elif k == "unable.not_held":
            out += [g, "1.申请人无正当理由逾期不补正、", "开申请", l, str(v[0]), j(v[1:])]
        elif k == "not_processed.confirm": out.append(j(v))
        elif k == "other.no_supplement": out += [j(v), g]   # its group's caption after its values
        else: out += [l, j(v)]
    out += [HEAD4, "行政复议 行政诉讼", "结果维持 结果纠正 其他结果 尚未审结 总计", j(APPEALS)]
    return out
def pdf_layout_drift():
    """The same, but pdftotext's columns drifted: the whole rows start a column right of the headers."""
    out = pdf_layout_blanks()
    return [l[:44] + " " * 8 + l[44:] if l.startswith(("一、", "（二）")) else l for l in out]
def pdf_layout_wrapped():
    """The same, 一、's cells too narrow for their two digits: "1 … 1" on the label's line, "2 … 2" under them."""
    out = pdf_layout_blanks()
    i = next(j for j, l in enumerate(out) if l.startswith("一、"))
    W, S = 44, 8
    top = "一、本年新收政府信息公开申请数量".ljust(W) + "1" + " " * (S * 6 - 1) + "1"
    low = " " * W + "2" + " " * (S * 6 - 1) + "2"
    return out[:i] + [top, low] + out[i + 1:]
def pdf_layout_blanks():
    """pdftotext -layout on a PDF whose empty cells print nothing: each value stays under its header,
    the blanks are spaces. 二、上年结转 and （一）予以公开 leave their zero 法人 cells blank."""
    W, S = 44, 8
    def at(cells):  # [(column index, text)] → a line with each text where its column starts
        line = ""
        for j, t in cells:
            line = line.ljust(W + S * j) + t
        return line
    blank = ("carried_over", "granted")
    out = [HEAD, at([(0, "申请人情况")]), at([(0, "自然人"), (1, "法人或其他组织"), (6, "总计")]),
           at([(1, "商业"), (2, "科研"), (3, "社会公益"), (4, "法律服务"), (5, "其他")]),
           at([(1, "企业"), (2, "机构"), (3, "组织"), (4, "机构")])]
    for g,k,l,v in ROWS:
        cells = [(j, str(x)) for j, x in enumerate(v) if not (k in blank and 1 <= j <= 5 and x == 0)]
        label = (g + " " if g else "") + l
        assert len(label) < W
        out.append(label.ljust(W) + at(cells)[W:])
    out += [HEAD4, "  行政复议                     行政诉讼", "   " + "   ".join(str(x) for x in APPEALS)]
    return out
files["pdftotext.txt"] = "# Text extracted from a PDF\n\n`pdftotext` and copy from a PDF viewer print a row's label apart from its values, values\nseparated by spaces, and page numbers or running headers inside the table.\n\n" + \
  example("Value rows without their labels, between rows printed with theirs", "A PDF turned into text or markdown whose row-spanning cells moved labels away from their values: （二）'s label after its values, 2.'s label before 1.'s row and its values after it, （四）'s three labels in a block before their three value rows, a stray `1` on a line of its own between （六）2.'s label and its values. Each run of value rows stands between two rows printed with their labels; the template rows between those two take them in order, when the counts are equal and every row adds up (`by order`; their applicants checks are `used_for_recovery`).", labels_out_of_place(), expect_all(["by requests partial/natural = order", "by requests denied.law_forbidden/total = order", "by requests unable.need_create/natural = order", "by requests granted/natural = label"])) + \
  example("Label on one line, its values on the next (pdftotext default)", "The values line that directly follows a label printed alone is that label's (`by order`).", pdf_default(), expect_all(["by requests granted/natural = order", "by requests total/total = order"])) + \
  example("Columns padded with spaces (pdftotext -layout)", "", pdf_layout(), expect_all()) + \
  example("Columns padded with spaces, blank cells left as spaces (pdftotext -layout)", "A row with fewer values than columns: each value goes to the column whose header starts where it starts (`by column`), the others are blank — on the headers' page only, since the next page's margins move its columns.", pdf_layout_blanks(), ["cell requests carried_over/natural = 1", "cell requests carried_over/commercial = null", "cell requests carried_over/other_org = null", "cell requests carried_over/total = 1", "cell requests granted/natural = 5", "cell requests granted/commercial = 1", "cell requests granted/research = null", "cell requests granted/total = 6", "cell requests new_received/research = 0", "by requests granted/commercial = column", "by requests new_received/natural = label", "check requests.* = pass", "check appeals.* = pass"]) + \
  example("Numbers wrapped digit by digit under themselves (pdftotext -layout)", "A cell too narrow for its number prints it over two lines (`1 … 1` over `2 … 2` for `12 … 12`): two lines of as many numbers, each under the one above, that add up joined and not apart, are joined. Here 12 under 自然人 and 12 under 总计.", pdf_layout_wrapped(), ["cell requests new_received/natural = 12", "cell requests new_received/commercial = null", "cell requests new_received/total = 12", "by requests new_received/natural = column", "check requests.applicants/new_received = pass", "cell requests carried_over/total = 1"]) + \
  example("Columns that drifted from their headers", "When a whole row's values do not stand under the headers (pdftotext's layout drifts), the spaces tell nothing: a short row's values are not placed by position, only its total is read (NB0604).", pdf_layout_drift(), ["cell requests granted/total = 6", "no cell requests granted/natural", "no cell requests granted/commercial", "cell requests new_received/total = 14", "check requests.applicants/new_received = pass"]) + \
  example("Every value on its own line after its label", "The values that follow a label printed alone, one per line, fill its row up to seven.", pdf_values_per_line(), expect_key(["by requests carried_forward/total = order"])) + \
  example("A page number and a running header inside the table", "The page break (form feed) and the header are not cells.", pdf_page_break(), expect_all()) + \
  example("Labels in one block, stacked rows column by column (pdftotext default)", "The PDF's cells that stack in a column come out one column at a time (11 rows × 7, then 8 × 7, then 2 × 7) and every label after them. The count of values is exactly one table (175), so the rows are read in the template's order; each block's reading is verified by total = Σ applicants (NB0613, `by order`).", pdf_by_column(), expect_all(["by requests new_received/natural = order", "by requests denied.state_secret/total = order", "by requests carried_forward/total = order"])) + \
  example("A row cut over lines, labels printed above a row they follow", "The values a row lacks after its label's line come on the next lines (a run, or one per line) and complete it, though a label printed out of place waits above it. A label printed alone above （四）1.'s label, which comes before it in the template, does not keep （四）1. from its values; the two labels' own values, printed where their rows stand, are placed between the rows around them.", pdf_cut_rows(), expect_all(["by requests denied.three_safety/total = label", "by requests denied.third_party/total = label", "by requests unable.not_held/natural = order", "by requests not_processed.confirm/total = order"])) + \
  example("A table of zeros, its cells in runs of any length between the labels", "No request received, and the PDF's stacked cells come out in runs of zeros that are no rows, one of them run into a label and header words (`（二）部分公开（…） 0 0 申请人情况 总计`). Every value is 0 and there are exactly as many as the template's cells (175), so every cell is 0 whatever the order (NB0613, `by order`).", pdf_zeros(), ["cell requests new_received/natural = 0", "cell requests denied.state_secret/total = 0", "cell requests other.no_fee/legal = 0", "cell requests total/total = 0", "cell requests carried_forward/other_org = 0", "by requests total/natural = order", "check requests.* = pass", "check appeals.* = pass"]) + \
  example("A report of zeros, every table's cells among its labels and headers", "A body that received nothing, its PDF's tables printed by pdftotext's default mode in any order: 表二's ten cells among its labels and headers, 表四's fifteen among its header words (`结 / 0 / 总计 / 0 / 其他结果 / 0 …`), and 表三 one zero short of 175 (a cell printed blank, which left no trace). Every number in each table's region is 0 and there are as many as its cells (表三: one fewer, NB0615), so every cell is 0 whatever the order (`by order`); which 表三 cell was the blank one cannot be told.", pdf_all_zeros_scattered(), ["cell proactive rules/issued = 0", "cell proactive normative_docs/in_force = 0", "cell proactive licensing/decisions = 0", "cell proactive coercion/decisions = 0", "cell proactive fees/amount = 0", "by proactive rules/repealed = order", "cell requests new_received/natural = 0", "cell requests carried_forward/total = 0", "cell appeals review/upheld = 0", "cell appeals suit_direct/total = 0", "cell appeals suit_after_review/total = 0", "check requests.* = pass", "check appeals.* = pass"]) + \
  example("The report's own error inside a block printed by column", "One row of a block breaks total = Σ applicants while the others hold: the column-wise reading stands (the shape and the other rows confirm it) and the failing identities are the report's error.", pdf_by_column_error(), ["cell requests unable.not_held/natural = 2", "cell requests unable.not_held/total = 4", "check requests.applicants/unable.not_held = fail", "check requests.results/total = fail", "check requests.results/natural = pass", "check requests.balance/* = pass", "check requests.applicants/unable.need_create = pass"])

def label_run_into_values():
    """A loose label joined to the values line of the row above it (a browser's copy of 103, collapsed)."""
    out = [HEAD] + header_lines(" ")
    vals = lambda k: " ".join(str(x) for x in dict((r[1], r[3]) for r in ROWS)[k])
    for g,k,l,v in ROWS:
        if g: out.append(g)
        if k == "denied.third_party": out += [l + " " + vals(k), "5.属于三类内部事务信息"]
        elif k == "denied.internal_affairs": out.append("1.本机关不掌握相关政府信息 " + vals(k))  # 5.'s values after (四)1.'s label
        elif k == "denied.query_matter": out.append(l + " " + vals(k) + " " + vals("unable.not_held"))
        elif k == "unable.not_held": pass
        else: out.append(l + " " + vals(k))
    out += [HEAD4, "行政复议 行政诉讼", " ".join(str(x) for x in APPEALS)]
    return out

def collapsed():
    return [" ".join(x for x in " ".join(rows_tsv(sep=" ")).split())]
def collapsed_captioned(glued=False):
    import re
    out = [HEAD, "### 申请人情况 类别 数据1 数据2 数据3 数据4 数据5 数据6 总计"]
    for g,k,l,v in ROWS:
        if g: out.append("### " + g)
        bare = re.sub(r"^(（[一二三四五六七]）|[一二三四五六七]、|\d\.)", "", l)
        out.append("### " + l + " 类别 数据1 数据2 数据3 数据4 数据5 数据6 总计")
        out.append(bare + ("" if glued else " ") + ("" if glued else " ").join(str(x) for x in v))
    out += [HEAD4, "行政复议 行政诉讼", " ".join(str(x) for x in APPEALS)]
    return [" ".join(out) + " " + "五、存在的主要问题及改进情况 本部分正文。" * 10]

def collapsed_markdown_loose():
    """103's markdown, collapsed: value rows without labels, the labels loose between the rows."""
    vals = lambda k: "| " + " | ".join(str(x) for x in dict((r[1], r[3]) for r in ROWS)[k]) + " |"
    out = [HEAD, "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |", "|---|---|---|---|---|---|---|---|"]
    for g,k,l,v in ROWS:
        row = "| " + " | ".join([(g + " " if g else "") + l] + [str(x) for x in v]) + " |"
        if k == "partial": out += [vals(k), "|---|---|---|---|---|---|---|", l]
        elif k == "unable.not_held": out += ["（四）无法提供", "1.本机关不掌握相关", "政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确", vals(k)]
        elif k in ("unable.need_create", "unable.unclear"): out += ["|---|---|---|---|---|---|---|", vals(k)]
        elif k == "other.no_fee": out += [l + " 1", vals(k)]
        else: out.append(row)
    out += [HEAD4, "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
            "|" + "---|"*15, "| " + " | ".join(str(x) for x in APPEALS) + " |"]
    return [" ".join(" ".join(out).split())]
def collapsed_markdown_blank():
    out = markdown()
    i = next(j for j,l in enumerate(out) if l.startswith("| 3.其他"))
    out[i] = "| 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 |  |"
    return [" ".join(" ".join(out).split())]
def collapsed_proactive():
    t = ["二、主动公开政府信息情况", "第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数", "规章 0 0 0",
         "行政规范性文件 8 1 18", "第二十条第（五）项", "信息内容 本年处理决定数量", "行政许可 12",
         "第二十条第（六）项", "信息内容 本年处理决定数量", "行政处罚 3", "行政强制 0",
         "第二十条第（八）项", "信息内容 本年收费金额（单位：万元）", "行政事业性收费 0", "— 4 —"]
    return [" ".join(t + rows_tsv(sep=" "))]

files["pdftotext.txt"] += example("A loose label run into another row's values", "`1.本机关不掌握相关政府信息 0 0 0 0 0 0 0` printed between 4. and 6. of （三）: a row out of the template's order among its neighbours, where a row between them (5.) has no values, is taken as values without a label; they fill 5.; 8.'s line holds its own row and （四）1.'s, which goes to that label (`by order`).", label_run_into_values(), expect_all(["by requests denied.internal_affairs/natural = order", "by requests unable.not_held/total = order", "by requests denied.process_info/natural = label"]))

files["collapsed.txt"] = "# Whitespace collapsed\n\nCrawlers often store a page's text with every run of whitespace collapsed into one space:\nthe whole table, even the whole report, on one line.\n\n" + \
  example("The whole table on one line", "", collapsed(), expect_all()) + \
  example("Rows captioned apart, labels without their numbering, on one line", "A page that gives each row a caption of its own (`### （一）予以公开`) and prints the row under it without the numbering (`予以公开 5 1 0 0 0 0 6`), collapsed: a 表三 label starts a line when a whole row of numbers follows it, and a line break before a heading goes before its `#` marks.", collapsed_captioned(), expect_key()) + \
  example("A markdown table on one line, a row's last cell blank", "`… | 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | | | （七）总计 | …`: the bars around the blank are one cell, not one row's end and the next one's start (text follows them, not numbers).", collapsed_markdown_blank(), ["cell requests other.other/total = null", "cell requests other.other/natural = 0", "cell requests total/total = 12", "cell requests carried_forward/total = 3", "check requests.* = pass", "check requests.applicants/other.other = skip"]) + \
  example("A markdown table on one line, value rows without their labels", "103's PDF as markdown, collapsed: labels printed loose between the rows (`… | 0 | 0 | 1.本机关不掌握相关 政府信息 2.没有… | 4 | 0 | …`), a separator run into the next row (`|---|---| | 6 | 0 | …`), a stray `1` after a label. A label that no row's opening bar comes before is a line of its own; the value rows then stand between the rows printed with their labels and fill the template rows between (`by order`).", collapsed_markdown_loose(), expect_all(["by requests partial/natural = order", "by requests unable.not_held/total = order", "by requests other.no_fee/total = order", "by requests granted/natural = label"])) + \
  example("表二 on one line, a page number after its last value", "`行政事业性收费 0 — 4 —`: the page break's number is not the row's.", collapsed_proactive(), ["cell proactive rules/issued = 0", "cell proactive normative_docs/issued = 8", "cell proactive normative_docs/repealed = 1", "cell proactive normative_docs/in_force = 18", "cell proactive licensing/decisions = 12", "cell proactive penalty/decisions = 3", "cell proactive coercion/decisions = 0", "cell proactive fees/amount = 0", "cell requests granted/natural = 5"])

def bare_cr():
    return [l + "␍" for l in rows_tsv()]
files["line-ends.txt"] = "# Line ends\n\nOld Mac files and some exports end lines with a bare CR (shown as `␍`).\n\n" + \
  example("Bare CR line ends", "", bare_cr(), expect_all())

def glued():
    out = rows_tsv()
    i = next(j for j,l in enumerate(out) if l.startswith("（七）总计"))
    out[i] = "（七）总计→" + "".join(str(x) for x in ROWS[23][3])
    return out
def glued_zeros():
    out = rows_tsv()
    i = next(j for j,l in enumerate(out) if "1.属于国家秘密" in l)
    out[i] = "（三）不予公开→1.属于国家秘密→000000"  # six zeros for seven cells: one printed blank
    out[-1] = "0" * 15                         # 表四: no appeal, fifteen zeros run together
    return out
def glued_appeals_groups():
    """表四 as three small tables under their captions, each one's row of five glued (a crawler's copy)."""
    out = rows_tsv()
    i = next(j for j,l in enumerate(out) if l.startswith(HEAD4))
    cap = ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]
    body = []
    for g in range(3):
        body += [cap[g], "结果维持结果纠正其他结果尚未审结总计", "".join(str(x) for x in APPEALS[g*5:g*5+5])]
    return out[:i + 1] + body
def glued_one_short():
    out = rows_tsv()
    i = next(j for j,l in enumerate(out) if l.startswith("（二）部分公开"))
    out[i] = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）→100000"  # 1 0 0 0 0 0, 总计 blank
    return out
def glued_proactive():
    """A 2019-format 表二 as a crawler copies it, a line per row with its cells run together, the header's too."""
    t = ["二、主动公开政府信息情况", "第二十条第（一）项", "信息内容本年新制作数量本年新公开数量对外公开总数量", "规章000",
         "规范性文件000", "第二十条第（五）项", "信息内容上一年项目数量本年增/减处理决定数量", "行政许可000",
         "其他对外管理服务事项000", "第二十条第（六）项", "信息内容上一年项目数量本年增/减处理决定数量", "行政处罚000",
         "行政强制000", "第二十条第（八）项", "信息内容上一年项目数量本年增/减", "行政事业性收费00",
         "第二十条第（九）项", "信息内容采购项目数量采购总金额", "政府集中采购00"]
    return t + rows_tsv()
files["glued.txt"] = "# Digits glued together\n\nA row whose separators were lost (`（七）总计1020000012`): the engine splits the run only\nwhen the identities leave exactly one split ([docs/recovery.md](../../docs/recovery.md)).\n\n" + \
  example("The total row glued into one run", "10·2·0·0·0·0·12 is the only split the identities allow.", glued(), expect_key(["by requests total/natural = split", "by requests granted/natural = label"])) + \
  example("表四 in three small tables, each row glued", "Each group under its caption, its five cells run together (`10012`, `00000`, `00000`): fifteen cells from three runs, split by the identities (each group's total is the sum of the four before it).", glued_appeals_groups(), ["cell appeals review/upheld = 1", "cell appeals review/pending = 1", "cell appeals review/total = 2", "cell appeals suit_direct/total = 0", "by appeals review/total = split", "check appeals.* = pass"]) + \
  example("A run one digit short of the cells", "`（二）部分公开…→100000`: six digits for seven cells, so one printed blank, and where it was cannot be told from one run. The row is not read (NB0604), never taken as one number 100000 under 自然人, which would fail the column's identities against the report.", glued_one_short(), ["no cell requests partial/natural", "cell requests granted/natural = 5", "check requests.results/natural = skip", "check requests.balance/natural = pass", "check requests.applicants/granted = pass"]) + \
  example("表二's header and rows run together", "A header cell that is several column titles one after another (`信息内容上一年项目数量本年增/减`) gives all of them, so `行政事业性收费00` is two cells to split, not one number under the first title.", glued_proactive(), ["cell proactive rules/new_made = 0", "cell proactive rules/total_published = 0", "cell proactive fees/prev_items = 0", "cell proactive fees/delta_items = 0", "cell proactive procurement/items = 0", "cell proactive procurement/amount = 0"]) + \
  example("Zeros run together", "A row of zeros one digit short of its cells (`1.属于国家秘密→000000`: a cell printed blank, the separators lost) is six zeros and a blank last cell: every cell is 0 or blank in any split. 表四's fifteen cells of a body with no appeal, `000000000000000`, are fifteen zeros.", glued_zeros(), ["cell requests denied.state_secret/natural = 0", "cell requests denied.state_secret/other_org = 0", "cell requests denied.state_secret/total = null", "cell appeals review/upheld = 0", "cell appeals suit_after_review/total = 0", "check requests.* = pass", "check requests.applicants/denied.state_secret = skip", "check appeals.* = pass"])

def collapsed_glued():
    """A crawler's copy with each row's text nodes joined with nothing (rowglued), then collapsed."""
    t = glued_proactive()
    i = next(j for j,l in enumerate(t) if l.startswith("二、上年结转"))
    t[i] = "二、上年结转政府信息公开申请数量" + "".join(str(x) for x in ROWS[1][3])
    i = next(j for j,l in enumerate(t) if "5.属于三类内部事务信息" in l)
    t[i] = "5.属于三类内部事0000000 务信息"  # the label wrapped in its cell: its tail's text node after the digits
    k = next(j for j,l in enumerate(t) if l.startswith(HEAD4))
    t = t[:k + 1]
    for cap, g in zip(["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"], range(3)):
        t += [cap, "结果维持结果纠正其他结果尚未审结总计", "".join(str(x) for x in APPEALS[g*5:g*5+5])]
    t.append("五、存在的主要问题及改进情况 本部分正文。")
    return [" ".join(" ".join(t).replace("→", " ").split())]

files["collapsed.txt"] += example("Rows captioned apart, labels bare, digits glued, on one line", "The captioned page above as a crawler joined each row's text nodes with nothing (`予以公开5100006`): a bare 表三 label whose row's digits run on into it starts a line as well. Each row's run is split by the identities (NB0701).", collapsed_captioned(glued=True), expect_key(["by requests granted/natural = split"])) + example("Rows glued, then everything on one line", "A crawler that joined each row's text nodes with nothing (`规章000`, `5.属于三类内部事0000000 务信息`, `…尚未审结总计10012`) and then collapsed the whitespace: a 表二 label with its digits run on starts a line, a row whose digits ran into its label ends after them when text follows, and a run of digits right after a header's last word `总计` is a data row of its own.", collapsed_glued(), ["cell proactive rules/new_made = 0", "cell proactive procurement/amount = 0", "cell requests carried_over/natural = 1", "cell requests carried_over/total = 1", "cell requests denied.internal_affairs/natural = 0", "cell requests denied.internal_affairs/total = 0", "cell requests granted/natural = 5", "cell appeals review/upheld = 1", "cell appeals review/total = 2", "cell appeals suit_after_review/total = 0", "check requests.* = pass", "check appeals.* = pass"])

def blanks():
    out = rows_tsv()
    i = next(j for j,l in enumerate(out) if l.startswith("2.其他法律行政法规禁止公开"))
    out[i] = "2.其他法律行政法规禁止公开" + "→"*7
    return out
def blanks_lost():
    out = rows_tsv(sep=" ", group_inline=False)
    i = next(j for j,l in enumerate(out) if l.startswith("（一）予以公开"))
    out[i] = "（一）予以公开 6 6"
    return out
def blanks_lost_table():
    """A table whose 法人 columns are blank from top to bottom, its blanks lost: each row 自然人 and 总计."""
    out = [HEAD, "申请人情况", "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    for g,k,l,v in ROWS:
        if g: out.append(g)
        out.append(f"{l} {v[0]} {v[0]}")
    return out + [HEAD4, "行政复议 行政诉讼", " ".join(str(x) for x in APPEALS)]
def blank_total(key, printed):
    out = rows_tsv(sep=" ", group_inline=False)
    label = dict((r[1], r[2]) for r in ROWS)[key]
    i = next(j for j,l in enumerate(out) if l.startswith(label + " "))
    out[i] = label + " " + printed
    return out
files["blanks.txt"] = "# Blank cells\n\nThe template asks for 0 where nothing happened; a blank cell is read as blank (`null`),\ncounts as 0 in the identities, and is listed in the check's `blank_as_zero`.\n\n" + \
  example("A row of blank cells", "", blanks(), [f"cell requests denied.law_forbidden/{c} = null" for c in CK] + ["check requests.* = pass", "check requests.applicants/denied.law_forbidden = skip"]) + \
  example("Blank cells that left no trace", "A PDF of a table whose empty cells print nothing: `（一）予以公开 6 6` is two values for seven columns. The last is the sum of the others, so it is the total; which column the 6 is in cannot be told, so only the total is read (NB0604 says so) — never a guess that puts it under 商业企业.", blanks_lost(), ["cell requests granted/total = 6", "no cell requests granted/natural", "no cell requests granted/commercial", "check requests.balance/* = pass", "check requests.results/total = pass", "check requests.results/natural = skip"]) + \
  example("A whole table whose blank cells left no trace", "Only 自然人 and 总计 filled, the five 法人 columns blank from top to bottom, and the blanks lost (a PDF's text, a crawler's text nodes): every row prints two values (`（一）予以公开 5 5`, `1.属于国家秘密 0 0`). In each the last is the sum of the others; the rows whose sum is not 0 show the total printed last, and every row prints the same count, so the last of a row of zeros is its total too. Each row's total = Σ applicants is checked with the values read (`used_for_recovery`); the columns of the others are not guessed, so the checks by column other than 总计 skip. One finding (NB0617) for the table, not one per row.", blanks_lost_table(), ["cell requests new_received/total = 10", "cell requests granted/total = 5", "cell requests denied.state_secret/total = 0", "cell requests carried_forward/total = 1", "no cell requests granted/natural", "no cell requests denied.state_secret/natural", "check requests.applicants/* = pass", "check requests.balance/total = pass", "check requests.results/total = pass", "check requests.balance/natural = skip", "check requests.results/commercial = skip"]) + \
  example("A blank total that left no trace", "`（二）部分公开（…） 1 0 0 0 0 0` is six values for seven columns, and the last is not the sum of the others: a printed total would be that sum, so the cell that printed nothing is the total and the six are in their columns. The blank total counts as 0, so the 总计 column no longer adds up: the report's error (the template asks for 1 there), not the tool's doubt.", blank_total("partial", "1 0 0 0 0 0"), ["cell requests partial/natural = 1", "cell requests partial/other_org = 0", "cell requests partial/total = null", "check requests.applicants/partial = skip", "check requests.results/natural = pass", "check requests.results/total = fail", "check requests.balance/total = pass"]) + \
  example("A row of zeros one value short", "`1.属于国家秘密 0 0 0 0 0 0`: whichever cell printed nothing, every cell is 0 or blank in every reading, so the last is taken as the blank one and every identity is checked (blank counts as 0).", blank_total("denied.state_secret", "0 0 0 0 0 0"), ["cell requests denied.state_secret/natural = 0", "cell requests denied.state_secret/other_org = 0", "cell requests denied.state_secret/total = null", "check requests.* = pass", "check requests.applicants/denied.state_secret = skip"])
def csv_rows(ascii_labels=False, break_group=False):
    """表三 and 表四 as a spreadsheet saves them as CSV (Python's csv module quotes as Excel does)."""
    import csv, io
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    ascii = lambda t: t.replace("（", "(").replace("）", ")").replace("，", ", ").replace("“", '"').replace("”", '"') if ascii_labels else t
    w.writerow(["申请人情况", "", "", "", "", "", "", "", ""])
    w.writerow(["", "", "自然人", "法人或其他组织", "", "", "", "", "总计"])
    w.writerow(["", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])
    for g,k,l,v in ROWS:
        group = g and (g.replace("本年度", "本年度\n") if break_group else g)
        w.writerow([ascii(group or ""), ascii(l)] + [str(x) for x in v])
    w.writerow([HEAD4])
    w.writerow(["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9)
    w.writerow(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
    w.writerow([str(x) for x in APPEALS])
    return [HEAD] + buf.getvalue().rstrip("\n").split("\n")
PROACTIVE_2021 = ["第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数", "规章 0 0 0",
    "行政规范性文件 8 1 18", "第二十条第（五）项", "信息内容 本年处理决定数量", "行政许可 12",
    "第二十条第（六）项", "信息内容 本年处理决定数量", "行政处罚 3", "行政强制 0",
    "第二十条第（八）项", "信息内容 本年收费金额（单位：万元）", "行政事业性收费 0"]
EXPECT_PROACTIVE_2021 = ["cell proactive rules/issued = 0", "cell proactive normative_docs/issued = 8", "cell proactive normative_docs/repealed = 1",
    "cell proactive normative_docs/in_force = 18", "cell proactive licensing/decisions = 12", "cell proactive penalty/decisions = 3",
    "cell proactive coercion/decisions = 0", "cell proactive fees/amount = 0"]
def csv_grid():
    """表二, 表三 and 表四 as LibreOffice Calc saves a page's tables as CSV: one grid of the same width for
    the whole page, each cell spread over several fields (merged cells), text in quotes."""
    import csv, io
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    width = 4 + 8 * 3
    def row(cells, spread=(4, 3)):
        out = []
        for i, c in enumerate(cells):
            out += [c] + [""] * ((spread[0] if i == 0 else spread[1]) - 1)
        w.writerow(out + [""] * (width - len(out)))
    num = lambda x: int(x) if x.isdigit() else x
    row(["二、主动公开政府信息情况"])
    for line in PROACTIVE_2021:
        row([num(x) for x in line.split(" ")], (4, 8))
    row([HEAD])
    row(["申请人情况"])
    row(["", "自然人", "法人或其他组织", "", "", "", "", "总计"])
    row(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])
    for g,k,l,v in ROWS:
        if g: row([g])
        row([l] + v)
    row([HEAD4])
    row(["行政复议", "", "", "", "", "行政诉讼"], (1, 1))
    row(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3, (1, 1))
    row(APPEALS, (1, 1))
    return buf.getvalue().rstrip("\n").split("\n")
def csv_one_column():
    """A one-column sheet (a table pasted one cell per line) saved as CSV with its text quoted."""
    return [f'"{l}"' if l else "" for l in cell_per_line()]

files["csv.txt"] = "# Comma-separated values\n\nA table saved from a spreadsheet as CSV (Excel, WPS, LibreOffice, pandas' `to_csv`, a crawler's export): a comma\nbetween cells, a cell that holds a comma or a quote in double quotes, a doubled quote for a quote inside one.\nRead like tab-separated rows.\n\n" + \
  example("A table saved as CSV", "Every cell beside its printed label, as in a tab-separated paste.", csv_rows(), expect_all(["by requests granted/natural = label", "by appeals review/total = order"])) + \
  example("Quoted cells", "Labels in half-width punctuation: `\"(二)部分公开(区分处理的, 只计这一情形, 不计其他情形)\"` holds commas, `\"3.危及\"\"三安全一稳定\"\"\"` quotes; a group cell with a line break in it (`\"三、本年度⏎办理结果\"`) goes on over the line end.", csv_rows(ascii_labels=True, break_group=True), expect_all()) + \
  example("One grid for the whole page (LibreOffice Calc)", "A page opened in a spreadsheet and saved as CSV: every table in one grid as wide as the widest, a merged cell spread over empty fields (`\"规章\",\"\",\"\",\"\",0,\"\",…`). A row with more fields than columns whose numbers are exactly its columns reads those numbers in order: the empty fields are the grid's padding, not blank cells; a row of nothing but empty fields is a label's line of the grid.", csv_grid(), expect_all(EXPECT_PROACTIVE_2021)) + \
  example("One column, its text quoted", "A table pasted one cell per line into a spreadsheet and saved as CSV, every text cell in quotes (`\"一、本年新收政府信息公开申请数量\"`): a run of lines each one quoted field loses its quotes.", csv_one_column(), expect_all())


SIX = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
       "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
KEYS6 = "overview proactive requests appeals problems other"
def report(heads):
    out = ["某某县人民政府2022年政府信息公开工作年度报告"]
    for h in heads: out += [h, "本部分正文。"]
    return out
typo = list(SIX); typo[3] = "四、政府信息公开行政法复议、行政诉讼情况"
variant = list(SIX); variant[0] = "一、基本情况"
added = list(SIX); added[4] = "五、工作中存在的主要问题及改进情况"; added[2] = "三、收到和处理政府信息公开申请情况统计"
missing = SIX[:2] + SIX[3:]
pre = ["三元区城关街道2017年政府信息公开工作年度报告", "引言", "本年度报告根据《条例》编制。", "一、概述", "正文。",
       "二、主动公开政府信息情况", "正文。", "三、政府信息依申请公开办理情况", "正文。",
       "四、因政府信息公开申请行政复议、提起行政诉讼的情况", "正文。", "五、政府信息公开工作存在的主要问题及改进措施", "正文。"]
files["sections.txt"] = "# Section headings\n\nThe six headings of the 2019/2021 templates, as printed: variants, typos, a heading left out,\nthe pre-2019 layout, a whole report on one line.\n\n" + \
  example("All six headings", "", report(SIX), ["sections = " + KEYS6, "template = v2021", "year = 2022"]) + \
  example("A typo in a numbered heading", "One character off the template's title, under the numeral that section has: read as it, with the warning NB0205.", report(typo), ["sections = " + KEYS6]) + \
  example("A title with words added", "`五、工作中存在的主要问题及改进情况`, `三、收到和处理政府信息公开申请情况统计`: a numbered line that holds the title of the section its numeral names, and a few words more (no more than the title is long, no sentence), is that heading, with the warning NB0206.", report(added), ["sections = " + KEYS6]) + \
  example("A title with words added, on one line", "The same report stored with its whitespace collapsed: a few Han characters between the numeral and the title (`五、工作中存在的…`) still start a line.", [" ".join(report(added) + ["本年度共收到申请 0 件。"] * 12)], ["sections = " + KEYS6]) + \
  example("A variant wording", "`基本情况` for `总体情况`.", report(variant), ["sections = " + KEYS6]) + \
  example("Six parts numbered with Arabic numerals", "`1、总体情况` … `6、其他需要报告的事项`: where no line is a heading by a Chinese numeral, a line numbered `1、` or `（一）` whose rest is a section title and nothing else is one (elsewhere those number sub-headings, such as `（一）主动公开政府信息情况` inside 总体情况).", ["某某县人民政府2022年政府信息公开工作年度报告"] + [x for i, h in enumerate(SIX) for x in (f"{i + 1}、{h[2:]}", "本部分正文。")], ["sections = " + KEYS6]) + \
  example("A heading left out", "The missing one is reported (NB0201); the rest are still read.", report(missing), ["sections = overview proactive appeals problems other"]) + \
  example("The pre-2019 layout", "", pre, ["sections = intro overview proactive requests appeals problems", "template = pre2019"]) + \
  example("The pre-2019 layout in the 2008 template's words", "The seven parts as the 2008 guidance worded them: `三、依申请公开政府信息和不予公开政府信息的情况`, `五、因政府信息公开申请提起行政复议、行政诉讼的情况`.", ["某某县人民政府2016年政府信息公开工作年度报告", "一、概述", "正文。", "二、主动公开政府信息的情况", "正文。", "三、依申请公开政府信息和不予公开政府信息的情况", "正文。", "四、政府信息公开的收费及减免情况", "正文。", "五、因政府信息公开申请提起行政复议、行政诉讼的情况", "正文。", "六、政府信息公开工作存在的主要问题及改进措施", "正文。", "七、其他需要报告的事项", "正文。"], ["sections = overview proactive requests fees appeals problems other", "template = pre2019"]) + \
  example("The pre-2019 layout in other words it was printed in", "`依申请公开政府信息办理情况`, `政府信息公开收费情况`, `行政复议和行政诉讼情况`, `政府信息公开工作存在的主要问题和改进措施`.", ["某某县人民政府2015年政府信息公开工作年度报告", "一、概述", "正文。", "二、主动公开政府信息情况", "正文。", "三、依申请公开政府信息办理情况", "正文。", "四、政府信息公开收费情况", "正文。", "五、行政复议和行政诉讼情况", "正文。", "六、政府信息公开工作存在的主要问题和改进措施", "正文。", "七、其他需要报告的事项", "正文。"], ["sections = overview proactive requests fees appeals problems other", "template = pre2019"]) + \
  example("The pre-2019 layout on one line", "A crawler's copy: every line end became a space. 引言 is found as a word of its own.", [" ".join(pre) + " " + "本年度共收到申请 0 件。" * 20], ["sections = intro overview proactive requests appeals problems"]) + \
  example("Headings run into the text", "A whole report on one line with no space anywhere: a heading starts where a numeral and 、 follow the end of a sentence and a section's title follows them.", ["".join(report(SIX))], ["sections = " + KEYS6]) + \
  example("A heading in two pieces, on one line", "A page that printed a heading in two pieces (`三、收到和处理` and `政府信息公开申请情况`, two text nodes), stored by a crawler with its whitespace collapsed: one space inside a title still makes it the heading.", [" ".join(report(SIX[:2]) + ["三、收到和处理 政府信息公开申请情况", "本部分正文。"] + report(SIX[3:])[1:] + ["本年度共收到申请 0 件。"] * 12)], ["sections = " + KEYS6]) + \
  example("A heading run into digits", "The title ends where the table's numbers begin (`…情况200 000121`): the numbers are not part of the heading.", [" ".join(report(SIX[:2])) + " " + SIX[2] + "200 000121 " + " ".join(report(SIX[3:])[1:])], ["sections = " + KEYS6])

os.makedirs(OUT, exist_ok=True)
for name, text in files.items():
    open(os.path.join(OUT, name), "w", encoding="utf-8").write(text)
