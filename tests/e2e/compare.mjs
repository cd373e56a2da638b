// Browser tests of the cross-year page (web/compare.html, and the single file nianbao-compare.html).
//
//   node compare.mjs [SUBSTRING]     (or from run.mjs)
//
// A made-up pair from corpus report 003: "this year" is the same report moved one year on, with
// its 上年结转 row set to last year's 结转下年度 row (every carry check passes) or with the total
// off by 5 (compare.carry/total fails). The page must list every check with the status and both
// numbers of the engine's M.compare, and the diagnostics with the file they point into.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { serve } from "../../tools/serve.mjs";
import { harness, nodeEngine } from "./harness.mjs";
import { buildDir, cliJson, corpus, openBrowser } from "./lib.mjs";

const COLUMNS = ["natural", "commercial", "research", "social", "legal", "other_org", "total"];

/** Last year = report 003; this year = 003 with year + 1 and 上年结转 = last year's 结转下年度 (+ `off` on the total). */
export function makePair(off) {
  const file = corpus().find((f) => path.basename(f).startsWith("003")) || corpus()[0];
  const last = fs.readFileSync(file);
  const r = cliJson(file);
  const table = r.tables.find((t) => t.key === "requests");
  const edits = COLUMNS.filter((c) => table.cell_spans[`carried_over/${c}`] && Number.isInteger(table.cells[`carried_forward/${c}`]))
    .map((c) => ({ span: table.cell_spans[`carried_over/${c}`], value: table.cells[`carried_forward/${c}`] + (c === "total" ? off : 0) }))
    .sort((a, b) => b.span.start - a.span.start);
  if (!edits.some((e) => e.span === table.cell_spans["carried_over/total"])) throw new Error(`${file}: no 上年结转 total to edit`);
  let bytes = last;
  for (const e of edits) bytes = Buffer.concat([bytes.subarray(0, e.span.start), Buffer.from(String(e.value)), bytes.subarray(e.span.end)]);
  const year = r.report.year;
  const current = bytes.toString("utf8").replaceAll(`${year}年`, `${year + 1}年`).replaceAll(`${year} 年`, `${year + 1} 年`);
  return { last: last.toString("utf8"), current, year };
}

async function fill(page, last, current) {
  await page.evaluate(() => { document.getElementById("results").dataset.status = "stale"; });
  await page.fill("#last", last);
  await page.fill("#this", current);
  await page.waitForFunction((n) => {
    const r = document.getElementById("results");
    return r.dataset.status === "done" && r.dataset.checkedLength === n && r.getAttribute("aria-busy") === "false";
  }, `${last.length}+${current.length}`, { timeout: 20000 });
}

const readPage = (page) => page.evaluate(() => ({
  summary: document.getElementById("summary").textContent,
  sides: document.getElementById("sides").textContent,
  checks: [...document.querySelectorAll("#checks tr")].map((tr) => [tr.dataset.check, tr.dataset.status,
    tr.querySelector(".lhs").textContent, tr.querySelector(".rhs").textContent]),
  diagnostics: [...document.querySelectorAll("#diagnostics li.diag")].map((li) => [li.dataset.rule, li.dataset.file,
    li.querySelector(".msg").textContent]),
}));

const fmt = (v) => (typeof v === "number" ? String(v) : "");

export async function run({ test, assert, same }) {
  const M = await nodeEngine();
  const pass = makePair(0), fail = makePair(5);
  const server = await serve({ dir: buildDir, port: 0 });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await openBrowser();
  const { page, log } = browser;
  try {
    for (const [target, url] of [["http", `${base}/compare.html`], ["file", pathToFileURL(path.join(buildDir, "nianbao-compare.html")).href]]) {
      await page.goto(url);
      await page.waitForFunction(() => document.getElementById("version").textContent !== "—", null, { timeout: 20000 });
      for (const [label, pair, carry] of [["matching pair", pass, "pass"], ["上年结转 off by 5", fail, "fail"]]) {
        await test(`compare ${target}: ${label}: every check and diagnostic as M.compare gives them`, async () => {
          const expected = M.compare(pair.last, pair.current);
          await fill(page, pair.last, pair.current);
          const shown = await readPage(page);
          same(shown.checks, expected.checks.map((c) => [c.id, c.status, fmt(c.lhs), fmt(c.rhs)]), "checks");
          same(shown.diagnostics, expected.diagnostics.map((d) => [d.rule, d.file, d.message.zh]), "diagnostics");
          const total = shown.checks.find((c) => c[0] === "compare.carry/total");
          assert(total && total[1] === carry, `compare.carry/total is ${total && total[1]}, expected ${carry}`);
          assert(shown.checks.find((c) => c[0] === "compare.consecutive")[1] === "pass", "years not consecutive");
          assert(shown.sides.includes(`${pair.year} 年度`) && shown.sides.includes(`${pair.year + 1} 年度`), `sides: ${shown.sides}`);
          if (carry === "fail") {
            const d = expected.diagnostics.find((x) => x.rule === "NB0901" && x.check === "compare.carry/total");
            assert(d, "the engine reports no NB0901 for the total");
            assert(d.message.zh.includes(String(total[2])) && d.message.zh.includes(String(total[3])), `message lacks both numbers: ${d.message.zh}`);
            assert(/不符 [1-9]/.test(shown.summary), `summary: ${shown.summary}`);
            // Clicking it selects this year's 上年结转 total in the second box.
            const i = expected.diagnostics.indexOf(d);
            await page.click(`#diagnostics li.diag:nth-child(${i + 1}) button.diag-main`);
            const sel = await page.evaluate(() => {
              const ta = document.getElementById("this");
              return { focused: document.activeElement === ta, text: ta.value.slice(ta.selectionStart, ta.selectionEnd) };
            });
            same(sel, { focused: true, text: String(total[2]) }, "selection in this year's box");
          } else {
            same(shown.diagnostics.filter((x) => x[0] === "NB0901"), [], "NB0901 on a matching pair");
          }
        });
      }
    }
    await test("compare: English switch; no request outside the page's files, no CSP violation, no page error", async () => {
      await page.click("#lang");
      const text = await page.textContent("#summary");
      await page.click("#lang");
      assert(/passed, \d+ failed/.test(text), `English summary: ${text}`);
      const allowed = (u) => u.startsWith(`${base}/`) || u.startsWith("file://") || u.startsWith("blob:");
      same([...new Set(log.requests.filter((u) => !allowed(u)))], [], "requests");
      same([...log.violations, ...(await page.evaluate(() => window.__cspViolations || []))], [], "CSP violations");
      same(log.errors, [], "errors");
    });
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const h = harness(process.argv[2] || "");
  run(h).catch((err) => { console.log(`FAIL harness: ${err.stack || err}`); h.results.failed++; }).then(h.finish);
}
