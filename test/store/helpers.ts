/** Builders shared by the store tests: unique databases, small ledgers, run plans. */
import {
  type FeeEntry,
  type GrantEntry,
  type GrantSource,
  isCreditKitError,
  isGrantEntry,
  type LedgerEntry,
  planRun,
  previewMassCredit,
  type RunPlan,
} from "@creditkit/core";
import { generateDataSet } from "@creditkit/core/demo";
import { expect } from "chai";
import {
  deleteIndexedDbDataSource,
  type IndexedDbDataSourceOptions,
  openIndexedDbDataSource,
  type StoreDataSource,
} from "../../packages/store/src/index.js";

let counter = 0;

/** A database name no other test uses. */
export function uniqueName(prefix = "ck-test"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Opens data sources on fresh databases and, after the test, closes and deletes them all. */
export function databases() {
  const open: StoreDataSource[] = [];
  const names = new Set<string>();
  return {
    async open(name: string, options: Omit<IndexedDbDataSourceOptions, "name"> = {}): Promise<StoreDataSource> {
      names.add(name);
      const source = await openIndexedDbDataSource({ currency: "USD", ...options, name });
      open.push(source);
      return source;
    },
    async cleanUp(): Promise<void> {
      for (const source of open.splice(0)) source.close();
      for (const name of names) await deleteIndexedDbDataSource(name);
      names.clear();
    },
  };
}

/** A fee entry under its own key. */
export function fee(accountId: string, feeId: string, amount: string, dueDate = "2026-11-15"): FeeEntry {
  const key = `fee/${accountId}/${feeId}`;
  return {
    id: `${key}#0`,
    key,
    type: "Fee",
    accountId,
    feeId,
    amount,
    date: "2026-11-01",
    dueDate,
    category: "tuition",
    description: `Fee ${feeId}`,
  };
}

/** A manual credit grant under its own key. */
export function grant(accountId: string, grantId: string, amount: string, source: GrantSource = { kind: "manual" }): GrantEntry {
  const key = `grant/${accountId}/${grantId}`;
  return {
    id: `${key}#0`,
    key,
    type: "Account Credit",
    accountId,
    grantId,
    amount,
    date: "2026-11-02",
    description: `Credit ${grantId}`,
    creditType: "goodwill",
    source,
  };
}

/** Opens `n` family accounts F1…Fn. */
export async function openFamilies(source: StoreDataSource, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `F${i + 1}`);
  await source.openAccounts(ids.map((id) => ({ id, name: `Family ${id}`, kind: "family" as const })));
  return ids;
}

/** A plan of one credit per family of a generated data set (accounts opened for every family unless `openAccounts` is false). */
export async function demoRun(source: StoreDataSource, families: number, runId = "run-1", openAccounts = true): Promise<RunPlan> {
  const data = generateDataSet({ seed: 7, families });
  if (openAccounts) await source.openAccounts(data.families.map((f) => ({ id: f.id, name: f.name, kind: "family" as const })));
  const preview = previewMassCredit(
    {
      description: "Pool closed",
      creditType: "weather",
      date: "2026-12-01",
      amount: "5.00",
      currency: "USD",
      mode: "family",
      location: "downtown",
    },
    data,
  );
  return planRun(preview, { runId });
}

/** How many grants of the run each row has on the ledger. */
export function creditsPerRow(entries: readonly LedgerEntry[], runId: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const entry of entries) {
    if (isGrantEntry(entry) && entry.source.kind === "mass-credit" && entry.source.runId === runId) {
      found.set(entry.source.rowKey, (found.get(entry.source.rowKey) ?? 0) + 1);
    }
  }
  return found;
}

/** Asserts each planned row has exactly one credit. */
export function expectEachRowOnce(entries: readonly LedgerEntry[], plan: RunPlan): void {
  const perRow = creditsPerRow(entries, plan.runId);
  expect(perRow.size).to.equal(plan.posts.length);
  for (const post of plan.posts) expect(perRow.get(post.rowKey), post.rowKey).to.equal(1);
}

/** Awaits a promise that must reject with a CreditKitError of `code`. */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(isCreditKitError(error), String(error)).to.equal(true);
    expect((error as { code: string }).code).to.equal(code);
    return;
  }
  expect.fail(`expected a CreditKitError ${code}`);
}

/** Resolves once `check` returns true (polled), or fails after `ms`. */
export async function eventually(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) expect.fail("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
