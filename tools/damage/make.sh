#!/usr/bin/env bash
# tools/damage/make.sh — regenerate the damaged forms in tests/damage/forms/ with real tools.
#
#   tools/damage/make.sh [DIR_WITH_HONGZE_PDFS]
#
# For every corpus report with a .expect file: the report as a plain HTML page
# (tools/damage/to-html.py) printed to PDF by Chromium (--print-to-pdf), and the report file itself
# converted to PDF by LibreOffice (soffice --headless --convert-to pdf), then pdftotext
# (poppler-utils) in its default, -layout and -raw modes; and the page's text as a browser copy
# gives it (document.body.innerText, tools/damage/inner-text.mjs), and as crawlers store it
# (tools/damage/text-nodes.py: every text node stripped, joined by newlines; and a line per paragraph
# and table row, its text nodes joined with nothing, the row's digits glued). 101 is HTML already: printed
# and copied as it is. 130/131 are PDFs themselves (sample_pdfs_v1/hzq2023_working.pdf and
# hzq2024_working.pdf of github.com/zxj6827111-blip/KIROGOVCOMPARE, see tests/corpus/SOURCES.md):
# given the directory that holds them, their -layout and -raw forms are remade too.
# Needs: chromium, libreoffice-writer-nogui and libreoffice-calc-nogui (soffice), poppler-utils, python3, node with tests/e2e's
# playwright-core (npm ci there).
# Whitespace collapsed, bare CR and tabs stripped are made from every form by tests/test_damage.cpp.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$ROOT/tests/damage/forms
CORPUS=$ROOT/tests/corpus
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
pdf_forms() {  # NAME PDF: the three pdftotext modes
  pdftotext "$2" "$OUT/$1.pdf-default.txt"
  pdftotext -layout "$2" "$OUT/$1.pdf-layout.txt"
  pdftotext -raw "$2" "$OUT/$1.pdf-raw.txt"
}
print_pdf() {  # HTML PDF
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$2" "file://$1" >/dev/null 2>&1
  [ -s "$2" ] || { echo "make.sh: chromium printed nothing for $1" >&2; exit 1; }
}
for expect in "$CORPUS"/*.expect; do
  report=${expect%.expect}
  base=$(basename "$report"); name=${base%.*}
  case $name in 13[01]_*) continue ;; esac   # PDFs of their own, below
  case $name in 004_*) continue ;; esac      # pre-2019: no tables
  if [ "${report##*.}" = html ]; then html=$report; else html=$TMP/$name.html; python3 "$ROOT/tools/damage/to-html.py" "$report" > "$html"; fi
  print_pdf "$html" "$TMP/$name.pdf"
  pdf_forms "$name.chromium" "$TMP/$name.pdf"
  # LibreOffice: the report file itself (a text file opens in Writer with its tabs as tab stops;
  # 101's HTML with its tables), as an officer would export it.
  mkdir -p "$TMP/lo" && cp "$report" "$TMP/lo/$base"
  (cd "$TMP/lo" && HOME=$TMP soffice --headless --convert-to pdf "$base" >/dev/null 2>&1)
  [ -s "$TMP/lo/$name.pdf" ] || { echo "make.sh: soffice converted nothing for $report" >&2; exit 1; }
  pdf_forms "$name.soffice" "$TMP/lo/$name.pdf"
  # LibreOffice Calc: the page opened as a spreadsheet and saved as CSV (UTF-8, comma, quote): the whole
  # report in one grid, merged cells spread over empty fields (the officer's "open in Excel, save as").
  mkdir -p "$TMP/calc" && cp "$html" "$TMP/calc/$name.html"
  (cd "$TMP/calc" && HOME=$TMP soffice --headless --infilter="HTML (StarCalc)" \
     --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' "$name.html" >/dev/null 2>&1)
  [ -s "$TMP/calc/$name.csv" ] || { echo "make.sh: soffice (Calc) converted nothing for $html" >&2; exit 1; }
  cp "$TMP/calc/$name.csv" "$OUT/$name.soffice-calc.csv.txt"
  node "$ROOT/tools/damage/inner-text.mjs" "$html" > "$OUT/$name.innertext.txt"
  python3 "$ROOT/tools/damage/text-nodes.py" "$html" > "$OUT/$name.textnodes.txt"
  python3 "$ROOT/tools/damage/text-nodes.py" --glued "$html" > "$OUT/$name.rowglued.txt"
  echo "$name: chromium and soffice pdf (3 modes each), Calc CSV, innerText, text nodes, rows glued"
done
if [ -n "${1:-}" ]; then
  for y in 2023 2024; do
    n=$([ $y = 2023 ] && echo 130 || echo 131)
    pdftotext -layout "$1/hzq${y}_working.pdf" "$OUT/${n}_hongze-qu_$y.pdf-layout.txt"
    pdftotext -raw "$1/hzq${y}_working.pdf" "$OUT/${n}_hongze-qu_$y.pdf-raw.txt"
    echo "${n}_hongze-qu_$y: pdftotext -layout, -raw"
  done
fi
