#!/usr/bin/env node
// tools/truth-verify.mjs — checks the truth files (.expect) on their own, without the engine.
//
//   node tools/truth-verify.mjs [DIR|FILE ...]     (default: tests/corpus)
//
// For every .expect file:
//   - template, year, org and sections are stated exactly once;
//   - `complete = <tables>` files state every cell of those tables (blank ones as null), with the
//     template's keys (written out below from shared/spec/templates.md, not taken from the engine);
//   - every identity whose cells are all stated is computed here from the stated numbers, and the
//     verdict must equal the file's `check` statement for it (globs resolved by the longest prefix,
//     as tests/expect.h does). Blank cells count as 0 and an identity with one side all blank is
//     `skip`, as docs/checks.md says.
// A disagreement is printed with its line; the closing line is "N passed, N failed".
import fs from "node:fs";
import path from "node:path";

const COLS = ["natural", "commercial", "research", "social", "legal", "other_org", "total"];
const HEAD = ["new_received", "carried_over", "granted", "partial",
  "denied.state_secret", "denied.law_forbidden", "denied.three_safety", "denied.third_party",
  "denied.internal_affairs", "denied.process_info", "denied.enforcement_file", "denied.query_matter",
  "unable.not_held", "unable.need_create", "unable.unclear",
  "not_processed.petition", "not_processed.duplicate", "not_processed.publication",
  "not_processed.mass_repeat", "not_processed.confirm"];
const OTHER = { v2019: ["other"], v2021: ["other.no_supplement", "other.no_fee", "other.other"] };
const requestRows = (t) => [...HEAD, ...OTHER[t], "total", "carried_forward"];
const RESULT_ROWS = (t) => requestRows(t).slice(2, -2);  // granted … other(s)
const GROUPS = ["review", "suit_direct", "suit_after_review"];
const ACOLS = ["upheld", "corrected", "other", "pending", "total"];
const PROACTIVE = {
  v2019: [
    ...["rules", "normative_docs"].flatMap((r) => ["new_made", "new_published", "total_published"].map((c) => `${r}/${c}`)),
    ...["licensing", "other_services", "penalty", "coercion"].flatMap((r) => ["prev_items", "delta_items", "decisions"].map((c) => `${r}/${c}`)),
    "fees/prev_items", "fees/delta_items", "procurement/items", "procurement/amount",
  ],
  v2021: [
    ...["rules", "normative_docs"].flatMap((r) => ["issued", "repealed", "in_force"].map((c) => `${r}/${c}`)),
    "licensing/decisions", "penalty/decisions", "coercion/decisions", "fees/amount",
  ],
};
const tableKeys = (table, t) =>
  table === "requests" ? requestRows(t).flatMap((r) => COLS.map((c) => `${r}/${c}`))
  : table === "appeals" ? GROUPS.flatMap((g) => ACOLS.map((c) => `${g}/${c}`))
  : PROACTIVE[t] || [];

/** The identities of a template: id, left cells, right cells (table "requests" or "appeals"). */
function identities(t) {
  const out = [];
  const rows = requestRows(t);
  for (const c of COLS) {
    out.push({ id: `requests.balance/${c}`, table: "requests", lhs: [`new_received/${c}`, `carried_over/${c}`], rhs: [`total/${c}`, `carried_forward/${c}`] });
    out.push({ id: `requests.results/${c}`, table: "requests", lhs: [`total/${c}`], rhs: RESULT_ROWS(t).map((r) => `${r}/${c}`) });
  }
  for (const r of rows)
    out.push({ id: `requests.applicants/${r}`, table: "requests", lhs: [`${r}/total`], rhs: COLS.slice(0, 6).map((c) => `${r}/${c}`) });
  for (const g of GROUPS)
    out.push({ id: `appeals.total/${g}`, table: "appeals", lhs: [`${g}/total`], rhs: ACOLS.slice(0, 4).map((c) => `${g}/${c}`) });
  return out;
}

function parse(file) {
  const st = { file, once: {}, cells: new Map(), checks: [], complete: [], errors: [] };
  fs.readFileSync(file, "utf8").split("\n").forEach((raw, i) => {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) return;
    const at = i + 1;
    let m;
    if ((m = line.match(/^(template|year|org|sections)\s*=\s*(.*)$/))) {
      if (m[1] in st.once) st.errors.push(`line ${at}: ${m[1]} stated twice`);
      st.once[m[1]] = m[2].trim();
    } else if ((m = line.match(/^complete\s*=\s*(.+)$/))) {
      st.complete.push(...m[1].trim().split(/\s+/));
    } else if ((m = line.match(/^cell\s+(\S+)\s+(\S+)\s*=\s*(\S+)$/))) {
      const key = `${m[1]} ${m[2]}`;
      if (st.cells.has(key)) st.errors.push(`line ${at}: cell ${key} stated twice`);
      const v = m[3] === "null" ? null : Number(m[3]);
      if (v !== null && !Number.isFinite(v)) st.errors.push(`line ${at}: cell ${key}: '${m[3]}' is not a number`);
      st.cells.set(key, { v, line: at });
    } else if ((m = line.match(/^check\s+(\S+)\s*=\s*(pass|fail|skip)$/))) {
      st.checks.push({ id: m[1], status: m[2], line: at });
    } else if (!/^(by|no cell)\s/.test(line)) {
      st.errors.push(`line ${at}: not a statement: ${line}`);
    }
  });
  for (const k of ["template", "year", "org", "sections"]) if (!(k in st.once)) st.errors.push(`${k} is not stated`);
  return st;
}

/** The status the file states for a check id: its own line, else the longest matching glob. */
function stated(st, id) {
  let best = null;
  for (const c of st.checks) {
    if (c.id === id) return c;
    if (c.id.endsWith("*") && id.startsWith(c.id.slice(0, -1)) && (!best || c.id.length > best.id.length)) best = c;
  }
  return best;
}

function verify(st) {
  const t = st.once.template;
  const problems = [...st.errors];
  let computed = 0;
  for (const table of st.complete) {
    const keys = tableKeys(table, t);
    if (!keys.length) { problems.push(`complete = ${table}: no such table in template ${t}`); continue; }
    const missing = keys.filter((k) => !st.cells.has(`${table} ${k}`));
    if (missing.length) problems.push(`complete = ${table}, but ${missing.length} cells are not stated (${missing.slice(0, 4).join(", ")}${missing.length > 4 ? ", …" : ""})`);
    const extra = [...st.cells.keys()].filter((k) => k.startsWith(`${table} `) && !keys.includes(k.slice(table.length + 1)));
    if (extra.length) problems.push(`cells that template ${t} does not have: ${extra.join(", ")}`);
  }
  if (t === "v2019" || t === "v2021") {
    for (const idn of identities(t)) {
      const get = (k) => st.cells.get(`${idn.table} ${k}`);
      const all = [...idn.lhs, ...idn.rhs];
      if (all.some((k) => !get(k))) continue;  // not every operand stated: nothing to compute
      const blank = (side) => side.every((k) => get(k).v === null);
      const sum = (side) => side.reduce((s, k) => s + (get(k).v ?? 0), 0);
      const status = blank(idn.lhs) || blank(idn.rhs) ? "skip" : Math.abs(sum(idn.lhs) - sum(idn.rhs)) < 1e-6 ? "pass" : "fail";
      ++computed;
      const s = stated(st, idn.id);
      if (!s) problems.push(`${idn.id}: computed ${status} (${sum(idn.lhs)} vs ${sum(idn.rhs)}), no check statement covers it`);
      else if (s.status !== status)
        problems.push(`line ${s.line}: ${idn.id} stated ${s.status} (by '${s.id}'), computed ${status}: ${idn.lhs.join("+")} = ${sum(idn.lhs)}, ${idn.rhs.length > 3 ? "Σ" + idn.rhs.length + " cells" : idn.rhs.join("+")} = ${sum(idn.rhs)}`);
    }
  }
  return { problems, computed };
}

const args = process.argv.slice(2);
const roots = args.length ? args : [path.join(path.dirname(new URL(import.meta.url).pathname), "../tests/corpus")];
const files = roots.flatMap((r) => fs.statSync(r).isDirectory()
  ? fs.readdirSync(r).filter((f) => f.endsWith(".expect")).sort().map((f) => path.join(r, f)) : [r]);
let passed = 0, failed = 0;
for (const f of files) {
  const st = parse(f);
  const { problems, computed } = verify(st);
  const what = `${st.cells.size} cells, ${computed} identities computed${st.complete.length ? `, complete: ${st.complete.join(" ")}` : ""}`;
  if (problems.length) {
    ++failed;
    console.log(`FAIL ${path.basename(f)} (${what})`);
    for (const p of problems) console.log(`     ${p}`);
  } else {
    ++passed;
    console.log(`ok   ${path.basename(f)} (${what})`);
  }
}
console.log(`truth-verify: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
