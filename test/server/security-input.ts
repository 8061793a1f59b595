/**
 * The security suite's malformed and replayed requests: bad JSON, wrong
 * types, huge bodies and lists, a replayed idempotency key with another
 * body, routes that do not exist.
 */
import { expect } from "chai";
import { grant } from "../postgres/helpers.js";
import { call, portalPlan } from "./helpers.js";
import type { Case } from "./security-cases.js";

const credit = (key: string, amount: unknown = "5.00") => ({ key, grants: [{ ...grant("acc-1", "gi", "5.00", key), amount }] });

export const INPUT: Case[] = [
  {
    name: "malformed JSON",
    status: 400,
    code: "invalid-input",
    request: ({ org }) => ({ method: "POST", path: "/api/credits", token: org.admin, raw: '{"key": "k", "grants": [' }),
  },
  {
    name: "an empty body",
    status: 400,
    code: "invalid-input",
    request: ({ org }) => ({ method: "POST", path: "/api/credits", token: org.admin, raw: "" }),
  },
  {
    name: "an array for an object",
    status: 400,
    code: "invalid-input",
    request: ({ org }) => ({ method: "POST", path: "/api/credits", token: org.admin, body: [credit("k")] }),
  },
  {
    name: "JSON sent as text/plain",
    status: 400,
    code: "invalid-input",
    request: ({ org }) => ({
      method: "POST",
      path: "/api/credits",
      token: org.admin,
      raw: JSON.stringify(credit("k")),
      headers: { "content-type": "text/plain" },
    }),
  },
  {
    name: "an amount as a JSON number",
    status: 400,
    code: "invalid-input",
    request: ({ org }) => ({ method: "POST", path: "/api/credits", token: org.admin, body: credit("k", 5) }),
  },
  {
    name: "an amount in exponent form",
    status: 400,
    code: "invalid-input",
    request: ({ org }) => ({ method: "POST", path: "/api/credits", token: org.admin, body: credit("k", "5e3") }),
  },
  {
    name: "a negative amount",
    status: 400,
    code: "invalid-input",
    request: ({ org }) => ({ method: "POST", path: "/api/credits", token: org.admin, body: credit("k", "-5.00") }),
  },
  {
    name: "a date that is not in the calendar",
    status: 400,
    code: "invalid-date",
    request: ({ org }) => ({
      method: "POST",
      path: "/api/credits",
      token: org.admin,
      body: { key: "k", grants: [{ ...grant("acc-1", "gi", "5.00", "k"), date: "2026-02-30" }] },
    }),
  },
  {
    name: "a setting as a string",
    status: 400,
    code: "invalid-input",
    request: ({ org }) => ({ method: "PATCH", path: "/api/settings", token: org.admin, body: { autoApply: "yes" } }),
  },
  {
    name: "a setting that does not exist",
    status: 400,
    code: "invalid-input",
    request: ({ org }) => ({ method: "PATCH", path: "/api/settings", token: org.admin, body: { chargeEveryone: true } }),
  },
  {
    name: "a 2 MB body",
    status: 413,
    code: "too-large",
    request: ({ org }) => ({
      method: "POST",
      path: "/api/credits",
      token: org.admin,
      body: { ...credit("k"), padding: "x".repeat(2 * 1024 * 1024) },
    }),
  },
  {
    name: "1,001 accounts in a report",
    status: 400,
    code: "invalid-input",
    request: ({ org }) => ({
      method: "POST",
      path: "/api/accounts/snapshots",
      token: org.admin,
      body: { accountIds: Array.from({ length: 1001 }, (_, i) => `acc-${i}`) },
    }),
  },
  {
    name: "1,001 invoices in a batch",
    status: 400,
    code: "invalid-input",
    request: ({ org }) => ({
      method: "POST",
      path: "/api/batches",
      token: org.admin,
      body: {
        batchId: "b",
        applyCredit: true,
        date: "2026-11-20",
        invoices: Array.from({ length: 1001 }, (_, i) => ({ invoiceId: `i${i}`, accountId: "acc-1", feeIds: ["f1"] })),
      },
    }),
  },
  {
    name: "a 10,000-character account id",
    status: 400,
    code: "invalid-input",
    request: ({ org }) => ({ method: "GET", path: `/api/accounts/${"a".repeat(10_000)}`, token: org.admin }),
  },
  {
    name: "a batch id with a slash",
    status: 400,
    code: "invalid-input",
    request: ({ org }) => ({
      method: "POST",
      path: "/api/batches",
      token: org.admin,
      body: { batchId: "a/b", applyCredit: true, date: "2026-11-20", invoices: [{ invoiceId: "i", accountId: "acc-1", feeIds: ["f1"] }] },
    }),
  },
  {
    name: "the Idempotency-Key header and the body's key differ",
    status: 400,
    code: "invalid-input",
    request: ({ org }) => ({
      method: "POST",
      path: "/api/credits",
      token: org.admin,
      body: credit("k1"),
      headers: { "Idempotency-Key": "k2" },
    }),
  },
  {
    name: "a replayed credit key with another body",
    status: 409,
    code: "idempotency-conflict",
    async setup({ world, org }) {
      expect((await call(world, "POST", "/api/credits", { token: org.admin, body: credit("replay/1") })).status).to.equal(200);
    },
    request: ({ org }) => ({ method: "POST", path: "/api/credits", token: org.admin, body: credit("replay/1", "7.00") }),
  },
  {
    name: "a replayed checkout key with another plan",
    status: 409,
    code: "idempotency-conflict",
    async setup(ctx) {
      const first = await portalPlan(ctx.world, ctx.org, "acc-1", { key: "replay/checkout" });
      expect((await call(ctx.world, "POST", "/api/checkouts", { token: ctx.org.member, body: first })).status).to.equal(200);
    },
    request: async (ctx) => {
      const second = await portalPlan(ctx.world, ctx.org, "acc-1", {
        key: "replay/checkout",
        feeIds: ["f2"],
        applyCredit: false,
        tenders: [{ method: "card", amount: "40.00" }],
      });
      return { method: "POST", path: "/api/checkouts", token: ctx.org.member, body: second };
    },
  },
  {
    name: "a replayed reversal key on another payment",
    status: 409,
    code: "idempotency-conflict",
    async setup(ctx) {
      for (const [accountId, key] of [
        ["acc-1", "pay/a"],
        ["acc-2", "pay/b"],
      ] as const) {
        const p = await portalPlan(ctx.world, ctx.org, accountId, {
          key,
          applyCredit: false,
          tenders: [{ method: "card", amount: "100.00" }],
        });
        expect((await call(ctx.world, "POST", "/api/checkouts", { token: ctx.org.admin, body: p })).status).to.equal(200);
      }
      const body = { accountId: "acc-1", entryId: "pay/a#0", date: "2026-11-21", key: "void/1" };
      expect((await call(ctx.world, "POST", "/api/payment-reversals", { token: ctx.org.admin, body })).status).to.equal(200);
    },
    request: ({ org }) => ({
      method: "POST",
      path: "/api/payment-reversals",
      token: org.admin,
      body: { accountId: "acc-2", entryId: "pay/b#0", date: "2026-11-21", key: "void/1" },
    }),
  },
  {
    name: "a route that does not exist",
    status: 404,
    code: "not-found",
    request: ({ org }) => ({ method: "GET", path: "/api/admin/export", token: org.admin }),
  },
  {
    name: "DELETE of an account",
    status: 404,
    code: "not-found",
    request: ({ org }) => ({ method: "DELETE", path: "/api/accounts/acc-1", token: org.admin }),
  },
  {
    name: "a run of another organisation (or none) by id",
    status: 404,
    code: "unknown-id",
    request: ({ org }) => ({ method: "GET", path: "/api/runs/run-of-someone-else", token: org.admin }),
  },
];
