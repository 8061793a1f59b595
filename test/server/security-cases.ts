/**
 * The hostile requests of the security suite, each with the typed answer it
 * must get. `request` builds the request from the test's organisation (a
 * fresh one, accounts acc-1 … acc-3, the member holding acc-1) and another
 * organisation (`other`, account x-1); `setup` writes what a case needs
 * first (a recorded key to replay), before the ledgers are compared.
 */
import { type CheckoutPlan, planCheckout } from "@creditkit/core";
import { devKey, signDevToken } from "../../packages/server/src/index.js";
import { grant } from "../postgres/helpers.js";
import { type CallOptions, call, type Org, SECRET, type World } from "./helpers.js";
import { INPUT } from "./security-input.js";

export interface Ctx {
  readonly world: World;
  readonly org: Org;
  readonly other: Org;
}

export interface HostileRequest extends CallOptions {
  readonly method: string;
  readonly path: string;
}

export interface Case {
  readonly name: string;
  readonly status: 400 | 401 | 403 | 404 | 409 | 413;
  readonly code: string;
  setup?(ctx: Ctx): Promise<void>;
  request(ctx: Ctx): HostileRequest | Promise<HostileRequest>;
}

const credits = (accountId = "acc-1", key = "hostile/credit") => ({ key, grants: [grant(accountId, "gh", "500.00", key)] });
const batch = { batchId: "b1", applyCredit: true, date: "2026-11-20", invoices: [{ invoiceId: "i1", accountId: "acc-1", feeIds: ["f1"] }] };
const run = {
  runId: "r1",
  request: {
    description: "Hostile",
    creditType: "t",
    creditTypeName: "T",
    date: "2026-11-20",
    amount: "5.00",
    currency: "USD",
    mode: "family",
    location: "l",
    locationName: "L",
  },
  filters: [],
  posts: [{ key: "r1/acc-1", rowKey: "acc-1", familyId: "acc-1", familyName: "Family 1", amount: "5.00" }],
  count: 1,
  total: "5.00",
};
const session = (org: Org, role: "admin" | "member" = "admin") => ({
  orgId: org.orgId,
  role,
  accountIds: role === "member" ? ["acc-1"] : [],
});

/** A plan made by the core from the account as its own organisation's admin sees it. */
async function plan(ctx: Ctx, accountId: string, request: Record<string, unknown> = {}, org: Org = ctx.org): Promise<CheckoutPlan> {
  const snapshot = (await call(ctx.world, "GET", `/api/accounts/${accountId}`, { token: org.admin })).body;
  const settings = (await call(ctx.world, "GET", "/api/settings", { token: org.admin })).body;
  const base = {
    key: `hostile/${accountId}`,
    channel: "portal",
    date: "2026-11-20",
    feeIds: snapshot.fees.slice(0, 1).map((f: { feeId: string }) => f.feeId),
    applyCredit: false,
    tenders: [{ method: "card", amount: "100.00" }],
  };
  return planCheckout(snapshot, { ...base, ...request } as never, settings);
}

const AUTH: Case[] = [
  { name: "no token reads the accounts", status: 401, code: "unauthorized", request: () => ({ method: "GET", path: "/api/accounts" }) },
  {
    name: "no token posts credits",
    status: 401,
    code: "unauthorized",
    request: () => ({ method: "POST", path: "/api/credits", body: credits() }),
  },
  {
    name: "a token signed with another secret",
    status: 401,
    code: "unauthorized",
    request: async ({ org }) => ({
      method: "GET",
      path: "/api/accounts/acc-1",
      token: (await signDevToken(devKey("another secret that is 32 bytes or more"), session(org), 600)).token,
    }),
  },
  {
    name: "an expired token",
    status: 401,
    code: "unauthorized",
    request: async ({ org }) => ({
      method: "GET",
      path: "/api/accounts",
      token: (await signDevToken(devKey(SECRET), session(org), -60)).token,
    }),
  },
  {
    name: "a member's token with its payload changed to admin",
    status: 401,
    code: "unauthorized",
    request: ({ org }) => {
      const [head, payload, signature] = org.member.split(".") as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, role: "admin" })).toString("base64url");
      return { method: "PATCH", path: "/api/settings", token: `${head}.${forged}.${signature}`, body: { autoApply: true } };
    },
  },
  {
    name: "an unsigned token (alg none)",
    status: 401,
    code: "unauthorized",
    request: ({ org }) => {
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
      const claims = {
        org: org.orgId,
        role: "admin",
        acc: [],
        iss: "creditkit-dev",
        aud: "creditkit",
        exp: Math.floor(Date.now() / 1000) + 600,
      };
      return { method: "GET", path: "/api/accounts", token: `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.` };
    },
  },
  {
    name: "a garbage bearer token",
    status: 401,
    code: "unauthorized",
    request: () => ({ method: "GET", path: "/api/accounts", token: "not-a-token" }),
  },
  {
    name: "a token in the query string instead of the header",
    status: 401,
    code: "unauthorized",
    request: ({ org }) => ({ method: "GET", path: `/api/accounts?token=${org.admin}` }),
  },
  {
    name: "Basic credentials",
    status: 401,
    code: "unauthorized",
    request: () => ({ method: "GET", path: "/api/accounts", headers: { authorization: "Basic YWRtaW46YWRtaW4=" } }),
  },
];

const OTHER_ORG: Case[] = [
  {
    name: "another organisation's admin reads acc-1",
    status: 404,
    code: "unknown-account",
    request: ({ other }) => ({ method: "GET", path: "/api/accounts/acc-1", token: other.admin }),
  },
  {
    name: "another organisation's admin posts credit to acc-1",
    status: 404,
    code: "unknown-account",
    request: ({ other }) => ({ method: "POST", path: "/api/credits", token: other.admin, body: credits() }),
  },
  {
    name: "another organisation's admin reads acc-1's snapshot in a report",
    status: 404,
    code: "unknown-account",
    request: ({ other }) => ({ method: "POST", path: "/api/accounts/snapshots", token: other.admin, body: { accountIds: ["acc-1"] } }),
  },
  {
    name: "another organisation's admin searches acc-1's entries",
    status: 404,
    code: "unknown-account",
    request: ({ other }) => ({ method: "POST", path: "/api/entries/search", token: other.admin, body: { accountIds: ["acc-1"] } }),
  },
  {
    name: "an admin reads another organisation's account x-1",
    status: 404,
    code: "unknown-account",
    request: ({ org }) => ({ method: "GET", path: "/api/accounts/x-1", token: org.admin }),
  },
  {
    name: "another organisation's account in a credit's body",
    status: 404,
    code: "unknown-account",
    request: ({ org }) => ({ method: "POST", path: "/api/credits", token: org.admin, body: credits("x-1") }),
  },
  {
    name: "another organisation's account in a checkout plan",
    status: 404,
    code: "unknown-account",
    request: async (ctx) => {
      const p = await plan(ctx, "acc-1", { channel: "admin" });
      return {
        method: "POST",
        path: "/api/checkouts",
        token: ctx.org.admin,
        body: { ...p, entries: p.entries.map((e) => ({ ...e, accountId: "x-1" })) },
      };
    },
  },
  {
    name: "another organisation's account in a reversal",
    status: 404,
    code: "unknown-account",
    request: ({ org }) => ({
      method: "POST",
      path: "/api/payment-reversals",
      token: org.admin,
      body: { accountId: "x-1", entryId: "x/credit#0", date: "2026-11-21" },
    }),
  },
  {
    name: "an organisation id in the body of a settings change",
    status: 400,
    code: "invalid-input",
    request: ({ org, other }) => ({
      method: "PATCH",
      path: "/api/settings",
      token: org.admin,
      body: { autoApply: true, orgId: other.orgId },
    }),
  },
];

const MEMBER: Case[] = [
  {
    name: "a member reads another family",
    status: 404,
    code: "unknown-account",
    request: ({ org }) => ({ method: "GET", path: "/api/accounts/acc-2", token: org.member }),
  },
  {
    name: "a member guesses an id that does not exist (same answer)",
    status: 404,
    code: "unknown-account",
    request: ({ org }) => ({ method: "GET", path: "/api/accounts/acc-9", token: org.member }),
  },
  {
    name: "a member asks for another family's snapshot beside their own",
    status: 404,
    code: "unknown-account",
    request: ({ org }) => ({
      method: "POST",
      path: "/api/accounts/snapshots",
      token: org.member,
      body: { accountIds: ["acc-1", "acc-2"] },
    }),
  },
  {
    name: "a member searches another family's entries",
    status: 404,
    code: "unknown-account",
    request: ({ org }) => ({ method: "POST", path: "/api/entries/search", token: org.member, body: { accountIds: ["acc-2"] } }),
  },
  {
    name: "a member records another family's fees",
    status: 404,
    code: "unknown-account",
    request: async (ctx) => ({ method: "POST", path: "/api/checkouts", token: ctx.org.member, body: await plan(ctx, "acc-2") }),
  },
  {
    name: "a member records a checkout in the admin channel",
    status: 403,
    code: "forbidden",
    request: async (ctx) => ({
      method: "POST",
      path: "/api/checkouts",
      token: ctx.org.member,
      body: await plan(ctx, "acc-1", { channel: "admin" }),
    }),
  },
  {
    name: "a member pays their own fee and slips in a 500.00 credit",
    status: 403,
    code: "forbidden",
    request: async (ctx) => {
      const p = await plan(ctx, "acc-1");
      return {
        method: "POST",
        path: "/api/checkouts",
        token: ctx.org.member,
        body: { ...p, entries: [...p.entries, grant("acc-1", "free", "500.00", p.key)] },
      };
    },
  },
  {
    name: "a member pays in cash through the portal",
    status: 403,
    code: "forbidden",
    request: async (ctx) => {
      const p = await plan(ctx, "acc-1");
      return {
        method: "POST",
        path: "/api/checkouts",
        token: ctx.org.member,
        body: { ...p, entries: p.entries.map((e) => (e.type === "Payment" ? { ...e, method: "cash" } : e)) },
      };
    },
  },
  {
    name: "a member's hand-made plan pays 100.00 of fees with a 1.00 card payment",
    status: 400,
    code: "invalid-input",
    request: async (ctx) => {
      const p = await plan(ctx, "acc-1");
      const entries = p.entries.map((e) =>
        e.type === "Payment" ? { ...e, amount: "1.00", allocations: [{ feeId: "f1", amount: "1.00" }] } : e,
      );
      return { method: "POST", path: "/api/checkouts", token: ctx.org.member, body: { ...p, entries } };
    },
  },
  {
    name: "a member pays their own fee and another family's in one plan",
    status: 404,
    code: "unknown-account",
    request: async (ctx) => {
      const [mine, theirs] = [await plan(ctx, "acc-1"), await plan(ctx, "acc-2")];
      return {
        method: "POST",
        path: "/api/checkouts",
        token: ctx.org.member,
        body: { ...mine, entries: [...mine.entries, ...theirs.entries.map((e) => ({ ...e, key: mine.key, id: `${mine.key}#9` }))] },
      };
    },
  },
  {
    name: "a member settles a batch",
    status: 403,
    code: "forbidden",
    request: ({ org }) => ({ method: "POST", path: "/api/batches", token: org.member, body: batch }),
  },
  {
    name: "a member issues a credit",
    status: 403,
    code: "forbidden",
    request: ({ org }) => ({ method: "POST", path: "/api/credits", token: org.member, body: credits() }),
  },
  {
    name: "a member reverses a payment",
    status: 403,
    code: "forbidden",
    request: ({ org }) => ({
      method: "POST",
      path: "/api/payment-reversals",
      token: org.member,
      body: { accountId: "acc-1", entryId: "seed/acc-1/fees#0", date: "2026-11-21" },
    }),
  },
  {
    name: "a member changes settings",
    status: 403,
    code: "forbidden",
    request: ({ org }) => ({ method: "PATCH", path: "/api/settings", token: org.member, body: { autoApply: true } }),
  },
  {
    name: "a member puts a data set",
    status: 403,
    code: "forbidden",
    request: ({ org }) => ({
      method: "PUT",
      path: "/api/data-set",
      token: org.member,
      body: {
        currency: "USD",
        lists: { creditTypes: [], chargeCategories: [], locations: [], offerings: [] },
        families: [],
        students: [],
        enrollments: [],
        fees: [],
      },
    }),
  },
  {
    name: "a member reads the data set",
    status: 403,
    code: "forbidden",
    request: ({ org }) => ({ method: "GET", path: "/api/data-set", token: org.member }),
  },
  {
    name: "a member lists the runs",
    status: 403,
    code: "forbidden",
    request: ({ org }) => ({ method: "GET", path: "/api/runs", token: org.member }),
  },
  {
    name: "a member processes a mass-credit run",
    status: 403,
    code: "forbidden",
    request: ({ org }) => ({ method: "POST", path: "/api/runs", token: org.member, body: run }),
  },
  {
    name: "a member resumes a run",
    status: 403,
    code: "forbidden",
    request: ({ org }) => ({ method: "POST", path: "/api/runs/r1/resume", token: org.member }),
  },
];

/** Every case of the suite. */
export const CASES: readonly Case[] = [...AUTH, ...OTHER_ORG, ...MEMBER, ...INPUT];
