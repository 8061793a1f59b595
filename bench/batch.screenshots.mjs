/**
 * Screenshots of <ck-batch-collect>, <ck-transactions> and <ck-members-report>
 * on generated data in headless Chromium, light and dark, wide and phone.
 * `node bench/batch.screenshots.mjs [outdir]` (default /tmp/ck-shots-batch).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, chromiumPath } from "../scripts/chromium.mjs";
import { serveBatchPage } from "./batch.serve.mjs";

const out = process.argv[2] ?? "/tmp/ck-shots-batch";
mkdirSync(out, { recursive: true });
const shots = [
  ["batch", 1200, "light"],
  ["batch-done", 1200, "light"],
  ["batch-done", 390, "light"],
  ["batch-done", 1200, "dark"],
  ["transactions", 1200, "light"],
  ["transactions-ac", 1200, "light"],
  ["transactions-ac", 1200, "dark"],
  ["members", 1200, "light"],
  ["members-sorted", 1200, "dark"],
  ["members", 390, "light"],
];
const server = await serveBatchPage();
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
try {
  for (const [view, width, scheme] of shots) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
    page.on("pageerror", (error) => console.error(view, error));
    await page.goto(`${server.url}?view=${view}`);
    await page.waitForFunction(() => window.viewReady === true, null, { timeout: 60000 });
    const file = join(out, `${view}-${width}${scheme === "dark" ? "-dark" : ""}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
