import { generateDataSet } from "@creditkit/core/demo";
import { expect } from "chai";
import { frozen } from "../../packages/store/src/frozen.js";
import { createMemoryDataSource, createMemoryStore } from "../../packages/store/src/index.js";
import { fee, grant, openFamilies } from "./helpers.js";

describe("store: the memory store shares frozen data and copies the rest", () => {
  it("frozen: deep-frozen data is kept as is; anything mutable is copied, sharing its frozen parts", () => {
    const leaf = Object.freeze({ amount: "1.00" });
    const deep = Object.freeze({ list: Object.freeze([leaf]), name: "x" });
    expect(frozen(deep)).to.equal(deep);

    const shallow = Object.freeze({ list: [leaf], name: "x" });
    const kept = frozen(shallow);
    expect(kept).not.to.equal(shallow);
    expect(kept).to.deep.equal(shallow);
    expect(Object.isFrozen(kept.list)).to.equal(true);
    expect(kept.list[0]).to.equal(leaf);

    const mutable = { a: [{ b: 1 }], when: new Date(0), u: undefined as undefined };
    const copy = frozen(mutable);
    expect(copy).to.deep.equal(mutable);
    mutable.a[0] = { b: 2 };
    expect(copy.a[0]).to.deep.equal({ b: 1 });
    expect(Object.isFrozen(copy.a[0])).to.equal(true);
    expect(copy.when).to.be.instanceOf(Date).and.not.equal(mutable.when);
    expect(Object.keys(copy)).to.deep.equal(["a", "when", "u"]);

    const proto = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    const protoCopy = frozen(proto);
    expect(Object.getPrototypeOf(protoCopy)).to.equal(Object.prototype);
    expect(Object.keys(protoCopy)).to.deep.equal(["__proto__"]);
  });

  it("the log shares the journal's committed entries with the journal (no second copy); other connections read them frozen", async () => {
    const store = createMemoryStore();
    const a = await createMemoryDataSource({ store, currency: "USD", settings: { autoApply: false } });
    await openFamilies(a, 2);
    const input = [grant("F1", "g", "12.00")];
    const result = await a.commit("grant/F1/g", input);
    input[0] = grant("F1", "g", "99.00");
    const conn = store.connect();
    const { records } = await conn.read({ epoch: "", seq: 0 });
    const commit = records.find((r) => r.t === "commit");
    expect(commit?.t === "commit" && commit.entries[0]).to.equal(result.entries[0]);
    expect(Object.isFrozen(commit)).to.equal(true);
    expect(records.every((r) => Object.isFrozen(r))).to.equal(true);
    conn.close();

    const b = await createMemoryDataSource({ store });
    expect((await b.getAccount("F1")).accountCredit).to.equal("12.00");
    a.close();
    b.close();
  });

  it("a record built from the caller's mutable data (settings, a reservation) is copied: changing it afterwards changes nothing stored", async () => {
    const store = createMemoryStore();
    const a = await createMemoryDataSource({ store, currency: "USD" });
    await openFamilies(a, 1);
    await a.commit("fee/F1/a", [fee("F1", "a", "5.00")]);
    const settings = await a.updateSettings({ autoApply: false });
    (settings as { autoApply: boolean }).autoApply = true;
    const b = await createMemoryDataSource({ store });
    expect((await b.getSettings()).autoApply).to.equal(false);
    a.close();
    b.close();
  });

  it("the data set is kept once, deep-frozen, by the data source and the store alike; the caller's object stays its own", async () => {
    const store = createMemoryStore();
    const a = await createMemoryDataSource({ store, currency: "USD" });
    const mine = generateDataSet({ seed: 5, families: 20 });
    await a.putDataSet(mine);
    const kept = await a.getDataSet();
    expect(kept).not.to.equal(mine);
    expect(kept).to.deep.equal(mine);
    expect(Object.isFrozen(kept)).to.equal(true);
    expect(Object.isFrozen(kept?.families[0])).to.equal(true);
    expect(await a.getDataSet()).to.equal(kept);
    (mine.families as unknown[]).length = 0;
    expect(kept?.families).to.have.length(20);

    const b = await createMemoryDataSource({ store });
    expect(await b.getDataSet()).to.equal(kept);

    await a.putDataSet(kept as NonNullable<typeof kept>);
    expect(await a.getDataSet()).to.equal(kept);
    a.close();
    b.close();
  });
});
