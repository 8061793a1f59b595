import { expect } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import { accountSource, creditSwitch, figure, mountPayWindow, q, textOf } from "./helpers.js";

const DUE_20_CREDIT_5 = { fees: [{ id: "f1", amount: "20.00", description: "November tuition" }], credit: "5.00" };

describe("<ck-pay-window>", () => {
  it("is accessible when it opens, in every channel", async () => {
    for (const channel of ["admin", "pos", "portal"] as const) {
      const pw = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), channel);
      await expect(pw).to.be.accessible();
    }
  });

  it("shows the account's credit at the top right of the header", async () => {
    const pw = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), "admin");
    const header = q(pw, "[part~=header]");
    expect(header.querySelector("h2")?.textContent).to.equal("Rivera family");
    const credit = q(pw, "[part~=balances] .credit");
    expect(credit.textContent?.replace(/\s+/g, " ").trim()).to.equal("Account Credit: $5.00");
    expect(credit.classList.contains("available")).to.equal(true);
    const box = header.getBoundingClientRect();
    const creditBox = credit.getBoundingClientRect();
    expect(box.right - creditBox.right).to.be.lessThan(40);
    expect(creditBox.top - box.top).to.be.lessThan(20);
  });

  it("titles itself with the account and the channel, or with the host's own heading alone", async () => {
    const source = await accountSource(DUE_20_CREDIT_5);
    const titled = (pw: Element) => q(pw, "[part~=header] .title").textContent?.replace(/\s+/g, " ").trim();
    expect(titled(await mountPayWindow(source, "admin"))).to.equal("Rivera family Take payment");
    expect(titled(await mountPayWindow(source, "pos"))).to.equal("Rivera family Point of sale");
    const own = await mountPayWindow(source, "admin");
    own.heading = "Take a payment";
    await own.updateComplete;
    expect(titled(own)).to.equal("Take a payment");
  });

  describe("the Apply Credit switch's default", () => {
    it("admin: off when the credit does not cover the fees, on when it does", async () => {
      const partly = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), "admin");
      expect(creditSwitch(partly).getAttribute("aria-checked")).to.equal("false");
      expect(figure(partly, "Applied Amount")).to.equal("$0.00");
      const covered = await mountPayWindow(await accountSource({ ...DUE_20_CREDIT_5, credit: "25.00" }), "admin");
      expect(creditSwitch(covered).getAttribute("aria-checked")).to.equal("true");
      expect(figure(covered, "Applied Amount")).to.equal("$20.00");
    });

    it("point of sale and portal: on whenever credit is available", async () => {
      for (const channel of ["pos", "portal"] as const) {
        const pw = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), channel);
        expect(creditSwitch(pw).getAttribute("aria-checked"), channel).to.equal("true");
      }
    });

    it("every channel: off and disabled with no credit", async () => {
      for (const channel of ["admin", "pos", "portal"] as const) {
        const pw = await mountPayWindow(await accountSource({ fees: DUE_20_CREDIT_5.fees }), channel);
        const button = creditSwitch(pw);
        expect(button.getAttribute("aria-checked"), channel).to.equal("false");
        expect(button.disabled, channel).to.equal(true);
      }
    });
  });

  it("20.00 due with 5.00 credit: Applied Amount 5.00, Remaining Due 15.00, and the payment amount shows 15.00", async () => {
    const pw = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), "pos");
    expect(figure(pw, "Total")).to.equal("$20.00");
    expect(figure(pw, "Applied Amount")).to.equal("$5.00");
    expect(figure(pw, "Remaining Due")).to.equal("$15.00");
    expect(q<HTMLInputElement>(pw, "#tender-0").value).to.equal("15.00");
    const toggle = q(pw, "ck-credit-toggle");
    expect(toggle.shadowRoot?.textContent?.replace(/\s+/g, " ")).to.contain("Applied Amount: $5.00");
    expect(q(pw, "[part~=confirm]").textContent?.trim()).to.equal("Record payment");
  });

  it("200.00 due with 50.00 credit: Applied Amount 50.00, Remaining Due 150.00", async () => {
    const pw = await mountPayWindow(await accountSource({ fees: [{ id: "dues", amount: "200.00" }], credit: "50.00" }), "portal");
    expect(figure(pw, "Applied Amount")).to.equal("$50.00");
    expect(figure(pw, "Remaining Due")).to.equal("$150.00");
    expect(q(pw, "[part~=confirm]").textContent?.trim()).to.equal("Pay now");
  });

  it("turning the switch off with the keyboard puts the credit back, live", async () => {
    const pw = await mountPayWindow(await accountSource(DUE_20_CREDIT_5), "pos");
    creditSwitch(pw).focus();
    await sendKeys({ press: "Space" });
    await pw.updateComplete;
    expect(creditSwitch(pw).getAttribute("aria-checked")).to.equal("false");
    expect(figure(pw, "Applied Amount")).to.equal("$0.00");
    expect(figure(pw, "Remaining Due")).to.equal("$20.00");
    expect(q<HTMLInputElement>(pw, "#tender-0").value).to.equal("20.00");
  });

  it('reads "Apply Credit" on the confirm button when credit pays everything', async () => {
    const pw = await mountPayWindow(await accountSource({ ...DUE_20_CREDIT_5, credit: "30.00" }), "admin");
    expect(figure(pw, "Remaining Due")).to.equal("$0.00");
    expect(q(pw, "[part~=confirm]").textContent?.trim()).to.equal("Apply Credit");
  });

  it("choosing fees updates the totals", async () => {
    const source = await accountSource({
      fees: [
        { id: "a", amount: "20.00", description: "October tuition", dueDate: "2026-10-15" },
        { id: "b", amount: "8.00", description: "Camp deposit", dueDate: "2026-11-15" },
      ],
      credit: "5.00",
    });
    const pw = await mountPayWindow(source, "pos");
    expect(figure(pw, "Total")).to.equal("$28.00");
    const boxes = pw.shadowRoot?.querySelectorAll<HTMLInputElement>("[part~=fee] input[type=checkbox]") ?? [];
    expect([...boxes].map((b) => b.closest("label")?.textContent?.replace(/\s+/g, " ").trim())).to.deep.equal([
      "October tuition Due Oct 15, 2026 $20.00",
      "Camp deposit Due Nov 15, 2026 $8.00",
    ]);
    boxes[0]?.click();
    await pw.updateComplete;
    expect(figure(pw, "Total")).to.equal("$8.00");
    expect(figure(pw, "Remaining Due")).to.equal("$3.00");
    boxes[1]?.click();
    await pw.updateComplete;
    // At the point of sale an empty sale is where it starts: a hint, not a red error.
    expect(textOf(pw)).to.contain("Nothing in this sale yet: ring up an item, or tick an unpaid fee to add it.");
    expect(pw.shadowRoot?.querySelector("[part~=error]")).to.equal(null);
    expect((q(pw, "[part~=confirm]") as HTMLButtonElement).disabled).to.equal(true);
    await expect(pw).to.be.accessible();
  });

  it("shows a hostile account name and fee description as text", async () => {
    const hostile = "<img src=x onerror=alert(1)>";
    const pw = await mountPayWindow(
      await accountSource({ name: hostile, fees: [{ id: "f1", amount: "20.00", description: hostile }], credit: "5.00" }),
      "admin",
    );
    expect(pw.shadowRoot?.querySelector("img")).to.equal(null);
    expect(q(pw, "h2").textContent).to.equal(hostile);
    expect(q(pw, ".fee-name").textContent).to.equal(hostile);
    await expect(pw).to.be.accessible();
  });
});
