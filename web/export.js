// NianbaoExport: the current result as JSON, CSV or a printable HTML report, generated in the
// browser (Blob + download link; nothing goes over the network). Classic script after view.js;
// defines the global `NianbaoExport` and, on the main page, wires the three export buttons.
//
//   NianbaoExport.json(result)                      → text: the result object, exactly (2-space indent)
//   NianbaoExport.csv(result)                       → text: UTF-8 BOM, CRLF, RFC 4180 quoting
//   NianbaoExport.html(result, {templates, lang})   → Promise<text>: a standalone HTML document
//   NianbaoExport.download(text, name, type)        → saves it under `name`
/* global NianbaoView */
/* exported NianbaoExport */
"use strict";
var NianbaoExport = (() => {
  // ------------------------------------------------------------------ JSON
  const json = (result) => `${JSON.stringify(result, null, 2)}\n`;

  // ------------------------------------------------------------------ CSV
  // A header block (one "field,value" row each) and, after an empty row, one row per diagnostic.
  // Every row has the same number of fields (RFC 4180); text a spreadsheet would run as a
  // formula (=, +, -, @ first) is prefixed with an apostrophe.
  const COLUMNS = ["severity", "rule", "line", "column", "check", "message_zh", "message_en"];
  function field(v) {
    let s = v === undefined || v === null ? "" : String(v);
    if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }
  const row = (values) => COLUMNS.map((_, i) => field(values[i])).join(",");
  function csv(result) {
    const rep = result.report || {};
    const n = NianbaoView.counts(result);
    const rows = [
      ["schema", result.schema], ["version", result.version], ["file", result.file],
      ["template", rep.template], ["year", rep.year], ["org", rep.org],
      ["errors", n.error], ["warnings", n.warning], ["infos", n.info],
      [],
      COLUMNS,
      ...(result.diagnostics || []).map((d) => [d.severity, d.rule, d.line, d.column, d.check,
        d.message && d.message.zh, d.message && d.message.en]),
    ];
    return `\ufeff${rows.map(row).join("\r\n")}\r\n`;
  }

  // ------------------------------------------------------------------ printable HTML
  // Screen and print styles in one block; the document allows nothing but that block.
  const REPORT_CSS = `
body { font: 14px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1b1b1b; margin: 1.5rem; }
h1 { font-size: 1.3rem; margin: 0 0 .3rem; } h2 { font-size: 1.1rem; border-bottom: 1px solid #999; margin: 1.2rem 0 .4rem; }
h4 { margin: .8rem 0 .3rem; } .meta { color: #4d4d4d; margin: 0; } .summary { font-weight: bold; }
.outline, .diagnostics { padding-left: 1.5rem; } .outline .missing, .outline .duplicated { color: #a4001d; }
table.grid { border-collapse: collapse; margin: .3rem 0 .6rem; font-size: 12px; }
.grid th, .grid td { border: 1px solid #8a8f98; padding: 2px 5px; text-align: right; }
.grid th[scope=row], .grid th[scope=rowgroup] { text-align: left; } .grid caption { text-align: left; font-weight: bold; }
.grid td.fail { background: #fde8eb; color: #a4001d; font-weight: bold; outline: 2px solid #a4001d; outline-offset: -2px; }
.grid td.absent, .grid td.blank { color: #6b6b6b; }
.identities code, .rule { font-family: ui-monospace, Menlo, Consolas, monospace; }
.diag { margin: .3rem 0; } .diag > span, .diag > code { margin-right: .5rem; }
.sev.error { color: #a4001d; font-weight: bold; } .sev.warning { color: #6e4500; font-weight: bold; } .sev.info { color: #0a4a80; }
.where { color: #4d4d4d; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { margin: 0; font-size: 10.5pt; color: #000; }
  .grid { font-size: 8pt; } .grid-wrap, .diag, .identity { break-inside: avoid; }
  h2, h4 { break-after: avoid; } .table-block { break-before: auto; }
  .grid td.fail { background: none; border: 2px solid #000; }
}`;
  const HEADINGS = {
    zh: { title: "政府信息公开工作年度报告检查结果", outline: "章节", tables: "统计表", diagnostics: "问题列表",
      made: (v, d) => `nianbao-check ${v} 于 ${d} 在本地生成`, file: "文件" },
    en: { title: "Annual report check result", outline: "Sections", tables: "Statistical tables", diagnostics: "Problems",
      made: (v, d) => `generated locally by nianbao-check ${v} on ${d}`, file: "File" },
  };

  async function styleSource(css) {
    try {
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(css));
      return `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
    } catch {
      return "'unsafe-inline'";   // no WebCrypto (an insecure context): the block is still the only style
    }
  }

  async function html(result, { templates = {}, lang = "zh", now = new Date() } = {}) {
    const H = HEADINGS[lang] || HEADINGS.zh;
    const doc = document.implementation.createHTMLDocument("");
    const parts = NianbaoView.build(doc, result, { templates, lang });
    const h = (tag, text, cls) => { const n = doc.createElement(tag); n.textContent = text; if (cls) n.className = cls; return n; };
    const main = doc.createElement("main");
    main.append(h("h1", H.title), h("p", `${H.file}: ${result.file || "—"}`, "meta"),
      h("p", H.made(result.version || "", now.toISOString().slice(0, 19).replace("T", " ")), "meta"),
      parts.summary, h("h2", H.outline), parts.outline, h("h2", H.tables), parts.tables, h("h2", H.diagnostics), parts.diagnostics);
    const csp = `default-src 'none'; style-src ${await styleSource(REPORT_CSS)}; base-uri 'none'; form-action 'none'`;
    const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
    const title = `${H.title} · ${(result.report && result.report.org) || result.file || "nianbao-check"}`;
    return `<!doctype html>\n<html lang="${lang === "en" ? "en" : "zh-CN"}">\n<head>\n<meta charset="utf-8">\n` +
      `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">\n<title>${esc(title)}</title>\n` +
      `<style>${REPORT_CSS}</style>\n</head>\n<body>\n${main.outerHTML}\n</body>\n</html>\n`;
  }

  // ------------------------------------------------------------------ saving
  function download(text, name, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // "reports/2020 翔安.txt" → "2020 翔安"
  const baseName = (result) => ((result.file || "").split(/[\\/]/).pop().replace(/\.[^.]*$/, "") || "report").replace(/[\x00-\x1f<>:"|?*]/g, "_");

  // ------------------------------------------------------------------ the main page's buttons
  // The page (app.js) offers NianbaoPage.current() → {result, templates, lang} and fires
  // "nianbao-page-render" on document after every render.
  function wirePage() {
    const box = document.getElementById("exports");
    if (!box) return;
    const buttons = [...box.querySelectorAll("button[data-export]")];
    const current = () => (window.NianbaoPage && window.NianbaoPage.current()) || {};
    const LABELS = {
      zh: { group: "导出检查结果", json: "导出 JSON", csv: "导出 CSV", html: "打印版报告（HTML）" },
      en: { group: "Export the result", json: "Export JSON", csv: "Export CSV", html: "Printable report (HTML)" },
    };
    const sync = () => {
      const c = current();
      const words = LABELS[c.lang] || LABELS.zh;
      box.setAttribute("aria-label", words.group);
      for (const b of buttons) {
        b.disabled = !c.result;
        b.textContent = words[b.dataset.export];
      }
    };
    const MAKERS = {
      json: (c) => [json(c.result), "json", "application/json"],
      csv: (c) => [csv(c.result), "csv", "text/csv;charset=utf-8"],
      html: async (c) => [await html(c.result, c), "html", "text/html;charset=utf-8"],
    };
    for (const b of buttons) {
      b.addEventListener("click", async () => {
        const c = current();
        if (!c.result) return;
        const [text, ext, type] = await MAKERS[b.dataset.export](c);
        download(text, `${baseName(c.result)}.nianbao.${ext}`, type);
      });
    }
    document.addEventListener("nianbao-page-render", sync);
    sync();
  }
  if (typeof document !== "undefined" && document.readyState !== "loading") wirePage();
  else if (typeof document !== "undefined") document.addEventListener("DOMContentLoaded", wirePage);

  return { json, csv, html, download, REPORT_CSS };
})();
