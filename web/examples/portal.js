// The portal's own script: listens to the element's event and uses the JS API.
/* global NianbaoCheck */
"use strict";
document.getElementById("checker").addEventListener("nianbao-result", (e) => {
  const n = e.detail.diagnostics.filter((d) => d.severity === "error").length;
  document.getElementById("portal-count").textContent = `${e.detail.report.year || "?"} 年度，${n} 个错误`;
});
document.getElementById("api-check").addEventListener("click", async () => {
  const nb = await NianbaoCheck.load();
  const r = nb.check(document.getElementById("checker").value);
  document.getElementById("api-out").textContent = `nianbao ${nb.version}: ${r.diagnostics.length} 条`;
});
