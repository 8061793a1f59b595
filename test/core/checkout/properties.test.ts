import { expect } from "chai";
import fc from "fast-check";
import {
  add,
  type Channel,
  CreditKitError,
  compare,
  DEFAULT_SETTINGS,
  fromAmountString,
  type PaymentMethod,
  planCheckout,
  recordCheckout,
  subtract,
  zero,
} from "../../../packages/core/src/index.js";
import { usd } from "../arbitraries.js";
import { grantCredit, journalWith, openFamily, postFee } from "../fixtures.js";

const scenario = fc.record({
  fees: fc.array(usd(1, 30_000), { minLength: 1, maxLength: 6 }),
  grants: fc.array(usd(1, 20_000), { maxLength: 4 }),
  channel: fc.constantFrom<Channel>("admin", "pos", "portal"),
  applyCredit: fc.option(fc.boolean(), { nil: undefined }),
  creditAmount: fc.option(usd(0, 40_000), { nil: undefined }),
  tenders: fc.array(fc.record({ method: fc.constantFrom<PaymentMethod>("card", "cash", "check", "ach"), amount: usd(1, 40_000) }), {
    maxLength: 3,
  }),
  pick: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  overpaymentToCredit: fc.boolean(),
  portalPartialPayments: fc.boolean(),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function run(s: Scenario) {
  const journal = journalWith();
  const id = openFamily(journal);
  for (const [i, amount] of s.fees.entries())
    postFee(journal, id, `f${i}`, amount, { dueDate: `2026-11-${String(1 + i).padStart(2, "0")}` });
  for (const [i, amount] of s.grants.entries())
    grantCredit(journal, id, `g${i}`, amount, { date: `2026-10-${String(1 + i).padStart(2, "0")}` });
  const feeIds = [...new Set(s.pick.map((n) => `f${n % s.fees.length}`))];
  const before = journal.snapshot(id);
  const settings = {
    ...DEFAULT_SETTINGS,
    autoApply: false,
    overpaymentToCredit: s.overpaymentToCredit,
    portalPartialPayments: s.portalPartialPayments,
  };
  try {
    const plan = planCheckout(
      before,
      {
        key: "pay",
        channel: s.channel,
        date: "2026-11-20",
        feeIds,
        ...(s.applyCredit !== undefined ? { applyCredit: s.applyCredit } : {}),
        ...(s.creditAmount !== undefined && s.channel === "admin" ? { creditAmount: s.creditAmount } : {}),
        tenders: s.tenders,
      },
      settings,
    );
    recordCheckout(journal, plan);
    return { journal, id, before, after: journal.snapshot(id), plan };
  } catch (error) {
    if (!(error instanceof CreditKitError)) throw error;
    expect(journal.snapshot(id)).to.deep.equal(before);
    return undefined;
  }
}

const m = (amount: string) => fromAmountString(amount, "USD");

describe("checkout properties (§3)", () => {
  it("conserves money: credit used + tenders applied = reduction of Amount Due, to the cent", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = run(s);
        if (!r) return;
        const reduction = subtract(m(r.before.amountDue), m(r.after.amountDue));
        expect(compare(reduction, add(m(r.plan.appliedCredit), m(r.plan.tenderApplied)))).to.equal(0);
        const creditDrop = subtract(m(r.before.accountCredit), m(r.after.accountCredit));
        expect(compare(creditDrop, subtract(m(r.plan.appliedCredit), m(r.plan.overpaymentCredit)))).to.equal(0);
        const received = add(add(m(r.plan.tenderApplied), m(r.plan.change)), m(r.plan.overpaymentCredit));
        expect(compare(received, m(r.plan.tendered))).to.equal(0);
      }),
      { numRuns: 1000 },
    );
  });

  it("never leaves Amount Due or Account Credit negative and never overpays a fee", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = run(s);
        if (!r) return;
        expect(compare(m(r.after.amountDue), zero("USD"))).to.be.at.least(0);
        expect(compare(m(r.after.accountCredit), zero("USD"))).to.be.at.least(0);
        for (const fee of r.after.fees) {
          expect(compare(add(m(fee.paid), m(fee.voided)), m(fee.amount))).to.be.at.most(0);
          expect(compare(m(fee.remainder), zero("USD"))).to.be.at.least(0);
        }
        for (const line of r.plan.lines) {
          expect(compare(add(add(m(line.credit), m(line.tender)), m(line.unpaid)), m(line.due))).to.equal(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("never applies more credit than the maximum, and only cash gives change", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = run(s);
        if (!r) return;
        expect(compare(m(r.plan.appliedCredit), m(r.plan.maxCredit))).to.be.at.most(0);
        for (const t of r.plan.tenders) if (t.method !== "cash") expect(t.change).to.equal("0.00");
        if (!s.overpaymentToCredit) expect(r.plan.overpaymentCredit).to.equal("0.00");
      }),
      { numRuns: 1000 },
    );
  });
});
