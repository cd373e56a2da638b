// nianbao-check page boot: starts the engine's worker from <head>, before the rest of the page is
// parsed, and hands it the autosaved report with `init`, so that the engine loads and checks on one
// core while the browser lays out the page (and the 20 KB of text in the textarea) on the other.
// app.js takes the worker over (NB_BOOT) and replays what it said in the meantime; when anything
// here fails, NB_BOOT is null and app.js starts the worker itself (startNianbaoWorker) and reports
// the failure.
//
// The single-file build defines NB_EMBED = {worker, wasmGzip} just before this script; the hosted
// build loads worker.js, which loads nianbao.js and nianbao.wasm. The storage key is app.js's
// STORE_TEXT.
/* exported NB_BOOT, startNianbaoWorker */
/* global NB_EMBED */
"use strict";

// A new engine worker, sent worker.js's init message with `options` (warmUp, check); the single
// file's wasm goes with it. There, the message travels inside the worker's script (NB_INIT): a
// message posted now would wait in this thread until the worker has started, and this thread is
// about to be busy laying the page out.
function startNianbaoWorker(options) {
  const embed = typeof NB_EMBED !== "undefined" ? NB_EMBED : null;
  const init = { type: "init", wasmGzipBase64: embed ? embed.wasmGzip : undefined, ...options };
  if (!embed) {
    const worker = new Worker("worker.js");
    worker.postMessage(init);
    return worker;
  }
  const url = URL.createObjectURL(new Blob([`var NB_INIT = ${JSON.stringify(init)};\n`, embed.worker],
    { type: "text/javascript" }));
  try {
    return new Worker(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

var NB_BOOT = (() => {
  try {
    let text = "";
    try { text = localStorage.getItem("nianbao-check.text") || ""; } catch { /* storage off: app.js says so */ }
    // Nothing to check: the worker warms the engine up while the user pastes (worker.js warmUp).
    const check = text.trim() ? { id: 0, text, file: "" } : null;
    const worker = startNianbaoWorker({ warmUp: !check, check });
    const early = [];
    worker.onmessage = (e) => early.push(e.data || {});
    worker.onerror = (e) => {
      e.preventDefault();
      early.push({ type: "failed", stage: "init", message: e.message || "worker error" });
    };
    return { worker, early, check };
  } catch {
    return null;
  }
})();
