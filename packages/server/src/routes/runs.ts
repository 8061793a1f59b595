/**
 * Admins' long operations: mass-credit runs (process, resume, list, read)
 * and batch settlement through the server's own gateway. Processing and
 * settling are server jobs (`../jobs/worker.ts`): the request queues the job
 * and answers 202 with it; the job goes on when the page closes and after a
 * restart, and `GET /api/jobs/{kind}/{id}` follows it. One job per run id and
 * per batch id: asking again with the same body answers the same job (run
 * again once finished, doing only what is missing); another body is refused.
 */
import { checkRunPlan, type MassCreditDataSet, type RunPlan, type SettleBatchRequest } from "@creditkit/core";
import type { JobStore } from "@creditkit/postgres";
import { createRoute, z } from "@hono/zod-openapi";
import { requireAdmin } from "../authorize.js";
import { idempotencyKey, plain, SECURED, type ServerApp } from "../env.js";
import { refuse } from "../errors.js";
import type { BatchJobRequest, RunJobRequest } from "../jobs/worker.js";
import { errors, Id, IsoDate, jsonBody, ok } from "../schemas/common.js";
import { Job, jobBody } from "../schemas/jobs.js";
import { DataSet, DataSetAnswer, RunPlan as RunPlanSchema, RunSummary, SettleBatch } from "../schemas/operations.js";

const queued = (description: string) => ({ 202: { description, content: { "application/json": { schema: Job } } } });

const runId = z.object({ runId: Id });

const listRuns = createRoute({
  method: "get",
  path: "/api/runs",
  tags: ["mass credits"],
  summary: "Every saved mass-credit run, newest first (admins)",
  security: SECURED,
  responses: { ...ok(z.array(RunSummary), "The runs."), ...errors(403) },
});

const getRun = createRoute({
  method: "get",
  path: "/api/runs/{runId}",
  tags: ["mass credits"],
  summary: "One saved run (admins)",
  security: SECURED,
  request: { params: runId },
  responses: { ...ok(RunSummary, "The run."), ...errors(403, 404) },
});

const processRun = createRoute({
  method: "post",
  path: "/api/runs",
  tags: ["mass credits"],
  summary: "Queue a mass-credit run as a server job that posts each row once (admins)",
  security: SECURED,
  request: { body: jsonBody(RunPlanSchema) },
  responses: { ...queued("The run's job; its result is the run's record."), ...errors(403, 404, 409, 503) },
});

const resumeRun = createRoute({
  method: "post",
  path: "/api/runs/{runId}/resume",
  tags: ["mass credits"],
  summary: "Queue a saved run again as a server job, posting only what is missing (admins)",
  security: SECURED,
  request: { params: runId },
  responses: { ...queued("The run's job; its result is the run's record."), ...errors(403, 404, 409, 503) },
});

const settleBatch = createRoute({
  method: "post",
  path: "/api/batches",
  tags: ["settlement"],
  summary: "Queue a batch of invoices as a server job that settles them through the server's gateway, each charged once (admins)",
  security: SECURED,
  request: { body: jsonBody(SettleBatch) },
  responses: { ...queued("The batch's job; its result is each invoice's outcome and the summary."), ...errors(403, 404, 409, 503) },
});

const reverseRun = createRoute({
  method: "post",
  path: "/api/runs/{runId}/reversal",
  tags: ["mass credits"],
  summary: "Void what a processed run issued and is still unused, once (admins)",
  security: SECURED,
  request: { params: runId, body: jsonBody(z.object({ date: IsoDate }).strict()) },
  responses: {
    ...ok(
      z
        .looseObject({ runId: Id, key: z.string(), credits: z.array(z.looseObject({})), failed: z.number().int() })
        .openapi("RunReversal", { description: "Per credit: voided, already used or held; the totals." }),
      "The reversal (running it again voids nothing more).",
    ),
    ...errors(403, 404, 409, 503),
  },
});

const getDataSet = createRoute({
  method: "get",
  path: "/api/data-set",
  tags: ["mass credits"],
  summary: "The mass-credit data set previews read (admins)",
  security: SECURED,
  responses: { ...ok(DataSetAnswer, "The data set, or null when none is stored."), ...errors(403) },
});

const putDataSet = createRoute({
  method: "put",
  path: "/api/data-set",
  tags: ["mass credits"],
  summary: "Replace the mass-credit data set (admins)",
  security: SECURED,
  request: { body: jsonBody(DataSet) },
  responses: { 204: { description: "Stored." }, ...errors(403, 503) },
});

/** Queues a run's job; a bad plan is refused now, before anything is queued. */
export async function queueRun(jobs: JobStore, orgId: string, currency: string, plan: RunPlan) {
  await checkRunPlan(plan, { currency });
  const request: RunJobRequest = { plan };
  return jobs.enqueue(orgId, { kind: "run", id: plan.runId, request, total: plan.posts.length });
}

export function runRoutes(app: ServerApp, jobs: JobStore): void {
  app.openapi(listRuns, async (c) => {
    requireAdmin(c.get("session"));
    return c.json(plain(await c.get("source").listRuns()), 200);
  });
  app.openapi(getRun, async (c) => {
    requireAdmin(c.get("session"));
    const { runId } = c.req.valid("param");
    const source = c.get("source");
    const run = source.getRun ? await source.getRun(runId) : (await source.listRuns()).find((r) => r.runId === runId);
    return c.json(plain(run ?? refuse("unknown-id", { runId })), 200);
  });
  app.openapi(processRun, async (c) => {
    requireAdmin(c.get("session"));
    const plan = c.req.valid("json") as RunPlan;
    idempotencyKey(c, plan.runId);
    return c.json(jobBody(await queueRun(jobs, c.get("session").orgId, c.get("source").currency, plan)), 202);
  });
  app.openapi(resumeRun, async (c) => {
    requireAdmin(c.get("session"));
    const { orgId } = c.get("session");
    const { runId } = c.req.valid("param");
    const again = await jobs.requeue(orgId, "run", runId);
    if (again) return c.json(jobBody(again), 202);
    // A run saved without a job (processed in a page before): the job processes the saved plan.
    const source = c.get("source");
    const run = source.getRun ? await source.getRun(runId) : (await source.listRuns()).find((r) => r.runId === runId);
    if (!run) refuse("unknown-id", { runId, reason: "no-saved-run" });
    const request: RunJobRequest = { resume: true };
    return c.json(jobBody(await jobs.enqueue(orgId, { kind: "run", id: runId, request, total: run.selected })), 202);
  });
  app.openapi(settleBatch, async (c) => {
    requireAdmin(c.get("session"));
    const { orgId } = c.get("session");
    const request = c.req.valid("json") as SettleBatchRequest;
    idempotencyKey(c, request.batchId);
    const job: BatchJobRequest = request;
    return c.json(
      jobBody(await jobs.enqueue(orgId, { kind: "batch", id: request.batchId, request: job, total: request.invoices.length })),
      202,
    );
  });
  app.openapi(reverseRun, async (c) => {
    requireAdmin(c.get("session"));
    const source = c.get("source");
    if (!source.reverseRun) refuse("not-found", { reason: "no-run-reversal" });
    const reversal = await source.reverseRun(c.req.valid("param").runId, c.req.valid("json"));
    return c.json(plain(reversal) as never, 200);
  });
  app.openapi(getDataSet, async (c) => {
    requireAdmin(c.get("session"));
    return c.json({ dataSet: plain((await c.get("source").getDataSet()) ?? null) }, 200);
  });
  app.openapi(putDataSet, async (c) => {
    requireAdmin(c.get("session"));
    const source = c.get("source");
    if (!source.putDataSet) refuse("not-found", { reason: "no-data-set-store" });
    await source.putDataSet(c.req.valid("json") as unknown as MassCreditDataSet);
    return c.body(null, 204);
  });
}
