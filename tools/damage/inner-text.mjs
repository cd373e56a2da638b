// The text a user gets by selecting a page in the browser and copying it (document.body.innerText
// in Chromium): node inner-text.mjs PAGE.html > PAGE.txt. Needs playwright-core (tests/e2e).
import { createRequire } from "node:module";
import path from "node:path";
const require = createRequire(path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../tests/e2e/package.json"));
const { chromium } = require("playwright-core");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
// Scripts off: a saved page's own scripts never run here.
await page.route("**/*", (r) => (r.request().url().startsWith("file:") ? r.continue() : r.abort()));
await page.goto("file://" + path.resolve(process.argv[2]));
process.stdout.write(await page.evaluate(() => document.body.innerText));
await browser.close();
