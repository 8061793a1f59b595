/** The ledger on PostgreSQL: commits, idempotency, the sweep, balances as the fold of entries, bad input. */
import { deriveAccount, type GrantEntry, type LedgerEntry, planCheckout } from "@creditkit/core";
import { expect } from "chai";
import { fee, freshLedger, grant, perEngine, rejectsWith } from "./helpers.js";

perEngine("postgres ledger", (db) => {
  it("commits entries once per key: the same entries again are a duplicate, others an idempotency-conflict", async () => {
    const source = await freshLedger(db(), { settings: { autoApply: false } });
    const first = await source.commit("k1", [fee("acc-1", "f1", "20.00", "k1")]);
    expect(first.status).to.equal("committed");
    const again = await source.commit("k1", [fee("acc-1", "f1", "20.00", "k1")]);
    expect(again.status).to.equal("duplicate");
    await rejectsWith(source.commit("k1", [fee("acc-1", "f1", "25.00", "k1")]), "idempotency-conflict");
    // The same key with entries on another account: the database knows the key, the journal of acc-2 does not.
    await rejectsWith(source.commit("k1", [fee("acc-2", "f9", "20.00", "k1")]), "idempotency-conflict");
    expect(await source.listEntries()).to.have.length(1);
    expect((await source.getAccount("acc-1")).amountDue).to.equal("20.00");
  });

  it("runs the core's auto-apply sweep and writes its entries under the derived keys", async () => {
    const source = await freshLedger(db());
    await source.commit("f", [fee("acc-1", "f1", "20.00", "f")]);
    const posted = await source.postCredits("g", [grant("acc-1", "g1", "5.00", "g")]);
    expect(posted.swept).to.have.length(1);
    const snap = await source.getAccount("acc-1");
    expect(snap.amountDue).to.equal("15.00");
    expect(snap.accountCredit).to.equal("0.00");
    const sweepKey = (posted.swept[0] as LedgerEntry).key;
    expect(await source.committed(sweepKey)).to.deep.equal(posted.swept);
  });

  it("records a checkout plan made by the core, once", async () => {
    const source = await freshLedger(db(), { settings: { autoApply: false } });
    await source.commit("f", [fee("acc-1", "f1", "20.00", "f")]);
    await source.postCredits("g", [grant("acc-1", "g1", "5.00", "g")]);
    const snapshot = await source.getAccount("acc-1");
    const plan = planCheckout(
      snapshot,
      {
        key: "pay-1",
        channel: "admin",
        date: "2026-11-20",
        feeIds: ["f1"],
        applyCredit: true,
        tenders: [{ method: "card", amount: "15.00" }],
      },
      await source.getSettings(),
    );
    expect((await source.recordCheckout(plan)).status).to.equal("committed");
    expect((await source.recordCheckout(plan)).status).to.equal("duplicate");
    const after = await source.getAccount("acc-1");
    expect(after.amountDue).to.equal("0.00");
    expect(after.accountCredit).to.equal("0.00");
    // A stale plan (the fee is paid now) is refused by the core, nothing written.
    const count = (await source.listEntries()).length;
    await rejectsWith(
      source.recordCheckout({
        ...plan,
        key: "pay-2",
        entries: plan.entries.map((e) => ({ ...e, key: "pay-2", id: e.id.replace("pay-1", "pay-2") })),
      }),
      "fee-overpaid",
    );
    expect(await source.listEntries()).to.have.length(count);
  });

  it("reverses a payment once, and the balances stay the fold of the entries", async () => {
    const source = await freshLedger(db(), { settings: { autoApply: true } });
    await source.commit("f", [fee("acc-1", "f1", "20.00", "f")]);
    const posted = await source.postCredits("g", [grant("acc-1", "g1", "8.00", "g")]);
    const payment = posted.swept[0] as LedgerEntry;
    const reversed = await source.reversePayment({ accountId: "acc-1", entryId: payment.id, date: "2026-11-21", key: "rev-1" });
    expect(reversed.status).to.equal("committed");
    const again = await source.reversePayment({ accountId: "acc-1", entryId: payment.id, date: "2026-11-22", key: "rev-1" });
    expect(again.status).to.equal("duplicate");
    await rejectsWith(
      source.reversePayment({ accountId: "acc-1", entryId: payment.id, date: "2026-11-22", key: "rev-2" }),
      "payment-already-reversed",
    );
    await rejectsWith(source.reversePayment({ accountId: "acc-1", entryId: "nope", date: "2026-11-21" }), "unknown-payment");
    for (const account of await source.listAccounts()) {
      const entries = await source.listEntries({ accountIds: [account.id] });
      const folded = deriveAccount(account, entries, "USD");
      const snap = await source.getAccount(account.id);
      expect({ due: snap.amountDue, credit: snap.accountCredit }).to.deep.equal({ due: folded.amountDue, credit: folded.accountCredit });
    }
  });

  it("refuses bad input with a typed error and writes nothing", async () => {
    const source = await freshLedger(db(), { settings: { autoApply: false } });
    await rejectsWith(source.commit("k", []), "empty-commit");
    await rejectsWith(source.commit("k", [fee("acc-1", "f1", "1.005", "k")]), "too-many-decimals");
    await rejectsWith(source.commit("k", [fee("acc-1", "f1", "-3.00", "k")]), "negative-amount");
    await rejectsWith(source.commit("k", [fee("nobody", "f1", "3.00", "k")]), "unknown-account");
    await rejectsWith(source.commit("k", null as unknown as GrantEntry[]), "invalid-input");
    await rejectsWith(source.postCredits("k", [fee("acc-1", "f1", "3.00", "k")] as unknown as GrantEntry[]), "invalid-input");
    // A chunk with one bad item writes none of it.
    await rejectsWith(
      source.commitChunk([
        { key: "a", entries: [fee("acc-1", "fa", "3.00", "a")] },
        { key: "b", entries: [fee("acc-404", "fb", "3.00", "b")] },
      ]),
      "unknown-account",
    );
    // An entry id taken on another account: the database's unique key answers.
    await source.commit("x", [fee("acc-1", "fx", "3.00", "x")]);
    await rejectsWith(source.commit("y", [{ ...fee("acc-2", "fy", "3.00", "y"), id: "x#0" }]), "duplicate-id");
    await rejectsWith(source.getAccount("nobody"), "unknown-account");
    await rejectsWith(source.updateSettings({ autoApply: "yes" as unknown as boolean }), "invalid-input");
    expect((await source.listEntries()).map((e) => e.key)).to.deep.equal(["x"]);
  });

  it("reads entries by account and date, and settings round-trip", async () => {
    const source = await freshLedger(db(), { settings: { autoApply: false } });
    await source.commit("f1", [fee("acc-1", "f1", "1.00", "f1")]);
    await source.commit("f2", [{ ...fee("acc-2", "f2", "2.00", "f2"), date: "2026-12-05" }]);
    expect((await source.listEntries({ accountIds: ["acc-2"] })).map((e) => e.key)).to.deep.equal(["f2"]);
    expect((await source.listEntries({ from: "2026-12-01" })).map((e) => e.key)).to.deep.equal(["f2"]);
    expect((await source.listEntries({ to: "2026-11-30" })).map((e) => e.key)).to.deep.equal(["f1"]);
    const settings = await source.updateSettings({ autoApply: true });
    expect(settings.autoApply).to.equal(true);
    expect((await source.getSettings()).autoApply).to.equal(true);
    expect((await source.getAccounts()).map((s) => s.amountDue)).to.deep.equal(["1.00", "2.00"]);
  });
});
