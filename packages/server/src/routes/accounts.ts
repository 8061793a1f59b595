/** Reads: accounts, one account's snapshot, many snapshots, entries. Members see only their own. */
import { createRoute, z } from "@hono/zod-openapi";
import { readableAccounts, requireAccount } from "../authorize.js";
import type { ServerApp } from "../env.js";
import { plain, SECURED } from "../env.js";
import { errors, Id, jsonBody, ok } from "../schemas/common.js";
import { Account, AccountSnapshot, EntryQuery, LedgerEntry, SnapshotsQuery } from "../schemas/ledger.js";

const listAccounts = createRoute({
  method: "get",
  path: "/api/accounts",
  tags: ["accounts"],
  summary: "The organisation's accounts (a member's own only)",
  security: SECURED,
  responses: { ...ok(z.array(Account), "The accounts."), ...errors() },
});

const getAccount = createRoute({
  method: "get",
  path: "/api/accounts/{accountId}",
  tags: ["accounts"],
  summary: "One account's balances, fees and grants",
  security: SECURED,
  request: { params: z.object({ accountId: Id }) },
  responses: { ...ok(AccountSnapshot, "The account's snapshot."), ...errors(404) },
});

const snapshots = createRoute({
  method: "post",
  path: "/api/accounts/snapshots",
  tags: ["accounts"],
  summary: "Many accounts' snapshots at once (reports; a member's own only)",
  security: SECURED,
  request: { body: jsonBody(SnapshotsQuery) },
  responses: { ...ok(z.array(AccountSnapshot), "The snapshots."), ...errors(404) },
});

const searchEntries = createRoute({
  method: "post",
  path: "/api/entries/search",
  tags: ["accounts"],
  summary: "Ledger lines by account and date (a member's own only)",
  security: SECURED,
  request: { body: jsonBody(EntryQuery) },
  responses: { ...ok(z.array(LedgerEntry), "The entries, in ledger order."), ...errors(404) },
});

export function accountRoutes(app: ServerApp): void {
  app.openapi(listAccounts, async (c) => {
    const session = c.get("session");
    const accounts = await c.get("source").listAccounts();
    const mine = session.role === "admin" ? accounts : accounts.filter((a) => session.accountIds.includes(a.id));
    return c.json(plain(mine), 200);
  });
  app.openapi(getAccount, async (c) => {
    const { accountId } = c.req.valid("param");
    requireAccount(c.get("session"), accountId);
    return c.json(plain(await c.get("source").getAccount(accountId)), 200);
  });
  app.openapi(snapshots, async (c) => {
    const ids = readableAccounts(c.get("session"), c.req.valid("json").accountIds);
    if (ids?.length === 0) return c.json([], 200);
    return c.json(plain(await c.get("source").getAccounts(ids)), 200);
  });
  app.openapi(searchEntries, async (c) => {
    const query = c.req.valid("json");
    const accountIds = readableAccounts(c.get("session"), query.accountIds);
    if (accountIds?.length === 0) return c.json([], 200);
    return c.json(plain(await c.get("source").listEntries({ ...query, ...(accountIds ? { accountIds } : {}) })), 200);
  });
}
