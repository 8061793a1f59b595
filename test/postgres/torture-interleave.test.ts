/**
 * Found by the torture test: one statement's rows do not get consecutive seq
 * values when other accounts are written at the same moment, so a read of
 * several accounts ordered by seq alone split a key in two and the core
 * refused to rebuild them (`idempotency-conflict` from getAccounts()). The
 * rows here are written as concurrent writers leave them: key K's two
 * entries on acc-1 with another account's entry between them.
 */
import type { LedgerEntry } from "@creditkit/core";
import { expect } from "chai";
import { fee, freshLedger, perEngine } from "./helpers.js";

perEngine("postgres reads of several accounts (torture test finding)", (db) => {
  it("a key whose entries are interleaved in seq with another account's rebuilds whole: getAccounts() answers", async () => {
    const source = await freshLedger(db(), { settings: { autoApply: false } });
    const k0 = fee("acc-1", "k0", "10.00", "K");
    const k1 = { ...fee("acc-1", "k1", "2.50", "K"), id: "K#1" };
    const other = fee("acc-2", "l0", "4.00", "L");
    for (const e of [k0, other, k1] as LedgerEntry[]) {
      await db().query(
        `INSERT INTO entries (org_id, entry_id, key, account_id, type, date, amount, entry)
         VALUES ($1, $2, $3, $4, $5, $6::date, $7::numeric, $8::jsonb)`,
        [source.orgId, e.id, e.key, e.accountId, e.type, e.date, e.amount, JSON.stringify(e)],
      );
    }
    await db().query(
      "INSERT INTO commits (org_id, key, account_ids, entry_count) VALUES ($1, 'K', ARRAY['acc-1'], 2), ($1, 'L', ARRAY['acc-2'], 1)",
      [source.orgId],
    );
    const snapshots = await source.getAccounts();
    expect(snapshots.map((s) => [s.account.id, s.amountDue])).to.deep.equal([
      ["acc-1", "12.50"],
      ["acc-2", "4.00"],
    ]);
    // A commit over both accounts rebuilds them the same way.
    const result = await source.commit("M", [fee("acc-1", "m0", "1.00", "M"), { ...fee("acc-2", "m1", "1.00", "M"), id: "M#1" }]);
    expect(result.status).to.equal("committed");
    await source.close();
  });
});
