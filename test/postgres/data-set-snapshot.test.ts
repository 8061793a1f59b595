/**
 * The data set read on two connections at one snapshot (data-set-read.ts,
 * docs/decisions/0024), on the real server: a payment committed between the
 * first transaction's start and the second's is seen by neither, the answer
 * equals a one-connection read, and a pool of one connection still answers
 * (the read never waits for a second connection it cannot have).
 */
import type { MassCreditDataSet } from "@creditkit/core";
import { generateDataSet } from "@creditkit/core/demo";
import { expect } from "chai";
import type { Transaction } from "../../packages/postgres/src/db.js";
import { createPostgresDataSource, type Db, openPostgresLedger } from "../../packages/postgres/src/index.js";
import { payment, seedLedger } from "./data-set-helpers.js";
import { uniqueOrg } from "./helpers.js";

const url = process.env.DATABASE_URL;

/** `db` with `between` run once the first transaction has exported its snapshot, before its answer is read. */
function pausedAfterExport(db: Db, between: () => Promise<void>): Db & { exported: number; imported: number } {
  const counts = { exported: 0, imported: 0 };
  const wrap = (tx: Transaction): Transaction => ({
    ...tx,
    async query<T>(text: string, params?: readonly unknown[]) {
      if (text.startsWith("SET TRANSACTION SNAPSHOT")) counts.imported++;
      const rows = await tx.query<T>(text, params);
      if (text.includes("pg_export_snapshot()")) {
        counts.exported++;
        await between();
      }
      return rows;
    },
  });
  return Object.assign(counts, {
    ...db,
    transaction: <T>(fn: (tx: Transaction) => Promise<T>) => db.transaction((tx) => fn(wrap(tx))),
  });
}

(url ? describe : describe.skip)("postgres data set read on two connections at one snapshot (PostgreSQL server)", function () {
  this.timeout(60_000);
  let db: Db;
  before(async () => {
    db = await openPostgresLedger({ url: url as string, max: 4 });
  });
  after(async () => {
    await db.close();
  });

  it("a payment committed after the first connection's snapshot is in neither half; the next read has it", async () => {
    const data = generateDataSet({ seed: 21, families: 40 });
    const orgId = uniqueOrg("snap");
    const setup = await createPostgresDataSource({ db, orgId, currency: "USD" });
    await seedLedger(setup, data, 100);
    await setup.putDataSet(data);
    const fee = data.fees.find((f) => f.remainder !== "0.00") as MassCreditDataSet["fees"][number];
    const before = (await setup.getDataSet()) as MassCreditDataSet;

    const paused = pausedAfterExport(db, async () => {
      if (paused.exported === 1) await setup.commit(`pay/${fee.id}`, [payment(fee.familyId, fee.id, fee.remainder)]);
    });
    const reader = await createPostgresDataSource({ db: paused, orgId });
    const during = (await reader.getDataSet()) as MassCreditDataSet;
    // The fees are read on the second connection: at the first one's snapshot, the payment is not there.
    expect(during).to.deep.equal(before);
    expect(during.fees.find((f) => f.id === fee.id)?.remainder).to.equal(fee.remainder);
    expect(paused.exported, "snapshots exported").to.equal(1);
    expect(paused.imported, "snapshots imported by the second connection").to.equal(1);
    const after = (await reader.getDataSet()) as MassCreditDataSet;
    expect(after.fees.find((f) => f.id === fee.id)?.remainder).to.equal("0.00");
  });

  it("a pool of one connection reads everything on it, with the same answer", async () => {
    const data = generateDataSet({ seed: 22, families: 30 });
    const orgId = uniqueOrg("snap");
    const wide = await createPostgresDataSource({ db, orgId, currency: "USD" });
    await seedLedger(wide, data, 100);
    await wide.putDataSet(data);
    const one = await openPostgresLedger({ url: url as string, max: 1 });
    try {
      const counted = pausedAfterExport(one, async () => undefined);
      const narrow = await createPostgresDataSource({ db: counted, orgId });
      const [a, b] = await Promise.all([narrow.getDataSet(), narrow.getDataSet()]);
      expect(a).to.deep.equal(await wide.getDataSet());
      expect(b).to.deep.equal(a);
      expect(counted.imported, "no second connection was asked for").to.equal(0);
    } finally {
      await one.close();
    }
  });
});
