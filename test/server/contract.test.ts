/**
 * The server's contract around the routes: the OpenAPI document (every
 * route, every reference resolved, valid OpenAPI 3.0 by a validator), the
 * host's own `authenticate`, and the error mapping (a storage failure is a
 * 503 to retry; an unexpected one is a 500 `internal` that leaks nothing).
 */
import { CreditKitError, messageFor } from "@creditkit/core";
import { compileErrors, validate } from "@readme/openapi-parser";
import { expect } from "chai";
import { createServer, type ServerDataSource, STATUS_OF } from "../../packages/server/src/index.js";
import { call, closeWorld, freshOrg, openWorld, perServerEngine, type World } from "./helpers.js";

const ROUTES = [
  "GET /api/session",
  "GET /api/settings",
  "PATCH /api/settings",
  "GET /api/accounts",
  "GET /api/accounts/{accountId}",
  "POST /api/accounts/snapshots",
  "POST /api/entries/search",
  "POST /api/checkouts",
  "POST /api/credits",
  "POST /api/jobs/{kind}/{id}/cancel",
  "POST /api/payment-reversals",
  "GET /api/jobs",
  "GET /api/jobs/{kind}/{id}",
  "GET /api/runs",
  "GET /api/runs/{runId}",
  "POST /api/runs",
  "POST /api/runs/{runId}/resume",
  "POST /api/runs/{runId}/reversal",
  "POST /api/batches",
  "GET /api/data-set",
  "GET /api/lists",
  "GET /api/gateway/cards",
  "GET /api/previews/context",
  "POST /api/previews",
  "GET /api/previews/{previewId}/rows",
  "POST /api/previews/{previewId}/explain",
  "POST /api/previews/{previewId}/run",
  "PUT /api/data-set",
  "POST /api/dev/sign-in",
  "GET /api/changes",
];

/** Every `$ref` in `value`. */
function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refs(v, found);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") found.push(v);
      else refs(v, found);
    }
  }
  return found;
}

/** A server over one hand-made data source, signed in by a header. */
function hostServer(source: Partial<ServerDataSource>, unexpected: unknown[] = []) {
  return createServer({
    dataSourceFor: async () => ({ currency: "USD", ...source }) as ServerDataSource,
    authenticate: (request) =>
      request.headers.get("x-host-session") === "ok" ? { orgId: "host-org", role: "admin", accountIds: [] } : undefined,
    onUnexpected: (error) => unexpected.push(error),
  });
}

perServerEngine((engine) => {
  describe(`server contract (${engine.name})`, function () {
    this.timeout(60_000);
    let world: World;
    before(async () => {
      world = await openWorld(engine);
    });
    after(() => closeWorld(world));

    it("GET /api/openapi.json: OpenAPI 3 with every route, each answer described, every reference resolved", async () => {
      const answer = await call(world, "GET", "/api/openapi.json");
      expect(answer.status).to.equal(200);
      const doc = answer.body;
      expect(doc.openapi).to.match(/^3\.0\.\d$/);
      expect(doc.info.title).to.equal("creditkit");
      const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect([...listed].sort()).to.deep.equal([...ROUTES].sort());
      for (const [path, ops] of Object.entries(
        doc.paths as Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown }>>,
      )) {
        for (const [method, op] of Object.entries(ops)) {
          expect(Object.keys(op.responses), `${method} ${path}`).to.include.members(["400", "401"]);
          if (path !== "/api/dev/sign-in") expect(op.security, `${method} ${path}`).to.deep.equal([{ bearer: [] }]);
        }
      }
      expect(doc.components.securitySchemes.bearer).to.include({ type: "http", scheme: "bearer" });
      const schemas = doc.components.schemas as Record<string, unknown>;
      for (const name of [
        "CheckoutPlan",
        "CommitResult",
        "AccountSnapshot",
        "LedgerEntry",
        "RunPlan",
        "RunRecord",
        "SettleBatch",
        "BatchResult",
        "DataSet",
        "Error",
      ]) {
        expect(schemas, name).to.have.property(name);
      }
      for (const ref of refs(doc)) {
        expect(ref).to.match(/^#\/components\/schemas\//);
        expect(schemas, ref).to.have.property(ref.slice("#/components/schemas/".length));
      }
    });

    it("GET /api/openapi.json validates as OpenAPI 3.0 (@readme/openapi-parser); a broken copy does not", async () => {
      const doc = (await call(world, "GET", "/api/openapi.json")).body;
      const result = await validate(structuredClone(doc));
      expect(result.valid, result.valid ? "" : compileErrors(result)).to.equal(true);
      const broken = structuredClone(doc);
      delete broken.info.title;
      broken.paths["/api/session"].get.responses = { "200": { content: {} } };
      const refused = await validate(broken);
      expect(refused.valid).to.equal(false);
    });

    it("the host's authenticate signs in; without a dev secret there is no dev sign-in", async () => {
      const server = hostServer({
        getSettings: async () => ({ autoApply: true, overpaymentToCredit: false, portalPartialPayments: false }),
      });
      const ok = await server.request("/api/settings", { headers: { "x-host-session": "ok" } });
      expect(ok.status).to.equal(200);
      expect((await server.request("/api/settings")).status).to.equal(401);
      const signIn = await server.request("/api/dev/sign-in", {
        method: "POST",
        body: JSON.stringify({ orgId: "host-org", role: "admin" }),
        headers: { "content-type": "application/json" },
      });
      expect(signIn.status).to.equal(401);
    });

    it("an unexpected failure is a 500 internal that leaks nothing; a storage failure a 503 with Retry-After", async () => {
      const unexpected: unknown[] = [];
      const server = hostServer(
        {
          listAccounts: async () => {
            throw new Error("connect postgres://app:hunter2@db.internal failed");
          },
          getSettings: async () => {
            throw new CreditKitError("storage-timeout");
          },
        },
        unexpected,
      );
      const broken = await server.request("/api/accounts", { headers: { "x-host-session": "ok" } });
      expect(broken.status).to.equal(500);
      const text = await broken.text();
      expect(JSON.parse(text)).to.deep.equal({ code: "internal", message: messageFor("internal") });
      expect(text).not.to.include("hunter2");
      expect(unexpected).to.have.length(1);
      const busy = await server.request("/api/settings", { headers: { "x-host-session": "ok" } });
      expect(busy.status).to.equal(503);
      expect(busy.headers.get("retry-after")).to.equal("1");
      expect((await busy.json()).code).to.equal("storage-timeout");
    });

    it("a 401 names the bearer scheme; the typed code table gives every code a 4xx or 5xx", async () => {
      const answer = await call(world, "GET", "/api/accounts");
      expect(answer.headers.get("www-authenticate")).to.match(/^Bearer/);
      for (const [code, status] of Object.entries(STATUS_OF)) expect(status, code).to.be.within(400, 599);
      expect(STATUS_OF["unknown-account"]).to.equal(404);
      expect(STATUS_OF["idempotency-conflict"]).to.equal(409);
    });

    it("refuses to start without a sign-in, or with a short dev secret", () => {
      expect(() => createServer({ ledger: world.db })).to.throw(TypeError);
      expect(() => createServer({ ledger: world.db, devSecret: "short" })).to.throw(CreditKitError);
    });

    it("a token of an organisation that does not exist reads nothing (404 unknown-id)", async () => {
      const org = await freshOrg(world);
      const token = (await call(world, "POST", "/api/dev/sign-in", { body: { orgId: `${org.orgId}-not`, role: "admin" } })).body.token;
      const answer = await call(world, "GET", "/api/accounts", { token });
      expect(answer.status).to.equal(404);
      expect(answer.body.code).to.equal("unknown-id");
    });
  });
});
