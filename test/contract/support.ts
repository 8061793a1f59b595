/** What the contract areas share: a ledger per test, unique ids, entry builders, and checks of what a user sees. */
import {
  type AccountRecord,
  type CreditKitDataSource,
  type FeeEntry,
  type GrantEntry,
  type GrantSource,
  isCreditKitError,
  isGrantEntry,
  type LedgerEntry,
  type MassCreditDataSet,
  type PaymentEntry,
  type PaymentMethod,
  planRun,
  previewMassCredit,
  type RunPlan,
} from "@creditkit/core";
import { expect } from "chai";
import type { ContractLedger, ContractSubject } from "./subject.js";

/** The ledger of the test being run (opened before each test, closed after). */
export interface ContractContext {
  readonly ledger: ContractLedger;
  readonly source: CreditKitDataSource;
}

/** Opens a ledger from `subject` before each test of the enclosing `describe` and closes it after. */
export function ledgerPerTest(subject: ContractSubject): ContractContext {
  let current: ContractLedger | undefined;
  beforeEach(async () => {
    current = await subject.open();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const ledger = (): ContractLedger => {
    if (!current) throw new Error("no ledger open: use the context inside a test");
    return current;
  };
  return {
    get ledger() {
      return ledger();
    },
    get source() {
      return ledger().source;
    },
  };
}

let counter = 0;

/** An id no other test of this page or process uses (safe in keys, batch ids and run ids: no "/" or "§"). */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Opens `n` family accounts with fresh ids. */
export async function openFamilies(ledger: ContractLedger, n: number): Promise<string[]> {
  const accounts: AccountRecord[] = Array.from({ length: n }, (_, i) => ({
    id: unique(`F${i + 1}`),
    name: `Family ${i + 1}`,
    kind: "family",
  }));
  await ledger.openAccounts(accounts);
  return accounts.map((a) => a.id);
}

/** A fee entry under its own key `fee/<account>/<feeId>`. */
export function fee(accountId: string, feeId: string, amount: string, dueDate = "2026-11-15", date = "2026-11-01"): FeeEntry {
  const key = `fee/${accountId}/${feeId}`;
  return { id: `${key}#0`, key, type: "Fee", accountId, feeId, amount, date, dueDate, category: "tuition", description: `Fee ${feeId}` };
}

/** A manual credit grant under its own key `grant/<account>/<grantId>`. */
export function grant(
  accountId: string,
  grantId: string,
  amount: string,
  date = "2026-11-02",
  source: GrantSource = { kind: "manual" },
): GrantEntry {
  const key = `grant/${accountId}/${grantId}`;
  return {
    id: `${key}#0`,
    key,
    type: "Account Credit",
    accountId,
    grantId,
    amount,
    date,
    description: `Credit ${grantId}`,
    creditType: "goodwill",
    source,
  };
}

/** Entries re-keyed to be committed together under `key` (ids `key#0`, `key#1`, …). */
export function underKey<T extends LedgerEntry>(key: string, entries: readonly T[]): T[] {
  return entries.map((entry, i) => ({ ...entry, key, id: `${key}#${i}` }));
}

/** A payment of `amount` to one fee under `key`. */
export function payment(accountId: string, key: string, feeId: string, amount: string, method: PaymentMethod = "card"): PaymentEntry {
  return {
    id: `${key}#0`,
    key,
    type: "Payment",
    accountId,
    date: "2026-11-03",
    amount,
    description: "Paid at the desk",
    method,
    allocations: [{ feeId, amount }],
  };
}

/** Commits each entry under its own key. */
export async function post(ledger: ContractLedger, ...entries: LedgerEntry[]): Promise<void> {
  for (const entry of entries) await ledger.commit(entry.key, [entry]);
}

/** What a user can read of one account: amount due, account credit, available credit. */
export async function balances(source: CreditKitDataSource, accountId: string): Promise<[string, string, string]> {
  const a = await source.getAccount(accountId);
  return [a.amountDue, a.accountCredit, a.availableCredit];
}

/** Awaits a promise that must reject with a CreditKitError whose code is `code` (or one of `code`). */
export async function expectCode(promise: Promise<unknown> | (() => unknown), code: string | readonly string[]): Promise<string> {
  const codes = typeof code === "string" ? [code] : code;
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    expect(isCreditKitError(error), `a CreditKitError, not ${String(error)}`).to.equal(true);
    const got = (error as { code: string }).code;
    expect(codes, `code ${got}`).to.include(got);
    return got;
  }
  return expect.fail(`expected a CreditKitError ${codes.join(" or ")}`);
}

/** Everything the port shows of the ledger: entries, balances, settings, runs. Equal before and after a refused operation. */
export async function everything(source: CreditKitDataSource): Promise<unknown> {
  const [entries, accounts, settings, runs] = await Promise.all([
    source.listEntries(),
    source.getAccounts(),
    source.getSettings(),
    source.listRuns(),
  ]);
  return JSON.parse(JSON.stringify({ entries, accounts, settings, runs }));
}

/** Resolves once `check` is true (polled), or fails after `ms`. */
export async function eventually(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) expect.fail("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A mass-credit plan (5.00 per family, made by the core's preview and planRun) over `n` fresh family accounts, opened. */
export async function runOver(ledger: ContractLedger, n: number, amount = "5.00"): Promise<RunPlan> {
  const ids = await openFamilies(ledger, n);
  const none: readonly { id: string; name: string }[] = [];
  const dataSet: MassCreditDataSet = {
    currency: "USD",
    lists: {
      creditTypes: [{ id: "weather", name: "Weather closure" }],
      chargeCategories: none,
      locations: [{ id: "down", name: "Downtown" }],
      offerings: [],
      autopayMethods: none,
    },
    families: ids.map((id, i) => ({ id, name: `Family ${i + 1}`, status: "active", keywords: [], autopayMethods: [], location: "down" })),
    students: [],
    enrollments: [],
    fees: [],
  };
  const request = {
    description: "Pool closed",
    creditType: "weather",
    date: "2026-12-01",
    amount,
    currency: "USD",
    mode: "family",
    location: "down",
  } as const;
  return planRun(previewMassCredit(request, dataSet), { runId: unique("run") });
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

/** Each planned row has exactly one credit on the ledger, of the row's amount on the row's account. */
export async function expectEachRowOnce(source: CreditKitDataSource, plan: RunPlan): Promise<void> {
  const entries = await source.listEntries({ accountIds: plan.posts.map((p) => p.familyId) });
  const perRow = creditsPerRow(entries, plan.runId);
  expect(perRow.size, "rows credited").to.equal(plan.posts.length);
  for (const p of plan.posts) expect(perRow.get(p.rowKey), p.rowKey).to.equal(1);
  const accounts = await source.getAccounts(plan.posts.map((p) => p.familyId));
  expect(accounts.map((a) => a.accountCredit)).to.deep.equal(plan.posts.map((p) => p.amount));
}
