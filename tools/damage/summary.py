#!/usr/bin/env python3
"""The form × transform summary of the damage table tests/test_damage.cpp writes
(NIANBAO_DAMAGE_TABLE=<file>): summary.py <file>."""
import collections, sys
rows = [[c.strip() for c in l.split('|')[1:-1]] for l in open(sys.argv[1], encoding="utf-8")
        if l.startswith('| ') and not l.startswith('| report')]
agg = collections.defaultdict(lambda: [0, 0, 0, 0, 0, 0, 0])
for rep, form, secs, cells, verd, ff in rows:
    kind, _, tr = form.partition(' · ')
    a, b = map(int, cells.split('/')); c, d = map(int, verd.split('/'))
    x = agg[(kind, tr or 'as-is')]
    x[0] += a; x[1] += b; x[2] += c; x[3] += d; x[4] += int(ff or 0); x[5] += 1; x[6] += secs == "all"
print("| form | transform | reports | all sections | cells | verdicts | false fail |\n|---|---|---|---|---|---|---|")
for (k, t), x in sorted(agg.items()):
    print(f"| {k} | {t} | {x[5]} | {x[6]}/{x[5]} | {x[0]}/{x[1]} ({100*x[0]/x[1]:.1f} %) | {x[2]}/{x[3]} ({100*x[2]/x[3]:.1f} %) | {x[4]} |")
