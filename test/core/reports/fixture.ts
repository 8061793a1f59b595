/**
 * A small, hand-checked ledger for the report tests, built through the real
 * journal (auto-apply off) so every entry is one the ledger accepts.
 *
 * Balances at the end:
 *   acct-a Alvarez  due 10.00  credit  5.00  (fee 100; card 50; AC 40 from G1 30 + G4 10)
 *   acct-b Brown    due  0.00  credit 20.00  (preload G2 80; AC 40; void 20 of G2)
 *   acct-c Chen     due  0.00  credit 15.00  (refund G3 25; fee 60; AC 10; check 50)
 *   acct-d Dubois   due 40.00  credit  0.00  (fee 70; ach 30)
 *   acct-e Émile    due  0.00  credit  0.00
 *   acct-f Zimmer   due  5.00  credit  0.00
 */

import type { GrantSource, GrantType, LedgerEntry, PaymentMethod } from "../../../packages/core/src/ledger/entries.js";
import { createJournal, type Journal } from "../../../packages/core/src/ledger/journal.js";

let seq = 0;
const next = (prefix: string) => `${prefix}-${++seq}`;

/** Entry builders: each returns one entry carrying `key` as both key and id stem. */
export const build = {
  fee(accountId: string, date: string, feeId: string, amount: string, category = "Tuition"): LedgerEntry {
    const key = next("fee");
    return { id: `${key}#0`, key, type: "Fee", accountId, date, amount, description: `Fee ${feeId}`, feeId, category, dueDate: date };
  },
  grant(accountId: string, date: string, grantId: string, amount: string, type: GrantType, creditType: string): LedgerEntry {
    const key = next("grant");
    const source: GrantSource =
      type === "Preloaded Credit" ? { kind: "preload" } : type === "Refund - Account Credit" ? { kind: "refund" } : { kind: "manual" };
    return { id: `${key}#0`, key, type, accountId, date, amount, description: `${type} ${grantId}`, grantId, creditType, source };
  },
  payment(accountId: string, date: string, feeId: string, amount: string, method: PaymentMethod): LedgerEntry {
    const key = next("pay");
    return {
      id: `${key}#0`,
      key,
      type: "Payment",
      accountId,
      date,
      amount,
      description: `${method} payment`,
      method,
      allocations: [{ feeId, amount }],
    };
  },
  creditPayment(
    accountId: string,
    date: string,
    feeId: string,
    amount: string,
    grants: { grantId: string; amount: string }[],
  ): LedgerEntry {
    const key = next("ac");
    return { id: `${key}#0`, key, type: "Payment (AC)", accountId, date, amount, description: `Credit on ${feeId}`, feeId, grants };
  },
  voidGrant(accountId: string, date: string, grantId: string, amount: string): LedgerEntry {
    const key = next("void");
    return {
      id: `${key}#0`,
      key,
      type: "Void",
      accountId,
      date,
      amount,
      description: `Void ${grantId}`,
      target: { kind: "grant", grantId },
    };
  },
};

/** Commits each entry under its own key. */
export function post(journal: Journal, ...entries: LedgerEntry[]): void {
  for (const entry of entries) journal.commit(entry.key, [entry]);
}

/** The fixture ledger described at the top of this file. */
export function sampleJournal(): Journal {
  const j = createJournal({ currency: "USD", settings: { autoApply: false } });
  j.openAccount({ id: "acct-a", name: "Alvarez", kind: "family" });
  j.openAccount({ id: "acct-b", name: "Brown", kind: "family" });
  j.openAccount({ id: "acct-c", name: "Chen", kind: "member" });
  j.openAccount({ id: "acct-d", name: "Dubois", kind: "family" });
  j.openAccount({ id: "acct-e", name: "Émile", kind: "member" });
  j.openAccount({ id: "acct-f", name: "Zimmer", kind: "family" });
  post(
    j,
    build.fee("acct-a", "2026-01-05", "A1", "100.00"),
    build.grant("acct-a", "2026-01-10", "G1", "30.00", "Account Credit", "Weather closure"),
    build.grant("acct-a", "2026-01-12", "G4", "15.00", "Account Credit", "Goodwill"),
    build.payment("acct-a", "2026-01-15", "A1", "50.00", "card"),
    build.creditPayment("acct-a", "2026-01-20", "A1", "40.00", [
      { grantId: "G1", amount: "30.00" },
      { grantId: "G4", amount: "10.00" },
    ]),
    build.grant("acct-b", "2026-02-01", "G2", "80.00", "Preloaded Credit", "Preload"),
    build.fee("acct-b", "2026-02-01", "B1", "40.00", "Camp"),
    build.creditPayment("acct-b", "2026-02-03", "B1", "40.00", [{ grantId: "G2", amount: "40.00" }]),
    build.grant("acct-c", "2026-02-10", "G3", "25.00", "Refund - Account Credit", "Refund"),
    build.fee("acct-c", "2026-02-10", "C1", "60.00"),
    build.creditPayment("acct-c", "2026-02-12", "C1", "10.00", [{ grantId: "G3", amount: "10.00" }]),
    build.payment("acct-c", "2026-02-14", "C1", "50.00", "check"),
    build.voidGrant("acct-b", "2026-02-28", "G2", "20.00"),
    build.fee("acct-d", "2026-03-01", "D1", "70.00"),
    build.payment("acct-d", "2026-03-01", "D1", "30.00", "ach"),
    build.fee("acct-f", "2026-03-02", "F1", "5.00", "Supplies"),
  );
  return j;
}

/** Snapshots of every account of a journal, in opening order. */
export function snapshotsOf(journal: Journal) {
  return journal.accounts().map((a) => journal.snapshot(a.id));
}
