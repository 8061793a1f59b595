/**
 * Following the server's jobs (admins): every job of the organisation
 * (newest first), one job with its record or result once done, and a cancel
 * that stops it between chunks or invoices (what was posted or charged stays;
 * a run is left `interrupted`, to resume; a batch's rest `skipped`).
 */
import type { JobStore, JobKind as Kind } from "@creditkit/postgres";
import { createRoute, z } from "@hono/zod-openapi";
import { requireAdmin } from "../authorize.js";
import { SECURED, type ServerApp } from "../env.js";
import { refuse } from "../errors.js";
import { errors, Id, ok } from "../schemas/common.js";
import { Job, JobKind, jobBody } from "../schemas/jobs.js";

const which = z.object({ kind: JobKind, id: Id });

const listJobs = createRoute({
  method: "get",
  path: "/api/jobs",
  tags: ["jobs"],
  summary: "The organisation's runs and batches done as server jobs, newest first, without their results (admins)",
  security: SECURED,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }) },
  responses: { ...ok(z.array(Job), "The jobs."), ...errors(403) },
});

const getJob = createRoute({
  method: "get",
  path: "/api/jobs/{kind}/{id}",
  tags: ["jobs"],
  summary: "One round of a job (default its latest): its progress, and its record or result once done (admins)",
  security: SECURED,
  request: { params: which, query: z.object({ round: z.coerce.number().int().min(1).optional() }) },
  responses: { ...ok(Job, "The job."), ...errors(403, 404) },
});

const cancelJob = createRoute({
  method: "post",
  path: "/api/jobs/{kind}/{id}/cancel",
  tags: ["jobs"],
  summary: "Ask a queued or running job to stop between chunks or invoices (admins)",
  security: SECURED,
  request: { params: which },
  responses: { ...ok(Job, "The job, with cancelRequested."), ...errors(403, 404) },
});

const missing = (kind: Kind, id: string) => refuse("unknown-id", { kind, id, reason: "no-job" });

export function jobRoutes(app: ServerApp, jobs: JobStore): void {
  app.openapi(listJobs, async (c) => {
    requireAdmin(c.get("session"));
    const { limit } = c.req.valid("query");
    return c.json((await jobs.list(c.get("session").orgId, limit === undefined ? {} : { limit })).map(jobBody), 200);
  });
  app.openapi(getJob, async (c) => {
    requireAdmin(c.get("session"));
    const { kind, id } = c.req.valid("param");
    const { round } = c.req.valid("query");
    const job = await jobs.get(c.get("session").orgId, kind, id, { withResult: true, ...(round === undefined ? {} : { round }) });
    return c.json(jobBody(job ?? missing(kind, id)), 200);
  });
  app.openapi(cancelJob, async (c) => {
    requireAdmin(c.get("session"));
    const { kind, id } = c.req.valid("param");
    const job = await jobs.cancel(c.get("session").orgId, kind, id);
    return c.json(jobBody(job ?? missing(kind, id)), 200);
  });
}
