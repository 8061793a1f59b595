/**
 * Mass-credit previews on the server (issue #15): worked out in a worker
 * thread over the data set read from the ledger; the browser gets the
 * summary, the totals and the rows in pages (never the data set), an
 * explanation per family, and a run planned from the reviewed rows.
 */
import { type MassCreditRequest, previewMassCredit } from "@creditkit/core";
import { generateDataSet } from "@creditkit/core/demo";
import { expect } from "chai";
import { call, closeWorld, freshOrg, jobEnd, type Org, openWorld, perServerEngine, type World } from "./helpers.js";

const dataSet = generateDataSet({ seed: 11, families: 60 });

function request(): MassCreditRequest {
  return {
    description: "Pool closed",
    creditType: dataSet.lists.creditTypes[0]?.id ?? "",
    location: dataSet.lists.locations[0]?.id ?? "",
    date: "2026-11-20",
    amount: "7.50",
    currency: "USD",
    mode: "student",
  } as MassCreditRequest;
}

perServerEngine((engine) => {
  describe(`server previews (${engine.name})`, function () {
    this.timeout(90_000);
    let world: World;
    let org: Org;
    before(async () => {
      world = await openWorld(engine);
    });
    after(() => closeWorld(world));
    beforeEach(async () => {
      org = await freshOrg(world);
      await org.source.openAccounts(dataSet.families.map((f) => ({ id: f.id, name: f.name, kind: "family" as const })));
      await org.source.putDataSet(dataSet);
    });
    afterEach(() => {
      expect(world.unexpected).to.deep.equal([]);
    });

    it("answers the core's preview of the stored data set: summary, totals and rows a page at a time, never the data set", async () => {
      const expected = previewMassCredit(request(), (await org.source.getDataSet()) ?? dataSet);
      expect(expected.count).to.be.greaterThan(25);
      const first = await call(world, "POST", "/api/previews?limit=10", { token: org.admin, body: request() });
      expect(first.status, JSON.stringify(first.body)).to.equal(200);
      expect(Object.keys(first.body).sort()).to.deep.equal(["asOf", "count", "offset", "previewId", "request", "rows", "summary", "total"]);
      expect([first.body.count, first.body.total, first.body.summary]).to.deep.equal([expected.count, expected.total, expected.summary]);
      expect(first.body.rows).to.deep.equal(expected.rows.slice(0, 10));
      const page = await call(world, "GET", `/api/previews/${first.body.previewId}/rows?offset=10&limit=15`, { token: org.admin });
      expect(page.body).to.deep.equal({ offset: 10, count: expected.count, rows: expected.rows.slice(10, 25) });
      const past = await call(world, "GET", `/api/previews/${first.body.previewId}/rows?offset=${expected.count}`, { token: org.admin });
      expect(past.body.rows).to.deep.equal([]);
      expect(JSON.stringify(first.body)).not.to.include("enrollments");
    });

    it("explains a family, and plans the run from the reviewed rows less those deselected (each posted once)", async () => {
      const first = await call(world, "POST", "/api/previews", { token: org.admin, body: request() });
      const { previewId, rows } = first.body as { previewId: string; rows: { rowKey: string; familyId: string }[] };
      const row = rows[0] as { rowKey: string; familyId: string };
      const why = await call(world, "POST", `/api/previews/${previewId}/explain`, { token: org.admin, body: { familyId: row.familyId } });
      expect(why.status, JSON.stringify(why.body)).to.equal(200);
      expect(why.body).to.include({ familyId: row.familyId, qualifies: true });
      expect(why.body.lines.length).to.be.greaterThan(0);

      const deselected = rows.slice(0, 3).map((r) => r.rowKey);
      const queued = await call(world, "POST", `/api/previews/${previewId}/run`, {
        token: org.admin,
        body: { runId: "from-preview", deselected },
      });
      expect(queued.status, JSON.stringify(queued.body)).to.equal(202);
      const record = (await jobEnd(world, org.admin, queued)).result;
      expect(record).to.include({ runId: "from-preview", status: "done", count: first.body.count - 3, issued: first.body.count - 3 });
      expect(record.request.creditTypeName).to.equal(dataSet.lists.creditTypes[0]?.name);
      const credited = new Set(record.credits.map((c: { rowKey: string }) => c.rowKey));
      expect(credited.size).to.equal(first.body.count - 3);
      for (const key of deselected) expect(credited.has(key)).to.equal(false);
      const again = await call(world, "POST", `/api/previews/${previewId}/run`, {
        token: org.admin,
        body: { runId: "from-preview", deselected },
      });
      expect((await jobEnd(world, org.admin, again)).result).to.include({ issued: 0, skipped: first.body.count - 3 });
    });

    it("refuses members, other organisations' previews, unknown ids and bad requests with typed errors", async () => {
      const mine = await call(world, "POST", "/api/previews", { token: org.admin, body: request() });
      const member = await call(world, "POST", "/api/previews", { token: org.member, body: request() });
      expect([member.status, member.body.code]).to.deep.equal([403, "forbidden"]);
      const stranger = await freshOrg(world);
      for (const path of [`/api/previews/${mine.body.previewId}/rows`, "/api/previews/never/rows"]) {
        const answer = await call(world, "GET", path, { token: stranger.admin });
        expect([answer.status, answer.body.code]).to.deep.equal([404, "unknown-id"]);
      }
      const noData = await call(world, "POST", "/api/previews", { token: stranger.admin, body: request() });
      expect([noData.status, noData.body.code]).to.deep.equal([404, "not-found"]);
      const percent = await call(world, "POST", "/api/previews", { token: org.admin, body: { ...request(), amount: "10%" } });
      expect([percent.status, percent.body.code]).to.deep.equal([400, "percent-not-supported"]);
      const huge = await call(world, "GET", `/api/previews/${mine.body.previewId}/rows?limit=5000`, { token: org.admin });
      expect(huge.status).to.equal(400);
    });
  });
});
