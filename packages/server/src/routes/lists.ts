/**
 * The organisation's named lists alone (credit types, locations …), for any
 * signed-in person: an element that shows a credit type's name reads these
 * few rows, not the whole mass-credit data set (admins only, and large).
 */
import type { OrganisationLists } from "@creditkit/core";
import { createRoute, z } from "@hono/zod-openapi";
import { plain, SECURED, type ServerApp } from "../env.js";
import { errors, ok } from "../schemas/common.js";
import { Lists } from "../schemas/operations.js";

const getLists = createRoute({
  method: "get",
  path: "/api/lists",
  tags: ["settings"],
  summary: "The organisation's named lists (credit types, locations …), or null before a data set is stored",
  security: SECURED,
  responses: { ...ok(z.object({ lists: Lists.nullable() }).openapi("ListsAnswer"), "The lists."), ...errors(503) },
});

export function listRoutes(app: ServerApp): void {
  app.openapi(getLists, async (c) => {
    const source = c.get("source");
    const lists: OrganisationLists | undefined = source.getLists ? await source.getLists() : (await source.getDataSet())?.lists;
    return c.json({ lists: plain(lists ?? null) }, 200);
  });
}
