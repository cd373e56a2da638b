// nianbao-check page worker: owns the WebAssembly engine so typing never waits for a check.
//
// Protocol (all messages are plain objects):
//   → {type: "init", wasmGzipBase64?}    ← {type: "ready", version, templates} | {type: "failed", stage, message}
//   → {type: "check", id, text, file}   ← {type: "result", id, result, ms}    | {type: "failed", id, stage, message}
//   → {type: "compare", id, last, text} ← {type: "result", id, result, ms}    (compare.html: nianbao-compare/1)
// A failure after init is reported and the worker stays alive; the page decides whether to
// restart it (an aborted wasm instance is not reused: see `broken`).
/* global createNianbao, importScripts */
"use strict";

// The single-file build prepends the Emscripten glue and web/inflate.js (gunzip) to this file and
// sends the module gzip-compressed as base64 (wasmGzipBase64); the hosted build loads the glue and
// fetches nianbao.wasm.
/* global gunzip */
if (typeof createNianbao !== "function") importScripts("nianbao.js");

let engine = null;
let broken = false;

function fromBase64(b64) {
  // Native where there is one (Chromium 140+, Firefox 133+, Safari 18.2+): several times faster than
  // the loop below, which runs as cold JavaScript on the page's way to its first result.
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function wasmBytes(wasmGzipBase64) {
  if (wasmGzipBase64) return gunzip(fromBase64(wasmGzipBase64));
  const response = await fetch("nianbao.wasm");
  if (!response.ok) throw new Error(`nianbao.wasm: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const asObject = (v) => (typeof v === "string" ? JSON.parse(v) : v);
const describe = (err) => (err && err.message ? `${err.name || "Error"}: ${err.message}` : String(err));

async function init(msg) {
  try {
    const wasmBinary = await wasmBytes(msg.wasmGzipBase64);
    engine = await createNianbao({
      wasmBinary,
      print: () => {},
      printErr: (s) => console.warn("nianbao:", s),
      onAbort: () => { broken = true; },
    });
    postMessage({ type: "ready", version: String(engine.version()), templates: asObject(engine.templates()) });
  } catch (err) {
    postMessage({ type: "failed", stage: "init", message: describe(err) });
  }
}

function check(msg) {
  if (!engine || broken) {
    postMessage({ type: "failed", id: msg.id, stage: "check", message: "engine unavailable", fatal: true });
    return;
  }
  try {
    const t0 = performance.now();
    const result = asObject(msg.type === "compare" ? engine.compare(msg.last, msg.text) : engine.check(msg.text, { file: msg.file || "" }));
    postMessage({ type: "result", id: msg.id, result, ms: performance.now() - t0 });
  } catch (err) {
    // A trap (RuntimeError, out of memory) can leave the instance inconsistent: never reuse it.
    broken = broken || !(err instanceof SyntaxError);
    postMessage({ type: "failed", id: msg.id, stage: "check", message: describe(err), fatal: broken });
  }
}

onmessage = (e) => {
  const msg = e.data || {};
  if (msg.type === "init") init(msg);
  else if (msg.type === "check" || msg.type === "compare") check(msg);
};
