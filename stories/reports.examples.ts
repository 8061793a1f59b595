/** The help article's accounts (from data.ts) side by side in one memory data source, each with a card on file. */
import type { LedgerEntry } from "@creditkit/core";
import { createMemoryDataSource, type StoreDataSource } from "@creditkit/store";
import type { StoryAccount } from "./data.js";

export async function familiesOf(accounts: readonly StoryAccount[]): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  const ids = accounts.map((_, i) => `fam-${i + 1}`);
  await source.openAccounts(accounts.map((a, i) => ({ id: ids[i] as string, name: a.name ?? "Rivera family", kind: "family" as const })));
  for (const [i, account] of accounts.entries()) {
    const accountId = ids[i] as string;
    for (const [j, [description, amount, dueDate]] of (account.fees ?? []).entries()) {
      const key = `fee/${accountId}/${j}`;
      const fee: LedgerEntry = {
        id: `${key}#0`,
        key,
        type: "Fee",
        accountId,
        feeId: `${accountId}-fee-${j}`,
        amount,
        date: "2026-11-01",
        dueDate,
        category: "Dues",
        description,
      };
      await source.commit(key, [fee]);
    }
    if (account.credit) {
      const key = `credit/${accountId}`;
      await source.commit(key, [
        {
          id: `${key}#0`,
          key,
          type: "Account Credit",
          accountId,
          grantId: `grant-${accountId}`,
          amount: account.credit,
          date: "2026-10-20",
          description: "Pool closure credit",
          creditType: "Weather closure",
          source: { kind: "manual" },
        },
      ]);
    }
  }
  await source.gateway.addCards(ids);
  return source;
}
