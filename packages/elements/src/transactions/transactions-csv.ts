/**
 * The transactions as CSV: data for a spreadsheet, so English words and
 * canonical amounts and dates whatever the page's language (decision 0031).
 * A member's file has their words for each line and no ids.
 */
import { PAYMENT_TYPE_LABELS, type TransactionLine } from "@creditkit/core";
import { csvText } from "../shared/csv-download.js";
import { signedAmount } from "./transactions.render.js";
import { memberType, notesCsv, type VoidNote } from "./transactions-member.js";

/** A family's lines: date, their words for the type, description, what was cancelled of it, amount. */
export function memberCsv(
  lines: readonly TransactionLine[],
  notes: ReadonlyMap<string, readonly VoidNote[]>,
  money: (amount: string) => string,
): string {
  const rows = lines.map((l) => [l.date, memberType(l), l.description, notesCsv(notes.get(l.entryId), money), l.amount]);
  return csvText(["Date", "Type", "Description", "Note", "Amount"], rows, [4]);
}

/** Every line with its account, payment type, the grants a Payment (AC) used, and the entry it reverses. */
export function adminCsv(lines: readonly TransactionLine[], names: ReadonlyMap<string, string>): string {
  const header = ["Date", "Account", "Account ID", "Type", "Payment type", "Description", "Amount", "Grants used", "Entry ID", "Reverses"];
  const rows = lines.map((l) => [
    l.date,
    names.get(l.accountId) ?? "",
    l.accountId,
    l.type,
    l.paymentType ? PAYMENT_TYPE_LABELS[l.paymentType] : "",
    l.description,
    signedAmount(l),
    (l.grants ?? []).map((g) => `${g.grantId} ${g.amount}`).join("; "),
    l.entryId,
    l.reverses ?? "",
  ]);
  return csvText(header, rows, [6]);
}
