/**
 * Shared by the PostgreSQL tests: the engines to run on (PGlite always, the
 * real server when DATABASE_URL is set), one database per test file and
 * engine, a fresh organisation per test (row-level security keeps them
 * apart), and small entry builders.
 */
import type { FeeEntry, GrantEntry } from "@creditkit/core";
import { isCreditKitError, planRun, previewMassCredit, type RunPlan } from "@creditkit/core";
import { expect } from "chai";
import {
  createPostgresDataSource,
  type Db,
  openPostgresLedger,
  type PostgresDataSource,
  type PostgresDataSourceOptions,
} from "../../packages/postgres/src/index.js";

export interface Engine {
  readonly name: string;
  /** Opens (and migrates) a database of this engine. */
  open(): Promise<Db>;
}

const url = process.env.DATABASE_URL;
let told = false;

/** PGlite, and the server when DATABASE_URL is set (else one line says it was skipped). */
export function engines(): Engine[] {
  const list: Engine[] = [{ name: "PGlite", open: () => openPostgresLedger({ memory: true }) }];
  if (url) list.push({ name: "PostgreSQL server", open: () => openPostgresLedger({ url, max: 12 }) });
  else if (!told) {
    told = true;
    console.log("  (DATABASE_URL is not set: the PostgreSQL tests ran on PGlite only; the real-server run was skipped)");
  }
  return list;
}

/** Declares `suite` once per engine, with one database opened before and closed after. */
export function perEngine(title: string, suite: (db: () => Db, engine: Engine) => void): void {
  for (const engine of engines()) {
    describe(`${title} (${engine.name})`, function () {
      this.timeout(60_000);
      let db: Db | undefined;
      before(async () => {
        db = await engine.open();
      });
      after(async () => {
        await db?.close();
      });
      suite(() => db as Db, engine);
    });
  }
}

let orgs = 0;
/** An organisation id no other test (or earlier run on the same server) uses. */
export function uniqueOrg(prefix = "org"): string {
  orgs += 1;
  return `${prefix}-${Date.now().toString(36)}-${orgs}-${Math.random().toString(36).slice(2, 7)}`;
}

/** A data source of a fresh USD organisation with accounts `acc-1` … `acc-<accounts>`. */
export async function freshLedger(
  db: Db,
  options: Partial<PostgresDataSourceOptions> & { accounts?: number } = {},
): Promise<PostgresDataSource> {
  const source = await createPostgresDataSource({ db, orgId: uniqueOrg(), currency: "USD", ...options });
  const n = options.accounts ?? 2;
  await source.openAccounts(
    Array.from({ length: n }, (_, i) => ({ id: `acc-${i + 1}`, name: `Family ${i + 1}`, kind: "family" as const })),
  );
  return source;
}

export function fee(accountId: string, feeId: string, amount: string, key = `fee/${accountId}/${feeId}`): FeeEntry {
  return {
    id: `${key}#0`,
    key,
    type: "Fee",
    accountId,
    feeId,
    amount,
    date: "2026-11-01",
    dueDate: "2026-11-15",
    category: "Tuition",
    description: `Fee ${feeId}`,
  };
}

export function grant(accountId: string, grantId: string, amount: string, key = `grant/${accountId}/${grantId}`): GrantEntry {
  return {
    id: `${key}#0`,
    key,
    type: "Account Credit",
    accountId,
    grantId,
    amount,
    date: "2026-10-01",
    description: `Credit ${grantId}`,
    creditType: "Goodwill",
    source: { kind: "manual" },
  };
}

/** Expects `promise` to reject with a CreditKitError of `code`. */
export async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(isCreditKitError(error), String(error)).to.equal(true);
    expect((error as { code: string }).code).to.equal(code);
    return;
  }
  expect.fail(`expected a rejection with ${code}`);
}

/** Holds an account's lock from another transaction until `release()` is called (a second writer, on a server). */
export async function holdAccountLock(db: Db, orgId: string, accountId: string): Promise<{ release: () => Promise<void> }> {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked = () => {};
  const lockTaken = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const holder = db.transaction(async (tx) => {
    await tx.query("SELECT creditkit_lock($1, ARRAY[$2])", [orgId, `a/${accountId}`]);
    locked();
    await held;
  });
  await lockTaken;
  return {
    release: async () => {
      release();
      await holder;
    },
  };
}

/** A once-per-family mass credit of 5.00 to every family named (accounts with those ids must be open), planned by the core. */
export function familyRunPlan(families: readonly { readonly id: string; readonly name: string }[], runId: string): RunPlan {
  const none: readonly { id: string; name: string }[] = [];
  const preview = previewMassCredit(
    {
      description: "Pool closed",
      creditType: "weather",
      date: "2026-11-20",
      amount: "5.00",
      currency: "USD",
      mode: "family",
      location: "down",
      onlyOutstanding: false,
    } as never,
    {
      currency: "USD",
      lists: {
        creditTypes: [{ id: "weather", name: "Weather" }],
        chargeCategories: none,
        locations: [{ id: "down", name: "Down" }],
        offerings: [],
        autopayMethods: none,
      },
      families: families.map((f) => ({ ...f, status: "active", keywords: [], autopayMethods: [], location: "down" })),
      students: [],
      enrollments: [],
      fees: [],
    } as never,
  );
  return planRun(preview, { runId });
}
