/**
 * Mass-credit previews on the server (issue #15): the data set is read from
 * the ledger here ("outstanding" as it stands now), the preview is worked
 * out in a worker thread (`preview-thread.ts`), and its rows are kept here
 * for a while, so the browser gets the filter summary, the totals and the
 * rows a page at a time — never the data set. A run is planned from a kept
 * preview on the server (the core's `planRun`, with the rows the admin
 * deselected), so the plan's rows are exactly the ones reviewed.
 */
import { randomUUID } from "node:crypto";
import { Worker } from "node:worker_threads";
import {
  CreditKitError,
  type CreditKitErrorCode,
  type FamilyExplanation,
  type MassCreditPreview,
  type MassCreditRequest,
  type OrganisationLists,
  type PreviewContext,
  type PreviewRow,
} from "@creditkit/core";
import type { ServerDataSource } from "../data-sources.js";
import type { ThreadAnswer, ThreadAsk } from "./preview-thread.js";

export interface PreviewsOptions {
  /** How long a preview is kept after its last use. Default 30 min. */
  readonly ttlMs?: number;
  /** The most previews kept at once (the oldest go first). Default 20. */
  readonly keep?: number;
}

export interface KeptPreview {
  readonly previewId: string;
  readonly orgId: string;
  readonly preview: MassCreditPreview;
  /** The organisation's lists when it was read (a run names its credit type and location from them). */
  readonly lists: OrganisationLists;
  /** ISO time the data set was read. */
  readonly asOf: string;
  usedAt: number;
}

export interface Previews {
  /** The lists and keywords the wizard's questions offer, worked out in the thread; undefined without a data set. */
  context(source: ServerDataSource): Promise<PreviewContext | undefined>;
  /** Works out a preview of the organisation's data set in the thread and keeps it. */
  start(orgId: string, source: ServerDataSource, request: MassCreditRequest): Promise<KeptPreview>;
  /** A kept preview of the organisation; `unknown-id` when there is none (or it was let go). */
  get(orgId: string, previewId: string): KeptPreview;
  rows(kept: KeptPreview, offset: number, limit: number): readonly PreviewRow[];
  explain(kept: KeptPreview, familyId: string): Promise<FamilyExplanation>;
  close(): Promise<void>;
}

/** The thread's file: beside this one, `.ts` when the server runs from its sources, `.js` when built. */
const THREAD = new URL(import.meta.url.endsWith(".ts") ? "./preview-thread.ts" : "./preview-thread.js", import.meta.url);

/** Starts the thread; from the sources (tests, the demo under tsx) it registers tsx first, as a worker does not run `--import`. */
function startThread(): Worker {
  if (!THREAD.pathname.endsWith(".ts")) return new Worker(THREAD);
  const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(THREAD.href)}); });`;
  return new Worker(boot, { eval: true });
}

type Ask = ThreadAsk extends infer A ? (A extends ThreadAsk ? Omit<A, "id"> : never) : never;

export function createPreviews(options: PreviewsOptions = {}): Previews {
  const ttlMs = options.ttlMs ?? 30 * 60_000;
  const keep = options.keep ?? 20;
  const kept = new Map<string, KeptPreview>();
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  let asked = 0;
  let thread: Worker | undefined;

  const fail = (error: unknown) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
    thread = undefined;
  };
  function ask<T>(message: Ask): Promise<T> {
    if (!thread) {
      thread = startThread();
      // The thread lives as long as the server; it does not hold a stopped server's process open.
      thread.unref();
      thread.on("message", (reply: ThreadAnswer) => {
        const w = waiting.get(reply.id);
        if (!w) return;
        waiting.delete(reply.id);
        if (reply.ok) w.resolve(reply.value);
        else if (reply.code) w.reject(new CreditKitError(reply.code as CreditKitErrorCode, (reply.details ?? {}) as never, reply.message));
        else w.reject(new Error(reply.message));
      });
      thread.on("error", fail);
      thread.on("exit", () => fail(new CreditKitError("storage-unavailable", { reason: "preview-stopped" })));
    }
    const id = ++asked;
    const promise = new Promise<T>((resolve, reject) => waiting.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    thread.postMessage({ ...message, id });
    return promise;
  }
  const forget = (previewId: string) => {
    kept.delete(previewId);
    if (thread) void ask({ type: "forget", previewId }).catch(() => undefined);
  };
  const sweep = () => {
    const now = Date.now();
    for (const [id, p] of kept) if (now - p.usedAt > ttlMs) forget(id);
    while (kept.size > keep) forget(kept.keys().next().value as string);
  };

  return {
    async context(source) {
      const dataSet = await source.getDataSet();
      if (!dataSet) return undefined;
      const worked = await ask<Omit<PreviewContext, "currency" | "lists">>({ type: "context", dataSet });
      return { currency: dataSet.currency, lists: dataSet.lists, ...worked };
    },
    async start(orgId, source, request) {
      const asOf = new Date().toISOString();
      const dataSet = await source.getDataSet();
      if (!dataSet) throw new CreditKitError("not-found", { reason: "no-data-set" });
      const previewId = randomUUID();
      const preview = await ask<MassCreditPreview>({ type: "preview", previewId, dataSet, request });
      const entry: KeptPreview = { previewId, orgId, preview, lists: dataSet.lists, asOf, usedAt: Date.now() };
      kept.set(previewId, entry);
      sweep();
      return entry;
    },
    get(orgId, previewId) {
      sweep();
      const entry = kept.get(previewId);
      // Another organisation's preview is as unknown as one that never was.
      if (!entry || entry.orgId !== orgId) throw new CreditKitError("unknown-id", { previewId, reason: "no-preview" });
      entry.usedAt = Date.now();
      return entry;
    },
    rows(entry, offset, limit) {
      return entry.preview.rows.slice(offset, offset + limit);
    },
    async explain(entry, familyId) {
      const answer = await ask<FamilyExplanation | undefined>({
        type: "explain",
        previewId: entry.previewId,
        request: entry.preview.request,
        familyId,
      });
      if (!answer) throw new CreditKitError("unknown-id", { previewId: entry.previewId, reason: "preview-expired" });
      return answer;
    },
    async close() {
      kept.clear();
      const t = thread;
      fail(new CreditKitError("storage-unavailable", { reason: "server-stopping" }));
      await t?.terminate();
    },
  };
}
