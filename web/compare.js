// nianbao-check cross-year page: last year's and this year's report, compared in a Web Worker
// (worker.js, message "compare") with the engine's nianbao::compare (schema nianbao-compare/1).
// Like app.js: report text reaches the DOM only through textContent; the single-file build
// defines NB_EMBED = {worker, wasmGzip} before this script.
/* global NB_EMBED */
"use strict";
(() => {
  const STRINGS = {
    zh: {
      pageTitle: "跨年度核对 · nianbao-check",
      title: "跨年度核对：上年报告与本年报告",
      tagline: "分别粘贴上一年度和本年度的报告全文，核对结转数、现行有效件数、年份和报告主体是否衔接。",
      lastLabel: "上年报告", thisLabel: "本年报告", resultsHeading: "核对结果", loading: "正在加载检查程序…",
      checksHeading: "核对项", diagnosticsHeading: "问题列表",
      colCheck: "核对项", colStatus: "结果", colThis: "本年", colLast: "上年 / 应为", colFormula: "公式",
      privacy: "本页面在本地检查，不上传任何内容。", back: "检查单份报告", versionLabel: "版本", langButton: "English",
      empty: "请在两个文本框中分别粘贴上年和本年的报告全文。",
      counts: (p, f, s, e, w, i) => `通过 ${p}，不符 ${f}，跳过 ${s}；${e} 个错误，${w} 个警告，${i} 条提示`,
      side: (which, r) => `${which}：${[r.template, r.year ? `${r.year} 年度` : "年份未识别", r.org || "报告主体未识别"].filter(Boolean).join(" · ")}`,
      which: { last: "上年", this: "本年" },
      status: { pass: "✓ 通过", fail: "✗ 不符", skip: "— 跳过" },
      severity: { error: "✖ 错误", warning: "▲ 警告", info: "ℹ 提示" },
      at: (f, l, c) => `${f}第 ${l} 行第 ${c} 列`,
      noDiagnostics: "未发现问题。",
      checkNames: { consecutive: "年度相邻", same_body: "同一报告主体", carry: "上年结转 = 上年的结转下年度", in_force: "现行有效件数衔接" },
      engineFailed: (m) => `检查程序出错：${m}。检查程序已重新启动；修改文本后会再次核对。`,
      loadFailed: (m) => `无法加载检查程序：${m}。请刷新页面重试。`,
      timeout: (s) => `核对超过 ${s} 秒仍未完成，已中止。检查程序已重新启动。`,
      textChanged: "文本已修改，请等待重新核对后再定位。",
    },
    en: {
      pageTitle: "Cross-year check (跨年度核对) · nianbao-check",
      title: "Cross-year check: last year's report against this year's",
      tagline: "Paste last year's and this year's full reports to check that carried-over counts, documents in force, years and the reporting body follow on.",
      lastLabel: "Last year's report", thisLabel: "This year's report", resultsHeading: "Result", loading: "Loading the checker…",
      checksHeading: "Checks", diagnosticsHeading: "Problems",
      colCheck: "Check", colStatus: "Status", colThis: "This year", colLast: "Last year / expected", colFormula: "Formula",
      privacy: "Checked locally in this page; nothing is uploaded (本页面在本地检查，不上传任何内容).", back: "Check one report",
      versionLabel: "Version", langButton: "中文",
      empty: "Paste last year's report in the first box and this year's in the second.",
      counts: (p, f, s, e, w, i) => `${p} passed, ${f} failed, ${s} skipped; ${e} error(s), ${w} warning(s), ${i} note(s)`,
      side: (which, r) => `${which}: ${[r.template, r.year ? `year ${r.year}` : "year not found", r.org || "reporting body not found"].filter(Boolean).join(" · ")}`,
      which: { last: "last year", this: "this year" },
      status: { pass: "✓ pass", fail: "✗ fail", skip: "— skipped" },
      severity: { error: "✖ Error", warning: "▲ Warning", info: "ℹ Info" },
      at: (f, l, c) => `${f}, line ${l}, column ${c}`,
      noDiagnostics: "No problems found.",
      checkNames: { consecutive: "Consecutive years", same_body: "Same reporting body", carry: "Carried over = last year's carried forward", in_force: "Documents in force continue" },
      engineFailed: (m) => `The checker failed: ${m}. It has been restarted and will check again when a text changes.`,
      loadFailed: (m) => `Could not load the checker: ${m}. Reload the page to try again.`,
      timeout: (s) => `The comparison did not finish within ${s} s and was stopped. The checker has been restarted.`,
      textChanged: "A text has changed; wait for the new result before jumping.",
    },
  };
  const DEBOUNCE_MS = 250;
  const TIMEOUT_S = 20;
  const STORE_LANG = "nianbao-check.lang";

  const $ = (id) => document.getElementById(id);
  const ui = { last: $("last"), this: $("this"), lang: $("lang"), results: $("results"), summary: $("summary"),
    sides: $("sides"), checks: $("checks"), diagnostics: $("diagnostics"), version: $("version") };
  const state = { lang: "zh", worker: null, ready: false, nextId: 1, inFlight: null, dirty: false, timer: 0,
    watchdog: 0, shown: null, notice: null };
  const t = (key, ...args) => {
    const v = STRINGS[state.lang][key];
    return typeof v === "function" ? v(...args) : v;
  };
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
    return node;
  }
  const fmt = (v) => (typeof v !== "number" ? "" : Number.isInteger(v) ? String(v) : String(+v.toFixed(4)));

  // ---------------------------------------------------------------- worker (as in app.js)
  function startWorker() {
    state.ready = false;
    let worker;
    try {
      if (typeof NB_EMBED !== "undefined") {
        const url = URL.createObjectURL(new Blob([NB_EMBED.worker], { type: "text/javascript" }));
        worker = new Worker(url);
        URL.revokeObjectURL(url);
      } else {
        worker = new Worker("worker.js");
      }
    } catch (err) {
      fail("loadFailed", err.message || String(err));
      return;
    }
    state.worker = worker;
    worker.onmessage = (e) => onMessage(worker, e.data || {});
    worker.onerror = (e) => {
      e.preventDefault();
      if (worker !== state.worker) return;
      const wasReady = state.ready;
      stopWorker();
      fail(wasReady ? "engineFailed" : "loadFailed", e.message || "worker error");
    };
    worker.postMessage({ type: "init", wasmGzipBase64: typeof NB_EMBED !== "undefined" ? NB_EMBED.wasmGzip : undefined });
  }
  function stopWorker() {
    clearTimeout(state.watchdog);
    if (state.worker) state.worker.terminate();
    Object.assign(state, { worker: null, ready: false, inFlight: null });
    ui.results.setAttribute("aria-busy", "false");
  }
  function fail(key, ...args) {
    state.notice = { key, args };
    ui.results.dataset.status = "failed";
    renderSummary();
  }
  function onMessage(worker, msg) {
    if (worker !== state.worker) return;
    if (msg.type === "ready") {
      state.ready = true;
      ui.version.textContent = msg.version;
      if (state.notice && state.notice.key === "loadFailed") state.notice = null;
      schedule(0);
    } else if (msg.type === "result") {
      if (!state.inFlight || msg.id !== state.inFlight.id) return;
      clearTimeout(state.watchdog);
      state.shown = { last: state.inFlight.last, text: state.inFlight.text, result: msg.result };
      state.inFlight = null;
      state.notice = null;
      ui.results.setAttribute("aria-busy", "false");
      render();
      if (state.dirty) schedule(0);
    } else if (msg.type === "failed") {
      // A failed load stays failed (reload); a trapped engine is replaced for the next edit.
      if (msg.stage === "init" || msg.fatal) stopWorker();
      else { clearTimeout(state.watchdog); state.inFlight = null; ui.results.setAttribute("aria-busy", "false"); }
      fail(msg.stage === "init" ? "loadFailed" : "engineFailed", msg.message || "?");
      if (msg.stage !== "init" && msg.fatal) startWorker();
    }
  }
  function schedule(delay = DEBOUNCE_MS) {
    state.dirty = true;
    clearTimeout(state.timer);
    state.timer = setTimeout(send, delay);
  }
  function send() {
    if (!state.worker || !state.ready || state.inFlight) return;
    state.dirty = false;
    const last = ui.last.value, text = ui.this.value;
    if (!last.trim() || !text.trim()) {
      state.shown = null;
      render();
      return;
    }
    state.inFlight = { id: state.nextId++, last, text };
    ui.results.setAttribute("aria-busy", "true");
    state.worker.postMessage({ type: "compare", id: state.inFlight.id, last, text });
    state.watchdog = setTimeout(() => {
      stopWorker();
      fail("timeout", TIMEOUT_S);
      startWorker();
    }, TIMEOUT_S * 1000);
  }

  // ---------------------------------------------------------------- rendering
  function selectSpan(which, span) {
    if (!span || typeof span.start16 !== "number") return;
    const box = which === "last" ? ui.last : ui.this;
    if (!state.shown || state.shown.last !== ui.last.value || state.shown.text !== ui.this.value) {
      state.notice = { key: "textChanged", args: [] };
      renderSummary();
      return;
    }
    box.focus();
    box.setSelectionRange(span.start16, Math.max(span.start16, span.end16));
    // Put the selected line near the top of the box (line height from the computed style).
    const lh = parseFloat(getComputedStyle(box).lineHeight) || 20;
    box.scrollTop = Math.max(0, (span.line - 3) * lh);
  }

  function renderSummary() {
    if (state.notice) {
      ui.summary.textContent = t(state.notice.key, ...state.notice.args);
      ui.summary.className = "notice";
      return;
    }
    ui.summary.className = "";
    const r = state.shown && state.shown.result;
    if (!state.ready && !r) { ui.summary.textContent = t("loading"); return; }
    if (!r) { ui.summary.textContent = t("empty"); return; }
    const st = { pass: 0, fail: 0, skip: 0 };
    for (const c of r.checks || []) st[c.status] = (st[c.status] || 0) + 1;
    const s = r.summary || {};
    ui.summary.textContent = t("counts", st.pass, st.fail, st.skip, s.errors || 0, s.warnings || 0, s.infos || 0);
  }

  function checkName(id) {
    const [kind, detail] = id.replace(/^compare\./, "").split("/");
    const name = t("checkNames")[kind] || kind;
    return detail ? `${name} · ${detail}` : name;
  }

  function render() {
    renderSummary();
    const r = state.shown && state.shown.result;
    ui.results.dataset.status = r ? "done" : state.notice ? ui.results.dataset.status : "empty";
    ui.results.dataset.checkedLength = r ? `${state.shown.last.length}+${state.shown.text.length}` : "0";
    ui.sides.textContent = r ? `${t("side", t("which").last, (r.last || {}).report || {})} → ${t("side", t("which").this, (r.this || {}).report || {})}` : "";
    ui.checks.replaceChildren(...(r ? (r.checks || []).map((c) => el("tr", { class: c.status, "data-check": c.id, "data-status": c.status },
      el("th", { scope: "row", text: checkName(c.id) }),
      el("td", { class: `status ${c.status}`, text: t("status")[c.status] || c.status }),
      el("td", { class: "num lhs", text: fmt(c.lhs) }),
      el("td", { class: "num rhs", text: fmt(c.rhs) }),
      el("td", {}, el("code", { text: c.formula || "" })))) : []));
    const list = r ? r.diagnostics || [] : [];
    ui.diagnostics.replaceChildren(...(!r ? [] : !list.length ? [el("li", { class: "none", text: t("noDiagnostics") })] : list.map((d) => {
      const file = t("which")[d.file] || d.file;
      return el("li", { class: `diag ${d.severity}`, "data-rule": d.rule, "data-severity": d.severity, "data-file": d.file,
        "data-line": d.line, "data-start16": d.start16, "data-end16": d.end16 },
        el("button", { type: "button", class: "diag-main", onclick: () => selectSpan(d.file, d) },
          el("span", { class: `sev ${d.severity}`, text: t("severity")[d.severity] || d.severity }),
          el("code", { class: "rule", text: d.rule }),
          el("span", { class: "msg", text: (d.message && (d.message[state.lang] || d.message.zh)) || "" }),
          el("span", { class: "where" }, el("span", { class: "file", text: file }), ` ${t("at", "", d.line, d.column || 1)}`)),
        (d.related || []).length ? el("ul", { class: "related related-list" }, ...d.related.map((rel) => el("li", {},
          el("button", { type: "button", class: "link", onclick: () => selectSpan(rel.file, rel),
            text: `${t("which")[rel.file] || rel.file}: ${rel.label || ""} (${t("at", "", rel.line, rel.column || 1)})` })))) : null);
    })));
  }

  function applyLanguage(lang) {
    state.lang = STRINGS[lang] ? lang : "zh";
    document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
    document.title = t("pageTitle");
    for (const node of document.querySelectorAll("[data-i18n]")) if (node.id !== "summary") node.textContent = t(node.dataset.i18n);
    ui.lang.textContent = t("langButton");
    ui.lang.lang = state.lang === "zh" ? "en" : "zh-CN";
    render();
  }

  for (const box of [ui.last, ui.this]) box.addEventListener("input", () => schedule());
  ui.lang.addEventListener("click", () => {
    applyLanguage(state.lang === "zh" ? "en" : "zh");
    try { localStorage.setItem(STORE_LANG, state.lang); } catch { /* not remembered */ }
  });
  let saved = null;
  try { saved = localStorage.getItem(STORE_LANG); } catch { /* storage off */ }
  applyLanguage(saved || "zh");
  startWorker();
})();
