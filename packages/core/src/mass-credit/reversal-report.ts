/**
 * What a run's reversal leaves to tell (§6, beyond the peers): the mark a
 * saved run keeps (`reversalMark`), and the credit already spent in a few
 * figures (`summarizeSpent`) instead of one line per credit. The per-credit
 * detail is `spentCreditsToCsv` (csv.ts).
 */
import { assertInput, assertObject } from "../errors.js";
import { add, compare, fromAmountString, isPositive, type Money, toAmountString, zero } from "../money.js";
import type { CreditReversal, RunReversal, RunReversalMark } from "./run-types.js";

/** The credits of a reversal that had been spent, in part or whole, in the reversal's order. */
export function spentCredits<T extends Pick<CreditReversal, "used"> = CreditReversal>(
  reversal: { readonly credits: readonly T[] },
  currency: string,
): T[] {
  return reversal.credits.filter((c) => isPositive(fromAmountString(c.used, currency)));
}

/** What a saved run keeps of `reversal`, recorded at `reversedAt` (an ISO time from the caller's clock). */
export function reversalMark(reversal: RunReversal, reversedAt: string, currency: string): RunReversalMark {
  assertObject(reversal, "reversal");
  assertInput(Array.isArray(reversal.credits), "reversal.credits");
  assertInput(typeof reversedAt === "string" && reversedAt !== "", "reversedAt");
  return {
    reversedAt,
    date: reversal.date,
    totals: { ...reversal.totals },
    spent: spentCredits(reversal, currency).length,
    failed: reversal.failed,
  };
}

/** One account's spent credit. */
export interface SpentAccount {
  readonly familyId: string;
  readonly familyName: string;
  /** Its credits of the run that had been spent. */
  readonly credits: number;
  /** Canonical amount strings: what was spent of them, and what they were. */
  readonly used: string;
  readonly amount: string;
}

/** The credit already spent when a run was reversed, in a few figures. */
export interface SpentSummary {
  /** Credits spent in part or whole. */
  readonly credits: number;
  /** Accounts those credits were issued to. */
  readonly accounts: number;
  /** Canonical amount string: spent in all. */
  readonly used: string;
  /** The accounts that spent the most, most first (ties by name), at most `top` of them. */
  readonly top: readonly SpentAccount[];
}

/** Sums a reversal's spent credits per account; `top` (default 3) accounts that spent the most are named. */
export function summarizeSpent(
  reversal: Pick<RunReversal, "credits">,
  currency: string,
  options: { readonly top?: number } = {},
): SpentSummary {
  assertObject(reversal, "reversal");
  assertInput(Array.isArray(reversal.credits), "reversal.credits");
  const top = options.top ?? 3;
  assertInput(Number.isSafeInteger(top) && top >= 0, "top");
  const byAccount = new Map<string, { familyId: string; familyName: string; credits: number; used: Money; amount: Money }>();
  let used = zero(currency);
  const spent = spentCredits(reversal, currency);
  for (const c of spent) {
    const u = fromAmountString(c.used, currency);
    used = add(used, u);
    const account = byAccount.get(c.familyId) ?? {
      familyId: c.familyId,
      familyName: c.familyName,
      credits: 0,
      used: zero(currency),
      amount: zero(currency),
    };
    account.credits += 1;
    account.used = add(account.used, u);
    account.amount = add(account.amount, fromAmountString(c.amount, currency));
    byAccount.set(c.familyId, account);
  }
  const ranked = [...byAccount.values()].sort(
    (a, b) => compare(b.used, a.used) || a.familyName.localeCompare(b.familyName) || a.familyId.localeCompare(b.familyId),
  );
  return {
    credits: spent.length,
    accounts: byAccount.size,
    used: toAmountString(used),
    top: ranked.slice(0, top).map((a) => ({ ...a, used: toAmountString(a.used), amount: toAmountString(a.amount) })),
  };
}
