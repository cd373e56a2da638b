// Browser tests of <nianbao-check> (web/element.js) in the sample portal (web/examples/portal.html).
//
//   node element.mjs [SUBSTRING]     (or from run.mjs)
//
// Served with exactly the CSP docs/embedding.md tells a portal to send. The element must check
// what is pasted into it (result and "nianbao-result" event equal to the engine's M.check), keep
// its look under the portal's hostile stylesheet (computed styles equal to the element on a bare
// page), leave the portal's own look alone (equal to the portal without the element), follow
// `lang`, and offer NianbaoCheck.load().
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { harness, nodeEngine, serveDir } from "./harness.mjs";
import { buildDir, changeTotal, corpus, openBrowser } from "./lib.mjs";

export const PORTAL_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

// Inside the shadow root: what is compared between the portal and a bare page.
const INSIDE = [".root", "label", "textarea", ".summary", "h3", ".outline li", ".outline .name", "table.grid", "th",
  "td", "td.fail", ".identity", "li.diag", ".sev", ".msg", "code.rule"];
// The portal's own elements: compared with and without the element.
const OUTSIDE = ["body", "h1", ".crumb", "#intro", "#portal-table", "#portal-table th", "#portal-table td", "#portal-button", "#api-out"];
const PROPS = ["color", "backgroundColor", "fontSize", "fontFamily", "fontWeight", "fontStyle", "lineHeight", "letterSpacing",
  "textTransform", "textAlign", "display", "marginTop", "marginLeft", "paddingTop", "paddingLeft", "borderTopWidth",
  "borderTopStyle", "borderTopColor", "outlineStyle"];

// The test pages, beside the built ones: the element alone, and the portal without it.
function testPages(dir) {
  const portal = fs.readFileSync(path.join(dir, "examples/portal.html"), "utf8");
  const bare = portal.replace(/<link rel="stylesheet" href="portal.css">\n/, "");
  const without = portal.replace(/<script src="..\/nianbao-element.js" defer><\/script>\n/, "").replace(/<nianbao-check[^>]*><\/nianbao-check>\n/, "")
    .replace(/<script src="portal.js" defer><\/script>\n/, "");
  if (bare === portal || without === portal) throw new Error("examples/portal.html no longer has the expected stylesheet / element lines");
  fs.writeFileSync(path.join(dir, "examples/bare.html"), bare);
  fs.writeFileSync(path.join(dir, "examples/without.html"), without);
}

async function paste(page, text) {
  await page.evaluate((t) => {
    window.__results = [];
    const el = document.querySelector("nianbao-check");
    el.addEventListener("nianbao-result", (e) => window.__results.push(e.detail));
    const ta = el.shadowRoot.querySelector("textarea");
    ta.value = t;
    ta.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
  await page.waitForFunction(() => window.__results.length > 0, null, { timeout: 20000 });
  return page.evaluate(() => window.__results[0]);
}

const styles = (page, selectors, props, inShadow) => page.evaluate(({ selectors, props, inShadow }) => {
  const root = inShadow ? document.querySelector("nianbao-check").shadowRoot : document;
  const out = {};
  for (const sel of selectors) {
    const node = root.querySelector(sel);
    if (!node) { out[sel] = "(missing)"; continue; }
    const cs = getComputedStyle(node);
    out[sel] = Object.fromEntries(props.map((p) => [p, cs[p]]));
  }
  return out;
}, { selectors, props, inShadow });

function diff(a, b) {
  const out = [];
  for (const sel of Object.keys(a)) {
    if (typeof a[sel] === "string" || typeof b[sel] === "string") { if (a[sel] !== b[sel]) out.push(`${sel}: ${a[sel]} / ${b[sel]}`); continue; }
    for (const p of Object.keys(a[sel])) if (a[sel][p] !== b[sel][p]) out.push(`${sel} ${p}: ${a[sel][p]} ≠ ${b[sel][p]}`);
  }
  return out;
}

export async function run({ test, assert, same }) {
  const M = await nodeEngine();
  const changed = corpus().map((f) => changeTotal(f)).find(Boolean);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-portal-"));
  fs.cpSync(path.join(buildDir, "web"), dir, { recursive: true });
  testPages(dir);
  const server = await serveDir(dir, PORTAL_CSP);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await openBrowser();
  const { page, log } = browser;
  try {
    assert(changed, "no corpus report has a total to change");
    const expected = M.check(changed.text, { file: "" });
    await page.goto(`${base}/examples/portal.html`);

    await test("element: works in the portal under its CSP; the event's result equals M.check", async () => {
      const got = await paste(page, changed.text);
      same(got, expected, "nianbao-result detail");
      const n = expected.diagnostics.filter((d) => d.severity === "error").length;
      same(await page.textContent("#portal-count"), `${expected.report.year} 年度，${n} 个错误`, "the portal's listener");
      const mode = await page.evaluate(() => document.querySelector("nianbao-check").shadowRoot.mode);
      same(mode, "open", "shadow root mode");
    });

    await test("element: shows the outline, the failing cells and the diagnostics of the result", async () => {
      const shown = await page.evaluate(() => {
        const root = document.querySelector("nianbao-check").shadowRoot;
        return {
          status: root.querySelector(".root").dataset.status,
          fail: [...root.querySelectorAll("[data-table] td.fail")].map((td) => `${td.closest("[data-table]").dataset.table}:${td.dataset.cell}`).sort(),
          rules: [...root.querySelectorAll("li.diag")].map((li) => li.dataset.rule),
          sections: [...root.querySelectorAll(".outline li")].filter((li) => li.dataset.state !== "missing").map((li) => li.dataset.key),
        };
      });
      same(shown.status, "done", "status");
      const failing = expected.checks.filter((c) => c.status === "fail" && expected.tables.some((t) => t.key === c.id.split(".")[0]));
      same(shown.fail, [...new Set(failing.flatMap((c) => c.cells.map((k) => `${c.id.split(".")[0]}:${k}`)))].sort(), "failing cells");
      assert(shown.fail.length > 0, "no failing cell");
      same(shown.rules, expected.diagnostics.map((d) => d.rule), "diagnostics");
      same(shown.sections.sort(), [...new Set(expected.sections.map((s) => s.key))].sort(), "sections found");
    });

    await test("element: the portal's CSS does not restyle it (computed styles equal to a bare page)", async () => {
      const inPortal = await styles(page, INSIDE, PROPS, true);
      const hostile = await page.evaluate(() => getComputedStyle(document.getElementById("intro")).color);
      same(hostile, "rgb(255, 0, 0)", "the portal's own text (its stylesheet must be in force)");
      const bare = await browser.context.newPage();
      await bare.goto(`${base}/examples/bare.html`);
      await paste(bare, changed.text);
      const alone = await styles(bare, INSIDE, PROPS, true);
      await bare.close();
      const missing = INSIDE.filter((s) => inPortal[s] === "(missing)");
      same(missing, [], "elements to compare");
      const d = diff(inPortal, alone);
      assert(!d.length, `restyled by the portal:\n${d.slice(0, 10).join("\n")}`);
    });

    await test("element: does not change the portal's own styles (equal to the portal without it)", async () => {
      const withIt = await styles(page, OUTSIDE, PROPS, false);
      const other = await browser.context.newPage();
      await other.goto(`${base}/examples/without.html`);
      const without = await styles(other, OUTSIDE, PROPS, false);
      await other.close();
      const d = diff(withIt, without);
      assert(!d.length, `the element changed the portal:\n${d.slice(0, 10).join("\n")}`);
    });

    await test("element: ::part() theming reaches the parts and nothing else", async () => {
      const maxWidth = await page.evaluate(() => getComputedStyle(document.querySelector("nianbao-check").shadowRoot.querySelector(".root")).maxWidth);
      same(maxWidth, "1800px", "portal.css sets ::part(root) max-width: 60rem (at its 30px root font size)");
    });

    await test("element: lang=\"en\" switches the element to English", async () => {
      await page.evaluate(() => document.querySelector("nianbao-check").setAttribute("lang", "en"));
      const text = await page.evaluate(() => {
        const root = document.querySelector("nianbao-check").shadowRoot;
        return `${root.querySelector(".summary").textContent} | ${root.querySelector("h3").textContent} | ${root.querySelector("label").textContent}`;
      });
      assert(/error/.test(text) && /Sections/.test(text) && /Paste/.test(text), `not English: ${text}`);
      await page.evaluate(() => document.querySelector("nianbao-check").setAttribute("lang", "zh"));
      assert(/个错误/.test(await page.evaluate(() => document.querySelector("nianbao-check").shadowRoot.querySelector(".summary").textContent)), "not back in Chinese");
    });

    await test("element: clicking a diagnostic selects its span in the element's text box", async () => {
      const d = expected.diagnostics[0];
      await page.evaluate(() => document.querySelector("nianbao-check").shadowRoot.querySelector("li.diag").click());
      const sel = await page.evaluate(() => {
        const ta = document.querySelector("nianbao-check").shadowRoot.querySelector("textarea");
        return [ta.selectionStart, ta.selectionEnd];
      });
      same(sel, [d.start16, d.end16], "selection");
    });

    await test("element: NianbaoCheck.load() gives check() and the version of the module", async () => {
      await page.click("#api-check");
      await page.waitForFunction(() => document.getElementById("api-out").textContent !== "");
      same(await page.textContent("#api-out"), `nianbao ${M.version()}: ${expected.diagnostics.length} 条`, "API output");
      const viaApi = await page.evaluate(async (t) => (await window.NianbaoCheck.load()).check(t), changed.text);
      same(viaApi, expected, "NianbaoCheck.load().check(text)");
      const bad = await page.evaluate(async () => {
        try { (await window.NianbaoCheck.load()).check(42); return "no error"; } catch (err) { return `${err.name}: ${err.message}`; }
      });
      assert(/^TypeError: .*must be a string/.test(bad), `check(42): ${bad}`);
    });

    await test("element: a missing nianbao.wasm gives a message in the element, not a crash", async () => {
      fs.renameSync(path.join(dir, "nianbao.wasm"), path.join(dir, "gone.wasm"));
      const p = await browser.context.newPage();
      try {
        await p.goto(`${base}/examples/bare.html`);
        await p.waitForFunction(() => {
          const r = document.querySelector("nianbao-check").shadowRoot.querySelector(".root");
          return r && r.dataset.status === "failed";
        }, null, { timeout: 20000 });
        const msg = await p.evaluate(() => document.querySelector("nianbao-check").shadowRoot.querySelector(".summary").textContent);
        assert(/检查程序出错/.test(msg) && /nianbao\.wasm/.test(msg), `message: ${msg}`);
      } finally {
        await p.close();
        fs.renameSync(path.join(dir, "gone.wasm"), path.join(dir, "nianbao.wasm"));
      }
    });

    await test("element: only same-origin requests, no CSP violation, no page error", async () => {
      const stray = log.requests.filter((u) => !u.startsWith(`${base}/`));
      same([...new Set(stray)], [], "requests");
      same(log.violations, [], "CSP violations");
      same(log.errors.filter((e) => !/gone|404|Not Found|nianbao\.wasm/.test(e)), [], "errors");
    });
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const h = harness(process.argv[2] || "");
  run(h).catch((err) => { console.log(`FAIL harness: ${err.stack || err}`); h.results.failed++; }).then(h.finish);
}
