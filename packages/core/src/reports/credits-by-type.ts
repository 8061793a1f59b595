/**
 * Credits by credit type over a period (§7, for the deposit report): what was
 * issued, what was voided, and the net, per credit type.
 */
import type { IsoDate } from "../dates.js";
import { assertObject, CreditKitError } from "../errors.js";
import { isGrantEntry, type LedgerEntry } from "../ledger/entries.js";
import { add, type CurrencyCode, fromAmountString, type Money, subtract, toAmountString, zero } from "../money.js";
import { checkEntries, grantsById } from "./entry-checks.js";
import { checkPeriod, type ReportPeriod, within } from "./period.js";

/** The period, the ledger's currency and the locale credit types are sorted in. */
export interface CreditsByTypeOptions extends ReportPeriod {
  readonly currency: CurrencyCode;
  /** Locale for ordering credit types (`Intl.Collator`); the host's default when omitted. */
  readonly locale?: string;
}

/** Issued, voided and net credit of one credit type. */
export interface CreditTypeTotals {
  /** Sum of the grants issued in the period. */
  readonly issued: string;
  /** Sum of the voids dated in the period on grants of this type (whenever the grant was issued). */
  readonly voided: string;
  /** issued − voided; negative when the period voids more than it issues. */
  readonly net: string;
  /** Number of grants issued in the period. */
  readonly count: number;
  /** Number of void entries in the period. */
  readonly voidCount: number;
}

/** One credit type's row. */
export interface CreditTypeRow extends CreditTypeTotals {
  readonly creditType: string;
}

/** Credits per credit type over a period. */
export interface CreditsByTypeReport {
  readonly currency: CurrencyCode;
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  /** One row per credit type with a grant or a void in the period, ordered by credit type name. */
  readonly rows: readonly CreditTypeRow[];
  /** The rows added up. */
  readonly totals: CreditTypeTotals;
}

interface Tally {
  issued: Money;
  voided: Money;
  count: number;
  voidCount: number;
}

function totalsOf(t: Tally): CreditTypeTotals {
  return {
    issued: toAmountString(t.issued),
    voided: toAmountString(t.voided),
    net: toAmountString(subtract(t.issued, t.voided)),
    count: t.count,
    voidCount: t.voidCount,
  };
}

/**
 * Credits by credit type over `from`..`to` (inclusive). Every grant type
 * counts as issued credit (`Account Credit`, `Refund - Account Credit`,
 * `Preloaded Credit`); a `Void` of a grant is attributed to that grant's
 * credit type, which is looked up across all `entries`, not only the period.
 * Voids of fees are not credit and are left out. Throws `unknown-grant` for a
 * void whose grant is not among the entries, and a CreditKitError for
 * malformed entries, bad dates or inexact amounts.
 */
export function creditsByType(entries: readonly LedgerEntry[], options: CreditsByTypeOptions): CreditsByTypeReport {
  checkEntries(entries);
  assertObject(options, "options");
  const { currency } = options;
  const period = checkPeriod(options);
  const grants = grantsById(entries);
  const tallies = new Map<string, Tally>();
  const total: Tally = { issued: zero(currency), voided: zero(currency), count: 0, voidCount: 0 };
  const tallyOf = (creditType: string): Tally => {
    let tally = tallies.get(creditType);
    if (!tally) {
      tally = { issued: zero(currency), voided: zero(currency), count: 0, voidCount: 0 };
      tallies.set(creditType, tally);
    }
    return tally;
  };
  for (const entry of entries) {
    if (!within(entry.date, period)) continue;
    if (isGrantEntry(entry)) {
      const amount = fromAmountString(entry.amount, currency);
      const tally = tallyOf(entry.creditType);
      tally.issued = add(tally.issued, amount);
      tally.count += 1;
      total.issued = add(total.issued, amount);
      total.count += 1;
    } else if (entry.type === "Void" && entry.target.kind === "grant") {
      const grant = grants.get(entry.target.grantId);
      if (!grant) throw new CreditKitError("unknown-grant", { grantId: entry.target.grantId, entryId: entry.id });
      const amount = fromAmountString(entry.amount, currency);
      const tally = tallyOf(grant.creditType);
      tally.voided = add(tally.voided, amount);
      tally.voidCount += 1;
      total.voided = add(total.voided, amount);
      total.voidCount += 1;
    }
  }
  const collator = new Intl.Collator(options.locale, { numeric: true });
  const rows = [...tallies]
    .sort(([a], [b]) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([creditType, tally]) => ({ creditType, ...totalsOf(tally) }));
  return { currency, ...period, rows, totals: totalsOf(total) };
}
