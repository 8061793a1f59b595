import { expect, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { planPayment } from "../../packages/elements/src/pay-window/checkout-form.js";
import { accountSource, creditSwitch, entriesOf, figure, mountPayWindow, q, textOf, typeInto } from "./helpers.js";

const DUE_20_CREDIT_5 = { fees: [{ id: "f1", amount: "20.00", description: "November tuition" }], credit: "5.00" };

/** Selects all of an input's text and types over it with real key presses. */
async function typeKeys(input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  input.select();
  await sendKeys({ type: text });
}

describe("<ck-pay-window> payments", () => {
  it("is accessible with an invalid amount shown", async () => {
    const pw = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), "admin");
    await typeInto(pw, q<HTMLInputElement>(pw, "#tender-0"), "12.345");
    await expect(pw).to.be.accessible();
  });

  it("a partial payment leaves the fee outstanding with a smaller remainder", async () => {
    const source = await accountSource(DUE_20_CREDIT_5);
    const pw = await mountPayWindow(source, "pos");
    await typeKeys(q<HTMLInputElement>(pw, "#tender-0"), "10.00");
    await pw.updateComplete;
    expect(figure(pw, "Paying now")).to.equal("$10.00");
    expect(figure(pw, "Still owed after payment")).to.equal("$5.00");
    expect(q(pw, "[part~=fee] .line").textContent).to.equal("Credit $5.00 · Payment $10.00 · Still owed $5.00");
    q<HTMLButtonElement>(pw, "[part~=confirm]").click();
    await pw.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    await pw.updateComplete;
    expect(textOf(pw)).to.contain("Payment recorded.");
    expect(textOf(pw)).to.contain("November tuition: $5.00 still owed.");
    const account = await source.getAccount("fam-1");
    expect(account.amountDue).to.equal("5.00");
    expect(account.accountCredit).to.equal("0.00");
    expect(account.fees[0]?.remainder).to.equal("5.00");
  });

  it("splits the rest between card and cash, with cash giving change", async () => {
    const source = await accountSource(DUE_20_CREDIT_5);
    const pw = await mountPayWindow(source, "pos");
    await typeKeys(q<HTMLInputElement>(pw, "#tender-0"), "10.00");
    q<HTMLButtonElement>(pw, "button.add").click();
    await pw.updateComplete;
    const rows = pw.shadowRoot?.querySelectorAll("[part~=tender]") ?? [];
    expect(rows.length).to.equal(2);
    expect(rows[1]?.getAttribute("aria-label")).to.equal("Payment 2");
    const method = q<HTMLSelectElement>(pw, "#tender-1-method");
    expect(method.value).to.equal("cash");
    await typeKeys(q<HTMLInputElement>(pw, "#tender-1"), "10.00");
    await pw.updateComplete;
    expect(figure(pw, "Paying now")).to.equal("$15.00");
    expect(figure(pw, "Change")).to.equal("$5.00");
    expect(figure(pw, "Still owed after payment")).to.equal("$0.00");
    q<HTMLButtonElement>(pw, "[part~=confirm]").click();
    await new Promise((r) => setTimeout(r, 50));
    await pw.updateComplete;
    expect(textOf(pw)).to.contain("Paid by card: $10.00");
    expect(textOf(pw)).to.contain("Paid by cash: $10.00");
    const payments = await entriesOf(source, "Payment");
    expect(payments.map((p) => [p.type === "Payment" ? p.method : "", p.amount])).to.deep.equal([
      ["card", "10.00"],
      ["cash", "5.00"],
    ]);
    expect((await source.getAccount("fam-1")).amountDue).to.equal("0.00");
  });

  it("removes a tender row, focus going to the row left; the only row has no Remove", async () => {
    const pw = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), "admin");
    expect(pw.shadowRoot?.querySelector("button.remove")).to.equal(null);
    q<HTMLButtonElement>(pw, "button.add").click();
    await pw.updateComplete;
    q<HTMLButtonElement>(pw, '[aria-label="Remove payment 2"]').click();
    await pw.updateComplete;
    await pw.updateComplete;
    expect(pw.shadowRoot?.querySelectorAll("[part~=tender]").length).to.equal(1);
    expect(pw.shadowRoot?.activeElement?.id).to.equal("tender-0");
    expect(pw.shadowRoot?.querySelector("button.remove")).to.equal(null);
  });

  it("records nothing empty: with no credit applied, no amount and nothing charged, it asks for an amount", async () => {
    const source = await accountSource({ fees: [{ id: "f1", amount: "20.00" }] });
    const snapshot = await source.getAccount("fam-1");
    const inputs = {
      channel: "admin",
      deselected: new Set<string>(),
      picked: new Set<string>(),
      applyCredit: false,
      creditText: "",
      rows: [],
      chargeToAccount: false,
      order: [],
    } as const;
    const context = { snapshot, charges: [], settings: await source.getSettings(), locale: "en-US", key: "k", date: "2026-11-20" };
    const answer = planPayment(inputs, context);
    expect(answer.plan).to.equal(undefined);
    expect(answer.errors.get("tenders")).to.equal("Enter a payment amount.");
  });

  it("reads a problem with the tenders as a whole out on the amount field too", async () => {
    const pw = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), "admin");
    await typeInto(pw, q<HTMLInputElement>(pw, "#tender-0"), "50.00");
    expect(q(pw, "#tenders-error").textContent).to.equal("Only cash can be more than the amount due.");
    expect(q(pw, "#tender-0").getAttribute("aria-describedby")).to.equal("tenders-error");
    expect(q(pw, "#tender-0").getAttribute("aria-invalid")).to.equal("true");
  });

  it("refuses too many decimals, in words next to the field, and records nothing", async () => {
    const source = await accountSource(DUE_20_CREDIT_5);
    const pw = await mountPayWindow(source, "admin");
    const input = q<HTMLInputElement>(pw, "#tender-0");
    await typeKeys(input, "12.345");
    await pw.updateComplete;
    // While typing the problem waits; leaving the field shows it.
    expect(input.getAttribute("aria-invalid")).to.equal(null);
    await sendKeys({ press: "Tab" });
    await pw.updateComplete;
    expect(input.getAttribute("aria-invalid")).to.equal("true");
    expect(input.getAttribute("aria-describedby")).to.equal("tender-0-error");
    expect(q(pw, "#tender-0-error").textContent).to.equal("USD amounts have at most 2 decimal places.");
    const confirm = q<HTMLButtonElement>(pw, "[part~=confirm]");
    expect(confirm.disabled).to.equal(true);
    confirm.click();
    expect(await source.listEntries()).to.have.length(2);
  });

  it("refuses text that is not an amount and a card paying more than is due", async () => {
    const pw = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), "pos");
    await typeInto(pw, q<HTMLInputElement>(pw, "#tender-0"), "ten");
    expect(q(pw, "#tender-0-error").textContent).to.contain("That is not an amount");
    await typeInto(pw, q<HTMLInputElement>(pw, "#tender-0"), "25.00");
    expect(pw.shadowRoot?.querySelector("#tender-0-error")).to.equal(null);
    expect(q(pw, "#tenders-error").textContent).to.equal("Only cash can be more than the amount due.");
    expect(q(pw, "[part~=tenders]").getAttribute("aria-invalid")).to.equal("true");
  });

  it("admin: lowers the credit applied; more than the maximum is refused next to the field", async () => {
    const pw = await mountPayWindow(await accountSource({ ...DUE_20_CREDIT_5, credit: "25.00" }), "admin");
    const credit = q<HTMLInputElement>(pw, "#credit-amount");
    expect(credit.placeholder).to.equal("up to $20.00");
    await typeKeys(credit, "5.00");
    await pw.updateComplete;
    expect(figure(pw, "Applied Amount")).to.equal("$5.00");
    expect(figure(pw, "Remaining Due")).to.equal("$15.00");
    expect(q<HTMLInputElement>(pw, "#tender-0").value).to.equal("15.00");
    await typeInto(pw, credit, "21.00");
    expect(credit.getAttribute("aria-invalid")).to.equal("true");
    expect(q(pw, "#credit-amount-error").textContent).to.equal("The credit applied cannot exceed the available credit or the amount due.");
  });

  it("point of sale and portal have no credit amount field; only the point of sale has Charge to Account", async () => {
    const pos = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), "pos");
    expect(pos.shadowRoot?.querySelector("#credit-amount")).to.equal(null);
    expect(pos.shadowRoot?.querySelector("#charge-to-account")).to.not.equal(null);
    const portal = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), "portal");
    expect(portal.shadowRoot?.querySelector("#credit-amount")).to.equal(null);
    expect(portal.shadowRoot?.querySelector("#charge-to-account")).to.equal(null);
    const methods = [...(portal.shadowRoot?.querySelectorAll("#tender-0-method option") ?? [])].map((o) => o.textContent);
    expect(methods).to.deep.equal(["Card", "Bank (ACH)"]);
  });

  it("portal: a partial payment is refused unless the organisation allows it", async () => {
    const pw = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), "portal");
    await typeInto(pw, q<HTMLInputElement>(pw, "#tender-0"), "10.00");
    expect(q(pw, "#tenders-error").textContent).to.equal("This payment must cover the whole amount due.");
    const allowed = await mountPayWindow(await accountSource({ ...DUE_20_CREDIT_5, settings: { portalPartialPayments: true } }), "portal");
    await typeInto(allowed, q<HTMLInputElement>(allowed, "#tender-0"), "10.00");
    expect(allowed.shadowRoot?.querySelector("#tenders-error")).to.equal(null);
    expect(figure(allowed, "Still owed after payment")).to.equal("$5.00");
  });

  it("reads amounts typed in the host's locale", async () => {
    const pw = await mountPayWindow(await accountSource({ fees: [{ id: "f1", amount: "1500.00" }] }), "admin", { locale: "de-DE" });
    expect(q<HTMLInputElement>(pw, "#tender-0").value).to.equal("1500,00");
    await typeInto(pw, q<HTMLInputElement>(pw, "#tender-0"), "1.234,50");
    expect(figure(pw, "Paying now")).to.equal("1.234,50 $");
    await typeInto(pw, q<HTMLInputElement>(pw, "#tender-0"), "12.50");
    expect(q(pw, "#tender-0-error").textContent).to.contain("That is not an amount");
    expect(creditSwitch(pw).disabled).to.equal(true);
  });
});

describe("<ck-pay-window> fee order (§3: oldest due first unless the user reorders)", () => {
  const TWO_FEES = {
    fees: [
      { id: "old", amount: "10.00", description: "October swim", dueDate: "2026-10-15" },
      { id: "new", amount: "20.00", description: "November swim", dueDate: "2026-11-15" },
    ],
  };
  const names = (pw: HTMLElement) => [...(pw.shadowRoot?.querySelectorAll("[part~=fee] .fee-name") ?? [])].map((n) => n.textContent);
  const lineOf = (pw: HTMLElement, feeId: string) =>
    pw.shadowRoot?.querySelector(`[data-fee-id="${feeId}"] .line`)?.textContent?.replace(/\s+/g, " ").trim();

  it("a partial payment goes to the fee moved up first, from the keyboard, and what is recorded follows that order", async () => {
    const source = await accountSource(TWO_FEES);
    const pw = await mountPayWindow(source, "admin");
    expect(names(pw)).to.deep.equal(["October swim", "November swim"]);
    await typeInto(pw, q<HTMLInputElement>(pw, "#tender-0"), "10.00");
    expect(lineOf(pw, "old")).to.equal("Payment $10.00 · Still owed $0.00");
    expect(lineOf(pw, "new")).to.equal("Still owed $20.00");

    const up = q<HTMLButtonElement>(pw, '[aria-label="Move November swim up"]');
    expect(q<HTMLButtonElement>(pw, '[aria-label="Move October swim up"]').disabled).to.equal(true);
    up.focus();
    await sendKeys({ press: "Enter" });
    await pw.updateComplete;
    await pw.updateComplete;
    expect(names(pw)).to.deep.equal(["November swim", "October swim"]);
    expect(lineOf(pw, "new")).to.equal("Payment $10.00 · Still owed $10.00");
    expect(lineOf(pw, "old")).to.equal("Still owed $10.00");
    // At the top now: its "up" is disabled, so focus moved to its "down", still on the same fee.
    expect(pw.shadowRoot?.activeElement?.getAttribute("aria-label")).to.equal("Move November swim down");
    await expect(pw).to.be.accessible();

    q<HTMLButtonElement>(pw, "[part~=confirm]").click();
    await waitUntil(() => textOf(pw).includes("Payment recorded."), "the payment is recorded");
    const { fees } = await source.getAccount("fam-1");
    expect(fees.map((f) => [f.feeId, f.remainder])).to.deep.equal([
      ["old", "10.00"],
      ["new", "10.00"],
    ]);
  });
});
