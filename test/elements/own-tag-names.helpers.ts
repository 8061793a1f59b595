/** A memory data source with one family owing $40.00 and holding $25.00 of credit, built without importing any element. */
import { newCreditGrant, newFee } from "@creditkit/core";
import { createMemoryDataSource, type StoreDataSource } from "@creditkit/store";

export async function accountSourceWithoutElements(): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  await source.openAccounts([{ id: "fam-1", name: "Rivera family", kind: "family" }]);
  const fee = newFee({
    key: "f1",
    accountId: "fam-1",
    amount: "40.00",
    date: "2026-11-01",
    dueDate: "2026-11-15",
    category: "Tuition",
    description: "Swim",
  });
  await source.commit(fee.key, [fee]);
  const grant = newCreditGrant({
    key: "g1",
    accountId: "fam-1",
    amount: "25.00",
    date: "2026-11-02",
    creditType: "goodwill",
    description: "Credit",
  });
  await source.commit(grant.key, [grant]);
  return source;
}
