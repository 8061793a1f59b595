/**
 * The building blocks of the API's schemas: ids, canonical amounts, dates,
 * the error body and the limits every list and string is held to. The
 * OpenAPI document is generated from these same schemas.
 */
import { z } from "@hono/zod-openapi";

/** The most items any list in a request may hold (a run's posts and a data set have their own). */
export const MAX_LIST = 1000;
/** The most rows a mass-credit run or a data set list may hold. */
export const MAX_ROWS = 200_000;

/** An id or key: a non-empty string of at most 200 characters. */
export const Id = z.string().min(1).max(200).openapi({ example: "acc-1" });
/** A piece of text people read. */
export const Text = z.string().max(2000);
/** A canonical amount string ("12.50"): money never travels as a number. */
export const Amount = z
  .string()
  .max(40)
  .regex(/^\d+(\.\d+)?$/, "an amount string such as 12.50")
  .openapi({ example: "12.50", description: "A canonical amount string in the ledger's currency." });
/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD")
  .openapi({ example: "2026-11-01" });

export const ErrorBody = z
  .object({
    code: z.string().openapi({ example: "invalid-input" }),
    message: z.string(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .openapi("Error", { description: "Every error answer: a stable code for programs, a sentence for people." });

/** The error answers every authenticated route may give. */
export function errors(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 422 | 503)[]) {
  const words: Record<number, string> = {
    400: "The request is malformed (invalid-input and the money and rule codes).",
    401: "No valid sign-in (unauthorized).",
    403: "The role may not do this (forbidden).",
    404: "Not found, or not the caller's (unknown-account, unknown-id, unknown-payment).",
    409: "Conflicts with another write (idempotency-conflict, settlement-in-progress, fee-reserved).",
    413: "The body is over the limit (too-large).",
    422: "Refused by the ledger's rules as things stand (fee-already-paid, credit-overused …).",
    503: "The database is busy or unavailable (storage-*): try again.",
  };
  const all = [...new Set([400, 401, 413, ...statuses])].sort();
  return Object.fromEntries(
    all.map((s) => [s, { description: words[s] as string, content: { "application/json": { schema: ErrorBody } } }]),
  );
}

/** A JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { required: true, ...(description ? { description } : {}), content: { "application/json": { schema } } };
}

/** A 200 JSON answer. */
export function ok<T extends z.ZodType>(schema: T, description: string) {
  return { 200: { description, content: { "application/json": { schema } } } };
}
