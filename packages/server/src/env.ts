/** What each request carries once signed in: the session and its organisation's data source. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Session } from "./auth.js";
import type { ServerDataSource } from "./data-sources.js";
import { refuse } from "./errors.js";

export interface ServerEnv {
  Variables: {
    session: Session;
    source: ServerDataSource;
  };
}

export type ServerApp = OpenAPIHono<ServerEnv>;

/** The bearer scheme every route but sign-in and the document requires. */
export const SECURED = [{ bearer: [] }];

/**
 * The idempotency key of a money request: the body's, or the
 * `Idempotency-Key` header's; both given must agree.
 */
export function idempotencyKey(c: Context<ServerEnv>, bodyKey: string | undefined): string | undefined {
  const header = c.req.header("idempotency-key");
  if (header !== undefined && bodyKey !== undefined && header !== bodyKey) {
    refuse("invalid-input", { field: "Idempotency-Key", reason: "key-differs" });
  }
  return bodyKey ?? header;
}

/** The core's deeply readonly shapes as the mutable ones the schemas infer (the same JSON). */
export type Plain<T> = T extends readonly (infer U)[] ? Plain<U>[] : T extends object ? { -readonly [K in keyof T]: Plain<T[K]> } : T;

/** `value` typed as its plain JSON shape, so the compiler checks it against the route's response schema. */
export function plain<T>(value: T): Plain<T> {
  return value as Plain<T>;
}
