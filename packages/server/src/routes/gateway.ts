/**
 * What the server's gateway can say before a charge (admins): which accounts
 * hold a card on file, so a batch's preview says "declined: no card on file"
 * instead of promising a charge. The browser never calls the gateway itself.
 */
import { cardsOnFile, type Db } from "@creditkit/postgres";
import { createRoute, z } from "@hono/zod-openapi";
import { requireAdmin } from "../authorize.js";
import { SECURED, type ServerApp } from "../env.js";
import { refuse } from "../errors.js";
import { errors, Id, ok } from "../schemas/common.js";

const Cards = z
  .object({
    byDefault: z.boolean().openapi({ description: "Whether an account not listed holds a card." }),
    withCard: z.array(Id),
    withoutCard: z.array(Id),
  })
  .openapi("CardsOnFile");

const getCards = createRoute({
  method: "get",
  path: "/api/gateway/cards",
  tags: ["settlement"],
  summary: "Which accounts hold a card on file with the server's gateway (admins)",
  security: SECURED,
  responses: { ...ok(Cards, "The accounts with and without a card."), ...errors(403, 404, 503) },
});

/** `ledger` is the server's own; a server on the host's data sources has no gateway of ours to ask (404). */
export function gatewayRoutes(app: ServerApp, ledger: Db | undefined, cardsByDefault: boolean): void {
  app.openapi(getCards, async (c) => {
    requireAdmin(c.get("session"));
    if (!ledger) refuse("not-found", { reason: "no-card-list" });
    const cards = await cardsOnFile({ db: ledger, orgId: c.get("session").orgId }, cardsByDefault);
    return c.json({ byDefault: cards.byDefault, withCard: [...cards.withCard], withoutCard: [...cards.withoutCard] }, 200);
  });
}
