/**
 * Checks on ledger entries handed to the reports: the shape a report relies
 * on (known type, known payment method, real date), so a malformed entry is a
 * typed error and never a crash deep inside a report.
 */
import { assertIsoDate } from "../dates.js";
import { assertInput, assertObject, CreditKitError } from "../errors.js";
import { type GrantEntry, isGrantEntry, type LedgerEntry, TRANSACTION_TYPES } from "../ledger/entries.js";
import { isPaymentMethod } from "./payment-types.js";

/**
 * Checks that `entries` is a list of well-formed ledger entries: string id,
 * account id and amount, real date, a known transaction type, a known method
 * on payments, grant links on `Payment (AC)`, a target on voids. Throws
 * `invalid-input` or `invalid-date` naming the entry and field.
 */
export function checkEntries(entries: unknown): asserts entries is readonly LedgerEntry[] {
  assertInput(Array.isArray(entries), "entries");
  entries.forEach((entry: unknown, index) => {
    checkEntry(entry, index);
  });
}

function checkEntry(value: unknown, index: number): void {
  const at = `entries[${index}]`;
  assertObject(value, at);
  const entry = value as Partial<Record<string, unknown>>;
  assertInput(typeof entry.id === "string", `${at}.id`);
  assertInput(typeof entry.accountId === "string", `${at}.accountId`);
  assertInput(typeof entry.amount === "string", `${at}.amount`);
  assertIsoDate(entry.date, `${at}.date`);
  const type = entry.type;
  if (typeof type !== "string" || !(TRANSACTION_TYPES as readonly string[]).includes(type)) {
    throw new CreditKitError("invalid-input", {
      field: `${at}.type`,
      type: String(type),
      reason: "unknown-transaction-type",
      value: String(type),
    });
  }
  switch (type) {
    case "Payment":
      if (!isPaymentMethod(entry.method)) {
        throw new CreditKitError("invalid-input", {
          field: `${at}.method`,
          method: String(entry.method),
          reason: "unknown-payment-method",
          value: String(entry.method),
        });
      }
      assertInput(Array.isArray(entry.allocations), `${at}.allocations`);
      return;
    case "Payment (AC)":
      assertInput(typeof entry.feeId === "string", `${at}.feeId`);
      assertInput(
        Array.isArray(entry.grants) && entry.grants.every((g: unknown) => typeof (g as { grantId?: unknown })?.grantId === "string"),
        `${at}.grants`,
      );
      return;
    case "Fee":
      assertInput(typeof entry.feeId === "string", `${at}.feeId`);
      return;
    case "Void": {
      const target = entry.target as { kind?: unknown; grantId?: unknown; feeId?: unknown; entryId?: unknown } | undefined;
      assertInput(
        (target?.kind === "grant" && typeof target.grantId === "string") ||
          (target?.kind === "fee" && typeof target.feeId === "string") ||
          (target?.kind === "payment" && typeof target.entryId === "string"),
        `${at}.target`,
      );
      return;
    }
    default:
      assertInput(typeof entry.grantId === "string", `${at}.grantId`);
      assertInput(typeof entry.creditType === "string", `${at}.creditType`);
  }
}

/** Every grant entry by grant id (the first one wins should an id repeat). */
export function grantsById(entries: readonly LedgerEntry[]): Map<string, GrantEntry> {
  const grants = new Map<string, GrantEntry>();
  for (const entry of entries) if (isGrantEntry(entry) && !grants.has(entry.grantId)) grants.set(entry.grantId, entry);
  return grants;
}
