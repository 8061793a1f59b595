/**
 * The mass-credit data set in PostgreSQL (migration 002): the import and
 * getDataSet round trip against the embedded store's live data set for the
 * same ledger, outstanding following the ledger after the import, row-level
 * security between organisations, bad data sets refused with nothing
 * changed, and the preview over it equal to the preview in memory.
 */
import { indexDataSet, type MassCreditDataSet, previewMassCredit } from "@creditkit/core";
import { generateDataSet } from "@creditkit/core/demo";
import { createMemoryDataSource, type StoreDataSource } from "@creditkit/store";
import { expect } from "chai";
import { createPostgresDataSource, type Db, importDataSet, type PostgresDataSource } from "../../packages/postgres/src/index.js";
import { feeEntry, OUTSTANDING_REQUEST, payment, seedLedger } from "./data-set-helpers.js";
import { perEngine, rejectsWith, uniqueOrg } from "./helpers.js";

const FAMILIES = 300;

/** A PostgreSQL organisation and an in-memory store with the same data set and the same ledger. */
async function twins(db: Db, seed = 11): Promise<{ pg: PostgresDataSource; mem: StoreDataSource; data: MassCreditDataSet }> {
  const data = generateDataSet({ seed, families: FAMILIES });
  const pg = await createPostgresDataSource({ db, orgId: uniqueOrg("ds"), currency: "USD" });
  const mem = await createMemoryDataSource({ currency: "USD" });
  await seedLedger(pg, data, 100);
  await seedLedger(mem, data, 100);
  await pg.putDataSet(data);
  await mem.putDataSet(data);
  return { pg, mem, data };
}

/** Runs `fn` as the app runs every transaction: role creditkit_app, organisation `orgId`. */
function asOrg<T>(db: Db, orgId: string, fn: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT set_config('role', 'creditkit_app', true), set_config('creditkit.org_id', $1, true)", [orgId]);
    return fn(tx);
  });
}

perEngine("postgres mass-credit data set", (db) => {
  it("is undefined until one is imported", async () => {
    const pg = await createPostgresDataSource({ db: db(), orgId: uniqueOrg("ds"), currency: "USD" });
    expect(await pg.getDataSet()).to.equal(undefined);
  });

  it("round trip: getDataSet deep-equals the store's live data set for the same ledger (remainders from the ledger)", async () => {
    const { pg, mem, data } = await twins(db());
    const got = await pg.getDataSet();
    expect(got).to.deep.equal(await mem.getDataSet());
    // Listed fees the ledger holds keep their listed remainder (nothing paid yet): the data set as imported.
    expect(got).to.deep.equal(data);
  });

  it("keeps what the model allows: name parts, empty lists, records of unlisted parents, fees the ledger does not hold", async () => {
    const base = generateDataSet({ seed: 5, families: 3 });
    const [f0] = base.families;
    const data: MassCreditDataSet = {
      ...base,
      students: [
        { id: "s-parts", familyId: f0?.id ?? "", firstName: "Ada", lastName: "Byron", status: "active", keywords: [] },
        { id: "s-orphan", familyId: "nobody", name: "Orphan", status: "inactive", keywords: ["x", 'y"z,{}'] },
      ],
      enrollments: base.enrollments.slice(0, 2),
      fees: [...base.fees, { id: "old-fee", familyId: "nobody", category: "tuition", remainder: "3.50" }],
    };
    const pg = await createPostgresDataSource({ db: db(), orgId: uniqueOrg("ds"), currency: "USD" });
    await pg.putDataSet(data);
    expect(await pg.getDataSet()).to.deep.equal(data);
  });

  it("outstanding follows payments made after the import, and the ledger's newer fees are added", async () => {
    const { pg, mem, data } = await twins(db(), 12);
    const fee = data.fees.find((f) => f.remainder !== "0.00" && data.fees.filter((g) => g.familyId === f.familyId).length === 1);
    if (!fee) throw new Error("the generated data has no family with one outstanding fee");
    const family = fee.familyId;
    for (const source of [pg, mem]) {
      await source.commit(`pay/${fee.id}`, [payment(family, fee.id, fee.remainder)]);
      const late = feeEntry(family, "late-1", "7.25", "Late fee");
      await source.commit(late.key, [late]);
    }
    const got = (await pg.getDataSet()) as MassCreditDataSet;
    expect(got).to.deep.equal(await mem.getDataSet());
    expect(got.fees.find((f) => f.id === fee.id)?.remainder).to.equal("0.00");
    expect(got.fees.find((f) => f.id === "late-1")).to.deep.equal({
      id: "late-1",
      familyId: family,
      category: "late-fee",
      remainder: "7.25",
    });
    // Paid in full and then charged again: outstanding again. Pay the late fee too and it is not.
    const index = indexDataSet(got);
    expect(index.familyOutstanding[index.familyById.get(family) as number]).to.equal(1);
    await pg.commit("pay/late-1", [payment(family, "late-1", "7.25")]);
    const after = indexDataSet((await pg.getDataSet()) as MassCreditDataSet);
    expect(after.familyOutstanding[after.familyById.get(family) as number]).to.equal(0);
  });

  it("a preview over it equals the preview over the in-memory data set, before and after payments", async () => {
    const { pg, mem, data } = await twins(db(), 13);
    const preview = async () => {
      const fromPg = previewMassCredit(OUTSTANDING_REQUEST, indexDataSet((await pg.getDataSet()) as MassCreditDataSet));
      const fromMem = previewMassCredit(OUTSTANDING_REQUEST, indexDataSet((await mem.getDataSet()) as MassCreditDataSet));
      expect(fromPg).to.deep.equal(fromMem);
      return fromPg;
    };
    const before = await preview();
    expect(before.count).to.be.greaterThan(0);
    // Pay every fee of the first family in the preview: it drops out of an outstanding-only preview.
    const family = before.rows[0]?.familyId as string;
    const owed = data.fees.filter((f) => f.familyId === family && f.remainder !== "0.00");
    for (const source of [pg, mem]) {
      for (const f of owed) await source.commit(`pay/${f.id}`, [payment(family, f.id, f.remainder)]);
    }
    const after = await preview();
    expect(after.rows.some((r) => r.familyId === family)).to.equal(false);
    expect(after.count).to.be.lessThan(before.count);
  });

  it("row-level security: another organisation sees none of the data set, by its data source or by a query without a filter", async () => {
    const a = await createPostgresDataSource({ db: db(), orgId: uniqueOrg("ds-a"), currency: "USD" });
    const b = await createPostgresDataSource({ db: db(), orgId: uniqueOrg("ds-b"), currency: "USD" });
    await a.putDataSet(generateDataSet({ seed: 3, families: 20 }));
    expect(await b.getDataSet()).to.equal(undefined);
    for (const table of [
      "data_sets",
      "data_set_families",
      "data_set_students",
      "data_set_enrollments",
      "data_set_fees",
      "data_set_list_items",
    ]) {
      const [seen] = await asOrg(db(), b.orgId, (tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`));
      expect(Number(seen?.n), table).to.equal(0);
      const [mine] = await asOrg(db(), a.orgId, (tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`));
      expect(Number(mine?.n), table).to.be.greaterThan(0);
    }
    // Writing a row of a's while b, or deleting a's rows: refused / nothing.
    let code: string | undefined;
    try {
      await asOrg(db(), b.orgId, (tx) =>
        tx.query(
          "INSERT INTO data_set_families (org_id, position, family_id, name, status, keywords, autopay_methods, location) VALUES ($1, 99, 'x', 'X', 'active', '{}', '{}', 'l')",
          [a.orgId],
        ),
      );
    } catch (error) {
      code = (error as { code?: string }).code;
    }
    expect(code).to.equal("42501");
    const deleted = await asOrg(db(), b.orgId, (tx) => tx.query("DELETE FROM data_set_families RETURNING 1"));
    expect(deleted).to.have.length(0);
    // b's own import does not touch a's.
    await b.putDataSet(generateDataSet({ seed: 4, families: 5 }));
    expect(((await a.getDataSet()) as MassCreditDataSet).families).to.have.length(20);
    expect(((await b.getDataSet()) as MassCreditDataSet).families).to.have.length(5);
  });

  it("a bad data set is refused with a typed error and the stored one is left as it was", async () => {
    const { pg, data } = await twins(db(), 14);
    const before = await pg.getDataSet();
    const [f0, f1] = data.families;
    const [e0] = data.enrollments;
    const bad: [string, unknown][] = [
      ["duplicate-id", { ...data, families: [...data.families, { ...f0 }] }],
      ["invalid-date", { ...data, enrollments: [{ ...e0, startDate: "2026-02-30" }] }],
      ["invalid-input", { ...data, enrollments: [{ ...e0, meetingDays: ["someday"] }] }],
      ["invalid-input", { ...data, families: [{ ...f1, status: "gone" }] }],
      ["invalid-input", { ...data, students: [{ id: "s", familyId: "f", status: "active" }] }],
      ["invalid-amount", { ...data, fees: [{ id: "x", familyId: "f", category: "c", remainder: "ten" }] }],
      ["currency-mismatch", { ...data, currency: "EUR" }],
      ["invalid-input", { ...data, lists: { ...data.lists, offerings: [{ id: "o", kind: "course", name: "O", keywords: [] }] } }],
      ["invalid-input", { ...data, families: [{ ...f1, name: "tab\u001fbed" }] }],
      ["invalid-input", { ...data, students: [{ id: "s", familyId: "f", status: "active", keywords: ["a\u001eb"] }] }],
      ["invalid-input", null],
    ];
    for (const [code, value] of bad) {
      await rejectsWith(pg.putDataSet(value as MassCreditDataSet), code);
    }
    // A failure inside the transaction (text PostgreSQL cannot hold) rolls the whole import back.
    const nul = { ...data, families: data.families.map((f, i) => (i === data.families.length - 1 ? { ...f, name: "a\u0000b" } : f)) };
    await rejectsWith(importDataSet(db(), pg.orgId, nul), "invalid-input");
    expect(await pg.getDataSet()).to.deep.equal(before);
  });

  it("a second import replaces the first whole", async () => {
    const { pg } = await twins(db(), 15);
    const next = generateDataSet({ seed: 99, families: 7 });
    await pg.putDataSet(next);
    const got = (await pg.getDataSet()) as MassCreditDataSet;
    expect(got.families).to.deep.equal(next.families);
    expect(got.students).to.deep.equal(next.students);
    expect(got.enrollments).to.deep.equal(next.enrollments);
  });
});
