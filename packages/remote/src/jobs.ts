/**
 * Following a server job (a mass-credit run or a batch settlement) until it
 * ends: its progress is read every few hundred milliseconds and handed to
 * `onProgress` (its own round: a round started later by someone else is not
 * mistaken for it); an abort asks the server to stop the job between chunks or
 * invoices and waits for what it did (the run's `interrupted` record, the
 * batch's result with the rest `skipped`). Closing the page stops only the
 * following: the job goes on on the server, and `listJobs` finds it.
 */
import { type AbortSignalLike, CreditKitError, type CreditKitErrorCode, type JobSummary } from "@creditkit/core";
import type { Http } from "./http.js";

/** A server job as `GET /api/jobs/{kind}/{id}` answers it: the port's summary, with its result or error once it ended. */
export interface RemoteJob<R = unknown> extends JobSummary {
  readonly result?: R;
  readonly error?: { readonly code: CreditKitErrorCode; readonly message: string };
  readonly attempts: number;
}

export interface FollowOptions {
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
  readonly signal?: AbortSignalLike;
  /** Between reads. Default 300 ms. */
  readonly intervalMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const jobPath = (kind: "run" | "batch", id: string) => `/api/jobs/${kind}/${encodeURIComponent(id)}`;

/** Follows the job `started` until it is done (its result) or failed (its error, typed). */
export async function followJob<R>(http: Http, started: RemoteJob<R>, options: FollowOptions = {}): Promise<R> {
  const path = jobPath(started.kind, started.id);
  const round = `${path}?round=${started.round}`;
  let job = started;
  let cancelled = false;
  let last = -1;
  for (;;) {
    if (job.status === "failed") {
      // The server's code and wording, relayed; without them, `internal` (reason `job-failed`).
      if (job.error) throw new CreditKitError(job.error.code, { job: job.id }, job.error.message);
      throw new CreditKitError("internal", { job: job.id, reason: "job-failed" });
    }
    if (job.status === "done" && job.result !== undefined) {
      options.onProgress?.({ done: job.total, total: job.total });
      return job.result;
    }
    if (job.done !== last && options.onProgress) {
      last = job.done;
      try {
        options.onProgress({ done: job.done, total: job.total });
      } catch {
        // A listener's mistake is its own.
      }
    }
    if (options.signal?.aborted && !cancelled) {
      cancelled = true;
      await http("POST", `${path}/cancel`);
    }
    if (job.status !== "done") await sleep(options.intervalMs ?? 300);
    job = await http<RemoteJob<R>>("GET", round);
  }
}
