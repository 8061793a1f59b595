/**
 * Server jobs in the database (migration 004, docs/decisions/0022): a
 * mass-credit run or a batch settlement, queued by a request and done by
 * whichever worker takes it. A worker holds a job by a lease it renews with
 * each progress report; a worker that dies stops renewing, and once the
 * lease has run out the next claim takes the job again (`previousWorker`
 * says whose it was). The job's own work is idempotent by its keys, so a
 * job taken again finishes only what is missing.
 *
 * What a person asks (queue, read, list, cancel) runs in the organisation's
 * transaction under row-level security; what a worker does (claim, renew,
 * finish) names the organisation in every statement and, for the claim, reads
 * across organisations as the owner role.
 */
import { createHash } from "node:crypto";
import { assertInput, CreditKitError, type CreditKitErrorCode } from "@creditkit/core";
import type { Db, Queryable, Row } from "./db.js";
import { json } from "./ledger-rows.js";
import { inOrg, lockNames } from "./org-tx.js";

export type JobKind = "run" | "batch";
export type JobStatus = "queued" | "running" | "done" | "failed";

/** A job as an admin reads it. */
export interface Job {
  readonly kind: JobKind;
  /** The run's or the batch's id. */
  readonly id: string;
  /** 1, then one more each time it is asked again after it finished. */
  readonly round: number;
  readonly status: JobStatus;
  /** Rows or invoices looked at so far, of `total`. */
  readonly done: number;
  readonly total: number;
  /** The run's record or the batch's result, once `done` (absent from lists). */
  readonly result?: unknown;
  /** Why it failed, once `failed`. */
  readonly error?: { readonly code: CreditKitErrorCode; readonly message: string };
  /** Someone asked it to stop: no new chunk or invoice starts. */
  readonly cancelRequested: boolean;
  /** How many times a worker took it (more than 1: a worker died or it was asked again). */
  readonly attempts: number;
  /** Who asked for it (the session's subject, when the sign-in names one). */
  readonly startedBy?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a worker took. */
export interface ClaimedJob {
  readonly orgId: string;
  readonly kind: JobKind;
  readonly id: string;
  readonly round: number;
  readonly request: unknown;
  readonly attempts: number;
  readonly worker: string;
  /** The worker that held it before and whose lease ran out (undefined for a fresh or re-asked job). */
  readonly previousWorker?: string;
}

export interface JobRequest {
  readonly kind: JobKind;
  readonly id: string;
  readonly request: unknown;
  readonly total: number;
  readonly startedBy?: string;
}

/** Where jobs are kept: this table, or the server's memory when it has no ledger. */
export interface JobStore {
  /**
   * Queues a round of the job. While a round is queued or running, the same
   * request joins it; once it has finished, the next round starts (it does
   * only what is missing). Refused with `idempotency-conflict`: a run's id
   * with another plan; with `settlement-in-progress`: a batch asked with
   * other invoices while a round of it is running.
   */
  enqueue(orgId: string, job: JobRequest): Promise<Job>;
  /** Starts the next round of a finished job as it was last asked (or answers the round in progress); undefined when there is none. */
  requeue(orgId: string, kind: JobKind, id: string): Promise<Job | undefined>;
  /** A round of the job (default its latest). */
  get(
    orgId: string,
    kind: JobKind,
    id: string,
    options?: { readonly withResult?: boolean; readonly round?: number },
  ): Promise<Job | undefined>;
  /** The newest first, without their results. */
  list(orgId: string, options?: { readonly limit?: number }): Promise<readonly Job[]>;
  /** Asks the job's queued or running round to stop; answers its latest round (undefined when there is none). */
  cancel(orgId: string, kind: JobKind, id: string): Promise<Job | undefined>;
  /** Takes the oldest job waiting (or whose lease ran out) for `worker`, or undefined. */
  claim(worker: string, leaseMs: number): Promise<ClaimedJob | undefined>;
  /** Records progress and extends the lease; `held: false` when the job is no longer this worker's. */
  renew(job: ClaimedJob, progress: { readonly done: number; readonly total: number }, leaseMs: number): Promise<RenewAnswer>;
  /** Hands a job this worker took back to the queue unfinished (the server is stopping). */
  release(job: ClaimedJob): Promise<void>;
  /** Ends the job with its result or error; false when it was no longer this worker's. */
  finish(job: ClaimedJob, outcome: JobOutcome): Promise<boolean>;
  /** Resolves when a job may be waiting (queued here or, on a server, by another process), or after `ms`. */
  waitForWork(ms: number, signal: AbortSignal): Promise<void>;
  /** Calls `listener` with each job whose cancel was asked (here or, on a server, by another process), so its worker stops at once. */
  onCancel(listener: (orgId: string, kind: JobKind, id: string) => void): () => void;
  /** Stops listening for other processes' jobs. */
  close(): Promise<void>;
}

export interface RenewAnswer {
  readonly held: boolean;
  readonly cancelRequested: boolean;
}

export type JobOutcome =
  | { readonly result: unknown; readonly done: number; readonly total: number }
  | { readonly error: { readonly code: CreditKitErrorCode; readonly message: string } };

/**
 * Resolves after `ms`, when `signal` aborts, or when one of `waiting` is
 * called (a job was queued). The timer does not keep the process alive: an
 * idle worker never does (a server's socket does).
 */
export function waitForWake(waiting: Set<() => void>, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      waiting.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref?.();
    signal.addEventListener("abort", done);
    waiting.add(done);
  });
}

/** The digest a request is compared by. */
export const requestHash = (request: unknown) => createHash("sha256").update(JSON.stringify(request)).digest("hex");

/** Ids are the run's or batch's own, checked as the core checks them (non-empty, short, no control characters). */
export function checkJobId(kind: unknown, id: unknown): asserts id is string {
  assertInput(kind === "run" || kind === "batch", "kind");
  assertInput(typeof id === "string" && id !== "" && id.length <= 200 && [...id].every((c) => c >= " "), "id");
}

const CHANNEL = "creditkit_jobs";
const COLUMNS = `kind, job_id, round, status, done, total, error, cancel_requested, attempts, started_by,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at`;

function jobOf(row: Row, withResult: boolean): Job {
  const error = row.error == null ? undefined : json<Job["error"]>(row.error);
  return {
    kind: row.kind as JobKind,
    id: row.job_id as string,
    round: Number(row.round),
    status: row.status as JobStatus,
    done: Number(row.done),
    total: Number(row.total),
    ...(withResult && row.result != null ? { result: json<unknown>(row.result) } : {}),
    ...(error ? { error } : {}),
    cancelRequested: row.cancel_requested === true,
    attempts: Number(row.attempts),
    ...(typeof row.started_by === "string" ? { startedBy: row.started_by } : {}),
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  };
}

const jobLock = (kind: JobKind, id: string) => `job/${kind}/${id}`;

/** Joins the round in progress or starts the next one (see `JobStore.enqueue`), under the job's lock. */
async function nextRound(tx: Queryable, orgId: string, job: JobRequest, hash: string): Promise<Row> {
  await lockNames(tx, orgId, [jobLock(job.kind, job.id)]);
  const [last] = await tx.query(
    `SELECT ${COLUMNS}, request_hash FROM jobs WHERE org_id = $1 AND kind = $2 AND job_id = $3 ORDER BY round DESC LIMIT 1`,
    [orgId, job.kind, job.id],
  );
  const busy = last?.status === "queued" || last?.status === "running";
  if (last && last.request_hash !== hash) {
    if (job.kind === "run") {
      throw new CreditKitError("idempotency-conflict", { id: job.id, reason: "run-plan-differs" });
    }
    if (busy) throw new CreditKitError("settlement-in-progress", { id: job.id, reason: "batch-running" });
  }
  if (last && busy) return last;
  const [made] = await tx.query(
    `INSERT INTO jobs (org_id, kind, job_id, round, request, request_hash, total, started_by)
     VALUES ($1, $2, $3, $4::int, $5::jsonb, $6, $7::int, $8) RETURNING ${COLUMNS}`,
    [
      orgId,
      job.kind,
      job.id,
      String(last ? Number(last.round) + 1 : 1),
      JSON.stringify(job.request),
      hash,
      String(job.total),
      job.startedBy ?? null,
    ],
  );
  return made as Row;
}

const lease = (ms: number) => `${Math.max(1, Math.round(ms))} milliseconds`;

/** The jobs of every organisation on `db` (migrated to 004). */
export function createPostgresJobStore(db: Db): JobStore {
  const scope = (orgId: string) => ({ db, orgId });
  const waiting = new Set<() => void>();
  const cancels = new Set<(orgId: string, kind: JobKind, id: string) => void>();
  const hear = (payload: string) => {
    if (payload === "") {
      for (const w of [...waiting]) w();
      return;
    }
    try {
      const [orgId, kind, id] = JSON.parse(payload) as [string, JobKind, string];
      for (const c of [...cancels]) c(orgId, kind, id);
    } catch {
      // Not ours.
    }
  };
  const listen = () => {
    listening ??= db.listen(CHANNEL, hear).catch(() => undefined);
    return listening;
  };
  let listening: Promise<(() => Promise<void>) | undefined> | undefined;

  return {
    async enqueue(orgId, job) {
      checkJobId(job.kind, job.id);
      assertInput(Number.isSafeInteger(job.total) && job.total >= 0, "total");
      const answer = await inOrg(scope(orgId), (tx) => nextRound(tx, orgId, job, requestHash(job.request)));
      if (answer.status === "queued") await db.query("SELECT pg_notify($1, '')", [CHANNEL]).catch(() => undefined);
      return jobOf(answer, false);
    },

    async requeue(orgId, kind, id) {
      checkJobId(kind, id);
      const answer = await inOrg(scope(orgId), async (tx) => {
        await lockNames(tx, orgId, [jobLock(kind, id)]);
        const [last] = await tx.query(
          `SELECT request::text AS request, request_hash, total FROM jobs WHERE org_id = $1 AND kind = $2 AND job_id = $3 ORDER BY round DESC LIMIT 1`,
          [orgId, kind, id],
        );
        if (!last) return undefined;
        const request = JSON.parse(last.request as string) as unknown;
        // The stored digest: jsonb keeps its own key order, so the request read back may not hash as it was asked.
        return nextRound(tx, orgId, { kind, id, request, total: Number(last.total) }, last.request_hash as string);
      });
      if (answer?.status === "queued") await db.query("SELECT pg_notify($1, '')", [CHANNEL]).catch(() => undefined);
      return answer && jobOf(answer, false);
    },

    async get(orgId, kind, id, options = {}) {
      checkJobId(kind, id);
      assertInput(options.round === undefined || (Number.isSafeInteger(options.round) && options.round >= 1), "round");
      const [row] = await inOrg(
        scope(orgId),
        (tx) =>
          tx.query(
            `SELECT ${COLUMNS}${options.withResult ? ", result" : ""} FROM jobs
             WHERE org_id = $1 AND kind = $2 AND job_id = $3 AND ($4::int IS NULL OR round = $4::int) ORDER BY round DESC LIMIT 1`,
            [orgId, kind, id, options.round === undefined ? null : String(options.round)],
          ),
        { readOnly: true },
      );
      return row && jobOf(row, options.withResult === true);
    },

    async list(orgId, options = {}) {
      const limit = options.limit ?? 50;
      assertInput(Number.isSafeInteger(limit) && limit > 0 && limit <= 500, "limit");
      const rows = await inOrg(
        scope(orgId),
        (tx) =>
          tx.query(`SELECT ${COLUMNS} FROM jobs WHERE org_id = $1 ORDER BY created_at DESC, job_id DESC LIMIT $2::int`, [
            orgId,
            String(limit),
          ]),
        { readOnly: true },
      );
      return rows.map((row) => jobOf(row, false));
    },

    async cancel(orgId, kind, id) {
      checkJobId(kind, id);
      const [row] = await inOrg(scope(orgId), (tx) =>
        tx.query(
          `UPDATE jobs SET cancel_requested = cancel_requested OR status IN ('queued', 'running'), updated_at = now()
           WHERE org_id = $1 AND kind = $2 AND job_id = $3
             AND round = (SELECT max(round) FROM jobs WHERE org_id = $1 AND kind = $2 AND job_id = $3) RETURNING ${COLUMNS}`,
          [orgId, kind, id],
        ),
      );
      if (row?.cancel_requested === true && (row.status === "queued" || row.status === "running")) {
        await db.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify([orgId, kind, id])]).catch(() => undefined);
      }
      return row && jobOf(row, false);
    },

    onCancel(listener) {
      cancels.add(listener);
      void listen();
      return () => cancels.delete(listener);
    },

    async claim(worker, leaseMs) {
      const [row] = await db.query(
        `WITH next AS (
           SELECT org_id, kind, job_id, round, worker, status FROM jobs
           WHERE status = 'queued' OR (status = 'running' AND lease_until < now())
           ORDER BY created_at, job_id LIMIT 1 FOR UPDATE SKIP LOCKED)
         UPDATE jobs j SET status = 'running', worker = $1, lease_until = now() + $2::interval,
           attempts = j.attempts + 1, updated_at = now()
         FROM next WHERE j.org_id = next.org_id AND j.kind = next.kind AND j.job_id = next.job_id AND j.round = next.round
         RETURNING j.org_id, j.kind, j.job_id, j.round, j.request::text AS request, j.attempts,
           CASE WHEN next.status = 'running' THEN next.worker END AS previous`,
        [worker, lease(leaseMs)],
      );
      if (!row) return undefined;
      return {
        orgId: row.org_id as string,
        kind: row.kind as JobKind,
        id: row.job_id as string,
        round: Number(row.round),
        request: JSON.parse(row.request as string) as unknown,
        attempts: Number(row.attempts),
        worker,
        ...(typeof row.previous === "string" ? { previousWorker: row.previous } : {}),
      };
    },

    async renew(job, progress, leaseMs) {
      const [row] = await db.query(
        `UPDATE jobs SET lease_until = now() + $5::interval, done = $6::int, total = $7::int, updated_at = now()
         WHERE org_id = $1 AND kind = $2 AND job_id = $3 AND round = $8::int AND worker = $4 AND status = 'running' RETURNING cancel_requested`,
        [job.orgId, job.kind, job.id, job.worker, lease(leaseMs), String(progress.done), String(progress.total), String(job.round)],
      );
      return { held: row !== undefined, cancelRequested: row?.cancel_requested === true };
    },

    async release(job) {
      await db.query(
        `UPDATE jobs SET status = 'queued', worker = NULL, lease_until = NULL, updated_at = now()
         WHERE org_id = $1 AND kind = $2 AND job_id = $3 AND round = $5::int AND worker = $4 AND status = 'running'`,
        [job.orgId, job.kind, job.id, job.worker, String(job.round)],
      );
    },

    async finish(job, outcome) {
      const failed = "error" in outcome;
      const rows = await db.query(
        `UPDATE jobs SET status = $5, result = $6::jsonb, error = $7::jsonb, worker = NULL, lease_until = NULL,
           done = coalesce($8::int, done), total = coalesce($9::int, total), updated_at = now()
         WHERE org_id = $1 AND kind = $2 AND job_id = $3 AND round = $10::int AND worker = $4 AND status = 'running' RETURNING job_id`,
        [
          job.orgId,
          job.kind,
          job.id,
          job.worker,
          failed ? "failed" : "done",
          failed ? null : JSON.stringify(outcome.result),
          failed ? JSON.stringify(outcome.error) : null,
          failed ? null : String(outcome.done),
          failed ? null : String(outcome.total),
          String(job.round),
        ],
      );
      return rows.length === 1;
    },

    async waitForWork(ms, signal) {
      // Without LISTEN (a lost connection) the time-out still brings the worker back.
      await listen();
      await waitForWake(waiting, ms, signal);
    },

    async close() {
      const stop = await listening;
      listening = undefined;
      await stop?.().catch(() => undefined);
    },
  };
}

/**
 * Ends the leases on the reservations of batch `batchId` that a dead worker's
 * settlement held, so the job taken again claims them at once instead of
 * waiting out the reservation lease (minutes). Called only by the worker that
 * took the batch's job after the previous worker's job lease ran out: nobody
 * else settles that batch id on this server (one job per id), and a
 * settlement that was only slow, not dead, can still charge nothing twice —
 * the gateway answers the same key with the same charge, and its commit under
 * a key it no longer owns is refused (migration 003).
 */
export async function expireBatchLeases(db: Db, orgId: string, batchId: string): Promise<number> {
  const rows = await inOrg({ db, orgId }, (tx) =>
    tx.query(
      `UPDATE reservations SET owner_until = now() - interval '1 millisecond'
       WHERE org_id = $1 AND left(key, length($2) + 1) = $2 || '/' AND owner IS NOT NULL AND owner_until > now() RETURNING key`,
      [orgId, batchId],
    ),
  );
  return rows.length;
}
