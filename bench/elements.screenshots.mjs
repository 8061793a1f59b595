/**
 * Screenshots of the pay window in headless Chromium: each channel, a phone
 * width portal, the auto-apply warning, an error, the done state, and dark
 * mode. `node bench/elements.screenshots.mjs [outdir]` (default /tmp/ck-shots).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, chromiumPath } from "../scripts/chromium.mjs";
import { serveElementsPage } from "./elements.serve.mjs";

const out = process.argv[2] ?? "/tmp/ck-shots";
mkdirSync(out, { recursive: true });
const shots = [
  ["admin", 1024, "light"],
  ["admin-error", 1024, "light"],
  ["pos", 1024, "light"],
  ["pos-warning", 1024, "light"],
  ["portal", 1024, "light"],
  ["portal-phone", 360, "light"],
  ["done", 1024, "light"],
  ["admin", 1024, "dark"],
  ["portal-phone", 360, "dark"],
];
const server = await serveElementsPage();
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
try {
  for (const [view, width, scheme] of shots) {
    const page = await browser.newPage({ viewport: { width, height: 800 }, colorScheme: scheme });
    page.on("pageerror", (error) => console.error(view, error));
    await page.goto(`${server.url}?view=${view}`);
    await page.waitForFunction(() => window.viewReady === true, null, { timeout: 15000 });
    const file = join(out, `${view}${scheme === "dark" ? "-dark" : ""}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
