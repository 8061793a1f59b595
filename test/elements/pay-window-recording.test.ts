import type { CheckoutPlan, CommitResult } from "@creditkit/core";
import type { CkPayWindow, PaymentRecordedEvent, RecordRequestEvent } from "@creditkit/elements";
import "@creditkit/elements";
import type { StoreDataSource } from "@creditkit/store";
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { ACCOUNT, accountSource, creditSwitch, DATE, entriesOf, mountPayWindow, q, textOf } from "./helpers.js";

const DUE_20_CREDIT_5 = { fees: [{ id: "f1", amount: "20.00", description: "November tuition" }], credit: "5.00" };
const RACKET = { itemId: "racket", category: "Pro shop", description: "Racket restring", amount: "12.00" };

/** A data source whose recordCheckout is replaced (the rest is the memory one). */
function withRecord(source: StoreDataSource, record: (plan: CheckoutPlan) => Promise<CommitResult>): StoreDataSource {
  return Object.assign(Object.create(source) as StoreDataSource, { recordCheckout: record });
}

const done = (pw: CkPayWindow) => waitUntil(() => pw.status === "done", "the payment is recorded");
const confirmButton = (pw: CkPayWindow) => q<HTMLButtonElement>(pw, "[part~=confirm]");

describe("<ck-pay-window> recording", () => {
  it("is accessible while recording and when done", async () => {
    const source = await accountSource(DUE_20_CREDIT_5);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pw = await mountPayWindow(
      withRecord(source, async (plan) => {
        await gate;
        return source.recordCheckout(plan);
      }),
      "pos",
    );
    confirmButton(pw).click();
    await pw.updateComplete;
    expect(confirmButton(pw).textContent?.trim()).to.equal("Recording…");
    expect(confirmButton(pw).disabled).to.equal(true);
    expect(q(pw, "[role=status].status").textContent).to.equal("Recording the payment…");
    await expect(pw).to.be.accessible();
    release();
    await done(pw);
    expect(q(pw, "[part~=result] [role=status]").textContent).to.equal("Payment recorded.");
    await expect(pw).to.be.accessible();
    // Start a new payment: the result goes away and focus goes to the new payment's first fee, not the page.
    [...(pw.shadowRoot?.querySelectorAll<HTMLButtonElement>("[part~=result] button") ?? [])]
      .find((b) => b.textContent?.trim() === "Start a new sale")
      ?.click();
    // Everything is paid, so there is no fee to choose: the window's heading takes focus.
    await waitUntil(() => pw.shadowRoot?.activeElement?.id === "title", "focus is on the window's heading");
  });

  it("a double click records one payment", async () => {
    const source = await accountSource(DUE_20_CREDIT_5);
    let calls = 0;
    const pw = await mountPayWindow(
      withRecord(source, (plan) => {
        calls += 1;
        return source.recordCheckout(plan);
      }),
      "pos",
    );
    const button = confirmButton(pw);
    button.click();
    button.click();
    button.dispatchEvent(new MouseEvent("dblclick", { bubbles: true, composed: true }));
    await done(pw);
    expect(calls).to.equal(1);
    expect(await entriesOf(source, "Payment")).to.have.length(1);
    expect(await entriesOf(source, "Payment (AC)")).to.have.length(1);
  });

  it("fires ck-payment-recorded with the entries written", async () => {
    const source = await accountSource(DUE_20_CREDIT_5);
    const pw = await mountPayWindow(source, "pos");
    setTimeout(() => confirmButton(pw).click());
    const event = (await oneEvent(pw, "ck-payment-recorded")) as PaymentRecordedEvent;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.status).to.equal("committed");
    expect(event.detail.entries.map((e) => [e.type, e.amount])).to.deep.equal([
      ["Payment (AC)", "5.00"],
      ["Payment", "15.00"],
    ]);
  });

  it("shows a data-source failure with a Retry that records once, with the same key", async () => {
    const source = await accountSource(DUE_20_CREDIT_5);
    const keys: string[] = [];
    const pw = await mountPayWindow(
      withRecord(source, async (plan) => {
        keys.push(plan.key);
        // The first attempt is written, but its answer is lost.
        const result = await source.recordCheckout(plan);
        if (keys.length === 1) throw new Error("The connection was lost.");
        return result;
      }),
      "pos",
    );
    confirmButton(pw).click();
    await waitUntil(() => pw.status === "failed", "the failure shows");
    const alert = q(pw, "[role=alert]");
    expect(alert.textContent?.replace(/\s+/g, " ").trim()).to.equal("The payment was not recorded: The connection was lost. Retry");
    await expect(pw).to.be.accessible();
    const retry = [...(alert.querySelectorAll("button") ?? [])].find((b) => b.textContent?.trim() === "Retry") as HTMLButtonElement;
    // The pressed button was disabled while recording: focus is on Retry, not lost to the page.
    await waitUntil(() => pw.shadowRoot?.activeElement === retry, "Retry has focus");
    retry.click();
    await done(pw);
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(keys[0]);
    expect(textOf(pw)).to.contain("This payment was already recorded; nothing was recorded twice.");
    expect(await entriesOf(source, "Payment")).to.have.length(1);
  });

  it("with no data source, asks the host to record the plan; a cancelled request records nothing", async () => {
    const source = await accountSource(DUE_20_CREDIT_5);
    const snapshot = await source.getAccount(ACCOUNT);
    const pw = await fixture<CkPayWindow>(
      html`<ck-pay-window channel="portal" locale="en-US" date=${DATE} .snapshot=${snapshot}></ck-pay-window>`,
    );
    await expect(pw).to.be.accessible();
    pw.addEventListener("ck-record-request", (e) => e.preventDefault(), { once: true });
    confirmButton(pw).click();
    await pw.updateComplete;
    expect(pw.status).to.equal("idle");
    const requests: RecordRequestEvent[] = [];
    pw.addEventListener("ck-record-request", (request) => {
      requests.push(request);
      request.detail.respondWith(source.recordCheckout(request.detail.plan));
    });
    confirmButton(pw).click();
    await done(pw);
    const [request] = requests;
    expect(requests).to.have.length(1);
    expect(request?.cancelable).to.equal(true);
    expect(request?.detail.plan.appliedCredit).to.equal("5.00");
    expect(request?.detail.plan.remainingDue).to.equal("15.00");
    expect(textOf(pw)).to.contain("Payment recorded.");
    expect((await source.getAccount(ACCOUNT)).amountDue).to.equal("0.00");
    // The window holds the host's snapshot, not the account read again: it does not claim the account's Amount Due now.
    expect(textOf(pw)).not.to.contain("Amount Due on the account now");
  });

  describe("the auto-apply warning (§3)", () => {
    const warningOf = (pw: CkPayWindow) => pw.shadowRoot?.querySelector("[part~=warning]")?.textContent?.replace(/\s+/g, " ").trim();
    const chargeToAccount = async (pw: CkPayWindow) => {
      q<HTMLInputElement>(pw, "#charge-to-account").click();
      await pw.updateComplete;
    };
    const switchOff = async (pw: CkPayWindow) => {
      creditSwitch(pw).click();
      await pw.updateComplete;
    };

    it("shows before confirming when auto-apply is on, Apply Credit is off and the sale is charged to the account", async () => {
      const source = await accountSource({ credit: "5.00", settings: { autoApply: true } });
      const pw = await mountPayWindow(source, "pos", { charges: [RACKET] });
      expect(warningOf(pw)).to.equal(undefined);
      await switchOff(pw);
      await chargeToAccount(pw);
      expect(warningOf(pw)).to.equal(
        "Before you confirm: Auto-apply is on: $5.00 of account credit will be applied to the charge once it is posted, even though Apply Credit is off.",
      );
      expect(confirmButton(pw).getAttribute("aria-describedby")).to.equal("warning-auto-apply-will-use-credit");
      await expect(pw).to.be.accessible();
      confirmButton(pw).click();
      await done(pw);
      expect(textOf(pw)).to.contain(
        "Auto-apply is on, so $5.00 of account credit was then applied to unpaid fees, oldest due first: Racket restring $5.00",
      );
      expect((await source.getAccount(ACCOUNT)).amountDue).to.equal("7.00");
    });

    it("writes its amount in the host's locale", async () => {
      const source = await accountSource({ credit: "5.00", settings: { autoApply: true } });
      const pw = await mountPayWindow(source, "pos", { charges: [RACKET], locale: "de-DE" });
      await switchOff(pw);
      await chargeToAccount(pw);
      const amount = new Intl.NumberFormat("de-DE", { style: "currency", currency: "USD" }).format(5);
      expect(warningOf(pw)).to.equal(
        `Before you confirm: Auto-apply is on: ${amount.replace(/\s+/g, " ")} of account credit will be applied to the charge once it is posted, even though Apply Credit is off.`,
      );
    });

    it("does not show in any other case", async () => {
      const cases: [string, { autoApply: boolean }, boolean, boolean][] = [
        ["switch on", { autoApply: true }, false, true],
        ["not charged to the account", { autoApply: true }, true, false],
        ["auto-apply off", { autoApply: false }, true, true],
      ];
      for (const [name, settings, off, charge] of cases) {
        const pw = await mountPayWindow(await accountSource({ credit: "5.00", settings }), "pos", { charges: [RACKET] });
        if (off) await switchOff(pw);
        if (charge) await chargeToAccount(pw);
        expect(warningOf(pw), name).to.equal(undefined);
      }
      const noCredit = await mountPayWindow(await accountSource({ settings: { autoApply: true } }), "pos", { charges: [RACKET] });
      await chargeToAccount(noCredit);
      expect(warningOf(noCredit), "no credit").to.equal(undefined);
    });
  });
});
