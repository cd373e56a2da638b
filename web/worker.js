// nianbao-check page worker: owns the WebAssembly engine so typing never waits for a check.
//
// Protocol (all messages are plain objects):
//   → {type: "init", wasmGzipBase64?, warmUp?, check?}
//                                       ← {type: "ready", version, templates} | {type: "failed", stage, message}
//     check: {id, text, file}, a check to run as soon as the engine is ready (boot.js: the autosaved
//     report), answered like the message below, after "ready". Checks that arrive before the engine
//     is ready wait for it (boot.js posts a long report after the script).
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
// Checks that arrive while the engine loads (boot.js posts a long report after the script), run after it.
let waiting = null;
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

// Hosted: compile while the bytes arrive (a Chrome trace shows the streaming compilation). Only a
// module compiled from a response can have its code cached with it by the browser; no such cache
// hit was seen in the headless tests here.
async function streamInstance(imports) {
  if (typeof WebAssembly.instantiateStreaming === "function") {
    try {
      return await WebAssembly.instantiateStreaming(fetch("nianbao.wasm"), imports);
    } catch (err) {
      // A server that sends .wasm with another type, or a failed fetch: the plain way says which.
      if (!(err instanceof TypeError)) throw err;
    }
  }
  const response = await fetch("nianbao.wasm");
  if (!response.ok) throw new Error(`nianbao.wasm: HTTP ${response.status}`);
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}

// Single file: the module, gzip-compressed, decompressed and compiled as one stream (the compiler
// starts on the first bytes out of DecompressionStream; no fetch, so no connect-src). Without
// DecompressionStream or streaming compilation: web/inflate.js, then the plain way.
async function embeddedInstance(gz, imports) {
  if (typeof DecompressionStream === "function" && typeof WebAssembly.instantiateStreaming === "function") {
    try {
      const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"));
      return await WebAssembly.instantiateStreaming(new Response(stream, { headers: { "Content-Type": "application/wasm" } }), imports);
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
    }
  }
  return WebAssembly.instantiate(await gunzip(gz), imports);
}

const asObject = (v) => (typeof v === "string" ? JSON.parse(v) : v);
const describe = (err) => (err && err.message ? `${err.name || "Error"}: ${err.message}` : String(err));

async function init(msg) {
  waiting = waiting || [];
  try {
    let instantiateFailed;
    const failed = new Promise((_, reject) => { instantiateFailed = reject; });
    const options = {
      print: () => {},
      printErr: (s) => console.warn("nianbao:", s),
      onAbort: () => { broken = true; },
    };
    if (msg.wasmGzipBase64) {
      const gz = fromBase64(msg.wasmGzipBase64);
      options.instantiateWasm = (imports, receive) => {
        embeddedInstance(gz, imports).then((r) => { receive(r.instance, r.module); }, instantiateFailed);
        return {};
      };
    } else {
      options.instantiateWasm = (imports, receive) => {
        streamInstance(imports).then((r) => receive(r.instance, r.module), instantiateFailed);
        return {};
      };
    }
    engine = await Promise.race([createNianbao(options), failed]);
    const templates = asObject(engine.templates());
    postMessage({ type: "ready", version: String(engine.version()), templates });
    if (msg.check) check({ type: "check", ...msg.check });
    else if (msg.warmUp && !waiting.length) warmUp(templates);
  } catch (err) {
    postMessage({ type: "failed", stage: "init", message: describe(err) });
  }
  const queued = waiting;
  waiting = null;
  for (const m of queued) check(m);
}

// V8 compiles a module's functions lazily, on their first call, with its baseline compiler: the first
// check of a page's life pays for compiling most of the engine (a few hundred ms on a slow machine).
// When the page starts with nothing to check, it asks for this: one check of a small report made from
// the templates, while the user is still pasting, so that their first check does not pay for it.
function warmUp(templates) {
  const t = templates && (templates.v2021 || templates.v2019);
  if (!t || !Array.isArray(t.sections)) return;
  const numerals = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
  const lines = ["某区人民政府办公室2023年政府信息公开工作年度报告"];
  for (const s of t.sections) {
    lines.push(`${numerals[s.number] || s.number}、${s.heading}`, "2023年，本机关共收到政府信息公开申请12件，办结10件，结转2件。");
    const table = (t.tables || {})[s.key];
    const columns = table && Array.isArray(table.columns) ? table.columns : [];
    if (table && Array.isArray(table.rows)) {
      lines.push(["", ...columns.map((c) => c.label)].join("\t"));
      for (const r of table.rows) lines.push([r.label, ...columns.map(() => "0")].join("\t"));
    } else if (columns.length) {
      lines.push(columns.map((c) => c.label).join("\t"), columns.map(() => "0").join("\t"));
    }
  }
  try {
    engine.check(lines.join("\n"), { file: "" });
  } catch (err) {
    // Only a warm-up; but a trap can leave the instance inconsistent (see check): the next check then
    // says the engine is unavailable and the page starts a fresh worker.
    broken = broken || !(err instanceof SyntaxError);
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

// boot.js puts its init message at the top of this script (NB_INIT) instead of posting it.
/* global NB_INIT */
if (typeof NB_INIT === "object" && NB_INIT) init(NB_INIT);

onmessage = (e) => {
  const msg = e.data || {};
  if (msg.type === "init") init(msg);
  else if (msg.type === "check" || msg.type === "compare") {
    if (waiting) waiting.push(msg);
    else check(msg);
  }
};
