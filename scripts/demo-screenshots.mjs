// The demo screenshot tour (issue #17): every demo page in headless Chromium, in light, in dark and at a phone's
// width (390 px), each checked by axe. `node scripts/demo-screenshots.mjs [url] [outdir] [--full]`
// (default http://127.0.0.1:5173/ and /tmp/creditkit-demo-shots). Writes <page>-<mode>.png, prints the page
// errors and every axe violation it saw, and exits 1 when axe found any.
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, chromiumPath } from "./chromium.mjs";

const base = process.argv[2] ?? "http://127.0.0.1:5173/";
const outdir = process.argv[3] ?? "/tmp/creditkit-demo-shots";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const PAGES = [
  ["members", "#/admin/members"],
  ["member", "#/admin/member/{featured}"],
  ["pos", "#/admin/pos"],
  ["mass-credit", "#/admin/mass-credit"],
  ["batch", "#/admin/batch"],
  ["transactions", "#/admin/transactions"],
  ["settings", "#/admin/settings"],
  ["portal", "#/portal"],
  ["portal-member", "#/portal/{featured}"],
];
const MODES = [
  ["light", { width: 1360, height: 900 }, "light"],
  ["dark", { width: 1360, height: 900 }, "dark"],
  ["phone", { width: 390, height: 844 }, "light"],
];

await mkdir(outdir, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
let violations = 0;
let views = 0;
for (const [mode, viewport, colorScheme] of MODES) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.log(`page error (${mode}): ${error.message}`));
  page.on("console", (message) => message.type() === "error" && console.log(`console error (${mode}): ${message.text()}`));
  await page.goto(base);
  // `npm start` (the shared ledger) asks who you are first: the admin (the default choice).
  await page.waitForSelector("ck-members-report, #sign-in-family", { timeout: 120000 });
  if (await page.$("#sign-in-family")) await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForSelector("ck-members-report", { timeout: 120000 });
  // A family with fees and credit shows the most.
  const featured = await page.evaluate(async () => {
    const source = document.querySelector("ck-provider").dataSource;
    const accounts = await source.getAccounts();
    return accounts.find((a) => a.amountDue !== "0.00" && a.accountCredit !== "0.00")?.account.id ?? accounts[0].account.id;
  });
  for (const [name, route] of PAGES) {
    const hash = route.replace("{featured}", featured);
    const before = await page
      .locator("main h1")
      .textContent()
      .catch(() => "");
    await page.evaluate((h) => {
      location.hash = h;
    }, hash);
    await page.waitForFunction((old) => document.querySelector("main h1")?.textContent !== old, before, { timeout: 30000 }).catch(() => {});
    await page.waitForTimeout(1500);
    const file = `${outdir}/${name}-${mode}.png`;
    await page.screenshot({ path: file, fullPage: process.argv.includes("--full") });
    if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
    const found = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")}`);
    });
    views++;
    violations += found.length;
    console.log(`${file}  axe: ${found.length === 0 ? "0 violations" : found.join("; ")}`);
  }
  await context.close();
}
await browser.close();
console.log(`tour: ${views} page views (${PAGES.length} pages × ${MODES.map((m) => m[0]).join(", ")}), axe violations: ${violations}`);
process.exit(violations === 0 ? 0 : 1);
