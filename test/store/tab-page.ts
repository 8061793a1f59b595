/**
 * What a second tab runs (loaded in a same-origin iframe: its own page, its
 * own module instances, the same IndexedDB, Web Locks and BroadcastChannel).
 * It exposes `creditkitTab` for the test in the first page to drive.
 */
import type { SettleBatchRequest } from "@creditkit/core";
import { openIndexedDbDataSource, type StoreDataSource } from "../../packages/store/src/index.js";

/** What the tab answers with: plain JSON, so nothing of this page's objects crosses over. */
export interface TabSettled {
  readonly results: readonly { readonly key: string; readonly outcome: string; readonly charged: string; readonly chargeId?: string }[];
  readonly charges: readonly { readonly chargeId: string; readonly idempotencyKey: string; readonly amount: string }[];
}

export interface CreditkitTab {
  /** Opens the database (before the race starts, so both tabs start settling together). */
  open(name: string, latencyMs: number): Promise<void>;
  settle(request: Omit<SettleBatchRequest, "onProgress" | "signal">): Promise<string>;
  close(): void;
}

let source: StoreDataSource | undefined;

const tab: CreditkitTab = {
  async open(name, latencyMs) {
    source = await openIndexedDbDataSource({ name, gateway: { latencyMs } });
  },
  async settle(request) {
    const open = source as StoreDataSource;
    const run = await open.settleBatch(request);
    const settled: TabSettled = {
      results: run.results.map((r) => ({
        key: r.key,
        outcome: r.outcome,
        charged: r.charged,
        ...(r.chargeId !== undefined ? { chargeId: r.chargeId } : {}),
      })),
      charges: open.gateway.charges().map((c) => ({ chargeId: c.chargeId, idempotencyKey: c.idempotencyKey, amount: c.amount })),
    };
    return JSON.stringify(settled);
  },
  close() {
    source?.close();
  },
};
(globalThis as { creditkitTab?: CreditkitTab }).creditkitTab = tab;
