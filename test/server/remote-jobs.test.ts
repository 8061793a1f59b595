/**
 * The remote data source and server jobs: `processRun` and `settleBatch`
 * queue a job and follow it with progress; another admin's page sees the job
 * in `jobs.list()` and follows it to the same result; a page that stops
 * following (closed) leaves the job running to its end.
 */
import type { BatchResult, RunPlan, RunRecord } from "@creditkit/core";
import { expect } from "chai";
import { familyRunPlan, fee } from "../postgres/helpers.js";
import { type Listening, listening, type RemoteOrg, remoteOrg, signIn } from "./remote-helpers.js";

const families = Array.from({ length: 30 }, (_, i) => ({ id: `fam-${i + 1}`, name: `Family ${i + 1}` }));

describe("remote data source: runs and batches as server jobs", function () {
  this.timeout(60_000);
  let at: Listening;
  let org: RemoteOrg;
  before(async () => {
    at = await listening();
  });
  after(() => at.close());
  beforeEach(async () => {
    org = await remoteOrg(at, { jobIntervalMs: 20 });
    await org.direct.openAccounts(families.map((f) => ({ id: f.id, name: f.name, kind: "family" as const })));
  });
  afterEach(async () => {
    await org.close();
    expect(at.unexpected).to.deep.equal([]);
  });

  it("processRun queues the job, reports its progress and answers its record; another page lists it and follows it to the same record", async () => {
    const plan: RunPlan = familyRunPlan(families, "run-remote");
    const other = await org.remote();
    const seen: number[] = [];
    const mine = org.source.processRun(plan, { onProgress: (p) => seen.push(p.done) });
    let listed = await other.jobs.list();
    for (let i = 0; listed.length === 0 && i < 100; i++) listed = await other.jobs.list();
    expect(listed.map((j) => `${j.kind} ${j.id} #${j.round}`)).to.deep.equal(["run run-remote #1"]);
    const theirs = other.jobs.follow<RunRecord>("run", "run-remote");
    const [record, followed] = await Promise.all([mine, theirs]);
    expect(record).to.include({ runId: "run-remote", status: "done", issued: 30 });
    expect(followed).to.deep.equal(record);
    expect(seen.at(-1)).to.equal(30);
    expect((await org.direct.getAccount("fam-7")).accountCredit).to.equal("5.00");
  });

  it("a batch started by one page goes on when that page stops following; another page follows it to its result, each invoice charged once", async () => {
    for (const f of families.slice(0, 4)) {
      await org.direct.commit(`fee/${f.id}/dues`, [fee(f.id, "dues", "20.00")]);
      await org.direct.gateway.addCard(f.id);
    }
    const request = {
      batchId: "dues-remote",
      applyCredit: false,
      date: "2026-11-20",
      invoices: families.slice(0, 4).map((f) => ({ invoiceId: f.id, accountId: f.id, feeIds: ["dues"] })),
    };
    // The first page asks and is closed straight away: its following stops, the job does not.
    const closing = await org.remote();
    const asked = closing.settleBatch(request);
    let listed = await org.source.jobs.list();
    for (let i = 0; listed.length === 0 && i < 100; i++) listed = await org.source.jobs.list();
    closing.close();
    const result = await org.source.jobs.follow<BatchResult>("batch", "dues-remote");
    expect(result.summary).to.deep.include({ total: 4, charged: "80.00" });
    expect((await asked).summary).to.deep.equal(result.summary);
    expect((await org.direct.gateway.charges()).map((c) => c.idempotencyKey).sort()).to.deep.equal(
      families
        .slice(0, 4)
        .map((f) => `dues-remote/${f.id}`)
        .sort(),
    );
  });

  it("the page's gateway says which accounts hold a card with the server's gateway (admins only), so a batch preview can say 'no card on file'", async () => {
    await org.direct.gateway.addCard("fam-1");
    expect(org.source.gateway.hasCard("fam-2"), "nothing known before loadCards: no refusal is promised").to.equal(true);
    await org.source.gateway.loadCards();
    expect(families.slice(0, 3).map((f) => org.source.gateway.hasCard(f.id))).to.deep.equal([true, false, false]);
    await org.direct.gateway.addCard("fam-2");
    await org.source.gateway.loadCards();
    expect(org.source.gateway.hasCard("fam-2")).to.equal(true);
    const member = await org.remote({ token: await signIn(at, { orgId: org.orgId, role: "member", accountIds: ["fam-1"] }) });
    const refused = await member.gateway.loadCards().then(
      () => "loaded",
      (error: { code?: string }) => error.code,
    );
    expect(refused).to.equal("forbidden");
  });
});
