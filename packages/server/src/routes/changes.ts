/**
 * Live changes: `GET /api/changes` is a server-sent event stream relaying the
 * organisation's data source's `subscribe` (LISTEN/NOTIFY on a PostgreSQL
 * server, in process on PGlite). Signed in like every route, with the
 * `Authorization` header (the remote data source reads the stream with
 * `fetch`, so no token ever travels in a URL). An admin hears every change of
 * the organisation; a member only the changes touching their own accounts
 * (and only those accounts' ids). Comment lines keep proxies from closing an
 * idle stream, and the stream ends after `maxMs` so a long-lived connection
 * signs in again (the client reconnects with a fresh token).
 */
import type { DataSourceChange } from "@creditkit/core";
import { z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import type { Session } from "../auth.js";
import { SECURED, type ServerApp } from "../env.js";
import { errors } from "../schemas/common.js";

export interface ChangeStreamOptions {
  /** A comment line this often when nothing else is sent. Default 15 s. */
  readonly heartbeatMs?: number;
  /** The stream ends after this long; the client reconnects and signs in again. Default 10 min. */
  readonly maxMs?: number;
}

export const CHANGES_PATH = "/api/changes";

const Change = z
  .object({ key: z.string(), accountIds: z.array(z.string()) })
  .openapi("Change", { description: "The data of a `change` event: the operation's key and the accounts it changed (none listed: any)." });

/**
 * What `session` may hear of `change`: everything (admins); for a member, the
 * change limited to their accounts, or nothing when it touches none of them.
 * A change naming no account (settings, the data set, too many to list) is
 * told to a member without its key, as "refresh".
 */
export function visibleChange(session: Session, change: DataSourceChange): DataSourceChange | undefined {
  if (session.role === "admin") return { key: change.key, accountIds: [...change.accountIds] };
  if (change.accountIds.length === 0) return { key: "", accountIds: [] };
  const mine = change.accountIds.filter((id) => session.accountIds.includes(id));
  return mine.length > 0 ? { key: change.key, accountIds: mine } : undefined;
}

export function changeRoutes(app: ServerApp, options: ChangeStreamOptions = {}): void {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxMs = options.maxMs ?? 600_000;
  app.openAPIRegistry.registerPath({
    method: "get",
    path: CHANGES_PATH,
    tags: ["changes"],
    summary: "Live changes as server-sent events (a member's own accounts only)",
    description:
      "`text/event-stream`: first `event: ready`, then one `event: change` per committed change, its data a `Change` as JSON; " +
      "`:` comment lines as heartbeats. The stream ends after a while; reconnect (with a fresh token) and refresh what is shown, " +
      "since changes made while disconnected are not replayed.",
    security: SECURED,
    responses: {
      200: {
        description: "The event stream.",
        content: { "text/event-stream": { schema: z.string().openapi({ description: "Events whose data is a `Change`." }) } },
      },
      ...errors(),
    },
  });
  // Referenced from no route's JSON schema: register it so the document describes an event's data.
  app.openAPIRegistry.register("Change", Change);

  app.get(CHANGES_PATH, (c) => {
    const session = c.get("session");
    const source = c.get("source");
    c.header("Cache-Control", "no-cache, no-transform");
    c.header("X-Accel-Buffering", "no");
    return streamSSE(c, async (stream) => {
      const queue: DataSourceChange[] = [];
      let wake: (() => void) | undefined;
      const stop = source.subscribe((change) => {
        const visible = visibleChange(session, change);
        if (!visible) return;
        queue.push(visible);
        wake?.();
      });
      stream.onAbort(() => wake?.());
      const ends = Date.now() + maxMs;
      let id = 0;
      try {
        // `ready` promises every later change: on a server that is once LISTEN is in place, not when it was sent.
        await source.listening?.();
        await stream.writeSSE({ event: "ready", data: "{}", retry: 1000 });
        while (!stream.aborted && !stream.closed && Date.now() < ends) {
          if (queue.length === 0) {
            const waited = await new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(false), Math.min(heartbeatMs, Math.max(0, ends - Date.now())));
              wake = () => {
                clearTimeout(timer);
                resolve(true);
              };
            });
            wake = undefined;
            if (!waited && !stream.aborted && Date.now() < ends) await stream.write(": heartbeat\n\n");
            continue;
          }
          for (const change of queue.splice(0)) {
            id += 1;
            await stream.writeSSE({ event: "change", id: String(id), data: JSON.stringify(change) });
          }
        }
      } finally {
        stop();
      }
    });
  });
}
