/**
 * Mass-credit previews on the server (admins): `POST /api/previews` works
 * one out in a worker thread and answers its filter summary, totals and
 * first page of rows; `GET …/rows` pages through the rest; `POST …/explain`
 * says why a family gets (or does not get) a credit; `POST …/run` plans the
 * run from the reviewed rows (less those deselected) and queues its job.
 * The browser never receives the data set.
 */
import { type MassCreditRequest, planRun } from "@creditkit/core";
import type { JobStore } from "@creditkit/postgres";
import { createRoute, z } from "@hono/zod-openapi";
import { requireAdmin } from "../authorize.js";
import { plain, SECURED, type ServerApp } from "../env.js";
import type { Previews } from "../previews/previews.js";
import { errors, Id, IsoDate, jsonBody, MAX_LIST, MAX_ROWS, ok, Text } from "../schemas/common.js";
import { Job, jobBody } from "../schemas/jobs.js";
import { queueRun } from "./runs.js";

/** Rows a page holds at most. */
const MAX_PAGE = 1000;

const Keys = z.array(z.string().max(200)).max(MAX_LIST);
const MassCreditRequestSchema = z
  .looseObject({
    description: Text,
    creditType: Id,
    date: IsoDate,
    amount: z.string().max(40),
    currency: z.string().max(3),
    mode: z.enum(["family", "student", "enrollment"]),
    location: Id.optional(),
    outstandingOnly: z.boolean().optional(),
    autopayMethods: Keys.optional(),
    chargeCategories: Keys.optional(),
    studentKeywords: Keys.optional(),
    familyKeywords: Keys.optional(),
    enrollmentRows: z.array(z.looseObject({})).max(MAX_LIST).optional(),
  })
  .openapi("MassCreditRequest", { description: "The wizard's answers; the core validates every rule." });

const PreviewRow = z
  .object({
    rowKey: z.string(),
    familyId: Id,
    familyName: Text,
    studentId: Id.optional(),
    studentName: Text.optional(),
    enrollmentId: Id.optional(),
    offeringName: Text.optional(),
    amount: z.string(),
  })
  .openapi("PreviewRow");

const Page = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
});

const PreviewAnswer = z
  .object({
    previewId: Id,
    asOf: z.string().openapi({ description: "When the data set was read (outstanding charges as they stood then)." }),
    request: z.looseObject({}),
    count: z.number().int(),
    total: z.string(),
    summary: z.array(Text).openapi({ description: "One line per filter used, in the admin's words." }),
    offset: z.number().int(),
    rows: z.array(PreviewRow).openapi({ description: "The first page of rows, in review order." }),
  })
  .openapi("Preview");

const previewId = z.object({ previewId: Id });

const ContextAnswer = z
  .object({
    context: z
      .object({
        currency: z.string(),
        lists: z.looseObject({}),
        families: z.number().int(),
        keywords: z.object({ student: z.array(Text), family: z.array(Text), offering: z.array(Text) }),
      })
      .nullable(),
  })
  .openapi("PreviewContext");

const getContext = createRoute({
  method: "get",
  path: "/api/previews/context",
  tags: ["mass credits"],
  summary: "The lists and keywords the mass-credit questions offer, without the data set; null before one is stored (admins)",
  security: SECURED,
  responses: {
    ...ok(ContextAnswer, "The context."),
    ...errors(403, 503),
  },
});

const startPreview = createRoute({
  method: "post",
  path: "/api/previews",
  tags: ["mass credits"],
  summary: "Work out who a mass credit would reach, on the server; answers the summary, totals and first page (admins)",
  security: SECURED,
  request: { body: jsonBody(MassCreditRequestSchema), query: Page.pick({ limit: true }) },
  responses: { ...ok(PreviewAnswer, "The preview."), ...errors(403, 404, 503) },
});

const previewRows = createRoute({
  method: "get",
  path: "/api/previews/{previewId}/rows",
  tags: ["mass credits"],
  summary: "A page of a kept preview's rows (admins)",
  security: SECURED,
  request: { params: previewId, query: Page },
  responses: {
    ...ok(z.object({ offset: z.number().int(), count: z.number().int(), rows: z.array(PreviewRow) }).openapi("PreviewRows"), "The page."),
    ...errors(403, 404),
  },
});

const explain = createRoute({
  method: "post",
  path: "/api/previews/{previewId}/explain",
  tags: ["mass credits"],
  summary: "Why a family gets, or does not get, the credit in this preview (admins)",
  security: SECURED,
  request: { params: previewId, body: jsonBody(z.object({ familyId: Id }).strict()) },
  responses: {
    ...ok(z.looseObject({ familyId: Id, qualifies: z.boolean(), lines: z.array(Text) }).openapi("FamilyExplanation"), "The explanation."),
    ...errors(403, 404, 503),
  },
});

const runPreview = createRoute({
  method: "post",
  path: "/api/previews/{previewId}/run",
  tags: ["mass credits"],
  summary: "Plan the run from the reviewed rows (less those deselected) and queue its job (admins)",
  security: SECURED,
  request: {
    params: previewId,
    body: jsonBody(z.object({ runId: Id, deselected: z.array(z.string().max(200)).max(MAX_ROWS).optional() }).strict()),
  },
  responses: {
    202: { description: "The run's job; its result is the run's record.", content: { "application/json": { schema: Job } } },
    ...errors(403, 404, 409, 503),
  },
});

export function previewRoutes(app: ServerApp, previews: Previews, jobs: JobStore): void {
  app.openapi(getContext, async (c) => {
    requireAdmin(c.get("session"));
    const context = await previews.context(c.get("source"));
    return c.json({ context: (context ?? null) as z.infer<typeof ContextAnswer>["context"] }, 200);
  });
  app.openapi(startPreview, async (c) => {
    requireAdmin(c.get("session"));
    const { limit } = c.req.valid("query");
    const kept = await previews.start(c.get("session").orgId, c.get("source"), c.req.valid("json") as unknown as MassCreditRequest);
    const { preview } = kept;
    return c.json(
      plain({
        previewId: kept.previewId,
        asOf: kept.asOf,
        request: preview.request as unknown as Record<string, unknown>,
        count: preview.count,
        total: preview.total,
        summary: preview.summary,
        offset: 0,
        rows: previews.rows(kept, 0, limit ?? 100),
      }),
      200,
    );
  });
  app.openapi(previewRows, (c) => {
    requireAdmin(c.get("session"));
    const { offset, limit } = c.req.valid("query");
    const kept = previews.get(c.get("session").orgId, c.req.valid("param").previewId);
    return c.json(plain({ offset, count: kept.preview.count, rows: previews.rows(kept, offset, limit) }), 200);
  });
  app.openapi(explain, async (c) => {
    requireAdmin(c.get("session"));
    const kept = previews.get(c.get("session").orgId, c.req.valid("param").previewId);
    const answer = await previews.explain(kept, c.req.valid("json").familyId);
    return c.json(plain(answer) as unknown as { familyId: string; qualifies: boolean; lines: string[] }, 200);
  });
  app.openapi(runPreview, async (c) => {
    requireAdmin(c.get("session"));
    const { orgId } = c.get("session");
    const kept = previews.get(orgId, c.req.valid("param").previewId);
    const { runId, deselected } = c.req.valid("json");
    const plan = planRun(kept.preview, { runId, lists: kept.lists, ...(deselected ? { deselected } : {}) });
    return c.json(jobBody(await queueRun(jobs, orgId, c.get("source").currency, plan)), 202);
  });
}
