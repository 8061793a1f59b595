/** Small builders for test ledgers. */
import { createJournal, type Journal, type OrgSettings } from "../../packages/core/src/index.js";

let counter = 0;
const nextKey = (prefix: string) => `${prefix}-${++counter}`;

export function journalWith(settings: Partial<OrgSettings> = {}, currency = "USD"): Journal {
  return createJournal({ currency, settings: { autoApply: false, ...settings } });
}

export function openFamily(journal: Journal, id = "fam-1", name = "Rivera family"): string {
  journal.openAccount({ id, name, kind: "family" });
  return id;
}

export function postFee(
  journal: Journal,
  accountId: string,
  feeId: string,
  amount: string,
  options: { dueDate?: string; category?: string; description?: string; date?: string } = {},
): void {
  const key = nextKey(`fee-${feeId}`);
  journal.commit(key, [
    {
      id: `${key}#0`,
      key,
      type: "Fee",
      accountId,
      feeId,
      amount,
      date: options.date ?? "2026-11-01",
      dueDate: options.dueDate ?? "2026-11-15",
      category: options.category ?? "Tuition",
      description: options.description ?? `Fee ${feeId}`,
    },
  ]);
}

export function grantCredit(
  journal: Journal,
  accountId: string,
  grantId: string,
  amount: string,
  options: { date?: string; creditType?: string } = {},
): void {
  const key = nextKey(`grant-${grantId}`);
  journal.commit(key, [
    {
      id: `${key}#0`,
      key,
      type: "Account Credit",
      accountId,
      grantId,
      amount,
      date: options.date ?? "2026-10-01",
      description: `Credit ${grantId}`,
      creditType: options.creditType ?? "Goodwill",
      source: { kind: "manual" },
    },
  ]);
}
