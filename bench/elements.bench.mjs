/**
 * `npm run bench:elements` — serves bench/elements.page.html with Vite and
 * runs it in headless Chromium (playwright-core, Debian's Chromium or
 * CHROME_PATH). Prints the pay window's median first render with 50 fees
 * (controlled, and through a provider and the memory data source) and its
 * median re-plan after a keystroke. Figures only, no assertions.
 * Targets (issue 5): first render < 50 ms, a keystroke < 5 ms.
 */
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, chromiumPath, hasChromium, INSTALL_HINT } from "../scripts/chromium.mjs";
import { serveElementsPage } from "./elements.serve.mjs";

if (!hasChromium()) {
  console.error(`No Chromium at ${chromiumPath()}. Install it: ${INSTALL_HINT}`);
  process.exit(1);
}

const fees = Number(process.env.BENCH_FEES ?? 50);
const server = await serveElementsPage();
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
  page.on("pageerror", (error) => console.error(error));
  await page.goto(server.url);
  await page.waitForFunction(() => typeof window.benchElements === "function");
  const r = await page.evaluate((n) => window.benchElements(n), fees);
  const ms = (x) => `${x.toFixed(2)} ms`;
  console.log(`bench:elements — <ck-pay-window channel="pos"> with ${r.fees} fees, headless Chromium (median)`);
  console.log(`  first render, controlled (snapshot property)      ${ms(r.firstRenderControlled)}   (target < 50 ms, ${r.runs} runs)`);
  console.log(`  first render, provider + memory data source       ${ms(r.firstRenderWithDataSource)}`);
  console.log(`  re-plan and re-render after one keystroke         ${ms(r.keystroke)}   (target < 5 ms, ${r.keystrokes} keystrokes)`);
} finally {
  await browser.close();
  await server.close();
}
