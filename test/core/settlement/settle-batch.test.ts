import { expect } from "chai";
import type { ChargeOutcome, PaymentGateway } from "../../../packages/core/src/gateway.js";
import type { Journal } from "../../../packages/core/src/ledger/journal.js";
import {
  type BatchInvoice,
  type BatchProgress,
  createSimulatedGateway,
  type SettleBatchRequest,
  settleBatch,
} from "../../../packages/core/src/settlement/index.js";
import { newJournal, openAccount, postFee, postGrant, TODAY } from "./fixtures.js";

/** Accounts A0…A(n−1), each with one fee "F" of `due` and, when given, a grant of `credit`. */
function journalOf(n: number, due: string, credit?: string): { ledger: Journal; invoices: BatchInvoice[] } {
  const ledger = newJournal();
  const invoices: BatchInvoice[] = [];
  for (let i = 0; i < n; i++) {
    const id = `A${i}`;
    openAccount(ledger, id);
    postFee(ledger, id, "F", due);
    if (credit !== undefined) postGrant(ledger, id, "G", credit);
    invoices.push({ invoiceId: `INV-${i}`, accountId: id, feeIds: ["F"] });
  }
  return { ledger, invoices };
}

const batch = (invoices: readonly BatchInvoice[], extra: Partial<SettleBatchRequest> = {}): SettleBatchRequest => ({
  batchId: "dues-2026-05",
  invoices,
  applyCredit: true,
  date: TODAY,
  ...extra,
});

describe("settleBatch (§5)", () => {
  it("never has more gateway calls in flight than the concurrency allows, and uses all of it", async () => {
    const { ledger, invoices } = journalOf(40, "20.00", "5.00");
    const inner = createSimulatedGateway({ cardsOnFile: invoices.map((i) => i.accountId), latencyMs: 2 });
    let inFlight = 0;
    let most = 0;
    const gateway: PaymentGateway = {
      async charge(request) {
        inFlight += 1;
        most = Math.max(most, inFlight);
        try {
          return await inner.charge(request);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const result = await settleBatch({ ledger, gateway }, batch(invoices, { concurrency: 3 }));
    expect(most).to.equal(3);
    expect(result.summary.counts["paid-by-charge-and-credit"]).to.equal(40);
  });

  it("reports progress after each invoice, counting up to the total", async () => {
    const { ledger, invoices } = journalOf(12, "20.00", "5.00");
    const gateway = createSimulatedGateway({ cardsOnFile: invoices.map((i) => i.accountId) });
    const seen: BatchProgress[] = [];
    const result = await settleBatch({ ledger, gateway }, batch(invoices, { concurrency: 4, onProgress: (p) => seen.push(p) }));
    expect(seen.map((p) => p.done)).to.deep.equal(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(seen.every((p) => p.total === 12)).to.equal(true);
    expect(new Set(seen.map((p) => p.lastResult))).to.deep.equal(new Set(result.results));
  });

  it("a gateway that throws for one invoice leaves only that invoice unresolved (it may have charged); the others are paid", async () => {
    const { ledger, invoices } = journalOf(6, "20.00", "5.00");
    const inner = createSimulatedGateway({ cardsOnFile: invoices.map((i) => i.accountId) });
    const gateway: PaymentGateway = {
      charge(request) {
        if (request.accountId === "A2") throw new Error("gateway exploded");
        return inner.charge(request);
      },
    };
    const result = await settleBatch({ ledger, gateway }, batch(invoices, { concurrency: 2 }));
    expect(result.results[2]).to.include({ outcome: "unresolved", code: "charge-unknown" });
    expect(result.results[2]?.message).to.contain("gateway exploded");
    expect(result.summary.counts["paid-by-charge-and-credit"]).to.equal(5);
    expect(ledger.snapshot("A2")).to.include({ amountDue: "20.00", availableCredit: "0.00", reservedCredit: "5.00" });
    const again = await settleBatch({ ledger, gateway: inner }, batch(invoices, { concurrency: 2 }));
    expect(again.results[2]).to.include({ outcome: "paid-by-charge-and-credit", charged: "15.00" });
    expect(ledger.reservations()).to.deep.equal([]);
  });

  it("a bad row or a ledger error fails that invoice with its message and the rest go on", async () => {
    const { ledger, invoices } = journalOf(3, "20.00", "5.00");
    const gateway = createSimulatedGateway({ cardsOnFile: ["A0", "A1", "A2"] });
    const rows: BatchInvoice[] = [
      invoices[0] as BatchInvoice,
      { invoiceId: "BAD", accountId: "NOBODY", feeIds: ["F"] },
      { invoiceId: "", accountId: "A1", feeIds: ["F"] },
      invoices[0] as BatchInvoice, // the same invoice id twice
      invoices[2] as BatchInvoice,
    ];
    const result = await settleBatch({ ledger, gateway }, batch(rows));
    expect(result.results.map((r) => r.outcome)).to.deep.equal([
      "paid-by-charge-and-credit",
      "failed",
      "failed",
      "failed",
      "paid-by-charge-and-credit",
    ]);
    expect(result.results[1]?.message).to.equal("No account has that id.");
    expect(result.results[3]?.message).to.match(/twice/);
    expect(gateway.charges()).to.have.length(2);
  });

  it("returns results in input order with counts and totals of charged and credit used", async () => {
    const ledger = newJournal();
    const rows: [string, string, string | undefined, string][] = [
      // account, due, credit, script
      ["C", "20.00", "30.00", "succeed"], // paid by credit
      ["M", "20.00", "5.00", "succeed"], // 15.00 charged + 5.00 credit
      ["P", "200.00", undefined, "succeed"], // 200.00 charged
      ["D", "20.00", "5.00", "decline"],
      ["E", "20.00", "5.00", "error"],
      ["U", "20.00", "5.00", "timeout-no-charge"], // twice: unresolved
      ["Z", "20.00", undefined, "succeed"], // nothing due (paid below)
    ];
    const scripts: Record<string, ("succeed" | "decline" | "error" | "timeout-no-charge")[]> = {};
    for (const [id, due, credit, script] of rows) {
      openAccount(ledger, id);
      postFee(ledger, id, "F", due);
      if (credit) postGrant(ledger, id, "G", credit);
      scripts[id] = script === "timeout-no-charge" ? ["timeout-no-charge", "timeout-no-charge"] : [script as "succeed"];
    }
    postGrant(ledger, "Z", "G", "20.00");
    ledger.commit("pay-z", [
      {
        id: "pay-z",
        key: "pay-z",
        type: "Payment (AC)",
        accountId: "Z",
        date: TODAY,
        amount: "20.00",
        description: "x",
        feeId: "F",
        grants: [{ grantId: "G", amount: "20.00" }],
      },
    ]);
    const gateway = createSimulatedGateway({ cardsOnFile: rows.map((r) => r[0]), scripts });
    const invoices = rows.map(([id]) => ({ invoiceId: `INV-${id}`, accountId: id, feeIds: ["F"] }));
    const result = await settleBatch({ ledger, gateway }, batch(invoices, { concurrency: 3 }));

    expect(result.results.map((r) => r.invoiceId)).to.deep.equal(invoices.map((i) => i.invoiceId));
    expect(result.results.map((r) => r.outcome)).to.deep.equal([
      "paid-by-credit",
      "paid-by-charge-and-credit",
      "paid-by-charge",
      "declined",
      "failed",
      "unresolved",
      "nothing-due",
    ]);
    expect(result.summary).to.deep.equal({
      total: 7,
      counts: {
        "paid-by-credit": 1,
        "paid-by-charge-and-credit": 1,
        "paid-by-charge": 1,
        declined: 1,
        failed: 1,
        unresolved: 1,
        "nothing-due": 1,
        "already-settled": 0,
        skipped: 0,
      },
      charged: "215.00",
      creditUsed: "25.00",
    });
    expect(result.aborted).to.equal(false);
  });

  it("re-running the same batch charges nothing twice: paid ones are already-settled, unresolved ones reconcile, declined ones retry", async () => {
    const { ledger, invoices } = journalOf(9, "20.00", "5.00");
    const scripts = {
      A3: ["decline" as const],
      A5: ["timeout" as const], // charged, answer lost, revealed by the retry
      A6: ["timeout-no-charge" as const, "timeout" as const], // unresolved, but charged
      A7: ["error" as const],
    };
    const gateway = createSimulatedGateway({ cardsOnFile: invoices.map((i) => i.accountId), scripts });
    const first = await settleBatch({ ledger, gateway }, batch(invoices));
    expect(first.summary.counts).to.include({ "paid-by-charge-and-credit": 6, declined: 1, failed: 1, unresolved: 1 });
    expect(first.summary.charged).to.equal("90.00");

    const second = await settleBatch({ ledger, gateway }, batch(invoices));
    expect(second.summary.counts).to.include({ "already-settled": 6, "paid-by-charge-and-credit": 3 });
    expect(second.summary.charged).to.equal("45.00");

    const third = await settleBatch({ ledger, gateway }, batch(invoices));
    expect(third.summary.counts["already-settled"]).to.equal(9);
    expect(third.summary.charged).to.equal("0.00");

    const keys = gateway.charges().map((c) => c.idempotencyKey);
    expect(keys).to.have.length(9);
    expect(new Set(keys).size).to.equal(9);
    for (const inv of invoices) expect(ledger.snapshot(inv.accountId)).to.include({ amountDue: "0.00", accountCredit: "0.00" });
  });

  it("stops starting invoices when the signal is aborted; the rest are skipped and nothing of theirs is charged", async () => {
    const { ledger, invoices } = journalOf(10, "20.00");
    const gateway = createSimulatedGateway({ cardsOnFile: invoices.map((i) => i.accountId) });
    const signal = { aborted: false };
    const result = await settleBatch(
      { ledger, gateway },
      batch(invoices, {
        concurrency: 1,
        signal,
        onProgress: (p) => {
          if (p.done === 4) signal.aborted = true;
        },
      }),
    );
    expect(result.aborted).to.equal(true);
    expect(result.summary.counts).to.include({ "paid-by-charge": 4, skipped: 6 });
    expect(gateway.charges()).to.have.length(4);
    expect(result.results[9]).to.include({ outcome: "skipped", invoiceId: "INV-9" });
  });

  it("a progress listener that throws does not stop the batch", async () => {
    const { ledger, invoices } = journalOf(5, "20.00");
    const gateway = createSimulatedGateway({ cardsOnFile: invoices.map((i) => i.accountId) });
    const result = await settleBatch(
      { ledger, gateway },
      batch(invoices, {
        onProgress: () => {
          throw new Error("listener bug");
        },
      }),
    );
    expect(result.summary.counts["paid-by-charge"]).to.equal(5);
  });

  it("an empty batch returns an empty result", async () => {
    const result = await settleBatch({ ledger: newJournal(), gateway: createSimulatedGateway() }, batch([]));
    expect(result.results).to.deep.equal([]);
    expect(result.summary).to.include({ total: 0, charged: "0.00", creditUsed: "0.00" });
  });

  it("rejects bad batch-level input before anything happens", async () => {
    const { ledger, invoices } = journalOf(2, "20.00");
    const gateway = createSimulatedGateway({ cardsOnFile: ["A0", "A1"] });
    for (const bad of [{ concurrency: 0 }, { concurrency: 1.5 }, { date: "May 1" }, { batchId: "" }, { batchId: "x/y" }]) {
      let caught: unknown;
      try {
        await settleBatch({ ledger, gateway }, batch(invoices, bad));
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(bad)).to.have.property("name", "CreditKitError");
    }
    expect(gateway.attempts()).to.equal(0);
  });

  it("settles several invoices of one account with one pool of credit, never over-using it", async () => {
    const ledger = newJournal();
    openAccount(ledger, "A");
    for (const f of ["F1", "F2", "F3"]) postFee(ledger, "A", f, "10.00");
    postGrant(ledger, "A", "G", "15.00");
    const gateway = createSimulatedGateway({ cardsOnFile: ["A"], latencyMs: 1 });
    const invoices = ["F1", "F2", "F3"].map((f) => ({ invoiceId: f, accountId: "A", feeIds: [f] }));
    const result = await settleBatch({ ledger, gateway }, batch(invoices, { concurrency: 3 }));
    expect(result.summary.creditUsed).to.equal("15.00");
    expect(result.summary.charged).to.equal("15.00");
    expect(ledger.snapshot("A")).to.include({ amountDue: "0.00", accountCredit: "0.00" });
  });

  it("treats a slow gateway answer beyond timeoutMs as a time-out for each invoice", async () => {
    const { ledger, invoices } = journalOf(3, "20.00");
    const slow: PaymentGateway = { charge: () => new Promise<ChargeOutcome>(() => {}) };
    const result = await settleBatch({ ledger, gateway: slow }, batch(invoices, { timeoutMs: 5 }));
    expect(result.summary.counts.unresolved).to.equal(3);
  });
});
