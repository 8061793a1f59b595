/**
 * The job worker: takes queued mass-credit runs and batch settlements from
 * the job store and does them through the organisation's data source, so
 * they outlive the request, the page and this process (docs/decisions/0022).
 *
 * While it works it renews the job's lease with the progress (at most every
 * `progressMs`, and at least every third of the lease); a cancel asked by an
 * admin (heard at once through the store, else at the next renewal) aborts
 * the work between chunks or invoices. When the server stops,
 * the work in hand is aborted and the job is handed back to the queue
 * unfinished; a process killed outright stops renewing, and once the lease
 * has run out the next worker (here after a restart, or another process)
 * takes it again. Runs post each row once and batches charge each invoice
 * once by their keys, so a job taken again does only what is missing.
 */
import {
  type BatchProgress,
  type BatchResult,
  CreditKitError,
  isCreditKitError,
  type RunPlan,
  type RunProgress,
  type RunRecord,
  type SettleBatchRequest,
} from "@creditkit/core";
import type { ClaimedJob, JobStore } from "@creditkit/postgres";
import type { DataSourceFor } from "../data-sources.js";

export interface JobWorkerOptions {
  readonly store: JobStore;
  readonly sources: DataSourceFor;
  /** Called when a batch job is taken from a worker whose lease ran out (ends that worker's reservation leases). */
  readonly onTakeover?: (job: ClaimedJob) => Promise<unknown>;
  /** How long a job stays this worker's without a renewal. Default 15 s. */
  readonly leaseMs?: number;
  /** How often progress is written while a job moves. Default 250 ms. */
  readonly progressMs?: number;
  /** How long an idle worker waits before looking again (a new job wakes it sooner). Default 1 s. */
  readonly pollMs?: number;
  /** Jobs done at once by this process. Default 2. */
  readonly concurrency?: number;
  readonly onUnexpected?: (error: unknown) => void;
}

export interface JobWorker {
  /** This worker's name in the jobs' `worker` column. */
  readonly name: string;
  /** Stops taking jobs; aborts the ones in hand and hands them back to the queue. */
  stop(): Promise<void>;
}

/** A run job asks for a plan to process, or for a saved run to be processed again. */
export type RunJobRequest = { readonly plan: RunPlan } | { readonly resume: true };
/** A batch job carries the batch as asked (without its callbacks). */
export type BatchJobRequest = Omit<SettleBatchRequest, "onProgress" | "signal">;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

let workers = 0;

export function startJobWorker(options: JobWorkerOptions): JobWorker {
  const { store, sources } = options;
  const leaseMs = options.leaseMs ?? 15_000;
  const progressMs = options.progressMs ?? 250;
  const pollMs = options.pollMs ?? 1000;
  const onUnexpected = options.onUnexpected ?? ((error: unknown) => console.error("creditkit jobs:", error));
  const name = `${process.pid}.${++workers}.${Math.random().toString(36).slice(2, 8)}`;
  const stopping = new AbortController();
  /** The jobs in hand, by organisation, kind and id: a cancel heard for one aborts it at once. */
  const inHand = new Map<string, AbortController>();
  const handKey = (orgId: string, kind: string, id: string) => JSON.stringify([orgId, kind, id]);
  const stopListening = store.onCancel((orgId, kind, id) => inHand.get(handKey(orgId, kind, id))?.abort());

  async function work(job: ClaimedJob): Promise<void> {
    const abort = new AbortController();
    inHand.set(handKey(job.orgId, job.kind, job.id), abort);
    const stop = () => abort.abort();
    stopping.signal.addEventListener("abort", stop);
    let progress = { done: 0, total: 0 };
    let written = 0;
    let lost = false;
    let renewing: Promise<void> | undefined;
    const renew = () => {
      renewing ??= store
        .renew(job, progress, leaseMs)
        .then((answer) => {
          written = performance.now();
          if (!answer.held) lost = true;
          if (!answer.held || answer.cancelRequested) abort.abort();
        })
        .catch(onUnexpected)
        .finally(() => {
          renewing = undefined;
        });
    };
    const heartbeat = setInterval(renew, Math.max(50, leaseMs / 3));
    heartbeat.unref?.();
    const onProgress = (p: { readonly done: number; readonly total: number }) => {
      progress = { done: p.done, total: p.total };
      if (performance.now() - written >= progressMs) renew();
    };
    try {
      renew();
      const source = await sources(job.orgId);
      let result: RunRecord | BatchResult;
      if (job.kind === "run") {
        const request = job.request as RunJobRequest;
        const runOptions = { signal: abort.signal, onProgress: (p: RunProgress) => onProgress(p) };
        result = "plan" in request ? await source.processRun(request.plan, runOptions) : await source.resumeRun(job.id, runOptions);
      } else {
        if (job.previousWorker !== undefined) await options.onTakeover?.(job);
        const request = job.request as BatchJobRequest;
        progress = { done: 0, total: request.invoices.length };
        result = await source.settleBatch({ ...request, signal: abort.signal, onProgress: (p: BatchProgress) => onProgress(p) });
      }
      clearInterval(heartbeat);
      await renewing;
      if (lost) return;
      const cutShort = "aborted" in result ? result.aborted : result.status === "interrupted";
      if (cutShort && stopping.signal.aborted) {
        // Stopped by the server, not by an admin: the rest is done after the restart.
        await store.release(job);
        return;
      }
      await store.finish(job, { result, done: progress.total, total: progress.total });
    } catch (error) {
      clearInterval(heartbeat);
      await renewing;
      if (lost) return;
      if (stopping.signal.aborted || (isCreditKitError(error) && error.code === "storage-unavailable")) {
        // The database went away or the server is stopping: the job stays to be taken again.
        await store.release(job).catch(onUnexpected);
        if (!stopping.signal.aborted) onUnexpected(error);
        return;
      }
      const known = isCreditKitError(error) ? error : new CreditKitError("storage-unavailable", { reason: "job-failed" });
      if (!isCreditKitError(error)) onUnexpected(error);
      await store.finish(job, { error: { code: known.code, message: known.message } }).catch(onUnexpected);
    } finally {
      clearInterval(heartbeat);
      inHand.delete(handKey(job.orgId, job.kind, job.id));
      stopping.signal.removeEventListener("abort", stop);
    }
  }

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      let job: ClaimedJob | undefined;
      try {
        job = await store.claim(name, leaseMs);
      } catch (error) {
        onUnexpected(error);
        await sleep(pollMs, stopping.signal);
        continue;
      }
      if (job) await work(job);
      else await store.waitForWork(pollMs, stopping.signal).catch(() => sleep(pollMs, stopping.signal));
    }
  }

  const loops = Array.from({ length: Math.max(1, options.concurrency ?? 2) }, () => loop());
  return {
    name,
    async stop() {
      stopping.abort();
      stopListening();
      await Promise.allSettled(loops);
    },
  };
}
