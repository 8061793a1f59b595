/** #17 items 5 and 11: a sale holds only what the admin puts in it and says what happened in one set of figures; a family that owes nothing sees no pay form. */
import type { CkPayWindow } from "@creditkit/elements";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { emulateMedia, sendKeys, setViewport } from "@web/test-runner-commands";
import { ACCOUNT, accountSource, creditSwitch, figure, mountPayWindow, q, textOf } from "./helpers.js";

const OLD_FEE = { id: "old", amount: "40.00", description: "October lessons", dueDate: "2026-10-15" };
const GOGGLES = { itemId: "goggles", category: "merchandise", description: "Goggles", amount: "18.50" };
const CAP = { itemId: "cap", category: "merchandise", description: "Swim cap", amount: "10.00" };

/** An account holding an unpaid fee and credit at once (as when auto-apply was turned on later), auto-apply now on. */
async function feeAndCredit() {
  const source = await accountSource({ fees: [OLD_FEE], credit: "40.00" });
  await source.updateSettings({ autoApply: true });
  return source;
}

const boxes = (pw: CkPayWindow) => [...(pw.shadowRoot?.querySelectorAll<HTMLInputElement>("[part~=fee] input[type=checkbox]") ?? [])];
const resultFigure = (pw: CkPayWindow, label: string) =>
  (pw.shadowRoot?.querySelector(`[part~=result] [data-figure="${label}"] dd`)?.textContent ?? "").replace(/\s+/g, " ").trim();
const headerDue = (pw: CkPayWindow) => (q(pw, "[part~=balances] dd").textContent ?? "").trim();

describe("<ck-pay-window> point of sale: what is in the sale, and what happened (#17.5)", () => {
  beforeEach(async () => {
    await emulateMedia({ colorScheme: "light" });
    await setViewport({ width: 800, height: 600 });
  });

  it("an existing unpaid fee is not ticked into a new sale; ticking it adds it", async () => {
    const source = await feeAndCredit();
    const pw = await mountPayWindow(source, "pos", { charges: [GOGGLES, CAP], pick: false });
    expect(boxes(pw).map((b) => b.checked)).to.deep.equal([false]);
    expect(figure(pw, "Total")).to.equal("$28.50");
    boxes(pw)[0]?.focus();
    await sendKeys({ press: "Space" });
    await pw.updateComplete;
    expect(figure(pw, "Total")).to.equal("$68.50");
    await expect(pw).to.be.accessible();
  });

  it("an empty sale is a hint, not an error; nothing can be recorded", async () => {
    const pw = await mountPayWindow(await accountSource({ fees: [OLD_FEE] }), "pos", { pick: false });
    expect(textOf(pw)).to.contain("Nothing in this sale yet: ring up an item, or tick an unpaid fee to add it.");
    expect(pw.shadowRoot?.querySelector("[part~=error]")).to.equal(null);
    expect(q<HTMLButtonElement>(pw, "[part~=confirm]").disabled).to.equal(true);
    await expect(pw).to.be.accessible();
  });

  it("Charge to Account with credit off: says nothing was paid, names the auto-apply, and agrees with the header", async () => {
    const source = await feeAndCredit();
    const pw = await mountPayWindow(source, "pos", { charges: [GOGGLES, CAP], pick: false });
    creditSwitch(pw).click();
    await pw.updateComplete;
    q<HTMLInputElement>(pw, "#charge-to-account").click();
    await pw.updateComplete;
    expect(textOf(pw)).to.contain("$40.00 of account credit will be applied to this account's unpaid fees");
    q<HTMLButtonElement>(pw, "[part~=confirm]").click();
    await waitUntil(() => pw.status === "done", "the sale is recorded");
    await waitUntil(() => headerDue(pw) === "$28.50", "the header shows the account read again");
    expect(q(pw, "[part~=result] [role=status]").textContent).to.equal("Charged to the account: nothing was paid now.");
    expect(textOf(pw)).not.to.contain("Payment recorded");
    expect(resultFigure(pw, "Sale total")).to.equal("$28.50");
    expect(resultFigure(pw, "Charged to account")).to.equal("$28.50");
    expect(resultFigure(pw, "Then applied by auto-apply")).to.equal("$40.00");
    expect(resultFigure(pw, "Still owed on this sale")).to.equal("$28.50");
    expect(resultFigure(pw, "Amount Due on the account now")).to.equal("$28.50");
    const swept = (q(pw, "[part~=swept]").textContent ?? "").replace(/\s+/g, " ").trim();
    expect(swept).to.equal(
      "Auto-apply is on, so $40.00 of account credit was then applied to unpaid fees, oldest due first: October lessons $40.00",
    );
    expect((await source.getAccount(ACCOUNT)).amountDue).to.equal("28.50");
    await expect(pw).to.be.accessible();
  });

  for (const [name, scheme, width] of [
    ["dark", "dark", 800],
    ["at a phone's width", "light", 390],
  ] as const) {
    it(`the result is accessible and fits, ${name}`, async () => {
      await emulateMedia({ colorScheme: scheme });
      await setViewport({ width, height: 844 });
      const pw = await mountPayWindow(await feeAndCredit(), "pos", { charges: [GOGGLES, CAP], pick: false });
      await expect(pw).to.be.accessible();
      creditSwitch(pw).click();
      await pw.updateComplete;
      q<HTMLInputElement>(pw, "#charge-to-account").click();
      await pw.updateComplete;
      q<HTMLButtonElement>(pw, "[part~=confirm]").click();
      await waitUntil(() => pw.status === "done" && headerDue(pw) === "$28.50", "recorded and read again");
      await expect(pw).to.be.accessible();
      const result = q(pw, "[part~=result]");
      expect(result.scrollWidth).to.be.at.most(result.clientWidth + 1);
    });
  }

  it("when auto-apply pays part of the sale itself, what stays owed on the sale is after it", async () => {
    const source = await accountSource({ credit: "5.00", settings: { autoApply: true } });
    const pw = await mountPayWindow(source, "pos", { charges: [GOGGLES] });
    creditSwitch(pw).click();
    await pw.updateComplete;
    q<HTMLInputElement>(pw, "#charge-to-account").click();
    await pw.updateComplete;
    q<HTMLButtonElement>(pw, "[part~=confirm]").click();
    await waitUntil(() => pw.status === "done" && headerDue(pw) === "$13.50", "recorded and read again");
    expect(resultFigure(pw, "Still owed on this sale")).to.equal("$13.50");
    expect(resultFigure(pw, "Amount Due on the account now")).to.equal("$13.50");
    expect(textOf(pw)).to.contain("Goggles: $13.50 still owed.");
  });

  it("credit applied and the rest charged: the headline says both", async () => {
    const source = await accountSource({ credit: "5.00", settings: { autoApply: false } });
    const pw = await mountPayWindow(source, "pos", { charges: [GOGGLES] });
    q<HTMLInputElement>(pw, "#charge-to-account").click();
    await pw.updateComplete;
    q<HTMLButtonElement>(pw, "[part~=confirm]").click();
    await waitUntil(() => pw.status === "done", "recorded");
    expect(q(pw, "[part~=result] [role=status]").textContent).to.equal("Credit applied; the rest charged to the account.");
    expect(resultFigure(pw, "Applied Amount")).to.equal("$5.00");
    expect(resultFigure(pw, "Charged to account")).to.equal("$13.50");
  });
});

describe("<ck-pay-window> a family that owes nothing (#17.11)", () => {
  for (const [name, scheme, width] of [
    ["light", "light", 800],
    ["dark", "dark", 800],
    ["at a phone's width", "light", 390],
  ] as const) {
    it(`portal: no pay form and no red error, ${name}`, async () => {
      await emulateMedia({ colorScheme: scheme });
      await setViewport({ width, height: 844 });
      const pw = await mountPayWindow(await accountSource({ credit: "10.00" }), "portal");
      expect(textOf(pw)).to.contain("You owe nothing right now: there is nothing to pay.");
      expect(textOf(pw)).not.to.contain("Choose at least one fee to pay.");
      expect(pw.shadowRoot?.querySelector("form, [part~=error], [part~=confirm]")).to.equal(null);
      await expect(pw).to.be.accessible();
    });
  }

  it("admin: says nothing is owed instead of a form", async () => {
    const pw = await mountPayWindow(await accountSource({}), "admin");
    expect(textOf(pw)).to.contain("Nothing is owed on this account: there is nothing to pay.");
    expect(pw.shadowRoot?.querySelector("form")).to.equal(null);
  });
});

describe("<ck-pay-window hide-balances> beside a <ck-balance> (#17.13)", () => {
  it("the page shows the account's balances once", async () => {
    const source = await accountSource({ fees: [OLD_FEE], credit: "10.00" });
    const wrapper = await fixture<HTMLElement>(html`
      <ck-provider .dataSource=${source} locale="en-US">
        <ck-balance account-id=${ACCOUNT}></ck-balance>
        <ck-pay-window channel="portal" account-id=${ACCOUNT} hide-balances></ck-pay-window>
      </ck-provider>
    `);
    const pw = wrapper.querySelector("ck-pay-window") as CkPayWindow;
    await waitUntil(() => pw.shadowRoot?.querySelector("[part~=fees]"), "the pay window shows the fees");
    const balance = wrapper.querySelector("ck-balance") as HTMLElement;
    await waitUntil(() => balance.shadowRoot?.textContent?.includes("$10.00"), "the balance shows");
    const shown = (el: Element) => (el.shadowRoot?.textContent ?? "").split("Account Credit").length - 1;
    expect(shown(balance) + shown(pw)).to.equal(1);
    expect(pw.shadowRoot?.querySelector("[part~=balances]")).to.equal(null);
    expect(textOf(pw)).to.contain("Pay");
    await expect(wrapper).to.be.accessible();
  });
});
