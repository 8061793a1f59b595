/**
 * Applying existing credit when auto-apply is turned on (issue #17): the
 * sweep (§4) runs only when a fee or a credit is posted, so accounts that
 * already hold both an amount due and usable credit keep both until
 * something is posted. This plans, for each such account, what the sweep
 * would apply now — the fees `planSweep` reaches, paid from credit by
 * `planCheckout`'s waterfall (the same fees, the same amounts, the same
 * grants) — as one checkout plan per account under a key made of the run id
 * and the account id, so recording it is all or nothing per account and
 * happens once however often the job runs. See
 * docs/decisions/0025-apply-existing-credit.md.
 */
import { assertIsoDate, type IsoDate } from "../dates.js";
import { assertInput, CreditKitError } from "../errors.js";
import type { AccountSnapshot } from "../ledger/account-state.js";
import { planSweep } from "../ledger/sweep.js";
import { DERIVED_MARK } from "../ledger/validate-entry.js";
import { add, fromAmountString, minorUnit, toAmountString, zero } from "../money.js";
import { DEFAULT_SETTINGS } from "../settings.js";
import { planCheckout } from "./plan.js";
import type { CheckoutPlan } from "./types.js";

/** One account's share of the plan. */
export interface ExistingCreditItem {
  readonly accountId: string;
  /** The account's name, for the summary. */
  readonly name: string;
  /** `applyCreditKey(runId, accountId)`: the plan is recorded under it once. */
  readonly key: string;
  /** Canonical amount: the credit this account's plan uses (min of its usable credit and its unreserved amount due). */
  readonly credit: string;
  /** What to record (`recordCheckout`): one `Payment (AC)` per fee the credit reaches, oldest due first. */
  readonly plan: CheckoutPlan;
}

/** What applying existing credit would do now, account by account. */
export interface ExistingCreditPlan {
  readonly runId: string;
  readonly date: IsoDate;
  readonly currency: string;
  /** Accounts that hold both an amount due and usable credit (`items.length`). */
  readonly count: number;
  /** Canonical amount: the credit all of them use together. */
  readonly total: string;
  /** In the order the snapshots came. */
  readonly items: readonly ExistingCreditItem[];
}

/** The key one account's application is recorded under in run `runId`. */
export function applyCreditKey(runId: string, accountId: string): string {
  return `apply-credit/${runId}/${accountId}`;
}

/** Unused by a checkout that applies credit only; any valid settings do. */
const SETTINGS = { ...DEFAULT_SETTINGS, autoApply: true };

/**
 * Plans applying existing credit to every account in `snapshots` that holds
 * both an amount due (fees not held by a settlement in flight) and usable
 * credit. Pure: reads the snapshots, writes nothing. Throws `invalid-input`
 * for a bad run id, date or list, `duplicate-account` for an account listed
 * twice and `currency-mismatch` for a snapshot in another currency.
 */
export function planApplyExistingCredit(
  snapshots: readonly AccountSnapshot[],
  options: { readonly runId: string; readonly date: IsoDate; readonly currency?: string },
): ExistingCreditPlan {
  assertInput(Array.isArray(snapshots), "snapshots");
  assertInput(options !== null && typeof options === "object", "options");
  const { runId, date } = options;
  assertInput(typeof runId === "string" && runId !== "" && runId.length <= 100 && !runId.includes(DERIVED_MARK), "options.runId", {
    reason: "run-id",
    maxLength: 100,
    forbidden: "§",
  });
  assertIsoDate(date, "options.date");
  const currency = options.currency ?? (snapshots[0] as AccountSnapshot | undefined)?.currency;
  assertInput(typeof currency === "string", "options.currency", { reason: "currency-without-snapshots" });
  minorUnit(currency);
  let total = zero(currency);
  const items: ExistingCreditItem[] = [];
  const seen = new Set<string>();
  for (const snapshot of snapshots) {
    assertInput(snapshot !== null && typeof snapshot === "object" && typeof snapshot.account?.id === "string", "snapshots");
    const accountId = snapshot.account.id;
    if (snapshot.currency !== currency) throw new CreditKitError("currency-mismatch", { left: currency, right: snapshot.currency });
    if (seen.has(accountId)) throw new CreditKitError("duplicate-account", { accountId });
    seen.add(accountId);
    const key = applyCreditKey(runId, accountId);
    const reached = planSweep(snapshot, { key, date });
    if (reached.length === 0) continue;
    const plan = planCheckout(
      snapshot,
      { key, channel: "admin", date, feeIds: reached.map((e) => e.feeId), applyCredit: true, tenders: [] },
      SETTINGS,
    );
    total = add(total, fromAmountString(plan.appliedCredit, currency));
    items.push({ accountId, name: snapshot.account.name, key, credit: plan.appliedCredit, plan });
  }
  return { runId, date, currency, count: items.length, total: toAmountString(total), items };
}
