// nianbao-check page: paste or open a report, check it in a Web Worker, show what the engine found.
//
// Everything the user pasted reaches the DOM through textContent / DOM APIs only, never as markup.
// The engine's worker comes from boot.js, loaded in <head>: it has usually started one already, with
// the autosaved text (NB_BOOT), and starts the others (startNianbaoWorker, after a crash).
/* global NB_BOOT, startNianbaoWorker, nianbaoHash */
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
      byOrder: "按模板的行序读出（标签与数值分开印出）",
      bySplit: "由粘连的数字按勾稽关系拆分得出",
      byColumn: "按表头所在的位置读出（空白格印作空格）",
      byCount: (order, split, column) => [order ? `${order} 格按行序读出` : "", split ? `${split} 格由粘连数字拆分` : "",
        column ? `${column} 格按表头位置读出` : ""].filter(Boolean).join("，"),
      cellEmpty: "空",
      cellFail: "不符",
      cellPrefix: (label) => `单元格 ${label}`,
      failingChecks: "未通过的检查",
      recovered: "部分单元格是从连在一起的数字中推断出来的，请与原文核对。",
      layout: (l) => `原文格式：${l}`,
      related: "相关位置",
      suggest: (v) => `此格可能应为 ${v}`,
      printedAs: (v) => `（原文印作 ${v}）`,
      printedBlank: "（原文为空）",
      jumpCell: "定位到该单元格",
      details: (n) => `具体内容（${n} 条）`,
      caretAt: (list) => `光标处：${list}`,
      blankAsZero: (cells) => `空白单元格按 0 计：${cells}`,
      checkFailed: "检查未通过",
      stale: "（文本已修改，正在重新检查）",
      suggestCell: (v) => `可能应为 ${v}`,
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
      byOrder: "read in the template's row order (label printed apart from the values)",
      bySplit: "split from a glued run of digits by the identities",
      byColumn: "placed under its column's header by position (blank cells printed as spaces)",
      byCount: (order, split, column) => [order ? `${order} cells read by row order` : "", split ? `${split} split from glued digits` : "",
        column ? `${column} placed by column position` : ""].filter(Boolean).join(", "),
      cellEmpty: "empty",
      cellFail: "does not add up",
      cellPrefix: (label) => `cell ${label}`,
      failingChecks: "Checks that fail",
      recovered: "Some cells were inferred from digits printed together; compare them with the text.",
      layout: (l) => `layout in the text: ${l}`,
      related: "Related",
      suggest: (v) => `This cell should probably read ${v}`,
      printedAs: (v) => ` (printed ${v})`,
      printedBlank: " (printed blank)",
      jumpCell: "Show the cell",
      details: (n) => `Details (${n})`,
      caretAt: (list) => `At the cursor: ${list}`,
      blankAsZero: (cells) => `Blank cells counted as 0: ${cells}`,
      checkFailed: "Check failed",
      stale: " (the text has changed; checking again)",
      suggestCell: (v) => `should probably read ${v}`,
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
  // The formula in words: the engine's `formula` names cells by their keys, which the page never shows.
  const CHECK_FAMILIES = {
    "requests.balance": { axis: "columns", zh: "结转平衡", en: "Carry-over balance",
      fzh: "本年新收 + 上年结转 = 办理结果总计 + 结转下年度", fen: "new + carried over = total of outcomes + carried forward" },
    "requests.results": { axis: "columns", zh: "办理结果合计", en: "Sum of outcomes",
      fzh: "总计 = 各项办理结果之和", fen: "total = sum of the outcomes" },
    "requests.applicants": { axis: "rows", zh: "申请人合计", en: "Sum over applicants",
      fzh: "总计 = 各类申请人之和", fen: "total = sum over the kinds of applicant" },
    "appeals.total": { axis: "groups", zh: "复议诉讼合计", en: "Review / lawsuit total",
      fzh: "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结", fen: "total = upheld + corrected + other + pending" },
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
  const SEVERITY_RANK = { error: 0, warning: 1, info: 2 };
  const ENCODING_NAMES = { "utf-8": "UTF-8", "utf-16le": "UTF-16LE", "utf-16be": "UTF-16BE", gb18030: "GB18030" };

  // A check of a report-sized text takes a few milliseconds in the worker: check almost at once, so
  // the marks follow the text; a long text waits for typing to pause.
  const DEBOUNCE_MS = 200;
  const DEBOUNCE_SHORT_MS = 10;   // (edit → marks within 100 ms on a 20 KB report: tests/e2e/findings.mjs)
  const SHORT_TEXT = 100000;
  const MARKS_MAX = 300000;   // longer texts get no marks layer (it would double the text box's layout)
  const CACHE_MAX = 1000000;  // a result this long (JSON) or a text this long is not kept for the next visit
  const TABLES_LATE_MS = 200; // the tables of a new result: the frame after its findings, or this long in a hidden page
  const RELATED_OPEN = 4;     // more related locations than this are folded into <details>
  const SAVE_MS = 400;
  const CHECK_TIMEOUT_S = 20;
  const MAX_FILE_MB = 20;
  const STORE_TEXT = "nianbao-check.text";
  const STORE_LANG = "nianbao-check.lang";
  const STORE_RESULT = "nianbao-check.result";
  // The engine build (tools/build-page.mjs writes a hash of the module here): a kept result is shown
  // again only for the same text and the same build, which gives the same result.
  const BUILD = (document.querySelector('meta[name="nianbao-build"]') || {}).content || "dev";

  // ---------------------------------------------------------------- state
  const $ = (id) => document.getElementById(id);
  const ui = {
    text: $("text"), file: $("file"), clear: $("clear"), fileNote: $("file-note"), lang: $("lang"),
    results: $("results"), summary: $("summary"), busy: $("busy"), outline: $("outline"),
    tables: $("tables"), diagnostics: $("diagnostics"), version: $("version"),
    layer: $("marks"), caret: $("caret-note"), tip: $("tip"),
  };
  const state = {
    lang: "zh",
    worker: null, ready: false, version: "", templates: null,
    nextId: 1, inFlight: null, dirty: false, timer: 0, watchdog: 0,
    shown: null,        // {text, result, ms}: what the results panel describes
    value: "",          // the text box's value when last seen (edits are diffs against it)
    edits: [],          // edits since state.shown.text: [{at, removed, inserted, lines}]
    savedText: null,    // what autosave last stored
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
      state.savedText = ui.text.value;
      if (state.fileNote && state.fileNote.key === "storageFull") setFileNote(null);
    } else {
      state.savedText = null;
      setFileNote(store.full ? "storageFull" : "storageOff");
    }
    saveResult();
  }
  // The result of the saved text, for the next visit: shown at once, before the engine has loaded
  // (which re-checks it anyway). Only beside the text it describes; never worth a storage failure.
  function saveResult() {
    const shown = state.shown;
    const text = state.savedText;
    let keep = "";
    if (BUILD !== "dev" && shown && text && shown.text === text && text.length <= CACHE_MAX) {
      keep = JSON.stringify({ build: BUILD, length: text.length, hash: hashText(text), ms: shown.ms, result: shown.result });
      if (keep.length > CACHE_MAX) keep = "";
    }
    try {
      if (keep) localStorage.setItem(STORE_RESULT, keep); else localStorage.removeItem(STORE_RESULT);
    } catch {
      try { localStorage.removeItem(STORE_RESULT); } catch { /* storage off: nothing kept */ }
    }
  }
  // boot.js read it (nianbaoKeptResult): the same text, the same build.
  const hashText = (s) => nianbaoHash(s);

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
      worker = boot ? boot.start() : startNianbaoWorker({ warmUp: !ui.text.value.trim() });
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
      // Typed while the worker checked: one edit from the checked text to the box's text.
      state.edits = ui.text.value === state.shown.text ? [] : [diffEdit(state.shown.text, ui.text.value)];
      state.notice = null;
      state.inFlight = null;
      render(true);
      if (state.dirty) scheduleCheck(0);
      else setBusy(false);
      savedAfterCheck();
      if (!savePending && state.savedText === state.shown.text) saveResult();
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

  function scheduleCheck(delay = ui.text.value.length < SHORT_TEXT ? DEBOUNCE_SHORT_MS : DEBOUNCE_MS) {
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
    if (state.shown && state.shown.text === text && !state.notice) {
      state.dirty = false;
      state.edits = [];
      setBusy(false);
      render();
      return;
    }
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

  // Busy while a check is on its way, and while a new result's tables are still to be drawn.
  let busyChecking = false;
  function setBusy(on) {
    busyChecking = on;
    showBusy();
  }
  function showBusy() {
    const on = busyChecking || tablesLater.pending;
    ui.busy.hidden = !on;
    ui.results.setAttribute("aria-busy", on ? "true" : "false");
  }

  // ---------------------------------------------------------------- edits since the result
  // Between an edit and the result of its check, every span of the shown result is carried through
  // the edits made since (state.edits), so that marks, line numbers and jumps stay on the same text.
  const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
  const lineBreaks = (s) => (s.match(LINE_BREAKS) || []).length;

  // One edit: the common prefix and suffix of the two texts, and what lies between.
  function diffEdit(before, after) {
    const max = Math.min(before.length, after.length);
    let a = 0;
    while (a < max && before.charCodeAt(a) === after.charCodeAt(a)) a++;
    let b = 0;
    while (b < max - a && before.charCodeAt(before.length - 1 - b) === after.charCodeAt(after.length - 1 - b)) b++;
    const removed = before.length - a - b, inserted = after.length - a - b;
    return { at: a, removed, inserted, lines: lineBreaks(after.slice(a, a + inserted)) - lineBreaks(before.slice(a, a + removed)) };
  }

  // The text box changed (typing, paste, a file, clear): note the edit, move the marks.
  function noteEdit() {
    const now = ui.text.value;
    const before = state.value;
    state.value = now;
    if (!state.shown || now === before) return;
    if (now === state.shown.text) state.edits = [];
    else state.edits.push(diffEdit(before, now));
    placeAll();
    drawMarks(false);
  }

  // A span of the shown result in the box's text now: {start, end, lines (line shift), touched}.
  function mapSpan(span) {
    let start = span.start16, end = Math.max(span.start16, span.end16), lines = 0, touched = false;
    for (const e of state.edits) {
      const past = e.at + e.removed, delta = e.inserted - e.removed;
      if (e.at > start && past < end) touched = true;
      if (start >= past) { start += delta; lines += e.lines; } else if (start > e.at) { start = e.at; touched = true; }
      if (end > e.at) {
        if (end >= past) end += delta;
        else { end = e.at + e.inserted; touched = true; }
      }
      end = Math.max(start, end);
    }
    return { start, end, lines, touched };
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

  // Select a span of the shown result (carried through the edits since) and scroll it into view.
  function selectSpan(span) {
    if (!span || typeof span.start16 !== "number" || !state.shown) return;
    const at = mapSpan(span);
    const ta = ui.text;
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(at.start, at.end);
    scrollTextTo(at.start);
    ta.scrollIntoView({ block: "nearest" });
  }

  // ---------------------------------------------------------------- rendering
  // Incremental: a finding whose content did not change keeps its DOM node (only its line numbers
  // and data-* are updated), a table whose layout did not change keeps its grid (only changed cells
  // are redrawn), so a re-check after a keystroke touches little of the page.
  // `fresh`: a new result of the engine's. Its summary, findings, marks and outline are drawn now and
  // painted in the next frame; the tables (hundreds of cells: 20-30 ms to build and 30-100 ms to lay
  // out on a 20 KB report here) in the frame after that, so that what must be fixed shows first.
  // The panel stays aria-busy until the tables are in.
  function render(fresh = false) {
    cancelTables();
    renderSummary();
    const r = state.shown && state.shown.result;
    // For tests and tools: what the panel describes (status, and the length of the checked text).
    ui.results.dataset.status = r ? "done" : "empty";
    ui.results.dataset.checkedLength = r ? String(state.shown.text.length) : "0";
    renderFindings(r);
    drawMarks(fresh || !!r);
    ui.outline.replaceChildren(...(r ? outlineItems(r) : []));
    if (fresh && r) {
      tablesLater.frame = requestAnimationFrame(() => { tablesLater.frame = requestAnimationFrame(renderTablesNow); });
      // (no frames in a hidden page: then by a timer)
      tablesLater.timer = setTimeout(renderTablesNow, TABLES_LATE_MS);
      tablesLater.pending = true;
    } else {
      renderTables(r);
    }
    showBusy();
    document.dispatchEvent(new Event("nianbao-page-render"));   // export.js follows the page
  }

  const tablesLater = { pending: false, frame: 0, timer: 0 };
  function cancelTables() {
    cancelAnimationFrame(tablesLater.frame);
    clearTimeout(tablesLater.timer);
    tablesLater.pending = false;
  }
  function renderTablesNow() {
    if (!tablesLater.pending) return;
    cancelTables();
    renderTables(state.shown && state.shown.result);
    showBusy();
    document.dispatchEvent(new Event("nianbao-page-render"));
  }

  function renderSummary() {
    if (state.notice) {
      ui.summary.textContent = t(state.notice.key, ...state.notice.args);
      ui.summary.className = "notice";
      return;
    }
    ui.summary.className = "";
    if (!state.ready && !state.shown) { ui.summary.textContent = t("loading"); return; }
    const r = state.shown && state.shown.result;
    if (!r) { ui.summary.textContent = t("empty"); return; }
    const n = { error: 0, warning: 0, info: 0 };
    for (const d of r.diagnostics || []) n[d.severity] = (n[d.severity] || 0) + 1;   // causes, not their items
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

  // Jump buttons; `spans` may be a function giving the current spans (looked up when clicked).
  function jumpButtons(spans, current = () => spans) {
    return spans.map((s, i) => el("button", {
      type: "button", class: "link", text: t("jump", i + 1, spans.length),
      "aria-label": `${t("jump", i + 1, spans.length)} (${t("at", s.line, s.column || 1)})`,
      onclick: () => selectSpan(current()[i]),
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

  // ---------------------------------------------------------------- findings
  // The list holds the causes (the top-level diagnostics), errors first, then warnings, then notes
  // (the engine's order within each); a cause's folded findings (`items`) sit in a <details> under it.
  // Everything a finding can jump to is a target {id, src, kind, sev, where}: `src` is the span in
  // the shown result (swapped for the new one when a node is kept), `where` the text node of its
  // line. Targets of kind cause, item and suggest are underlined in the text box (data-f = id).
  const view = { entries: [], targets: new Map(), spans: [], nextId: 1, active: [], caretKey: "" };
  const POSITION_KEYS = new Set(["start", "end", "start16", "end16", "line", "column", "end_line", "end_column"]);
  const signature = (d) => `${state.lang}\u0000${JSON.stringify(d, (k, v) => (POSITION_KEYS.has(k) ? undefined : v))}`;
  const sorted = (list) => list.map((d, i) => [d, i])
    .sort((a, b) => (SEVERITY_RANK[a[0].severity] ?? 3) - (SEVERITY_RANK[b[0].severity] ?? 3) || a[1] - b[1])
    .map(([d]) => d);
  const message = (d) => (d.message && (d.message[state.lang] || d.message.zh)) || "";

  // The span sources of a cause, in the order its targets are made.
  function sources(d) {
    const out = [d];
    if (d.suggest && typeof d.suggest.start16 === "number") out.push(d.suggest);
    out.push(...(d.related || []));
    for (const item of d.items || []) out.push(item, ...(item.related || []));
    return out;
  }

  function renderFindings(r) {
    const list = r ? sorted(r.diagnostics || []) : [];
    const old = new Map();
    for (const e of view.entries) {
      if (!old.has(e.sig)) old.set(e.sig, []);
      old.get(e.sig).push(e);
    }
    view.targets = new Map();
    view.entries = list.map((d) => {
      const sig = signature(d);
      const kept = (old.get(sig) || []).shift();
      const entry = kept || findingEntry(r, d, sig);
      if (kept) sources(d).forEach((src, i) => { entry.targets[i].src = src; });
      entry.d = d;
      setData(entry.node, d);
      for (const tg of entry.targets) view.targets.set(tg.id, tg);
      return entry;
    });
    placeAll();
    if (!r) ui.diagnostics.replaceChildren();
    else if (!list.length) ui.diagnostics.replaceChildren(el("li", { class: "none", text: t("noDiagnostics") }));
    else {
      const none = ui.diagnostics.querySelector(":scope > li.none");
      if (none) none.remove();
      // Keep what is in place; move or add the rest; drop what is gone.
      let at = ui.diagnostics.firstChild;
      for (const e of view.entries) {
        if (at === e.node) { at = at.nextSibling; continue; }
        ui.diagnostics.insertBefore(e.node, at);
      }
      while (at) { const next = at.nextSibling; at.remove(); at = next; }
    }
    view.active = view.active.filter((tg) => view.targets.get(tg.id) === tg);
    view.caretKey = "";
  }

  const setData = (node, d) => {
    node.dataset.line = d.line;
    node.dataset.column = d.column;
    node.dataset.start16 = d.start16;
    node.dataset.end16 = d.end16;
  };

  function target(entry, src, kind, sev) {
    const tg = { id: `f${view.nextId++}`, src, kind, sev, entry, where: document.createTextNode(""), shownLine: -1 };
    entry.targets.push(tg);
    return tg;
  }

  // One cause: its button (severity, rule, message, line), the suggested value, related locations,
  // and its folded items.
  function findingEntry(r, d, sig) {
    const entry = { sig, d, targets: [], node: null };
    const tableKey = (d.suggest && d.suggest.table) || (d.check || "").split(".")[0];
    const cause = target(entry, d, "cause", d.severity);
    const li = el("li", { class: `diag ${d.severity}`, "data-rule": d.rule, "data-severity": d.severity, "data-f": cause.id },
      el("button", { type: "button", class: "diag-main", onclick: () => jump(cause) },
        el("span", { class: `sev ${d.severity}` },
          el("span", { "aria-hidden": "true", text: `${SEVERITY_ICON[d.severity] || "•"} ` }),
          t("severity")[d.severity] || d.severity),
        el("code", { class: "rule", text: d.rule }),
        el("span", { class: "msg", text: message(d) }),
        el("span", { class: "where" }, cause.where)));
    cause.node = li;
    entry.node = li;
    if (d.suggest && typeof d.suggest.start16 === "number") li.append(suggestBox(r, d, target(entry, d.suggest, "suggest", d.severity)));
    add(li, relatedBox(r, entry, d, tableKey, cause));
    const items = d.items || [];
    if (items.length) {
      li.append(el("details", { class: "items" },
        el("summary", { text: t("details", items.length) }),
        el("ol", { class: "item-list" }, ...items.map((item) => {
          const tg = target(entry, item, "item", item.severity);
          const node = el("li", { class: `item ${item.severity}`, "data-rule": item.rule, "data-severity": item.severity, "data-f": tg.id },
            el("button", { type: "button", class: "item-main", onclick: () => jump(tg) },
              el("span", { class: `sev ${item.severity}` },
                el("span", { "aria-hidden": "true", text: `${SEVERITY_ICON[item.severity] || "•"} ` }),
                t("severity")[item.severity] || item.severity),
              el("span", { class: "msg", text: message(item) }),
              el("span", { class: "where" }, tg.where)),
            relatedBox(r, entry, item, (item.check || "").split(".")[0] || tableKey, tg));
          tg.node = node;
          return node;
        }))));
    }
    return entry;
  }

  // "此格可能应为 27（原文印作 25）" and a button that selects that cell in the text.
  function suggestBox(r, d, tg) {
    const s = d.suggest;
    const tb = (r.tables || []).find((x) => x.key === s.table);
    const blank = tb && tb.cells && tb.cells[s.cell] === null;
    const label = (s.label && (s.label[state.lang] || s.label.zh)) || "";
    tg.node = null;
    return el("div", { class: "suggest", "data-cell": s.cell, "data-value": s.value },
      el("strong", { class: "suggest-value", text: t("suggest", fmt(s.value)) }),
      el("span", { text: blank ? t("printedBlank") : typeof s.printed === "number" ? t("printedAs", fmt(s.printed)) : "" }),
      el("button", { type: "button", class: "link", onclick: () => jump(tg), "aria-label": `${t("jumpCell")}: ${label}` },
        t("jumpCell"), el("span", { class: "where" }, tg.where)));
  }

  // Related locations, labelled as the report prints them; more than RELATED_OPEN fold away.
  function relatedBox(r, entry, d, tableKey, owner) {
    const rels = d.related || [];
    if (!rels.length) return null;
    const buttons = rels.map((rel) => {
      const tg = target(entry, rel, "related", d.severity);
      tg.node = owner.node;
      return el("button", { type: "button", class: "link", onclick: () => jump(tg) },
        relatedText(r, tableKey, rel), tg.where);
    });
    const list = el("ul", { class: "related-list" }, ...buttons.map((b) => el("li", {}, b)));
    return buttons.length > RELATED_OPEN
      ? el("details", { class: "related" }, el("summary", { text: `${t("related")} (${buttons.length})` }), list)
      : el("div", { class: "related" }, el("span", { text: `${t("related")}${state.lang === "en" ? ": " : "："}` }), list);
  }

  // Line numbers of every target, carried through the edits since the result.
  function placeAll() {
    for (const tg of view.targets.values()) {
      const line = tg.src.line + (state.edits.length ? mapSpan(tg.src).lines : 0);
      if (line === tg.shownLine) continue;
      tg.shownLine = line;
      tg.where.textContent = tg.kind === "related" || tg.kind === "suggest" ? ` (${t("lineOnly", line)})`
        : tg.src.line === line ? t("at", line, tg.src.column || 1) : t("lineOnly", line);
    }
  }

  function jump(tg) {
    selectSpan(tg.src);
    setActive([tg.kind === "related" ? tg.entry.targets[0] : tg]);
    caretNote(targetsAt(ui.text.selectionStart));   // (the note follows; the outline stays on what was clicked)
  }

  // The findings the caret or a click is on: their list entries and their marks are outlined.
  function setActive(targets) {
    for (const tg of view.active) if (tg.node) tg.node.classList.remove("current");
    view.active = targets.filter(Boolean);
    for (const tg of view.active) {
      if (!tg.node) continue;
      tg.node.classList.add("current");
      const folded = tg.node.closest("details.items");
      if (folded && tg.kind === "item") folded.open = true;
    }
    marks.active(view.active.map((tg) => tg.id));
  }

  // "total/total = 39" → "（七）总计 · 总计 = 39" with the template's labels (English labels in English).
  // A narrative check (text.*) names cells of a table too: try the check's table first, then all.
  // Newer results print the label as the report does ("表三「（七）总计」行「总计」列 = 38") and
  // carry the key apart (`cell`): shown as it is, or in English named from the template.
  function relatedText(r, tableKey, rel) {
    if (!rel.cell) return relatedLabel(r, tableKey, rel.label);
    if (state.lang !== "en") return rel.label || "";
    const found = findCell(r, tableKey, rel.cell);
    if (!found) return rel.label || "";
    const tb = (r.tables || []).find((x) => x.key === found.table);
    const has = tb && tb.cells && Object.prototype.hasOwnProperty.call(tb.cells, rel.cell);
    const v = has ? tb.cells[rel.cell] : undefined;
    return `${found.name}${v === undefined ? "" : v === null ? ` = ${t("cellEmpty")}` : ` = ${fmt(v)}`}`;
  }

  function relatedLabel(r, tableKey, label) {
    const m = /^([\w.]+)\/([\w.]+)( = .*)?$/.exec(label || "");
    if (!m) return label || t("related");
    const found = findCell(r, tableKey, `${m[1]}/${m[2]}`);
    return found ? `${found.name}${m[3] || ""}` : label;
  }

  function findCell(r, tableKey, key) {
    const i = key.lastIndexOf("/");
    const [rowKey, colKey] = [key.slice(0, i), key.slice(i + 1)];
    const tb = (r.tables || []).find((x) => x.key === tableKey);
    const tables = ((tb && tb.template && (state.templates || {})[tb.template]) || templateFor(r)).tables || {};
    const find = (list, k) => (list || []).find((x) => x.key === k);
    for (const tk of [tableKey, ...Object.keys(tables).filter((k) => k !== tableKey)]) {
      const layout = tables[tk];
      if (!layout) continue;
      const parts = Array.isArray(layout) ? layout : [layout];   // proactive: one part per 第二十条 item
      for (const part of parts) {
        const row = find(part.rows || part.groups, rowKey), col = find(part.columns, colKey);
        if (row && col) return { table: tk, name: `${plainLabel(row)} · ${plainLabel(col)}` };
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- marks in the text box
  const marks = NianbaoMarks.create(ui.text, ui.layer);

  function drawMarks(checked) {
    const text = ui.text.value;
    const spans = [];
    if (state.shown && text.length <= MARKS_MAX) {
      for (const tg of view.targets.values()) {
        if (tg.kind === "related" || typeof tg.src.start16 !== "number") continue;
        const at = mapSpan(tg.src);
        spans.push({ start: at.start, end: at.end, sev: tg.sev, id: tg.id, stale: at.touched });
      }
    }
    view.spans = spans;
    marks.draw(text.length <= MARKS_MAX ? text : "", spans);
    view.caretKey = "";
    caretMoved();
    document.dispatchEvent(new CustomEvent("nianbao:marks", { detail: { checked, length: text.length, marks: spans.length } }));
  }

  // The findings at a text offset (a blank cell's point counts at its offset).
  const targetsAt = (p) => view.spans.filter((s) => s.start <= p && p <= s.end).map((s) => view.targets.get(s.id)).filter(Boolean);

  function describe(tg) {
    const sev = t("severity")[tg.sev] || tg.sev;
    const text = tg.kind === "suggest" ? t("suggest", fmt(tg.src.value)) : message(tg.src);
    return `${sev}：${text}`.replace("：", state.lang === "en" ? ": " : "：");
  }

  // Keyboard users: the caret inside an underlined span says what is found there (polite live
  // region under the box) and outlines that finding in the list.
  function caretMoved() {
    // (away from the box, or with no result, the note says nothing: it would describe another text)
    if (document.activeElement !== ui.text || !state.shown) { if (ui.caret.textContent) caretNote([]); return; }
    const hits = targetsAt(ui.text.selectionStart);
    if (hits.map((tg) => tg.id).join(" ") === view.caretKey) return;
    caretNote(hits);
    if (hits.length) {
      setActive(hits);
      const node = hits[0].node;
      if (node && window.matchMedia("(min-width: 60rem)").matches) node.scrollIntoView({ block: "nearest" });
    }
  }

  function caretNote(hits) {
    view.caretKey = hits.map((tg) => tg.id).join(" ");
    ui.caret.textContent = hits.length ? t("caretAt", [...new Set(hits.slice(0, 3).map(describe))].join(" ")) : "";
  }

  // Pointer users: hovering an underline shows its findings in a tooltip.
  let hoverAt = null, hoverFrame = 0, tipKey = "";
  function hover() {
    hoverFrame = 0;
    if (!hoverAt) return;
    const ids = marks.idsAt(hoverAt.x, hoverAt.y);
    const hits = ids.map((id) => view.targets.get(id)).filter(Boolean);
    if (!hits.length) { hideTip(); return; }
    const key = ids.join(" ");
    if (key !== tipKey) {
      tipKey = key;
      const stale = view.spans.some((s) => ids.includes(s.id) && s.stale);
      ui.tip.replaceChildren(...[...new Set(hits.slice(0, 4).map(describe))].map((line) => el("p", { text: line })));
      if (stale) ui.tip.append(el("p", { class: "stale-note", text: t("stale") }));
    }
    ui.tip.hidden = false;
    const w = ui.tip.offsetWidth, h = ui.tip.offsetHeight;
    const x = Math.max(4, Math.min(hoverAt.x + 12, window.innerWidth - w - 4));
    const y = hoverAt.y + 20 + h > window.innerHeight ? hoverAt.y - h - 12 : hoverAt.y + 20;
    ui.tip.style.left = `${x}px`;
    ui.tip.style.top = `${Math.max(4, y)}px`;
  }
  function hideTip() {
    tipKey = "";
    ui.tip.hidden = true;
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

  // The table of the shown result with this key (looked up when a cell is clicked: spans move).
  const shownTable = (key) => ((state.shown && state.shown.result.tables) || []).find((x) => x.key === key);

  // Tables kept between renders: key → {sig, block, cells: Map(cellKey → {td, name, drawn})}.
  let tableViews = new Map();
  function renderTables(r) {
    const tables = (r && r.tables) || [];
    if (!r || !tables.length) {
      tableViews = new Map();
      ui.tables.replaceChildren(...(r ? [el("p", { class: "none", text: t("noTables") })] : []));
      return;
    }
    const tpl = templateFor(r);
    const suggested = new Map();
    for (const d of r.diagnostics || []) if (d.suggest && d.suggest.cell) suggested.set(`${d.suggest.table}:${d.suggest.cell}`, d.suggest);
    const next = new Map();
    const blocks = tables.map((tb) => {
      // (a table's own generation where it differs from the report's: 表二 in 2021 columns above
      // a 表三 in 2019 rows)
      const own = (tb.template && (state.templates || {})[tb.template]) || tpl;
      const layout = (own.tables || {})[tb.key];
      const sig = [state.lang, tb.template || (r.report || {}).template, tb.key, tb.layout, !!tb.recovered,
        layout ? "" : Object.keys(tb.cells || {}).join()].join("|");
      let tv = tableViews.get(tb.key);
      if (!tv || tv.sig !== sig) tv = tableView(tb, layout, tpl, sig);
      next.set(tb.key, tv);
      const failing = failingChecks(r, tb.key);
      const failCells = new Set(failing.flatMap((c) => c.cells || []));
      for (const [key, c] of tv.cells) fillCell(c, key, tb, failCells.has(key), suggested.get(`${tb.key}:${key}`));
      tabStops(tv.block);
      // How the cells were placed, where not beside a printed label (表四 is always in order: not said).
      let byOrder = 0, bySplit = 0, byColumn = 0;
      if (tb.key !== "appeals")
        for (const sp of Object.values(tb.cell_spans || {})) {
          byOrder += sp.by === "order"; bySplit += sp.by === "split"; byColumn += sp.by === "column";
        }
      const placed = byOrder || bySplit || byColumn ? ` · ${t("byCount", byOrder, bySplit, byColumn)}` : "";
      tv.meta.replaceChildren(`${t("layout", (LAYOUTS[tb.layout] || {})[state.lang] || tb.layout)}${placed} · ${t("lineOnly", tb.line)} `,
        ...jumpButtons([tb], () => [shownTable(tb.key)]));
      tv.failing.replaceChildren(...(failing.length ? [el("h5", { text: t("failingChecks") }),
        el("ul", { class: "identities" }, ...failing.map((c) => identityItem(r, c, tb, layout)))] : []));
      return tv.block;
    });
    tableViews = next;
    let at = ui.tables.firstChild;
    for (const b of blocks) {
      if (at === b) { at = at.nextSibling; continue; }
      ui.tables.insertBefore(b, at);
    }
    while (at) { const n = at.nextSibling; at.remove(); at = n; }
  }

  function failingChecks(r, tableKey) {
    return (r.checks || []).filter((c) => c.status === "fail" && c.id.split(".")[0] === tableKey);
  }

  function tableView(tb, layout, tpl, sig) {
    const tv = { sig, cells: new Map(), meta: el("p", { class: "meta" }), failing: el("div", { class: "failing" }) };
    tv.block = el("section", { class: "table-block", "data-table": tb.key },
      el("h4", { text: sectionName(tb.key, tpl) }), tv.meta,
      tb.recovered ? el("p", { class: "warn-note", text: t("recovered") }) : null);
    for (const spec of gridsFor(tb, layout)) tv.block.append(grid(tb, spec, tv.cells));
    tv.block.append(tv.failing);
    return tv;
  }

  // A template label in the UI language; in English the Chinese wording stays below it,
  // since that is what the report prints.
  function labelNode(item) {
    if (!item.label) return el("span", { class: "visually-hidden", text: plainLabel(item) });
    if (state.lang === "en" && item.en) {
      return el("span", {}, el("span", { text: item.en }), el("span", { class: "zh", lang: "zh-CN", text: item.label }));
    }
    return el("span", { lang: "zh-CN", text: item.label });
  }
  const plainLabel = (item) => (state.lang === "en" && item.en ? item.en : item.label || "");

  function grid(tb, spec, cellViews) {
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
          const td = el("td", { "data-cell": key });
          cellViews.set(key, { td, name, drawn: "" });
          tr.append(td);
        }
      }
      body.append(tr);
    }
    table.addEventListener("keydown", gridKeys);
    return el("div", { class: "grid-wrap" }, table);
  }

  // How a cell was placed, where the grid marks it (beside its label and by HTML cells: not marked),
  // and the text key that says so.
  const BY_NOTE = { order: "byOrder", split: "bySplit", column: "byColumn" };

  // A cell's content, redrawn only when what it shows changed.
  function fillCell(c, key, tb, fails, suggest) {
    const cells = tb.cells || {};
    const present = Object.prototype.hasOwnProperty.call(cells, key);
    const value = present ? cells[key] : undefined;
    const span = (tb.cell_spans || {})[key];
    const by = span && tb.key !== "appeals" && Object.hasOwn(BY_NOTE, span.by) ? span.by : "";
    const drawn = `${present}|${value}|${fails}|${!!span}|${suggest ? suggest.value : ""}|${by}`;
    if (drawn === c.drawn) return;
    const focused = c.td.contains(document.activeElement);
    const tabStop = c.td.querySelector("button.cell[tabindex='0']");
    c.drawn = drawn;
    const cls = [present ? "" : "absent", value === null ? "blank" : "", fails ? "fail" : "", suggest ? "suggested" : "",
      by ? `by-${by}` : ""].filter(Boolean).join(" ");
    c.td.className = cls;
    const byNote = by ? t(BY_NOTE[by]) : "";
    if (byNote) c.td.title = byNote; else c.td.removeAttribute("title");
    const shown = !present ? t("cellMissing") : value === null ? t("cellEmpty") : fmt(value);
    const hint = suggest ? t("suggestCell", fmt(suggest.value)) : "";
    const content = [
      fails ? el("span", { class: "fail-mark", "aria-hidden": "true", text: "✗ " }) : null,
      el("span", { class: "value", text: shown }),
      suggest ? el("span", { class: "suggest-note", text: ` → ${fmt(suggest.value)}` }) : null,
    ];
    if (span) {
      const tk = tb.key;
      const btn = el("button", {
        type: "button", class: "cell", tabindex: -1,
        onclick: () => { const now = shownTable(tk); selectSpan(now && (now.cell_spans || {})[key]); },
        // (the name holds the visible "18 → 16" as it reads: axe's label-content-name-mismatch)
        "aria-label": `${t("cellPrefix", c.name)}: ${shown}${suggest ? ` → ${fmt(suggest.value)}` : ""}${fails ? ` (${t("cellFail")})` : ""}${hint ? ` (${hint})` : ""}${byNote ? ` (${byNote})` : ""}`,
      }, ...content);
      c.td.replaceChildren(btn);
      if (tabStop || focused) btn.tabIndex = 0;
      if (focused) btn.focus();
    } else {
      c.td.replaceChildren(...content.filter(Boolean),
        fails || hint ? el("span", { class: "visually-hidden", text: ` (${[fails ? t("cellFail") : "", hint].filter(Boolean).join(", ")})` }) : null);
    }
  }

  // One Tab stop per table: the first cell button, unless the arrow keys moved it.
  function tabStops(block) {
    for (const table of block.querySelectorAll("table")) {
      if (table.querySelector("button.cell[tabindex='0']")) continue;
      const first = table.querySelector("button.cell");
      if (first) first.tabIndex = 0;
    }
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
        for (const b of table.querySelectorAll("button.cell[tabindex='0']")) b.tabIndex = -1;
        btn.tabIndex = 0;
        btn.focus();
        return;
      }
    }
  }

  // "41 + 1 ≠ 38 + 5": the check's operand cells, split into its two sides. Cells printed blank that
  // the check counted as 0 (blank_as_zero) read 0, and are named below.
  function identityItem(r, check, tb, layout) {
    const cells = tb.cells || {};
    const asZero = new Set(check.blank_as_zero || []);
    const values = (check.cells || []).map((k) => (cells[k] === null && asZero.has(k) ? 0 : cells[k]));
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
    const diag = findDiagnostic(r, check.id);
    const said = diag && message(diag);
    const title = fam ? fam[state.lang] : said ? said.replace(/[。.]\s*$/, "") : t("checkFailed");
    let where = "";
    if (fam && layout && detail) {
      const item = (layout[fam.axis] || []).find((x) => x.key === detail);
      if (item && item.label) where = plainLabel(item);
    }
    const blanks = [...asZero].map((key) => findCell(r, tb.key, key)).filter(Boolean).map((c) => c.name);
    const firstCell = (check.cells || []).find((c) => (tb.cell_spans || {})[c]);
    return el("li", { class: "identity", "data-check": check.id },
      el("span", { class: "fail-mark", "aria-hidden": "true", text: "✗ " }),
      el("strong", { text: title }),
      where ? el("span", { class: "where", text: ` · ${where}` }) : null,
      equation ? el("span", { text: state.lang === "en" ? ": " : "：" }) : null,
      el("code", { class: equation ? "expr" : "expr visually-hidden", text: expr }),
      totals ? el("span", { class: "totals", text: ` ${totals}` }) : null,
      fam ? el("div", { class: "formula", text: fam[state.lang === "en" ? "fen" : "fzh"] }) : null,
      blanks.length ? el("div", { class: "formula", text: t("blankAsZero", blanks.join("、")) }) : null,
      firstCell ? el("div", {}, ...jumpButtons([tb.cell_spans[firstCell]], () => {
        const now = shownTable(tb.key);
        return [now && (now.cell_spans || {})[firstCell]];
      })) : null);
  }

  // The diagnostic of a check: a cause, or an item folded under one.
  function findDiagnostic(r, id) {
    for (const d of r.diagnostics || []) {
      if (d.check === id) return d;
      for (const item of d.items || []) if (item.check === id) return item;
    }
    return null;
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
      noteEdit();
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
  function applyLanguage(lang, first = false) {
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
    render(first);   // (a kept result on load is drawn as a new one: its findings first, its tables a frame later)
  }

  // ---------------------------------------------------------------- wiring
  ui.text.addEventListener("input", () => {
    state.fileName = "";
    hideTip();
    noteEdit();
    saveSoon();
    scheduleCheck();
  });
  document.addEventListener("selectionchange", caretMoved);
  ui.text.addEventListener("focus", () => { view.caretKey = ""; caretMoved(); });
  ui.text.addEventListener("blur", () => { view.caretKey = ""; caretMoved(); });
  ui.text.addEventListener("mousemove", (e) => {
    hoverAt = { x: e.clientX, y: e.clientY };
    if (!hoverFrame) hoverFrame = requestAnimationFrame(hover);
  });
  ui.text.addEventListener("mouseleave", () => { hoverAt = null; hideTip(); });
  ui.text.addEventListener("scroll", hideTip);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hideTip(); });
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
    noteEdit();
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
  state.value = ui.text.value;
  state.savedText = ui.text.value;
  // The result kept with this very text by this very engine build (boot.js found it): shown now,
  // and checked again by the engine, which starts once it is painted.
  const boot = typeof NB_BOOT !== "undefined" ? NB_BOOT : null;
  if (boot && boot.kept && boot.kept.text === ui.text.value) state.shown = boot.kept;
  applyLanguage(store.get(STORE_LANG) || "zh", !!state.shown);
  if (!store.ok) setFileNote("storageOff");
  if (boot && !boot.worker && state.shown) requestAnimationFrame(() => setTimeout(startWorker, 0));
  else startWorker();
})();
