/** A memory data source with one family owing $40.00 and holding $25.00 of credit, built without importing any element. */
import { createMemoryDataSource, type StoreDataSource } from "@creditkit/store";

export async function accountSourceWithoutElements(): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  await source.openAccounts([{ id: "fam-1", name: "Rivera family", kind: "family" }]);
  const fee = {
    id: "f1#0",
    key: "f1",
    type: "Fee" as const,
    accountId: "fam-1",
    feeId: "f1",
    amount: "40.00",
    date: "2026-11-01",
    dueDate: "2026-11-15",
    category: "Tuition",
    description: "Swim",
  };
  await source.commit(fee.key, [fee]);
  const grant = {
    id: "g1#0",
    key: "g1",
    type: "Account Credit" as const,
    accountId: "fam-1",
    grantId: "g1",
    amount: "25.00",
    date: "2026-11-02",
    creditType: "goodwill",
    description: "Credit",
    source: { kind: "manual" as const },
  };
  await source.commit(grant.key, [grant]);
  return source;
}
