/**
 * #17.14: the pay window as a person types and tabs through it. "Add payment method" starts the new row
 * with what is still owed; an amount's problem shows when the person leaves the field (or presses Record),
 * never on every keystroke; a refused credit amount applies nothing in the figures.
 */
import { expect, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { accountSource, entriesOf, figure, mountPayWindow, q, textOf } from "./helpers.js";

const DUE_20_CREDIT_5 = { fees: [{ id: "f1", amount: "20.00", description: "November tuition" }], credit: "5.00" };

/** Focuses the field, selects what it holds and types over it with real key presses (no leaving). */
async function typeOver(input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  input.select();
  await sendKeys({ type: text });
}

/** Leaves the focused field with Tab, as a person does. */
async function tab(): Promise<void> {
  await sendKeys({ press: "Tab" });
}

/** The messages next to fields a person reads. */
const shownErrors = (pw: HTMLElement) => [...(pw.shadowRoot?.querySelectorAll(".field-error") ?? [])].map((e) => e.textContent?.trim());

describe("<ck-pay-window> as a person types (#17.14)", () => {
  it("Add payment method starts the new row with what is still owed, no error; the payment records both", async () => {
    const source = await accountSource(DUE_20_CREDIT_5);
    const pw = await mountPayWindow(source, "pos");
    expect(figure(pw, "Remaining Due")).to.equal("$15.00");
    await typeOver(q<HTMLInputElement>(pw, "#tender-0"), "10.00");
    await tab();
    await pw.updateComplete;
    // Tab went on to Add payment method: press it from the keyboard.
    expect(pw.shadowRoot?.activeElement?.textContent?.trim()).to.equal("Add payment method");
    await sendKeys({ press: "Enter" });
    await pw.updateComplete;
    const second = q<HTMLInputElement>(pw, "#tender-1");
    expect(second.value).to.equal("5.00");
    expect(q<HTMLSelectElement>(pw, "#tender-1-method").value).to.equal("cash");
    expect(second.getAttribute("aria-invalid")).to.equal(null);
    expect(shownErrors(pw)).to.deep.equal([]);
    expect(figure(pw, "Paying now")).to.equal("$15.00");
    expect(figure(pw, "Still owed after payment")).to.equal("$0.00");
    const confirm = q<HTMLButtonElement>(pw, "[part~=confirm]");
    expect(confirm.disabled).to.equal(false);
    await expect(pw).to.be.accessible();
    confirm.click();
    await waitUntil(() => textOf(pw).includes("Payment recorded."), "the payment is recorded");
    expect(textOf(pw)).to.contain("Paid by card: $10.00");
    expect(textOf(pw)).to.contain("Paid by cash: $5.00");
    const payments = await entriesOf(source, "Payment");
    expect(payments.map((p) => (p.type === "Payment" ? [p.method, p.amount] : []))).to.deep.equal([
      ["card", "10.00"],
      ["cash", "5.00"],
    ]);
  });

  it("a new row added while the first pays it all is empty without an error, and follows what the first leaves", async () => {
    const pw = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), "pos");
    expect(q<HTMLInputElement>(pw, "#tender-0").value).to.equal("15.00");
    q<HTMLButtonElement>(pw, "button.add").click();
    await pw.updateComplete;
    expect(q<HTMLInputElement>(pw, "#tender-0").value).to.equal("15.00");
    expect(q<HTMLInputElement>(pw, "#tender-1").value).to.equal("");
    expect(shownErrors(pw)).to.deep.equal([]);
    expect(q<HTMLButtonElement>(pw, "[part~=confirm]").disabled).to.equal(false);
    // The person lowers the first row: the new one takes what is left.
    await typeOver(q<HTMLInputElement>(pw, "#tender-0"), "12.50");
    await tab();
    await pw.updateComplete;
    expect(q<HTMLInputElement>(pw, "#tender-1").value).to.equal("2.50");
    expect(figure(pw, "Paying now")).to.equal("$15.00");
    expect(shownErrors(pw)).to.deep.equal([]);
  });

  it('"10." is not refused while typing, and reads as 10.00 when left there', async () => {
    const pw = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), "pos");
    const input = q<HTMLInputElement>(pw, "#tender-0");
    await typeOver(input, "10.");
    await pw.updateComplete;
    expect(input.value).to.equal("10.");
    expect(input.getAttribute("aria-invalid")).to.equal(null);
    expect(shownErrors(pw)).to.deep.equal([]);
    await sendKeys({ type: "5" });
    await pw.updateComplete;
    expect(input.value).to.equal("10.5");
    expect(figure(pw, "Paying now")).to.equal("$10.50");
    await sendKeys({ press: "Backspace" });
    await tab();
    await pw.updateComplete;
    expect(input.value).to.equal("10.");
    expect(shownErrors(pw)).to.deep.equal([]);
    expect(figure(pw, "Paying now")).to.equal("$10.00");
    expect(figure(pw, "Still owed after payment")).to.equal("$5.00");
  });

  it("a problem waits while the person types, shows on leaving the field, and blocks recording", async () => {
    const source = await accountSource(DUE_20_CREDIT_5);
    const pw = await mountPayWindow(source, "pos");
    const input = q<HTMLInputElement>(pw, "#tender-0");
    await typeOver(input, "12.345");
    await pw.updateComplete;
    expect(shownErrors(pw)).to.deep.equal([]);
    expect(input.getAttribute("aria-invalid")).to.equal(null);
    await tab();
    await pw.updateComplete;
    expect(shownErrors(pw)).to.deep.equal(["USD amounts have at most 2 decimal places."]);
    expect(input.getAttribute("aria-invalid")).to.equal("true");
    expect(input.getAttribute("aria-describedby")).to.equal("tender-0-error");
    expect(q<HTMLButtonElement>(pw, "[part~=confirm]").disabled).to.equal(true);
    // Typing again: the message waits once more, and a good amount leaves none.
    await typeOver(input, "12.3");
    await pw.updateComplete;
    expect(shownErrors(pw)).to.deep.equal([]);
    await tab();
    await pw.updateComplete;
    expect(shownErrors(pw)).to.deep.equal([]);
    expect(figure(pw, "Paying now")).to.equal("$12.30");
    expect(await source.listEntries()).to.have.length(2);
  });

  it("Enter in a field never left shows its problem at once, focus stays on it, and nothing is recorded", async () => {
    const source = await accountSource(DUE_20_CREDIT_5);
    const pw = await mountPayWindow(source, "pos");
    const input = q<HTMLInputElement>(pw, "#tender-0");
    await typeOver(input, "ten");
    await pw.updateComplete;
    expect(shownErrors(pw)).to.deep.equal([]);
    // Record is pressable while the problem waits: pressing it is how the person learns of it.
    expect(q<HTMLButtonElement>(pw, "[part~=confirm]").disabled).to.equal(false);
    await sendKeys({ press: "Enter" });
    await pw.updateComplete;
    await pw.updateComplete;
    expect(shownErrors(pw)[0]).to.contain("That is not an amount");
    expect(pw.shadowRoot?.activeElement?.id).to.equal("tender-0");
    expect(q<HTMLButtonElement>(pw, "[part~=confirm]").disabled).to.equal(true);
    expect(textOf(pw)).to.not.contain("Payment recorded.");
    expect(await source.listEntries()).to.have.length(2);
    await expect(pw).to.be.accessible();
  });

  it("a problem with the amounts as a whole (over-tender) also waits until the field is left", async () => {
    const pw = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), "pos");
    await typeOver(q<HTMLInputElement>(pw, "#tender-0"), "50.00");
    await pw.updateComplete;
    expect(pw.shadowRoot?.querySelector("#tenders-error")).to.equal(null);
    await tab();
    await pw.updateComplete;
    expect(q(pw, "#tenders-error").textContent).to.equal("Only cash can be more than the amount due.");
  });

  it("admin: while the credit to apply is refused, the figures apply none of it, and say why", async () => {
    const pw = await mountPayWindow(await accountSource({ ...DUE_20_CREDIT_5, credit: "25.00" }), "admin");
    expect(figure(pw, "Applied Amount")).to.equal("$20.00");
    const credit = q<HTMLInputElement>(pw, "#credit-amount");
    await typeOver(credit, "21");
    await pw.updateComplete;
    expect(shownErrors(pw)).to.deep.equal([]);
    await tab();
    await pw.updateComplete;
    expect(shownErrors(pw)).to.deep.equal(["The credit applied cannot exceed the available credit or the amount due."]);
    expect(credit.getAttribute("aria-invalid")).to.equal("true");
    // Not the full $20.00: nothing is applied until the amount is corrected.
    expect(figure(pw, "Applied Amount")).to.equal("$0.00");
    expect(figure(pw, "Remaining Due")).to.equal("$20.00");
    expect(textOf(pw)).to.contain("No credit is applied until the credit to apply is corrected.");
    const toggle = q(pw, "ck-credit-toggle");
    expect(toggle.shadowRoot?.textContent?.replace(/\s+/g, " ")).to.contain("Applied Amount: $0.00");
    expect(q<HTMLButtonElement>(pw, "[part~=confirm]").disabled).to.equal(true);
    await expect(pw).to.be.accessible();

    await typeOver(credit, "5");
    await tab();
    await pw.updateComplete;
    expect(shownErrors(pw)).to.deep.equal([]);
    expect(figure(pw, "Applied Amount")).to.equal("$5.00");
    expect(figure(pw, "Remaining Due")).to.equal("$15.00");
    expect(q<HTMLInputElement>(pw, "#tender-0").value).to.equal("15.00");
    expect(textOf(pw)).to.not.contain("No credit is applied");
  });

  it("admin: text that is not an amount in the credit field applies none either", async () => {
    const pw = await mountPayWindow(await accountSource({ ...DUE_20_CREDIT_5, credit: "25.00" }), "admin");
    await typeOver(q<HTMLInputElement>(pw, "#credit-amount"), "abc");
    await tab();
    await pw.updateComplete;
    expect(shownErrors(pw)[0]).to.contain("That is not an amount");
    expect(figure(pw, "Applied Amount")).to.equal("$0.00");
    expect(figure(pw, "Remaining Due")).to.equal("$20.00");
  });
});
