/**
 * Kept accounts (packages/postgres/src/account-cache.ts) are never stale:
 * two data sources of one organisation on one database (two processes'
 * views; on the server over two pools) each keep the account rebuilt, and
 * every commit, reservation and release by one is seen by the other's next
 * decision and read.
 */

import { expect } from "chai";
import { createPostgresDataSource, type Db } from "../../packages/postgres/src/index.js";
import { fee, freshLedger, grant, perEngine, rejectsWith } from "./helpers.js";

perEngine("postgres kept accounts", (db, engine) => {
  it("a commit by another data source is seen by the next decision: credit used there cannot be used here", async () => {
    const a = await freshLedger(db(), { settings: { autoApply: false } });
    const other: Db = engine.name === "PGlite" ? db() : await engine.open();
    const b = await createPostgresDataSource({ db: other, orgId: a.orgId });
    try {
      await a.commit("fees", [fee("acc-1", "f1", "5.00", "fees"), { ...fee("acc-1", "f2", "5.00", "fees"), id: "fees#1" }]);
      await a.postCredits("g", [grant("acc-1", "g1", "5.00", "g")]);
      // Both keep acc-1 rebuilt now.
      expect((await a.getAccount("acc-1")).availableCredit).to.equal("5.00");
      expect((await b.getAccount("acc-1")).availableCredit).to.equal("5.00");
      const pay = (key: string, feeId: string) => ({
        id: `${key}#0`,
        key,
        type: "Payment (AC)" as const,
        accountId: "acc-1",
        feeId,
        amount: "5.00",
        date: "2026-11-20",
        description: "Credit",
        grants: [{ grantId: "g1", amount: "5.00" }],
      });
      expect((await b.commit("pay-b", [pay("pay-b", "f1")])).status).to.equal("committed");
      await rejectsWith(a.commit("pay-a", [pay("pay-a", "f2")]), "credit-overused");
      expect((await a.getAccount("acc-1")).availableCredit).to.equal("0.00");
      // The same key again from the other side is the duplicate it is.
      expect((await a.commit("pay-b", [pay("pay-b", "f1")])).status).to.equal("duplicate");
      await a.postCredits("g2", [grant("acc-1", "g2", "3.00", "g2")]);
      expect((await b.getAccount("acc-1")).availableCredit).to.equal("3.00");
    } finally {
      await b.close();
      await a.close();
      if (other !== db()) await other.close();
    }
  });

  it("a reservation made and released by another data source is held, then freed, in the next decision", async () => {
    const a = await freshLedger(db(), { settings: { autoApply: false } });
    const other: Db = engine.name === "PGlite" ? db() : await engine.open();
    const b = await createPostgresDataSource({ db: other, orgId: a.orgId });
    try {
      await a.commit("f", [fee("acc-1", "f1", "20.00", "f")]);
      await a.postCredits("g", [grant("acc-1", "g1", "5.00", "g")]);
      expect((await a.getAccount("acc-1")).availableCredit).to.equal("5.00");
      // b's settlement is declined: it reserves, then releases.
      await b.gateway.script("acc-1", ["decline"]);
      const seen: number[] = [];
      const held = b.subscribe(() => seen.push(1));
      const settled = await b.settleBatch({
        batchId: "b1",
        applyCredit: true,
        date: "2026-12-01",
        invoices: [{ invoiceId: "i1", accountId: "acc-1", feeIds: ["f1"] }],
      });
      held();
      expect(settled.results.map((r) => r.outcome)).to.deep.equal(["declined"]);
      expect((await a.getAccount("acc-1")).availableCredit).to.equal("5.00");
      // A reservation b holds is held for a's next decision.
      await b.gateway.script("acc-1", ["timeout-no-charge", "timeout-no-charge"]);
      await b.settleBatch({
        batchId: "b2",
        applyCredit: true,
        date: "2026-12-01",
        invoices: [{ invoiceId: "i2", accountId: "acc-1", feeIds: ["f1"] }],
        timeoutMs: 200,
      });
      const snap = await a.getAccount("acc-1");
      expect([snap.reservedCredit, snap.availableCredit]).to.deep.equal(["5.00", "0.00"]);
      await rejectsWith(
        a.commit("pay", [
          {
            id: "pay#0",
            key: "pay",
            type: "Payment (AC)",
            accountId: "acc-1",
            feeId: "f1",
            amount: "5.00",
            date: "2026-11-20",
            description: "Credit",
            grants: [{ grantId: "g1", amount: "5.00" }],
          },
        ]),
        "fee-reserved",
      );
    } finally {
      await b.close();
      await a.close();
      if (other !== db()) await other.close();
    }
  });
});
