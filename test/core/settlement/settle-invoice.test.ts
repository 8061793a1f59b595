import { expect } from "chai";
import { isCreditKitError } from "../../../packages/core/src/errors.js";
import type { CreditPaymentEntry, PaymentEntry } from "../../../packages/core/src/ledger/entries.js";
import { createJournal } from "../../../packages/core/src/ledger/journal.js";
import {
  createSimulatedGateway,
  type SettleInvoiceRequest,
  type SimulatedOutcome,
  settleInvoice,
} from "../../../packages/core/src/settlement/index.js";
import { newJournal, oneInvoiceJournal, openAccount, postFee, postGrant, scriptedGateway, TODAY } from "./fixtures.js";

const request = (overrides: Partial<SettleInvoiceRequest> = {}): SettleInvoiceRequest => ({
  batchId: "dues-2026-05",
  invoiceId: "INV-1",
  accountId: "A",
  feeIds: ["F1"],
  applyCredit: true,
  date: TODAY,
  ...overrides,
});

const gatewayFor = (...script: SimulatedOutcome[]) => createSimulatedGateway({ cardsOnFile: ["A"], scripts: { A: script } });

async function rejects(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("settleInvoice: the spec's examples (§5)", () => {
  for (const [due, credit, charge] of [
    ["20.00", "5.00", "15.00"],
    ["200.00", "50.00", "150.00"],
  ] as const) {
    it(`due ${due} with credit ${credit} charges ${charge}; success pays the invoice by a card payment and a credit payment`, async () => {
      const ledger = oneInvoiceJournal(due, credit);
      const gateway = gatewayFor("succeed");
      const result = await settleInvoice({ ledger, gateway }, request());

      expect(gateway.charges().map((c) => c.amount)).to.deep.equal([charge]);
      expect(result).to.include({
        outcome: "paid-by-charge-and-credit",
        due,
        creditUsed: credit,
        charged: charge,
        key: "dues-2026-05/INV-1",
      });
      const card = result.entries.find((e): e is PaymentEntry => e.type === "Payment");
      const ac = result.entries.find((e): e is CreditPaymentEntry => e.type === "Payment (AC)");
      expect(card).to.include({ amount: charge, method: "card", reference: result.chargeId });
      expect(ac).to.include({ amount: credit, feeId: "F1" });
      expect(ac?.grants).to.deep.equal([{ grantId: "G1", amount: credit }]);
      const after = ledger.snapshot("A");
      expect(after).to.include({ amountDue: "0.00", accountCredit: "0.00", availableCredit: "0.00" });
    });

    it(`due ${due} with credit ${credit}: a decline leaves the invoice wholly unpaid and the credit at ${credit}`, async () => {
      const ledger = oneInvoiceJournal(due, credit);
      const gateway = gatewayFor("decline");
      const result = await settleInvoice({ ledger, gateway }, request());

      expect(gateway.attempts()).to.equal(1);
      expect(gateway.charges()).to.deep.equal([]);
      expect(result).to.include({ outcome: "declined", due, creditUsed: "0.00", charged: "0.00" });
      expect(result.message).to.be.a("string");
      expect(result.entries).to.deep.equal([]);
      const after = ledger.snapshot("A");
      expect(after).to.include({ amountDue: due, accountCredit: credit, availableCredit: credit, reservedCredit: "0.00" });
      expect(ledger.reservations()).to.deep.equal([]);
    });
  }
});

describe("settleInvoice: the other cases", () => {
  it("credit covering the due pays entirely from credit and never calls the gateway", async () => {
    const ledger = oneInvoiceJournal("20.00", "25.00");
    const gateway = gatewayFor();
    const result = await settleInvoice({ ledger, gateway }, request());
    expect(result).to.include({ outcome: "paid-by-credit", due: "20.00", creditUsed: "20.00", charged: "0.00" });
    expect(gateway.attempts()).to.equal(0);
    expect(result.entries.map((e) => e.type)).to.deep.equal(["Payment (AC)"]);
    expect(ledger.snapshot("A")).to.include({ amountDue: "0.00", accountCredit: "5.00" });
  });

  it("credit exactly equal to the due is paid by credit alone", async () => {
    const ledger = oneInvoiceJournal("20.00", "20.00");
    const gateway = gatewayFor();
    const result = await settleInvoice({ ledger, gateway }, request());
    expect(result.outcome).to.equal("paid-by-credit");
    expect(gateway.attempts()).to.equal(0);
  });

  it("nothing due: nothing happens (no reservation, no entries, no charge)", async () => {
    const ledger = oneInvoiceJournal("20.00", "20.00");
    const gateway = gatewayFor();
    await settleInvoice({ ledger, gateway }, request({ invoiceId: "INV-0" }));
    const before = ledger.entries().length;
    const result = await settleInvoice({ ledger, gateway }, request({ invoiceId: "INV-2" }));
    expect(result).to.include({ outcome: "nothing-due", due: "0.00", charged: "0.00", creditUsed: "0.00" });
    expect(ledger.entries().length).to.equal(before);
    expect(ledger.reservations()).to.deep.equal([]);
    expect(gateway.attempts()).to.equal(0);
  });

  it("with the option off the whole due is charged and the credit is untouched", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = gatewayFor("succeed");
    const result = await settleInvoice({ ledger, gateway }, request({ applyCredit: false }));
    expect(result).to.include({ outcome: "paid-by-charge", charged: "20.00", creditUsed: "0.00" });
    expect(gateway.charges().map((c) => c.amount)).to.deep.equal(["20.00"]);
    expect(result.entries.map((e) => e.type)).to.deep.equal(["Payment"]);
    expect(ledger.snapshot("A")).to.include({ amountDue: "0.00", accountCredit: "5.00" });
  });

  it("with the option off a failure leaves the invoice unpaid", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = gatewayFor("error");
    const result = await settleInvoice({ ledger, gateway }, request({ applyCredit: false }));
    expect(result.outcome).to.equal("failed");
    expect(ledger.snapshot("A")).to.include({ amountDue: "20.00", accountCredit: "5.00", availableCredit: "5.00" });
    expect(ledger.reservations()).to.deep.equal([]);
  });

  it("with no credit at all the whole due is charged (paid-by-charge)", async () => {
    const ledger = oneInvoiceJournal("20.00");
    const gateway = gatewayFor("succeed");
    const result = await settleInvoice({ ledger, gateway }, request());
    expect(result).to.include({ outcome: "paid-by-charge", charged: "20.00", creditUsed: "0.00" });
  });

  it("an account without a card on file is declined and stays unpaid", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = createSimulatedGateway();
    const result = await settleInvoice({ ledger, gateway }, request());
    expect(result.outcome).to.equal("declined");
    expect(ledger.snapshot("A")).to.include({ amountDue: "20.00", availableCredit: "5.00" });
  });

  it("a rejected gateway promise may have charged: asked once more, then unresolved with the credit still reserved", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = scriptedGateway(() => Promise.reject(new Error("socket hang up")));
    const result = await settleInvoice({ ledger, gateway }, request());
    expect(result).to.include({ outcome: "unresolved", code: "charge-unknown" });
    expect(result.message).to.contain("socket hang up");
    expect(gateway.requests.map((r) => [r.idempotencyKey, r.amount])).to.deep.equal([
      ["dues-2026-05/INV-1", "15.00"],
      ["dues-2026-05/INV-1", "15.00"],
    ]);
    expect(ledger.snapshot("A")).to.include({ amountDue: "20.00", availableCredit: "0.00", reservedCredit: "5.00" });
  });

  it("only an error the gateway marks notCharged is a failure that frees the credit", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = scriptedGateway(async () => ({ status: "error", message: "processor down", notCharged: true }));
    const result = await settleInvoice({ ledger, gateway }, request());
    expect(result).to.include({ outcome: "failed", code: "charge-failed", message: "processor down" });
    expect(gateway.requests).to.have.length(1);
    expect(ledger.snapshot("A")).to.include({ amountDue: "20.00", availableCredit: "5.00", reservedCredit: "0.00" });
  });

  it("a gateway that throws synchronously may have charged too: unresolved, reservation kept", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = {
      charge(): never {
        throw new Error("boom");
      },
    };
    const result = await settleInvoice({ ledger, gateway }, request());
    expect(result).to.include({ outcome: "unresolved", code: "charge-unknown" });
    expect(ledger.reservations().map((r) => r.key)).to.deep.equal(["dues-2026-05/INV-1"]);
  });

  it("credit pays the fees first in due order (grants oldest first), then the card pays the rest; entries are linked and keyed", async () => {
    const ledger = newJournal();
    openAccount(ledger, "A");
    postFee(ledger, "A", "LATE", "30.00", "2026-04-20");
    postFee(ledger, "A", "EARLY", "10.00", "2026-04-05");
    postGrant(ledger, "A", "NEW", "8.00", "2026-03-10");
    postGrant(ledger, "A", "OLD", "4.00", "2026-03-01");
    const gateway = gatewayFor("succeed");
    const result = await settleInvoice({ ledger, gateway }, request({ feeIds: ["LATE", "EARLY"] }));

    expect(result).to.include({ outcome: "paid-by-charge-and-credit", due: "40.00", creditUsed: "12.00", charged: "28.00" });
    const key = "dues-2026-05/INV-1";
    expect(result.entries.map((e) => e.id)).to.deep.equal([`${key}#0`, `${key}#1`, `${key}#2`]);
    expect(result.entries.every((e) => e.key === key && e.date === TODAY && e.accountId === "A")).to.equal(true);
    const [first, second, card] = result.entries as [CreditPaymentEntry, CreditPaymentEntry, PaymentEntry];
    expect(first).to.include({ type: "Payment (AC)", feeId: "EARLY", amount: "10.00" });
    expect(first.grants).to.deep.equal([
      { grantId: "OLD", amount: "4.00" },
      { grantId: "NEW", amount: "6.00" },
    ]);
    expect(second).to.include({ type: "Payment (AC)", feeId: "LATE", amount: "2.00" });
    expect(second.grants).to.deep.equal([{ grantId: "NEW", amount: "2.00" }]);
    expect(card).to.include({ type: "Payment", amount: "28.00", method: "card" });
    expect(card.allocations).to.deep.equal([{ feeId: "LATE", amount: "28.00" }]);
    expect(ledger.committed(key)).to.deep.equal(result.entries);
  });

  it("calling again after success is already-settled and charges nothing", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = gatewayFor("succeed");
    const first = await settleInvoice({ ledger, gateway }, request());
    const again = await settleInvoice({ ledger, gateway }, request());
    expect(again).to.include({ outcome: "already-settled", charged: "0.00", creditUsed: "0.00", chargeId: first.chargeId });
    expect(again.entries).to.deep.equal(first.entries);
    expect(gateway.attempts()).to.equal(1);
    expect(gateway.charges()).to.have.length(1);
  });

  it("a declined invoice can be tried again with the same key and is then paid once", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = gatewayFor("decline", "succeed");
    expect((await settleInvoice({ ledger, gateway }, request())).outcome).to.equal("declined");
    expect((await settleInvoice({ ledger, gateway }, request())).outcome).to.equal("paid-by-charge-and-credit");
    expect(gateway.charges().map((c) => [c.idempotencyKey, c.amount])).to.deep.equal([["dues-2026-05/INV-1", "15.00"]]);
  });

  it("settles in the ledger's currency: JPY 2000 due with 500 credit charges 1500", async () => {
    const ledger = createJournal({ currency: "JPY", settings: { autoApply: false } });
    openAccount(ledger, "A");
    ledger.commit("f", [
      {
        id: "f",
        key: "f",
        type: "Fee",
        accountId: "A",
        date: "2026-04-01",
        amount: "2000",
        description: "Dues",
        feeId: "F1",
        category: "dues",
        dueDate: "2026-04-01",
      },
    ]);
    ledger.commit("g", [
      {
        id: "g",
        key: "g",
        type: "Account Credit",
        accountId: "A",
        date: "2026-03-01",
        amount: "500",
        description: "Credit",
        grantId: "G1",
        creditType: "goodwill",
        source: { kind: "manual" },
      },
    ]);
    const gateway = gatewayFor("succeed");
    const result = await settleInvoice({ ledger, gateway }, request());
    expect(result).to.include({ outcome: "paid-by-charge-and-credit", due: "2000", creditUsed: "500", charged: "1500" });
    expect(gateway.charges()[0]).to.include({ amount: "1500", currency: "JPY" });
  });

  it("works the same over an async ledger (every port method returns a promise)", async () => {
    const journal = oneInvoiceJournal("20.00", "5.00");
    const ledger = {
      currency: journal.currency,
      committed: async (key: string) => journal.committed(key),
      commit: async (key: string, entries: Parameters<typeof journal.commit>[1], owner?: string) => journal.commit(key, entries, owner),
      snapshot: async (id: string) => journal.snapshot(id),
      reserve: async (r: Parameters<typeof journal.reserve>[0]) => journal.reserve(r),
      claim: async (key: string, owner: string) => journal.claim(key, owner),
      disown: async (key: string, owner: string) => journal.disown(key, owner),
      release: async (key: string, owner: string) => journal.release(key, owner),
      reservation: async (key: string) => journal.reservation(key),
    };
    const result = await settleInvoice({ ledger, gateway: gatewayFor("succeed") }, request());
    expect(result.outcome).to.equal("paid-by-charge-and-credit");
    expect(journal.snapshot("A").amountDue).to.equal("0.00");
  });
});

describe("settleInvoice: bad input throws a CreditKitError and changes nothing", () => {
  const cases: [string, Partial<SettleInvoiceRequest>, string][] = [
    ["an impossible date", { date: "2026-02-30" }, "invalid-date"],
    ["an empty fee list", { feeIds: [] }, "invalid-input"],
    ["a fee named twice", { feeIds: ["F1", "F1"] }, "duplicate-fee"],
    ["a fee the account does not have", { feeIds: ["NOPE"] }, "unknown-fee"],
    ["an unknown account", { accountId: "ZZ" }, "unknown-account"],
    ["a batch id with a slash", { batchId: "a/b" }, "invalid-input"],
    ["an empty invoice id", { invoiceId: "" }, "invalid-input"],
    ["a non-boolean credit switch", { applyCredit: "yes" as unknown as boolean }, "invalid-input"],
    ["a negative time-out", { timeoutMs: -1 }, "invalid-input"],
  ];
  for (const [what, overrides, code] of cases) {
    it(`rejects ${what} with ${code}`, async () => {
      const ledger = oneInvoiceJournal("20.00", "5.00");
      const gateway = gatewayFor("succeed");
      const before = JSON.stringify(ledger.toData());
      const error = await rejects(settleInvoice({ ledger, gateway }, request(overrides)));
      expect(isCreditKitError(error, code as never), String(error)).to.equal(true);
      expect(JSON.stringify(ledger.toData())).to.equal(before);
      expect(gateway.attempts()).to.equal(0);
    });
  }

  it("rejects a fee held by another settlement with fee-reserved", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    ledger.reserve({ key: "other/1", accountId: "A", feeIds: ["F1"], credit: "0" });
    const error = await rejects(settleInvoice({ ledger, gateway: gatewayFor() }, request()));
    expect(isCreditKitError(error, "fee-reserved")).to.equal(true);
  });
});
