// Page load → first result, and the floor it is compared with; shared by the browser tests
// (findings.mjs) and tools/bench/wasm.
//
// The single file over file:// with the report autosaved, opened `loads` times in a new tab of one
// Chromium profile. Measured in the page, from the navigation's start (performance.timeOrigin): the
// worker started, HTML parsed (DOMContentLoaded end), engine ready (the footer shows the version),
// result received from the worker, result in the DOM (the results panel says data-status="done" for
// a text of the report's length: the summary, findings, marks and outline; a new result's tables
// follow a frame later, app.js render) and first result = the end of the first frame after that, the one
// that lays out and paints it (a message posted from its requestAnimationFrame callback arrives after
// the frame's style, layout and paint). In turn with those loads, the floor: the page's HTML as it
// stands with the result shown, scripts removed, loaded the same way (its first frame) — what showing
// that result costs this browser here with no engine at all.
//
// Two ways a page can open (`modes`): "kept" — as a returning visitor's, with the result the page
// keeps beside the autosaved text (shown at once, re-checked by the engine); "fresh" — with that kept
// result deleted first, so the engine's own check is waited for (a first visit, or a new build).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { openBrowser, singleFile } from "./lib.mjs";

const median = (v) => [...v].sort((a, b) => a - b)[Math.max(0, Math.ceil(v.length / 2) - 1)];
const stat = (rows, k) => {
  const v = rows.map((m) => m[k]).filter((x) => typeof x === "number");
  return { median: v.length ? median(v) : NaN, max: v.length ? Math.max(...v) : NaN };
};
const KEYS = ["worker", "parsed", "ready", "result", "checkMs", "dom", "frame"];

/**
 * → {kept?: {worker, parsed, …, frame: {median, max}, ratio}, fresh?: {…}, floor: {median, max}, floorParsed}
 * `ratio`: first result (frame) / floor, medians. Throws when a load fails.
 */
export async function firstResult({ text, loads = 5, modes = ["kept", "fresh"], url = pathToFileURL(singleFile).href }) {
  const browser = await openBrowser();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-floor-"));
  try {
    const { context, page } = browser;
    await context.addInitScript(() => {
      const marks = {};
      if (location.hash === "#fresh") localStorage.removeItem("nianbao-check.result");
      const report = () => console.log(`nianbao-marks ${JSON.stringify({
        ...marks, parsed: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
        value: (document.getElementById("text") || {}).value?.length,
      })}`);
      // Where the time goes: the page's worker, watched from outside (the page does not know).
      const PageWorker = window.Worker;
      window.Worker = function (...args) {
        if (marks.worker === undefined) marks.worker = performance.now();
        const w = new PageWorker(...args);
        w.addEventListener("message", (e) => {
          const m = e.data || {};
          if (m.type === "result" && marks.result === undefined) { marks.result = performance.now(); marks.checkMs = m.ms; }
        });
        return w;
      };
      // The frame that shows it: its rAF callbacks run before style, layout and paint; a message
      // posted from there arrives once that rendering is done.
      const afterFrame = (key) => requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => { marks[key] = performance.now(); report(); };
        ch.port2.postMessage(0);
      });
      const look = () => {
        const v = document.getElementById("version");
        const r = document.getElementById("results");
        if (marks.ready === undefined && v && v.textContent !== "—") marks.ready = performance.now();
        if (marks.dom === undefined && r && r.dataset.status === "done") {
          marks.dom = performance.now();
          marks.length = Number(r.dataset.checkedLength);
          afterFrame("frame");
        }
        if (r && r.dataset.status === "failed" && !marks.failed) {
          marks.failed = document.getElementById("summary").textContent;
          report();
        }
      };
      new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.goto(url);
    await page.evaluate((t) => { localStorage.setItem("nianbao-check.text", t); localStorage.removeItem("nianbao-check.result"); }, text);
    const load = async (where) => {
      const tab = await context.newPage();
      const marks = new Promise((resolve) => tab.on("console", (m) => {
        if (process.env.NB_DEBUG) console.log("  [console]", where.slice(-20), m.text().slice(0, 200));
        if (m.text().startsWith("nianbao-marks ")) resolve(JSON.parse(m.text().slice(14)));
      }));
      await tab.goto(where);
      const m = await Promise.race([marks, new Promise((resolve) => setTimeout(() => resolve({ failed: "no result in 30 s" }), 30000))]);
      return { m, tab };
    };
    // The floor page, from a first load of ours (which also keeps its result for the "kept" loads).
    const first = await load(url);
    if (first.m.failed) throw new Error(`first result: the page failed: ${first.m.failed}`);
    await first.tab.waitForFunction(() => document.getElementById("results").getAttribute("aria-busy") === "false");
    await first.tab.waitForTimeout(600);   // autosave, and the result kept beside it
    const floorHtml = await first.tab.evaluate(() => {
      const d = document.documentElement.cloneNode(true);
      for (const s of d.querySelectorAll("script")) s.remove();
      // (the HTML parser drops a newline right after <textarea>: one more keeps the text's own)
      d.querySelector("#text").textContent = `\n${document.getElementById("text").value}`;
      return `<!doctype html>\n${d.outerHTML}`;
    });
    await first.tab.close();
    const floorUrl = pathToFileURL(path.join(tmp, "floor.html")).href;
    fs.writeFileSync(path.join(tmp, "floor.html"), floorHtml);

    const rows = Object.fromEntries(modes.map((m) => [m, []]));
    const floors = [];
    for (let i = 0; i < loads; i++) {
      for (const mode of modes) {
        const ours = await load(mode === "fresh" ? `${url}#fresh` : url);
        // Let the engine's own check land and the page keep its result before the next load.
        await ours.tab.waitForFunction(() => document.getElementById("results").getAttribute("aria-busy") === "false", null, { timeout: 30000 });
        await ours.tab.waitForTimeout(500);
        await ours.tab.close();
        const m = ours.m;
        if (m.failed) throw new Error(`first result (${mode}): the page failed: ${m.failed}`);
        if (m.length !== text.length || m.value !== text.length) throw new Error(`first result: the page checked ${m.length} characters, the report has ${text.length}`);
        rows[mode].push(m);
      }
      const floor = await load(floorUrl);
      await floor.tab.close();
      if (floor.m.failed || floor.m.value !== text.length) throw new Error(`first result: the floor page did not load (${floor.m.failed || `text ${floor.m.value} of ${text.length}`})`);
      floors.push(floor.m);
    }
    const out = { floor: stat(floors, "frame"), floorParsed: stat(floors, "parsed") };
    for (const mode of modes) {
      out[mode] = Object.fromEntries(KEYS.map((k) => [k, stat(rows[mode], k)]));
      out[mode].ratio = out[mode].frame.median / out.floor.median;
    }
    return out;
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
