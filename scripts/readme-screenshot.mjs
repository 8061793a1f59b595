// The README's picture (docs/demo.png): a family signed in to the shared-ledger demo, its page in the member
// portal, in light at 1200 × 760. Start the demo first (`npm start`), then
// `node scripts/readme-screenshot.mjs [url] [family name]` (default http://127.0.0.1:5173/, "Edwards, Sofia").
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, chromiumPath } from "./chromium.mjs";

const base = process.argv[2] ?? "http://127.0.0.1:5173/";
const family = process.argv[3] ?? "Edwards, Sofia";
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
const page = await browser.newPage({ viewport: { width: 1200, height: 760 }, colorScheme: "light" });
await page.goto(base);
await page.waitForSelector("#sign-in-family", { timeout: 120000 });
const options = await page.$$eval("#sign-in-family option", (list) => list.map((o) => ({ value: o.value, text: o.textContent ?? "" })));
const chosen = options.find((o) => o.text.startsWith(family)) ?? options.find((o) => o.value !== "");
await page.selectOption("#sign-in-family", chosen.value);
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForSelector("ck-pay-window", { timeout: 60000 });
await page.waitForTimeout(2500);
await page.screenshot({ path: new URL("../docs/demo.png", import.meta.url).pathname });
console.log(`docs/demo.png: ${chosen.text} in the member portal`);
await browser.close();
