/**
 * Screenshots of the account elements (transactions, pay window, members report, balance) over the demo's
 * seeded families, light, dark and at 390 px, each checked with axe: `node bench/account-elements.screenshots.mjs
 * [outdir]` (default /tmp/ck-account-shots). `--pay` also drives the pay window as a person does (a second
 * payment method, a refused credit amount) and shoots each step.
 */
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { createServer, defaultClientConditions } from "vite";
import { CHROMIUM_FLAGS, chromiumPath } from "../scripts/chromium.mjs";

const out = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "/tmp/ck-account-shots";
mkdirSync(out, { recursive: true });
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const views = ["transactions", "transactions-wide", "member-transactions", "pay-admin", "pay-pos", "pay-portal", "members", "balance"];
const settings = [
  ["light", 1280, ""],
  ["dark", 1280, ""],
  ["light", 390, ""],
  ["dark", 390, ""],
  ["dark", 1280, "plain"],
];

const server = await createServer({
  root: fileURLToPath(new URL("..", import.meta.url)),
  configFile: false,
  logLevel: "error",
  resolve: { conditions: ["source", ...defaultClientConditions] },
  server: { host: "127.0.0.1", port: 0, strictPort: false },
  optimizeDeps: { noDiscovery: true, include: [] },
});
await server.listen();
const address = server.httpServer?.address();
const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 5173}/bench/account-elements.page.html`;
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });

async function axe(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"], rules: { region: { enabled: false } } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" > ")).join(" | ")}`);
  });
}

async function open(view, scheme, width, extra) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
  page.on("pageerror", (error) => console.error(view, error));
  await page.goto(`${url}?view=${view}${extra ? `&${extra}` : ""}`);
  await page.waitForFunction(() => window.viewReady === true, null, { timeout: 30000 });
  return page;
}

let failures = 0;
try {
  if (!process.argv.includes("--pay")) {
    for (const view of views) {
      for (const [scheme, width, extra] of settings) {
        if (extra && view !== "balance") continue;
        const page = await open(view, scheme, width, extra);
        const file = join(out, `${view}-${scheme}-${width}${extra ? `-${extra}` : ""}.png`);
        await page.screenshot({ path: file, fullPage: true });
        const violations = await axe(page);
        if (view === "transactions-wide" && width === 390) {
          // Tab to the scrolling credits summary (it is a Tab stop only while it scrolls) and scroll it with the arrows.
          await page.locator("ck-transactions [part~=credits]").focus();
          await page.keyboard.press("ArrowRight");
          await page.keyboard.press("ArrowRight");
          const focused = join(out, `${view}-${scheme}-${width}-focused.png`);
          const box = await page.locator("ck-transactions [part~=credits]").boundingBox();
          const top = await page.evaluate(() => window.scrollY);
          if (box)
            await page.screenshot({ path: focused, fullPage: true, clip: { x: 0, y: top + box.y - 12, width, height: box.height + 24 } });
          console.log(focused);
        }
        failures += violations.length;
        console.log(file, violations.length === 0 ? "axe: 0" : `axe:\n  ${violations.join("\n  ")}`);
        await page.close();
      }
    }
  } else {
    for (const [scheme, width] of [
      ["light", 1280],
      ["dark", 390],
    ]) {
      const page = await open("pay-pos", scheme, width, "families=200");
      const shot = async (step) => {
        const file = join(out, `pay-${step}-${scheme}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      };
      for (const box of await page.locator("ck-pay-window [part~=fee] input[type=checkbox]").all()) await box.check();
      const off = page.locator("ck-pay-window ck-credit-toggle [role=switch]");
      // Credit off: the card and the cash pay it all.
      if ((await off.getAttribute("aria-checked")) === "true") await off.click();
      const amount = page.locator("ck-pay-window #tender-0");
      await amount.fill("");
      await amount.pressSequentially("10.");
      await shot("typing-10dot");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await page.waitForTimeout(200);
      await shot("added-row");
      await page.close();
      const admin = await open("pay-admin", scheme, width, "families=200");
      const toggle = admin.locator("ck-pay-window ck-credit-toggle [role=switch]");
      if ((await toggle.getAttribute("aria-checked")) !== "true") await toggle.click();
      const credit = admin.locator("ck-pay-window #credit-amount");
      await credit.pressSequentially("99999");
      await admin.keyboard.press("Tab");
      await admin.waitForTimeout(200);
      const file = join(out, `pay-credit-refused-${scheme}-${width}.png`);
      await admin.screenshot({ path: file, fullPage: true });
      console.log(file, (await axe(admin)).join("\n") || "axe: 0");
      await admin.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
process.exitCode = failures > 0 ? 1 : 0;
