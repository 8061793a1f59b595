/**
 * Jobs kept in this process's memory, for a server built on the host's own
 * data sources (`dataSourceFor`) with no ledger to keep them in. They follow
 * the table's rules (rounds, leases, cancel; `@creditkit/postgres` jobs.ts)
 * but do not survive a restart: such a host keeps its jobs in its own backend.
 */
import { CreditKitError } from "@creditkit/core";
import {
  type ClaimedJob,
  checkJobId,
  type Job,
  type JobKind,
  type JobRequest,
  type JobStore,
  requestHash,
  waitForWake,
} from "@creditkit/postgres";

interface Round {
  job: Job;
  readonly orgId: string;
  readonly request: unknown;
  readonly hash: string;
  readonly seq: number;
  result?: unknown;
  worker?: string;
  leaseUntil?: number;
}

const now = () => new Date().toISOString();

export function createMemoryJobStore(): JobStore {
  const jobs = new Map<string, Round[]>();
  const waiting = new Set<() => void>();
  const cancels = new Set<(orgId: string, kind: JobKind, id: string) => void>();
  let seq = 0;
  const keyOf = (orgId: string, kind: JobKind, id: string) => JSON.stringify([orgId, kind, id]);
  const latest = (orgId: string, kind: JobKind, id: string) => jobs.get(keyOf(orgId, kind, id))?.at(-1);
  const all = () => [...jobs.values()].flat();
  const mine = (job: ClaimedJob) => {
    const round = jobs.get(keyOf(job.orgId, job.kind, job.id))?.[job.round - 1];
    return round && round.worker === job.worker && round.job.status === "running" ? round : undefined;
  };
  const update = (round: Round, patch: Partial<Job>) => {
    round.job = { ...round.job, ...patch, updatedAt: now() };
  };
  const wakeAll = () => {
    for (const wake of [...waiting]) wake();
  };

  function nextRound(orgId: string, request: JobRequest, hash: string): Job {
    const rounds = jobs.get(keyOf(orgId, request.kind, request.id)) ?? [];
    const last = rounds.at(-1);
    const busy = last?.job.status === "queued" || last?.job.status === "running";
    if (last && last.hash !== hash) {
      if (request.kind === "run") {
        throw new CreditKitError("idempotency-conflict", { id: request.id, reason: "run-plan-differs" });
      }
      if (busy) throw new CreditKitError("settlement-in-progress", { id: request.id, reason: "batch-running" });
    }
    if (last && busy) return last.job;
    const at = now();
    const round: Round = {
      orgId,
      request: request.request,
      hash,
      seq: ++seq,
      job: {
        kind: request.kind,
        id: request.id,
        round: rounds.length + 1,
        status: "queued",
        done: 0,
        total: request.total,
        cancelRequested: false,
        attempts: 0,
        ...(request.startedBy !== undefined ? { startedBy: request.startedBy } : {}),
        createdAt: at,
        updatedAt: at,
      },
    };
    rounds.push(round);
    jobs.set(keyOf(orgId, request.kind, request.id), rounds);
    wakeAll();
    return round.job;
  }

  return {
    async enqueue(orgId, request) {
      checkJobId(request.kind, request.id);
      return nextRound(orgId, request, requestHash(request.request));
    },
    async requeue(orgId, kind, id) {
      checkJobId(kind, id);
      const last = latest(orgId, kind, id);
      if (!last) return undefined;
      return nextRound(orgId, { kind, id, request: last.request, total: last.job.total }, last.hash);
    },
    async get(orgId, kind, id, options = {}) {
      checkJobId(kind, id);
      const rounds = jobs.get(keyOf(orgId, kind, id));
      const round = options.round === undefined ? rounds?.at(-1) : rounds?.[options.round - 1];
      if (!round) return undefined;
      return options.withResult && round.result !== undefined ? { ...round.job, result: round.result } : round.job;
    },
    async list(orgId, options = {}) {
      return all()
        .filter((r) => r.orgId === orgId)
        .sort((a, b) => b.seq - a.seq)
        .slice(0, options.limit ?? 50)
        .map((r) => r.job);
    },
    async cancel(orgId, kind, id) {
      checkJobId(kind, id);
      const last = latest(orgId, kind, id);
      if (!last) return undefined;
      if (last.job.status === "queued" || last.job.status === "running") {
        update(last, { cancelRequested: true });
        for (const c of [...cancels]) c(orgId, kind, id);
      }
      return last.job;
    },
    onCancel(listener) {
      cancels.add(listener);
      return () => cancels.delete(listener);
    },
    async claim(worker, leaseMs) {
      const at = Date.now();
      const next = all()
        .filter((r) => r.job.status === "queued" || (r.job.status === "running" && (r.leaseUntil ?? 0) < at))
        .sort((a, b) => a.seq - b.seq)[0];
      if (!next) return undefined;
      const previous = next.job.status === "running" ? next.worker : undefined;
      next.worker = worker;
      next.leaseUntil = at + leaseMs;
      update(next, { status: "running", attempts: next.job.attempts + 1 });
      const { job } = next;
      return {
        orgId: next.orgId,
        kind: job.kind,
        id: job.id,
        round: job.round,
        request: next.request,
        attempts: job.attempts,
        worker,
        ...(previous ? { previousWorker: previous } : {}),
      };
    },
    async renew(job, progress, leaseMs) {
      const round = mine(job);
      if (!round) return { held: false, cancelRequested: false };
      round.leaseUntil = Date.now() + leaseMs;
      update(round, { done: progress.done, total: progress.total });
      return { held: true, cancelRequested: round.job.cancelRequested };
    },
    async release(job) {
      const round = mine(job);
      if (!round) return;
      round.worker = undefined;
      round.leaseUntil = undefined;
      update(round, { status: "queued" });
    },
    async finish(job, outcome) {
      const round = mine(job);
      if (!round) return false;
      round.worker = undefined;
      round.leaseUntil = undefined;
      if ("error" in outcome) update(round, { status: "failed", error: outcome.error });
      else {
        round.result = outcome.result;
        update(round, { status: "done", done: outcome.done, total: outcome.total });
      }
      return true;
    },
    waitForWork: (ms, signal) => waitForWake(waiting, ms, signal),
    async close() {},
  };
}
