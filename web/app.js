// nianbao-check page: paste or open a report, check it in a Web Worker, show what the engine found.
//
// Everything the user pasted reaches the DOM through textContent / DOM APIs only, never as markup.
// The engine's worker comes from boot.js, loaded in <head>: it has usually started one already, with
// the autosaved text (NB_BOOT), and starts the others (startNianbaoWorker, after a crash).
/* global NB_BOOT, startNianbaoWorker */
"use strict";
(() => {
  // ---------------------------------------------------------------- strings (zh default, en)
  const STRINGS = {
    zh: {
      pageTitle: "政府信息公开工作年度报告检查 · nianbao-check",
      title: "政府信息公开工作年度报告检查",
      tagline: "粘贴年度报告全文，逐项核对六个部分和统计表的勾稽关系。",
      skip: "跳到检查结果",
      inputHeading: "报告文本",
      textLabel: "在此粘贴报告全文（也可以把 .txt / .html 文件拖到这里）",
      chooseFile: "选择文件…",
      clear: "清空",
      resultsHeading: "检查结果",
      loading: "正在加载检查程序…",
      busy: "检查中…",
      outlineHeading: "章节",
      tablesHeading: "统计表",
      diagnosticsHeading: "问题列表",
      privacy: "本页面在本地检查，不上传任何内容。",
      versionLabel: "版本",
      langButton: "English",
      empty: "请粘贴报告全文，或选择一个 .txt / .html 文件。",
      templates: {
        v2019: "2019 版格式（国办公开办函〔2019〕60号）", v2021: "2021 版格式（国办公开办函〔2021〕30号）",
        pre2019: "2019 年以前的格式", unknown: "未识别的格式",
      },
      year: (y) => `${y} 年度`,
      yearUnknown: "年份未识别",
      orgUnknown: "报告主体未识别",
      counts: (e, w, i) => `${e} 个错误，${w} 个警告，${i} 条提示`,
      took: (ms) => `（用时 ${ms} 毫秒）`,
      severity: { error: "错误", warning: "警告", info: "提示" },
      state: { found: "已找到", missing: "缺失", duplicated: (n) => `重复 ${n} 次` },
      extraSection: "（不属于该格式）",
      at: (l, c) => `第 ${l} 行第 ${c} 列`,
      lineOnly: (l) => `第 ${l} 行`,
      jump: (n, total) => (total > 1 ? `定位第 ${n} 处` : "定位到原文"),
      noDiagnostics: "未发现问题。",
      noTables: "未找到统计表。",
      cellMissing: "缺失",
      cellEmpty: "空",
      cellFail: "不符",
      cellPrefix: (label) => `单元格 ${label}`,
      failingChecks: "未通过的检查",
      recovered: "部分单元格是从连在一起的数字中推断出来的，请与原文核对。",
      layout: (l) => `原文格式：${l}`,
      related: "相关位置",
      textChanged: "文本已修改，请等待重新检查后再定位。",
      engineFailed: (m) => `检查程序出错：${m}。检查程序已重新启动；修改文本后会再次检查。若问题持续，请反馈此信息。`,
      loadFailed: (m) => `无法加载检查程序：${m}。请刷新页面重试。`,
      timeout: (s) => `检查超过 ${s} 秒仍未完成，已中止。检查程序已重新启动。`,
      fileRead: (name, enc) => `已读取文件 ${name}，按 ${enc} 解码。`,
      fileGuessed: (name) => `已读取文件 ${name}：内容不是有效的 UTF-8，已按 GB18030 解码，请核对文字是否正常。`,
      fileTooBig: (name, mb) => `文件 ${name} 超过 ${mb} MB，未读取。`,
      fileFailed: (name, m) => `无法读取文件 ${name}：${m}`,
      htmlInput: "输入为 HTML，已按网页结构解析。",
      confirmClear: "确定要清空文本吗？自动保存的内容也会一并删除。",
      storageOff: "浏览器不允许本地存储，文本不会自动保存。",
      storageFull: "文本太大，超出浏览器本地存储的容量，未能自动保存。",
      cleared: "已清空。",
    },
    en: {
      pageTitle: "Annual report checker (政府信息公开工作年度报告) · nianbao-check",
      title: "Government information disclosure annual report checker",
      tagline: "Paste a full annual report to check its six sections and the arithmetic of its tables.",
      skip: "Skip to results",
      inputHeading: "Report text",
      textLabel: "Paste the full report here (or drop a .txt / .html file here)",
      chooseFile: "Choose file…",
      clear: "Clear",
      resultsHeading: "Results",
      loading: "Loading the checker…",
      busy: "Checking…",
      outlineHeading: "Sections",
      tablesHeading: "Statistical tables",
      diagnosticsHeading: "Problems",
      privacy: "Checked locally in this page; nothing is uploaded (本页面在本地检查，不上传任何内容).",
      versionLabel: "Version",
      langButton: "中文",
      empty: "Paste the full text of a report, or choose a .txt / .html file.",
      templates: {
        v2019: "2019 template (国办公开办函〔2019〕60号)", v2021: "2021 template (国办公开办函〔2021〕30号)",
        pre2019: "pre-2019 layout", unknown: "unrecognized template",
      },
      year: (y) => `year ${y}`,
      yearUnknown: "year not found",
      orgUnknown: "reporting body not found",
      counts: (e, w, i) => `${e} error${e === 1 ? "" : "s"}, ${w} warning${w === 1 ? "" : "s"}, ${i} note${i === 1 ? "" : "s"}`,
      took: (ms) => ` (${ms} ms)`,
      severity: { error: "Error", warning: "Warning", info: "Info" },
      state: { found: "found", missing: "missing", duplicated: (n) => `appears ${n} times` },
      extraSection: "(not part of this format)",
      at: (l, c) => `line ${l}, column ${c}`,
      lineOnly: (l) => `line ${l}`,
      jump: (n, total) => (total > 1 ? `Show copy ${n}` : "Show in text"),
      noDiagnostics: "No problems found.",
      noTables: "No statistical tables found.",
      cellMissing: "missing",
      cellEmpty: "empty",
      cellFail: "does not add up",
      cellPrefix: (label) => `cell ${label}`,
      failingChecks: "Checks that fail",
      recovered: "Some cells were inferred from digits printed together; compare them with the text.",
      layout: (l) => `layout in the text: ${l}`,
      related: "Related",
      textChanged: "The text has changed; wait for the new check before jumping.",
      engineFailed: (m) => `The checker failed: ${m}. It has been restarted and will check again when the text changes. If this keeps happening, please report this message.`,
      loadFailed: (m) => `Could not load the checker: ${m}. Reload the page to try again.`,
      timeout: (s) => `The check did not finish within ${s} s and was stopped. The checker has been restarted.`,
      fileRead: (name, enc) => `Read ${name}, decoded as ${enc}.`,
      fileGuessed: (name) => `Read ${name}: not valid UTF-8, decoded as GB18030 — check that the text looks right.`,
      fileTooBig: (name, mb) => `${name} is larger than ${mb} MB and was not read.`,
      fileFailed: (name, m) => `Could not read ${name}: ${m}`,
      htmlInput: "The input is HTML and was read as a web page.",
      confirmClear: "Clear the text? The autosaved copy is deleted too.",
      storageOff: "This browser does not allow local storage; the text is not autosaved.",
      storageFull: "The text is too large for the browser's local storage and was not autosaved.",
      cleared: "Cleared.",
    },
  };

  const NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
  // How a check family reads, and which template axis its "/detail" names.
  const CHECK_FAMILIES = {
    "requests.balance": { axis: "columns", zh: "结转平衡", en: "Carry-over balance" },
    "requests.results": { axis: "columns", zh: "办理结果合计", en: "Sum of outcomes" },
    "requests.applicants": { axis: "rows", zh: "申请人合计", en: "Sum over applicants" },
    "appeals.total": { axis: "groups", zh: "复议诉讼合计", en: "Review / lawsuit total" },
  };
  // How a table was printed in the pasted text (Table.layout).
  const LAYOUTS = {
    tsv: { zh: "制表符分隔", en: "tab-separated" },
    "cell-per-line": { zh: "每行一格", en: "one cell per line" },
    pipe: { zh: "竖线分隔", en: "pipe-separated" },
    markdown: { zh: "Markdown 表格", en: "Markdown table" },
    html: { zh: "网页表格", en: "HTML table" },
    plain: { zh: "空格分隔", en: "space-separated" },
    glued: { zh: "数字连在一起", en: "digits run together" },
  };
  const SEVERITY_ICON = { error: "✖", warning: "▲", info: "ℹ" };
  const ENCODING_NAMES = { "utf-8": "UTF-8", "utf-16le": "UTF-16LE", "utf-16be": "UTF-16BE", gb18030: "GB18030" };

  const DEBOUNCE_MS = 200;
  const RELATED_OPEN = 4;     // more related locations than this are folded into <details>
  const SAVE_MS = 400;
  const CHECK_TIMEOUT_S = 20;
  const MAX_FILE_MB = 20;
  const STORE_TEXT = "nianbao-check.text";
  const STORE_LANG = "nianbao-check.lang";

  // ---------------------------------------------------------------- state
  const $ = (id) => document.getElementById(id);
  const ui = {
    text: $("text"), file: $("file"), clear: $("clear"), fileNote: $("file-note"), lang: $("lang"),
    results: $("results"), summary: $("summary"), busy: $("busy"), outline: $("outline"),
    tables: $("tables"), diagnostics: $("diagnostics"), version: $("version"),
  };
  const state = {
    lang: "zh",
    worker: null, ready: false, version: "", templates: null,
    nextId: 1, inFlight: null, dirty: false, timer: 0, watchdog: 0,
    shown: null,        // {text, result, ms}: what the results panel describes
    notice: null,       // {key, args}: a message replacing the summary (engine failure…)
    fileNote: null,     // {key, args}
    fileName: "",
  };
  const t = (key, ...args) => {
    const v = STRINGS[state.lang][key];
    return typeof v === "function" ? v(...args) : v;
  };

  // ---------------------------------------------------------------- small DOM helpers
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    return add(node, ...children);
  }
  // append() would print null as "null": skip absent children.
  function add(node, ...children) {
    for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
    return node;
  }
  const fmt = (v) => (typeof v !== "number" ? "" : Number.isInteger(v) ? String(v) : String(+v.toFixed(4)));

  // ---------------------------------------------------------------- storage
  const store = {
    ok: true,
    get(k) { try { return localStorage.getItem(k); } catch { this.ok = false; return null; } },
    full: false,
    set(k, v) {
      try {
        if (v === "") localStorage.removeItem(k); else localStorage.setItem(k, v);
        this.full = false;
        return true;
      } catch (err) {
        if (err && err.name === "QuotaExceededError") {
          this.full = true;
          try { localStorage.removeItem(k); } catch { /* nothing stale to keep either way */ }
        } else {
          this.ok = false;
        }
        return false;
      }
    },
  };
  let saveTimer = 0;
  let savePending = false;
  function saveSoon() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveWhenIdle, SAVE_MS);
  }
  // localStorage is synchronous: saving a 5 MB text holds the main thread for a fifth of a second or
  // more. A save that falls due while the worker checks waits for the result (savedAfterCheck), so
  // the page stays responsive for the whole check.
  function saveWhenIdle() {
    if (state.inFlight) savePending = true;
    else saveNow();
  }
  function savedAfterCheck() {
    if (savePending) saveNow();
  }
  function saveNow() {
    clearTimeout(saveTimer);
    savePending = false;
    if (store.set(STORE_TEXT, ui.text.value)) {
      if (state.fileNote && state.fileNote.key === "storageFull") setFileNote(null);
    } else {
      setFileNote(store.full ? "storageFull" : "storageOff");
    }
  }

  // ---------------------------------------------------------------- worker
  // The worker boot.js started from <head> (with the autosaved text already on its way), once.
  function takeBootWorker() {
    const boot = typeof NB_BOOT !== "undefined" ? NB_BOOT : null;
    if (!boot || boot.taken) return null;
    boot.taken = true;
    return boot;
  }

  function startWorker() {
    state.ready = false;
    const boot = takeBootWorker();
    let worker;
    try {
      worker = boot ? boot.worker : startNianbaoWorker({ warmUp: !ui.text.value.trim() });
    } catch (err) {
      fail("loadFailed", err.message || String(err));
      return;
    }
    state.worker = worker;
    worker.onmessage = (e) => onWorkerMessage(worker, e.data || {});
    worker.onerror = (e) => {
      e.preventDefault();
      if (worker !== state.worker) return;
      const wasReady = state.ready;
      stopWorker();
      fail(wasReady ? "engineFailed" : "loadFailed", e.message || "worker error");
    };
    if (!boot) return;
    // Its check is ours if it is of the text in the box (the same autosave); what it has said so
    // far is handled as if it had just arrived.
    if (boot.check && boot.check.text === ui.text.value) checkSent(boot.check.id, boot.check.text);
    for (const msg of boot.early.splice(0)) onWorkerMessage(worker, msg);
  }

  function stopWorker() {
    clearTimeout(state.watchdog);
    if (state.worker) state.worker.terminate();
    state.worker = null;
    state.ready = false;
    state.inFlight = null;
    setBusy(false);
    savedAfterCheck();
  }

  function onWorkerMessage(worker, msg) {
    if (worker !== state.worker) return;
    if (msg.type === "ready") {
      state.ready = true;
      state.version = msg.version;
      state.templates = msg.templates;
      ui.version.textContent = msg.version;
      if (state.notice && state.notice.key === "loadFailed") state.notice = null;
      // Check what is there, unless the last check crashed the engine and nothing changed since.
      if (state.dirty || !state.notice) scheduleCheck(0);
    } else if (msg.type === "result") {
      if (!state.inFlight || msg.id !== state.inFlight.id) return;
      clearTimeout(state.watchdog);
      state.shown = { text: state.inFlight.text, result: msg.result, ms: msg.ms };
      state.notice = null;
      state.inFlight = null;
      render();
      if (state.dirty) scheduleCheck(0);
      else setBusy(false);
      savedAfterCheck();
    } else if (msg.type === "failed") {
      if (msg.stage === "init") {
        stopWorker();
        fail("loadFailed", msg.message);
        return;
      }
      state.inFlight = null;
      if (msg.fatal) restartAfter("engineFailed", msg.message);
      else fail("engineFailed", msg.message);
      savedAfterCheck();
    }
  }

  // A crashed or stuck engine: say so, start a fresh worker, re-check only on the next edit.
  function restartAfter(key, arg) {
    stopWorker();
    fail(key, arg);
    state.dirty = false;
    startWorker();
  }

  function fail(key, ...args) {
    state.notice = { key, args };
    ui.results.dataset.status = "failed";
    setBusy(false);
    renderSummary();
  }

  function scheduleCheck(delay = DEBOUNCE_MS) {
    clearTimeout(state.timer);
    state.timer = setTimeout(runCheck, delay);
  }

  function runCheck() {
    const text = ui.text.value;
    if (!text.trim()) {
      state.shown = null;
      state.dirty = false;
      render();
      return;
    }
    if (!state.ready) { state.dirty = true; return; }
    // A check in flight: check again when it is back, unless it is of this very text.
    if (state.inFlight) { state.dirty = state.inFlight.text !== text; return; }
    if (state.shown && state.shown.text === text && !state.notice) { state.dirty = false; setBusy(false); render(); return; }
    state.dirty = false;
    checkSent(state.nextId++, text);
    state.worker.postMessage({ type: "check", id: state.inFlight.id, text, file: state.fileName });
  }

  // A check of `text` is on its way to the worker: busy, and a watchdog for an engine that never answers.
  function checkSent(id, text) {
    state.inFlight = { id, text };
    setBusy(true);
    clearTimeout(state.watchdog);
    state.watchdog = setTimeout(() => restartAfter("timeout", CHECK_TIMEOUT_S), CHECK_TIMEOUT_S * 1000);
  }

  function setBusy(on) {
    ui.busy.hidden = !on;
    ui.results.setAttribute("aria-busy", on ? "true" : "false");
  }

  // ---------------------------------------------------------------- jumping into the text
  let mirror = null;
  // Scroll the textarea so that UTF-16 offset `pos` is visible: measure it in a hidden copy
  // with the same box and font (a textarea offers no API for the pixel position of a character).
  function scrollTextTo(pos) {
    const ta = ui.text;
    const cs = getComputedStyle(ta);
    if (!mirror) {
      mirror = el("div", { "aria-hidden": "true", class: "mirror" });
      document.body.append(mirror);
    }
    for (const p of ["fontFamily", "fontSize", "fontWeight", "lineHeight", "letterSpacing", "paddingTop",
      "paddingRight", "paddingBottom", "paddingLeft", "tabSize", "wordSpacing"]) mirror.style[p] = cs[p];
    mirror.style.width = `${ta.clientWidth}px`;
    mirror.textContent = ta.value.slice(0, pos);
    const mark = el("span", { text: "\u200b" });
    mirror.append(mark);
    ta.scrollTop = Math.max(0, mark.offsetTop - ta.clientHeight / 3);
    mirror.textContent = "";
  }

  function selectSpan(span) {
    if (!span || typeof span.start16 !== "number") return;
    if (!state.shown || state.shown.text !== ui.text.value) {
      state.notice = { key: "textChanged", args: [] };
      renderSummary();
      return;
    }
    const ta = ui.text;
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(span.start16, Math.max(span.start16, span.end16));
    scrollTextTo(span.start16);
    ta.scrollIntoView({ block: "nearest" });
  }

  // ---------------------------------------------------------------- rendering
  function render() {
    renderSummary();
    const r = state.shown && state.shown.result;
    // For tests and tools: what the panel describes (status, and the length of the checked text).
    ui.results.dataset.status = r ? "done" : "empty";
    ui.results.dataset.checkedLength = r ? String(state.shown.text.length) : "0";
    ui.outline.replaceChildren(...(r ? outlineItems(r) : []));
    ui.tables.replaceChildren(...(r ? tableBlocks(r) : []));
    ui.diagnostics.replaceChildren(...(r ? diagnosticItems(r) : []));
    document.dispatchEvent(new Event("nianbao-page-render"));   // export.js follows the page
  }

  function renderSummary() {
    if (state.notice) {
      ui.summary.textContent = t(state.notice.key, ...state.notice.args);
      ui.summary.className = state.notice.key === "textChanged" ? "" : "notice";
      return;
    }
    ui.summary.className = "";
    if (!state.ready && !state.shown) { ui.summary.textContent = t("loading"); return; }
    const r = state.shown && state.shown.result;
    if (!r) { ui.summary.textContent = t("empty"); return; }
    const n = { error: 0, warning: 0, info: 0 };
    for (const d of r.diagnostics || []) n[d.severity] = (n[d.severity] || 0) + 1;
    const rep = r.report || {};
    const parts = [
      t("templates")[rep.template] || rep.template,
      rep.year ? t("year", rep.year) : t("yearUnknown"),
      rep.org || t("orgUnknown"),
      t("counts", n.error, n.warning, n.info) + t("took", Math.max(1, Math.round(state.shown.ms))),
    ];
    ui.summary.textContent = parts.join(" · ");
    if (r.input && r.input.html) ui.summary.textContent += ` ${t("htmlInput")}`;
  }

  function templateFor(r) {
    const all = state.templates || {};
    const key = r.report && r.report.template;
    return all[key] || all.v2021 || all.v2019 || { sections: [], tables: {} };
  }

  // "一、总体情况" / "1. Overview": from the report's template, else any template that knows the key.
  function sectionName(key, tpl) {
    const all = state.templates || {};
    const def = [tpl, ...Object.values(all)].filter(Boolean)
      .map((x) => (x.sections || []).find((s) => s.key === key)).find(Boolean);
    if (!def) return key;
    if (state.lang === "en") return def.number ? `${def.number}. ${def.en || key}` : def.en || key;
    return def.number ? `${NUMERALS[def.number] || def.number}、${def.heading}` : def.heading;
  }

  function jumpButtons(spans) {
    return spans.map((s, i) => el("button", {
      type: "button", class: "link", text: t("jump", i + 1, spans.length),
      "aria-label": `${t("jump", i + 1, spans.length)} (${t("at", s.line, s.column || 1)})`,
      onclick: () => selectSpan(s),
    }));
  }

  // The expected sections of the report's template, each found / missing / duplicated,
  // then any detected section the template does not list.
  function outlineItems(r) {
    const tpl = templateFor(r);
    const found = new Map();
    for (const s of r.sections || []) {
      if (!found.has(s.key)) found.set(s.key, []);
      found.get(s.key).push(s);
    }
    const expected = (tpl.sections || []).map((s) => s.key);
    const keys = [...expected, ...[...found.keys()].filter((k) => !expected.includes(k))];
    return keys.map((key) => {
      const copies = found.get(key) || [];
      const stateKey = copies.length === 0 ? "missing" : copies.length === 1 ? "found" : "duplicated";
      const label = stateKey === "duplicated" ? t("state").duplicated(copies.length) : t("state")[stateKey];
      const name = sectionName(key, tpl);
      const buttons = jumpButtons(copies);
      return el("li", { class: `section ${stateKey}`, "data-key": key, "data-state": stateKey, "data-count": copies.length },
        el("span", { class: "mark", "aria-hidden": "true", text: { found: "✓", missing: "✗", duplicated: "!" }[stateKey] }),
        el("span", { class: "name", text: name }),
        el("span", { class: "state", text: expected.includes(key) ? label : `${label} ${t("extraSection")}` }),
        el("span", { class: "copies" }, ...copies.map((s, i) => el("span", { class: "copy" },
          el("span", { class: "printed" },
            s.heading !== name ? el("span", { lang: "zh-CN", text: `${s.heading} · ` }) : null, t("lineOnly", s.line)),
          buttons[i]))));
    });
  }

  function diagnosticItems(r) {
    const list = r.diagnostics || [];
    if (!list.length) return [el("li", { class: "none", text: t("noDiagnostics") })];
    return list.map((d) => {
      const msg = (d.message && (d.message[state.lang] || d.message.zh)) || "";
      const where = t("at", d.line, d.column || 1);
      const main = el("button", { type: "button", class: "diag-main", onclick: () => selectSpan(d) },
        el("span", { class: `sev ${d.severity}` },
          el("span", { "aria-hidden": "true", text: `${SEVERITY_ICON[d.severity] || "•"} ` }),
          t("severity")[d.severity] || d.severity),
        el("code", { class: "rule", text: d.rule }),
        el("span", { class: "msg", text: msg }),
        el("span", { class: "where", text: where }));
      const table = (d.check || "").split(".")[0];
      const related = (d.related || []).map((rel) => el("button", {
        type: "button", class: "link", onclick: () => selectSpan(rel),
        text: `${relatedLabel(r, table, rel.label)} (${t("lineOnly", rel.line)})`,
      }));
      // Long operand lists (a sum of 20 cells) fold away behind a disclosure.
      const list = el("ul", { class: "related-list" }, ...related.map((b) => el("li", {}, b)));
      const relatedBox = !related.length ? null : related.length > RELATED_OPEN
        ? el("details", { class: "related" }, el("summary", { text: `${t("related")} (${related.length})` }), list)
        : el("div", { class: "related" }, el("span", { text: `${t("related")}${state.lang === "en" ? ": " : "："}` }), list);
      return el("li", {
        class: `diag ${d.severity}`, "data-rule": d.rule, "data-severity": d.severity,
        "data-line": d.line, "data-column": d.column, "data-start16": d.start16, "data-end16": d.end16,
      }, main, relatedBox);
    });
  }

  // "total/total = 39" → "（七）总计 · 总计 = 39" with the template's labels (English labels in English).
  // A narrative check (text.*) names cells of a table too: try the check's table first, then all.
  function relatedLabel(r, tableKey, label) {
    const m = /^([\w.]+)\/([\w.]+)( = .*)?$/.exec(label || "");
    if (!m) return label || t("related");
    const tables = templateFor(r).tables || {};
    const find = (list, key) => (list || []).find((x) => x.key === key);
    for (const key of [tableKey, ...Object.keys(tables).filter((k) => k !== tableKey)]) {
      const layout = tables[key];
      if (!layout) continue;
      const parts = Array.isArray(layout) ? layout : [layout];   // proactive: one part per 第二十条 item
      for (const part of parts) {
        const row = find(part.rows || part.groups, m[1]), col = find(part.columns, m[2]);
        if (row && col) return `${plainLabel(row)} · ${plainLabel(col)}${m[3] || ""}`;
      }
    }
    return label;
  }

  // ---------------------------------------------------------------- tables
  // Each table is drawn in its template's layout (M.templates()):
  //   proactive: one grid per 第二十条第（N）项 item {item, rows, columns};
  //   requests:  rows (group-only rows are headings such as （三）不予公开) × columns;
  //   appeals:   one row of groups × columns (行政复议 | 未经复议直接起诉 | 复议后起诉, five each).
  // Without a template layout the grid falls back to the rows and columns the cell keys name.
  const GRIDS = {
    proactive: (layout) => layout.map((part) => ({
      caption: part.item, rows: part.rows, colGroups: [{ columns: part.columns }],
      key: (row, col) => `${row.key}/${col.key}`,
    })),
    requests: (layout) => [{
      caption: "", rows: layout.rows, colGroups: [{ columns: layout.columns }],
      key: (row, col) => `${row.key}/${col.key}`,
    }],
    appeals: (layout) => [{
      caption: "", rows: [{ key: "", label: "" }],
      colGroups: layout.groups.map((g) => ({ group: g, columns: layout.columns })),
      key: (row, col, group) => `${group.key}/${col.key}`,
    }],
  };

  function gridsFor(tb, layout) {
    if (layout && GRIDS[tb.key]) {
      try { return GRIDS[tb.key](layout); } catch { /* an unexpected layout shape: fall through */ }
    }
    const rows = [], cols = [];
    for (const key of Object.keys(tb.cells || {})) {
      const [row, col] = splitKey(key);
      if (!rows.some((r) => r.key === row)) rows.push({ key: row, label: row });
      if (!cols.some((c) => c.key === col)) cols.push({ key: col, label: col });
    }
    return [{ caption: "", rows, colGroups: [{ columns: cols }], key: (row, col) => `${row.key}/${col.key}` }];
  }

  const splitKey = (key) => {
    const i = key.lastIndexOf("/");
    return [key.slice(0, i), key.slice(i + 1)];
  };

  function tableBlocks(r) {
    const tpl = templateFor(r);
    const tables = r.tables || [];
    if (!tables.length) return [el("p", { class: "none", text: t("noTables") })];
    return tables.map((tb) => {
      const layout = (tpl.tables || {})[tb.key];
      const failing = failingChecks(r, tb.key);
      const failCells = new Set(failing.flatMap((c) => c.cells || []));
      const block = el("section", { class: "table-block", "data-table": tb.key },
        el("h4", { text: sectionName(tb.key, tpl) }),
        el("p", { class: "meta" }, `${t("layout", (LAYOUTS[tb.layout] || {})[state.lang] || tb.layout)} · ${t("lineOnly", tb.line)} `, ...jumpButtons([tb])),
        tb.recovered ? el("p", { class: "warn-note", text: t("recovered") }) : null);
      for (const spec of gridsFor(tb, layout)) block.append(grid(tb, spec, failCells));
      if (failing.length) {
        block.append(el("h5", { text: t("failingChecks") }),
          el("ul", { class: "identities" }, ...failing.map((c) => identityItem(r, c, tb, layout))));
      }
      return block;
    });
  }

  function failingChecks(r, tableKey) {
    return (r.checks || []).filter((c) => c.status === "fail" && c.id.split(".")[0] === tableKey);
  }

  // A template label in the UI language; in English the Chinese wording stays below it,
  // since that is what the report prints.
  function labelNode(item) {
    if (!item.label) return el("span", { class: "visually-hidden", text: item.key || "" });
    if (state.lang === "en" && item.en) {
      return el("span", {}, el("span", { text: item.en }), el("span", { class: "zh", lang: "zh-CN", text: item.label }));
    }
    return el("span", { lang: "zh-CN", text: item.label });
  }
  const plainLabel = (item) => (state.lang === "en" && item.en ? item.en : item.label || item.key || "");

  function grid(tb, spec, failCells) {
    const cells = tb.cells || {};
    const spans = tb.cell_spans || {};
    const hasRowHeads = spec.rows.some((r) => r.label);
    const grouped = spec.colGroups.some((g) => g.group);
    const table = el("table", { class: "grid" });
    if (spec.caption) table.append(el("caption", { lang: "zh-CN", text: spec.caption }));

    // Header: leaf columns, under a row of column groups when the template has them.
    const head = el("thead");
    const top = el("tr");
    const leaves = el("tr");
    if (hasRowHeads) top.append(el("td", { class: "corner", rowspan: grouped ? 2 : null }));
    for (const g of spec.colGroups) {
      if (g.group) top.append(el("th", { scope: "colgroup", colspan: g.columns.length }, labelNode(g.group)));
      for (const c of g.columns) (grouped ? leaves : top).append(el("th", { scope: "col" }, labelNode(c)));
    }
    head.append(top);
    if (grouped) head.append(leaves);
    table.append(head);

    // Body: a group-only row (三、本年度办理结果, （三）不予公开 …) starts a new tbody with a rowgroup header.
    const width = spec.colGroups.reduce((n, g) => n + g.columns.length, 0) + (hasRowHeads ? 1 : 0);
    let body = el("tbody");
    table.append(body);
    for (const row of spec.rows) {
      if (row.group === true) {
        body = el("tbody");
        body.append(el("tr", { class: "group" }, el("th", { scope: "rowgroup", colspan: width }, labelNode(row))));
        table.append(body);
        continue;
      }
      const tr = el("tr", { class: /^\d/.test(row.label || "") ? "sub" : null });
      if (hasRowHeads) tr.append(el("th", { scope: "row" }, labelNode(row)));
      for (const g of spec.colGroups) {
        for (const col of g.columns) {
          const key = spec.key(row, col, g.group);
          const name = [plainLabel(row), g.group && plainLabel(g.group), plainLabel(col)].filter(Boolean).join(" · ");
          tr.append(cellNode(key, name, cells, spans, failCells));
        }
      }
      body.append(tr);
    }
    table.addEventListener("keydown", gridKeys);
    const first = table.querySelector("button.cell");
    if (first) first.tabIndex = 0;
    return el("div", { class: "grid-wrap" }, table);
  }

  function cellNode(key, name, cells, spans, failCells) {
    const present = Object.prototype.hasOwnProperty.call(cells, key);
    const value = present ? cells[key] : undefined;
    const fails = failCells.has(key);
    const cls = [present ? "" : "absent", value === null ? "blank" : "", fails ? "fail" : ""].filter(Boolean).join(" ");
    const td = el("td", { "data-cell": key, class: cls || null });
    const shown = !present ? t("cellMissing") : value === null ? t("cellEmpty") : fmt(value);
    const content = [
      fails ? el("span", { class: "fail-mark", "aria-hidden": "true", text: "✗ " }) : null,
      el("span", { class: "value", text: shown }),
    ];
    const span = spans[key];
    if (span) {
      add(td, el("button", {
        type: "button", class: "cell", tabindex: -1, onclick: () => selectSpan(span),
        "aria-label": `${t("cellPrefix", name)}: ${shown}${fails ? ` (${t("cellFail")})` : ""}`,
      }, ...content));
    } else {
      add(td, ...content, fails ? el("span", { class: "visually-hidden", text: ` (${t("cellFail")})` }) : null);
    }
    return td;
  }

  // Arrow keys move between the cell buttons of one table (a single Tab stop per table).
  function gridKeys(e) {
    const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    if (!moves[e.key] || !e.target.classList.contains("cell")) return;
    const table = e.currentTarget;
    const rows = [...table.querySelectorAll("tbody tr")].filter((tr) => tr.querySelector("button.cell"));
    const matrix = rows.map((tr) => [...tr.querySelectorAll("td")]);
    let r = rows.indexOf(e.target.closest("tr"));
    let c = matrix[r].indexOf(e.target.closest("td"));
    const [dr, dc] = moves[e.key];
    for (;;) {
      r += dr; c += dc;
      if (r < 0 || r >= matrix.length || c < 0 || c >= matrix[r].length) return;
      const btn = matrix[r][c].querySelector("button.cell");
      if (btn) {
        e.preventDefault();
        e.target.tabIndex = -1;
        btn.tabIndex = 0;
        btn.focus();
        return;
      }
    }
  }

  // "41 + 1 ≠ 38 + 5": the check's operand cells, split into its two sides.
  function identityItem(r, check, tb, layout) {
    const cells = tb.cells || {};
    const values = (check.cells || []).map((k) => cells[k]);
    const k = splitPoint(check, values);
    // A side with no operand cells (a check against a stated number) shows that number itself.
    // A check that is not an equation (a unit, a plausibility bound) lists its cells' values.
    const num = (v) => (typeof v === "number" ? fmt(v) : "?");
    const side = (vals, whole) => (vals.length ? vals.map(num).join(" + ") : fmt(whole));
    const equation = typeof check.lhs === "number" && typeof check.rhs === "number";
    const op = failedRelation(check.formula);
    const [left, right] = [values.slice(0, k), values.slice(k)];
    const expr = equation ? `${side(left, check.lhs)} ${op} ${side(right, check.rhs)}` : values.map(num).join(", ");
    const totals = equation && (left.length > 1 || right.length > 1) ? `(${fmt(check.lhs)} ${op} ${fmt(check.rhs)})` : "";
    const [family, detail] = check.id.split("/");
    const fam = CHECK_FAMILIES[family];
    const diag = (r.diagnostics || []).find((d) => d.check === check.id);
    const said = diag && diag.message && (diag.message[state.lang] || diag.message.zh);
    const title = fam ? fam[state.lang] : said ? said.replace(/[。.]\s*$/, "") : check.id;
    let where = detail || "";
    if (fam && layout && detail) {
      const item = (layout[fam.axis] || []).find((x) => x.key === detail);
      if (item && item.label) where = plainLabel(item);
    }
    const firstCell = (check.cells || []).map((c) => (tb.cell_spans || {})[c]).find(Boolean);
    return el("li", { class: "identity", "data-check": check.id },
      el("span", { class: "fail-mark", "aria-hidden": "true", text: "✗ " }),
      el("strong", { text: title }),
      fam && where ? el("span", { class: "where", text: ` · ${where}` }) : null,
      equation ? el("span", { text: state.lang === "en" ? ": " : "：" }) : null,
      el("code", { class: equation ? "expr" : "expr visually-hidden", text: expr }),
      totals ? el("span", { class: "totals", text: ` ${totals}` }) : null,
      check.formula ? el("div", { class: "formula" }, el("code", { text: check.formula })) : null,
      firstCell ? el("div", {}, ...jumpButtons([firstCell])) : null);
  }

  // How a failed check reads: the negation of its formula's relation ("a <= b" failed: a > b).
  const NEGATED = [["<=", ">"], ["≤", ">"], [">=", "<"], ["≥", "<"], ["<", "≥"], [">", "≤"], ["=", "≠"]];
  function failedRelation(formula) {
    const found = NEGATED.map(([rel, neg]) => [(formula || "").indexOf(rel), neg]).filter(([i]) => i >= 0);
    return found.length ? found.reduce((a, b) => (b[0] < a[0] ? b : a))[1] : "≠";
  }

  // Where the check's cell list switches from the left side to the right: the formula's
  // left-hand term count when its sums agree with lhs/rhs, otherwise the first index whose
  // prefix and suffix sums give lhs and rhs.
  function splitPoint(check, values) {
    const n = values.length;
    if (n < 2) return n;
    const sum = (a) => a.reduce((s, v) => s + (typeof v === "number" ? v : 0), 0);
    const near = (a, b) => typeof b === "number" && Math.abs(a - b) < 1e-6;
    const fits = (k) => near(sum(values.slice(0, k)), check.lhs) && near(sum(values.slice(k)), check.rhs);
    const rel = /<=|>=|≤|≥|<|>|=/.exec(check.formula || "");
    const left = rel ? check.formula.slice(0, rel.index) : "";
    const hinted = left && !/[Σ*…]/.test(left) ? left.split("+").length : 0;
    if (hinted > 0 && hinted < n && (fits(hinted) || !values.every((v) => typeof v === "number"))) return hinted;
    for (let k = 1; k < n; k++) if (fits(k)) return k;
    return hinted > 0 && hinted < n ? hinted : 1;
  }

  // ---------------------------------------------------------------- files
  // BOM first, then strict UTF-8, then GB18030 (what Chinese Windows tools save as "ANSI").
  const BOMS = [
    { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
    { bytes: [0xff, 0xfe], encoding: "utf-16le" },
    { bytes: [0xfe, 0xff], encoding: "utf-16be" },
  ];
  function decodeBytes(u8) {
    for (const bom of BOMS) {
      if (bom.bytes.every((b, i) => u8[i] === b)) {
        return { text: new TextDecoder(bom.encoding).decode(u8), encoding: bom.encoding, guessed: false };
      }
    }
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(u8), encoding: "utf-8", guessed: false };
    } catch {
      return { text: new TextDecoder("gb18030").decode(u8), encoding: "gb18030", guessed: true };
    }
  }

  async function openFile(file) {
    if (!file) return;
    if (file.size > MAX_FILE_MB * 1024 * 1024) { setFileNote("fileTooBig", file.name, MAX_FILE_MB); return; }
    try {
      const decoded = decodeBytes(new Uint8Array(await file.arrayBuffer()));
      ui.text.value = decoded.text;
      state.fileName = file.name;
      if (decoded.guessed) setFileNote("fileGuessed", file.name);
      else setFileNote("fileRead", file.name, ENCODING_NAMES[decoded.encoding] || decoded.encoding);
      saveNow();
      scheduleCheck(0);
    } catch (err) {
      setFileNote("fileFailed", file.name, err.message || String(err));
    }
  }

  function setFileNote(key, ...args) {
    state.fileNote = key ? { key, args } : null;
    ui.fileNote.textContent = key ? t(key, ...args) : "";
  }

  // ---------------------------------------------------------------- language
  function applyLanguage(lang) {
    state.lang = STRINGS[lang] ? lang : "zh";
    document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
    document.title = t("pageTitle");
    for (const node of document.querySelectorAll("[data-i18n]")) {
      if (node.id === "summary") continue;
      node.textContent = t(node.dataset.i18n);
    }
    ui.lang.textContent = t("langButton");
    ui.lang.lang = state.lang === "zh" ? "en" : "zh-CN";
    if (state.fileNote) setFileNote(state.fileNote.key, ...state.fileNote.args);
    render();
  }

  // ---------------------------------------------------------------- wiring
  ui.text.addEventListener("input", () => {
    state.fileName = "";
    saveSoon();
    scheduleCheck();
  });
  ui.file.addEventListener("change", () => {
    openFile(ui.file.files[0]);
    ui.file.value = "";
  });
  ui.text.addEventListener("dragover", (e) => {
    if ([...e.dataTransfer.types].includes("Files")) { e.preventDefault(); ui.text.classList.add("dropping"); }
  });
  ui.text.addEventListener("dragleave", () => ui.text.classList.remove("dropping"));
  ui.text.addEventListener("drop", (e) => {
    ui.text.classList.remove("dropping");
    if (e.dataTransfer.files.length) { e.preventDefault(); openFile(e.dataTransfer.files[0]); }
  });
  ui.clear.addEventListener("click", () => {
    if (!ui.text.value || !window.confirm(t("confirmClear"))) return;
    ui.text.value = "";
    state.fileName = "";
    saveNow();
    setFileNote("cleared");
    scheduleCheck(0);
    ui.text.focus();
  });
  ui.lang.addEventListener("click", () => {
    applyLanguage(state.lang === "zh" ? "en" : "zh");
    store.set(STORE_LANG, state.lang);
  });
  window.addEventListener("pagehide", saveNow);

  // For export.js: what the results panel shows.
  window.NianbaoPage = {
    current: () => ({ result: state.shown && state.shown.result, templates: state.templates || {}, lang: state.lang }),
  };
  ui.text.value = store.get(STORE_TEXT) || "";
  applyLanguage(store.get(STORE_LANG) || "zh");
  if (!store.ok) setFileNote("storageOff");
  startWorker();
})();
