/**
 * `<ck-transactions audience="member">`: a family's own lines in words a
 * family understands. Each type reads as what happened ("Charge", "Payment by
 * card", "Paid from account credit", "Credit"); voids and reversals are not
 * lines of their own but a note on the line they change ("Reversed on
 * Dec 5, 2026", "$5.00 of it cancelled on Dec 5, 2026"). On screen in the
 * kit's language; the CSV keeps English words and YYYY-MM-DD dates (data).
 */
import { compare, fromAmountString, PAYMENT_TYPE_LABELS, type TransactionLine } from "@creditkit/core";
import { msg, str } from "../shared/localize.js";

/** Who reads the report: `admin` (every line, the summaries, the Account column) or `member` (a family's own lines, in words). */
export type Audience = "admin" | "member";

const GRANT_WORDS: Readonly<Record<string, string>> = {
  "Account Credit": "Credit",
  "Refund - Account Credit": "Refund as credit",
  "Preloaded Credit": "Credit bought in advance",
};

/** What a line's type means to a family, in English (the CSV's words). */
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

/** What a line's type means to a family, in the kit's language (on screen). */
export function memberTypeLabel(line: TransactionLine): string {
  switch (line.type) {
    case "Fee":
      return msg("Charge", { id: "transactions.charge", desc: "A family's transactions: a fee charged to them (noun)." });
    case "Payment":
      switch (line.paymentType) {
        case "card":
          return msg("Payment by card");
        case "ach":
          return msg("Payment by bank (ACH)");
        case "cash":
          return msg("Payment by cash");
        case "check":
          return msg("Payment by check");
        case "other":
          return msg("Payment by other means");
        case "account-credit":
          return msg("Paid from account credit");
        default:
          return msg("Payment", { id: "transactions.payment", desc: "Transaction type: a payment by card, bank, cash or check (noun)." });
      }
    case "Payment (AC)":
      return msg("Paid from account credit");
    case "Void":
      return line.reverses
        ? msg("Payment reversed")
        : msg("Cancelled", { id: "transactions.cancelled", desc: "A family's transactions: a credit or a fee was cancelled." });
    case "Account Credit":
      return msg("Credit", { id: "transactions.credit", desc: "A family's transactions: credit given to their account (noun)." });
    case "Refund - Account Credit":
      return msg("Refund as credit");
    case "Preloaded Credit":
      return msg("Credit bought in advance");
    default:
      return line.type;
  }
}

/** A void's mark on the line it changes: a payment reversed, a credit or fee cancelled whole, or part of it cancelled. */
export interface VoidNote {
  readonly kind: "reversed" | "cancelled" | "part";
  /** The void's date (YYYY-MM-DD). */
  readonly date: string;
  /** The amount cancelled (canonical amount string). */
  readonly amount: string;
}

/**
 * The notes voids put on the lines they change (by the changed line's entry
 * id), read from every line of the account (a void after the period still
 * marks a line in it).
 */
export function voidNotes(lines: readonly TransactionLine[], currency: string): Map<string, VoidNote[]> {
  const payments = new Set<string>();
  const grants = new Map<string, TransactionLine>();
  const fees = new Map<string, TransactionLine>();
  for (const line of lines) {
    if (line.type === "Fee" && line.feeId) fees.set(line.feeId, line);
    else if (line.grantId && line.type !== "Void") grants.set(line.grantId, line);
    else if (line.type === "Payment" || line.type === "Payment (AC)") payments.add(line.entryId);
  }
  const notes = new Map<string, VoidNote[]>();
  const note = (entryId: string, kind: VoidNote["kind"], line: TransactionLine) =>
    notes.set(entryId, [...(notes.get(entryId) ?? []), { kind, date: line.date, amount: line.amount }]);
  for (const line of lines) {
    if (line.type !== "Void") continue;
    if (line.reverses && payments.has(line.reverses)) {
      note(line.reverses, "reversed", line);
      continue;
    }
    const target = (line.grantId ? grants.get(line.grantId) : undefined) ?? (line.feeId ? fees.get(line.feeId) : undefined);
    if (!target) continue;
    const whole = compare(fromAmountString(line.amount, currency), fromAmountString(target.amount, currency)) === 0;
    note(target.entryId, whole ? "cancelled" : "part", line);
  }
  return notes;
}

/** A line's notes on screen, in the kit's language ("Reversed on Dec 8, 2026"). */
export function notesText(
  notes: readonly VoidNote[] | undefined,
  money: (amount: string) => string,
  date: (iso: string) => string,
): string {
  return (notes ?? [])
    .map((n) => {
      const day = date(n.date);
      if (n.kind === "reversed")
        return msg(str`Reversed on ${day}`, {
          id: "transactions.reversed-on",
          desc: "A note on a family's payment line: the payment was reversed on that date.",
        });
      if (n.kind === "cancelled")
        return msg(str`Cancelled on ${day}`, {
          id: "transactions.cancelled-on",
          desc: "A note on a family's credit or fee line: it was cancelled on that date.",
        });
      const amount = money(n.amount);
      return msg(str`${amount} of it cancelled on ${day}`, {
        desc: "A note on a family's credit or fee line: part of it was cancelled on that date.",
      });
    })
    .join(msg("; ", { id: "transactions.note-separator", desc: "Separates two notes on one line." }));
}

/** A line's notes in the CSV: English, YYYY-MM-DD dates, canonical amounts with the currency's formatting by `money`. */
export function notesCsv(notes: readonly VoidNote[] | undefined, money: (amount: string) => string): string {
  return (notes ?? [])
    .map((n) =>
      n.kind === "reversed"
        ? `Reversed on ${n.date}`
        : n.kind === "cancelled"
          ? `Cancelled on ${n.date}`
          : `${money(n.amount)} of it cancelled on ${n.date}`,
    )
    .join("; ");
}
