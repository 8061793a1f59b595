/**
 * `<ck-transactions audience="member">`: a family's own lines in words a
 * family understands. Each type reads as what happened ("Charge", "Payment by
 * card", "Paid from account credit", "Credit"); voids and reversals are not
 * lines of their own but a note on the line they change ("Reversed on
 * 2026-12-05", "$5.00 of it cancelled on 2026-12-05").
 */
import { compare, fromAmountString, PAYMENT_TYPE_LABELS, type TransactionLine } from "@creditkit/core";

/** Who reads the report: `admin` (every line, the summaries, the Account column) or `member` (a family's own lines, in words). */
export type Audience = "admin" | "member";

const GRANT_WORDS: Readonly<Record<string, string>> = {
  "Account Credit": "Credit",
  "Refund - Account Credit": "Refund as credit",
  "Preloaded Credit": "Credit bought in advance",
};

/** What a line's type means to a family. */
export function memberType(line: TransactionLine): string {
  switch (line.type) {
    case "Fee":
      return "Charge";
    case "Payment":
      return line.paymentType ? `Payment by ${PAYMENT_TYPE_LABELS[line.paymentType].toLowerCase()}` : "Payment";
    case "Payment (AC)":
      return "Paid from account credit";
    case "Void":
      return line.reverses ? "Payment reversed" : "Cancelled";
    default:
      return GRANT_WORDS[line.type] ?? line.type;
  }
}

/**
 * The notes voids put on the lines they change (by the changed line's entry
 * id), read from every line of the account (a void after the period still
 * marks a line in it).
 */
export function voidNotes(lines: readonly TransactionLine[], currency: string, money: (amount: string) => string): Map<string, string> {
  const payments = new Set<string>();
  const grants = new Map<string, TransactionLine>();
  const fees = new Map<string, TransactionLine>();
  for (const line of lines) {
    if (line.type === "Fee" && line.feeId) fees.set(line.feeId, line);
    else if (line.grantId && line.type !== "Void") grants.set(line.grantId, line);
    else if (line.type === "Payment" || line.type === "Payment (AC)") payments.add(line.entryId);
  }
  const notes = new Map<string, string[]>();
  const note = (entryId: string, text: string) => notes.set(entryId, [...(notes.get(entryId) ?? []), text]);
  for (const line of lines) {
    if (line.type !== "Void") continue;
    if (line.reverses && payments.has(line.reverses)) {
      note(line.reverses, `Reversed on ${line.date}`);
      continue;
    }
    const target = (line.grantId ? grants.get(line.grantId) : undefined) ?? (line.feeId ? fees.get(line.feeId) : undefined);
    if (!target) continue;
    const whole = compare(fromAmountString(line.amount, currency), fromAmountString(target.amount, currency)) === 0;
    note(target.entryId, whole ? `Cancelled on ${line.date}` : `${money(line.amount)} of it cancelled on ${line.date}`);
  }
  return new Map([...notes].map(([id, texts]) => [id, texts.join("; ")]));
}
