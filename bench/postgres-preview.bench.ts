/**
 * The cold mass-credit preview over the database (issue 14, Proof): run by
 * `npm run bench:postgres` (its preview step), or alone:
 *   node --import=tsx --conditions=source bench/postgres-preview.bench.ts
 * On in-memory PGlite, and on the server in DATABASE_URL when it is set:
 *  1. a ledger for 100,000 generated families (an account each, a Fee entry
 *     per outstanding fee, as the store's demo seed opens them);
 *  2. the import of the data set (`putDataSet`: ~100k families, 200k
 *     students, 400k enrollments, 300k listed fees), timed;
 *  3. the cold preview, timed: a fresh data source's `getDataSet()` (the
 *     tables and the ledger's fees read at one snapshot, remainders folded
 *     by the core), then `indexDataSet`, then `previewMassCredit`; then the
 *     same again (the database's caches warm, nothing cached in the app).
 * Knobs: BENCH_PG_FAMILIES (default 100000), BENCH_PG_ENGINES (pglite,server).
 * Target: cold preview ≤ 3 s. It never asserts timing.
 */
import { indexDataSet, type MassCreditDataSet, previewMassCredit } from "@creditkit/core";
import { generateDataSet } from "@creditkit/core/demo";
import { createPostgresDataSource, type Db, openPostgresLedger } from "../packages/postgres/src/index.js";
import { OUTSTANDING_REQUEST, seedLedger } from "../test/postgres/data-set-helpers.js";

const FAMILIES = Number(process.env.BENCH_PG_FAMILIES ?? 100_000);
const url = process.env.DATABASE_URL;
const ENGINES = new Set((process.env.BENCH_PG_ENGINES ?? "pglite,server").split(",").map((s) => s.trim()));
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

/** One cold preview: a new data source reads the data set, the core indexes it and previews. */
async function coldPreview(db: Db, orgId: string): Promise<string> {
  const source = await createPostgresDataSource({ db, orgId });
  try {
    const read = await timed(() => source.getDataSet());
    const data = read.value as MassCreditDataSet;
    const index = await timed(() => indexDataSet(data));
    const preview = await timed(() => previewMassCredit(OUTSTANDING_REQUEST, index.value));
    const total = read.ms + index.ms + preview.ms;
    const verdict = total <= 3000 ? "met" : "NOT met";
    return `${s(total)} (getDataSet ${s(read.ms)}, indexDataSet ${s(index.ms)}, previewMassCredit ${s(preview.ms)}; ${preview.value.count} rows; ≤ 3 s ${verdict})`;
  } finally {
    await source.close();
  }
}

async function bench(engine: string, open: () => Promise<Db>): Promise<void> {
  const db = await open();
  try {
    const orgId = `preview-${Date.now().toString(36)}`;
    const data = generateDataSet({ seed: 2026, families: FAMILIES });
    const source = await createPostgresDataSource({ db, orgId, currency: "USD" });
    const seeded = await timed(() => seedLedger(source, data, 2000));
    console.log(
      `  ledger: ${data.families.length} accounts, ${seeded.value} fee entries in ${s(seeded.ms)} (setup, through openAccounts + commitChunk)`,
    );
    const imported = await timed(() => source.putDataSet(data));
    console.log(
      `  import (putDataSet): ${data.families.length} families, ${data.students.length} students, ${data.enrollments.length} enrollments, ${data.fees.length} fees in ${s(imported.ms)}`,
    );
    await source.close();
    // The import's pages written now (as bench/postgres.bench.ts does before each row), not during the cold read.
    await db.exec("CHECKPOINT").catch(() => undefined);
    console.log(`  cold preview:   ${await coldPreview(db, orgId)}`);
    console.log(`  again:          ${await coldPreview(db, orgId)}`);
  } finally {
    await db.close();
  }
  void engine;
}

console.log(`cold mass-credit preview over ${FAMILIES} families read from the database`);
if (ENGINES.has("pglite")) {
  console.log("PGlite (in memory):");
  await bench("pglite", () => openPostgresLedger({ memory: true }));
}
if (ENGINES.has("server")) {
  if (url) {
    console.log("PostgreSQL server (DATABASE_URL):");
    await bench("server", () => openPostgresLedger({ url, max: 4 }));
  } else console.log("PostgreSQL server: DATABASE_URL is not set, not measured");
}
