// The test loop of every browser test file: run.mjs makes one and passes its {test, assert, same}
// to the files it runs (exports.mjs, element.mjs, compare.mjs), so every result lands in one
// "N passed, N failed"; each of those files also runs alone (node exports.mjs) with its own.
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { buildDir } from "./lib.mjs";

export function harness(only = "") {
  const results = { passed: 0, failed: 0 };
  async function test(name, fn) {
    if (!name.includes(only)) return;
    try {
      await fn();
      results.passed++;
      console.log(`ok   ${name}`);
    } catch (err) {
      results.failed++;
      const text = String(err && err.message ? err.message : err).split("\n").slice(0, 12).map((l) => l.slice(0, 400));
      console.log(`FAIL ${name}\n     ${text.join("\n     ")}`);
    }
  }
  const finish = () => {
    console.log(`${results.passed} passed, ${results.failed} failed`);
    process.exit(results.failed ? 1 : 0);
  };
  return { test, assert, same, finish, results };
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}
export function same(actual, expected, what) {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}:\n  got:      ${a.slice(0, 600)}\n  expected: ${e.slice(0, 600)}`);
}

/** The engine as node runs it (build/wasm/nianbao-node.js): check, compare, version. */
let engine;
export async function nodeEngine() {
  if (!engine) engine = await createRequire(import.meta.url)(path.join(buildDir, "nianbao-node.js"))();
  return engine;
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm" };
/** Serve `dir` on 127.0.0.1 with exactly the Content-Security-Policy header `csp` (a portal's). */
export function serveDir(dir, csp) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = path.resolve(dir, `.${rel}`);
    let body = null;
    try { if (file.startsWith(dir + path.sep) && fs.statSync(file).isFile()) body = fs.readFileSync(file); } catch { body = null; }
    res.writeHead(body ? 200 : 404, { "Content-Type": TYPES[path.extname(file)] || "text/plain", "Content-Security-Policy": csp });
    res.end(body || "not found");
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

/** A download triggered by `click()`: its suggested name and its bytes. */
export async function download(page, click) {
  const [dl] = await Promise.all([page.waitForEvent("download", { timeout: 15000 }), click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

/** RFC 4180 CSV → rows of fields. */
export function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\r" && text[i + 1] === "\n") { row.push(field); rows.push(row); row = []; field = ""; i++; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
