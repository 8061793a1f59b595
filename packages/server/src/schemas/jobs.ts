/** A server job's shape: a mass-credit run or a batch settlement, its progress and, once done, its record or result. */
import type { Job as StoredJob } from "@creditkit/postgres";
import { z } from "@hono/zod-openapi";
import { Id, Text } from "./common.js";
import { BatchResult, RunRecord } from "./operations.js";

export const JobKind = z.enum(["run", "batch"]);

export const Job = z
  .object({
    kind: JobKind,
    id: Id.openapi({ description: "The run's or the batch's id." }),
    round: z.number().int().min(1).openapi({ description: "1, then one more each time it is asked again after it finished." }),
    status: z.enum(["queued", "running", "done", "failed"]),
    done: z.number().int().min(0).openapi({ description: "Rows or invoices looked at so far." }),
    total: z.number().int().min(0),
    result: z.union([RunRecord, BatchResult]).optional().openapi({ description: "The run's record or the batch's result, once done." }),
    error: z.object({ code: z.string(), message: Text }).optional().openapi({ description: "Why it failed." }),
    cancelRequested: z.boolean(),
    attempts: z.number().int().min(0).openapi({ description: "Times a worker took it (more than 1: taken again after a restart)." }),
    startedBy: Text.optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Job", {
    description:
      "A mass-credit run or a batch settlement done by the server's job worker: it goes on when the page closes and resumes after a restart, each row or invoice once.",
  });

/** A stored job as its response (its `result` is the RunRecord or BatchResult the worker stored). */
export const jobBody = (job: StoredJob) => job as unknown as z.infer<typeof Job>;
