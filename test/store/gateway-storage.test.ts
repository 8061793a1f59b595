import { expect } from "chai";
import { createStoreDataSource } from "../../packages/store/src/data-source.js";
import { createMemoryStore } from "../../packages/store/src/index.js";
import type { ClaimAnswer, GatewayDelta } from "../../packages/store/src/stored-gateway.js";
import { databases, eventually, fee, openFamilies, uniqueName } from "./helpers.js";

/** Opens `name` at version 1 with the stores version 1 made and its one gateway value. */
function openVersion1(name: string, gateway: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const store of ["meta", "log", "values", "runParts"]) db.createObjectStore(store);
      db.createObjectStore("runs", { keyPath: "runId" });
      (request.transaction as IDBTransaction).objectStore("values").put(gateway, "gateway");
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

describe("store: the gateway stores only what changed", () => {
  const dbs = databases();
  afterEach(() => dbs.cleanUp());

  it("each charge is one claim of its key's record (never the whole state), and the other connection applies it without reloading", async () => {
    const store = createMemoryStore();
    const deltas: GatewayDelta[] = [];
    const claims: ClaimAnswer[] = [];
    const spied = store.connect();
    const putGateway = spied.putGateway.bind(spied);
    spied.putGateway = (delta) => {
      deltas.push(delta);
      return putGateway(delta);
    };
    const claimCharge = spied.claimCharge.bind(spied);
    spied.claimCharge = async (claim) => {
      const answer = await claimCharge(claim);
      claims.push(answer);
      return answer;
    };
    const a = await createStoreDataSource(spied, { currency: "USD", settings: { autoApply: false } });
    const b = await createStoreDataSource(store.connect());
    const ids = await openFamilies(a, 40);
    for (const id of ids) await a.commit(`fee/${id}/d`, [fee(id, "d", "20.00")]);
    await a.gateway.addCards(ids);
    await a.gateway.script("F2", ["decline", "succeed"]);
    deltas.length = 0;
    const invoices = ids.map((id) => ({ invoiceId: id, accountId: id, feeIds: ["d"] }));
    const run = await a.settleBatch({ batchId: "dues", applyCredit: false, date: "2026-12-01", invoices });
    expect(run.summary.counts["paid-by-charge"]).to.equal(39);
    expect(deltas, "cards and scripts untouched").to.have.length(0);
    expect(claims).to.have.length(40);
    expect(claims.filter((c) => c.kind === "attempt" && c.charge !== undefined)).to.have.length(39);
    expect(claims.find((c) => c.kind === "attempt" && c.script)).to.deep.include({ outcome: "decline", script: ["succeed"] });

    await eventually(() => b.gateway.charges().length === 39);
    expect(b.gateway.scriptOf("F2")).to.deep.equal(["succeed"]);
    expect(b.gateway.attempts()).to.equal(a.gateway.attempts());
    // B knows every key A charged: asked again, it answers with A's charge and charges nothing.
    const first = a.gateway.charges()[0];
    const again = await b.gateway.charge({
      accountId: first?.accountId ?? "",
      amount: "20.00",
      currency: "USD",
      idempotencyKey: first?.idempotencyKey ?? "",
      description: "again",
    });
    expect(again).to.deep.equal({ status: "succeeded", chargeId: first?.chargeId });
    // B's script is A's remainder: F2's next new attempt succeeds.
    await b.sync();
    const rerun = await b.settleBatch({ batchId: "dues", applyCredit: false, date: "2026-12-01", invoices });
    expect(rerun.summary.counts["paid-by-charge"]).to.equal(1);
    expect(rerun.summary.counts["already-settled"]).to.equal(39);
    expect(b.gateway.charges()).to.have.length(40);
    expect(new Set(b.gateway.charges().map((c) => c.idempotencyKey)).size).to.equal(40);
    a.close();
    b.close();
  });

  it("upgrades a version-1 database: its one gateway value becomes records, and its keys are still never charged twice", async () => {
    const name = uniqueName();
    const charge = {
      chargeId: "ch_old_1",
      accountId: "F1",
      amount: "20.00",
      currency: "USD",
      idempotencyKey: "dues/F1",
      description: "Old",
    };
    await openVersion1(name, { cards: ["F1", "F2"], scripts: { F2: ["decline"], F3: [] }, charges: [charge], attempts: 4 });
    const source = await dbs.open(name, { settings: { autoApply: false } });
    expect(source.gateway.cards()).to.have.members(["F1", "F2"]);
    expect(source.gateway.scriptOf("F2")).to.deep.equal(["decline"]);
    expect(source.gateway.charges()).to.deep.equal([charge]);
    expect(source.gateway.attempts()).to.equal(4);
    await openFamilies(source, 2);
    await source.commit("fee/F1/d", [fee("F1", "d", "20.00")]);
    await source.commit("fee/F2/d", [fee("F2", "d", "20.00")]);
    const invoices = ["F1", "F2"].map((id) => ({ invoiceId: id, accountId: id, feeIds: ["d"] }));
    const run = await source.settleBatch({ batchId: "dues", applyCredit: false, date: "2026-12-01", invoices });
    expect(run.results.map((r) => [r.outcome, r.chargeId])).to.deep.equal([
      ["paid-by-charge", "ch_old_1"],
      ["declined", undefined],
    ]);
    source.close();

    const reopened = await dbs.open(name);
    expect(reopened.gateway.charges()).to.deep.equal([charge]);
    expect(reopened.gateway.scriptOf("F2")).to.deep.equal([]);
    expect(reopened.gateway.attempts()).to.equal(6);
    const rerun = await reopened.settleBatch({ batchId: "dues", applyCredit: false, date: "2026-12-01", invoices });
    expect(rerun.results.map((r) => r.outcome)).to.deep.equal(["already-settled", "paid-by-charge"]);
    expect(reopened.gateway.charges().map((c) => c.idempotencyKey)).to.deep.equal(["dues/F1", "dues/F2"]);
  });

  it("a version-1 database without a gateway value, or with a malformed one, opens with an empty gateway", async () => {
    for (const old of [undefined, "nonsense", { cards: "F1", charges: [{ nope: 1 }] }]) {
      const name = uniqueName();
      await openVersion1(name, old);
      const source = await dbs.open(name);
      expect(source.gateway.cards()).to.deep.equal([]);
      expect(source.gateway.charges()).to.deep.equal([]);
      await source.gateway.addCards(["F1"]);
      source.close();
      expect((await dbs.open(name)).gateway.cards()).to.deep.equal(["F1"]);
    }
  });
});
