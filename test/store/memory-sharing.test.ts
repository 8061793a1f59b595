import { generateDataSet } from "@creditkit/core/demo";
import { expect } from "chai";
import { frozen, frozenShared } from "../../packages/store/src/frozen.js";
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
    try {
      (settings as { autoApply: boolean }).autoApply = true;
    } catch {
      // Frozen (the journal's reads are not shared mutable state): it cannot be changed at all.
    }
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

  it("frozenShared: a deep-frozen equal copy whose equal small nested values are one object each (rows stay apart)", () => {
    const data = generateDataSet({ seed: 3, families: 60 });
    const kept = frozenShared(data);
    expect(kept).to.deep.equal(data);
    const deepFrozen = (v: unknown): boolean =>
      v === null || typeof v !== "object" || (Object.isFrozen(v) && Object.values(v as object).every(deepFrozen));
    expect(deepFrozen(kept)).to.equal(true);
    // Enrollments in the same offering share one offering record; equal keyword lists are one list.
    const byOffering = new Map<string, object>();
    for (const e of kept.enrollments) {
      const seen = byOffering.get(e.offering.id);
      if (seen) expect(e.offering).to.equal(seen);
      else byOffering.set(e.offering.id, e.offering);
    }
    expect(byOffering.size).to.be.lessThan(kept.enrollments.length);
    const empty = kept.students.filter((s) => s.keywords.length === 0).map((s) => s.keywords);
    expect(new Set(empty).size).to.equal(1);
    // Records (depth 2) are never merged, even when equal.
    const twin = { ...data, families: [data.families[0], { ...data.families[0] }] } as typeof data;
    const keptTwin = frozenShared(twin);
    expect(keptTwin.families[0]).not.to.equal(keptTwin.families[1]);
    expect(keptTwin.families[0]?.keywords).to.equal(keptTwin.families[1]?.keywords);
    // A value kept already (deep-frozen, shared) is kept as is.
    expect(frozenShared(kept)).to.equal(kept);
    // Copies are plain objects, as given.
    const family = kept.families[0] as object;
    expect(Object.getPrototypeOf(family)).to.equal(Object.prototype);
    expect(family.constructor).to.equal(Object);
    expect(Object.keys(family)).to.deep.equal(Object.keys(data.families[0] as object));
    expect(structuredClone(family)).to.deep.equal(data.families[0]);
    expect(JSON.stringify(kept)).to.equal(JSON.stringify(data));
  });

  it("frozenShared: only equal values are merged (types, key order, prototypes and undefined tell values apart)", () => {
    const nulled = Object.assign(Object.create(null) as Record<string, unknown>, { a: "1" });
    const value = {
      rows: [
        {
          a: { x: "1", y: 1 },
          b: { x: 1, y: "1" },
          c: { y: 1, x: "1" },
          d: nulled,
          e: { a: "1" },
          f: ["1", null],
          g: ["1", undefined],
          h: [["1"]],
          i: ["1"],
        },
      ],
    };
    const row = frozenShared(value).rows[0] as Record<string, unknown>;
    expect(row).to.deep.equal(value.rows[0]);
    const parts = Object.values(row);
    expect(new Set(parts).size).to.equal(parts.length);
    expect(Object.getPrototypeOf(row.d)).to.equal(null);
    expect((row.h as unknown[])[0]).to.equal(row.i);
  });
});
