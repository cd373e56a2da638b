// Browser tests of the page's exports (web/export.js): JSON, CSV and the printable HTML report.
//
//   node exports.mjs [SUBSTRING]     (or from run.mjs)
//
// The JSON download must be the engine's result exactly (the node build of the same module,
// M.check); the CSV must carry the header block and one RFC 4180 row per diagnostic; the HTML
// report must open from disk under its own CSP with failing cells marked and a print stylesheet.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { serve } from "../../tools/serve.mjs";
import { download, harness, nodeEngine, parseCsv } from "./harness.mjs";
import { buildDir, changeTotal, corpus, openBrowser, openPage, pasteAndWait, singleFile } from "./lib.mjs";

const CSV_COLUMNS = ["severity", "rule", "line", "column", "check", "message_zh", "message_en"];

export async function run({ test, assert, same }) {
  const M = await nodeEngine();
  const reports = corpus();
  // A report with failing cells (a total raised by one) and the one with the most diagnostics.
  const changed = reports.map((f) => changeTotal(f)).find(Boolean);
  const busiest = reports.map((f) => fs.readFileSync(f, "utf8")).map((text) => ({ text, r: M.check(text, { file: "" }) }))
    .reduce((a, b) => (b.r.diagnostics.length > a.r.diagnostics.length ? b : a));
  const server = await serve({ dir: buildDir, port: 0 });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await openBrowser();
  const { page, log } = browser;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-exports-"));
  try {
    for (const [target, url] of [["http", `${base}/`], ["file", pathToFileURL(singleFile).href]]) {
      await openPage(page, url);
      await test(`exports ${target}: buttons are disabled until there is a result`, async () => {
        await page.fill("#text", "");
        await page.waitForFunction(() => document.getElementById("results").dataset.status === "empty");
        const disabled = await page.$$eval("#exports button", (bs) => bs.map((b) => b.disabled));
        same(disabled, [true, true, true], "disabled");
      });
      await test(`exports ${target}: JSON download equals M.check on the same text`, async () => {
        await pasteAndWait(page, busiest.text);
        const { name, bytes } = await download(page, () => page.click('#exports button[data-export="json"]'));
        assert(name.endsWith(".nianbao.json"), `file name ${name}`);
        same(JSON.parse(bytes.toString("utf8")), busiest.r, "exported JSON");
      });
    }

    await test("exports: CSV has a BOM, CRLF rows, the header block and one row per diagnostic", async () => {
      await openPage(page, `${base}/`);
      await pasteAndWait(page, busiest.text);
      const { name, bytes } = await download(page, () => page.click('#exports button[data-export="csv"]'));
      assert(name.endsWith(".nianbao.csv"), `file name ${name}`);
      same([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
      const text = bytes.toString("utf8").slice(1);
      assert(text.endsWith("\r\n") && !/[^\r]\n/.test(text.replace(/"[^"]*"/g, "")), "rows end in CRLF");
      const rows = parseCsv(text);
      assert(rows.every((r) => r.length === CSV_COLUMNS.length), `rows of unequal width: ${rows.map((r) => r.length)}`);
      const r = busiest.r;
      const head = Object.fromEntries(rows.slice(0, 9).map((x) => [x[0], x[1]]));
      const n = (s) => String(r.diagnostics.filter((d) => d.severity === s).length);
      same(head, { schema: r.schema, version: r.version, file: r.file || "", template: r.report.template,
        year: String(r.report.year ?? ""), org: r.report.org || "", errors: n("error"), warnings: n("warning"), infos: n("info") }, "header block");
      same(rows[9].join(""), "", "empty row after the header block");
      same(rows[10], CSV_COLUMNS, "column names");
      same(rows.slice(11), r.diagnostics.map((d) => [d.severity, d.rule, String(d.line), String(d.column), d.check || "",
        d.message.zh, d.message.en]), "diagnostic rows");
      assert(r.diagnostics.length > 0, "the report chosen has no diagnostics: the rows were not exercised");
    });

    await test("exports: printable HTML report opens from disk: summary, outline, failing cells, diagnostics, print styles", async () => {
      assert(changed, "no corpus report has a total to change");
      const r = M.check(changed.text, { file: "" });
      await pasteAndWait(page, changed.text);
      const { name, bytes } = await download(page, () => page.click('#exports button[data-export="html"]'));
      assert(name.endsWith(".nianbao.html"), `file name ${name}`);
      const html = bytes.toString("utf8");
      assert(!/<script/i.test(html), "the report contains a script");
      const file = path.join(tmp, "report.html");
      fs.writeFileSync(file, html);
      const report = await browser.context.newPage();
      await report.goto(pathToFileURL(file).href);
      const seen = await report.evaluate(() => ({
        summary: document.querySelector(".summary").textContent,
        outline: [...document.querySelectorAll(".outline li")].map((li) => `${li.dataset.key}:${li.dataset.state}`),
        fail: [...document.querySelectorAll("[data-table] td.fail")].map((td) => `${td.closest("[data-table]").dataset.table}:${td.dataset.cell}`).sort(),
        rules: [...document.querySelectorAll(".diagnostics li.diag")].map((li) => li.dataset.rule),
        failBg: getComputedStyle(document.querySelector("td.fail") || document.body).backgroundColor,
        violations: window.__cspViolations || [],
      }));
      const failing = r.checks.filter((c) => c.status === "fail" && r.tables.some((t) => t.key === c.id.split(".")[0]));
      same(seen.fail, [...new Set(failing.flatMap((c) => c.cells.map((k) => `${c.id.split(".")[0]}:${k}`)))].sort(), "failing cells");
      assert(seen.fail.length > 0, "no failing cell in the report");
      same(seen.rules, r.diagnostics.map((d) => d.rule), "diagnostics");
      for (const s of r.sections) assert(seen.outline.includes(`${s.key}:found`) || seen.outline.includes(`${s.key}:duplicated`), `outline lacks ${s.key}`);
      assert(seen.summary.includes(String(r.report.year)) && seen.summary.includes("个错误"), `summary "${seen.summary}"`);
      same(seen.failBg, "rgb(253, 232, 235)", "failing cell background on screen");
      same(seen.violations, [], "CSP violations in the report (its style must be allowed by its own policy)");
      await report.emulateMedia({ media: "print" });
      const printed = await report.evaluate(() => ({ margin: getComputedStyle(document.body).margin,
        failBorder: getComputedStyle(document.querySelector("td.fail")).borderTopWidth }));
      same(printed, { margin: "0px", failBorder: "2px" }, "print stylesheet");
      await report.close();
    });

    await test("exports: English report when the page is in English", async () => {
      await page.click("#lang");
      const { bytes } = await download(page, () => page.click('#exports button[data-export="html"]'));
      await page.click("#lang");
      const html = bytes.toString("utf8");
      assert(html.includes('<html lang="en">') && /Annual report check result/.test(html) && /error/.test(html), "not in English");
    });

    await test("exports: no request outside the page's files, no CSP violation, no page error", async () => {
      const stray = log.requests.filter((u) => !(u.startsWith(`${base}/`) || u.startsWith("file://") || u.startsWith("blob:")));
      same([...new Set(stray)], [], "requests");
      same(log.violations, [], "CSP violations");
      same(log.errors, [], "errors");
    });
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const h = harness(process.argv[2] || "");
  run(h).catch((err) => { console.log(`FAIL harness: ${err.stack || err}`); h.results.failed++; }).then(h.finish);
}
