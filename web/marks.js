// NianbaoMarks: underlines in the text box itself. The textarea stays the input (typing, undo,
// paste, autosave); a layer behind it (`#marks`, aria-hidden) holds the same text in the same box,
// font and wrapping, with transparent glyphs, and a <mark> per stretch of text that findings cover.
// The textarea's background is transparent, so the marks show through under its own glyphs; the
// layer scrolls with it. Classic script, before app.js; defines the global `NianbaoMarks`.
//
//   const m = NianbaoMarks.create(textarea, layer)
//   m.draw(text, spans)   spans: [{start, end, sev, id, stale}] in UTF-16 offsets of `text`; a span with
//                         start === end is drawn as a thin bar at that point (a blank cell)
//   m.active(ids)         outline the marks of these finding ids (and no others)
//   m.idsAt(x, y)         the finding ids under a viewport point (document.elementsFromPoint sees the
//                         layer under the textarea)
//   m.sync()              copy the textarea's scroll position (on its scroll events, after drawing)
/* exported NianbaoMarks */
"use strict";
var NianbaoMarks = (() => {
  const RANK = { error: 3, warning: 2, info: 1 };

  function create(ta, layer) {
    let lastActive = [];

    // The box, font and wrapping come from the stylesheet (the same rules for both, and a scroll
    // bar's gutter kept in both): only the scroll position is copied.
    function sync() {
      layer.scrollTop = ta.scrollTop;
      layer.scrollLeft = ta.scrollLeft;
    }

    function draw(text, spans) {
      const frag = document.createDocumentFragment();
      const ranged = spans.filter((s) => s.end > s.start);
      const points = spans.filter((s) => s.end <= s.start).sort((a, b) => a.start - b.start);
      const cuts = new Set([0, text.length]);
      for (const s of ranged) { cuts.add(s.start); cuts.add(s.end); }
      for (const s of points) cuts.add(s.start);
      const bounds = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
      ranged.sort((a, b) => a.start - b.start);
      let open = [];        // spans covering the current stretch
      let next = 0;         // the first span of `ranged` not yet opened
      let pi = 0;
      for (let i = 0; i < bounds.length; i++) {
        const at = bounds[i];
        while (pi < points.length && points[pi].start === at) {
          const group = [];
          while (pi < points.length && points[pi].start === at) group.push(points[pi++]);
          frag.append(markFor(group, "", true));
        }
        if (i + 1 >= bounds.length) break;
        const to = bounds[i + 1];
        open = open.filter((s) => s.end > at);
        while (next < ranged.length && ranged[next].start <= at) {
          if (ranged[next].end > at) open.push(ranged[next]);
          next++;
        }
        const piece = text.slice(at, to);
        frag.append(open.length ? markFor(open, piece, false) : document.createTextNode(piece));
      }
      // A zero-width space keeps a last empty line (text ending in a line break) as tall as the textarea's.
      frag.append(document.createTextNode("\u200b"));
      // Room below the text, so that the layer scrolls as far as the textarea (its own box, and its
      // clip, stay the textarea's).
      const tail = document.createElement("span");
      tail.className = "tail";
      frag.append(tail);
      layer.replaceChildren(frag);
      requestAnimationFrame(sync);   // (in the frame, not now: reading scrollTop would lay the page out here)
      if (lastActive.length) active(lastActive);
    }

    function markFor(covering, piece, point) {
      const top = covering.reduce((a, b) => ((RANK[b.sev] || 0) > (RANK[a.sev] || 0) ? b : a));
      const m = document.createElement("mark");
      m.className = `m ${top.sev}${point ? " point" : ""}${covering.every((s) => s.stale) ? " stale" : ""}`;
      m.dataset.f = covering.map((s) => s.id).join(" ");
      m.textContent = piece;
      return m;
    }

    function active(ids) {
      for (const n of layer.querySelectorAll("mark.active")) n.classList.remove("active");
      lastActive = ids;
      for (const id of ids) for (const n of layer.querySelectorAll(`mark[data-f~="${id}"]`)) n.classList.add("active");
    }

    // The layer takes no pointer events (CSS), so clicks and selection stay the textarea's; for this
    // one hit test it does (the marks outside the editor's box are clipped by its overflow).
    function idsAt(x, y) {
      const ids = [];
      layer.style.pointerEvents = "auto";
      try {
        for (const n of document.elementsFromPoint(x, y)) {
          if (n.parentNode === layer && n.dataset && n.dataset.f) ids.push(...n.dataset.f.split(" "));
        }
      } finally {
        layer.style.pointerEvents = "";
      }
      return [...new Set(ids)];
    }

    ta.addEventListener("scroll", sync);
    return { draw, active, idsAt, sync };
  }

  return { create };
})();
