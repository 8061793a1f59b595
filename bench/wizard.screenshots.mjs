/**
 * Screenshots of every step of <ck-mass-credit-wizard> in headless Chromium
 * (300 generated families). `node bench/wizard.screenshots.mjs [outdir]`
 * (default /tmp/ck-wizard-shots).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, chromiumPath } from "../scripts/chromium.mjs";
import { serveWizardPage } from "./wizard.serve.mjs";

const out = process.argv[2] ?? "/tmp/ck-wizard-shots";
mkdirSync(out, { recursive: true });
const scenes = (
  process.env.SCENES ??
  "questions,answered,errors,enrollment-filters,previewing,review,explain,confirm,processing,stopped,resume,done,reversed"
).split(",");
const shots = [...scenes.map((s) => [s, 1024, "light"]), ["review", 1024, "dark"], ["review", 390, "light"], ["answered", 390, "light"]];
const server = await serveWizardPage();
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
try {
  for (const [view, width, scheme] of shots) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
    page.on("pageerror", (error) => {
      if (!String(error).includes("ResizeObserver loop")) console.error(view, error);
    });
    await page.goto(`${server.url}?view=${view}`);
    await page.waitForFunction(() => window.wizardReady === true, null, { timeout: 30000 });
    const file = join(out, `${view}${scheme === "dark" ? "-dark" : ""}${width < 600 ? "-phone" : ""}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
