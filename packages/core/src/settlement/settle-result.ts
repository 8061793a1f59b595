/**
 * The small pieces a settlement's steps share: the result it answers (one
 * literal per shape, since a batch keeps 100,000 of them), why it was not
 * paid, and `then`, which goes on at once with a value and after a promise.
 */
import { type CreditKitErrorCode, messageFor } from "../errors.js";
import type { LedgerEntry } from "../ledger/entries.js";
import { toAmountString, zero } from "../money.js";
import type { Awaitable, SettlementOutcome, SettlementResult } from "./types.js";

const NO_ENTRIES: readonly LedgerEntry[] = Object.freeze([]);
const zeros = new Map<string, string>();

/** "0.00" in a currency (cached: every result carries it). */
export function zeroText(currency: string): string {
  let text = zeros.get(currency);
  if (text === undefined) {
    text = toAmountString(zero(currency));
    zeros.set(currency, text);
  }
  return text;
}

export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The parts of a result every outcome shares. */
export interface Base {
  readonly invoiceId: string;
  readonly accountId: string;
  readonly key: string;
  readonly zero: string;
}

/** Why an invoice was not paid, for people and for programs. */
export interface Why {
  readonly code: CreditKitErrorCode;
  readonly message: string;
}

export function result(
  base: Base,
  outcome: SettlementOutcome,
  extra: {
    due?: string;
    creditUsed?: string;
    charged?: string;
    chargeId?: string;
    why?: Why;
    entries?: readonly LedgerEntry[];
  } = {},
): SettlementResult {
  const { invoiceId, accountId, key } = base;
  const due = extra.due ?? base.zero;
  const creditUsed = extra.creditUsed ?? base.zero;
  const charged = extra.charged ?? base.zero;
  const entries = extra.entries ?? NO_ENTRIES;
  const { chargeId, why } = extra;
  // Literals, not conditional spreads: a spread builds each result the slow way, and 100k results are kept.
  if (why !== undefined) {
    const { message, code } = why;
    if (chargeId !== undefined) return { invoiceId, accountId, key, outcome, due, creditUsed, charged, chargeId, message, code, entries };
    return { invoiceId, accountId, key, outcome, due, creditUsed, charged, message, code, entries };
  }
  if (chargeId !== undefined) return { invoiceId, accountId, key, outcome, due, creditUsed, charged, chargeId, entries };
  return { invoiceId, accountId, key, outcome, due, creditUsed, charged, entries };
}

export const why = (code: CreditKitErrorCode, message: string = messageFor(code)): Why => ({ code, message });

/** Runs `step`, then `ok` with its value (at once when it is not a promise) or `fail` with what it threw or rejected. */
export function then<T, R>(step: () => Awaitable<T>, ok: (value: T) => Awaitable<R>, fail: (error: unknown) => Awaitable<R>): Awaitable<R> {
  let value: Awaitable<T>;
  try {
    value = step();
  } catch (error) {
    return fail(error);
  }
  return isPromiseLike(value) ? Promise.resolve(value).then(ok, fail) : ok(value);
}
