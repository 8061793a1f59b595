/**
 * Server jobs (issue #15): mass-credit runs and batch settlements queued by a
 * request, done by the server's worker, followed by any admin, cancelled
 * between chunks or invoices, handed back when the server stops and taken
 * over when a worker dies — each row posted and each invoice charged once.
 */
import type { RunPlan } from "@creditkit/core";
import { expect } from "chai";
import { createChanges } from "../../packages/postgres/src/changes.js";
import { createPostgresJobStore } from "../../packages/postgres/src/jobs.js";
import { settlementLedger } from "../../packages/postgres/src/reservations.js";
import { createServer } from "../../packages/server/src/index.js";
import { call, closeWorld, freshOrg, type Org, openWorld, perServerEngine, SECRET, type World, waitForJob } from "./helpers.js";

function runPlan(runId: string, amount = "5.00"): RunPlan {
  const request = {
    description: "Pool closed",
    creditType: "weather",
    creditTypeName: "Weather",
    date: "2026-11-20",
    amount,
    currency: "USD",
    mode: "family" as const,
    location: "down",
    locationName: "Down",
  };
  const posts = ["acc-1", "acc-2", "acc-3"].map((id, i) => ({
    key: `${runId}/${id}`,
    rowKey: id,
    familyId: id,
    familyName: `Family ${i + 1}`,
    amount,
  }));
  return { runId, request, filters: ["Everyone"], posts, count: 3, total: (Number.parseFloat(amount) * 3).toFixed(2) };
}

const batch = (batchId: string, accounts = ["acc-1", "acc-2", "acc-3"]) => ({
  batchId,
  applyCredit: true,
  date: "2026-11-20",
  concurrency: 1,
  invoices: accounts.map((accountId, i) => ({ invoiceId: `i${i + 1}`, accountId, feeIds: ["f1"] })),
});

perServerEngine((engine) => {
  describe(`server jobs (${engine.name})`, function () {
    this.timeout(90_000);
    let world: World;
    let org: Org;
    before(async () => {
      world = await openWorld(engine, { jobs: { worker: { leaseMs: 2000, pollMs: 50 } } });
    });
    after(() => closeWorld(world));
    beforeEach(async () => {
      org = await freshOrg(world);
    });
    afterEach(() => {
      expect(world.unexpected).to.deep.equal([]);
    });

    it("a run is a job: 202 at once, done in the background with its record; asked again, round 2 posts nothing more", async () => {
      const queued = await call(world, "POST", "/api/runs", { token: org.admin, body: runPlan("run-1") });
      expect(queued.status, JSON.stringify(queued.body)).to.equal(202);
      expect(queued.body).to.include({ kind: "run", id: "run-1", round: 1, total: 3 });
      const done = await waitForJob(world, org.admin, queued);
      expect(done.body).to.include({ status: "done", done: 3, total: 3, attempts: 1 });
      expect(done.body.result).to.include({ runId: "run-1", status: "done", issued: 3, total: "15.00" });
      expect((await call(world, "GET", "/api/runs/run-1", { token: org.admin })).body.status).to.equal("done");

      const again = await call(world, "POST", "/api/runs", { token: org.admin, body: runPlan("run-1") });
      expect(again.body).to.include({ round: 2 });
      expect((await waitForJob(world, org.admin, again)).body.result).to.include({ issued: 0, skipped: 3 });
      const resumed = await call(world, "POST", "/api/runs/run-1/resume", { token: org.admin });
      expect(resumed.status, JSON.stringify(resumed.body)).to.equal(202);
      expect((await waitForJob(world, org.admin, resumed)).body.result).to.include({ issued: 0, skipped: 3 });
      for (const id of ["acc-1", "acc-2", "acc-3"]) expect((await org.source.getAccount(id)).accountCredit).to.equal("30.00");
      const list = await call(world, "GET", "/api/jobs", { token: org.admin });
      expect(list.body.map((j: { id: string; round: number; status: string }) => `${j.id}#${j.round} ${j.status}`)).to.deep.equal([
        "run-1#3 done",
        "run-1#2 done",
        "run-1#1 done",
      ]);
      expect(list.body[0]).not.to.have.property("result");
    });

    it("another plan under a run's id is refused (409) and a bad plan at once (400): nothing is queued or posted", async () => {
      await waitForJob(world, org.admin, await call(world, "POST", "/api/runs", { token: org.admin, body: runPlan("run-2") }));
      const other = await call(world, "POST", "/api/runs", { token: org.admin, body: runPlan("run-2", "9.00") });
      expect([other.status, other.body.code]).to.deep.equal([409, "idempotency-conflict"]);
      const bad = await call(world, "POST", "/api/runs", {
        token: org.admin,
        body: { ...runPlan("run-3"), request: { ...runPlan("run-3").request, currency: "EUR" } },
      });
      expect(bad.status, JSON.stringify(bad.body)).to.equal(400);
      const resumeNothing = await call(world, "POST", "/api/runs/never-saved/resume", { token: org.admin });
      expect([resumeNothing.status, resumeNothing.body.code]).to.deep.equal([404, "unknown-id"]);
      expect((await call(world, "GET", "/api/jobs", { token: org.admin })).body.map((j: { id: string }) => j.id)).to.deep.equal(["run-2"]);
      expect((await org.source.getAccount("acc-1")).accountCredit).to.equal("30.00");
    });

    it("members may not queue, read or cancel jobs; another organisation's job is not found", async () => {
      const job = await call(world, "POST", "/api/batches", { token: org.admin, body: batch("dues-a") });
      await waitForJob(world, org.admin, job);
      for (const [method, path] of [
        ["GET", "/api/jobs"],
        ["GET", "/api/jobs/batch/dues-a"],
        ["POST", "/api/jobs/batch/dues-a/cancel"],
        ["POST", "/api/batches"],
      ] as const) {
        const answer = await call(world, method, path, { token: org.member, ...(method === "POST" ? { body: batch("dues-m") } : {}) });
        expect([path, answer.status, answer.body.code]).to.deep.equal([path, 403, "forbidden"]);
      }
      const stranger = await freshOrg(world);
      const peek = await call(world, "GET", "/api/jobs/batch/dues-a", { token: stranger.admin });
      expect([peek.status, peek.body.code]).to.deep.equal([404, "unknown-id"]);
      const stop = await call(world, "POST", "/api/jobs/batch/dues-a/cancel", { token: stranger.admin });
      expect(stop.status).to.equal(404);
      expect((await call(world, "GET", "/api/jobs", { token: stranger.admin })).body).to.deep.equal([]);
      const bad = await call(world, "GET", "/api/jobs/nonsense/dues-a", { token: org.admin });
      expect(bad.status).to.equal(400);
    });

    it("a batch is a job: each invoice charged once; a second batch under its id while it runs is refused", async () => {
      const job = await call(world, "POST", "/api/batches", { token: org.admin, body: batch("dues-b") });
      expect(job.status, JSON.stringify(job.body)).to.equal(202);
      const other = await call(world, "POST", "/api/batches", { token: org.admin, body: batch("dues-b", ["acc-1"]) });
      if (other.status !== 202) expect([other.status, other.body.code]).to.deep.equal([409, "settlement-in-progress"]);
      const done = await waitForJob(world, org.admin, job);
      expect(done.body.result.summary).to.deep.include({ total: 3, charged: "225.00", creditUsed: "75.00" });
      const again = await waitForJob(
        world,
        org.admin,
        await call(world, "POST", "/api/batches", { token: org.admin, body: batch("dues-b") }),
      );
      expect(again.body.result.results.map((r: { outcome: string }) => r.outcome)).to.deep.equal([
        "already-settled",
        "already-settled",
        "already-settled",
      ]);
      expect(await org.source.gateway.charges()).to.have.length(3);
    });
  });

  describe(`server jobs outliving a worker (${engine.name})`, function () {
    this.timeout(120_000);
    let base: World;
    const servers: World[] = [];
    /** A server on the same ledger: a slow gateway (300 ms an answer), so a batch is still going when it stops. */
    const serverOn = (worker: false | { leaseMs: number; pollMs: number; progressMs?: number }): World => {
      const unexpected: unknown[] = [];
      const server = createServer({
        ledger: base.db,
        devSecret: SECRET,
        jobs: { worker },
        dataSourceOptions: { gateway: { latencyMs: 300 } },
        onUnexpected: (error) => unexpected.push(error),
      });
      const world = { db: base.db, server, unexpected };
      servers.push(world);
      return world;
    };
    before(async () => {
      base = await openWorld(engine, { jobs: { worker: false } });
    });
    after(async () => {
      for (const w of servers) await w.server.close();
      await closeWorld(base);
    });
    afterEach(async () => {
      // A failed test must not leave its worker taking the next test's jobs.
      for (const w of servers) await w.server.close();
      for (const w of servers) expect(w.unexpected).to.deep.equal([]);
    });

    it("an admin's cancel stops a batch between invoices: what was charged stays, the rest is skipped", async () => {
      const world = serverOn({ leaseMs: 600, pollMs: 30, progressMs: 10 });
      const org = await freshOrg(world);
      const job = await call(world, "POST", "/api/batches", { token: org.admin, body: batch("dues-c") });
      await waitForJob(world, org.admin, job, (j) => j.body.done >= 1);
      expect((await call(world, "POST", "/api/jobs/batch/dues-c/cancel", { token: org.admin })).body.cancelRequested).to.equal(true);
      const done = await waitForJob(world, org.admin, job);
      expect(done.body.result.aborted).to.equal(true);
      const outcomes: string[] = done.body.result.results.map((r: { outcome: string }) => r.outcome);
      expect(outcomes).to.include("skipped");
      expect(await org.source.gateway.charges()).to.have.length(outcomes.filter((o) => o.startsWith("paid")).length);
      await world.server.close();
    });

    it("the server stops mid-batch: the job goes back to the queue and the next server finishes it, each invoice charged once", async () => {
      const first = serverOn({ leaseMs: 600, pollMs: 30, progressMs: 10 });
      const org = await freshOrg(first);
      const job = await call(first, "POST", "/api/batches", { token: org.admin, body: batch("dues-d") });
      await waitForJob(first, org.admin, job, (j) => j.body.done >= 1);
      await first.server.close();
      const stopped = await call(serverOn(false), "GET", "/api/jobs/batch/dues-d", { token: org.admin });
      expect(stopped.body.status).to.equal("queued");

      const next = serverOn({ leaseMs: 600, pollMs: 30 });
      const done = await waitForJob(next, org.admin, job);
      expect(done.body.attempts).to.equal(2);
      const outcomes: string[] = done.body.result.results.map((r: { outcome: string }) => r.outcome);
      expect(outcomes).to.include("already-settled");
      expect(
        outcomes.every((o) => o === "already-settled" || o.startsWith("paid")),
        outcomes.join(),
      ).to.equal(true);
      const charges = await org.source.gateway.charges();
      expect(charges.map((c) => c.idempotencyKey).sort()).to.deep.equal(["dues-d/i1", "dues-d/i2", "dues-d/i3"]);
      for (const id of ["acc-1", "acc-2", "acc-3"]) expect((await org.source.getAccount(id)).amountDue).to.equal("40.00");
      await next.server.close();
    });

    it("a worker that died holding a batch (its lease ran out, its reservation still owned) is taken over: each invoice charged once", async () => {
      const parked = serverOn(false);
      const org = await freshOrg(parked);
      const job = await call(parked, "POST", "/api/batches", { token: org.admin, body: batch("dues-e", ["acc-1", "acc-2"]) });
      expect(job.status).to.equal(202);
      // A worker takes it, reserves the first invoice for ten minutes, and dies before charging.
      const store = createPostgresJobStore(base.db);
      const dead = await store.claim("dead-worker", 100);
      expect(dead).to.include({ id: "dues-e", round: 1 });
      const scope = { db: base.db, orgId: org.orgId, currency: "USD", changes: createChanges(base.db, org.orgId) };
      await settlementLedger(scope, 600_000).reserve({
        key: "dues-e/i1",
        accountId: "acc-1",
        feeIds: ["f1"],
        credit: "25.00",
        owner: "the-dead-one",
      });
      await scope.changes.close();
      await store.close();
      expect((await org.source.reservations()).map((r) => r.key)).to.deep.equal(["dues-e/i1"]);

      const next = serverOn({ leaseMs: 600, pollMs: 30 });
      const done = await waitForJob(next, org.admin, job);
      expect(done.body.attempts).to.equal(2);
      expect(done.body.result.results.map((r: { outcome: string }) => r.outcome)).to.deep.equal([
        "paid-by-charge-and-credit",
        "paid-by-charge-and-credit",
      ]);
      expect((await org.source.gateway.charges()).map((c) => c.idempotencyKey)).to.deep.equal(["dues-e/i1", "dues-e/i2"]);
      expect(await org.source.reservations()).to.deep.equal([]);
      await next.server.close();
    });
  });
});
