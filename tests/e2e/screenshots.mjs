// Screenshots of the results for docs/screenshots/: the single file over file://, one report each.
//
//   cd tests/e2e && node screenshots.mjs [SEED_PREFIX...]      (default: 003 000 002)
//
// Writes docs/screenshots/seed-<prefix>.png (full page) and seed-<prefix>-en.png (English UI, the
// first screen only), and seed-<first prefix>-changed.png: the same report with its 表三 total raised
// by one, to show failing identities. Then seed 003 with one wrong cell (seed-003-one-cell.png: NB0610 and its
// suggested value, a mark selected and its tip), with 表四 printed as a sentence (seed-003-skipped-table.png),
// and at phone width (seed-003-phone.png, the first screen).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { seed003Granted, seed003NoAppeals } from "./findings.mjs";
import { changeTotal, corpus, missingPrerequisites, openBrowser, openPage, pasteAndWait, root, singleFile } from "./lib.mjs";

const outDir = path.join(root, "docs/screenshots");
const prefixes = process.argv.slice(2).length ? process.argv.slice(2) : ["003", "000", "002"];

const missing = missingPrerequisites();  // the CLI too: changeTotal() asks it where the total is
if (missing.length) {
  console.error(`缺少 missing:\n  ${missing.join("\n  ")}`);
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const browser = await openBrowser();
try {
  const { page } = browser;
  await openPage(page, pathToFileURL(singleFile).href);
  const shoot = async (name, text, english) => {
    await pasteAndWait(page, text);
    await page.evaluate(() => { document.getElementById("text").scrollTop = 0; window.scrollTo(0, 0); });
    const out = path.join(outDir, `${name}.png`);
    await page.screenshot({ path: out, fullPage: true });
    if (english) {
      await page.click("#lang");
      await page.waitForFunction(() => document.documentElement.lang === "en");
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(outDir, `${name}-en.png`) });
      await page.click("#lang");
      await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    }
    console.log(path.relative(root, out) + (english ? ` (+ ${name}-en.png)` : ""));
  };
  for (const prefix of prefixes) {
    const file = corpus().find((f) => path.basename(f).startsWith(prefix));
    if (!file) throw new Error(`no report starting with ${prefix}`);
    await shoot(`seed-${prefix}`, fs.readFileSync(file, "utf8"), true);
    if (prefix === prefixes[0]) {
      const changed = changeTotal(file);
      if (changed) await shoot(`seed-${prefix}-changed`, changed.text, false);
    }
  }
  if (!process.argv.slice(2).length) {
    // One wrong cell: the finding clicked (its marks outlined), the pointer on its mark (the tip).
    await pasteAndWait(page, seed003Granted(["18"]));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click("#diagnostics li.diag[data-rule=NB0610] button.diag-main");
    const at = await page.evaluate(() => {
      const li = document.querySelector("#diagnostics li.diag[data-rule=NB0610]");
      const m = [...document.querySelectorAll("#marks mark")].find((n) => n.dataset.f.split(" ").includes(li.dataset.f));
      const r = m.getClientRects()[0];
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.mouse.move(at.x, at.y);
    await page.waitForFunction(() => !document.getElementById("tip").hidden);
    await page.screenshot({ path: path.join(outDir, "seed-003-one-cell.png") });
    await page.mouse.move(2, 2);
    console.log("docs/screenshots/seed-003-one-cell.png");
    await shoot("seed-003-skipped-table", seed003NoAppeals(), false);
    await page.setViewportSize({ width: 390, height: 844 });
    await pasteAndWait(page, seed003Granted(["18"]));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(outDir, "seed-003-phone.png") });
    console.log("docs/screenshots/seed-003-phone.png");
  }
} finally {
  await browser.close();
}
