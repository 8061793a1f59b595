/**
 * The mass-credit data set tests' shared pieces: a ledger for a generated
 * data set (an account per family, a Fee entry per outstanding fee, as the
 * store's demo seed opens them), written through any data source with
 * `openAccounts` and `commitChunk`, and a payment builder.
 */
import type {
  AccountRecord,
  FeeEntry,
  KeyedEntries,
  LedgerEntry,
  MassCreditDataSet,
  MassCreditRequest,
  PaymentEntry,
} from "@creditkit/core";

export const FEE_DATE = "2026-11-01";

/** A data source that can open accounts and commit keyed entries (the store's and the PostgreSQL one alike). */
export interface LedgerWriter {
  openAccounts(accounts: readonly AccountRecord[]): Promise<void>;
  commitChunk(items: readonly KeyedEntries[]): Promise<readonly unknown[]>;
}

/** The Fee entry of a listed fee (its remainder charged as the fee's amount). */
export function feeEntry(accountId: string, feeId: string, amount: string, category: string): FeeEntry {
  const key = `seed/fee/${feeId}`;
  return {
    id: `${key}#0`,
    key,
    type: "Fee",
    accountId,
    feeId,
    amount,
    date: FEE_DATE,
    dueDate: "2026-11-15",
    category,
    description: `Fee ${feeId}`,
  };
}

/** A cash payment of `amount` to one fee. */
export function payment(accountId: string, feeId: string, amount: string, key = `pay/${feeId}`): PaymentEntry {
  return {
    id: `${key}#0`,
    key,
    type: "Payment",
    accountId,
    amount,
    date: "2026-11-20",
    description: "Cash payment",
    method: "cash",
    allocations: [{ feeId, amount }],
  };
}

/**
 * Opens an account per family and commits a Fee entry for each of its
 * outstanding fees, `batch` families per transaction. Every other listed
 * fee (remainder 0.00) is not in the ledger: it keeps its listed remainder.
 */
export async function seedLedger(source: LedgerWriter, data: MassCreditDataSet, batch = 1000): Promise<number> {
  const byFamily = new Map<string, LedgerEntry[]>();
  for (const fee of data.fees) {
    if (fee.remainder === "0.00") continue;
    const list = byFamily.get(fee.familyId) ?? [];
    list.push(feeEntry(fee.familyId, fee.id, fee.remainder, fee.category));
    byFamily.set(fee.familyId, list);
  }
  let fees = 0;
  for (let at = 0; at < data.families.length; at += batch) {
    const families = data.families.slice(at, at + batch);
    await source.openAccounts(families.map((f) => ({ id: f.id, name: f.name, kind: "family" as const })));
    const items = families.flatMap((f) => (byFamily.get(f.id) ?? []).map((e) => ({ key: e.key, entries: [e] })));
    fees += items.length;
    if (items.length > 0) await source.commitChunk(items);
  }
  return fees;
}

/** A preview request over the generated data (outstanding only, so the ledger's remainders decide). */
export const OUTSTANDING_REQUEST: MassCreditRequest = {
  description: "Pool closed for the cold snap",
  creditType: "weather",
  date: "2026-12-01",
  amount: "10.00",
  currency: "USD",
  mode: "student",
  outstandingOnly: true,
  studentKeywords: ["Beginner"],
  enrollmentRows: [{ offeringKeywords: ["Swim"] }, { meetingDays: ["sat", "sun"] }],
  rowsCombine: "or",
  location: "eastside",
};
