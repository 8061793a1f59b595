/**
 * Small helpers shared by processing and reversing a mass-credit run: run
 * ids and keys, the event-loop turn between chunks, error descriptions and
 * exact totals.
 */
import { assertInput, CreditKitError, type CreditKitErrorCode, isCreditKitError } from "../errors.js";
import { add, fromAmountString, type Money, toAmountString, zero } from "../money.js";
import { after } from "../settlement/timers.js";
import { multiplyAmount } from "./preview.js";

/** Throws `invalid-input` unless `runId` is a non-empty string without "/" (the keys `runId/rowKey` must split one way). */
export function assertRunId(runId: unknown): asserts runId is string {
  assertInput(typeof runId === "string" && runId.trim() !== "" && !runId.includes("/"), "runId", { reason: "run-id" });
}

/**
 * The idempotency key of one row's credit: `${runId}/${rowKey}`, as one flat
 * string. V8 makes `a + b` (and a template) a pair of pointers to its parts,
 * flattened into a third string once hashed: three objects per key for the
 * garbage collector to copy where `join` makes one.
 */
export function runKey(runId: string, rowKey: string): string {
  return [runId, rowKey].join("/");
}

/**
 * Adds `rowKey` to `seen`; throws `duplicate-row` when it is there already (a
 * plan, a preview or a record that lists one row twice). A row key that is
 * not a text is `invalid-input`.
 */
export function assertUniqueRow(seen: Set<string>, rowKey: unknown): void {
  assertInput(typeof rowKey === "string", "rowKey");
  const before = seen.size;
  seen.add(rowKey);
  if (seen.size === before) throw new CreditKitError("duplicate-row", { rowKey });
}

/** True when `post.key` is `${runId}/${post.rowKey}`; compares in place, allocating nothing. */
export function isKeyedFor(post: { readonly key?: unknown; readonly rowKey?: unknown } | undefined, runId: string): boolean {
  const key = post?.key;
  const rowKey = post?.rowKey;
  if (typeof key !== "string" || typeof rowKey !== "string") return false;
  const at = runId.length;
  return key.length === at + 1 + rowKey.length && key.startsWith(runId) && key.charCodeAt(at) === 47 && key.endsWith(rowKey);
}

/** A macrotask: lets the page paint and handle input between chunks (Node, browsers and workers). */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    after(0, resolve);
  });
}

/** True for an error that belongs to one row (bad account, conflicting key …), not to the ledger as a whole. */
export function isRowError(error: unknown): error is CreditKitError {
  return isCreditKitError(error) && !error.code.startsWith("storage-");
}

/** The code and message of anything thrown. */
export function describeError(error: unknown): { code: CreditKitErrorCode | "error"; message: string } {
  if (isCreditKitError(error)) return { code: error.code, message: error.message };
  return { code: "error", message: error instanceof Error ? error.message : String(error) };
}

/** The exact sum of the credits' amounts; amounts repeat (one per run), so each distinct amount is multiplied once. */
export function totalOfAmounts(credits: readonly { readonly amount: string }[], currency: string): string {
  const counts = new Map<string, number>();
  for (const credit of credits) counts.set(credit.amount, (counts.get(credit.amount) ?? 0) + 1);
  let total: Money = zero(currency);
  for (const [amount, n] of counts) total = add(total, multiplyAmount(fromAmountString(amount, currency), n));
  return toAmountString(total);
}
