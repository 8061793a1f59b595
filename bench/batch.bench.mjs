/**
 * `npm run bench:batch` — serves bench/batch.page.html with Vite and runs it
 * in headless Chromium (playwright-core, Debian's Chromium or CHROME_PATH):
 * a batch of 10,000 invoices (BENCH_INVOICES) run through <ck-batch-collect>
 * against the stored simulated gateway at 0 ms latency, then run again (a
 * re-run charges nothing). Prints the total time and the longest main-thread
 * task (PerformanceObserver "longtask"). Figures only, no assertions.
 * Target (issue 7): no task over 50 ms.
 */
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, chromiumPath, hasChromium, INSTALL_HINT } from "../scripts/chromium.mjs";
import { serveBatchPage } from "./batch.serve.mjs";

if (!hasChromium()) {
  console.error(`No Chromium at ${chromiumPath()}. Install it: ${INSTALL_HINT}`);
  process.exit(1);
}

const invoices = Number(process.env.BENCH_INVOICES ?? 10_000);
/** BENCH_STORE_INVOICES sizes the run over the embedded store (its stored gateway writes one record per charge); 0 skips it. */
const storeInvoices = Number(process.env.BENCH_STORE_INVOICES ?? invoices);
const server = await serveBatchPage();
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on("pageerror", (error) => console.error(error));
  await page.goto(server.url);
  await page.waitForFunction(() => typeof window.benchBatch === "function");
  const ms = (x) => `${x.toFixed(0).padStart(6)} ms`;
  const print = (r, title) => {
    console.log(`  ${title}, ${r.n.toLocaleString("en-US")} invoices`);
    console.log(
      `    load + per-account preview      ${ms(r.load.ms)}   longest task ${r.load.longest.toFixed(0)} ms (${r.load.count} over 50 ms)`,
    );
    for (const run of r.runs) {
      const outcomes = Object.entries(run.counts ?? {})
        .filter(([, v]) => v > 0)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ");
      console.log(
        `    ${run.label.padEnd(8)} settled ${ms(run.settled)}, results shown ${ms(run.shown)}   longest task ${run.longest.toFixed(0)} ms (${run.count} over 50 ms)`,
      );
      console.log(`             ${outcomes}; charged ${run.charged}`);
    }
    console.log(`    gateway charges after the run ${r.charges}, after the re-run ${r.chargesAfterRerun}`);
  };
  console.log("bench:batch — <ck-batch-collect>, simulated gateway at 0 ms, headless Chromium (target: no main-thread task over 50 ms)");
  print(await page.evaluate((n) => window.benchBatch(n, "journal"), invoices), "core journal + core simulated gateway");
  if (storeInvoices > 0) {
    print(await page.evaluate((n) => window.benchBatch(n, "store"), storeInvoices), "embedded memory store + its stored gateway");
  }
} finally {
  await browser.close();
  await server.close();
}
