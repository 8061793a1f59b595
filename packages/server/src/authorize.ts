/**
 * Who may do what (SPEC §9). Admins do everything in their organisation. A
 * member reads only their own accounts and records only portal checkouts of
 * their own fees; an account that is not theirs answers `unknown-account`
 * (404, as if it did not exist) so ids cannot be probed, and an admin's
 * operation answers `forbidden` (403).
 */

import { isDeepStrictEqual } from "node:util";
import { type CheckoutPlan, type CheckoutRequest, CreditKitError, type LedgerEntry, planCheckout } from "@creditkit/core";
import type { Session } from "./auth.js";
import type { ServerDataSource } from "./data-sources.js";

/** Refuses anyone but an admin. */
export function requireAdmin(session: Session): void {
  if (session.role !== "admin") throw new CreditKitError("forbidden", { role: session.role });
}

/** Refuses a member an account that is not theirs, as if it did not exist. */
export function requireAccount(session: Session, accountId: string): void {
  if (session.role === "admin") return;
  if (!session.accountIds.includes(accountId)) throw new CreditKitError("unknown-account", { accountId });
}

/**
 * The accounts a read may cover: an admin's as asked (undefined: all); a
 * member's as asked when every one is theirs, else their own.
 */
export function readableAccounts(session: Session, requested: readonly string[] | undefined): readonly string[] | undefined {
  if (session.role === "admin") return requested;
  if (requested === undefined) return session.accountIds;
  for (const id of requested) requireAccount(session, id);
  return requested;
}

/** The accounts `entries` touch. */
function accountsOf(entries: readonly LedgerEntry[]): string[] {
  return [...new Set(entries.map((e) => e.accountId))];
}

/** The entries without what planning cannot know (a tender's reference), for comparing. */
function comparable(entries: readonly LedgerEntry[]): unknown {
  return JSON.parse(JSON.stringify(entries.map((e) => (e.type === "Payment" ? { ...e, reference: undefined } : e))));
}

/**
 * A member may record a portal checkout of their own account only, and only
 * the plan the core makes for it now: the server plans it again from the
 * account's snapshot and the settings, and refuses a plan whose entries
 * differ (a hand-made plan could post credit or skip a rule). A retry of a
 * plan already recorded under its key cannot be planned again (its fees are
 * paid): it goes to the port, which answers `duplicate` for the same
 * entries and `idempotency-conflict` for others.
 */
export async function checkMemberCheckout(session: Session, source: ServerDataSource, plan: CheckoutPlan): Promise<void> {
  if (session.role === "admin") return;
  if (plan.channel !== "portal") throw new CreditKitError("forbidden", { channel: plan.channel, reason: "portal-only" });
  const accounts = accountsOf(plan.entries);
  for (const id of accounts) requireAccount(session, id);
  const [accountId] = accounts;
  if (accounts.length !== 1 || accountId === undefined) {
    throw new CreditKitError("invalid-input", { field: "entries", reason: "one-account" });
  }
  const allowed = plan.entries.every(
    (e) => e.type === "Payment (AC)" || (e.type === "Payment" && (e.method === "card" || e.method === "ach")),
  );
  if (!allowed) throw new CreditKitError("forbidden", { field: "entries", reason: "portal-entries" });
  const request: CheckoutRequest = {
    key: plan.key,
    channel: "portal",
    date: plan.date,
    feeIds: plan.lines.filter((l) => !l.isNew).map((l) => l.feeId),
    applyCredit: plan.applyCredit,
    tenders: plan.tenders.map((t) => ({ method: t.method, amount: t.amount })),
  };
  let fresh: CheckoutPlan;
  try {
    // One read when the ledger can (the kept account's), at one moment; two otherwise.
    const { snapshot, settings } = source.getAccountAndSettings
      ? await source.getAccountAndSettings(accountId)
      : await Promise.all([source.getAccount(accountId), source.getSettings()]).then(([snapshot, settings]) => ({ snapshot, settings }));
    fresh = planCheckout(snapshot, request, settings);
  } catch (error) {
    // A retry of a recorded plan cannot be planned again (its fees are paid): the port answers it (`duplicate`).
    if ((await source.committed?.(plan.key)) !== undefined) return;
    throw error;
  }
  if (!isDeepStrictEqual(comparable(fresh.entries), comparable(plan.entries))) {
    throw new CreditKitError("invalid-input", { field: "entries", reason: "plan-changed" });
  }
}
