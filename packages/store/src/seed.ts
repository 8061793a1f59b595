/**
 * Demo data: the core's generator makes families, students, enrollments and
 * fees; seeding stores that data set for mass-credit previews and opens one
 * account per family with its outstanding fees, a preloaded credit for some,
 * and a card on file for those who autopay by card.
 */
import type { FeeEntry, GrantEntry, KeyedEntries, LedgerEntry } from "@creditkit/core";
import { DEFAULT_DEMO_DATE, generateDataSet, mulberry32 } from "@creditkit/core/demo";
import type { StoreDataSource } from "./types.js";

export interface SeedOptions {
  /** Any integer; the same seed gives the same data. */
  readonly seed: number;
  /** How many families (accounts). */
  readonly families: number;
  /** The date the data is centred on. Default the generator's (2026-12-01). */
  readonly date?: string;
  /** Families per transaction. Default 1000. */
  readonly batchSize?: number;
  /** Called after each batch with the families stored so far. */
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
}

/** What seeding did. */
export interface SeedResult {
  /** False when the data source already held this seed's first family (nothing was written). */
  readonly seeded: boolean;
  readonly accounts: number;
  readonly fees: number;
  readonly credits: number;
  readonly cards: number;
}

const PRELOAD_SHARE = 0.15;
const PRELOAD_AMOUNTS = ["10.00", "25.00", "40.00", "75.00"];

/** A month before `date`, as YYYY-MM-DD (the demo's fee and credit dates). */
function monthBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Fills a data source with demo data from `generateDataSet`. Idempotent: when
 * the first family's account is open already, nothing is written.
 */
export async function seedDemoData(source: StoreDataSource, options: SeedOptions): Promise<SeedResult> {
  const date = options.date ?? DEFAULT_DEMO_DATE;
  const data = generateDataSet({ seed: options.seed, families: options.families, startDate: date });
  const firstFamily = data.families[0];
  const open = new Set((await source.listAccounts()).map((a) => a.id));
  if (firstFamily && open.has(firstFamily.id)) return { seeded: false, accounts: 0, fees: 0, credits: 0, cards: 0 };
  await source.putDataSet(data);
  const random = mulberry32(options.seed ^ 0x5eed);
  const categories = new Map(data.lists.chargeCategories.map((c) => [c.id, c.name]));
  const feeDate = monthBefore(date);
  const feesByFamily = new Map<string, FeeEntry[]>();
  for (const fee of data.fees) {
    if (fee.remainder === "0.00") continue;
    const key = `seed-${options.seed}/fee/${fee.id}`;
    const list = feesByFamily.get(fee.familyId) ?? [];
    list.push({
      id: `${key}#0`,
      key,
      type: "Fee",
      accountId: fee.familyId,
      feeId: fee.id,
      amount: fee.remainder,
      date: feeDate,
      dueDate: `${feeDate.slice(0, 8)}15`,
      category: fee.category,
      description: categories.get(fee.category) ?? fee.category,
    });
    feesByFamily.set(fee.familyId, list);
  }
  const batchSize = options.batchSize ?? 1000;
  let fees = 0;
  let credits = 0;
  for (let at = 0; at < data.families.length; at += batchSize) {
    const batch = data.families.slice(at, at + batchSize);
    await source.openAccounts(batch.map((f) => ({ id: f.id, name: f.name, kind: "family" as const })));
    const items: KeyedEntries[] = [];
    for (const family of batch) {
      for (const fee of feesByFamily.get(family.id) ?? []) items.push({ key: fee.key, entries: [fee] });
      if (random() < PRELOAD_SHARE) {
        const key = `seed-${options.seed}/preload/${family.id}`;
        const grant: GrantEntry = {
          id: `${key}#0`,
          key,
          type: "Preloaded Credit",
          accountId: family.id,
          date: feeDate,
          amount: PRELOAD_AMOUNTS[Math.floor(random() * PRELOAD_AMOUNTS.length)] ?? "10.00",
          description: "Preloaded credit",
          grantId: key,
          creditType: data.lists.creditTypes[0]?.id ?? "general",
          source: { kind: "preload" },
        };
        items.push({ key, entries: [grant as LedgerEntry] });
        credits += 1;
      }
    }
    fees += items.length;
    await source.commitChunk(items);
    options.onProgress?.({ done: Math.min(data.families.length, at + batchSize), total: data.families.length });
  }
  const cards = data.families.filter((f) => f.autopayMethods.includes("card")).map((f) => f.id);
  await source.gateway.addCards(cards);
  return { seeded: true, accounts: data.families.length, fees: fees - credits, credits, cards: cards.length };
}
