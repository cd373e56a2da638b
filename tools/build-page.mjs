#!/usr/bin/env node
// Build the page from web/ and the Emscripten module.
//
//   node tools/build-page.mjs [--module DIR] [--out DIR]
//
//   --module DIR   where nianbao.js + nianbao.wasm are (default build/wasm)
//   --out DIR      where to write (default: the module directory)
//
// Writes
//   OUT/web/                 index.html, app.js, worker.js, style.css, nianbao.js, nianbao.wasm: for hosting
//                            under `script-src 'self' 'wasm-unsafe-eval'` (see docs/page.md)
//   OUT/nianbao-check.html   one self-contained file: CSS, app, worker (Blob URL) and wasm (base64)
//                            inlined, with a <meta> CSP that allows exactly those inline blocks by hash.
// No -sSINGLE_FILE: emscripten 3.1.6 would fetch() a data: URL (a connect-src violation); the page
// hands the bytes over as `wasmBinary` instead.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const webDir = path.join(root, "web");

function die(zh, en) {
  console.error(`build-page: ${zh}\nbuild-page: ${en}`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { module: path.join(root, "build/wasm"), out: null };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, "");
    if (!(name in opts) || i + 1 >= argv.length) {
      die(`无法识别的参数 ${argv[i]}`, `unknown or incomplete argument ${argv[i]}\nusage: node tools/build-page.mjs [--module DIR] [--out DIR]`);
    }
    opts[name] = path.resolve(argv[++i]);
  }
  opts.out = opts.out || opts.module;
  return opts;
}

function read(file, encoding = "utf8") {
  try {
    return fs.readFileSync(file, encoding);
  } catch {
    return die(`找不到 ${file}（先构建 wasm：cmake --preset wasm && cmake --build --preset wasm）`,
      `missing ${file} (build the module first: cmake --preset wasm && cmake --build --preset wasm)`);
  }
}

const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

// Text placed inside <script> or <style> must not be able to end the element early.
function assertInlineSafe(text, tag, what) {
  const bad = new RegExp(`</${tag}|<!--`, "i").exec(text);
  if (bad) die(`${what} 含有 "${bad[0]}"，不能内联`, `${what} contains "${bad[0]}" and cannot be inlined`);
  return text;
}

// JSON, but safe inside an inline <script>: no "<" can start a tag or comment.
const scriptString = (s) => JSON.stringify(s).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

function replaceOnce(html, pattern, replacement, what) {
  if (!pattern.test(html)) die(`web/index.html 中找不到 ${what}`, `web/index.html has no ${what}`);
  return html.replace(pattern, () => replacement);
}

function buildSingleFile({ html, css, app, worker, glue, wasm }) {
  const style = assertInlineSafe(css, "style", "web/style.css");
  const script = assertInlineSafe(
    `var NB_EMBED = {worker: ${scriptString(`${glue}\n${worker}`)}, wasm: "${wasm.toString("base64")}"};\n${app}`,
    "script", "web/app.js");
  // Minimal policy: nothing may load; only these two inline blocks run / apply; wasm may compile;
  // the worker may start from the blob: URL the page makes (it inherits this policy).
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    `style-src ${sha256(style)}`,
    "worker-src blob:",
  ].join("; ");
  let out = replaceOnce(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*">\n/,
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n`, "the Content-Security-Policy <meta>");
  out = replaceOnce(out, /<link rel="stylesheet" href="style.css">\n/, `<style>${style}</style>\n`, "the style.css link");
  out = replaceOnce(out, /<script src="app.js" defer><\/script>\n/, "", "the app.js script tag");
  out = replaceOnce(out, /<\/body>/, `<script>${script}</script>\n</body>`, "</body>");
  return { html: out, csp };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const files = {
    html: read(path.join(webDir, "index.html")),
    css: read(path.join(webDir, "style.css")),
    app: read(path.join(webDir, "app.js")),
    worker: read(path.join(webDir, "worker.js")),
    glue: read(path.join(opts.module, "nianbao.js")),
    wasm: read(path.join(opts.module, "nianbao.wasm"), null),
  };
  if (files.wasm.length < 8 || files.wasm.readUInt32BE(0) !== 0x0061736d) {
    die(`${opts.module}/nianbao.wasm 不是 WebAssembly 文件`, `${opts.module}/nianbao.wasm is not a WebAssembly binary`);
  }

  const hosted = path.join(opts.out, "web");
  fs.mkdirSync(hosted, { recursive: true });
  for (const name of ["index.html", "app.js", "worker.js", "style.css"]) {
    fs.copyFileSync(path.join(webDir, name), path.join(hosted, name));
  }
  fs.writeFileSync(path.join(hosted, "nianbao.js"), files.glue);
  fs.writeFileSync(path.join(hosted, "nianbao.wasm"), files.wasm);

  const single = buildSingleFile(files);
  const singlePath = path.join(opts.out, "nianbao-check.html");
  fs.writeFileSync(singlePath, single.html);

  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`page: ${path.relative(process.cwd(), singlePath) || singlePath} (${kb(Buffer.byteLength(single.html))}), ` +
    `${path.relative(process.cwd(), hosted) || hosted}/ (wasm ${kb(files.wasm.length)}, glue ${kb(files.glue.length)})`);
  console.log(`csp: ${single.csp}`);
}

main();
