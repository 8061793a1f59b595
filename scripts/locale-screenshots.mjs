// The demo in each language (issue #16): the admin's pay window (point of sale), the member portal, the
// mass-credit wizard and the transactions report, in English, Spanish and Arabic (right to left), at a
// desktop's width and at a phone's (390 px), each checked by axe. The language is the demo's own picker's
// (localStorage "creditkit-demo:locale", set before the page loads).
// `node scripts/locale-screenshots.mjs [url] [outdir] [--full] [--locales=en-US,es-US,ar]`
// (default http://127.0.0.1:5173/ and /tmp/locale-shots). Writes <page>-<lang>-<mode>.png, prints the page
// errors, every axe violation, and the kit's texts still the same as in English (likely untranslated);
// exits 1 when axe found any violation.
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, chromiumPath } from "./chromium.mjs";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const base = args[0] ?? "http://127.0.0.1:5173/";
const outdir = args[1] ?? "/tmp/locale-shots";
const LOCALES = (process.argv.find((a) => a.startsWith("--locales="))?.slice(10) ?? "en-US,es-US,ar").split(",");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const PAGES = [
  ["pos", "#/admin/pos"],
  ["portal", "#/portal/{featured}"],
  ["mass-credit", "#/admin/mass-credit"],
  ["transactions", "#/admin/transactions"],
];
const MODES = [
  ["desktop", { width: 1360, height: 900 }],
  ["phone", { width: 390, height: 844 }],
];

/** Every text a person reads inside the kit's elements (shadow roots included), trimmed, with its attributes' labels. */
function kitTexts() {
  const seen = new Set();
  const walk = (root) => {
    for (const node of root.querySelectorAll("*")) {
      if (node.shadowRoot) walk(node.shadowRoot);
      for (const attr of ["aria-label", "placeholder", "title"]) {
        const value = node.getAttribute(attr);
        if (value) seen.add(value.trim());
      }
      for (const child of node.childNodes) {
        if (child.nodeType === 3 && child.textContent.trim()) seen.add(child.textContent.trim().replace(/\s+/g, " "));
      }
    }
  };
  for (const el of document.querySelectorAll("main *")) if (el.tagName.startsWith("CK-") && el.shadowRoot) walk(el.shadowRoot);
  return [...seen];
}

await mkdir(outdir, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
let violations = 0;
const english = new Map();
for (const locale of LOCALES) {
  const lang = locale.split("-")[0];
  for (const [mode, viewport] of MODES) {
    const context = await browser.newContext({ viewport });
    await context.addInitScript((value) => localStorage.setItem("creditkit-demo:locale", value), locale);
    const page = await context.newPage();
    page.on("pageerror", (error) => console.log(`page error (${locale} ${mode}): ${error.message}`));
    page.on("console", (m) => m.type() === "error" && console.log(`console error (${locale} ${mode}): ${m.text()}`));
    await page.goto(base);
    await page.waitForSelector("ck-members-report, #sign-in-family", { timeout: 120000 });
    // The sign-in page speaks the chosen language too: its form's submit button, whatever its words.
    if (await page.$("#sign-in-family")) await page.locator("form button[type=submit]").first().click();
    await page.waitForSelector("ck-members-report", { timeout: 120000 });
    const featured = await page.evaluate(async () => {
      const source = document.querySelector("ck-provider").dataSource;
      const accounts = await source.getAccounts();
      return accounts.find((a) => a.amountDue !== "0.00" && a.accountCredit !== "0.00")?.account.id ?? accounts[0].account.id;
    });
    const html = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
    console.log(`${locale} ${mode}: <html lang="${html.lang}" dir="${html.dir}">`);
    for (const [name, route] of PAGES) {
      const before = await page
        .locator("main h1")
        .textContent()
        .catch(() => "");
      await page.evaluate(
        (h) => {
          location.hash = h;
        },
        route.replace("{featured}", featured),
      );
      await page
        .waitForFunction((old) => document.querySelector("main h1")?.textContent !== old, before, { timeout: 30000 })
        .catch(() => {});
      await page.waitForTimeout(2000);
      const file = `${outdir}/${name}-${lang}-${mode}.png`;
      await page.screenshot({ path: file, fullPage: process.argv.includes("--full") });
      if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
      const found = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")}`);
      });
      violations += found.length;
      console.log(`${file}  axe: ${found.length === 0 ? "0 violations" : found.join("; ")}`);
      if (mode !== "desktop") continue;
      const texts = await page.evaluate(kitTexts);
      if (lang === "en") english.set(name, new Set(texts));
      else if (english.has(name)) {
        const same = texts.filter((t) => english.get(name).has(t) && /[A-Za-z]{3,}/.test(t) && !/^[A-Z]{3}$/.test(t));
        if (same.length > 0)
          console.log(
            `  the same as in English (${same.length}): ${same
              .slice(0, 40)
              .map((t) => JSON.stringify(t.slice(0, 60)))
              .join(", ")}`,
          );
      }
    }
    await context.close();
  }
}
await browser.close();
console.log(
  `locale tour: ${LOCALES.join(", ")} × ${PAGES.length} pages × ${MODES.map((m) => m[0]).join(", ")}; axe violations: ${violations}`,
);
process.exit(violations === 0 ? 0 : 1);
