#!/usr/bin/env python3
"""A report's text as a plain HTML page, for printing to PDF the way a user's browser or office
suite would: runs of table lines (tab-separated, or markdown/pipe rows) become one <table>, every
other line a <p>. Knows nothing of the template or the engine.
Usage: to-html.py REPORT.txt > REPORT.html"""
import html, re, sys

text = open(sys.argv[1], encoding="utf-8", errors="replace").read().replace("\r\n", "\n").replace("\r", "\n")
out = ['<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>report</title>',
       '<style>body{font:12pt "Noto Serif CJK SC",serif;margin:2cm}table{border-collapse:collapse;margin:1em 0}'
       'td{border:1px solid #000;padding:2px 4px;font-size:10pt}p{margin:.3em 0}</style></head><body>']
rows = []

def cells(line):
    if line.lstrip().startswith("|"):
        parts = line.strip().strip("|").split("|")
        return None if all(re.fullmatch(r"\s*:?-+:?\s*", p) for p in parts) else [p.strip() for p in parts]
    return [p.strip() for p in line.split("\t")]

def flush():
    global rows
    if rows:
        out.append("<table>")
        for r in rows:
            out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>")
        out.append("</table>")
    rows = []

for line in text.split("\n"):
    if "\t" in line.strip("\t") or line.lstrip().startswith("|"):
        c = cells(line)
        if c is not None:
            rows.append(c)
        continue
    flush()
    if line.strip():
        out.append(f"<p>{html.escape(line.strip())}</p>")
flush()
out.append("</body></html>")
print("\n".join(out))
