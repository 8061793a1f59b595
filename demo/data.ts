/**
 * The browser-only demo's data: the embedded IndexedDB data source from
 * @creditkit/store, seeded from generated data on first load, and reset on
 * request. `npm start` uses the shared ledger instead (scripts/start-server.mjs
 * seeds it with the same `seedDemoData`; the page reaches it with the remote
 * data source, see main.ts).
 */
import { endWizardSession } from "@creditkit/elements";
import { deleteIndexedDbDataSource, openIndexedDbDataSource, type StoreDataSource, seedDemoData } from "@creditkit/store";
import { today } from "./dom.js";
import { DEMO_CURRENCY } from "./pages/shared.js";

export const DB_NAME = "creditkit-demo";
export const DEMO_FAMILIES = 600;
const SEED = 2026;
const DATE_KEY = "creditkit-demo:date";

/** The date the demo data is centred on: the day it was first seeded, kept so a reload shows the same data. */
export function demoDate(): string {
  const stored = localStorage.getItem(DATE_KEY);
  if (stored) return stored;
  const date = today();
  localStorage.setItem(DATE_KEY, date);
  return date;
}

/** The IndexedDB demo ledger and the date its data is centred on. */
export interface OpenDemo {
  readonly source: StoreDataSource;
  readonly date: string;
}

/** Opens the demo ledger and seeds it when it is new. Auto-apply starts off, so issued credit stays visible until used. */
export async function openDemo(onProgress: (done: number, total: number) => void): Promise<OpenDemo> {
  const source = await openIndexedDbDataSource({ name: DB_NAME, currency: DEMO_CURRENCY, settings: { autoApply: false } });
  const date = demoDate();
  await seedDemoData(source, {
    seed: SEED,
    families: DEMO_FAMILIES,
    date,
    batchSize: 200,
    onProgress: ({ done, total }) => onProgress(done, total),
  });
  return { source, date };
}

/** Deletes the demo ledger (and the wizard's session over it), then seeds a fresh one. */
export async function resetDemo(source: StoreDataSource, onProgress: (done: number, total: number) => void): Promise<OpenDemo> {
  endWizardSession(source);
  source.close();
  await deleteIndexedDbDataSource(DB_NAME);
  localStorage.removeItem(DATE_KEY);
  return openDemo(onProgress);
}
