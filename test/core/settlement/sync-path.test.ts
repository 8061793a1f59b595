/**
 * Over a synchronous ledger, settlement goes straight on without awaiting:
 * an invoice credit pays comes back at once, and one that needs a charge
 * waits only for the gateway. A ledger without `feesOwed`, or one answering
 * with promises, settles the same invoices the same way.
 */
import { expect } from "chai";
import type { Journal } from "../../../packages/core/src/ledger/journal.js";
import { createSimulatedGateway, type SettleInvoiceRequest, type SettlementLedger } from "../../../packages/core/src/settlement/index.js";
import { settleChecked } from "../../../packages/core/src/settlement/settle-invoice.js";
import { oneInvoiceJournal, TODAY } from "./fixtures.js";

const request = (overrides: Partial<SettleInvoiceRequest> = {}): SettleInvoiceRequest => ({
  batchId: "b",
  invoiceId: "INV-1",
  accountId: "A",
  feeIds: ["F1"],
  applyCredit: true,
  date: TODAY,
  ...overrides,
});

/** The journal as a ledger port: as is, without `feesOwed`, or with every answer a promise. */
function portOf(journal: Journal, how: "journal" | "snapshot-only" | "async"): SettlementLedger {
  if (how === "journal") return journal;
  const wrap = <T>(value: T) => (how === "async" ? Promise.resolve(value) : value);
  return {
    currency: journal.currency,
    committed: (key) => wrap(journal.committed(key)) as never,
    commit: (key, entries, owner) => wrap(journal.commit(key, entries, owner)) as never,
    snapshot: (id) => wrap(journal.snapshot(id)) as never,
    reserve: (r) => wrap(journal.reserve(r)) as never,
    claim: (key, owner) => wrap(journal.claim(key, owner)) as never,
    disown: (key, owner) => wrap(journal.disown(key, owner)) as never,
    release: (key, owner) => wrap(journal.release(key, owner)) as never,
    reservation: (key) => wrap(journal.reservation(key)) as never,
    ...(how === "async"
      ? { feesOwed: (id: string, feeIds: readonly string[], key: string) => Promise.resolve(journal.feesOwed(id, feeIds, key)) }
      : {}),
  };
}

describe("settlement over a synchronous ledger", () => {
  it("returns a credit-only settlement at once, not a promise", () => {
    const journal = oneInvoiceJournal("20.00", "25.00");
    const result = settleChecked({ ledger: journal, gateway: createSimulatedGateway() }, request());
    expect(result).to.not.be.instanceOf(Promise);
    expect(result).to.include({ outcome: "paid-by-credit", creditUsed: "20.00", charged: "0.00" });
  });

  it("throws bad state at once (unknown fee), writing nothing", () => {
    const journal = oneInvoiceJournal("20.00", "5.00");
    expect(() => settleChecked({ ledger: journal, gateway: createSimulatedGateway() }, request({ feeIds: ["NOPE"] }))).to.throw(/fee/i);
    expect(journal.reservations()).to.deep.equal([]);
  });

  for (const how of ["journal", "snapshot-only", "async"] as const) {
    it(`settles alike through a ${how} port: credit, charge, decline, re-run`, async () => {
      const journal = oneInvoiceJournal("20.00", "5.00");
      const gateway = createSimulatedGateway({ cardsOnFile: ["A"], scripts: { A: ["decline", "succeed"] } });
      const ports = { ledger: portOf(journal, how), gateway };
      const declined = await settleChecked(ports, request());
      expect(declined).to.include({ outcome: "declined", due: "20.00" });
      expect(journal.snapshot("A")).to.include({ amountDue: "20.00", availableCredit: "5.00" });
      const paid = await settleChecked(ports, request());
      expect(paid).to.include({ outcome: "paid-by-charge-and-credit", creditUsed: "5.00", charged: "15.00" });
      const again = await settleChecked(ports, request());
      expect(again).to.include({ outcome: "already-settled", chargeId: paid.chargeId });
      expect(gateway.charges().map((c) => [c.idempotencyKey, c.amount])).to.deep.equal([["b/INV-1", "15.00"]]);
      expect(journal.snapshot("A")).to.include({ amountDue: "0.00", accountCredit: "0.00" });
    });
  }
});
