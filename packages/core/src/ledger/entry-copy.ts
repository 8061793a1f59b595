/**
 * Deep-frozen copies of the entries a journal writes (internal): a written
 * entry can be changed by no one, its writer included.
 *
 * Entries are flat objects with at most one array of small objects, written
 * by the kit in a few fixed shapes. An entry in one of those shapes (same
 * fields, same order) is copied by one object literal per shape, so every
 * copy holds its fields inside the object and copies of a shape share one
 * hidden class. Anything else goes through the generic copier, which keeps
 * every field and its order. Both give the same fields, values and order.
 */
import { CreditKitError } from "../errors.js";
import type { LedgerEntry } from "./entries.js";

/** A deep-frozen copy of a plain-data value, field by field (any shape). */
export function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items = new Array(value.length);
    for (let i = 0; i < value.length; i++) items[i] = frozenCopy(value[i]);
    return Object.freeze(items) as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const item = frozenCopy((value as Record<string, unknown>)[key]);
    // An own "__proto__" field (JSON.parse makes one) stays a field the checks refuse, never the copy's prototype.
    if (key === "__proto__") Object.defineProperty(copy, key, { value: item, enumerable: true, writable: false, configurable: false });
    else copy[key] = item;
  }
  return Object.freeze(copy) as T;
}

const BASE = ["id", "key", "type", "accountId", "date", "amount", "description"] as const;
const FEE = [...BASE, "feeId", "category", "dueDate"];
const FEE_MEMBER = [...FEE, "memberId"];
const PAYMENT = [...BASE, "method", "allocations"];
const PAYMENT_REFERENCE = [...PAYMENT, "reference"];
const CREDIT_PAYMENT = [...BASE, "feeId", "grants"];
const GRANT = [...BASE, "grantId", "creditType", "source"];
const GRANT_LOCATION = [...BASE, "grantId", "creditType", "location", "source"];
const VOID = [...BASE, "target"];
const FEE_PART = ["feeId", "amount"];
const KIND = ["kind"];
const RUN_SOURCE = ["kind", "runId", "rowKey"];
/** Sources that are only a kind, each kept once (a ledger holds thousands of `{ kind: "manual" }`). */
const BARE_SOURCES = new Map(
  (["preload", "manual", "legacy-balance", "refund"] as const).map((kind) => [kind as string, Object.freeze({ kind })]),
);
const GRANT_PART = ["grantId", "amount"];

/** True when `value`'s enumerable fields are exactly `keys`, in that order. */
function hasFields(value: object, keys: readonly string[]): boolean {
  let n = 0;
  for (const key in value) {
    if (key !== keys[n]) return false;
    n += 1;
  }
  return n === keys.length;
}

type Row = Record<string, unknown>;

/** A field expected to be text: copied as is unless it is an object after all. */
const leaf = (v: unknown): unknown => (v !== null && typeof v === "object" ? frozenCopy(v) : v);

/** A frozen copy of an array of `{ feeId | grantId, amount }` items. */
function frozenParts(value: unknown, id: "feeId" | "grantId"): unknown {
  if (!Array.isArray(value)) return frozenCopy(value);
  const keys = id === "feeId" ? FEE_PART : GRANT_PART;
  const items = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const item = value[i] as Row | null;
    items[i] =
      item !== null && typeof item === "object" && hasFields(item, keys)
        ? Object.freeze(
            id === "feeId"
              ? { feeId: leaf(item.feeId), amount: leaf(item.amount) }
              : { grantId: leaf(item.grantId), amount: leaf(item.amount) },
          )
        : frozenCopy(item);
  }
  return Object.freeze(items);
}

/** A grant's frozen source: a shared one for a bare kind, a literal for a mass-credit run's, the generic copier otherwise. */
function frozenSource(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return frozenCopy(value);
  const source = value as Row;
  if (hasFields(source, KIND)) {
    const shared = typeof source.kind === "string" ? BARE_SOURCES.get(source.kind) : undefined;
    if (shared) return shared;
  } else if (hasFields(source, RUN_SOURCE)) {
    return Object.freeze({ kind: leaf(source.kind), runId: leaf(source.runId), rowKey: leaf(source.rowKey) });
  }
  return frozenCopy(value);
}

/** One entry's frozen copy: a literal per known shape, the generic copier otherwise. */
function frozenEntry(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return frozenCopy(value);
  const e = value as Row;
  const type = e.type;
  if (typeof type !== "string") return frozenCopy(value);
  const id = leaf(e.id);
  const key = leaf(e.key);
  const accountId = leaf(e.accountId);
  const date = leaf(e.date);
  const amount = leaf(e.amount);
  const description = leaf(e.description);
  switch (type) {
    case "Fee":
      if (hasFields(e, FEE)) {
        return Object.freeze({
          id,
          key,
          type,
          accountId,
          date,
          amount,
          description,
          feeId: leaf(e.feeId),
          category: leaf(e.category),
          dueDate: leaf(e.dueDate),
        });
      }
      if (hasFields(e, FEE_MEMBER)) {
        const feeId = leaf(e.feeId);
        const category = leaf(e.category);
        const dueDate = leaf(e.dueDate);
        return Object.freeze({ id, key, type, accountId, date, amount, description, feeId, category, dueDate, memberId: leaf(e.memberId) });
      }
      break;
    case "Payment":
      if (hasFields(e, PAYMENT_REFERENCE)) {
        const allocations = frozenParts(e.allocations, "feeId");
        return Object.freeze({
          id,
          key,
          type,
          accountId,
          date,
          amount,
          description,
          method: leaf(e.method),
          allocations,
          reference: leaf(e.reference),
        });
      }
      if (hasFields(e, PAYMENT)) {
        const allocations = frozenParts(e.allocations, "feeId");
        return Object.freeze({ id, key, type, accountId, date, amount, description, method: leaf(e.method), allocations });
      }
      break;
    case "Payment (AC)":
      if (hasFields(e, CREDIT_PAYMENT)) {
        const grants = frozenParts(e.grants, "grantId");
        return Object.freeze({ id, key, type, accountId, date, amount, description, feeId: leaf(e.feeId), grants });
      }
      break;
    case "Void":
      if (hasFields(e, VOID)) return Object.freeze({ id, key, type, accountId, date, amount, description, target: frozenCopy(e.target) });
      break;
    default:
      if (hasFields(e, GRANT)) {
        const source = frozenSource(e.source);
        return Object.freeze({
          id,
          key,
          type,
          accountId,
          date,
          amount,
          description,
          grantId: leaf(e.grantId),
          creditType: leaf(e.creditType),
          source,
        });
      }
      if (hasFields(e, GRANT_LOCATION)) {
        const grantId = leaf(e.grantId);
        const creditType = leaf(e.creditType);
        const location = leaf(e.location);
        const source = frozenSource(e.source);
        return Object.freeze({ id, key, type, accountId, date, amount, description, grantId, creditType, location, source });
      }
  }
  return frozenCopy(value);
}

/**
 * A frozen copy of a commit's entries (the same as `frozenCopy`, faster for
 * the usual shapes). Each field is read once, so what is checked afterwards
 * is what is kept (a getter cannot answer differently later); entries that
 * cannot even be read (a throwing getter or proxy) are `invalid-input`.
 */
export function frozenEntries(batch: readonly LedgerEntry[]): readonly LedgerEntry[] {
  try {
    if (!Array.isArray(batch)) return frozenCopy(batch);
    const items = new Array<LedgerEntry>(batch.length);
    for (let i = 0; i < batch.length; i++) items[i] = frozenEntry(batch[i]) as LedgerEntry;
    return Object.freeze(items);
  } catch (error) {
    if (error instanceof CreditKitError) throw error;
    throw new CreditKitError("invalid-input", { field: "entries", reason: "not-plain-data" });
  }
}

/** Commits up to this many entries look for a repeated id by scanning; larger ones use a Set. */
export const SCAN_IDS = 8;

/**
 * True when `id` is `${key}#${digits}`. Such ids of two different keys can
 * never be equal (the last "#" splits them the same way), so only the other
 * ids need to be remembered to keep every id unique.
 */
export function isOwnId(id: unknown, key: string): boolean {
  if (typeof id !== "string") return false;
  const k = key.length;
  if (id.length <= k + 1 || id.charCodeAt(k) !== 35 || !id.startsWith(key)) return false;
  for (let i = k + 1; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Whether `id` has the form `${k}#${digits}` for a committed key `k` and is one of its entries' ids (a key's entries: a list, or one entry alone). */
export function takenByOwner(id: unknown, byKey: ReadonlyMap<string, readonly LedgerEntry[] | LedgerEntry>): boolean {
  if (typeof id !== "string") return false;
  const hash = id.lastIndexOf("#");
  const owner = hash > 0 ? byKey.get(id.slice(0, hash)) : undefined;
  if (owner === undefined) return false;
  return Array.isArray(owner) ? owner.some((e: LedgerEntry) => e.id === id) : (owner as LedgerEntry).id === id;
}

/** JSON with object keys sorted, so "the same entries" does not depend on the order their fields were written in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
