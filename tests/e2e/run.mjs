// Browser end-to-end tests of the page.
//
//   cd tests/e2e && npm install && node run.mjs [SUBSTRING]   (build first: wasm + native presets)
//
// Two targets: the hosted build (build/wasm/web/) over http://127.0.0.1 with the strict CSP header
// from tools/serve.mjs, and the single file (build/wasm/nianbao-check.html) over file://.
// For each report in tests/corpus/*.txt (else /work/shared/seeds/*.txt) the page must show what
// `nianbao check --format json` says: the section outline, the tables' cells and failing cells,
// the diagnostics. Then: no request leaves the page's own files, no CSP violation, pasted markup
// never runs, autosave survives a reload, clearing asks first, the English switch, files in UTF-8
// and GB18030, keyboard jumps, and a broken wasm shows a message. Prints "N passed, N failed" last.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { serve } from "../../tools/serve.mjs";
import { run as runCompare } from "./compare.mjs";
import { run as runElement } from "./element.mjs";
import { run as runExports } from "./exports.mjs";
import { run as runFindings } from "./findings.mjs";
import { harness } from "./harness.mjs";
import {
  buildDir, bySeverity, changeTotal, cliJson, corpus, missingPrerequisites, openBrowser, openPage, pasteAndWait, readResults, singleFile,
  waitForResult, waitForStatus,
} from "./lib.mjs";

// ---------------------------------------------------------------- the test loop (harness.mjs)
const only = process.argv[2] || "";   // node run.mjs [SUBSTRING]: run only the tests whose name has it
const { test, assert, same, finish, results } = harness(only);

const STANDARD_SECTIONS = ["overview", "proactive", "requests", "appeals", "problems", "other"];
const PRE2019_SECTIONS = ["intro", "overview", "proactive", "requests", "consultations", "appeals", "fees",
  "problems", "other", "appendix"];
const fmt = (v) => (Number.isInteger(v) ? String(v) : String(+v.toFixed(4)));
const utf16At = (buf, byte) => buf.subarray(0, byte).toString("utf8").length;

// ---------------------------------------------------------------- the page vs the native CLI
function compareWithCli(page, text, cli) {
  const bytes = Buffer.from(text, "utf8");
  const errors = [];
  const check = (fn) => { try { fn(); } catch (err) { errors.push(err.message); } };

  // Outline: every expected section, found / missing / duplicated exactly as often as the CLI found it.
  const counts = {};
  for (const s of cli.sections) counts[s.key] = (counts[s.key] || 0) + 1;
  check(() => {
    for (const li of page.outline) {
      const n = counts[li.key] || 0;
      const state = n === 0 ? "missing" : n === 1 ? "found" : "duplicated";
      assert(li.count === n && li.state === state, `outline ${li.key}: page ${li.state}×${li.count}, cli ${n}`);
    }
    const shown = page.outline.map((li) => li.key);
    for (const key of Object.keys(counts)) assert(shown.includes(key), `outline lacks detected section ${key}`);
    const expected = cli.report.template === "pre2019" ? PRE2019_SECTIONS : STANDARD_SECTIONS;
    for (const key of expected) assert(shown.includes(key), `outline lacks expected section ${key}`);
  });

  // Tables: the same tables; every cell the CLI found shown with its value; failing cells = the
  // operands of the failing checks of that table.
  check(() => same(page.tables, cli.tables.map((t) => t.key), "tables"));
  check(() => {
    const byKey = new Map(page.cells.map((c) => [`${c.table}:${c.key}`, c]));
    for (const t of cli.tables) {
      for (const [key, value] of Object.entries(t.cells)) {
        const c = byKey.get(`${t.key}:${key}`);
        assert(c, `table ${t.key}: cell ${key} is not in the page's grid`);
        // How it was placed: a cell read by the template's order or split from glued digits says so
        // (marked and titled); 表四 is always in order and is not marked.
        const by = t.key !== "appeals" && ["order", "split", "column"].includes((t.cell_spans[key] || {}).by) ? t.cell_spans[key].by : "";
        assert(c.by === by && (by === "") === (c.byTitle === ""), `table ${t.key}: cell ${key} placed by "${by}", page marks "${c.by}"`);
        if (value === null) assert(c.blank, `table ${t.key}: cell ${key} should show as empty, shows "${c.text}"`);
        else assert(c.text === fmt(value), `table ${t.key}: cell ${key} shows "${c.text}", cli ${value}`);
      }
      for (const c of page.cells.filter((x) => x.table === t.key)) {
        if (!(c.key in t.cells)) assert(c.absent, `table ${t.key}: cell ${c.key} shown but the cli has none`);
      }
    }
  });
  check(() => {
    const failing = cli.checks.filter((c) => c.status === "fail" && cli.tables.some((t) => t.key === c.id.split(".")[0]));
    const expected = new Set(failing.flatMap((c) => c.cells.map((k) => `${c.id.split(".")[0]}:${k}`)));
    same(page.cells.filter((c) => c.fail).map((c) => `${c.table}:${c.key}`).sort(), [...expected].sort(), "failing cells");
    const tableOrder = (c) => cli.tables.findIndex((t) => t.key === c.id.split(".")[0]);
    const explained = [...failing].sort((a, b) => tableOrder(a) - tableOrder(b));   // stable: CLI order per table
    same(page.identities.map((i) => i.check), explained.map((c) => c.id), "failing identities explained");
    for (const c of explained.filter((x) => typeof x.lhs === "number" && typeof x.rhs === "number")) {
      const expr = page.identities.find((i) => i.check === c.id).expr;
      assert(/ [≠<>≤≥] /.test(expr), `identity ${c.id} reads "${expr}"`);
    }
  });

  // Diagnostics (the causes): errors first, then warnings, then notes, the CLI's order within each;
  // same rule, severity, position and message; start16/end16 select the same text.
  check(() => {
    const listed = bySeverity(cli.diagnostics);
    same(page.diagnostics.map((d) => [d.rule, d.severity, d.line, d.column, d.message]),
      listed.map((d) => [d.rule, d.severity, d.line, d.column, d.message.zh]), "diagnostics");
    listed.forEach((d, i) => {
      const p = page.diagnostics[i];
      assert(p.start16 === utf16At(bytes, d.start) && p.end16 === utf16At(bytes, d.end),
        `diagnostic ${i} (${d.rule}): utf-16 span ${p.start16}..${p.end16} does not match bytes ${d.start}..${d.end}`);
    });
  });

  // Summary counts.
  check(() => {
    const n = (sev) => cli.diagnostics.filter((d) => d.severity === sev).length;
    const want = `${n("error")} 个错误，${n("warning")} 个警告`;
    assert(page.summary.includes(want), `summary "${page.summary}" lacks "${want}"`);
  });
  if (errors.length) throw new Error(errors.join("\n"));
}

// The first corpus report with a requests total/total cell, that cell's number plus one.
let brokenCache;
function breakTotal() {
  if (brokenCache !== undefined) return brokenCache;
  brokenCache = null;
  for (const file of corpus()) {
    const changed = changeTotal(file);
    if (!changed) continue;
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-broken-")), path.basename(file));
    fs.writeFileSync(tmp, changed.text);
    brokenCache = { text: changed.text, cli: cliJson(tmp), what: `${path.basename(file)} ${changed.what}` };
    fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
    break;
  }
  return brokenCache;
}

// Runs in the page: what a screen-reader or low-vision user would trip over.
function auditPage() {
  const out = [];
  const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  const visible = (el) => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden" &&
    !el.closest(".visually-hidden, [hidden], .mirror, [aria-hidden='true']");
  const status = document.getElementById("summary");
  if (status.getAttribute("role") !== "status" || status.getAttribute("aria-live") !== "polite") out.push("summary is not a polite status region");
  for (const c of document.querySelectorAll("textarea, input")) if (!c.labels || !c.labels.length) out.push(`#${c.id} has no label`);
  for (const b of document.querySelectorAll("button")) {
    if (!(b.getAttribute("aria-label") || b.textContent).trim()) out.push(`button without a name: ${b.outerHTML.slice(0, 80)}`);
  }
  for (const t of document.querySelectorAll("table")) {
    if (!t.querySelector("th[scope='col']")) out.push("a table has no column headers");
    for (const tr of t.querySelectorAll("tbody tr:not(.group)")) {
      if (tr.querySelector("td") && !tr.querySelector("th[scope='row']") && t.querySelector("th[scope='row']")) out.push("a data row lacks its row header");
    }
  }
  const texts = [...document.querySelectorAll("body *")].filter((el) => visible(el) &&
    ([...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) || el.tagName === "TEXTAREA"));
  for (const el of texts) {
    const fg = rgb(getComputedStyle(el).color), bg = background(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) out.push(`contrast ${ratio.toFixed(2)} for "${el.textContent.trim().slice(0, 30)}" (${el.tagName}.${el.className})`);
  }
  return out;
}

// Choose a file as a user would; the file note names it once the text box holds its text.
async function openFileAndWait(page, file) {
  await page.setInputFiles("#file", file);
  await page.waitForFunction((name) => document.getElementById("file-note").textContent.includes(name), path.basename(file));
  await waitForResult(page, (await page.inputValue("#text")).length);
}

async function selection(page) {
  return page.evaluate(() => {
    const ta = document.getElementById("text");
    return { start: ta.selectionStart, end: ta.selectionEnd, focused: document.activeElement === ta };
  });
}

// ---------------------------------------------------------------- per target
async function runTarget(name, url, allowed) {
  const browser = await openBrowser();
  const { page, log } = browser;
  try {
    await openPage(page, url);
    await test(`${name}: page loads, engine ready, version in footer`, async () => {
      const footer = await page.textContent("footer");
      assert(/\d+\.\d+/.test(await page.textContent("#version")), `no version in footer: ${footer}`);
      assert(footer.includes("本页面在本地检查，不上传任何内容"), "footer lacks the privacy sentence");
    });

    const reports = corpus().map((file) => ({ file, text: fs.readFileSync(file, "utf8"), cli: cliJson(file) }));
    if (!reports.length) throw new Error("no corpus reports found");
    if (name === "file") {
      // The single file carries the wasm gzip-compressed; browsers without DecompressionStream
      // (Firefox < 113, Safari < 16.4) inflate it in JS (web/inflate.js). Same worker source, with
      // DecompressionStream taken away: it must load and check exactly like the page's own worker.
      await test(`${name}: the worker loads the embedded wasm without DecompressionStream (inflate.js)`, async () => {
        const { text, cli } = reports[0];
        const got = await page.evaluate(async (text) => {
          const src = `self.DecompressionStream = undefined;\n${NB_EMBED.worker}`;   // eslint-disable-line no-undef
          const url = URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
          const w = new Worker(url);
          URL.revokeObjectURL(url);
          const next = () => new Promise((ok) => { w.onmessage = (e) => ok(e.data); w.onerror = (e) => ok({ type: "error", message: e.message }); });
          w.postMessage({ type: "init", wasmGzipBase64: NB_EMBED.wasmGzip });   // eslint-disable-line no-undef
          const ready = await next();
          if (ready.type !== "ready") { w.terminate(); return { ready }; }
          w.postMessage({ type: "check", id: 1, text, file: "" });
          const result = await next();
          w.terminate();
          return { ready, result };
        }, text);
        assert(got.ready.type === "ready" && /\d+\.\d+/.test(got.ready.version), `init: ${JSON.stringify(got.ready)}`);
        assert(got.result.type === "result", `check: ${JSON.stringify(got.result).slice(0, 300)}`);
        same(got.result.result.diagnostics.map((d) => [d.rule, d.line, d.column]), cli.diagnostics.map((d) => [d.rule, d.line, d.column]),
          "diagnostics");
      });
    }
    for (const { file, text, cli } of reports) {
      await test(`${name}: ${path.basename(file)} matches the CLI (outline, cells, failing cells, diagnostics)`, async () => {
        await pasteAndWait(page, text);
        compareWithCli(await readResults(page), text, cli);
      });
    }
    // The interaction tests use the report with the most diagnostics.
    const first = reports.reduce((a, b) => (b.cli.diagnostics.length > a.cli.diagnostics.length ? b : a));

    // A number changed by one: the identities through that cell must fail, and the page must
    // highlight exactly their operands and spell each one out with the cells' own numbers.
    await test(`${name}: a changed total makes identities fail; the page marks and explains them`, async () => {
      const broken = breakTotal();
      assert(broken, "no corpus report has a requests total/total cell to change");
      await pasteAndWait(page, broken.text);
      const shown = await readResults(page);
      compareWithCli(shown, broken.text, broken.cli);
      const failing = broken.cli.checks.filter((c) => c.status === "fail");
      assert(failing.length > 0, `the engine reports no failing identity after ${broken.what}`);
      assert(shown.cells.some((c) => c.fail), "no failing cell highlighted");
      const cells = broken.cli.tables.find((t) => t.key === "requests").cells;
      for (const c of failing.filter((x) => x.id.startsWith("requests."))) {
        const expr = shown.identities.find((i) => i.check === c.id).expr;
        const asZero = new Set(c.blank_as_zero || []);   // printed blank, counted as 0: reads 0
        same(expr.match(/-?\d+(\.\d+)?/g).map(Number), c.cells.map((k) => (cells[k] === null && asZero.has(k) ? 0 : cells[k])),
          `numbers in "${expr}" (${c.id})`);
      }
    });

    // Interactions, on the report with the most diagnostics.
    await pasteAndWait(page, first.text);
    const bytes = Buffer.from(first.text, "utf8");
    await test(`${name}: clicking a diagnostic selects its span in the text and scrolls to it`, async () => {
      const listed = bySeverity(first.cli.diagnostics);
      const i = listed.findIndex((x) => x.line > 60);   // far enough down to need scrolling
      const d = listed[i];
      assert(d, "the report has no diagnostic below line 60 to click");
      await page.evaluate(() => { document.getElementById("text").scrollTop = 0; });
      await page.click(`#diagnostics li.diag:nth-child(${i + 1}) button.diag-main`);
      const sel = await selection(page);
      assert(sel.focused, "textarea not focused");
      same([sel.start, sel.end], [utf16At(bytes, d.start), utf16At(bytes, d.end)], "selection");
      // The selected line is inside the visible part of the text box.
      const seen = await page.evaluate((line) => {
        const ta = document.getElementById("text");
        const lh = parseFloat(getComputedStyle(ta).lineHeight);
        return { top: ta.scrollTop, bottom: ta.scrollTop + ta.clientHeight, minY: (line - 1) * lh };
      }, d.line);
      assert(seen.top > 0 && seen.bottom > seen.minY, `text box not scrolled to line ${d.line}: ${JSON.stringify(seen)}`);
    });
    await test(`${name}: clicking a cell selects its number in the text`, async () => {
      const cell = (await page.$("#tables td.fail button.cell")) || (await page.$("#tables td button.cell"));
      assert(cell, "no clickable cell");
      const value = await cell.$eval(".value", (n) => n.textContent);
      await cell.click();
      const sel = await selection(page);
      const picked = first.text.slice(sel.start, sel.end);
      assert(sel.end > sel.start && picked.replace(/[,，\s]/g, "").includes(value), `selected "${picked}" for cell ${value}`);
    });
    await test(`${name}: keyboard: Enter on a section jumps to its heading; arrows move between cells`, async () => {
      const s = first.cli.sections[0];
      await page.focus(`#outline li[data-key="${s.key}"] button`);
      await page.keyboard.press("Enter");
      const sel = await selection(page);
      same([sel.start, sel.end], [utf16At(bytes, s.start), utf16At(bytes, s.end)], "section selection");
      const firstCell = await page.$("#tables table button.cell[tabindex='0']");
      assert(firstCell, "no cell in the tab order");
      await firstCell.focus();
      const before = await page.evaluate(() => document.activeElement.closest("td").dataset.cell);
      await page.keyboard.press("ArrowRight");
      const after = await page.evaluate(() => document.activeElement.closest("td").dataset.cell);
      assert(before !== after, `ArrowRight stayed on ${before}`);
    });

    await test(`${name}: accessibility: labels, status region, table headers, focus ring, contrast ≥ 4.5:1`, async () => {
      for (const lang of ["zh", "en"]) {
        if (lang === "en") await page.click("#lang");
        const problems = await page.evaluate(auditPage);
        assert(!problems.length, `${lang}: ${problems.slice(0, 12).join("\n")}`);
      }
      await page.click("#lang");
      await page.focus("#text");
      for (const [key, target] of [["Tab", "#file"], ["Tab", "#clear"]]) {
        await page.keyboard.press(key);
        const ring = await page.evaluate((sel) => {
          const a = document.activeElement;
          const shown = a.matches(sel) ? (a.id === "file" ? a.closest("label") : a) : null;
          return shown ? getComputedStyle(shown).outlineStyle + " " + getComputedStyle(shown).outlineWidth : `focus on ${a.id || a.tagName}`;
        }, target);
        assert(/^solid [3-9]/.test(ring), `${target}: focus ring "${ring}"`);
      }
    });

    await test(`${name}: English switch`, async () => {
      await page.click("#lang");
      await page.waitForFunction(() => document.documentElement.lang === "en");
      const h1 = await page.textContent("h1");
      const res = await readResults(page);
      assert(/checker/i.test(h1), `h1 not English: ${h1}`);
      same(res.diagnostics.map((d) => d.message), bySeverity(first.cli.diagnostics).map((d) => d.message.en), "English messages");
      assert(/error/.test(res.summary), `summary not English: ${res.summary}`);
      assert(res.outline.some((o) => /Overview/.test(o.name)), "outline not English");
      await page.click("#lang");
      await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    });

    await test(`${name}: pasted <script> / <img onerror> are shown as text and never run`, async () => {
      const evil = `${first.text}\n<script>window.__pwned = 1</script>\n<img src="evil-image.png" onerror="window.__pwned = 2">\n<b onmouseover="window.__pwned = 3">x</b>`;
      await pasteAndWait(page, evil);
      await page.mouse.move(10, 10);
      const state = await page.evaluate(() => ({
        pwned: window.__pwned, imgs: document.querySelectorAll("img, iframe, object, embed").length,
        handlers: [...document.querySelectorAll("body *")].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
        value: document.getElementById("text").value,
      }));
      assert(state.pwned === undefined, `pasted markup ran: __pwned = ${state.pwned}`);
      assert(state.imgs === 0, "an <img>/<iframe>/<object> element appeared");
      assert(state.handlers === 0, "an element with an on* attribute appeared");
      assert(state.value.includes('<img src="evil-image.png"'), "the textarea lost the markup text");
    });

    await test(`${name}: autosave survives a reload; clear asks first`, async () => {
      const note = "自动保存测试 autosave 一、总体情况";
      await pasteAndWait(page, note);
      await page.waitForTimeout(700);
      await openPage(page, url);
      assert((await page.inputValue("#text")) === note, "text not restored after reload");
      await waitForResult(page, note.length);
      page.once("dialog", (d) => d.dismiss());
      await page.click("#clear");
      assert((await page.inputValue("#text")) === note, "clear without confirmation");
      page.once("dialog", (d) => d.accept());
      await page.click("#clear");
      assert((await page.inputValue("#text")) === "", "clear did not clear");
      await openPage(page, url);
      assert((await page.inputValue("#text")) === "", "cleared text came back after reload");
    });

    // boot.js starts the worker from <head> with the autosaved report: the page takes that worker
    // over and shows its result; it starts no second worker and posts no check of its own.
    await test(`${name}: a saved report is checked by the worker boot.js started (one worker, no check posted by the page)`, async () => {
      await pasteAndWait(page, first.text);
      await page.waitForTimeout(700);   // autosave
      const tab = await browser.context.newPage();
      try {
        await tab.addInitScript(() => {
          const seen = { workers: 0, posted: [] };
          window.__nbSeen = seen;
          const PageWorker = window.Worker;
          window.Worker = function (...args) {
            seen.workers++;
            const w = new PageWorker(...args);
            const post = w.postMessage.bind(w);
            w.postMessage = (msg, ...rest) => { seen.posted.push(msg && msg.type); return post(msg, ...rest); };
            return w;
          };
        });
        await openPage(tab, url);
        await waitForResult(tab, first.text.length);
        compareWithCli(await readResults(tab), first.text, first.cli);
        const seen = await tab.evaluate(() => window.__nbSeen);
        assert(seen.workers === 1, `${seen.workers} workers started`);
        assert(!seen.posted.includes("check"), `the page posted: ${seen.posted.join(", ")}`);
      } finally {
        await tab.close();
      }
    });

    await test(`${name}: GB18030 and UTF-16 files are decoded and say so; results equal the UTF-8 text's`, async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-gb-"));
      const gbFile = path.join(tmp, "report-gb18030.txt");
      const conv = spawnSync("iconv", ["-f", "UTF-8", "-t", "GB18030", first.file], { maxBuffer: 64 << 20 });
      assert(conv.status === 0, `iconv failed: ${conv.stderr}`);
      fs.writeFileSync(gbFile, conv.stdout);
      await openFileAndWait(page, gbFile);
      assert((await page.inputValue("#text")) === first.text, "decoded text differs from the UTF-8 original");
      assert((await page.textContent("#file-note")).includes("GB18030"), "the file note does not say GB18030");
      same((await readResults(page)).diagnostics.map((d) => d.rule), bySeverity(first.cli.diagnostics).map((d) => d.rule), "rules");
      // A byte-order mark decides before any guessing: UTF-16LE.
      const u16File = path.join(tmp, "report-utf16le.txt");
      fs.writeFileSync(u16File, Buffer.from(`\ufeff${first.text}`, "utf16le"));
      await openFileAndWait(page, u16File);
      assert((await page.inputValue("#text")) === first.text, "UTF-16LE text differs from the original");
      assert((await page.textContent("#file-note")).includes("UTF-16LE"), "the file note does not say UTF-16LE");
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    await test(`${name}: an .html file is read as text; its scripts never run`, async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-html-"));
      const htmlFile = path.join(tmp, "report.html");
      const body = first.text.split("\n").map((l) => `<p>${l.replace(/</g, "&lt;")}</p>`).join("\n");
      fs.writeFileSync(htmlFile, `<!doctype html><html><head><meta charset="utf-8"><script>window.__pwned = 4</script></head>` +
        `<body><img src="x.png" onerror="window.__pwned = 5">${body}</body></html>`);
      await openFileAndWait(page, htmlFile);
      const state = await page.evaluate(() => ({ pwned: window.__pwned, imgs: document.querySelectorAll("img").length }));
      assert(state.pwned === undefined && state.imgs === 0, `html file markup ran: ${JSON.stringify(state)}`);
      assert((await page.textContent("#file-note")).includes("report.html"), "file note lacks the name");
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    await test(`${name}: a text too large to autosave says so and leaves no stale copy`, async () => {
      // Fill the origin's storage up to Chromium's quota, then type a 100 000-character text.
      const filled = await page.evaluate(() => {
        let n = 0;
        for (const size of [1 << 20, 1 << 16, 1 << 12]) {
          try { for (;;) localStorage.setItem(`filler${n++}`, "x".repeat(size)); } catch { n--; }
        }
        return n;
      });
      assert(filled > 0, "could not fill localStorage");
      await page.evaluate(() => {
        const ta = document.getElementById("text");
        ta.value = `一、总体情况\n${"测".repeat(100000)}`;
        ta.dispatchEvent(new Event("input"));
      });
      await page.waitForFunction(() => /太大/.test(document.getElementById("file-note").textContent), null, { timeout: 10000 });
      const stale = await page.evaluate(() => localStorage.getItem("nianbao-check.text"));
      await page.evaluate((n) => { for (let i = 0; i <= n; i++) localStorage.removeItem(`filler${i}`); }, filled);
      assert(stale === null, "a stale autosaved copy is left");
    });

    if (name === "file") await hugePaste(page, url, reports);

    await test(`${name}: no request outside the page's own files, no CSP violation, no page error`, async () => {
      const violations = [...log.violations, ...(await page.evaluate(() => window.__cspViolations || []))];
      const stray = log.requests.filter((u) => !allowed(u));
      assert(!stray.length, `unexpected requests: ${[...new Set(stray)].join(", ")}`);
      assert(!violations.length, `CSP violations: ${violations.join(" | ")}`);
      assert(!log.errors.length, `errors: ${log.errors.join(" | ")}`);
    });
  } finally {
    await browser.close();
  }
}

// About 5 MB: the corpus reports one after another, repeated, cut at a line end.
function hugeText(reports, bytes = 5 * 1024 * 1024) {
  const parts = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const t = reports[i % reports.length].text;
    parts.push(t.endsWith("\n") ? t : `${t}\n`);
    n += Buffer.byteLength(parts[parts.length - 1]);
  }
  const text = parts.join("");
  const cut = Buffer.from(text).subarray(0, bytes).toString("utf8");
  return cut.slice(0, cut.lastIndexOf("\n") + 1);
}

// Runs in the page while a check is under way: how long the main thread goes without running a task
// (setTimeout(0) round trips), until the results panel shows the result (data-status="done"; the test
// set it "stale" before the paste) or stops being busy. Only gaps that end before that count: the last
// one holds receiving and rendering the result, which is the page's own work, not waiting for the
// engine (a new result's tables are drawn a frame later, the panel busy until then: app.js render).
function probeWhileBusy() {
  const results = document.getElementById("results");
  const busy = () => results.getAttribute("aria-busy") === "true" && results.dataset.status !== "done";
  return new Promise((done) => {
    const gaps = [];
    let last = performance.now();
    const t0 = last;
    const tick = () => {
      const now = performance.now();
      if (!busy()) { done({ gaps, ms: now - t0 }); return; }
      gaps.push(now - last);
      last = now;
      setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
  });
}

// A 5 MB paste: the worker checks it while the page stays responsive, a busy indicator shows, the
// result arrives; the autosaved copy comes back after a reload and is checked again.
async function hugePaste(page, url, reports) {
  const text = hugeText(reports);
  const mb = (Buffer.byteLength(text) / 1048576).toFixed(1);
  const setText = (t) => page.evaluate((t) => {
    const ta = document.getElementById("text");
    ta.value = t;
    ta.dispatchEvent(new Event("input"));
  }, t);
  const waitLong = (n) => page.waitForFunction((n) => {
    const r = document.getElementById("results");
    return r.dataset.status === "done" && r.dataset.checkedLength === String(n) && r.getAttribute("aria-busy") === "false";
  }, n, { timeout: 180000 });
  try {
    await test(`file: a ${mb} MB paste: busy indicator, the page stays responsive while the worker checks, then the result`, async () => {
      await page.evaluate(() => { document.getElementById("results").dataset.status = "stale"; });
      // The paste as the browser does it: the text box takes the text and the browser lays it out and
      // paints it, seconds for 5 MB on a busy machine, all on the main thread and none of it the page's
      // doing. Then the input event, which is where the page's work starts.
      const rendered = await page.evaluate(async (t) => {
        const t0 = performance.now();
        const ta = document.getElementById("text");
        ta.value = t;
        ta.getBoundingClientRect();
        for (let i = 0; i < 3; i++) await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
        return performance.now() - t0;
      }, text);
      const t0 = Date.now();
      await page.evaluate(() => document.getElementById("text").dispatchEvent(new Event("input")));
      // What the busy indicator shows, read in the same frame that first has aria-busy="true".
      const shown = await (await page.waitForFunction(() => {
        if (document.getElementById("results").getAttribute("aria-busy") !== "true") return false;
        const b = document.getElementById("busy");
        return { visible: !b.hidden && b.getClientRects().length > 0, text: b.textContent.trim() };
      }, null, { timeout: 90000 })).jsonValue();
      const toBusy = Date.now() - t0;
      assert(shown.visible && /检查中/.test(shown.text), `busy indicator: ${JSON.stringify(shown)}`);
      // While the worker works: the main thread keeps running tasks, and input is handled.
      const probe = await page.evaluate(probeWhileBusy);
      const worst = Math.max(0, ...probe.gaps);
      assert(probe.gaps.length >= 10, `only ${probe.gaps.length} tasks ran in the ${probe.ms.toFixed(0)} ms the check took`);
      assert(worst < 200, `the main thread was blocked for ${worst.toFixed(0)} ms while the worker checked ` +
        `(${probe.gaps.length} tasks in ${probe.ms.toFixed(0)} ms)`);
      await waitLong(text.length);
      const r = await readResults(page);
      assert(r.diagnostics.length > 0 && /个错误/.test(r.summary), `summary "${r.summary}", ${r.diagnostics.length} diagnostics`);
      console.log(`     (${mb} MB: the browser rendered the text box in ${rendered.toFixed(0)} ms; busy ${toBusy} ms after the ` +
        `input event; ${probe.gaps.length} main-thread tasks while the worker ` +
        `checked for ${probe.ms.toFixed(0)} ms, longest gap ${worst.toFixed(0)} ms)`);
    });
    await test(`file: the ${mb} MB text is autosaved (or says it is too large) and is checked again after a reload`, async () => {
      await page.waitForTimeout(800);
      const saved = await page.evaluate(() => ({
        length: (localStorage.getItem("nianbao-check.text") || "").length,
        note: document.getElementById("file-note").textContent,
      }));
      if (saved.length !== text.length) {
        assert(saved.length === 0 && /太大/.test(saved.note), `saved ${saved.length} of ${text.length} characters, note "${saved.note}"`);
        console.log("     (not autosaved: the page says the text is too large for local storage)");
        return;
      }
      await openPage(page, url);
      assert((await page.inputValue("#text")).length === text.length, "the text did not come back after the reload");
      await waitLong(text.length);
      console.log(`     (autosaved ${text.length} characters; restored and checked again after the reload)`);
    });
  } finally {
    // Leave a small page behind for the tests that follow.
    await setText("").catch(() => {});
    await page.waitForTimeout(600);
  }
}

// A page whose wasm is missing or damaged must say so in words.
async function runBrokenWasm(server, label, dir) {
  const browser = await openBrowser();
  try {
    await test(`http: ${label} → a clear message, page still usable`, async () => {
      const url = `http://127.0.0.1:${server.address().port}/`;
      await openPage(browser.page, url);
      const summary = await browser.page.textContent("#summary");
      assert(/无法加载检查程序/.test(summary), `summary: "${summary}"`);
      assert(await browser.page.isEditable("#text"), "textarea not editable");
      await browser.page.click("#lang");
      assert(/Could not load the checker/.test(await browser.page.textContent("#summary")), "no English message");
    });
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// A server that sends nianbao.wasm as application/octet-stream (WebAssembly.instantiateStreaming refuses
// it): the worker compiles from the bytes instead, and the page works as usual. And the server's
// ETag: a second request for an unchanged file is answered 304 (the browser keeps what it compiled).
async function runWrongWasmType() {
  const server = await serve({ dir: buildDir, port: 0, types: { ".wasm": "application/octet-stream" } });
  const browser = await openBrowser();
  try {
    const base = `http://127.0.0.1:${server.address().port}`;
    await test("http: nianbao.wasm served with the wrong type → the worker compiles it from its bytes", async () => {
      await openPage(browser.page, `${base}/`);
      const report = corpus()[0];
      const text = fs.readFileSync(report, "utf8");
      await pasteAndWait(browser.page, text);
      compareWithCli(await readResults(browser.page), text, cliJson(report));
      assert(!browser.log.errors.length, `page errors: ${browser.log.errors.join("; ")}`);
    });
    await test("http: the server answers an unchanged file with 304 (ETag)", async () => {
      const first = await fetch(`${base}/nianbao.wasm`);
      const etag = first.headers.get("etag");
      assert(first.status === 200 && etag, `status ${first.status}, ETag ${etag}`);
      const again = await fetch(`${base}/nianbao.wasm`, { headers: { "If-None-Match": etag } });
      assert(again.status === 304, `status ${again.status} for If-None-Match ${etag}`);
      const other = await fetch(`${base}/nianbao.wasm`, { headers: { "If-None-Match": "\"stale\"" } });
      assert(other.status === 200 && (await other.arrayBuffer()).byteLength > 1000, `status ${other.status} for a stale ETag`);
    });
  } finally {
    await browser.close();
    server.close();
  }
}

// Fault injection: an engine that traps on request ("CRASH" in the text) stands in for
// nianbao.js, to prove the page reports a failure inside the engine, replaces the worker and
// checks again on the next edit.
const TRAPPING_ENGINE = `var createNianbao = async () => ({
  version: () => "fault-injection",
  templates: () => ({}),
  check: (text) => {
    if (text.includes("CRASH")) throw new WebAssembly.RuntimeError("unreachable");
    return { schema: "nianbao-check/1", report: { template: "unknown" }, sections: [], tables: [], checks: [], diagnostics: [] };
  },
});`;

async function runTrappingEngine(server, dir) {
  const browser = await openBrowser();
  const { page } = browser;
  try {
    await test("http: a trap inside the engine → a message, a fresh worker, the next edit checks again", async () => {
      await openPage(page, `http://127.0.0.1:${server.address().port}/`);
      await page.fill("#text", "CRASH 一、总体情况");
      await waitForStatus(page, "failed");
      const summary = await page.textContent("#summary");
      assert(/检查程序出错：RuntimeError: unreachable/.test(summary), `summary: "${summary}"`);
      assert(await page.isEditable("#text"), "textarea not editable");
      await pasteAndWait(page, "一、总体情况 二、主动公开政府信息情况");
      assert(!/出错/.test(await page.textContent("#summary")), "the failure message stayed after a good check");
    });
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const missing = missingPrerequisites();
  if (missing.length) {
    console.log(`FAIL prerequisites — 缺少 missing:\n     ${missing.join("\n     ")}`);
    results.failed++;
    finish();
  }
  const server = await serve({ dir: buildDir, port: 0 });
  const base = `http://127.0.0.1:${server.address().port}`;
  const hostedFiles = new Set(["/", "/index.html", "/boot.js", "/marks.js", "/app.js", "/view.js", "/export.js", "/worker.js", "/style.css", "/nianbao.js", "/nianbao.wasm"]);
  try {
    await runTarget("http", `${base}/`, (u) => u.startsWith(`${base}/`) && hostedFiles.has(new URL(u).pathname));
    const fileUrl = pathToFileURL(singleFile).href;
    await runTarget("file", fileUrl, (u) => u === fileUrl || u.startsWith("blob:null/"));
  } finally {
    server.close();
  }
  for (const [label, wasm] of [["nianbao.wasm missing", null], ["nianbao.wasm damaged", Buffer.from("not wasm at all")]]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-broken-"));
    fs.cpSync(path.join(buildDir, "web"), path.join(dir, "web"), { recursive: true });
    if (wasm) fs.writeFileSync(path.join(dir, "web/nianbao.wasm"), wasm);
    else fs.rmSync(path.join(dir, "web/nianbao.wasm"));
    await runBrokenWasm(await serve({ dir, port: 0 }), label, dir);
  }
  await runWrongWasmType();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-trap-"));
  fs.cpSync(path.join(buildDir, "web"), path.join(dir, "web"), { recursive: true });
  fs.writeFileSync(path.join(dir, "web/nianbao.js"), TRAPPING_ENGINE);
  await runTrappingEngine(await serve({ dir, port: 0 }), dir);
  // Findings and marks, exports, the embeddable element, the cross-year page: their own files, counted here.
  for (const runMore of [runFindings, runExports, runElement, runCompare]) await runMore({ test, assert, same });
  finish();
}

main().catch((err) => {
  console.log(`FAIL harness: ${err.stack || err}`);
  results.failed++;
  finish();
});
