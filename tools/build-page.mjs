#!/usr/bin/env node
// Build the page from web/ and the Emscripten module.
//
//   node tools/build-page.mjs [--module DIR] [--out DIR]
//
//   --module DIR   where nianbao.js + nianbao.wasm are (default build/wasm)
//   --out DIR      where to write (default: the module directory)
//
// Writes
//   OUT/web/                 index.html, boot.js, marks.js, app.js, view.js, export.js, worker.js, style.css, nianbao.js,
//                            nianbao.wasm, compare.html/.js/.css: for hosting under
//                            `script-src 'self' 'wasm-unsafe-eval'` (see docs/page.md); and the
//                            embeddable element: nianbao-element.js (view.js + element.js),
//                            nianbao-element.css, examples/portal.* (docs/embedding.md)
//   OUT/nianbao-check.html   one self-contained file: CSS, app, worker (Blob URL) and wasm inlined, with
//                            a <meta> CSP that allows exactly those inline blocks by hash. The wasm and
//                            the worker's source are in data blocks in <head> (<script> elements of
//                            types that never run), where boot.js starts the worker; the wasm is
//                            gzip-compressed, then base64: base64 of the raw module would break gzip's
//                            byte-aligned matches (the page was 345 KB gzip that way, 274 KB like this);
//                            the worker decompresses it (web/inflate.js). Compressed with zopfli
//                            (Debian package zopfli; about 6 % smaller than zlib's level 9) when it is
//                            installed, else with zlib's level 9 and a warning.
//   OUT/nianbao-compare.html the cross-year page (compare.html), self-contained the same way.
// No -sSINGLE_FILE: emscripten 3.1.6 would fetch() a data: URL (a connect-src violation); the page
// hands the bytes over as `wasmBinary` instead.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

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

// JavaScript with every non-ASCII UTF-16 unit written as \uXXXX: the same program wherever such a
// character can appear in this code (string, template and regular-expression literals, comments).
const asciiOnly = (js) => js.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

function replaceOnce(html, pattern, replacement, what, page = "web/index.html") {
  if (!pattern.test(html)) die(`${page} 中找不到 ${what}`, `${page} has no ${what}`);
  return html.replace(pattern, () => replacement);
}

// page: the HTML; css: [names] of its <link rel=stylesheet>; js: [names] of its <script defer>,
// all from web/, inlined in that order; boot: the name of its <script> in <head>, if it has one.
//
// <head> gets the two data blocks (<script> elements of types that never run: no CSP hash, and the
// JavaScript parser never sees them) — the module's base64 and the worker's source — and a script
// that defines NB_EMBED from them and runs the boot script, so that the worker starts before the
// rest of the page is parsed. The page's own scripts go at the end of <body>.
function buildSingleFile({ page, css, js, boot }, { worker, inflate, glue, wasmGzip, build }) {
  const html = stampBuild(read(path.join(webDir, page)), build);
  const style = assertInlineSafe(css.map((n) => read(path.join(webDir, n))).join("\n"), "style", `web/${css.join(" + ")}`);
  // ASCII only (\uXXXX for the rest, in its strings and comments): the worker's thread then decodes
  // and compiles its script as one-byte text, the fast way.
  const workerSource = assertInlineSafe(asciiOnly(`${glue}\n${inflate}\n${worker}`), "script", "nianbao.js + web/inflate.js + web/worker.js");
  const headScript = assertInlineSafe(
    // Read when a worker starts (not before: a page showing a kept result starts it after its first frame).
    `var NB_EMBED = {get worker() { return document.getElementById("nb-worker").textContent; }, ` +
    `get wasmGzip() { return document.getElementById("nb-wasm").textContent; }};\n` +
    (boot ? read(path.join(webDir, boot)) : ""),
    "script", boot ? `web/${boot}` : "NB_EMBED");
  const script = assertInlineSafe(js.map((n) => read(path.join(webDir, n))).join("\n"), "script", `web/${js.join(" + ")}`);
  // Minimal policy: nothing may load; only these inline blocks run / apply; wasm may compile;
  // the worker may start from the blob: URL the page makes (it inherits this policy).
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(headScript)} ${sha256(script)} 'wasm-unsafe-eval'`,
    `style-src ${sha256(style)}`,
    "worker-src blob:",
  ].join("; ");
  let out = replaceOnce(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*">\n/,
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n`, "the Content-Security-Policy <meta>", page);
  const head =
    `<script type="application/octet-stream" id="nb-wasm">${wasmGzip.toString("base64")}</script>\n` +
    `<script type="text/plain" id="nb-worker">${workerSource}</script>\n` +
    `<script>${headScript}</script>\n`;
  out = boot
    ? replaceOnce(out, new RegExp(`<script src="${boot}"><\/script>\n`), head, `the ${boot} script tag`, page)
    : replaceOnce(out, /<link rel="stylesheet"/, `${head}<link rel="stylesheet"`, "a stylesheet <link>", page);
  css.forEach((n, i) => {
    out = replaceOnce(out, new RegExp(`<link rel="stylesheet" href="${n}">\n`), i ? "" : `<style>${style}</style>\n`, `the ${n} link`, page);
  });
  for (const n of js) out = replaceOnce(out, new RegExp(`<script src="${n}" defer><\/script>\n`), "", `the ${n} script tag`, page);
  out = replaceOnce(out, /<\/body>/, `<script>${script}</script>\n</body>`, "</body>", page);
  return { html: out, csp };
}

// <meta name="nianbao-build" content="dev"> gets the engine's build id (a hash of the glue and the
// module): the page keeps a result for the next visit only under the build that made it.
const BUILD_META = /<meta name="nianbao-build" content="[^"]*">/;
const stampBuild = (html, build) => html.replace(BUILD_META, `<meta name="nianbao-build" content="${build}">`);

// The module as the single files carry it: a gzip stream, as small as zopfli makes it.
function gzipModule(wasm) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-page-"));
  try {
    const file = path.join(tmp, "nianbao.wasm");
    fs.writeFileSync(file, wasm);
    const run = spawnSync("zopfli", ["--i15", "-c", file], { maxBuffer: 64 << 20 });
    if (run.status === 0 && run.stdout.length > 18 && zlib.gunzipSync(run.stdout).equals(wasm)) {
      return { bytes: run.stdout, how: "zopfli --i15" };
    }
  } catch {
    // no zopfli: zlib below
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.warn("build-page: 未找到 zopfli，改用 zlib（单文件页面约大 15 KB）\n" +
    "build-page: zopfli not found (apt-get install zopfli): the module is compressed with zlib level 9, " +
    "which makes the single-file pages about 15 KB larger");
  return { bytes: zlib.gzipSync(wasm, { level: 9 }), how: "zlib level 9" };
}

// Copied as they are into OUT/web/.
const HOSTED = ["index.html", "boot.js", "marks.js", "app.js", "view.js", "export.js", "worker.js", "style.css",
  "compare.html", "compare.js", "compare.css", "examples/portal.html", "examples/portal.css", "examples/portal.js"];
// The single-file pages: what each inlines.
const SINGLE = {
  check: { page: "index.html", css: ["style.css"], js: ["marks.js", "app.js", "view.js", "export.js"], boot: "boot.js" },
  compare: { page: "compare.html", css: ["style.css", "compare.css"], js: ["compare.js"] },
};

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const files = {
    worker: read(path.join(webDir, "worker.js")),
    glue: read(path.join(opts.module, "nianbao.js")),
    wasm: read(path.join(opts.module, "nianbao.wasm"), null),
  };
  if (files.wasm.length < 8 || files.wasm.readUInt32BE(0) !== 0x0061736d) {
    die(`${opts.module}/nianbao.wasm 不是 WebAssembly 文件`, `${opts.module}/nianbao.wasm is not a WebAssembly binary`);
  }
  // For the single files: gunzip (web/inflate.js) in the worker, the module gzip-compressed.
  files.inflate = read(path.join(webDir, "inflate.js"));
  files.build = createHash("sha256").update(files.glue).update(files.wasm).digest("hex").slice(0, 16);
  const packed = gzipModule(files.wasm);
  files.wasmGzip = packed.bytes;

  const hosted = path.join(opts.out, "web");
  fs.mkdirSync(hosted, { recursive: true });
  for (const name of HOSTED) {
    fs.mkdirSync(path.dirname(path.join(hosted, name)), { recursive: true });
    if (name === "index.html") fs.writeFileSync(path.join(hosted, name), stampBuild(read(path.join(webDir, name)), files.build));
    else fs.copyFileSync(path.join(webDir, name), path.join(hosted, name));
  }
  fs.writeFileSync(path.join(hosted, "nianbao.js"), files.glue);
  fs.writeFileSync(path.join(hosted, "nianbao.wasm"), files.wasm);
  // The element: one script (the shared renderer, then the element) and its stylesheet.
  fs.writeFileSync(path.join(hosted, "nianbao-element.js"),
    `${read(path.join(webDir, "view.js"))}\n${read(path.join(webDir, "element.js"))}`);
  fs.copyFileSync(path.join(webDir, "element.css"), path.join(hosted, "nianbao-element.css"));

  const single = buildSingleFile(SINGLE.check, files);
  const singlePath = path.join(opts.out, "nianbao-check.html");
  fs.writeFileSync(singlePath, single.html);
  fs.writeFileSync(path.join(opts.out, "nianbao-compare.html"), buildSingleFile(SINGLE.compare, files).html);

  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`page: ${path.relative(process.cwd(), singlePath) || singlePath} (${kb(Buffer.byteLength(single.html))}), ` +
    `${path.relative(process.cwd(), hosted) || hosted}/ (wasm ${kb(files.wasm.length)}, glue ${kb(files.glue.length)}); ` +
    `the single files carry the wasm as ${kb(packed.bytes.length)} of gzip (${packed.how})`);
  console.log(`csp: ${single.csp}`);
}

main();
