import type { DataSourceChange } from "@creditkit/core";
import { expect } from "chai";
import { createMemoryDataSource, createMemoryStore, seedDemoData } from "../../packages/store/src/index.js";
import { databases, eventually, fee, grant, openFamilies, uniqueName } from "./helpers.js";

describe("store: two tabs, notifications and the stored gateway", () => {
  const dbs = databases();
  afterEach(() => dbs.cleanUp());

  it("a balance change made on one connection notifies the other (BroadcastChannel), which re-reads it from IndexedDB", async () => {
    const name = uniqueName();
    const a = await dbs.open(name, { settings: { autoApply: false } });
    await openFamilies(a, 2);
    const b = await dbs.open(name);
    const heardByB: DataSourceChange[] = [];
    const heardByA: DataSourceChange[] = [];
    b.subscribe((change) => heardByB.push(change));
    a.subscribe((change) => heardByA.push(change));

    await a.commit("grant/F1/g", [grant("F1", "g", "12.00")]);
    expect(heardByA).to.deep.equal([{ key: "grant/F1/g", accountIds: ["F1"] }]);
    await eventually(() => heardByB.length > 0);
    expect(heardByB[0]).to.deep.equal({ key: "grant/F1/g", accountIds: ["F1"], remote: true });
    expect((await b.getAccount("F1")).accountCredit).to.equal("12.00");

    await b.commit("fee/F2/a", [fee("F2", "a", "4.00")]);
    await eventually(() => heardByA.some((c) => c.remote === true && c.accountIds.includes("F2")));
    expect((await a.getAccount("F2")).amountDue).to.equal("4.00");
    expect(await a.getSettings()).to.deep.equal(await b.getSettings());
  });

  it("an import on one connection reloads the other", async () => {
    const name = uniqueName();
    const a = await dbs.open(name);
    await openFamilies(a, 1);
    const b = await dbs.open(name);
    const backup = await a.exportLedger();
    await a.commit("grant/F1/g", [grant("F1", "g", "1.00")]);
    await a.importLedger(backup);
    await b.sync();
    expect((await b.exportLedger()).ledger).to.deep.equal(backup.ledger);
  });

  it("the simulated gateway keeps cards, scripts and charges across a reload, and never charges a key twice", async () => {
    const name = uniqueName();
    const first = await dbs.open(name, { settings: { autoApply: false } });
    await openFamilies(first, 3);
    for (const id of ["F1", "F2", "F3"]) await first.commit(`fee/${id}/d`, [fee(id, "d", "20.00")]);
    await first.commit("grant/F1/g", [grant("F1", "g", "5.00")]);
    await first.gateway.addCards(["F1", "F2", "F3"]);
    await first.gateway.script("F2", ["decline"]);
    await first.gateway.script("F3", ["timeout-no-charge", "timeout-no-charge"]);
    const invoices = ["F1", "F2", "F3"].map((id) => ({ invoiceId: id, accountId: id, feeIds: ["d"] }));
    const run = await first.settleBatch({ batchId: "dues", applyCredit: true, date: "2026-12-01", invoices, timeoutMs: 1000 });
    expect(run.results.map((r) => r.outcome)).to.deep.equal(["paid-by-charge-and-credit", "declined", "unresolved"]);
    expect(run.results[0]?.charged).to.equal("15.00");
    expect((await first.getAccount("F2")).amountDue).to.equal("20.00");
    expect((await first.reservations()).map((r) => r.key)).to.deep.equal(["dues/F3"]);
    // A charge whose answer is lost ("timeout"), asked again after the reload with the same key.
    await first.gateway.script("F9", ["timeout"]);
    await first.gateway.addCards(["F9"]);
    const lost = { accountId: "F9", amount: "3.00", currency: "USD", idempotencyKey: "manual/1", description: "Test" };
    expect((await first.gateway.charge(lost)).status).to.equal("unknown");
    first.close();

    const again = await dbs.open(name);
    expect(again.gateway.cards()).to.have.members(["F1", "F2", "F3", "F9"]);
    expect(again.gateway.charges().map((c) => c.idempotencyKey)).to.deep.equal(["dues/F1", "manual/1"]);
    const answer = await again.gateway.charge(lost);
    expect(answer).to.deep.equal({ status: "succeeded", chargeId: again.gateway.charges()[1]?.chargeId });
    expect(again.gateway.charges()).to.have.length(2);
    expect((await again.reservations()).map((r) => r.key)).to.deep.equal(["dues/F3"]);
    const rerun = await again.settleBatch({ batchId: "dues", applyCredit: true, date: "2026-12-01", invoices });
    expect(rerun.results.map((r) => r.outcome)).to.deep.equal(["already-settled", "paid-by-charge", "paid-by-charge"]);
    expect(again.gateway.charges().map((c) => c.idempotencyKey)).to.have.members(["dues/F1", "manual/1", "dues/F2", "dues/F3"]);
    expect((await again.getAccounts()).map((a) => a.amountDue)).to.deep.equal(["0.00", "0.00", "0.00"]);
    expect(await again.reservations()).to.deep.equal([]);
  });

  it("the memory data source runs the same logic: two connections to one memory store share the ledger and its notifications", async () => {
    const store = createMemoryStore();
    const a = await createMemoryDataSource({ store, currency: "USD" });
    const b = await createMemoryDataSource({ store });
    const heard: DataSourceChange[] = [];
    b.subscribe((change) => heard.push(change));
    const seeded = await seedDemoData(a, { seed: 3, families: 40 });
    expect(seeded.seeded).to.equal(true);
    expect((await seedDemoData(a, { seed: 3, families: 40 })).seeded).to.equal(false);
    await eventually(() => heard.some((c) => c.remote === true));
    await b.sync();
    expect(await b.getAccounts()).to.deep.equal(await a.getAccounts());
    expect((await b.getDataSet())?.families).to.have.length(40);
    expect(b.gateway.cards()).to.have.length(seeded.cards);
    a.close();
    b.close();
  });
});
