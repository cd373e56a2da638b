#!/usr/bin/env bash
# tools/damage/regap.sh — rewrite tests/damage/GAPS to what the engine reaches now (lowering the
# ratchet after an improvement; check `git diff tests/damage/GAPS` shows only lower numbers),
# and print the summary of docs/damage.md.  Run from the repository root after a native build.
set -euo pipefail
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
NIANBAO_DAMAGE_GAPS=$tmp/gaps NIANBAO_DAMAGE_TABLE=$tmp/table.md build/native/tests/nianbao_tests -tc='damage*' >/dev/null || true
{ grep '^#' tests/damage/GAPS; cat "$tmp/gaps"; } > "$tmp/new" && mv "$tmp/new" tests/damage/GAPS
python3 tools/damage/summary.py "$tmp/table.md"
tail -n 1 "$tmp/table.md"
cp "$tmp/table.md" "${1:-/dev/null}"
