/**
 * Admins' long operations: mass-credit runs (process, resume, list, read)
 * and batch settlement through the server's own gateway. For now each runs
 * within its request (idempotent by run id and batch id: a retry posts or
 * charges only what is missing); issue #15's jobs move them off the request.
 */
import type { MassCreditDataSet, RunPlan, SettleBatchRequest } from "@creditkit/core";
import { createRoute, z } from "@hono/zod-openapi";
import { requireAdmin } from "../authorize.js";
import { idempotencyKey, plain, SECURED, type ServerApp } from "../env.js";
import { refuse } from "../errors.js";
import { errors, Id, jsonBody, ok } from "../schemas/common.js";
import {
  BatchResult,
  DataSet,
  DataSetAnswer,
  RunPlan as RunPlanSchema,
  RunRecord,
  RunSummary,
  SettleBatch,
} from "../schemas/operations.js";

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
  summary: "Save and process a mass-credit run, each row once (admins)",
  security: SECURED,
  request: { body: jsonBody(RunPlanSchema) },
  responses: { ...ok(RunRecord, "The run's record."), ...errors(403, 404, 409, 503) },
});

const resumeRun = createRoute({
  method: "post",
  path: "/api/runs/{runId}/resume",
  tags: ["mass credits"],
  summary: "Process a saved run again, posting only what is missing (admins)",
  security: SECURED,
  request: { params: runId },
  responses: { ...ok(RunRecord, "The run's record."), ...errors(403, 404, 409, 503) },
});

const settleBatch = createRoute({
  method: "post",
  path: "/api/batches",
  tags: ["settlement"],
  summary: "Settle a batch of invoices through the server's gateway (admins)",
  security: SECURED,
  request: { body: jsonBody(SettleBatch) },
  responses: { ...ok(BatchResult, "Each invoice's outcome and the summary."), ...errors(403, 404, 409, 503) },
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

export function runRoutes(app: ServerApp): void {
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
    return c.json(plain(await c.get("source").processRun(plan)), 200);
  });
  app.openapi(resumeRun, async (c) => {
    requireAdmin(c.get("session"));
    return c.json(plain(await c.get("source").resumeRun(c.req.valid("param").runId)), 200);
  });
  app.openapi(settleBatch, async (c) => {
    requireAdmin(c.get("session"));
    const request = c.req.valid("json") as SettleBatchRequest;
    idempotencyKey(c, request.batchId);
    return c.json(plain(await c.get("source").settleBatch(request)), 200);
  });
  app.openapi(getDataSet, async (c) => {
    requireAdmin(c.get("session"));
    return c.json({ dataSet: plain((await c.get("source").getDataSet()) ?? null) }, 200);
  });
  app.openapi(putDataSet, async (c) => {
    requireAdmin(c.get("session"));
    const source = c.get("source");
    if (!source.putDataSet) refuse("not-found", {}, "This ledger cannot store a data set.");
    await source.putDataSet(c.req.valid("json") as unknown as MassCreditDataSet);
    return c.body(null, 204);
  });
}
