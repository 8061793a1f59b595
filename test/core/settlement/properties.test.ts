import { expect } from "chai";
import fc from "fast-check";
import type { Journal } from "../../../packages/core/src/ledger/journal.js";
import { add, fromAmountString, type Money, subtract, toAmountString, zero } from "../../../packages/core/src/money.js";
import {
  type BatchInvoice,
  type BatchResult,
  createSimulatedGateway,
  type SimulatedGateway,
  type SimulatedOutcome,
  settleBatch,
} from "../../../packages/core/src/settlement/index.js";
import { newJournal, openAccount, postFee, postGrant, TODAY } from "./fixtures.js";

const USD: string = "USD";
const m = (amount: string): Money => fromAmountString(amount, USD);
const cents = (n: number): string => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}`;
const PAID = new Set(["paid-by-credit", "paid-by-charge-and-credit", "paid-by-charge"]);

const outcome = fc.constantFrom<SimulatedOutcome>("succeed", "succeed", "decline", "error", "reject", "timeout", "timeout-no-charge");

/** One account: fees (amount in cents, due-date day, invoice group), grants (cents, day), its gateway script, a card or not. */
const accountArb = fc.record({
  fees: fc.array(fc.record({ cents: fc.integer({ min: 1, max: 50_000 }), day: fc.integer({ min: 1, max: 28 }), group: fc.nat(2) }), {
    minLength: 1,
    maxLength: 3,
  }),
  grants: fc.array(fc.record({ cents: fc.integer({ min: 1, max: 30_000 }), day: fc.integer({ min: 1, max: 28 }) }), { maxLength: 2 }),
  script: fc.array(outcome, { maxLength: 4 }),
  card: fc.boolean(),
});

const scenarioArb = fc.record({
  accounts: fc.array(accountArb, { minLength: 1, maxLength: 3 }),
  applyCredit: fc.boolean(),
  concurrency: fc.integer({ min: 1, max: 4 }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

interface World {
  readonly ledger: Journal;
  readonly gateway: SimulatedGateway;
  readonly invoices: BatchInvoice[];
  /** The original amount of each fee, by account and fee id. */
  readonly feeAmount: Map<string, string>;
}

function build(s: Scenario): World {
  const ledger = newJournal();
  const invoices: BatchInvoice[] = [];
  const feeAmount = new Map<string, string>();
  const scripts: Record<string, SimulatedOutcome[]> = {};
  const cards: string[] = [];
  s.accounts.forEach((a, i) => {
    const id = `A${i}`;
    openAccount(ledger, id);
    const groups = new Map<number, string[]>();
    a.fees.forEach((f, j) => {
      const feeId = `F${j}`;
      postFee(ledger, id, feeId, cents(f.cents), `2026-04-${String(f.day).padStart(2, "0")}`);
      feeAmount.set(`${id}/${feeId}`, cents(f.cents));
      groups.set(f.group, [...(groups.get(f.group) ?? []), feeId]);
    });
    a.grants.forEach((g, j) => {
      postGrant(ledger, id, `G${j}`, cents(g.cents), `2026-03-${String(g.day).padStart(2, "0")}`);
    });
    for (const [group, feeIds] of groups) invoices.push({ invoiceId: `${id}-I${group}`, accountId: id, feeIds });
    scripts[id] = a.script;
    if (a.card) cards.push(id);
  });
  const gateway = createSimulatedGateway({ cardsOnFile: cards, scripts });
  return { ledger, gateway, invoices, feeAmount };
}

const run = (w: World, s: Scenario): Promise<BatchResult> =>
  settleBatch(
    { ledger: w.ledger, gateway: w.gateway },
    { batchId: "B", invoices: w.invoices, applyCredit: s.applyCredit, date: TODAY, concurrency: s.concurrency },
  );

const realChargesByKey = (gateway: SimulatedGateway): Map<string, string[]> => {
  const byKey = new Map<string, string[]>();
  for (const c of gateway.charges()) byKey.set(c.idempotencyKey, [...(byKey.get(c.idempotencyKey) ?? []), c.amount]);
  return byKey;
};

describe("settlement properties (§5)", () => {
  it("is all-or-nothing under random gateway outcomes, and conserves money: credit used + charged = reduction of Amount Due", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const w = build(s);
        const before = new Map(w.ledger.accounts().map((a) => [a.id, w.ledger.snapshot(a.id)]));
        const result = await run(w, s);
        const real = realChargesByKey(w.gateway);
        const usedBy = new Map<string, Money>();
        const chargedBy = new Map<string, Money>();
        for (const r of result.results) {
          const snap = w.ledger.snapshot(r.accountId);
          const invoice = w.invoices.find((i) => i.invoiceId === r.invoiceId) as BatchInvoice;
          for (const feeId of invoice.feeIds) {
            const fee = snap.fees.find((f) => f.feeId === feeId);
            const expected = PAID.has(r.outcome) ? "0.00" : w.feeAmount.get(`${r.accountId}/${feeId}`);
            expect(fee?.remainder, `${r.invoiceId} ${r.outcome}`).to.equal(expected);
          }
          const charges = real.get(r.key) ?? [];
          if (r.outcome === "paid-by-charge" || r.outcome === "paid-by-charge-and-credit") expect(charges).to.deep.equal([r.charged]);
          else if (r.outcome === "unresolved") expect(charges.length).to.be.at.most(1);
          else expect(charges).to.deep.equal([]);
          if (!PAID.has(r.outcome)) expect([r.creditUsed, r.charged]).to.deep.equal(["0.00", "0.00"]);
          if (r.outcome === "paid-by-credit") expect(r.charged).to.equal("0.00");
          expect(toAmountString(add(m(r.creditUsed), m(r.charged)))).to.equal(PAID.has(r.outcome) ? r.due : "0.00");
          usedBy.set(r.accountId, add(usedBy.get(r.accountId) ?? zero(USD), m(r.creditUsed)));
          chargedBy.set(r.accountId, add(chargedBy.get(r.accountId) ?? zero(USD), m(r.charged)));
        }
        let unresolvedHeld = zero(USD);
        for (const reservation of w.ledger.reservations()) {
          const r = result.results.find((x) => x.key === reservation.key);
          expect(r?.outcome).to.equal("unresolved");
          unresolvedHeld = add(unresolvedHeld, m(reservation.credit));
        }
        let totalReserved = zero(USD);
        for (const [id, snap0] of before) {
          const snap = w.ledger.snapshot(id);
          const used = usedBy.get(id) ?? zero(USD);
          const charged = chargedBy.get(id) ?? zero(USD);
          expect(toAmountString(subtract(m(snap0.amountDue), m(snap.amountDue)))).to.equal(toAmountString(add(used, charged)));
          expect(toAmountString(subtract(m(snap0.accountCredit), m(snap.accountCredit)))).to.equal(toAmountString(used));
          expect(m(snap.availableCredit).amount.isNegative()).to.equal(false);
          totalReserved = add(totalReserved, m(snap.reservedCredit));
          if (!s.applyCredit) expect(toAmountString(used)).to.equal("0.00");
        }
        expect(toAmountString(totalReserved)).to.equal(toAmountString(unresolvedHeld));
        let used = zero(USD);
        let charged = zero(USD);
        for (const v of usedBy.values()) used = add(used, v);
        for (const v of chargedBy.values()) charged = add(charged, v);
        expect([result.summary.creditUsed, result.summary.charged]).to.deep.equal([toAmountString(used), toAmountString(charged)]);
      }),
      { numRuns: 1000 },
    );
  });

  it("a batch re-run never charges twice: at most one real charge per key, and what the ledger records matches what was charged", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.array(fc.array(outcome, { maxLength: 3 }), { minLength: 1, maxLength: 3 }), async (s, later) => {
        const w = build(s);
        let charged = zero(USD);
        let settled = new Set<string>();
        for (const extra of [[], ...later]) {
          w.ledger.accounts().forEach((a) => {
            w.gateway.script(a.id, extra);
          });
          const result = await run(w, s);
          charged = add(charged, m(result.summary.charged));
          for (const r of result.results) {
            if (settled.has(r.key)) expect(r.outcome).to.equal("already-settled");
          }
          settled = new Set([...settled, ...result.results.filter((r) => PAID.has(r.outcome)).map((r) => r.key)]);
          for (const [key, amounts] of realChargesByKey(w.gateway)) expect(amounts.length, key).to.equal(1);
        }
        let recorded = zero(USD);
        const real = new Map(w.gateway.charges().map((c) => [c.chargeId, c]));
        for (const e of w.ledger.entries()) {
          if (e.type !== "Payment") continue;
          const c = real.get(e.reference ?? "");
          expect(c, e.id).to.not.equal(undefined);
          expect([c?.amount, c?.idempotencyKey]).to.deep.equal([e.amount, e.key]);
          recorded = add(recorded, m(e.amount));
        }
        expect(toAmountString(recorded)).to.equal(toAmountString(charged));
        const cardPaymentsPerKey = new Map<string, number>();
        for (const e of w.ledger.entries())
          if (e.type === "Payment") cardPaymentsPerKey.set(e.key, (cardPaymentsPerKey.get(e.key) ?? 0) + 1);
        for (const count of cardPaymentsPerKey.values()) expect(count).to.equal(1);
      }),
      { numRuns: 1000 },
    );
  });
});
