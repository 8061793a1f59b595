/**
 * `<ck-batch-collect>`'s words in the kit's language: counts with their noun,
 * outcomes and preview kinds. The English tables beside them (`OUTCOME_WORDS`,
 * `PREVIEW_LABELS`) stay the CSV's canonical data.
 */
import type { BatchResult, SettlementOutcome } from "@creditkit/core";
import { isOne } from "../mass-credit-wizard/format.js";
import { whole } from "../shared/counts.js";
import { kitLocale, msg, str } from "../shared/localize.js";
import type { PreviewKind } from "./preview.js";

/** "1 invoice", "1,254 invoices". */
export function invoicesText(n: number): string {
  return isOne(n) ? msg(str`${whole(n)} invoice`) : msg(str`${whole(n)} invoices`);
}

/** "1 account", "3 accounts". */
export function accountsText(n: number): string {
  return isOne(n) ? msg(str`${whole(n)} account`) : msg(str`${whole(n)} accounts`);
}

/** The noun a folded row's count is followed by ("invoice" / "invoices"). */
export function invoiceNoun(n: number): string {
  return isOne(n)
    ? msg("invoice", { id: "bc-noun-invoice", desc: "Noun after a count of one: “1 invoice”." })
    : msg("invoices", { id: "bc-noun-invoices", desc: "Noun after a count: “3 invoices”." });
}

/** "a, b, c": phrases of a sentence listed in the kit's language. */
export function listText(parts: readonly string[]): string {
  return new Intl.ListFormat(kitLocale(), { style: "short", type: "unit" }).format(parts);
}

/** Each settlement outcome in words, as the results show it. */
export function outcomeText(outcome: SettlementOutcome): string {
  switch (outcome) {
    case "paid-by-credit":
      return msg("Paid by credit");
    case "paid-by-charge-and-credit":
      return msg("Paid by card and credit");
    case "paid-by-charge":
      return msg("Paid by card");
    case "declined":
      return msg("Declined: left unpaid");
    case "failed":
      return msg("Failed: left unpaid");
    case "unresolved":
      return msg("Unresolved: not paid, credit held");
    case "nothing-due":
      return msg("Nothing due");
    case "already-settled":
      return msg("Already settled: nothing charged");
    case "skipped":
      return msg("Skipped (cancelled)");
  }
}

/** How an account's invoices will be paid, in words. */
export function previewKindText(kind: PreviewKind): string {
  switch (kind) {
    case "credit-only":
      return msg("Credit only");
    case "card-and-credit":
      return msg("Card and credit");
    case "card-only":
      return msg("Card only");
    case "nothing-due":
      return msg("Nothing due");
  }
}

/** "2 paid", "1 left unpaid", and the unresolved and already settled when there are any. */
export function outcomeParts(result: BatchResult): string[] {
  const c = result.summary.counts;
  const paid = c["paid-by-credit"] + c["paid-by-charge-and-credit"] + c["paid-by-charge"];
  const parts = [msg(str`${whole(paid)} paid`), msg(str`${whole(c.declined + c.failed)} left unpaid`)];
  if (c.unresolved > 0) parts.push(msg(str`${whole(c.unresolved)} unresolved`));
  if (c["already-settled"] > 0) parts.push(msg(str`${whole(c["already-settled"])} already settled`));
  return parts;
}
