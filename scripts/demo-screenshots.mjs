// Screenshots of every demo page in headless Chromium: `node scripts/demo-screenshots.mjs [url] [outdir]`
// (default http://127.0.0.1:5173/ and /tmp/creditkit-demo-shots). Prints the page errors it saw.
import { mkdir } from "node:fs/promises";
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, chromiumPath } from "./chromium.mjs";

const base = process.argv[2] ?? "http://127.0.0.1:5173/";
const outdir = process.argv[3] ?? "/tmp/creditkit-demo-shots";
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

await mkdir(outdir, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
page.on("pageerror", (error) => console.log(`page error: ${error.message}`));
page.on("console", (message) => message.type() === "error" && console.log(`console error: ${message.text()}`));
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
  await page.screenshot({ path: `${outdir}/${name}.png`, fullPage: process.argv.includes("--full") });
  console.log(`${outdir}/${name}.png`);
}
await browser.close();
