/**
 * The demo's settings page (demo/pages/settings.ts, apply-credit.ts): turning auto-apply on offers to apply the
 * credit accounts already hold beside an amount due (issue #17), with the count and the amount first; Apply now
 * runs as a job with progress and ends with a summary; afterwards no account holds both. With none, no offer.
 */
import { type AccountSnapshot, type LedgerEntry, planSweep } from "@creditkit/core";
import { createMemoryDataSource, type StoreDataSource } from "@creditkit/store";
import { expect, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import type { DemoContext } from "../../demo/main.js";
import { settingsPage } from "../../demo/pages/settings.js";

const DATE = "2026-11-20";
const added: Element[] = [];

/** 12 families: 7 hold both (due 30.00; credit 10.00 … 40.00), 3 credit only, 2 fees only. Auto-apply off. */
async function organisation(holdingBoth = 7): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  const ids = Array.from({ length: 12 }, (_, i) => `fam-${i}`);
  await source.openAccounts(ids.map((id, i) => ({ id, name: `Family ${i}`, kind: "family" as const })));
  for (const [i, id] of ids.entries()) {
    const entries: LedgerEntry[] = [];
    const key = `seed/${id}`;
    if (i < holdingBoth || i >= 10) {
      entries.push({
        id: `${key}#fee`,
        key,
        type: "Fee",
        accountId: id,
        feeId: `fee-${i}`,
        amount: "30.00",
        date: "2026-11-01",
        dueDate: "2026-11-15",
        category: "Tuition",
        description: "Swim term",
      });
    }
    if (i < 10 && (i < holdingBoth || i >= 7)) {
      entries.push({
        id: `${key}#credit`,
        key,
        type: "Account Credit",
        accountId: id,
        grantId: `g-${i}`,
        amount: `${10 + 5 * i}.00`,
        date: "2026-10-01",
        description: "Goodwill",
        creditType: "Goodwill",
        source: { kind: "manual" },
      });
    }
    if (entries.length > 0) await source.commit(key, entries);
  }
  return source;
}

const holdingBoth = (snapshots: readonly AccountSnapshot[]) =>
  snapshots.filter((s) => planSweep(s, { key: "check", date: DATE }).length > 0).map((s) => s.account.id);

async function mount(source: StoreDataSource): Promise<HTMLElement> {
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = "/demo/demo.css";
  const loaded = new Promise((resolve) => css.addEventListener("load", resolve));
  document.head.append(css);
  await loaded;
  const ctx: DemoContext = { source, date: DATE, reset: async () => {} };
  const view = document.createElement("main");
  view.append(await settingsPage(ctx));
  document.body.append(view);
  added.push(css, view);
  return view;
}

const autoApply = (view: HTMLElement) => view.querySelector("#setting-autoApply") as HTMLInputElement;
const offer = (view: HTMLElement) => view.querySelector<HTMLElement>("section.offer");
const button = (view: HTMLElement, name: string) =>
  [...view.querySelectorAll<HTMLButtonElement>("section.offer button")].find((b) => b.textContent === name && !b.closest("[hidden]"));

describe("the demo's settings page: turning auto-apply on offers to apply existing credit (issue #17)", () => {
  afterEach(() => {
    for (const node of added.splice(0)) node.remove();
  });

  it("shows the count and the amount, Not now focused; Apply now shows progress, then a summary; no account holds both after", async () => {
    const source = await organisation();
    // 7 hold both: credits 10, 15, 20, 25, 30, 35, 40 against 30.00 due each: 10+15+20+25+30+30+30.
    expect(holdingBoth(await source.getAccounts())).to.have.length(7);
    const view = await mount(source);
    expect(offer(view)).to.equal(null);
    autoApply(view).click();
    await waitUntil(() => offer(view), "the offer shows");
    const shown = offer(view) as HTMLElement;
    expect(shown.getAttribute("aria-labelledby")).to.equal(shown.querySelector("h3")?.id);
    expect(shown.querySelector("h3")?.textContent).to.equal("Apply existing credit now?");
    expect(shown.querySelector(".offer-text")?.textContent).to.equal(
      "7 accounts hold both an amount due and account credit; applying it now would use $160.00 of credit.",
    );
    await expect(shown).to.be.accessible();
    expect((await source.getSettings()).autoApply).to.equal(true);
    await waitUntil(() => document.activeElement === button(view, "Not now"), "the safe choice has focus");
    // Keyboard: Shift+Tab to Apply now, Enter.
    const progress: string[] = [];
    const status = shown.querySelector('[role="status"]') as HTMLElement;
    // While it runs: the buttons are gone (no second click), a progress bar and a status count the accounts.
    const apply = button(view, "Apply now") as HTMLButtonElement;
    const seen: string[] = [];
    const watch = new MutationObserver(() => {
      progress.push(status.textContent ?? "");
      const bar = shown.querySelector("progress") as HTMLProgressElement;
      if (bar.checkVisibility()) seen.push(`${bar.value}/${bar.max} ${apply.checkVisibility() ? "buttons shown" : "no buttons"}`);
    });
    watch.observe(status, { childList: true, characterData: true, subtree: true });
    await sendKeys({ press: "Shift+Tab" });
    expect(document.activeElement?.textContent).to.equal("Apply now");
    await sendKeys({ press: "Enter" });
    await waitUntil(() => shown.querySelector("h3")?.textContent === "Existing credit applied", "the summary shows", { timeout: 5000 });
    watch.disconnect();
    expect(progress).to.include.members(["5 of 7 accounts done.", "7 of 7 accounts done."]);
    expect(seen).to.include.members(["5/7 no buttons", "7/7 no buttons"]);
    expect(seen.filter((s) => s.endsWith("buttons shown"))).to.deep.equal([]);
    expect(status.textContent).to.equal("Done: credit applied to 7 accounts, $160.00 of credit used.");
    expect(document.activeElement).to.equal(shown.querySelector("h3"));
    await expect(shown).to.be.accessible();
    // Read back through the data source: nobody holds both; the credit-only and fee-only accounts are as they were.
    const after = await source.getAccounts();
    expect(holdingBoth(after)).to.deep.equal([]);
    const byId = new Map(after.map((s) => [s.account.id, s]));
    expect(byId.get("fam-0")).to.include({ amountDue: "20.00", accountCredit: "0.00" });
    expect(byId.get("fam-6")).to.include({ amountDue: "0.00", accountCredit: "10.00" });
    expect(byId.get("fam-8")).to.include({ amountDue: "0.00", accountCredit: "50.00" });
    expect(byId.get("fam-11")).to.include({ amountDue: "30.00", accountCredit: "0.00" });
    const applied = (await source.listEntries()).filter((e) => e.type === "Payment (AC)");
    expect(applied).to.have.length(7);
    // Close: the offer goes, focus back on the switch.
    button(view, "Close")?.click();
    expect(offer(view)).to.equal(null);
    expect(document.activeElement).to.equal(autoApply(view));
    source.close();
  });

  it("an account that fails is listed with its reason and left untouched; Try again applies the rest, once", async () => {
    const source = await organisation();
    const record = source.recordCheckout.bind(source);
    let calls = 0;
    source.recordCheckout = (plan) => (++calls === 3 ? Promise.reject(new Error("The connection was lost.")) : record(plan));
    const view = await mount(source);
    autoApply(view).click();
    await waitUntil(() => button(view, "Apply now"), "the offer shows");
    button(view, "Apply now")?.click();
    const shown = offer(view) as HTMLElement;
    await waitUntil(() => shown.dataset.state === "done", "the summary shows");
    expect(shown.querySelector("h3")?.textContent).to.equal("Existing credit partly applied");
    expect(shown.querySelector('[role="status"]')?.textContent).to.equal(
      "Credit applied to 6 accounts, $140.00 of credit used. 1 account not changed:",
    );
    expect([...shown.querySelectorAll(".offer-failures li")].map((li) => li.textContent)).to.deep.equal([
      "Family 2: The connection was lost.",
    ]);
    expect(holdingBoth(await source.getAccounts())).to.deep.equal(["fam-2"]);
    await expect(shown).to.be.accessible();
    button(view, "Try again")?.click();
    await waitUntil(() => shown.querySelector("h3")?.textContent === "Existing credit applied", "the rest applied");
    expect(shown.querySelector('[role="status"]')?.textContent).to.equal("Done: credit applied to 7 accounts, $160.00 of credit used.");
    expect(holdingBoth(await source.getAccounts())).to.deep.equal([]);
    const applied = (await source.listEntries()).filter((e) => e.type === "Payment (AC)");
    expect(new Set(applied.map((e) => e.key)).size).to.equal(7);
    expect(applied.every((e) => e.key.startsWith(applied[0]?.key.split("/").slice(0, 2).join("/") ?? "?"))).to.equal(true);
    source.close();
  });

  it("Not now (or Escape) applies nothing", async () => {
    const source = await organisation();
    const view = await mount(source);
    autoApply(view).click();
    await waitUntil(() => document.activeElement === button(view, "Not now"), "the offer shows");
    await sendKeys({ press: "Escape" });
    expect(offer(view)).to.equal(null);
    expect(holdingBoth(await source.getAccounts())).to.have.length(7);
    source.close();
  });

  it("says nothing extra when no account holds both", async () => {
    const source = await organisation(0);
    const view = await mount(source);
    autoApply(view).click();
    await waitUntil(async () => (await source.getSettings()).autoApply && !autoApply(view).disabled, "saved");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(offer(view)).to.equal(null);
    source.close();
  });
});
