// <nianbao-check>: the checker as an embeddable custom element, and the NianbaoCheck JS API.
// Classic script (not a module); the build appends it to view.js as nianbao-element.js, which
// defines the global `NianbaoCheck` and the element. nianbao.js, nianbao.wasm and
// nianbao-element.css are loaded from the directory nianbao-element.js was loaded from.
//
//   const nb = await NianbaoCheck.load();   // {check(text, {file}) → result, compare(last, this), version, templates}
//   <nianbao-check lang="en"></nianbao-check>   fires "nianbao-result" (detail = the result object)
//
// Open Shadow DOM; its styles come from a same-origin <link rel=stylesheet> inside the shadow root,
// so no inline script or style is needed (CSP: script-src 'self' 'wasm-unsafe-eval'). The engine
// runs on the calling thread: a report of a few hundred KB is checked in milliseconds.
/* global NianbaoView, createNianbao */
"use strict";
(() => {
  if (window.NianbaoCheck) return;   // loaded twice: keep the first
  const script = document.currentScript;
  const base = new URL(".", (script && script.src) || location.href).href;

  // ---------------------------------------------------------------- the engine
  function loadGlue() {
    if (typeof createNianbao === "function") return Promise.resolve();
    return new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = new URL("nianbao.js", base).href;
      s.onload = () => (typeof createNianbao === "function" ? resolve() : reject(new Error("nianbao.js did not define createNianbao")));
      s.onerror = () => reject(new Error(`${s.src}: not loaded`));
      document.head.append(s);
    });
  }

  let loading = null;
  function load() {
    if (loading) return loading;
    loading = (async () => {
      await loadGlue();
      const url = new URL("nianbao.wasm", base).href;
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      const wasmBinary = new Uint8Array(await response.arrayBuffer());
      let broken = false;
      const M = await createNianbao({ wasmBinary, print: () => {}, printErr: () => {}, onAbort: () => { broken = true; } });
      // A trap can leave the instance inconsistent: it is never used again, load() makes a new one.
      const guard = (fn) => (...args) => {
        if (broken) throw new Error("nianbao: 检查程序已失效，请重新 load() / the engine failed, call load() again");
        try {
          return fn(...args);
        } catch (err) {
          if (!(err instanceof TypeError)) { broken = true; loading = null; }
          throw err;
        }
      };
      return Object.freeze({
        version: String(M.version()),
        templates: M.templates(),
        check: guard((text, options) => M.check(text, options || {})),
        compare: guard((last, current) => M.compare(last, current)),
      });
    })();
    loading.catch(() => { loading = null; });   // a failed load may be retried
    return loading;
  }

  // ---------------------------------------------------------------- the element
  const WORDS = {
    zh: { label: "粘贴政府信息公开工作年度报告全文", loading: "正在加载检查程序…", empty: "请粘贴报告全文。",
      busy: "检查中…", failed: (m) => `检查程序出错：${m}`, outline: "章节", tables: "统计表", diagnostics: "问题列表" },
    en: { label: "Paste the full annual report (政府信息公开工作年度报告)", loading: "Loading the checker…",
      empty: "Paste the full text of a report.", busy: "Checking…", failed: (m) => `The checker failed: ${m}`,
      outline: "Sections", tables: "Statistical tables", diagnostics: "Problems" },
  };
  const DEBOUNCE_MS = 250;
  let uid = 0;

  class NianbaoCheckElement extends HTMLElement {
    static get observedAttributes() { return ["lang"]; }

    constructor() {
      super();
      const root = this.attachShadow({ mode: "open" });
      const id = `nb-text-${++uid}`;
      const make = (tag, attrs = {}, ...kids) => {
        const n = document.createElement(tag);
        for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
        n.append(...kids);
        return n;
      };
      const link = make("link", { rel: "stylesheet", href: new URL("nianbao-element.css", base).href });
      this._ui = {
        box: make("div", { class: "root", part: "root", hidden: "" }),
        label: make("label", { for: id, part: "label" }),
        text: make("textarea", { id, part: "input", spellcheck: "false", autocomplete: "off" }),
        summary: make("p", { class: "summary", part: "summary", role: "status", "aria-live": "polite" }),
        results: make("div", { class: "results", part: "results" }),
      };
      const ui = this._ui;
      // Shown once the stylesheet is in (or failed: then unstyled rather than nothing).
      link.addEventListener("load", () => ui.box.removeAttribute("hidden"));
      link.addEventListener("error", () => ui.box.removeAttribute("hidden"));
      ui.box.append(ui.label, ui.text, ui.summary, ui.results);
      root.append(link, ui.box);
      ui.text.addEventListener("input", () => {
        clearTimeout(this._timer);
        this._timer = setTimeout(() => this._run(), DEBOUNCE_MS);
      });
      ui.results.addEventListener("click", (e) => this._jump(e));
      ui.results.addEventListener("keydown", (e) => { if (e.key === "Enter") this._jump(e); });
      this._result = null;
      this._error = "";
    }

    get lang() { return this.getAttribute("lang") === "en" ? "en" : "zh"; }
    set lang(v) { this.setAttribute("lang", v); }
    /** The text in the element's box; setting it checks it. */
    get value() { return this._ui.text.value; }
    set value(v) { this._ui.text.value = String(v); this._run(); }
    /** The last result (null before the first check). */
    get result() { return this._result; }

    connectedCallback() {
      this._render();
      load().then((nb) => { this._nb = nb; this._error = ""; this._run(); },
        (err) => { this._error = err.message || String(err); this._render(); });
    }
    attributeChangedCallback() { if (this._ui) this._render(); }

    /** Check `text` (default: the box's text); resolves to the result, also sent as "nianbao-result". */
    async check(text) {
      if (text !== undefined) this._ui.text.value = String(text);
      return this._run();
    }

    async _run() {
      clearTimeout(this._timer);
      const text = this._ui.text.value;
      try {
        const nb = this._nb && !this._failed ? this._nb : (this._nb = await load());
        this._failed = false;
        this._result = text.trim() ? nb.check(text) : null;
        this._error = "";
      } catch (err) {
        this._failed = true;
        this._result = null;
        this._error = err.message || String(err);
      }
      this._shown = text;
      this._render();
      if (this._result) this.dispatchEvent(new CustomEvent("nianbao-result", { detail: this._result, bubbles: true, composed: true }));
      return this._result;
    }

    _render() {
      const ui = this._ui;
      const w = WORDS[this.lang];
      ui.label.textContent = w.label;
      ui.box.setAttribute("lang", this.lang === "en" ? "en" : "zh-CN");
      const r = this._result;
      ui.summary.classList.toggle("notice", !!this._error);
      if (this._error) ui.summary.textContent = w.failed(this._error);
      else if (!this._nb) ui.summary.textContent = w.loading;
      else if (!r) ui.summary.textContent = w.empty;
      ui.box.dataset.status = this._error ? "failed" : r ? "done" : "empty";
      if (!r) { ui.results.replaceChildren(); return; }
      const v = NianbaoView.build(document, r, { templates: this._nb.templates, lang: this.lang });
      ui.summary.textContent = v.summary.textContent;
      const h = (text) => { const n = document.createElement("h3"); n.textContent = text; return n; };
      v.outline.setAttribute("part", "outline");
      v.tables.setAttribute("part", "tables");
      v.diagnostics.setAttribute("part", "diagnostics");
      ui.results.replaceChildren(h(w.outline), v.outline, h(w.tables), v.tables, h(w.diagnostics), v.diagnostics);
      v.diagnostics.querySelectorAll("li.diag").forEach((li) => { li.tabIndex = 0; });
    }

    // A click (or Enter) on a diagnostic selects its text in the box.
    _jump(e) {
      const li = e.target.closest("li.diag");
      if (!li || !this._result || this._shown !== this._ui.text.value) return;
      const i = [...li.parentNode.children].indexOf(li);
      const d = (this._result.diagnostics || [])[i];
      if (!d || typeof d.start16 !== "number") return;
      this._ui.text.focus();
      this._ui.text.setSelectionRange(d.start16, Math.max(d.start16, d.end16));
    }
  }

  window.NianbaoCheck = Object.freeze({ load, base, Element: NianbaoCheckElement });
  if (!customElements.get("nianbao-check")) customElements.define("nianbao-check", NianbaoCheckElement);
})();
