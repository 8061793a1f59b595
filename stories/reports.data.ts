/** Generated data for the batch and report stories: the store's demo seed in a memory data source, and a batch collected once. */
import type { BatchInvoice } from "@creditkit/core";
import { createMemoryDataSource, type StoreDataSource, seedDemoData } from "@creditkit/store";

/** `families` generated families (seed 7): fees, preloaded credit for some, cards on file for those who autopay by card. */
export async function seededSource(families: number): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  await seedDemoData(source, { seed: 7, families });
  return source;
}

/** Scripts the stored gateway: the second account declines, the fourth times out twice (unresolved). */
export async function scriptOutcomes(source: StoreDataSource): Promise<void> {
  const ids = (await source.listAccounts()).map((a) => a.id);
  if (ids[1]) await source.gateway.script(ids[1], ["decline"]);
  if (ids[3]) await source.gateway.script(ids[3], ["timeout-no-charge", "timeout-no-charge"]);
}

/** Collects every unpaid fee once with credit applied, so the ledger holds card payments and `Payment (AC)` lines. */
export async function collectOnce(source: StoreDataSource, batchId = "nov-dues"): Promise<void> {
  const invoices: BatchInvoice[] = [];
  for (const s of await source.getAccounts()) {
    for (const fee of s.fees) {
      if (fee.remainder !== "0.00" && fee.reservedBy === undefined) {
        invoices.push({ invoiceId: `${s.account.id}:${fee.feeId}`, accountId: s.account.id, feeIds: [fee.feeId] });
      }
    }
  }
  await source.settleBatch({ batchId, invoices, applyCredit: true, date: "2026-11-20" });
}
