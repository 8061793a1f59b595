import type { CkCreditToggle } from "@creditkit/elements";
import "@creditkit/elements";
import { expect, fixture, html, oneEvent } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";

const switchOf = (el: CkCreditToggle) => el.shadowRoot?.querySelector("[role=switch]") as HTMLButtonElement;
const figures = (el: CkCreditToggle) => (el.shadowRoot?.querySelector("[part=figures]")?.textContent ?? "").replace(/\s+/g, " ").trim();

describe("<ck-credit-toggle>", () => {
  it("is accessible, on and off", async () => {
    const el = await fixture<CkCreditToggle>(
      html`<ck-credit-toggle available-credit="5.00" applied-amount="5.00" remaining-due="15.00" checked locale="en-US"></ck-credit-toggle>`,
    );
    await expect(el).to.be.accessible();
    el.checked = false;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it("is a switch named Apply Credit that shows credit available, applied and remaining due", async () => {
    const el = await fixture<CkCreditToggle>(
      html`<ck-credit-toggle available-credit="5.00" applied-amount="5.00" remaining-due="15.00" checked locale="en-US"></ck-credit-toggle>`,
    );
    const button = switchOf(el);
    expect(button.getAttribute("aria-checked")).to.equal("true");
    expect(button.textContent?.trim()).to.equal("Apply Credit");
    expect(figures(el)).to.equal("Credit available: $5.00 Applied Amount: $5.00 Remaining Due: $15.00");
  });

  it("switches with a click, Space and Enter, and fires a typed change event", async () => {
    const el = await fixture<CkCreditToggle>(html`<ck-credit-toggle available-credit="5.00"></ck-credit-toggle>`);
    const button = switchOf(el);
    setTimeout(() => button.click());
    const clicked = await oneEvent(el, "ck-apply-credit-change");
    expect(clicked.detail.checked).to.equal(true);
    el.focus();
    await sendKeys({ press: "Space" });
    await el.updateComplete;
    expect(el.checked).to.equal(false);
    expect(button.getAttribute("aria-checked")).to.equal("false");
    await sendKeys({ press: "Enter" });
    await el.updateComplete;
    expect(el.checked).to.equal(true);
    expect(button.getAttribute("aria-checked")).to.equal("true");
  });

  it("is disabled when there is no credit", async () => {
    const el = await fixture<CkCreditToggle>(html`<ck-credit-toggle available-credit="0.00" remaining-due="20.00"></ck-credit-toggle>`);
    const button = switchOf(el);
    expect(button.disabled).to.equal(true);
    button.click();
    expect(el.checked).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it("submits its value in a form and goes back to its initial state on reset", async () => {
    const form = await fixture<HTMLFormElement>(html`
      <form><ck-credit-toggle name="applyCredit" value="yes" available-credit="5.00"></ck-credit-toggle><button type="reset">Reset</button></form>
    `);
    const el = form.querySelector("ck-credit-toggle") as CkCreditToggle;
    expect(new FormData(form).get("applyCredit")).to.equal(null);
    switchOf(el).click();
    await el.updateComplete;
    expect(new FormData(form).get("applyCredit")).to.equal("yes");
    form.reset();
    await el.updateComplete;
    expect(el.checked).to.equal(false);
    expect(switchOf(el).getAttribute("aria-checked")).to.equal("false");
    expect(new FormData(form).get("applyCredit")).to.equal(null);
    el.formStateRestoreCallback("on");
    await el.updateComplete;
    expect(el.checked).to.equal(true);
  });

  it("submits nothing while it shows off for want of credit, and its value once credit is available and it is on", async () => {
    const form = await fixture<HTMLFormElement>(html`
      <form><ck-credit-toggle name="applyCredit" value="yes" checked available-credit="0.00" remaining-due="20.00"></ck-credit-toggle></form>
    `);
    const el = form.querySelector("ck-credit-toggle") as CkCreditToggle;
    await el.updateComplete;
    expect(switchOf(el).disabled).to.equal(true);
    expect(switchOf(el).getAttribute("aria-checked")).to.equal("false");
    expect(new FormData(form).get("applyCredit")).to.equal(null);
    el.availableCredit = "5.00";
    await el.updateComplete;
    expect(switchOf(el).disabled).to.equal(false);
    expect(switchOf(el).getAttribute("aria-checked")).to.equal("true");
    expect(new FormData(form).get("applyCredit")).to.equal("yes");
    el.availableCredit = "0.00";
    await el.updateComplete;
    expect(switchOf(el).getAttribute("aria-checked")).to.equal("false");
    expect(new FormData(form).get("applyCredit")).to.equal(null);
  });

  it("is disabled inside a disabled fieldset", async () => {
    const form = await fixture<HTMLFormElement>(html`
      <form><fieldset disabled><legend>Pay</legend><ck-credit-toggle available-credit="5.00"></ck-credit-toggle></fieldset></form>
    `);
    const el = form.querySelector("ck-credit-toggle") as CkCreditToggle;
    await el.updateComplete;
    expect(switchOf(el).disabled).to.equal(true);
  });
});
