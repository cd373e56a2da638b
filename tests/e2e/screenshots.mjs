// Screenshots of the results for docs/screenshots/: the single file over file://, one report each.
//
//   cd tests/e2e && node screenshots.mjs [SEED_PREFIX...]      (default: 003 000)
//
// Writes docs/screenshots/seed-<prefix>.png (full page) and seed-<prefix>-en.png (English UI, the
// first screen only).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { corpus, missingPrerequisites, openBrowser, openPage, pasteAndWait, root, singleFile } from "./lib.mjs";

const outDir = path.join(root, "docs/screenshots");
const prefixes = process.argv.slice(2).length ? process.argv.slice(2) : ["003", "000"];

const missing = missingPrerequisites().filter((m) => !m.includes("tools/nianbao"));
if (missing.length) {
  console.error(`缺少 missing:\n  ${missing.join("\n  ")}`);
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const browser = await openBrowser();
try {
  const { page } = browser;
  await openPage(page, pathToFileURL(singleFile).href);
  for (const prefix of prefixes) {
    const file = corpus().find((f) => path.basename(f).startsWith(prefix));
    if (!file) throw new Error(`no report starting with ${prefix}`);
    await pasteAndWait(page, fs.readFileSync(file, "utf8"));
    await page.evaluate(() => { document.getElementById("text").scrollTop = 0; window.scrollTo(0, 0); });
    const zh = path.join(outDir, `seed-${prefix}.png`);
    await page.screenshot({ path: zh, fullPage: true });
    await page.click("#lang");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await page.evaluate(() => window.scrollTo(0, 0));
    const en = path.join(outDir, `seed-${prefix}-en.png`);
    await page.screenshot({ path: en });
    await page.click("#lang");
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    console.log(`${path.relative(root, zh)}, ${path.relative(root, en)}`);
  }
} finally {
  await browser.close();
}
