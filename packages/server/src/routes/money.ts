/**
 * Money: record a checkout plan, post credits, reverse a payment. Each is
 * idempotent by its key (the body's or the `Idempotency-Key` header's): a
 * retry writes once (`status: "duplicate"`), the same key with other
 * entries is `idempotency-conflict` (409).
 */
import type { CheckoutPlan, GrantEntry, PaymentReversalRequest } from "@creditkit/core";
import { createRoute, z } from "@hono/zod-openapi";
import { checkMemberCheckout, requireAdmin } from "../authorize.js";
import { idempotencyKey, plain, SECURED, type ServerApp } from "../env.js";
import { refuse } from "../errors.js";
import { errors, Id, jsonBody, ok } from "../schemas/common.js";
import { CommitResult } from "../schemas/ledger.js";
import { CheckoutPlan as CheckoutPlanSchema, PaymentReversal, PostCredits } from "../schemas/operations.js";

const headers = z.object({
  "idempotency-key": Id.optional().openapi({
    description: "The operation's idempotency key, when the body has none (must match when it has).",
  }),
});

const recordCheckout = createRoute({
  method: "post",
  path: "/api/checkouts",
  tags: ["money"],
  summary: "Record a checkout plan (members: portal checkouts of their own fees only)",
  security: SECURED,
  request: { headers, body: jsonBody(CheckoutPlanSchema) },
  responses: { ...ok(CommitResult, "Recorded, or found recorded under its key."), ...errors(403, 404, 409, 422, 503) },
});

const postCredits = createRoute({
  method: "post",
  path: "/api/credits",
  tags: ["money"],
  summary: "Post credit grants under one key (admins)",
  security: SECURED,
  request: { headers, body: jsonBody(PostCredits) },
  responses: { ...ok(CommitResult, "Posted, or found posted under its key."), ...errors(403, 404, 409, 422, 503) },
});

const reversePayment = createRoute({
  method: "post",
  path: "/api/payment-reversals",
  tags: ["money"],
  summary: "Reverse a whole payment (admins)",
  security: SECURED,
  request: { headers, body: jsonBody(PaymentReversal) },
  responses: { ...ok(CommitResult, "Reversed, or found reversed under its key."), ...errors(403, 404, 409, 422, 503) },
});

export function moneyRoutes(app: ServerApp): void {
  app.openapi(recordCheckout, async (c) => {
    const plan = c.req.valid("json") as CheckoutPlan;
    idempotencyKey(c, plan.key);
    const source = c.get("source");
    await checkMemberCheckout(c.get("session"), source, plan);
    return c.json(plain(await source.recordCheckout(plan)), 200);
  });
  app.openapi(postCredits, async (c) => {
    requireAdmin(c.get("session"));
    const body = c.req.valid("json");
    const key = idempotencyKey(c, body.key) ?? refuse("invalid-input", { field: "key", reason: "key-required" });
    return c.json(plain(await c.get("source").postCredits(key, body.grants as readonly GrantEntry[])), 200);
  });
  app.openapi(reversePayment, async (c) => {
    requireAdmin(c.get("session"));
    const body = c.req.valid("json");
    const source = c.get("source");
    if (!source.reversePayment) refuse("not-found", { reason: "no-payment-reversal" });
    const key = idempotencyKey(c, body.key);
    const request: PaymentReversalRequest = { ...body, ...(key !== undefined ? { key } : {}) };
    return c.json(plain(await source.reversePayment(request)), 200);
  });
}
