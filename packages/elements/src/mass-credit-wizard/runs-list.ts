/**
 * The wizard's "Past runs": the data source's saved runs (newest first) and,
 * with a data source whose runs are server jobs (`dataSource.jobs`), the
 * progress of those still queued or running — started here or elsewhere —
 * followed to their end. Belongs to one wizard element: when the element
 * leaves the page it stops listening (it never aborts a follow, which would
 * ask the server to cancel the job).
 */
import type { CreditKitDataSource, RunRecord, RunSummary } from "@creditkit/core";
import { msg, str } from "../shared/localize.js";
import { messageOf } from "../shared/money-text.js";

/** A server job's progress: rows looked at of all. */
export interface JobProgress {
  readonly done: number;
  readonly total: number;
}

export class RunsList {
  status: "loading" | "ready" | "failed" = "loading";
  /** Why the runs could not be listed, worded when read (a language switch re-words it). */
  get error(): string {
    return this.#failure === undefined ? "" : messageOf(this.#failure.error);
  }
  #failure: { readonly error: unknown } | undefined;
  runs: readonly RunSummary[] = [];
  /** Runs being processed as server jobs, by run id. */
  readonly jobs = new Map<string, JobProgress>();
  /** What the last action or finished job did, announced politely and shown in its run's row. */
  message = "";
  /** The run the message is about. */
  messageRun = "";
  #listening = true;
  #loads = 0;
  #unsubscribe: () => void;
  #reload: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly source: CreditKitDataSource,
    readonly changed: () => void,
  ) {
    // A run not in the list changed the ledger elsewhere (another tab, another admin's job): read the list again, at most once a second.
    this.#unsubscribe = source.subscribe((change) => {
      if (!change.remote || this.#reload !== undefined || this.runs.some((run) => change.key.startsWith(`${run.runId}/`))) return;
      this.#reload = setTimeout(() => {
        this.#reload = undefined;
        void this.load();
      }, 1000);
    });
  }

  /** Stops showing what follows (the element left the page); the jobs go on. */
  stop(): void {
    this.#listening = false;
    this.#unsubscribe();
    clearTimeout(this.#reload);
  }

  /** The saved run of an id. */
  run(runId: string): RunSummary | undefined {
    return this.runs.find((run) => run.runId === runId);
  }

  /** Reads the runs and the jobs running, and follows each job not followed yet. */
  async load(): Promise<void> {
    const load = ++this.#loads;
    const jobsPort = this.source.jobs;
    try {
      const [runs, jobs] = await Promise.all([this.source.listRuns(), jobsPort ? jobsPort.list().catch(() => []) : []]);
      if (!this.#listening || load !== this.#loads) return;
      this.runs = runs;
      this.status = "ready";
      this.#failure = undefined;
      for (const job of jobs) {
        if (job.kind !== "run" || (job.status !== "queued" && job.status !== "running") || this.jobs.has(job.id)) continue;
        this.jobs.set(job.id, { done: job.done, total: job.total });
        if (jobsPort) this.#follow(jobsPort, job.id);
      }
    } catch (error) {
      if (!this.#listening || load !== this.#loads) return;
      this.status = "failed";
      this.#failure = { error };
    }
    this.changed();
  }

  /** Replaces a run's record (after a resume, a reversal or a job's end). */
  recorded(record: RunRecord): void {
    this.runs = this.runs.map((run) => (run.runId === record.runId ? { ...run, status: record.status, record } : run));
    this.changed();
  }

  say(runId: string, message: string): void {
    this.messageRun = runId;
    this.message = message;
    this.changed();
  }

  /** No signal: leaving the page must not cancel the job, only stop following it. */
  #follow(jobsPort: NonNullable<CreditKitDataSource["jobs"]>, runId: string): void {
    jobsPort
      .follow<RunRecord>("run", runId, {
        onProgress: (progress) => {
          if (!this.#listening) return;
          this.jobs.set(runId, { done: progress.done, total: progress.total });
          this.changed();
        },
      })
      .then(
        (record) => {
          if (!this.#listening) return;
          this.jobs.delete(runId);
          this.messageRun = runId;
          const description = this.run(runId)?.description ?? runId;
          this.message = msg(str`“${description}” finished on the server.`);
          this.recorded(record);
        },
        (error) => {
          if (!this.#listening) return;
          this.jobs.delete(runId);
          this.messageRun = runId;
          const description = this.run(runId)?.description ?? runId;
          this.message = msg(str`“${description}” stopped on the server: ${messageOf(error)}`);
          void this.load();
        },
      );
  }
}
