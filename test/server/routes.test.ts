/**
 * The API's happy paths, one per route, on PGlite in memory: an admin and a
 * member of the same organisation, money operations idempotent across
 * retries, and the OpenAPI document listing every route.
 */
import type { RunPlan } from "@creditkit/core";
import { generateDataSet } from "@creditkit/core/demo";
import { expect } from "chai";
import { grant } from "../postgres/helpers.js";
import { call, closeWorld, freshOrg, jobEnd, type Org, openWorld, perServerEngine, portalPlan, type World } from "./helpers.js";

function runPlan(runId: string): RunPlan {
  const request = {
    description: "Pool closed",
    creditType: "weather",
    creditTypeName: "Weather",
    date: "2026-11-20",
    amount: "5.00",
    currency: "USD",
    mode: "family" as const,
    location: "down",
    locationName: "Down",
  };
  const posts = ["acc-1", "acc-2"].map((id, i) => ({
    key: `${runId}/${id}`,
    rowKey: id,
    familyId: id,
    familyName: `Family ${i + 1}`,
    amount: "5.00",
  }));
  return { runId, request, filters: ["Everyone"], posts, count: 2, total: "10.00" };
}

perServerEngine((engine) => {
  describe(`server routes (${engine.name})`, function () {
    this.timeout(60_000);
    let world: World;
    let org: Org;
    before(async () => {
      world = await openWorld(engine);
    });
    after(() => closeWorld(world));
    beforeEach(async () => {
      org = await freshOrg(world);
    });
    afterEach(() => {
      expect(world.unexpected).to.deep.equal([]);
    });

    it("GET /api/session and /api/settings; PATCH /api/settings (admin)", async () => {
      const session = await call(world, "GET", "/api/session", { token: org.member });
      expect(session.status).to.equal(200);
      expect(session.body).to.deep.equal({ orgId: org.orgId, role: "member", accountIds: ["acc-1"], currency: "USD" });
      expect((await call(world, "GET", "/api/settings", { token: org.member })).body.autoApply).to.equal(false);
      const patched = await call(world, "PATCH", "/api/settings", { token: org.admin, body: { portalPartialPayments: true } });
      expect(patched.status).to.equal(200);
      expect(patched.body).to.deep.equal({ autoApply: false, overpaymentToCredit: false, portalPartialPayments: true });
      expect((await org.source.getSettings()).portalPartialPayments).to.equal(true);
    });

    it("GET /api/accounts: an admin sees all, a member their own", async () => {
      expect((await call(world, "GET", "/api/accounts", { token: org.admin })).body.map((a: { id: string }) => a.id)).to.deep.equal([
        "acc-1",
        "acc-2",
        "acc-3",
      ]);
      expect((await call(world, "GET", "/api/accounts", { token: org.member })).body).to.deep.equal([
        { id: "acc-1", name: "Family 1", kind: "family" },
      ]);
    });

    it("GET /api/accounts/{id} and POST /api/accounts/snapshots answer the core's snapshots", async () => {
      const one = await call(world, "GET", "/api/accounts/acc-1", { token: org.member });
      expect(one.status).to.equal(200);
      expect(one.body).to.deep.equal(JSON.parse(JSON.stringify(await org.source.getAccount("acc-1"))));
      expect(one.body.amountDue).to.equal("140.00");
      const many = await call(world, "POST", "/api/accounts/snapshots", { token: org.admin, body: { accountIds: ["acc-2", "acc-3"] } });
      expect(many.body.map((s: { account: { id: string } }) => s.account.id)).to.deep.equal(["acc-2", "acc-3"]);
      const mine = await call(world, "POST", "/api/accounts/snapshots", { token: org.member, body: {} });
      expect(mine.body.map((s: { account: { id: string } }) => s.account.id)).to.deep.equal(["acc-1"]);
    });

    it("POST /api/entries/search: by account and date; a member's own only", async () => {
      const all = await call(world, "POST", "/api/entries/search", { token: org.admin, body: {} });
      expect(all.body).to.have.length(9);
      const mine = await call(world, "POST", "/api/entries/search", { token: org.member, body: { from: "2026-10-01", to: "2026-10-31" } });
      expect(mine.body.map((e: { accountId: string; type: string }) => `${e.accountId} ${e.type}`)).to.deep.equal(["acc-1 Account Credit"]);
    });

    it("POST /api/checkouts: a member's portal checkout, written once across retries (header key too)", async () => {
      const plan = await portalPlan(world, org, "acc-1");
      const first = await call(world, "POST", "/api/checkouts", {
        token: org.member,
        body: plan,
        headers: { "Idempotency-Key": plan.key },
      });
      expect(first.status, JSON.stringify(first.body)).to.equal(200);
      expect(first.body.status).to.equal("committed");
      expect(first.body.entries.map((e: { type: string }) => e.type)).to.deep.equal(["Payment (AC)", "Payment"]);
      const again = await call(world, "POST", "/api/checkouts", { token: org.member, body: plan });
      expect(again.status).to.equal(200);
      expect(again.body.status).to.equal("duplicate");
      expect((await org.source.getAccount("acc-1")).amountDue).to.equal("40.00");
    });

    it("POST /api/checkouts: an admin records a cash checkout", async () => {
      const snapshot = (await call(world, "GET", "/api/accounts/acc-2", { token: org.admin })).body;
      const { planCheckout } = await import("@creditkit/core");
      const plan = planCheckout(
        snapshot,
        {
          key: "desk/1",
          channel: "admin",
          date: "2026-11-20",
          feeIds: ["f2"],
          applyCredit: false,
          tenders: [{ method: "cash", amount: "50.00" }],
        },
        await org.source.getSettings(),
      );
      const answer = await call(world, "POST", "/api/checkouts", { token: org.admin, body: plan });
      expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
      expect((await org.source.getAccount("acc-2")).amountDue).to.equal("100.00");
    });

    it("POST /api/credits: posted once; the header may carry the key", async () => {
      const grants = [grant("acc-2", "g2", "15.00", "goodwill/1")];
      const first = await call(world, "POST", "/api/credits", {
        token: org.admin,
        body: { grants },
        headers: { "Idempotency-Key": "goodwill/1" },
      });
      expect(first.status, JSON.stringify(first.body)).to.equal(200);
      expect(first.body.status).to.equal("committed");
      const again = await call(world, "POST", "/api/credits", { token: org.admin, body: { key: "goodwill/1", grants } });
      expect(again.body.status).to.equal("duplicate");
      expect((await org.source.getAccount("acc-2")).accountCredit).to.equal("40.00");
    });

    it("POST /api/payment-reversals: an admin reverses a payment once", async () => {
      const plan = await portalPlan(world, org, "acc-1");
      const paid = await call(world, "POST", "/api/checkouts", { token: org.member, body: plan });
      const payment = paid.body.entries.find((e: { type: string }) => e.type === "Payment");
      const body = { accountId: "acc-1", entryId: payment.id, date: "2026-11-21" };
      const first = await call(world, "POST", "/api/payment-reversals", { token: org.admin, body });
      expect(first.status, JSON.stringify(first.body)).to.equal(200);
      expect(first.body.entries[0].type).to.equal("Void");
      expect((await call(world, "POST", "/api/payment-reversals", { token: org.admin, body })).body.status).to.equal("duplicate");
      expect((await org.source.getAccount("acc-1")).amountDue).to.equal("115.00");
    });

    it("POST /api/runs, GET /api/runs, GET /api/runs/{id}, POST /api/runs/{id}/resume (jobs: see jobs.test.ts)", async () => {
      const queued = await call(world, "POST", "/api/runs", { token: org.admin, body: runPlan("run-1") });
      expect(queued.status, JSON.stringify(queued.body)).to.equal(202);
      expect((await jobEnd(world, org.admin, queued)).result).to.include({ runId: "run-1", status: "done", issued: 2, total: "10.00" });
      const list = await call(world, "GET", "/api/runs", { token: org.admin });
      expect(list.body.map((r: { runId: string; status: string }) => `${r.runId} ${r.status}`)).to.deep.equal(["run-1 done"]);
      const one = await call(world, "GET", "/api/runs/run-1", { token: org.admin });
      expect(one.body.record.count).to.equal(2);
      const resumed = await call(world, "POST", "/api/runs/run-1/resume", { token: org.admin });
      expect((await jobEnd(world, org.admin, resumed)).result).to.include({ issued: 0, skipped: 2 });
      expect((await org.source.getAccount("acc-1")).accountCredit).to.equal("30.00");
    });

    it("POST /api/runs/{id}/reversal: an admin voids a processed run's unused credit once; members may not", async () => {
      await jobEnd(world, org.admin, await call(world, "POST", "/api/runs", { token: org.admin, body: runPlan("run-r") }));
      expect((await org.source.getAccount("acc-1")).accountCredit).to.equal("30.00");
      const member = await call(world, "POST", "/api/runs/run-r/reversal", { token: org.member, body: { date: "2026-11-21" } });
      expect([member.status, member.body.code]).to.deep.equal([403, "forbidden"]);
      const reversed = await call(world, "POST", "/api/runs/run-r/reversal", { token: org.admin, body: { date: "2026-11-21" } });
      expect(reversed.status, JSON.stringify(reversed.body)).to.equal(200);
      expect(reversed.body.totals).to.include({ issued: "10.00", voided: "10.00" });
      expect((await org.source.getAccount("acc-1")).accountCredit).to.equal("25.00");
      const again = await call(world, "POST", "/api/runs/run-r/reversal", { token: org.admin, body: { date: "2026-11-21" } });
      expect(again.status).to.equal(200);
      expect((await org.source.getAccount("acc-1")).accountCredit, "nothing voided twice").to.equal("25.00");
      const unknown = await call(world, "POST", "/api/runs/never/reversal", { token: org.admin, body: { date: "2026-11-21" } });
      expect([unknown.status, unknown.body.code]).to.deep.equal([404, "unknown-id"]);
    });

    it("POST /api/batches: settled through the server's gateway, each invoice charged once", async () => {
      const body = {
        batchId: "dues-nov",
        applyCredit: true,
        date: "2026-11-20",
        invoices: [
          { invoiceId: "i1", accountId: "acc-1", feeIds: ["f1"] },
          { invoiceId: "i2", accountId: "acc-2", feeIds: ["f2"] },
        ],
      };
      const first = await call(world, "POST", "/api/batches", { token: org.admin, body });
      expect(first.status, JSON.stringify(first.body)).to.equal(202);
      const result = (await jobEnd(world, org.admin, first)).result;
      expect(result.results.map((r: { outcome: string }) => r.outcome)).to.deep.equal([
        "paid-by-charge-and-credit",
        "paid-by-charge-and-credit",
      ]);
      expect(result.summary.charged).to.equal("90.00");
      const again = (await jobEnd(world, org.admin, await call(world, "POST", "/api/batches", { token: org.admin, body }))).result;
      expect(again.results.map((r: { outcome: string }) => r.outcome)).to.deep.equal(["already-settled", "already-settled"]);
      expect(await org.source.gateway.charges()).to.have.length(2);
    });

    it("a declared Content-Length over the limit is refused (413) from the header; a body without one is counted as it arrives", async () => {
      const big = await call(world, "POST", "/api/credits", {
        token: org.admin,
        raw: "{}",
        headers: { "content-length": String(2 * 1024 * 1024) },
      });
      expect([big.status, big.body?.code]).to.deep.equal([413, "too-large"]);
      const chunked = await call(world, "POST", "/api/credits", { token: org.admin, raw: `{"key":"${"k".repeat(2 * 1024 * 1024)}"}` });
      expect([chunked.status, chunked.body?.code]).to.deep.equal([413, "too-large"]);
    });

    it("GET /api/lists: the named lists alone, for a member too (null before a data set is stored)", async () => {
      expect((await call(world, "GET", "/api/lists", { token: org.member })).body).to.deep.equal({ lists: null });
      await org.source.putDataSet(generateDataSet({ seed: 7, families: 3 }));
      const answer = await call(world, "GET", "/api/lists", { token: org.member });
      expect(answer.status).to.equal(200);
      expect(answer.body.lists.creditTypes.length).to.be.greaterThan(0);
      expect(Object.keys(answer.body)).to.deep.equal(["lists"]);
      expect((await call(world, "GET", "/api/data-set", { token: org.member })).status, "the data set stays the admins'").to.equal(403);
    });

    it("PUT and GET /api/data-set", async () => {
      expect((await call(world, "GET", "/api/data-set", { token: org.admin })).body).to.deep.equal({ dataSet: null });
      const dataSet = generateDataSet({ seed: 7, families: 3 });
      const put = await call(world, "PUT", "/api/data-set", { token: org.admin, body: dataSet });
      expect(put.status, JSON.stringify(put.body)).to.equal(204);
      const got = await call(world, "GET", "/api/data-set", { token: org.admin });
      expect(got.body.dataSet.families).to.have.length(3);
      expect(got.body.dataSet.currency).to.equal("USD");
    });
  });
});
