// Shared by run.mjs and screenshots.mjs: paths, the browser, the page under test, the native CLI.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const buildDir = path.resolve(process.env.NIANBAO_WASM_DIR || path.join(root, "build/wasm"));
export const cliPath = path.resolve(process.env.NIANBAO_CLI || path.join(root, "build/native/tools/nianbao"));
export const singleFile = path.join(buildDir, "nianbao-check.html");

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** What must exist before the browser tests can run, with the command that makes it. */
export function missingPrerequisites() {
  const need = [
    [path.join(buildDir, "web/index.html"), "cmake --preset wasm && cmake --build --preset wasm"],
    [singleFile, "cmake --preset wasm && cmake --build --preset wasm"],
    [cliPath, "cmake --preset native && cmake --build --preset native"],
    ["/usr/bin/chromium", "apt-get install chromium"],
  ];
  return need.filter(([p]) => !fs.existsSync(p)).map(([p, how]) => `${p} (${how})`);
}

/** Reports to paste: tests/corpus/*.txt, else the shared seeds. */
export function corpus() {
  for (const dir of [path.join(root, "tests/corpus"), "/work/shared/seeds"]) {
    if (!fs.existsSync(dir)) continue;
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
    if (files.length) return files.map((f) => path.join(dir, f));
  }
  return [];
}

/** The page lists findings errors first, then warnings, then notes; the engine's order within each. */
const RANK = { error: 0, warning: 1, info: 2 };
export function bySeverity(diagnostics) {
  return diagnostics.map((d, i) => [d, i]).sort((a, b) => (RANK[a[0].severity] ?? 3) - (RANK[b[0].severity] ?? 3) || a[1] - b[1])
    .map(([d]) => d);
}

/** `nianbao check --format json FILE` → the result object (exit 0 or 1 are both results). */
export function cliJson(file) {
  const run = spawnSync(cliPath, ["check", "--format", "json", file], { encoding: "utf8", maxBuffer: 64 << 20 });
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`CLI exit ${run.status} on ${file}: ${run.stderr || run.error}`);
  }
  return JSON.parse(run.stdout);
}

/** The report with its requests total/total number raised by one (so identities fail), or null. */
export function changeTotal(file) {
  const table = cliJson(file).tables.find((t) => t.key === "requests");
  const span = table && table.cell_spans && table.cell_spans["total/total"];
  const value = table && table.cells["total/total"];
  if (!span || !Number.isInteger(value)) return null;
  const bytes = fs.readFileSync(file);
  const text = Buffer.concat([bytes.subarray(0, span.start), Buffer.from(String(value + 1)), bytes.subarray(span.end)]);
  return { text: text.toString("utf8"), what: `total/total ${value} → ${value + 1}` };
}

/** A fresh Chromium profile (its own user-data-dir) that records every request and CSP report. */
export async function openBrowser() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-e2e-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
  });
  const log = { requests: [], violations: [], errors: [] };
  const onConsole = (where) => (msg) => {
    const text = msg.text();
    if (/Content Security Policy|Content-Security-Policy/i.test(text)) log.violations.push(`${where}: ${text}`);
    else if (msg.type() === "error") log.errors.push(`${where} console: ${text}`);
  };
  context.on("request", (req) => log.requests.push(req.url()));
  context.on("page", (page) => watchPage(page));
  const watchPage = (page) => {
    page.on("console", onConsole("page"));
    page.on("pageerror", (err) => log.errors.push(`pageerror: ${err.message}`));
    page.on("worker", (worker) => {
      log.requests.push(worker.url());
      worker.on("console", onConsole("worker"));
    });
  };
  // securitypolicyviolation events, collected in the page itself (the listener is installed by
  // the test harness over CDP, so it is not subject to the page's policy).
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  const page = context.pages()[0] || (await context.newPage());
  watchPage(page);
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, page, log, close };
}

/** Open the page and wait until the engine is loaded (the footer shows its version). */
export async function openPage(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => {
    const v = document.getElementById("version");
    const s = document.getElementById("results");
    return (v && v.textContent !== "—") || (s && s.dataset.status === "failed");
  }, null, { timeout: 20000 });
}

/** Replace the text as a user would and wait for the results that describe exactly it. */
export async function pasteAndWait(page, text) {
  if ((await page.inputValue("#text")) === text) await page.fill("#text", "");  // else no input event
  await page.evaluate(() => { document.getElementById("results").dataset.status = "stale"; });
  await page.fill("#text", text);
  await waitForResult(page, text.length);
}

export async function waitForResult(page, length) {
  await explainTimeout(page, page.waitForFunction((n) => {
    const r = document.getElementById("results");
    return r.dataset.status === "done" && r.dataset.checkedLength === String(n) && r.getAttribute("aria-busy") === "false";
  }, length, { timeout: 20000 }));
}

export async function waitForStatus(page, status) {
  await explainTimeout(page, page.waitForFunction((s) => document.getElementById("results").dataset.status === s,
    status, { timeout: 20000 }));
}

// A timeout says what the page showed instead.
async function explainTimeout(page, waiting) {
  try {
    await waiting;
  } catch (err) {
    const shown = await page.evaluate(() => {
      const r = document.getElementById("results");
      return `status=${r.dataset.status} length=${r.dataset.checkedLength} busy=${r.getAttribute("aria-busy")} ` +
        `summary="${document.getElementById("summary").textContent}"`;
    }).catch(() => "(page gone)");
    throw new Error(`${err.message.split("\n")[0]} — the page shows ${shown}`);
  }
}

/** Everything the results panel shows, read back from the DOM. */
export function readResults(page) {
  return page.evaluate(() => {
    const all = (sel) => [...document.querySelectorAll(sel)];
    return {
      summary: document.getElementById("summary").textContent,
      outline: all("#outline li").map((li) => ({
        key: li.dataset.key, state: li.dataset.state, count: Number(li.dataset.count),
        name: li.querySelector(".name").textContent,
      })),
      tables: all("#tables [data-table]").map((s) => s.dataset.table),
      cells: all("#tables td[data-cell]").map((td) => ({
        table: td.closest("[data-table]").dataset.table, key: td.dataset.cell,
        text: td.querySelector(".value").textContent, fail: td.classList.contains("fail"),
        absent: td.classList.contains("absent"), blank: td.classList.contains("blank"),
        by: ["order", "split", "column"].find((b) => td.classList.contains(`by-${b}`)) || "",
        byTitle: td.title || "",
      })),
      identities: all("#tables .identity").map((li) => ({ check: li.dataset.check, expr: li.querySelector(".expr").textContent })),
      diagnostics: all("#diagnostics li.diag").map((li) => ({
        rule: li.dataset.rule, severity: li.dataset.severity, line: Number(li.dataset.line),
        column: Number(li.dataset.column), start16: Number(li.dataset.start16), end16: Number(li.dataset.end16),
        message: li.querySelector(".msg").textContent,
      })),
    };
  });
}
