/**
 * Checkout properties (§3) for change and the Apply Credit default, against a
 * model written out from the spec: only cash gives change; change is given
 * back from the cash actually kept, the last cash tender entered first (the
 * waterfall uses tenders in the order entered, so the last one is the one not
 * needed); the Apply Credit switch starts on in the admin window when the
 * available credit covers all the chosen fees, and at the point of sale and
 * in the portal whenever any credit is available.
 */
import { expect } from "chai";
import fc from "fast-check";
import {
  add,
  type Channel,
  CreditKitError,
  compare,
  DEFAULT_SETTINGS,
  fromAmountString,
  isPositive,
  isZero,
  type LedgerEntry,
  type Money,
  max,
  min,
  type PaymentMethod,
  planCheckout,
  recordCheckout,
  subtract,
  sum,
  toAmountString,
  zero,
} from "../../../packages/core/src/index.js";
import { usd } from "../arbitraries.js";
import { grantCredit, journalWith, openFamily, postFee } from "../fixtures.js";

const RUNS = { numRuns: 1000 };
const m = (amount: string): Money => fromAmountString(amount, "USD");
const total = (items: readonly Money[]) => sum(items, "USD");

const method = fc.oneof(
  { weight: 3, arbitrary: fc.constant<PaymentMethod>("cash") },
  { weight: 1, arbitrary: fc.constantFrom<PaymentMethod>("card", "check", "ach", "other") },
);

const scenario = fc.record({
  fees: fc.array(usd(1, 20_000), { minLength: 1, maxLength: 4 }),
  grants: fc.array(usd(1, 15_000), { maxLength: 3 }),
  /** Credit held by a settlement in flight: not available. */
  held: fc.option(usd(1, 10_000), { nil: undefined }),
  channel: fc.constantFrom<Channel>("admin", "pos", "portal"),
  applyCredit: fc.option(fc.boolean(), { nil: undefined }),
  tenders: fc.array(fc.record({ method, amount: usd(1, 25_000) }), { maxLength: 4 }),
  pick: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  overpaymentToCredit: fc.boolean(),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Plans (and records) the scenario; undefined when the rules refuse it (nothing written then). */
function run(s: Scenario) {
  const journal = journalWith();
  const id = openFamily(journal);
  for (const [i, amount] of s.fees.entries()) postFee(journal, id, `f${i}`, amount, { dueDate: `2026-11-0${1 + i}` });
  for (const [i, amount] of s.grants.entries()) grantCredit(journal, id, `g${i}`, amount, { date: `2026-10-0${1 + i}` });
  if (s.held !== undefined && s.grants.length > 0) journal.reserve({ key: "settle/inv-1", accountId: id, feeIds: [], credit: s.held });
  const feeIds = [...new Set(s.pick.map((n) => `f${n % s.fees.length}`))];
  const snapshot = journal.snapshot(id);
  const settings = { ...DEFAULT_SETTINGS, autoApply: false, overpaymentToCredit: s.overpaymentToCredit, portalPartialPayments: true };
  const request = {
    key: "pay",
    channel: s.channel,
    date: "2026-11-20",
    feeIds,
    ...(s.applyCredit !== undefined ? { applyCredit: s.applyCredit } : {}),
    tenders: s.tenders,
  };
  try {
    const plan = planCheckout(snapshot, request, settings);
    recordCheckout(journal, plan);
    return { plan, snapshot, written: journal.committed("pay") as readonly LedgerEntry[] };
  } catch (error) {
    if (!(error instanceof CreditKitError)) throw error;
    return undefined;
  }
}

/** The change each tender gives back, per §3: the excess over Remaining Due, from cash only, last cash tender first. */
function modelChange(tenders: Scenario["tenders"], remainingDue: Money): Money[] {
  const tendered = total(tenders.map((t) => m(t.amount)));
  const cash = total(tenders.filter((t) => t.method === "cash").map((t) => m(t.amount)));
  let left: Money = min(max(subtract(tendered, remainingDue), zero("USD")), cash);
  const change: Money[] = tenders.map(() => zero("USD"));
  for (let i = tenders.length - 1; i >= 0; i--) {
    const t = tenders[i] as Scenario["tenders"][number];
    if (t.method !== "cash") continue;
    const give = min(left, m(t.amount));
    change[i] = give;
    left = subtract(left, give);
  }
  return change;
}

describe("checkout properties: change and the Apply Credit default (§3)", () => {
  it("only cash gives change, and it comes from the cash actually kept: the last cash tender entered gives it back first", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = run(s);
        if (!r) return;
        const { plan, written } = r;
        const expected = modelChange(s.tenders, m(plan.remainingDue));
        expect(plan.tenders.map((t) => t.change)).to.deep.equal(expected.map(toAmountString));
        expect(plan.change).to.equal(toAmountString(total(expected)));
        // Change is only given when everything due is paid.
        if (isPositive(m(plan.change))) expect(plan.unpaid).to.equal("0.00");
        const payments = written.filter((e) => e.type === "Payment");
        let kept = 0;
        plan.tenders.forEach((t, i) => {
          if (t.method !== "cash") expect(t.change, `tender ${i} (${t.method})`).to.equal("0.00");
          // What a tender brings = what went to fees + change handed back + what went on account.
          expect(compare(add(add(m(t.applied), m(t.change)), m(t.toCredit)), m(t.amount))).to.equal(0);
          // The waterfall uses the tenders in the order entered: a later tender is used only when every earlier one is used up.
          if (isPositive(m(t.applied))) for (const earlier of plan.tenders.slice(0, i)) expect(earlier.toCredit).to.equal("0.00");
          // The ledger records the cash kept (amount − change), and the change given, on that tender's payment.
          const keptHere = subtract(m(t.amount), m(t.change));
          if (isZero(keptHere)) return;
          const payment = payments[kept++];
          expect(payment).to.include({ method: t.method, amount: toAmountString(keptHere) });
          if (isPositive(m(t.change))) expect(payment).to.include({ tendered: t.amount, change: t.change });
          else expect(payment).to.not.have.property("change");
        });
        expect(payments).to.have.length(kept);
      }),
      RUNS,
    );
  });

  it("the Apply Credit switch starts on in the admin window when credit covers all chosen fees, at the point of sale and in the portal whenever credit is available", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = run(s);
        if (!r) return;
        const { plan, snapshot } = r;
        const available = m(snapshot.availableCredit);
        expect(plan.availableCredit).to.equal(snapshot.availableCredit);
        const chosen = m(plan.total);
        const expectedDefault = s.channel === "admin" ? isPositive(available) && compare(available, chosen) >= 0 : isPositive(available);
        expect(plan.applyCreditDefault, `${s.channel}: ${snapshot.availableCredit} available for ${plan.total}`).to.equal(expectedDefault);
        const on = s.applyCredit ?? expectedDefault;
        expect(plan.applyCredit).to.equal(on);
        expect(plan.appliedCredit).to.equal(on ? toAmountString(min(available, chosen)) : "0.00");
        expect(plan.remainingDue).to.equal(toAmountString(subtract(chosen, m(plan.appliedCredit))));
      }),
      RUNS,
    );
  });
});
