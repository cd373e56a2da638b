// nianbao-check page boot: starts the engine's worker from <head>, before the rest of the page is
// parsed, and hands it the autosaved report with `init`, so that the engine loads and checks on one
// core while the browser lays out the page (and the 20 KB of text in the textarea) on the other.
// app.js takes the worker over (NB_BOOT) and replays what it said in the meantime; when anything
// here fails, NB_BOOT is null and app.js starts the worker itself (startNianbaoWorker) and reports
// the failure. When the page kept a result of that very text (app.js, for a returning visitor), the
// page shows it first and the worker starts right after that first frame (NB_BOOT.start).
//
// The single-file build defines NB_EMBED = {worker, wasmGzip} just before this script; the hosted
// build loads worker.js, which loads nianbao.js and nianbao.wasm. The storage key is app.js's
// STORE_TEXT.
/* exported NB_BOOT, startNianbaoWorker, nianbaoHash */
/* global NB_EMBED */
"use strict";

// A new engine worker, sent worker.js's init message with `options` (warmUp, check); the single
// file's wasm goes with it. There, the message travels inside the worker's script (NB_INIT): a
// message posted now would wait in this thread until the worker has run its script (measured: 70 ms
// later, this thread being busy laying the page out by then). That script is kept ASCII-only (the
// report's other characters as \uXXXX escapes): its thread then decodes and compiles it as one-byte
// text; with the report's Chinese in it, a 400 KB two-byte script took 60-70 ms before the engine could
// start. A report too long to escape quickly goes as a message after the script.
const NB_INLINE_TEXT = 200000;
function startNianbaoWorker(options) {
  const embed = typeof NB_EMBED !== "undefined" ? NB_EMBED : null;
  const init = { type: "init", ...options };
  if (!embed) {
    const worker = new Worker("worker.js");
    worker.postMessage(init);
    return worker;
  }
  const check = init.check && init.check.text.length > NB_INLINE_TEXT ? init.check : null;
  if (check) init.check = null;
  // The module's base64 (300 KB) goes in as a blob part of its own, not through JSON.stringify and the
  // escaping below: that took this thread 25-80 ms, just before the worker could start (base64 needs
  // no escaping in a JavaScript string).
  const json = JSON.stringify(init).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const parts = [`var NB_INIT = ${json};\nNB_INIT.wasmGzipBase64 = "`, embed.wasmGzip, `";\n`, embed.worker];
  const url = URL.createObjectURL(new Blob(parts, { type: "text/javascript" }));
  let worker;
  try {
    worker = new Worker(url);
  } finally {
    URL.revokeObjectURL(url);
  }
  if (check) worker.postMessage({ type: "check", ...check });
  return worker;
}

// FNV-1a over the UTF-16 code units: tells the saved text from another (app.js keeps a result with it).
function nianbaoHash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// The result app.js kept beside the autosaved text ("nianbao-check.result"), if it is of this very
// text and this very engine build (<meta name="nianbao-build">, written by tools/build-page.mjs).
function nianbaoKeptResult(text) {
  const meta = document.querySelector('meta[name="nianbao-build"]');
  const build = meta ? meta.content : "dev";
  if (build === "dev" || !text.trim()) return null;
  try {
    const kept = JSON.parse(localStorage.getItem("nianbao-check.result") || "null");
    if (kept && kept.build === build && kept.length === text.length && kept.hash === nianbaoHash(text) && kept.result) {
      return { text, result: kept.result, ms: kept.ms };
    }
  } catch { /* storage off, or a damaged copy: check as usual */ }
  return null;
}

var NB_BOOT = (() => {
  try {
    let text = "";
    try { text = localStorage.getItem("nianbao-check.text") || ""; } catch { /* storage off: app.js says so */ }
    // Nothing to check: the worker warms the engine up while the user pastes (worker.js warmUp).
    const check = text.trim() ? { id: 0, text, file: "" } : null;
    const boot = { worker: null, early: [], check, kept: nianbaoKeptResult(text), start };
    function start() {
      if (boot.worker) return boot.worker;
      const worker = startNianbaoWorker({ warmUp: !check, check });
      worker.onmessage = (e) => boot.early.push(e.data || {});
      worker.onerror = (e) => {
        e.preventDefault();
        boot.early.push({ type: "failed", stage: "init", message: e.message || "worker error" });
      };
      boot.worker = worker;
      return worker;
    }
    // With a kept result the page has its result to show at once: app.js starts the engine (start())
    // once that is painted, so that the worker's start does not hold up the first frame.
    if (!boot.kept) start();
    return boot;
  } catch {
    return null;
  }
})();
