/**
 * The members report (§7): accounts with Amount Due > 0 and/or Account
 * Credit > 0, each with its display state, sorted exactly.
 */
import { assertInput, assertObject } from "../errors.js";
import type { AccountSnapshot } from "../ledger/account-state.js";
import type { AccountRecord } from "../ledger/entries.js";
import { compare, type Money, parseMoney } from "../money.js";
import { type BalanceDisplay, displayOf } from "./balance-display.js";

/** What the members report sorts by. */
export type MembersSortKey = "name" | "amountDue" | "accountCredit";

/** Sort direction. */
export type SortDirection = "asc" | "desc";

/** Filters and order of the members report. */
export interface MembersReportOptions {
  /** `true`: keep accounts with Amount Due > 0. `false` or absent: no test on Amount Due. */
  readonly hasAmountDue?: boolean;
  /** `true`: keep accounts with Account Credit > 0. `false` or absent: no test on Account Credit. */
  readonly hasCredit?: boolean;
  /** With both tests on: `"all"` keeps accounts passing both (AND), `"any"` either (OR). Default `"any"`. */
  readonly match?: "all" | "any";
  /** Default: by name, ascending. */
  readonly sort?: { readonly by: MembersSortKey; readonly direction?: SortDirection };
  /** The locale names are compared in (`Intl.Collator`); the host's default when omitted. */
  readonly locale?: string;
}

/** One account in the members report. */
export interface MembersReportRow {
  readonly accountId: string;
  readonly name: string;
  readonly kind: AccountRecord["kind"];
  readonly currency: string;
  readonly amountDue: string;
  readonly accountCredit: string;
  readonly display: BalanceDisplay;
}

const SORT_KEYS: readonly MembersSortKey[] = ["name", "amountDue", "accountCredit"];

interface Candidate {
  readonly row: MembersReportRow;
  readonly due: Money;
  readonly credit: Money;
}

function keeps(display: BalanceDisplay, options: MembersReportOptions): boolean {
  const tests: boolean[] = [];
  if (options.hasAmountDue === true) tests.push(display.due === "owed");
  if (options.hasCredit === true) tests.push(display.credit === "available");
  if (tests.length === 0) return true;
  return (options.match ?? "any") === "all" ? tests.every(Boolean) : tests.some(Boolean);
}

/**
 * The members report: one row per snapshot that passes the filters, sorted.
 *
 * - With no filter every account is listed; with one, only accounts passing
 *   it; with both, `match` decides AND (`"all"`) or OR (`"any"`, the default).
 * - Amounts are compared as exact decimals; equal keys fall back to the name
 *   (always A→Z, compared with `Intl.Collator`), then to the input order.
 *   Sorting by an amount across snapshots in different currencies throws
 *   `currency-mismatch`.
 *
 * Invalid options or balances throw a CreditKitError; the input is not changed.
 */
export function membersReport(snapshots: readonly AccountSnapshot[], options: MembersReportOptions = {}): MembersReportRow[] {
  assertInput(Array.isArray(snapshots), "snapshots");
  assertObject(options, "options");
  assertInput(options.match === undefined || options.match === "all" || options.match === "any", "match");
  if (options.sort !== undefined) assertObject(options.sort, "sort");
  const by = options.sort?.by ?? "name";
  const direction = options.sort?.direction ?? "asc";
  assertInput(SORT_KEYS.includes(by), "sort.by");
  assertInput(direction === "asc" || direction === "desc", "sort.direction");
  const collator = new Intl.Collator(options.locale, { sensitivity: "base", numeric: true });

  const candidates: Candidate[] = [];
  snapshots.forEach((snapshot, index) => {
    assertInput(typeof snapshot?.account?.id === "string", `snapshots[${index}].account`);
    const { account, currency, amountDue, accountCredit } = snapshot;
    const due = parseMoney(amountDue, currency, "non-negative");
    const credit = parseMoney(accountCredit, currency, "non-negative");
    const display = displayOf(due, credit);
    if (!keeps(display, options)) return;
    candidates.push({
      row: { accountId: account.id, name: account.name, kind: account.kind, currency, amountDue, accountCredit, display },
      due,
      credit,
    });
  });

  const sign = direction === "asc" ? 1 : -1;
  const byName = (a: Candidate, b: Candidate) => collator.compare(a.row.name, b.row.name);
  const primary: (a: Candidate, b: Candidate) => number =
    by === "amountDue" ? (a, b) => compare(a.due, b.due) : by === "accountCredit" ? (a, b) => compare(a.credit, b.credit) : byName;
  // Array.prototype.sort is stable: full ties keep the input order.
  return candidates.sort((a, b) => sign * primary(a, b) || byName(a, b)).map((c) => c.row);
}
