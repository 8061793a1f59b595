/**
 * Turning auto-apply on offers to apply existing credit (issue #17 item 6):
 * the plan (count, total, keyed checkout plans, the sweep's amounts) and the
 * job (chunks, progress, once per key, all or nothing per account, a re-run
 * finishing what a failure left).
 */
import { expect } from "chai";
import fc from "fast-check";
import {
  type AccountSnapshot,
  applyCreditKey,
  applyExistingCredit,
  type CheckoutPlan,
  CreditKitError,
  compare,
  type ExistingCreditPlan,
  fromAmountString,
  isNegative,
  isPositive,
  type Journal,
  min,
  planApplyExistingCredit,
  planSweep,
  recordCheckout,
  sum,
  toAmountString,
} from "../../../packages/core/src/index.js";
import { createMemoryDataSource } from "../../../packages/store/src/index.js";
import { usd } from "../arbitraries.js";
import { errorOf, grantCredit, journalWith, openFamily, postFee } from "../fixtures.js";

const DATE = "2026-12-01";
const money = (s: string) => fromAmountString(s, "USD");
const total = (amounts: readonly string[]) => toAmountString(sum(amounts.map(money), "USD"));

/** 30 families holding both (due 20.00, credit 5.00 … 34.00 → 20.00 used on the last 16), 10 with credit only, 10 with fees only. */
function organisation(journal: Journal, autoApply = false): Journal {
  for (let i = 0; i < 50; i++) {
    const id = openFamily(journal, `fam-${String(i).padStart(2, "0")}`, `Family ${i}`);
    if (i < 30 || i >= 40) postFee(journal, id, `fee-${i}-a`, "12.00", { dueDate: "2026-10-01" });
    if (i < 30 || i >= 40) postFee(journal, id, `fee-${i}-b`, "8.00", { dueDate: "2026-09-01" });
    if (i < 40) grantCredit(journal, id, `g-${i}`, `${5 + (i % 30)}.00`);
  }
  // Turned on afterwards, as an admin does: the sweep has not run for what is there.
  journal.updateSettings({ autoApply });
  return journal;
}

/** The journal as a data source's `recordCheckout`, counting calls, failing the `failOn`th one. */
function ledgerOver(journal: Journal, failOn?: number) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    async recordCheckout(plan: CheckoutPlan) {
      calls++;
      await Promise.resolve();
      if (calls === failOn) throw new Error("connection lost");
      return recordCheckout(journal, plan);
    },
  };
}

const snapshots = (journal: Journal) => journal.accounts().map((a) => journal.snapshot(a.id));
const both = (journal: Journal) =>
  snapshots(journal).filter((s) => isPositive(money(s.availableCredit)) && planSweep(s, { key: "k", date: DATE }).length > 0);

describe("checkout: applying existing credit when auto-apply is turned on (issue #17)", () => {
  it("counts the accounts holding both an amount due and credit, and the credit applying it would use", () => {
    const journal = journalWith();
    organisation(journal);
    const plan = planApplyExistingCredit(snapshots(journal), { runId: "run-1", date: DATE });
    expect(plan.count).to.equal(30);
    expect(plan.items.map((i) => i.accountId)).to.deep.equal(
      snapshots(journal)
        .slice(0, 30)
        .map((s) => s.account.id),
    );
    // min(credit, 20.00) for credits 5 … 34: 5 + … + 19 and 15 × 20.
    expect(plan.total).to.equal("480.00");
    const first = plan.items[0];
    expect(first).to.deep.include({ accountId: "fam-00", name: "Family 0", key: "apply-credit/run-1/fam-00", credit: "5.00" });
    // Oldest due first, one Payment (AC) per fee, linked to the grant.
    expect(first?.plan.entries).to.deep.equal([
      {
        id: "apply-credit/run-1/fam-00#0",
        key: "apply-credit/run-1/fam-00",
        accountId: "fam-00",
        date: DATE,
        type: "Payment (AC)",
        amount: "5.00",
        description: "Account credit applied: Fee fee-0-b",
        feeId: "fee-0-b",
        grants: [{ grantId: "g-0", amount: "5.00" }],
      },
    ]);
  });

  it("says nothing to do when no account holds both", () => {
    const journal = journalWith();
    const id = openFamily(journal);
    grantCredit(journal, id, "g", "10.00");
    expect(planApplyExistingCredit(snapshots(journal), { runId: "r", date: DATE })).to.deep.include({ count: 0, total: "0.00", items: [] });
    expect(planApplyExistingCredit([], { runId: "r", date: DATE, currency: "USD" })).to.deep.include({ count: 0, total: "0.00" });
  });

  it("skips fees held by a settlement in flight, as the sweep does", () => {
    const journal = journalWith();
    const id = openFamily(journal);
    postFee(journal, id, "held", "10.00", { dueDate: "2026-09-01" });
    postFee(journal, id, "open", "10.00", { dueDate: "2026-10-01" });
    grantCredit(journal, id, "g", "30.00");
    journal.reserve({ key: "batch/inv", accountId: id, feeIds: ["held"], credit: "0.00" });
    const [item] = planApplyExistingCredit(snapshots(journal), { runId: "r", date: DATE }).items;
    expect(item?.credit).to.equal("10.00");
    expect(item?.plan.entries.map((e) => (e.type === "Payment (AC)" ? e.feeId : ""))).to.deep.equal(["open"]);
  });

  it("refuses bad input with typed errors", () => {
    const journal = journalWith();
    organisation(journal);
    const all = snapshots(journal);
    expect(errorOf(() => planApplyExistingCredit(all, { runId: "", date: DATE })).code).to.equal("invalid-input");
    expect(errorOf(() => planApplyExistingCredit(all, { runId: "a§b", date: DATE })).code).to.equal("invalid-input");
    expect(errorOf(() => planApplyExistingCredit(all, { runId: "r", date: "2026-02-30" })).code).to.equal("invalid-date");
    expect(errorOf(() => planApplyExistingCredit("x" as unknown as AccountSnapshot[], { runId: "r", date: DATE })).code).to.equal(
      "invalid-input",
    );
    expect(errorOf(() => planApplyExistingCredit([], { runId: "r", date: DATE })).code).to.equal("invalid-input");
    expect(errorOf(() => planApplyExistingCredit([all[0], all[0]] as AccountSnapshot[], { runId: "r", date: DATE })).code).to.equal(
      "duplicate-account",
    );
    const euro = { ...(all[1] as AccountSnapshot), currency: "EUR" };
    expect(errorOf(() => planApplyExistingCredit([all[0] as AccountSnapshot, euro], { runId: "r", date: DATE })).code).to.equal(
      "currency-mismatch",
    );
  });

  it("property: per account the credit used is min(credit, due), the sweep's fee by fee; never negative, no fee overpaid, keys unique", () => {
    const account = fc.record({
      fees: fc.array(fc.record({ amount: usd(1, 20_000), day: fc.integer({ min: 1, max: 28 }) }), { maxLength: 5 }),
      grants: fc.array(usd(1, 20_000), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(account, { minLength: 1, maxLength: 6 }), (accounts) => {
        const journal = journalWith();
        for (const [i, a] of accounts.entries()) {
          const id = openFamily(journal, `fam-${i}`, `Family ${i}`);
          for (const [j, f] of a.fees.entries())
            postFee(journal, id, `f${j}`, f.amount, { dueDate: `2026-10-${String(f.day).padStart(2, "0")}` });
          for (const [j, g] of a.grants.entries()) grantCredit(journal, id, `g${j}`, g);
        }
        const snaps = snapshots(journal);
        const plan = planApplyExistingCredit(snaps, { runId: "p", date: DATE });
        expect(new Set(plan.items.map((i) => i.key)).size).to.equal(plan.items.length);
        const used: string[] = [];
        for (const s of snaps) {
          const item = plan.items.find((i) => i.accountId === s.account.id);
          const want = min(money(s.availableCredit), money(s.amountDue));
          expect(item?.credit ?? "0.00").to.equal(toAmountString(want));
          if (!item) continue;
          used.push(item.credit);
          const remainders = new Map(s.fees.map((f) => [f.feeId, money(f.remainder)]));
          const sweep = planSweep(s, { key: item.key, date: DATE });
          expect(item.plan.entries.map((e) => (e.type === "Payment (AC)" ? [e.feeId, e.amount, e.grants] : []))).to.deep.equal(
            sweep.map((e) => [e.feeId, e.amount, e.grants]),
          );
          for (const e of item.plan.entries) {
            expect(e.type).to.equal("Payment (AC)");
            if (e.type !== "Payment (AC)") continue;
            expect(isNegative(money(e.amount))).to.equal(false);
            expect(compare(money(e.amount), remainders.get(e.feeId) ?? money("0.00"))).to.be.at.most(0);
          }
        }
        expect(plan.total).to.equal(total(used));
        // Recording every plan leaves no account holding both.
        for (const item of plan.items) recordCheckout(journal, item.plan);
        expect(both(journal)).to.deep.equal([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe("checkout: the apply-existing-credit job (issue #17)", () => {
  it("applies the plan in chunks with progress; no account holds both afterwards", async () => {
    const journal = organisation(journalWith(), true);
    const plan = planApplyExistingCredit(snapshots(journal), { runId: "run-1", date: DATE });
    const progress: string[] = [];
    const result = await applyExistingCredit(ledgerOver(journal), plan, {
      chunkSize: 8,
      onProgress: (p) => progress.push(`${p.done}/${p.total}`),
    });
    expect(progress).to.deep.equal(["0/30", "8/30", "16/30", "24/30", "30/30"]);
    expect(result).to.deep.equal({ runId: "run-1", planned: 30, applied: 30, already: 0, credit: "480.00", failures: [], stopped: false });
    expect(both(journal)).to.deep.equal([]);
    expect(journal.snapshot("fam-00")).to.include({ amountDue: "15.00", accountCredit: "0.00" });
    expect(journal.snapshot("fam-29")).to.include({ amountDue: "0.00", accountCredit: "14.00" });
  });

  it("running the job twice, or twice at once (a double click), applies once", async () => {
    const journal = organisation(journalWith(), true);
    const plan = planApplyExistingCredit(snapshots(journal), { runId: "run-2", date: DATE });
    const ledger = ledgerOver(journal);
    const [a, b] = await Promise.all([applyExistingCredit(ledger, plan), applyExistingCredit(ledger, plan)]);
    expect((a?.applied ?? 0) + (b?.applied ?? 0)).to.equal(30);
    const written = journal.entries().length;
    const again = await applyExistingCredit(ledger, plan);
    expect(again).to.deep.include({ applied: 0, already: 30, credit: "480.00", failures: [] });
    expect(journal.entries().length).to.equal(written);
    const paid = journal.entries().filter((e) => e.type === "Payment (AC)");
    expect(total(paid.map((e) => e.amount))).to.equal("480.00");
    expect(new Set(paid.map((e) => e.key)).size).to.equal(30);
  });

  it("a failure on the 7th account leaves it untouched and the others whole; running again finishes the rest, once", async () => {
    const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
    const journal = journalWith();
    organisation(journal);
    await source.openAccounts(journal.accounts());
    for (const e of journal.entries()) await source.commit(e.key, [e]);
    await source.updateSettings({ autoApply: true });
    const before = await source.getAccounts();
    const plan = planApplyExistingCredit(before, { runId: "run-3", date: DATE });
    let calls = 0;
    const flaky = {
      recordCheckout: (p: CheckoutPlan) => (++calls === 7 ? Promise.reject(new Error("connection lost")) : source.recordCheckout(p)),
    };
    const first = await applyExistingCredit(flaky, plan, { chunkSize: 5 });
    const seventh = plan.items[6];
    expect(first.applied).to.equal(29);
    expect(first.failures).to.deep.equal([
      { accountId: seventh?.accountId, name: seventh?.name, key: seventh?.key, code: "unexpected", reason: "connection lost" },
    ]);
    // Nothing under the 7th key; every other account applied in full.
    expect(await source.committed(seventh?.key as string)).to.equal(undefined);
    const mid = await source.getAccounts();
    const holding = mid.filter((s) => planSweep(s, { key: "k", date: DATE }).length > 0).map((s) => s.account.id);
    expect(holding).to.deep.equal([seventh?.accountId]);
    // Planned again under the same run id from what the data source holds now: only the 7th is left.
    const rest = planApplyExistingCredit(mid, { runId: "run-3", date: DATE });
    expect(rest.items.map((i) => i.key)).to.deep.equal([seventh?.key]);
    const second = await applyExistingCredit(source, rest);
    expect(second).to.deep.include({ applied: 1, failures: [] });
    expect(total([first.credit, second.credit])).to.equal(plan.total);
    // And the first plan once more: all duplicates, nothing written.
    const count = (await source.listEntries()).length;
    expect(await applyExistingCredit(source, plan)).to.deep.include({ applied: 0, already: 30, credit: plan.total });
    expect((await source.listEntries()).length).to.equal(count);
    const after = await source.getAccounts();
    expect(after.filter((s) => planSweep(s, { key: "k", date: DATE }).length > 0)).to.deep.equal([]);
    source.close();
  });

  it("reports a plan made stale by a payment in between as that account's typed failure, writing nothing for it", async () => {
    const journal = organisation(journalWith(), true);
    const plan = planApplyExistingCredit(snapshots(journal), { runId: "run-4", date: DATE });
    const other = planApplyExistingCredit(snapshots(journal), { runId: "other-tab", date: DATE });
    recordCheckout(journal, other.items[2]?.plan as CheckoutPlan);
    const result = await applyExistingCredit(ledgerOver(journal), plan);
    expect(result.applied).to.equal(29);
    expect(result.failures.map((f) => [f.accountId, f.code])).to.have.deep.members([["fam-02", "fee-overpaid"]]);
    expect(journal.committed(applyCreditKey("run-4", "fam-02"))).to.equal(undefined);
    expect(both(journal)).to.deep.equal([]);
  });

  it("stops between chunks when its signal is aborted, and refuses bad input", async () => {
    const journal = organisation(journalWith(), true);
    const plan: ExistingCreditPlan = planApplyExistingCredit(snapshots(journal), { runId: "run-5", date: DATE });
    const signal = { aborted: false };
    const result = await applyExistingCredit(ledgerOver(journal), plan, {
      chunkSize: 10,
      signal,
      onProgress: (p) => {
        if (p.done === 10) signal.aborted = true;
      },
    });
    expect(result).to.deep.include({ applied: 10, stopped: true });
    const refused = await applyExistingCredit(ledgerOver(journal), plan, { chunkSize: 0 }).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(CreditKitError);
    expect((refused as CreditKitError).code).to.equal("invalid-input");
  });
});
