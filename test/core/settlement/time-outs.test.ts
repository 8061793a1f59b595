import { expect } from "chai";
import type { ChargeOutcome } from "../../../packages/core/src/gateway.js";
import {
  createSimulatedGateway,
  type SettleInvoiceRequest,
  type SimulatedOutcome,
  settleInvoice,
} from "../../../packages/core/src/settlement/index.js";
import { oneInvoiceJournal, postFee, postGrant, scriptedGateway, TODAY } from "./fixtures.js";

const KEY = "dues-2026-05/INV-1";
const request: SettleInvoiceRequest = {
  batchId: "dues-2026-05",
  invoiceId: "INV-1",
  accountId: "A",
  feeIds: ["F1"],
  applyCredit: true,
  date: TODAY,
};

const gatewayFor = (...script: SimulatedOutcome[]) => createSimulatedGateway({ cardsOnFile: ["A"], scripts: { A: script } });

describe("settleInvoice: time-outs (§5)", () => {
  it("a time-out that did charge is revealed by the retry with the same key: paid once", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = gatewayFor("timeout");
    const result = await settleInvoice({ ledger, gateway }, request);
    expect(result).to.include({ outcome: "paid-by-charge-and-credit", charged: "15.00", creditUsed: "5.00" });
    expect(gateway.attempts()).to.equal(2);
    expect(gateway.charges()).to.have.length(1);
    expect(ledger.snapshot("A")).to.include({ amountDue: "0.00", accountCredit: "0.00" });
  });

  it("a time-out that did not charge is followed by a real attempt on the retry: paid once", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = gatewayFor("timeout-no-charge", "succeed");
    const result = await settleInvoice({ ledger, gateway }, request);
    expect(result.outcome).to.equal("paid-by-charge-and-credit");
    expect(gateway.charges()).to.have.length(1);
  });

  it("every retry uses the first attempt's idempotency key and amount", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = scriptedGateway(
      async (_r, call): Promise<ChargeOutcome> =>
        call === 1 ? { status: "unknown", message: "lost" } : { status: "succeeded", chargeId: "ch_1" },
    );
    await settleInvoice({ ledger, gateway }, request);
    expect(gateway.requests.map((r) => [r.idempotencyKey, r.amount])).to.deep.equal([
      [KEY, "15.00"],
      [KEY, "15.00"],
    ]);
  });

  it("a time-out twice leaves the invoice unresolved: unpaid, credit reserved (available drops, account credit does not)", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = gatewayFor("timeout-no-charge", "timeout");
    const result = await settleInvoice({ ledger, gateway }, request);
    expect(result).to.include({ outcome: "unresolved", due: "20.00", creditUsed: "0.00", charged: "0.00" });
    expect(result.entries).to.deep.equal([]);
    expect(gateway.attempts()).to.equal(2);
    const snap = ledger.snapshot("A");
    expect(snap).to.include({ amountDue: "20.00", accountCredit: "5.00", reservedCredit: "5.00", availableCredit: "0.00" });
    expect(snap.fees.find((f) => f.feeId === "F1")?.reservedBy).to.equal(KEY);
    expect(ledger.reservation(KEY)).to.include({ credit: "5.00", accountId: "A" });
  });

  it("an unresolved invoice's fees and credit are skipped by the journal's auto-apply sweep", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    await settleInvoice({ ledger, gateway: gatewayFor("timeout-no-charge", "timeout-no-charge") }, request);
    ledger.updateSettings({ autoApply: true });
    postFee(ledger, "A", "F2", "3.00");
    postGrant(ledger, "A", "G2", "10.00", "2026-04-15");
    const snap = ledger.snapshot("A");
    expect(snap.fees.find((f) => f.feeId === "F1")).to.include({ remainder: "20.00", reservedBy: KEY });
    expect(snap.fees.find((f) => f.feeId === "F2")).to.include({ remainder: "0.00" });
    expect(snap).to.include({ accountCredit: "12.00", reservedCredit: "5.00", availableCredit: "7.00" });
  });

  it("re-running later reconciles an unresolved invoice with the same key and charges once in total", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = gatewayFor("timeout-no-charge", "timeout");
    expect((await settleInvoice({ ledger, gateway }, request)).outcome).to.equal("unresolved");
    expect(gateway.charges()).to.have.length(1); // the second attempt really charged; its answer was lost

    const later = await settleInvoice({ ledger, gateway }, request);
    expect(later).to.include({ outcome: "paid-by-charge-and-credit", charged: "15.00", creditUsed: "5.00" });
    expect(later.chargeId).to.equal(gateway.charges()[0]?.chargeId);
    expect(gateway.charges()).to.have.length(1);
    expect(gateway.charges()[0]).to.include({ idempotencyKey: KEY, amount: "15.00" });
    expect(ledger.snapshot("A")).to.include({ amountDue: "0.00", accountCredit: "0.00", reservedCredit: "0.00" });
    expect(ledger.reservations()).to.deep.equal([]);

    const third = await settleInvoice({ ledger, gateway }, request);
    expect(third.outcome).to.equal("already-settled");
    expect(gateway.charges()).to.have.length(1);
  });

  it("re-running an unresolved invoice whose charge never happened charges it once", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = gatewayFor("timeout-no-charge", "timeout-no-charge", "succeed");
    expect((await settleInvoice({ ledger, gateway }, request)).outcome).to.equal("unresolved");
    expect(gateway.charges()).to.have.length(0);
    expect((await settleInvoice({ ledger, gateway }, request)).outcome).to.equal("paid-by-charge-and-credit");
    expect(gateway.charges()).to.have.length(1);
  });

  it("the reconciling run keeps the reserved plan even if the credit switch is now off", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = gatewayFor("timeout-no-charge", "timeout");
    await settleInvoice({ ledger, gateway }, request);
    const later = await settleInvoice({ ledger, gateway }, { ...request, applyCredit: false });
    expect(later).to.include({ outcome: "paid-by-charge-and-credit", charged: "15.00", creditUsed: "5.00" });
  });

  it("no answer within timeoutMs counts as a time-out (the promise is raced), and the late charge is found on re-run", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = createSimulatedGateway({ cardsOnFile: ["A"], latencyMs: 40 });
    const result = await settleInvoice({ ledger, gateway }, { ...request, timeoutMs: 5 });
    expect(result.outcome).to.equal("unresolved");
    expect(result.message).to.match(/5 ms/);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const later = await settleInvoice({ ledger, gateway }, { ...request, timeoutMs: 1000 });
    expect(later.outcome).to.equal("paid-by-charge-and-credit");
    expect(gateway.charges()).to.have.length(1);
  });

  it("a gateway that never answers is unresolved after two time-outs, not stuck", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = scriptedGateway(() => new Promise<ChargeOutcome>(() => {}));
    const result = await settleInvoice({ ledger, gateway }, { ...request, timeoutMs: 5 });
    expect(result.outcome).to.equal("unresolved");
    expect(gateway.requests).to.have.length(2);
  });

  it("after a time-out, a rejected retry says nothing about the first attempt: unresolved, reservation kept", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = scriptedGateway(async (_r, call) => {
      if (call === 1) return { status: "unknown", message: "lost" };
      throw new Error("offline");
    });
    const result = await settleInvoice({ ledger, gateway }, request);
    expect(result.outcome).to.equal("unresolved");
    expect(ledger.reservation(KEY)).to.not.equal(undefined);
  });

  it("after a time-out, a declined retry releases the credit and leaves the invoice unpaid", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const gateway = gatewayFor("timeout-no-charge", "decline");
    const result = await settleInvoice({ ledger, gateway }, request);
    expect(result.outcome).to.equal("declined");
    expect(ledger.snapshot("A")).to.include({ amountDue: "20.00", availableCredit: "5.00" });
  });

  it("a charge the ledger then refuses to record is unresolved with its charge id, and a re-run records it without charging again", async () => {
    const journal = oneInvoiceJournal("20.00", "5.00");
    let refuse = true;
    const ledger = {
      currency: journal.currency,
      committed: (key: string) => journal.committed(key),
      commit: (key: string, entries: Parameters<typeof journal.commit>[1], owner?: string) => {
        if (refuse) throw new Error("disk full");
        return journal.commit(key, entries, owner);
      },
      snapshot: (id: string) => journal.snapshot(id),
      reserve: (r: Parameters<typeof journal.reserve>[0]) => journal.reserve(r),
      claim: (key: string, owner: string) => journal.claim(key, owner),
      disown: (key: string, owner: string) => journal.disown(key, owner),
      release: (key: string, owner: string) => journal.release(key, owner),
      reservation: (key: string) => journal.reservation(key),
    };
    const gateway = gatewayFor("succeed");
    const first = await settleInvoice({ ledger, gateway }, request);
    expect(first).to.include({ outcome: "unresolved", chargeId: gateway.charges()[0]?.chargeId });
    expect(journal.reservation(KEY)).to.not.equal(undefined);
    refuse = false;
    const again = await settleInvoice({ ledger, gateway }, request);
    expect(again.outcome).to.equal("paid-by-charge-and-credit");
    expect(gateway.charges()).to.have.length(1);
  });
});

describe("settlement: a gateway that answers with a foreign thenable", () => {
  it("whose then throws may have charged: asked once more, unresolved with the reservation kept, and no retry fires later", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    let calls = 0;
    const gateway = {
      charge: () => {
        calls += 1;
        return {
          // biome-ignore lint/suspicious/noThenProperty: a foreign thenable is exactly what this test is about
          then() {
            throw new Error("broken thenable");
          },
        } as unknown as Promise<ChargeOutcome>;
      },
    };
    const result = await settleInvoice({ ledger, gateway }, { ...request, timeoutMs: 30 });
    expect(result).to.include({ outcome: "unresolved", code: "charge-unknown" });
    expect(ledger.reservations()).to.have.length(1);
    expect(ledger.snapshot("A")).to.include({ availableCredit: "0.00", reservedCredit: "5.00" });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(calls).to.equal(2);
  });

  it("that answers twice counts once: one charge, one payment", async () => {
    const ledger = oneInvoiceJournal("20.00");
    let calls = 0;
    const gateway = {
      charge: () => {
        calls += 1;
        return {
          // biome-ignore lint/suspicious/noThenProperty: a foreign thenable is exactly what this test is about
          then(resolve: (o: ChargeOutcome) => void) {
            resolve({ status: "succeeded", chargeId: "ch_1" });
            resolve({ status: "succeeded", chargeId: "ch_2" });
          },
        } as unknown as Promise<ChargeOutcome>;
      },
    };
    const result = await settleInvoice({ ledger, gateway }, { ...request, applyCredit: false, timeoutMs: 30 });
    expect([result.outcome, result.chargeId]).to.deep.equal(["paid-by-charge", "ch_1"]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(calls).to.equal(1);
    expect(ledger.entriesOf("A").filter((e) => e.type === "Payment")).to.have.length(1);
  });
});
