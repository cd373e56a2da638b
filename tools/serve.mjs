#!/usr/bin/env node
// A tiny static server for the built page, on 127.0.0.1 only. No dependencies.
//
//   node tools/serve.mjs [PORT] [--dir build/wasm]      (PORT also from $PORT; default 8080)
//
//   /                        build/wasm/web/index.html (the hosted build: separate js/css/wasm)
//   /<file>                  build/wasm/web/<file>
//   /nianbao-check.html      build/wasm/nianbao-check.html (the single file)
//   /nianbao-compare.html    build/wasm/nianbao-compare.html (the cross-year page as one file)
//
// Every response carries a strict Content-Security-Policy. The hosted files get the policy a
// portal would use; the single file gets the policy of its own <meta> (inline blocks by hash).
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const HOSTED_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
};
const SINGLE = "nianbao-check.html";
const SINGLES = new Set([SINGLE, "nianbao-compare.html"]);

// The policy written into the single file's <meta>, sent again as a header.
function metaPolicy(html) {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  return m ? `${m[1]}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'` : HOSTED_CSP;
}

function resolve(dir, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath.split("?")[0]);
  } catch {
    return null;
  }
  if (rel === "/") rel = "/index.html";
  if (SINGLES.has(rel.slice(1))) return path.join(dir, rel.slice(1));
  const base = path.join(dir, "web");
  const file = path.resolve(base, `.${rel}`);
  return file.startsWith(base + path.sep) ? file : null;
}

/** Start serving `dir` (the wasm build directory). Resolves to the http.Server once listening. */
/** `types`: content types by extension that replace the usual ones (the browser tests use it to send
 *  a wrong one). */
export function serve({ dir = path.join(root, "build/wasm"), port = 8080, host = "127.0.0.1", log = () => {}, types = {} } = {}) {
  const server = http.createServer((req, res) => {
    // no-cache + ETag: the browser asks every time and gets 304 for what has not changed, so that
    // edits show at once and a cached response stays the same response, unchanged bytes are not sent
    // again, and a browser that caches compiled code with a response can keep it.
    const send = (status, type, body, csp = HOSTED_CSP, etag = null) => {
      const headers = {
        "Content-Type": type,
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
      };
      if (etag) headers.ETag = etag;
      const fresh = etag && status === 200 && req.headers["if-none-match"] === etag;
      res.writeHead(fresh ? 304 : status, headers);
      res.end(req.method === "HEAD" || fresh ? undefined : body);
      log(`${fresh ? 304 : status} ${req.method} ${req.url}`);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, TYPES[".txt"], "405 method not allowed\n");
    const file = resolve(dir, req.url || "/");
    let body;
    try {
      body = file && fs.statSync(file).isFile() ? fs.readFileSync(file) : null;
    } catch {
      body = null;
    }
    if (!body) return send(404, TYPES[".txt"], "404 未找到 not found\n");
    const ext = path.extname(file).toLowerCase();
    const type = types[ext] || TYPES[ext] || "application/octet-stream";
    const csp = SINGLES.has(path.basename(file)) && path.dirname(file) === path.resolve(dir)
      ? metaPolicy(body.toString("utf8")) : HOSTED_CSP;
    send(200, type, body, csp, `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`);
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok(server));
  });
}

async function main() {
  const args = process.argv.slice(2);
  let dir = path.join(root, "build/wasm");
  let port = Number(process.env.PORT || 8080);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--dir" && i + 1 < args.length) dir = path.resolve(args[++i]);
    else if (/^\d+$/.test(args[i])) port = Number(args[i]);
    else {
      console.error(`serve: 无法识别的参数 unknown argument ${args[i]}\nusage: node tools/serve.mjs [PORT] [--dir build/wasm]`);
      process.exit(2);
    }
  }
  if (!fs.existsSync(path.join(dir, "web", "index.html"))) {
    console.error(`serve: 找不到 ${dir}/web/index.html（先构建：cmake --preset wasm && cmake --build --preset wasm）\n` +
      `serve: ${dir}/web/index.html not found (build first: cmake --preset wasm && cmake --build --preset wasm)`);
    process.exit(2);
  }
  try {
    const server = await serve({ dir, port, log: (line) => console.log(line) });
    const { port: bound } = server.address();
    console.log(`nianbao-check: http://127.0.0.1:${bound}/  (single file: http://127.0.0.1:${bound}/${SINGLE})`);
    console.log("Ctrl+C 停止 to stop");
  } catch (err) {
    console.error(`serve: 无法监听 cannot listen on 127.0.0.1:${port}: ${err.message}`);
    process.exit(2);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
