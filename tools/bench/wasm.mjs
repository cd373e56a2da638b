#!/usr/bin/env node
// The WebAssembly build's speed and size, against its targets (issue 5), and the section
// "## WebAssembly: speed and size" of docs/performance.md. Run it through tools/bench/wasm, which
// builds what it needs first.
//
//   node tools/bench/wasm.mjs [--runs 100] [--warmup 10] [--warmup-ms 2000] [--loads 10] [--report FILE]
//                             [--native build/bench-wasm/nianbao_one] [--wasm-dir build/wasm] [--no-doc]
//
// One report, one text (default tests/corpus/002_310a36c5978b6ada.txt, 18,784 B, the corpus report
// closest to 20 KB), timed per call:
//   native    nianbao_one (tools/bench/one.cpp): nianbao::check + to_json with UTF-16 offsets, which is
//             what the binding runs inside the module; g++ Release (-O3), same machine, same moment
//   node      M.check(text, {file: ""}) of build/wasm/nianbao-node.js (the same wasm bytes as the page's)
//   chromium  the page's own worker (web/worker.js + nianbao.js + nianbao.wasm of the hosted build, over
//             http, by the protocol in worker.js): the worker's own performance.now() around engine.check,
//             and the round trip page → worker → page (posting the text, structured clone of the result)
// Each: warm-up calls first, at least `--warmup` of them and for at least `--warmup-ms` (V8 compiles wasm
// lazily with its baseline compiler, Liftoff, and recompiles hot functions with TurboFan in the
// background, which takes a while on a busy machine), then `--runs` calls; p50 / p95 are nearest-rank
// percentiles, the ratio is wasm p50 / native p50. Reported too: the first call (lazy compilation and
// baseline code) and the median of calls 2–11, before the optimized code is there.
//
// First result: the single file (build/wasm/nianbao-check.html) over file:// with the report autosaved in
// localStorage, opened `--loads` times in a new tab of one Chromium profile. Measured in the page, from
// the navigation's start (performance.timeOrigin, 0 ms): HTML parsed (DOMContentLoaded end), engine
// ready (the footer shows the version), result in the DOM (the results panel says data-status="done"
// for a text of the report's length, after render() has built the whole panel) and first result = the
// end of the first frame after that, the one that lays out and paints it (a message posted from its
// requestAnimationFrame callback, which arrives after the frame's style, layout and paint). In turn with
// those loads, the floor: the page's HTML as it stands with the result shown, scripts removed, loaded
// the same way (its first frame) — what showing that result costs with no engine; reported with the
// ratio. The target applies to the median over the loads.
//
// Sizes: raw and `gzip -9 -n`, of the single-file page, the wasm, the glue, the ICU data and the page's
// own JS + CSS.
//
// Targets: Chromium p50 < 5 ms; page < 300 KB gzip (300 × 1024 B); first result < 300 ms.
// Prints a table and pass / fail per target; exits 1 when a target is missed, 2 when it cannot run.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import zlib from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function die(msg) {
  console.error(`tools/bench/wasm: ${msg}`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    runs: 100, warmup: 10, "warmup-ms": 2000, loads: 10,
    report: path.join(root, "tests/corpus/002_310a36c5978b6ada.txt"),
    native: path.join(root, "build/bench-wasm/nianbao_one"),
    "wasm-dir": path.join(root, "build/wasm"),
    doc: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, "");
    if (name === "no-doc") { opts.doc = false; continue; }
    if (!(name in opts) || name === "doc" || i + 1 >= argv.length) die(`unknown or incomplete argument ${argv[i]}`);
    const v = argv[++i];
    opts[name] = typeof opts[name] === "number" ? Number(v) : path.resolve(v);
    if (typeof opts[name] === "number" && !(opts[name] >= 1)) die(`--${name} must be a number ≥ 1`);
    if (name === "warmup" && opts.warmup < 11) die("--warmup must be ≥ 11 (calls 2–11 are reported)");
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const wasmDir = opts["wasm-dir"];
const TARGETS = { chromiumMs: 5, pageGzip: 300 * 1024, firstResultMs: 300 };

// ---------------------------------------------------------------- helpers
function pct(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length))) - 1];
}
function summary(ms) {
  return { min: Math.min(...ms), p50: pct(ms, 50), p95: pct(ms, 95), mean: ms.reduce((a, b) => a + b, 0) / ms.length };
}
const median = (values) => pct(values, 50);
function gzipSize(buf) {
  const run = spawnSync("gzip", ["-9", "-n", "-c"], { input: buf, maxBuffer: 64 << 20 });
  if (run.status === 0) return run.stdout.length;
  return zlib.gzipSync(buf, { level: 9 }).length;   // no gzip binary: zlib's level 9
}
const fmtMs = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const fmtB = (n) => `${n.toLocaleString("en-US")} B`;
const fmtKB = (n) => `${(n / 1024).toFixed(1)} KB`;

function need(file, how) {
  if (!fs.existsSync(file)) die(`missing ${file} (${how})`);
  return file;
}

// ---------------------------------------------------------------- sizes
function sizes() {
  const out = [];
  const add = (what, file, buf = fs.readFileSync(file)) => out.push({ what, raw: buf.length, gzip: gzipSize(buf) });
  add("`nianbao-check.html` (single-file page)", path.join(wasmDir, "nianbao-check.html"));
  add("`nianbao-compare.html` (single-file cross-year page)", path.join(wasmDir, "nianbao-compare.html"));
  add("`nianbao.wasm`", path.join(wasmDir, "nianbao.wasm"));
  add("`nianbao.js` (Emscripten glue)", path.join(wasmDir, "nianbao.js"));
  const icu = icuData();
  if (icu) add(`ICU data (\`${path.basename(icu)}\`: \`nfkc.nrm\` only, inside the wasm's data)`, icu);
  const web = ["boot.js", "marks.js", "app.js", "view.js", "export.js", "worker.js", "style.css"];
  add(`page JS + CSS (\`${web.join("`, `")}\`)`, null, Buffer.concat(web.map((f) => fs.readFileSync(path.join(wasmDir, "web", f)))));
  return out;
}

// The ICU data package the wasm build linked: NIANBAO_ICU_WASM_DIR of build/wasm.
function icuData() {
  try {
    const cache = fs.readFileSync(path.join(wasmDir, "CMakeCache.txt"), "utf8");
    const dir = /^NIANBAO_ICU_WASM_DIR:[A-Z]+=(.*)$/m.exec(cache);
    const file = dir && path.join(dir[1].trim(), "data/icudt72l.dat");
    return file && fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- native
function native(text) {
  const run = spawnSync(opts.native, [opts.report, String(opts.runs), String(opts.warmup)], { encoding: "utf8" });
  if (run.status !== 0) die(`${opts.native} failed (${run.status}): ${run.stderr || run.error}`);
  const r = JSON.parse(run.stdout);
  if (r.bytes !== Buffer.byteLength(text)) die(`nianbao_one read ${r.bytes} B, the report has ${Buffer.byteLength(text)}`);
  return r;
}

// ---------------------------------------------------------------- node
async function node(text) {
  const modPath = need(path.join(wasmDir, "nianbao-node.js"), "tools/dev wasm");
  // The node module inlines the wasm; it must be the page's.
  const m = /data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/.exec(fs.readFileSync(modPath, "utf8"));
  const same = !!m && Buffer.from(m[1], "base64").equals(fs.readFileSync(path.join(wasmDir, "nianbao.wasm")));
  const t0 = performance.now();
  const M = await createRequire(import.meta.url)(modPath)();
  const startup = performance.now() - t0;
  const call = () => {
    const t = performance.now();
    const r = M.check(text, { file: "" });
    if (!r || r.schema !== "nianbao-check/1") die("node: M.check returned no result");
    return performance.now() - t;
  };
  const warm = [];
  const tw = performance.now();
  while (warm.length < opts.warmup || performance.now() - tw < opts["warmup-ms"]) warm.push(call());
  const cpu0 = process.cpuUsage();
  const times = Array.from({ length: opts.runs }, call);
  const cpu = process.cpuUsage(cpu0);
  return { startup, first: warm[0], early: median(warm.slice(1, 11)), warmups: warm.length, ...summary(times), sameWasm: same,
    cpuPerCall: (cpu.user + cpu.system) / 1000 / opts.runs };
}

// ---------------------------------------------------------------- chromium
async function chromium(text) {
  const lib = path.join(root, "tests/e2e/lib.mjs");
  need(path.join(root, "tests/e2e/node_modules/playwright-core"), "cd tests/e2e && npm ci");
  const { openBrowser } = await import(pathToFileURL(lib).href);
  const { serve } = await import(pathToFileURL(path.join(root, "tools/serve.mjs")).href);
  const server = await serve({ dir: wasmDir, port: 0 });
  const browser = await openBrowser();
  try {
    const { page } = browser;
    const version = browser.context.browser() ? browser.context.browser().version() : "";
    // A page of the same origin that runs no engine of its own (the server's 404 page, under the same
    // policy): V8 shares a module's compiled code between workers of a process, so the page's own
    // worker (which warms up when it has nothing to check) would hide the first call's compilation.
    await page.goto(`http://127.0.0.1:${server.address().port}/no-engine-here`);
    const r = await page.evaluate(async ({ text, runs, warmup, warmupMs }) => {
      const w = (window.__benchWorker = new Worker("worker.js"));
      const next = () => new Promise((ok, ko) => {
        w.onmessage = (e) => ok(e.data);
        w.onerror = (e) => ko(new Error(e.message || "worker error"));
      });
      const t0 = performance.now();
      w.postMessage({ type: "init" });
      const ready = await next();
      if (ready.type !== "ready") throw new Error(`worker init: ${ready.message}`);
      const startup = performance.now() - t0;
      let id = 0;
      const call = async () => {
        const t = performance.now();
        w.postMessage({ type: "check", id: id++, text, file: "" });
        const m = await next();
        if (m.type !== "result") throw new Error(`check: ${m.message}`);
        return [m.ms, performance.now() - t];
      };
      const warm = [];
      const tw = performance.now();
      while (warm.length < warmup || performance.now() - tw < warmupMs) warm.push((await call())[0]);
      const inWorker = [], roundTrip = [];
      for (let i = 0; i < runs; i++) {
        const [ms, rt] = await call();
        inWorker.push(ms);
        roundTrip.push(rt);
      }
      return { startup, warm, inWorker, roundTrip, ua: navigator.userAgent };
    }, { text, runs: opts.runs, warmup: opts.warmup, warmupMs: opts["warmup-ms"] });
    const cpu = await workerCpu(browser, page, text);
    const ua = /(?:HeadlessChrome|Chrome)\/([\d.]+)/.exec(r.ua);
    return { startup: r.startup, first: r.warm[0], early: median(r.warm.slice(1, 11)), warmups: r.warm.length,
      worker: summary(r.inWorker), roundTrip: summary(r.roundTrip), cpu,
      version: version || (ua ? ua[1] : "") };
  } finally {
    await browser.close();
    server.close();
  }
}

// CPU time, which waiting for a core does not inflate: a Chrome trace of `opts.runs` more calls to the
// same worker (a pass of its own, as tracing slows the calls down), the worker thread's CPU time
// (tdur) of each message it handles — engine.check, and posting the result back.
async function workerCpu(browser, page, text) {
  const cdp = await browser.context.newCDPSession(page);
  const events = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
  const complete = new Promise((ok) => cdp.once("Tracing.tracingComplete", ok));
  await cdp.send("Tracing.start", { transferMode: "ReportEvents",
    traceConfig: { includedCategories: ["toplevel", "devtools.timeline", "__metadata"] } });
  await page.evaluate(async ({ text, runs }) => {
    const w = window.__benchWorker;
    for (let i = 0; i < runs; i++) {
      w.postMessage({ type: "check", id: -1 - i, text, file: "" });
      await new Promise((ok) => { w.onmessage = ok; });
    }
    w.terminate();
  }, { text, runs: opts.runs });
  await cdp.send("Tracing.end");
  await complete;
  await cdp.detach();
  const threads = new Map(events.filter((e) => e.name === "thread_name").map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const perThread = new Map();
  for (const e of events) {
    if (e.name !== "HandlePostMessage" || e.ph !== "X" || !/DedicatedWorker/.test(threads.get(`${e.pid}:${e.tid}`) || "")) continue;
    const k = `${e.pid}:${e.tid}`;
    if (!perThread.has(k)) perThread.set(k, []);
    perThread.get(k).push(e.tdur / 1000);
  }
  const tdur = [...perThread.values()].sort((a, b) => b.length - a.length)[0] || [];
  return tdur.length >= opts.runs / 2 && tdur.every(Number.isFinite) ? summary(tdur) : null;
}

// Page load → first result and its floor: tests/e2e/firstresult.mjs (shared with the browser tests).
// The table is of a returning visitor's load (the result kept beside the autosaved text); the
// first visit's (that kept result deleted first) is reported beside it.
async function firstResult(text) {
  const url = pathToFileURL(need(path.join(wasmDir, "nianbao-check.html"), "tools/dev wasm")).href;
  need(path.join(root, "tests/e2e/node_modules/playwright-core"), "cd tests/e2e && npm ci");
  const { firstResult: measure } = await import(pathToFileURL(path.join(root, "tests/e2e/firstresult.mjs")).href);
  try {
    const r = await measure({ text, loads: opts.loads, url });
    return { ...r.kept, floor: r.floor, floorParsed: r.floorParsed, ratio: r.kept.ratio, fresh: r.fresh };
  } catch (err) {
    return die(err.message);
  }
}

// ---------------------------------------------------------------- report
const LOAD_AT_START = os.loadavg()[0].toFixed(2);
function machine() {
  const cpu = (os.cpus()[0] || {}).model || "unknown CPU";
  const emcc = spawnSync("emcc", ["--version"], { encoding: "utf8" });
  const stamp = spawnSync("git", ["-C", root, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim() || "unknown";
  const dirty = spawnSync("git", ["-C", root, "diff", "--quiet", "HEAD", "--", "core", "wasm", "web", "tools/build-page.mjs"]).status ? "+local changes" : "";
  return {
    cpu: cpu.replace(/\s+\d+-Core Processor/, "").trim(), cores: os.cpus().length,
    load: os.loadavg()[0].toFixed(2), loadStart: LOAD_AT_START,
    emcc: emcc.status === 0 ? (/(\d+\.\d+\.\d+)/.exec(emcc.stdout) || [""])[0] : "?",
    node: process.versions.node, commit: `${stamp}${dirty}`, date: new Date().toISOString().slice(0, 10),
  };
}

function render({ mach, text, nat, nd, ch, fr, sz }) {
  const base = nat.check_json.p50;
  const ratio = (v) => `${(v / base).toFixed(2)}×`;
  const L = [];
  L.push(`*Measured by \`tools/bench/wasm\` (${mach.commit}, ${mach.date}) on ${mach.cpu}, ${mach.cores} cores, load average ${mach.loadStart} at the start and ${mach.load} at the end; ` +
    `Emscripten ${mach.emcc}, Node ${mach.node}, Chromium ${ch.version} (headless); native g++ Release.*`);
  L.push("");
  L.push(`One report, \`tests/corpus/${path.basename(opts.report)}\` (${fmtB(Buffer.byteLength(text))}, ${text.split("\n").length} lines; ` +
    `the corpus report closest to 20 KB), wall time per call: ${opts.runs} calls after warming up ` +
    `(at least ${opts.warmup} calls and ${(opts["warmup-ms"] / 1000).toFixed(1)} s: Node ${nd.warmups} calls, Chromium ${ch.warmups}). ` +
    "Native times what the binding runs inside the module (`nianbao::check` + `to_json` with UTF-16 offsets, " +
    "`tools/bench/one.cpp`); node and Chromium time the module's `check(text, {file: \"\"})`, which adds the " +
    "string marshalling and `JSON.parse` of the result. Chromium: in the page's worker (the hosted build's " +
    "`worker.js`, timed by the worker's own `performance.now()`, started from a page of the same origin that runs " +
    "no engine itself, as V8 shares compiled code between the workers of a process); *round trip*: posting the text from the page " +
    "until the result object has arrived in the page. *First call* and *calls 2–11* (median) come before the " +
    "warm-up is over: V8 compiles wasm lazily with its baseline compiler and optimizes hot functions in the background.");
  L.push("");
  const minRatio = (v) => `${(v / nat.check_json.min).toFixed(2)}×`;
  L.push("| engine | p50 | p95 | min | first call | calls 2–11 | p50 vs native | min vs native |");
  L.push("|---|---:|---:|---:|---:|---:|---:|---:|");
  L.push(`| native: \`check\` only | ${fmtMs(nat.check.p50)} ms | ${fmtMs(nat.check.p95)} ms | ${fmtMs(nat.check.min)} ms | ${fmtMs(nat.first)} ms¹ | | ${ratio(nat.check.p50)} | ${minRatio(nat.check.min)} |`);
  L.push(`| native: \`check\` + \`to_json\` | ${fmtMs(nat.check_json.p50)} ms | ${fmtMs(nat.check_json.p95)} ms | ${fmtMs(nat.check_json.min)} ms | | | 1.00× | 1.00× |`);
  L.push(`| wasm in Node ${mach.node.split(".")[0]} | ${fmtMs(nd.p50)} ms | ${fmtMs(nd.p95)} ms | ${fmtMs(nd.min)} ms | ${fmtMs(nd.first)} ms | ${fmtMs(nd.early)} ms | ${ratio(nd.p50)} | ${minRatio(nd.min)} |`);
  L.push(`| wasm in Chromium, in the worker | ${fmtMs(ch.worker.p50)} ms | ${fmtMs(ch.worker.p95)} ms | ${fmtMs(ch.worker.min)} ms | ${fmtMs(ch.first)} ms | ${fmtMs(ch.early)} ms | ${ratio(ch.worker.p50)} | ${minRatio(ch.worker.min)} |`);
  if (ch.cpu) L.push(`| wasm in Chromium, worker thread CPU time² | ${fmtMs(ch.cpu.p50)} ms | ${fmtMs(ch.cpu.p95)} ms | ${fmtMs(ch.cpu.min)} ms | | | ${ratio(ch.cpu.p50)} | ${minRatio(ch.cpu.min)} |`);
  L.push(`| wasm in Chromium, round trip | ${fmtMs(ch.roundTrip.p50)} ms | ${fmtMs(ch.roundTrip.p95)} ms | ${fmtMs(ch.roundTrip.min)} ms | | | ${ratio(ch.roundTrip.p50)} | ${minRatio(ch.roundTrip.min)} |`);
  L.push("");
  L.push("¹ the process's first call, `check` + `to_json`.  ");
  L.push(`² a Chrome trace of ${opts.runs} more calls (a pass of its own: tracing slows calls down): the worker thread's CPU time ` +
    "for each message it handles — `engine.check` and posting the result back to the page; waiting for a core does not count.");
  L.push("");
  L.push(`Wall time includes waiting for a core: on this machine (load average ${mach.loadStart} at the start) the spread ` +
    `between min and p50 is mostly that. Node's CPU time over the ${opts.runs} timed calls (\`process.cpuUsage\`, ` +
    `all of the process's threads) is ${fmtMs(nd.cpuPerCall)} ms per call.`);
  L.push("");
  L.push(`Module start-up (compile + instantiate + \`templates()\`): Node ${fmtMs(nd.startup)} ms (single-file module, base64 included), ` +
    `Chromium worker ${fmtMs(ch.startup)} ms (hosted build, fetching \`nianbao.wasm\` from 127.0.0.1).`);
  L.push("");
  L.push(`**First result** — the single file over \`file://\`, the report autosaved, ${opts.loads} loads in a new tab each; ` +
    "milliseconds from the navigation's start (`performance.timeOrigin`). *Result in the DOM*: `render()` has built " +
    "the whole results panel (`data-status=\"done\"` for the whole text); *first result*: the end of the next frame, " +
    "which lays it out and paints it (a message posted from that frame's `requestAnimationFrame` callback arrives). " +
    "*Floor*: the same page as it stands with the result shown — its HTML with the scripts removed and the text in the " +
    "textarea — loaded the same way, in turn with ours: what showing this result costs this browser here with no " +
    "engine at all (its first frame).");
  L.push("");
  L.push("| step | median | max |");
  L.push("|---|---:|---:|");
  for (const [k, what] of [["worker", "`boot.js` starts the worker (in `<head>`, the report's text inside the worker's script)"],
    ["parsed", "HTML parsed (`DOMContentLoaded` end)"],
    ["ready", "engine ready (version in the footer): worker started, module decoded, decompressed, compiled, instantiated"],
    ["result", "result received from the worker"],
    ["checkMs", "— of which the first `check` call in the worker (lazy compilation, baseline code)"],
    ["dom", "result in the DOM (`render()` done)"], ["frame", "**first result** (that frame laid out and painted)"],
    ["floor", "floor: the same page with the result already in its HTML, first frame"]]) {
    L.push(`| ${what} | ${fmtMs(fr[k].median)} ms | ${fmtMs(fr[k].max)} ms |`);
  }
  L.push(`| first visit (no kept result): result received from the worker | ${fmtMs(fr.fresh.result.median)} ms | ${fmtMs(fr.fresh.result.max)} ms |`);
  L.push(`| first visit (no kept result): **first result** | ${fmtMs(fr.fresh.frame.median)} ms | ${fmtMs(fr.fresh.frame.max)} ms |`);
  L.push("");
  L.push(`First result / floor: **${fr.ratio.toFixed(2)}×** (medians); on a first visit ${fr.fresh.ratio.toFixed(2)}×.`);
  L.push("");
  L.push("**Sizes** (`gzip -9 -n`):");
  L.push("");
  L.push("| file | raw | gzip |");
  L.push("|---|---:|---:|");
  for (const s of sz) L.push(`| ${s.what} | ${fmtB(s.raw)} | ${fmtB(s.gzip)} |`);
  L.push("");
  return L.join("\n");
}

function verdicts({ ch, fr, sz }) {
  const page = sz[0];
  return [
    { what: `20 KB report in Chromium under ${TARGETS.chromiumMs} ms (p50)`, ok: ch.worker.p50 < TARGETS.chromiumMs,
      got: `p50 ${fmtMs(ch.worker.p50)} ms, p95 ${fmtMs(ch.worker.p95)} ms` },
    { what: `single-file page under 300 KB gzip (${fmtB(TARGETS.pageGzip)})`, ok: page.gzip < TARGETS.pageGzip,
      got: `${fmtB(page.gzip)} (${fmtKB(page.gzip)})` },
    { what: `first result under ${TARGETS.firstResultMs} ms after the page starts loading (median)`,
      ok: fr.frame.median < TARGETS.firstResultMs,
      got: `median ${fmtMs(fr.frame.median)} ms, max ${fmtMs(fr.frame.max)} ms; floor ${fmtMs(fr.floor.median)} ms, ${fr.ratio.toFixed(2)}× the floor` },
  ];
}

const HEADING = "## WebAssembly: speed and size";
function rewriteDoc(body) {
  const doc = path.join(root, "docs/performance.md");
  let text = fs.readFileSync(doc, "utf8");
  const section = `${HEADING}\n\n${body}\n`;
  const at = text.indexOf(`\n${HEADING}\n`);
  if (at >= 0) {
    const next = text.indexOf("\n## ", at + HEADING.length + 1);
    text = text.slice(0, at + 1) + section + (next >= 0 ? text.slice(next + 1) : "");
  } else {
    // New: right before the native sections (tools/bench/run owns those).
    const native = text.indexOf("\n## Native throughput\n");
    text = native >= 0 ? `${text.slice(0, native + 1)}${section}${text.slice(native + 1)}` : `${text.trimEnd()}\n\n${section}`;
  }
  fs.writeFileSync(doc, text);
  return doc;
}

async function main() {
  need(opts.report, "--report FILE");
  need(opts.native, "tools/bench/wasm builds it: cmake --build build/bench-wasm --target nianbao_one");
  const text = fs.readFileSync(opts.report, "utf8");
  const nat = native(text);
  const nd = await node(text);
  const ch = await chromium(text);
  const fr = await firstResult(text);
  const sz = sizes();
  const mach = machine();
  const body = render({ mach, text, nat, nd, ch, fr, sz });
  const checks = verdicts({ ch, fr, sz });
  const targetLines = checks.map((c) => `- ${c.ok ? "met" : "**NOT met**"}: ${c.what} — ${c.got}`);
  const full = `${body}\nTargets:\n\n${targetLines.join("\n")}\n`;
  console.log(full);
  if (!nd.sameWasm) console.log("note: nianbao-node.js does not inline the same wasm as nianbao.wasm (rebuild build/wasm)");
  for (const c of checks) console.log(`${c.ok ? "pass" : "FAIL"}  ${c.what}: ${c.got}`);
  if (opts.doc) console.log(`rewrote ${path.relative(process.cwd(), rewriteDoc(full)) || "docs/performance.md"} (${HEADING.slice(3)})`);
  process.exit(checks.every((c) => c.ok) ? 0 : 1);
}

main().catch((err) => die(err.stack || String(err)));
