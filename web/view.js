// NianbaoView: a check result as plain DOM, for the exported report, the <nianbao-check> element
// and the compare page. Classic script; defines the global `NianbaoView`.
//
//   NianbaoView.build(doc, result, {templates, lang})  → {summary, outline, tables, diagnostics}
//                                                        (each a DOM node of `doc`)
//   NianbaoView.counts(result)                        → {error, warning, info}
//   NianbaoView.t(lang, key, ...args)                 → a UI string
//
// Text from the report reaches the DOM through textContent only, never as markup. Nodes carry
// the same data-* attributes as the page (data-key/-state, data-cell, data-rule …), so the
// browser tests read all renderings alike. No styles here: the caller brings its stylesheet.
/* exported NianbaoView */
"use strict";
var NianbaoView = (() => {
  const STRINGS = {
    zh: {
      templates: { v2019: "2019 版格式", v2021: "2021 版格式", pre2019: "2019 年以前的格式", unknown: "未识别的格式" },
      year: (y) => `${y} 年度`, yearUnknown: "年份未识别", orgUnknown: "报告主体未识别",
      counts: (e, w, i) => `${e} 个错误，${w} 个警告，${i} 条提示`,
      severity: { error: "错误", warning: "警告", info: "提示" },
      state: { found: "已找到", missing: "缺失", duplicated: "重复" },
      outline: "章节", tables: "统计表", diagnostics: "问题列表",
      noDiagnostics: "未发现问题。", noTables: "未找到统计表。",
      missing: "缺失", empty: "空", fail: "不符", failing: "未通过的检查",
      at: (l, c) => `第 ${l} 行第 ${c} 列`, line: (l) => `第 ${l} 行`,
    },
    en: {
      templates: { v2019: "2019 template", v2021: "2021 template", pre2019: "pre-2019 layout", unknown: "unrecognized template" },
      year: (y) => `year ${y}`, yearUnknown: "year not found", orgUnknown: "reporting body not found",
      counts: (e, w, i) => `${e} error${e === 1 ? "" : "s"}, ${w} warning${w === 1 ? "" : "s"}, ${i} note${i === 1 ? "" : "s"}`,
      severity: { error: "Error", warning: "Warning", info: "Info" },
      state: { found: "found", missing: "missing", duplicated: "duplicated" },
      outline: "Sections", tables: "Statistical tables", diagnostics: "Problems",
      noDiagnostics: "No problems found.", noTables: "No statistical tables found.",
      missing: "missing", empty: "empty", fail: "does not add up", failing: "Checks that fail",
      at: (l, c) => `line ${l}, column ${c}`, line: (l) => `line ${l}`,
    },
  };
  const NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
  const ICONS = { error: "✖", warning: "▲", info: "ℹ", found: "✓", missing: "✗", duplicated: "!" };

  const t = (lang, key, ...args) => {
    const v = (STRINGS[lang] || STRINGS.zh)[key];
    return typeof v === "function" ? v(...args) : v;
  };
  const fmt = (v) => (typeof v !== "number" ? "" : Number.isInteger(v) ? String(v) : String(+v.toFixed(4)));
  const counts = (r) => {
    const n = { error: 0, warning: 0, info: 0 };
    for (const d of (r && r.diagnostics) || []) n[d.severity] = (n[d.severity] || 0) + 1;
    return n;
  };

  function build(doc, r, { templates = {}, lang = "zh" } = {}) {
    const T = (key, ...args) => t(lang, key, ...args);
    const el = (tag, attrs, ...children) => {
      const node = doc.createElement(tag);
      for (const [k, v] of Object.entries(attrs || {})) {
        if (v === undefined || v === null || v === false) continue;
        if (k === "class") node.className = v;
        else if (k === "text") node.textContent = v;
        else node.setAttribute(k, String(v));
      }
      for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
      return node;
    };
    const rep = r.report || {};
    const tpl = templates[rep.template] || templates.v2021 || templates.v2019 || { sections: [], tables: {} };
    const label = (item) => (lang === "en" && item.en ? item.en : item.label || item.key || "");

    function sectionName(key) {
      const def = [tpl, ...Object.values(templates)].map((x) => ((x && x.sections) || []).find((s) => s.key === key)).find(Boolean);
      if (!def) return key;
      if (lang === "en") return def.number ? `${def.number}. ${def.en || key}` : def.en || key;
      return def.number ? `${NUMERALS[def.number] || def.number}、${def.heading}` : def.heading;
    }

    // Summary: template · year · body · counts.
    const n = counts(r);
    const summary = el("p", { class: "summary", text: [
      T("templates")[rep.template] || rep.template || T("templates").unknown,
      rep.year ? T("year", rep.year) : T("yearUnknown"),
      rep.org || T("orgUnknown"),
      T("counts", n.error, n.warning, n.info),
    ].join(" · ") });

    // Outline: the template's sections (found / missing / duplicated), then any extra one found.
    const found = new Map();
    for (const s of r.sections || []) found.set(s.key, [...(found.get(s.key) || []), s]);
    const expected = (tpl.sections || []).map((s) => s.key);
    const outline = el("ol", { class: "outline" }, ...[...expected, ...[...found.keys()].filter((k) => !expected.includes(k))].map((key) => {
      const copies = found.get(key) || [];
      const st = copies.length === 0 ? "missing" : copies.length === 1 ? "found" : "duplicated";
      return el("li", { class: `section ${st}`, "data-key": key, "data-state": st, "data-count": copies.length },
        el("span", { class: "mark", "aria-hidden": "true", text: `${ICONS[st]} ` }),
        el("span", { class: "name", text: sectionName(key) }),
        el("span", { class: "state", text: ` · ${T("state")[st]}${copies.length > 1 ? ` ×${copies.length}` : ""}` }),
        copies.length ? el("span", { class: "where", text: ` (${copies.map((s) => T("line", s.line)).join(", ")})` }) : null);
    }));

    // Tables, in the template's layout where it has one, else the rows and columns the keys name.
    function grids(tb) {
      const layout = (tpl.tables || {})[tb.key];
      const leaf = (row, col) => `${row.key}/${col.key}`;
      try {
        if (tb.key === "proactive" && Array.isArray(layout)) {
          return layout.map((p) => ({ caption: p.item, rows: p.rows, groups: [{ columns: p.columns }], key: leaf }));
        }
        if (tb.key === "requests" && layout && layout.rows) return [{ rows: layout.rows, groups: [{ columns: layout.columns }], key: leaf }];
        if (tb.key === "appeals" && layout && layout.groups) {
          return [{ rows: [{ key: "", label: "" }], groups: layout.groups.map((g) => ({ group: g, columns: layout.columns })),
            key: (row, col, g) => `${g.key}/${col.key}` }];
        }
      } catch { /* an unexpected layout: fall back */ }
      const rows = [], cols = [];
      for (const k of Object.keys(tb.cells || {})) {
        const i = k.lastIndexOf("/");
        if (!rows.some((x) => x.key === k.slice(0, i))) rows.push({ key: k.slice(0, i), label: k.slice(0, i) });
        if (!cols.some((x) => x.key === k.slice(i + 1))) cols.push({ key: k.slice(i + 1), label: k.slice(i + 1) });
      }
      return [{ rows, groups: [{ columns: cols }], key: leaf }];
    }

    function grid(tb, spec, failCells) {
      const cells = tb.cells || {};
      const heads = spec.rows.some((x) => x.label);
      const grouped = spec.groups.some((g) => g.group);
      const width = spec.groups.reduce((s, g) => s + g.columns.length, 0) + (heads ? 1 : 0);
      const top = el("tr"), leaves = el("tr");
      if (heads) top.append(el("td", { class: "corner", rowspan: grouped ? 2 : null }));
      for (const g of spec.groups) {
        if (g.group) top.append(el("th", { scope: "colgroup", colspan: g.columns.length, text: label(g.group) }));
        for (const c of g.columns) (grouped ? leaves : top).append(el("th", { scope: "col", text: label(c) }));
      }
      const table = el("table", { class: "grid" }, spec.caption ? el("caption", { text: spec.caption }) : null,
        el("thead", {}, top, grouped ? leaves : null));
      let body = el("tbody");
      table.append(body);
      for (const row of spec.rows) {
        if (row.group === true) {
          body = el("tbody", {}, el("tr", { class: "group" }, el("th", { scope: "rowgroup", colspan: width, text: label(row) })));
          table.append(body);
          continue;
        }
        const tr = el("tr", {}, heads ? el("th", { scope: "row", text: label(row) }) : null);
        for (const g of spec.groups) {
          for (const col of g.columns) {
            const key = spec.key(row, col, g.group);
            const present = Object.prototype.hasOwnProperty.call(cells, key);
            const v = present ? cells[key] : undefined;
            const fails = failCells.has(key);
            tr.append(el("td", { "data-cell": key, class: [present ? "" : "absent", v === null ? "blank" : "", fails ? "fail" : ""].join(" ").trim() || null },
              fails ? el("span", { class: "fail-mark", "aria-hidden": "true", text: "✗ " }) : null,
              el("span", { class: "value", text: !present ? T("missing") : v === null ? T("empty") : fmt(v) }),
              fails ? el("span", { class: "visually-hidden", text: ` (${T("fail")})` }) : null));
          }
        }
        body.append(tr);
      }
      return el("div", { class: "grid-wrap" }, table);
    }

    const tables = el("div", { class: "tables" });
    if (!(r.tables || []).length) tables.append(el("p", { class: "none", text: T("noTables") }));
    for (const tb of r.tables || []) {
      const failing = (r.checks || []).filter((c) => c.status === "fail" && c.id.split(".")[0] === tb.key);
      const failCells = new Set(failing.flatMap((c) => c.cells || []));
      const block = el("section", { class: "table-block", "data-table": tb.key },
        el("h4", { text: `${sectionName(tb.key)} (${T("line", tb.line)})` }));
      for (const spec of grids(tb)) block.append(grid(tb, spec, failCells));
      if (failing.length) {
        block.append(el("p", { class: "failing-h", text: T("failing") }), el("ul", { class: "identities" }, ...failing.map((c) =>
          el("li", { class: "identity", "data-check": c.id },
            el("code", { class: "id", text: c.id }),
            typeof c.lhs === "number" && typeof c.rhs === "number" ? el("span", { class: "expr", text: ` ${fmt(c.lhs)} ≠ ${fmt(c.rhs)}` }) : null,
            c.formula ? el("span", { class: "formula", text: ` · ${c.formula}` }) : null))));
      }
      tables.append(block);
    }

    const list = r.diagnostics || [];
    const diagnostics = el("ol", { class: "diagnostics" }, ...(!list.length ? [el("li", { class: "none", text: T("noDiagnostics") })] : list.map((d) =>
      el("li", { class: `diag ${d.severity}`, "data-rule": d.rule, "data-severity": d.severity, "data-line": d.line, "data-column": d.column },
        el("span", { class: `sev ${d.severity}`, text: `${ICONS[d.severity] || "•"} ${T("severity")[d.severity] || d.severity}` }),
        el("code", { class: "rule", text: d.rule }),
        el("span", { class: "msg", text: (d.message && (d.message[lang] || d.message.zh)) || "" }),
        el("span", { class: "where", text: T("at", d.line, d.column || 1) })))));

    return { summary, outline, tables, diagnostics };
  }

  return { build, counts, t, fmt, STRINGS };
})();
