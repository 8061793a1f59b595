/**
 * The development sign-in: anyone may become any admin or family of any
 * organisation, so it exists only when the server was given a dev secret.
 * Its tokens are HS256, signed with that secret, and expire.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { signDevToken } from "../auth.js";
import type { ServerApp } from "../env.js";
import { errors, Id, jsonBody, MAX_LIST, ok } from "../schemas/common.js";

const SignIn = z
  .object({ orgId: Id, role: z.enum(["admin", "member"]), accountIds: z.array(Id).max(MAX_LIST).default([]) })
  .strict()
  .openapi("DevSignIn");

const Token = z.object({ token: z.string(), expiresAt: z.string() }).openapi("DevToken");

const signIn = createRoute({
  method: "post",
  path: "/api/dev/sign-in",
  tags: ["development"],
  summary: "Development sign-in: a signed, expiring token for any session (only with a dev secret)",
  request: { body: jsonBody(SignIn) },
  responses: { ...ok(Token, "Send it as `Authorization: Bearer <token>`."), ...errors() },
});

export function devRoutes(app: ServerApp, key: Uint8Array, ttlSeconds: number): void {
  app.openapi(signIn, async (c) => c.json(await signDevToken(key, c.req.valid("json"), ttlSeconds), 200));
}
