/**
 * Builders for the entries every caller writes by hand: a fee, a credit
 * grant, preloaded credit and a refund to account credit. Each takes the
 * operation's idempotency key once and derives the rest (the entry's id, and
 * the fee's or grant's id unless given), so a caller writes
 *
 *   const fee = newFee({ key: "fee-42", accountId: "fam-1", amount: "20.00", date: "2026-11-01",
 *                        category: "Tuition", description: "November tuition" });
 *   journal.commit(fee.key, [fee]);
 *
 * The entries are plain JSON, checked at the commit like any other (amounts
 * canonical in the ledger's currency, real dates); the builders check only
 * what they need to build one: text keys and ids.
 */

import type { IsoDate } from "../dates.js";
import { assertInput } from "../errors.js";
import type { FeeEntry, GrantEntry } from "./entries.js";

/** What every built entry needs. */
export interface EntryInput {
  /** The operation's idempotency key; the entry's id is `<key>#0`. */
  readonly key: string;
  readonly accountId: string;
  /** A positive canonical amount of the ledger's currency, e.g. "20.00". */
  readonly amount: string;
  readonly date: IsoDate;
  readonly description: string;
}

export interface FeeInput extends EntryInput {
  /** The fee's id (payments name it). Default: the key. */
  readonly feeId?: string;
  readonly category: string;
  /** Default: the date. */
  readonly dueDate?: IsoDate;
  readonly memberId?: string;
}

export interface GrantInput extends EntryInput {
  /** The grant's id (credit payments and voids name it). Default: the key. */
  readonly grantId?: string;
  /** The organisation's credit type (its list's id), e.g. "goodwill". */
  readonly creditType: string;
  /** Where the credit is recorded, when the organisation has locations. */
  readonly location?: string;
}

export interface RefundInput extends GrantInput {
  /** The payment refunded to credit, when there is one. */
  readonly paymentId?: string;
}

function checkText(input: object, fields: readonly string[]): void {
  assertInput(typeof input === "object" && input !== null, "input");
  for (const field of fields) {
    const value = (input as Record<string, unknown>)[field];
    assertInput(typeof value === "string" && value !== "", field);
  }
}

const COMMON = ["key", "accountId"] as const;

function base(input: EntryInput) {
  return {
    id: `${input.key}#0`,
    key: input.key,
    accountId: input.accountId,
    amount: input.amount,
    date: input.date,
    description: input.description,
  };
}

/** A `Fee` entry: adds to Amount Due. */
export function newFee(input: FeeInput): FeeEntry {
  checkText(input, COMMON);
  return {
    ...base(input),
    type: "Fee",
    feeId: input.feeId ?? input.key,
    category: input.category,
    dueDate: input.dueDate ?? input.date,
    ...(input.memberId !== undefined ? { memberId: input.memberId } : {}),
  };
}

function grant(type: GrantEntry["type"], source: GrantEntry["source"], input: GrantInput): GrantEntry {
  checkText(input, COMMON);
  return {
    ...base(input),
    type,
    grantId: input.grantId ?? input.key,
    creditType: input.creditType,
    ...(input.location !== undefined ? { location: input.location } : {}),
    source,
  };
}

/** An `Account Credit` entry given by an admin (source `manual`). */
export function newCreditGrant(input: GrantInput): GrantEntry {
  return grant("Account Credit", { kind: "manual" }, input);
}

/** A `Preloaded Credit` entry: money a family put on account ahead (source `preload`). */
export function newPreloadedCredit(input: GrantInput): GrantEntry {
  return grant("Preloaded Credit", { kind: "preload" }, input);
}

/** A `Refund - Account Credit` entry: a refund kept as credit (source `refund`, naming the payment when given). */
export function newRefundToCredit(input: RefundInput): GrantEntry {
  const source = input?.paymentId !== undefined ? { kind: "refund" as const, paymentId: input.paymentId } : { kind: "refund" as const };
  return grant("Refund - Account Credit", source, input);
}
