/**
 * `npm run bench:wizard` — serves bench/wizard.page.html with Vite and drives
 * <ck-mass-credit-wizard> in headless Chromium (playwright-core, Debian's
 * Chromium or CHROME_PATH) over 100,000 generated families (once per family):
 * the preview in the worker, the longest main-thread task during the preview
 * and during processing, the review table's first render, select all, and a
 * scroll through the table. Figures only, no assertions.
 * Targets (issue 6): no main-thread task over 50 ms, first render < 100 ms,
 * select-all < 50 ms. BENCH_FAMILIES changes the size.
 */
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, chromiumPath, hasChromium, INSTALL_HINT } from "../scripts/chromium.mjs";
import { serveWizardPage } from "./wizard.serve.mjs";

if (!hasChromium()) {
  console.error(`No Chromium at ${chromiumPath()}. Install it: ${INSTALL_HINT}`);
  process.exit(1);
}

const families = Number(process.env.BENCH_FAMILIES ?? 100_000);
const server = await serveWizardPage();
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
  page.on("pageerror", (error) => {
    if (!String(error).includes("ResizeObserver loop")) console.error(error);
  });
  page.setDefaultTimeout(0);
  await page.goto(server.url);
  await page.waitForFunction(() => typeof window.benchWizard === "function");
  const r = await page.evaluate((n) => window.benchWizard(n), families);
  const ms = (x) => `${x.toFixed(1)} ms`;
  const n = (x) => x.toLocaleString("en-US");
  console.log(`bench:wizard — <ck-mass-credit-wizard>, ${n(r.families)} families, once per family (${n(r.rows)} rows), headless Chromium`);
  console.log(`  seeding the memory data source (not the wizard)       ${(r.seedMs / 1000).toFixed(1)} s`);
  console.log(`  index in the worker (once per data set)               ${ms(r.indexMs)}`);
  console.log(`  preview in the worker (previewMassCredit)             ${ms(r.previewWorkerMs)}`);
  console.log(`  Preview click → review, cold (send, index, preview)   ${ms(r.previewWallMs)}`);
  console.log(
    `  longest main-thread task during the cold preview      ${ms(r.previewLongestTask)}  (${r.previewLongTasks} tasks ≥ 50 ms; longest timer gap ${ms(r.previewLongestGap)}; target ≤ 50 ms)`,
  );
  console.log(
    `  Preview click → review, warm (index kept)             ${ms(r.warmPreviewWallMs)}  (longest task ${ms(r.warmPreviewLongestTask)})`,
  );
  console.log(`  review table's first render                           ${ms(r.firstRender)}  (target < 100 ms)`);
  console.log(`  select none / select all                              ${ms(r.selectNone)} / ${ms(r.selectAll)}  (target < 50 ms)`);
  console.log(
    `  scroll through the table (${r.scrollFrames} frames × 1,500 px)     longest frame ${ms(r.scrollLongestFrame)}, median ${ms(r.scrollMedianFrame)}`,
  );
  console.log(`  processing ${n(r.credits)} credits (memory data source)      ${(r.processMs / 1000).toFixed(1)} s`);
  console.log(
    `  longest main-thread task during processing            ${ms(r.processLongestTask)}  (${r.processLongTasks} tasks ≥ 50 ms; longest timer gap ${ms(r.processLongestGap)}; target ≤ 50 ms)`,
  );
} finally {
  await browser.close();
  await server.close();
}
