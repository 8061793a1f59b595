/** What the database holds by itself: migrations (twice, two openers at once), append-only entries, row-level security. */
import { PGlite } from "@electric-sql/pglite";
import { expect } from "chai";
import pg from "pg";
import { type Db, migrate, openPostgresLedger, readMigrations, toCreditKitError } from "../../packages/postgres/src/index.js";
import { fee, freshLedger, perEngine } from "./helpers.js";

/** Expects `promise` to fail in the database with SQLSTATE `code`. */
async function failsWith(promise: Promise<unknown>, code: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect((error as { code?: string }).code, String(error)).to.equal(code);
    return;
  }
  expect.fail(`expected SQLSTATE ${code}`);
}

/** Runs `fn` as the app runs every transaction: role creditkit_app, organisation `orgId`. */
function asOrg<T>(db: Db, orgId: string, fn: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT set_config('role', 'creditkit_app', true), set_config('creditkit.org_id', $1, true)", [orgId]);
    return fn(tx);
  });
}

describe("postgres migrations", function () {
  this.timeout(60_000);

  it("apply once on PGlite, and do nothing when run again or by two openers at once", async () => {
    const pglite = new PGlite();
    const [a, b] = await Promise.all([openPostgresLedger({ pglite }), openPostgresLedger({ pglite })]);
    expect(await migrate(a)).to.deep.equal([]);
    const rows = await (a as Db).query<{ name: string }>("SELECT name FROM creditkit_migrations ORDER BY version");
    expect(rows.map((r) => r.name)).to.deep.equal((await readMigrations()).map((m) => m.name));
    await a.close();
    await b.close();
    await pglite.close();
  });

  const url = process.env.DATABASE_URL;
  (url ? it : it.skip)("apply once on a fresh server database opened by two processes' pools at once", async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const name = `ck_mig_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const fresh = new URL(url as string);
    fresh.pathname = `/${name}`;
    try {
      const [a, b, c] = await Promise.all([1, 2, 3].map(() => openPostgresLedger({ url: fresh.toString(), max: 2 })));
      const rows = await (a as Db).query<{ name: string }>("SELECT name FROM creditkit_migrations");
      expect(rows.map((r) => r.name)).to.deep.equal((await readMigrations()).map((m) => m.name));
      expect(await migrate(a as Db)).to.deep.equal([]);
      await Promise.all([a, b, c].map((db) => db?.close()));
    } finally {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});

perEngine("postgres database rules", (db) => {
  it("entries are append-only: UPDATE, DELETE and TRUNCATE are refused by the database, even for its owner", async () => {
    const source = await freshLedger(db());
    await source.commit("k", [fee("acc-1", "f1", "20.00", "k")]);
    await failsWith(db().query("UPDATE entries SET amount = 1 WHERE org_id = $1", [source.orgId]), "CK001");
    await failsWith(db().query("DELETE FROM entries WHERE org_id = $1", [source.orgId]), "CK001");
    await failsWith(db().query("UPDATE commits SET entry_count = 2 WHERE org_id = $1", [source.orgId]), "CK001");
    await failsWith(db().exec("TRUNCATE entries CASCADE"), "CK001");
    // The app's role has no UPDATE or DELETE on them at all.
    await failsWith(
      asOrg(db(), source.orgId, (tx) => tx.query("DELETE FROM entries")),
      "42501",
    );
    const refused = toCreditKitError(Object.assign(new Error("x"), { code: "CK001" }));
    expect(refused.code).to.equal("storage-refused");
    expect((await source.getAccount("acc-1")).amountDue).to.equal("20.00");
  });

  it("CHECK constraints refuse what no entry may hold (a zero amount), even written by hand", async () => {
    const source = await freshLedger(db());
    await failsWith(
      asOrg(db(), source.orgId, (tx) =>
        tx.query(
          `INSERT INTO entries (org_id, entry_id, key, account_id, type, date, amount, entry) VALUES ($1, 'x#0', 'x', 'acc-1', 'Fee', '2026-11-01', 0, '{}')`,
          [source.orgId],
        ),
      ),
      "23514",
    );
  });

  it("row-level security: a query without any org filter sees only its organisation's rows, and writing another's fails", async () => {
    const a = await freshLedger(db());
    const b = await freshLedger(db());
    await a.commit("ka", [fee("acc-1", "fa", "1.00", "ka")]);
    await b.commit("kb", [fee("acc-1", "fb", "2.00", "kb")]);
    await b.commit("kb2", [fee("acc-2", "fb2", "3.00", "kb2")]);
    const seen = await asOrg(db(), a.orgId, async (tx) => ({
      entries: (await tx.query<{ key: string }>("SELECT key FROM entries")).map((r) => r.key),
      orgs: (await tx.query<{ org_id: string }>("SELECT org_id FROM organisations")).map((r) => r.org_id),
      accounts: Number((await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM accounts"))[0]?.n),
    }));
    expect(seen).to.deep.equal({ entries: ["ka"], orgs: [a.orgId], accounts: 2 });
    // Writing a row of B while acting as A: refused by the policy's WITH CHECK.
    await failsWith(
      asOrg(db(), a.orgId, (tx) =>
        tx.query(
          `INSERT INTO entries (org_id, entry_id, key, account_id, type, date, amount, entry) VALUES ($1, 'evil#0', 'evil', 'acc-1', 'Fee', '2026-11-01', 5, '{}')`,
          [b.orgId],
        ),
      ),
      "42501",
    );
    // Updating B's settings or claiming B's rows while acting as A touches nothing.
    const touched = await asOrg(db(), a.orgId, (tx) =>
      tx.query("UPDATE organisations SET settings = '{}' WHERE org_id = $1 RETURNING org_id", [b.orgId]),
    );
    expect(touched).to.have.length(0);
    // No organisation set: nothing at all.
    const none = await db().transaction(async (tx) => {
      await tx.query("SELECT set_config('role', 'creditkit_app', true)");
      return tx.query("SELECT key FROM entries");
    });
    expect(none).to.have.length(0);
    expect((await b.listEntries()).map((e) => e.key)).to.deep.equal(["kb", "kb2"]);
    expect((await b.getSettings()).autoApply).to.equal(true);
  });
});
