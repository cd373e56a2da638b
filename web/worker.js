// nianbao-check page worker: owns the WebAssembly engine so typing never waits for a check.
//
// Protocol (all messages are plain objects):
//   → {type: "init", wasmGzipBase64?, warmUp?}  ← {type: "ready", version, templates} | {type: "failed", stage, message}
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
    const templates = asObject(engine.templates());
    postMessage({ type: "ready", version: String(engine.version()), templates });
    if (msg.warmUp) warmUp(templates);
  } catch (err) {
    postMessage({ type: "failed", stage: "init", message: describe(err) });
  }
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

onmessage = (e) => {
  const msg = e.data || {};
  if (msg.type === "init") init(msg);
  else if (msg.type === "check" || msg.type === "compare") check(msg);
};
