/** The session (who is signed in, the ledger's currency) and the organisation's settings. */
import type { OrgSettings } from "@creditkit/core";
import { createRoute, z } from "@hono/zod-openapi";
import { requireAdmin } from "../authorize.js";
import { plain, SECURED, type ServerApp } from "../env.js";
import { errors, Id, jsonBody, ok } from "../schemas/common.js";
import { Settings, SettingsPatch } from "../schemas/ledger.js";

export const SessionAnswer = z
  .object({ orgId: Id, role: z.enum(["admin", "member"]), accountIds: z.array(Id), currency: z.string() })
  .openapi("Session");

const getSession = createRoute({
  method: "get",
  path: "/api/session",
  tags: ["settings"],
  summary: "Who is signed in, and the ledger's currency",
  security: SECURED,
  responses: { ...ok(SessionAnswer, "The session."), ...errors() },
});

const getSettings = createRoute({
  method: "get",
  path: "/api/settings",
  tags: ["settings"],
  summary: "The organisation's settings",
  security: SECURED,
  responses: { ...ok(Settings, "The settings."), ...errors() },
});

const patchSettings = createRoute({
  method: "patch",
  path: "/api/settings",
  tags: ["settings"],
  summary: "Change settings (admins)",
  security: SECURED,
  request: { body: jsonBody(SettingsPatch) },
  responses: { ...ok(Settings, "The settings after the change."), ...errors(403, 503) },
});

export function settingsRoutes(app: ServerApp): void {
  app.openapi(getSession, (c) => {
    const session = c.get("session");
    return c.json({ ...session, accountIds: [...session.accountIds], currency: c.get("source").currency }, 200);
  });
  app.openapi(getSettings, async (c) => c.json(plain(await c.get("source").getSettings()), 200));
  app.openapi(patchSettings, async (c) => {
    requireAdmin(c.get("session"));
    return c.json(plain(await c.get("source").updateSettings(c.req.valid("json") as Partial<OrgSettings>)), 200);
  });
}
