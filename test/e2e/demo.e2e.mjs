// `npm run test:e2e`: the built demo in headless Chromium (playwright-core driving Debian's Chromium).
// Issue 8's proof: a mass credit to the families enrolled in one class; one such family in the member
// portal sees the credit and pays a fee with it; the Payment (AC) line is in the transactions report;
// after a reload the same state shows.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build, preview } from "vite";
import { CHROMIUM_FLAGS, chromiumPath, hasChromium, INSTALL_HINT } from "../../scripts/chromium.mjs";

if (!hasChromium()) {
  console.error(`No Chromium at ${chromiumPath()}. Install it with: sudo ${INSTALL_HINT}  (or set CHROME_PATH)`);
  process.exit(1);
}
const configFile = fileURLToPath(new URL("../../vite.config.ts", import.meta.url));
const started = Date.now();
const step = (text) => console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${text}`);

await build({ configFile, logLevel: "warn" });
step("built the demo (vite build → dist/demo)");
const server = await preview({ configFile, preview: { port: 0, strictPort: false }, logLevel: "warn" });
const base = server.resolvedUrls?.local[0];
assert.ok(base, "vite preview answers");
step(`serving it at ${base}`);

const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
const errors = [];
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
  page.setDefaultTimeout(30000);
  page.on("pageerror", (error) => {
    if (!String(error.message).includes("ResizeObserver loop")) errors.push(error.message);
  });
  const go = (hash) => page.evaluate((h) => (location.hash = h), hash);

  await page.goto(`${base}#/admin/mass-credit`);
  const wizard = page.locator("ck-mass-credit-wizard");
  await wizard.locator("#q-description").waitFor({ timeout: 120000 });
  step("the demo seeded IndexedDB and shows the mass-credit wizard");

  // §6: the questions, one by one, then one class in an enrollment filter.
  const date = await page.evaluate(() => localStorage.getItem("creditkit-demo:date"));
  // Each question moves on only with its Continue button (or Enter), never while typing.
  await wizard.locator("#q-description").fill("Pool closed for storm");
  await wizard.locator("#continue-description").click();
  await wizard.locator("#q-creditType").selectOption("weather");
  await wizard.locator("#continue-creditType").click();
  await wizard.locator("#q-date").fill(date);
  await wizard.locator("#continue-date").click();
  await wizard.locator("#q-amount").fill("15.00");
  await wizard.locator("#q-amount").press("Enter");
  await wizard.locator("#q-mode-family").check();
  await wizard.locator("#continue-mode").click();
  await wizard.locator("#q-outstanding").click();
  await wizard.locator("#toggle-enrollments").click();
  await wizard.locator("#add-row").click();
  const classBox = wizard.locator('.row-filter input[type="checkbox"][id*="-classIds-"]').first();
  const className = await classBox.evaluate((box) =>
    (box.labels?.[0]?.textContent ?? box.closest("label")?.textContent ?? "a class").trim(),
  );
  await classBox.check();
  await wizard.locator("[part~=preview-button]").click();
  await wizard.locator("[part~=review]").waitFor();
  step(`previewed a credit of 15.00 to the families with unpaid charges enrolled in ${className}`);
  await wizard.locator("[part~=process-button]").click();
  await wizard.locator("#dialog-confirm").click();
  await wizard.locator("[part~=done]").waitFor();
  step("processed the run");

  // The host listens for ck-mass-credit-processed and links the credited families to the portal.
  const familyLink = page.locator(".after-run a").first();
  const family = (await familyLink.textContent()).trim();
  await familyLink.click();
  // The portal greets "Sofia Clark" for the billing name "Clark, Sofia".
  const [surname, given] = family.split(", ");
  const greeting = given ? `${given} ${surname}` : family;
  await page.locator("main h1", { hasText: greeting }).waitFor();
  const portal = page.locator("ck-transactions");
  await portal.getByText("Pool closed for storm").first().waitFor();
  const creditBefore = await page.locator("ck-balance [part~=credit] [part~=amount]").textContent();
  assert.notEqual(creditBefore.trim(), "$0.00", "the family has Account Credit");
  step(`${family} sees the credit in the member portal (Account Credit ${creditBefore.trim()})`);

  // Pay with credit first (on by default in the portal); the rest by card.
  const pay = page.locator("ck-pay-window");
  await pay.locator("[part~=confirm]").click();
  await pay.locator("[part~=result]").waitFor();
  const after = {
    due: (await page.locator("ck-balance [part~=due] [part~=amount]").textContent()).trim(),
    credit: (await page.locator("ck-balance [part~=credit] [part~=amount]").textContent()).trim(),
  };
  step(`paid: Amount Due ${after.due}, Account Credit ${after.credit}`);

  const findPaymentAc = async () => {
    await go("#/admin/transactions");
    const report = page.locator("ck-transactions");
    await report.getByLabel("Transaction type").selectOption({ label: "Payment (AC)" });
    await report.getByText(family).first().waitFor();
  };
  await findPaymentAc();
  step(`the transactions report shows ${family}'s Payment (AC) line`);

  await page.reload();
  await page.locator("ck-transactions").waitFor({ timeout: 120000 });
  await findPaymentAc();
  await go(`#/portal`);
  await page.locator("#portal-account").waitFor();
  await page.locator("button", { hasText: "Sign in" }).click();
  await page.locator("main h1", { hasText: greeting }).waitFor();
  await page.locator("ck-balance [part~=credit] [part~=amount]").waitFor();
  const reloaded = {
    due: (await page.locator("ck-balance [part~=due] [part~=amount]").textContent()).trim(),
    credit: (await page.locator("ck-balance [part~=credit] [part~=amount]").textContent()).trim(),
  };
  assert.deepEqual(reloaded, after, "the same balances after a reload");
  step("after a reload: the same Payment (AC) line and the same balances");

  await go("#/admin/settings");
  const [saved] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download a backup (JSON)" }).click(),
  ]);
  page.once("dialog", (dialog) => dialog.accept());
  await page.locator("input[type=file]").setInputFiles(await saved.path());
  await page.locator("#status", { hasText: "Backup restored" }).waitFor();
  const restored = (await page.locator("#status").textContent()).trim();
  assert.match(restored, /Backup restored: \d+ accounts and 1 mass-credit run\./);
  await findPaymentAc();
  step(`downloaded a backup and restored it: "${restored}", the Payment (AC) line still there`);
  assert.deepEqual(errors, [], "no page errors");
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}
console.log(failed ? "\ne2e: FAILED" : `\ne2e: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
