/**
 * `npm run bench:store` — bundles bench/store.page.ts, serves it on
 * 127.0.0.1 (IndexedDB needs a real origin) and runs it in headless Chromium
 * (playwright-core, Debian's Chromium or CHROME_PATH). Prints what the page
 * prints: posting 100,000 credits through the memory and the IndexedDB data
 * sources (seconds, longest main-thread task), their ratio, and the median
 * read of an account with 1,000 entries. Never asserts timing.
 * Targets (issue 4): 100k credits < 20 s, no main-thread task > 50 ms during
 * the post, one account read < 10 ms. BENCH_CREDITS changes the size.
 */
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, chromiumPath, hasChromium, INSTALL_HINT } from "../scripts/chromium.mjs";

if (!hasChromium()) {
  console.error(`No Chromium at ${chromiumPath()}. Install it: ${INSTALL_HINT}`);
  process.exit(1);
}

const bundle = await build({
  entryPoints: [fileURLToPath(new URL("./store.page.ts", import.meta.url))],
  bundle: true,
  write: false,
  format: "esm",
  target: "es2022",
  conditions: ["source"],
  minify: true,
});
const script = bundle.outputFiles[0].text;
const html = '<!doctype html><meta charset="utf-8"><title>bench:store</title><script type="module" src="/bench.js"></script>';
const server = createServer((request, response) => {
  if (request.url === "/bench.js") response.writeHead(200, { "content-type": "text/javascript" }).end(script);
  else response.writeHead(200, { "content-type": "text/html" }).end(html);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address();

const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
let failed = false;
try {
  const page = await browser.newPage();
  const finished = new Promise((resolve) => {
    page.on("console", (message) => {
      const text = message.text();
      if (text === "DONE") resolve();
      else if (text.startsWith("FAILED")) {
        failed = true;
        console.error(text);
        resolve();
      } else console.log(text);
    });
    page.on("pageerror", (error) => {
      failed = true;
      console.error(error);
      resolve();
    });
  });
  const credits = process.env.BENCH_CREDITS ?? "100000";
  await page.goto(`http://127.0.0.1:${port}/?credits=${credits}`);
  await finished;
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
