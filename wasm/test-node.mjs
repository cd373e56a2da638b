// The wasm module must say exactly what the native CLI says.
//
//   node wasm/test-node.mjs [--module build/wasm/nianbao-node.js]
//                           [--cli build/native/tools/nianbao] [FILE...]
//
// For every report (FILE..., else tests/corpus/*.txt, else /work/shared/seeds/*.txt)
// plus a few synthetic edge cases, run check() in wasm and
// `nianbao check --format json` natively, then
//   - compare the two JSON trees field by field, ignoring only start16/end16;
//   - check every span's start16/end16: text.slice(start16, end16) must equal
//     the UTF-8 bytes [start, end) decoded.
// Prints "N passed, N failed"; exits 1 on any failure.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const modulePath = path.resolve(opt('--module', path.join(root, 'build/wasm/nianbao-node.js')));
const cliPath = path.resolve(opt('--cli', path.join(root, 'build/native/tools/nianbao')));
for (const [what, p, how] of [['wasm module', modulePath, 'cmake --build --preset wasm --target nianbao_node'],
                              ['native CLI', cliPath, 'cmake --preset native && cmake --build build/native -j2']]) {
  if (!fs.existsSync(p)) {
    console.error(`找不到 ${what} not found: ${p}\n先构建 build it first: ${how}`);
    process.exit(2);
  }
}

function corpusFiles() {
  if (args.length) return args.map((f) => path.resolve(f));
  for (const dir of [path.join(root, 'tests/corpus'), '/work/shared/seeds']) {
    if (!fs.existsSync(dir)) continue;
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
    if (files.length) return files.map((f) => path.join(dir, f));
  }
  return [];
}

// --- native -----------------------------------------------------------------
function nativeCheck(file) {
  let out;
  try {
    out = execFileSync(cliPath, ['check', '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  } catch (e) {
    if (e.status !== 1) throw new Error(`native CLI exited with ${e.status}: ${e.stderr}`);
    out = e.stdout;  // 1 = the report has errors: a normal result
  }
  return JSON.parse(out);
}

// --- comparison ---------------------------------------------------------------
const IGNORED = new Set(['start16', 'end16']);

function diff(wasm, native, where, out) {
  if (out.length >= 10) return out;
  const kind = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(wasm) !== kind(native)) {
    out.push(`${where}: wasm ${JSON.stringify(wasm)} vs native ${JSON.stringify(native)}`);
  } else if (kind(wasm) === 'array') {
    if (wasm.length !== native.length) out.push(`${where}: wasm has ${wasm.length} items, native ${native.length}`);
    for (let i = 0; i < Math.min(wasm.length, native.length); i++) diff(wasm[i], native[i], `${where}[${i}]`, out);
  } else if (kind(wasm) === 'object') {
    const keys = new Set([...Object.keys(wasm), ...Object.keys(native)].filter((k) => !IGNORED.has(k)));
    for (const k of keys) {
      if (!(k in wasm)) out.push(`${where}.${k}: missing in wasm`);
      else if (!(k in native)) out.push(`${where}.${k}: missing in native`);
      else diff(wasm[k], native[k], `${where}.${k}`, out);
    }
  } else if (wasm !== native) {
    out.push(`${where}: wasm ${JSON.stringify(wasm)} vs native ${JSON.stringify(native)}`);
  }
  return out;
}

// Every object with byte offsets start/end must carry start16/end16 that cut the
// same text out of the JS string.
function checkSpans(node, text, bytes, where, out, counter) {
  if (out.length >= 10 || node === null || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    node.forEach((v, i) => checkSpans(v, text, bytes, `${where}[${i}]`, out, counter));
    return out;
  }
  if (Number.isInteger(node.start) && Number.isInteger(node.end)) {
    counter.spans++;
    const { start, end, start16, end16 } = node;
    if (!Number.isInteger(start16) || !Number.isInteger(end16)) {
      out.push(`${where}: span without start16/end16`);
    } else if (!(start <= end && end <= bytes.length && start16 <= end16 && end16 <= text.length)) {
      out.push(`${where}: span out of range: bytes [${start},${end}) of ${bytes.length}, ` +
               `utf16 [${start16},${end16}) of ${text.length}`);
    } else {
      const fromBytes = bytes.subarray(start, end).toString('utf8');
      const fromText = text.slice(start16, end16);
      if (fromBytes !== fromText)
        out.push(`${where}: bytes [${start},${end}) = ${JSON.stringify(fromBytes.slice(0, 40))} but ` +
                 `utf16 [${start16},${end16}) = ${JSON.stringify(fromText.slice(0, 40))}`);
    }
  }
  for (const [k, v] of Object.entries(node)) checkSpans(v, text, bytes, `${where}.${k}`, out, counter);
  return out;
}

// --- the run ------------------------------------------------------------------
const require = createRequire(import.meta.url);
const createNianbao = require(modulePath);
const nb = await createNianbao();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-wasm-test-'));
let passed = 0, failed = 0, wasmMs = 0, spans = 0;

function report(name, problems) {
  if (problems.length === 0) {
    passed++;
    console.log(`ok    ${name}`);
  } else {
    failed++;
    console.log(`FAIL  ${name}`);
    for (const p of problems.slice(0, 20)) console.log(`        ${p}`);
    if (problems.length > 20) console.log(`        … ${problems.length - 20} more`);
  }
}

// One case: `text` is what the page would pass; the CLI reads the same text as
// UTF-8 from `file` (written to a temporary file unless given).
function compareCase(name, text, file, expect) {
  const problems = [];
  try {
    const wellFormed = text.toWellFormed();  // what the binding hands to the core
    const bytes = Buffer.from(wellFormed, 'utf8');
    if (!file || !fs.readFileSync(file).equals(bytes)) {
      file = path.join(tmp, path.basename(name).replace(/[^\w.-]/g, '_') || 'case');
      fs.writeFileSync(file, bytes);
    }
    const t0 = performance.now();
    const wasm = nb.check(text, { file });
    wasmMs += performance.now() - t0;
    const native = nativeCheck(file);
    problems.push(...diff(wasm, native, 'result', []));
    const counter = { spans: 0 };
    problems.push(...checkSpans(wasm, wellFormed, bytes, 'result', [], counter));
    spans += counter.spans;
    if (counter.spans === 0 && wasm.sections?.length) problems.push('no spans found to check');
    if (expect) problems.push(...expect(wasm));
  } catch (e) {
    problems.push(`threw: ${e && e.stack ? e.stack : e}`);
  }
  report(name, problems);
}

function expectCase(name, fn) {
  let problems;
  try { problems = fn() || []; } catch (e) { problems = [`threw: ${e && e.stack ? e.stack : e}`]; }
  report(name, problems);
}

const files = corpusFiles();
if (files.length === 0) console.log('warning: no corpus files found');
const texts = [];
for (const file of files) {
  const bytes = fs.readFileSync(file);
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // Not UTF-8: decode it as the CLI detected it, as the page would before check().
    const enc = nativeCheck(file).input.encoding.replace(/-bom$/, '');
    text = new TextDecoder(enc === 'binary' ? 'latin1' : enc).decode(bytes);
  }
  texts.push(text);
  compareCase(path.relative(root, file), text, file);
}

// Synthetic edge cases (compared with the CLI on the same UTF-8 text).
const base = texts[0] ?? '一、总体情况\n二、主动公开政府信息情况\n';
compareCase('synthetic: empty', '');
compareCase('synthetic: astral chars + CRLF', '𠮷野家😀\r\n' + base.replace(/\r?\n/g, '\r\n'));
compareCase('synthetic: lone surrogates', base.replace('\n', '\uD800\n').replace(/\n([^\n]*)$/, '\uDFFF\n$1'));
compareCase('synthetic: NUL and controls', '\0\x01' + base.slice(0, 2000) + '\x7f');
// Full-width digits and Kangxi radicals (⼀ U+2F00) fold only through ICU's NFKC
// data (nfkc.nrm): the same cells as the ASCII text prove the data is linked in.
const cellsOf = (r) => JSON.stringify(r.tables.map((t) => [t.key, t.cells]));
const plain = nb.check(base, {});
compareCase('synthetic: full-width digits + Kangxi radicals (NFKC data)',
  base.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xFEE0)).replace(/^一、/m, '⼀、'),
  undefined,
  (r) => (plain.tables.length && cellsOf(r) === cellsOf(plain) ? [] : ['cells differ from the ASCII-digit text: NFKC missing?']));

// The JS surface itself.
expectCase('api: version() matches the CLI', () => {
  const v = execFileSync(cliPath, ['--version'], { encoding: 'utf8' });
  return v.includes(nb.version()) && nb.version().length > 0 ? [] : [`wasm ${nb.version()} vs CLI ${v.trim()}`];
});
expectCase('api: templates()', () => {
  const t = nb.templates();
  return ['v2019', 'v2021'].filter((k) => !t || typeof t[k] !== 'object').map((k) => `templates().${k} missing`);
});
expectCase('api: check(text) without options', () => {
  const r = nb.check('一、总体情况\n');
  return r.schema === 'nianbao-check/1' ? [] : [`schema ${r.schema}`];
});
for (const [what, call] of [['text is a number', () => nb.check(42)],
                            ['options is a string', () => nb.check('x', 'a.txt')],
                            ['options.file is a number', () => nb.check('x', { file: 7 })]]) {
  expectCase(`api: TypeError when ${what}`, () => {
    try { call(); } catch (e) {
      return e instanceof TypeError && /[\u4e00-\u9fff]/.test(e.message) && /[a-z]{4}/.test(e.message)
        ? [] : [`threw ${e}, expected a bilingual TypeError`];
    }
    return ['did not throw'];
  });
}
expectCase('api: module still works after errors', () => {
  const r = nb.check(base, { file: 'again.txt' });
  return r.file === 'again.txt' ? [] : [`file = ${JSON.stringify(r.file)}`];
});

fs.rmSync(tmp, { recursive: true, force: true });
console.log(`wasm check(): ${wasmMs.toFixed(1)} ms for ${files.length + 5} texts, ${spans} spans checked`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
