/** Issue #13, item 11: a failed write persists nothing, and no log record is ever overwritten. */
import type { LedgerEntry } from "@creditkit/core";
import { expect } from "chai";
import type { RunCopy, StoreBackend } from "../../packages/store/src/backend.js";
import { openIndexedDbBackend } from "../../packages/store/src/idb-backend.js";
import type { LogRecord } from "../../packages/store/src/log.js";
import { databases, eventually, fee, grant, openFamilies, uniqueName } from "./helpers.js";

/** Not structured-cloneable: IndexedDB's put throws synchronously. */
const uncloneable = () => ({ t: "settings", settings: { autoApply: () => true } }) as unknown as LogRecord;

/** The log's keys and the runs, read straight from IndexedDB. */
function rawRead(name: string): Promise<{ keys: number[]; runs: number }> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(["log", "runs"], "readonly");
      const keys = tx.objectStore("log").getAllKeys();
      const runs = tx.objectStore("runs").count();
      tx.oncomplete = () => {
        db.close();
        resolve({ keys: keys.result as number[], runs: runs.result });
      };
    };
  });
}

async function reopened(name: string, use: (backend: StoreBackend) => Promise<void>): Promise<void> {
  const backend = await openIndexedDbBackend({ name });
  try {
    await use(backend);
  } finally {
    backend.close();
  }
}

describe("store: a failed write persists nothing (issue #13)", () => {
  const dbs = databases();
  afterEach(() => dbs.cleanUp());

  it("a failed write persists nothing: a record that cannot be stored aborts the whole write, also after a reload", async () => {
    const name = uniqueName();
    const source = await dbs.open(name, { settings: { autoApply: false } });
    await openFamilies(source, 1);
    source.close();
    let before = 0;
    await reopened(name, async (backend) => {
      const loaded = await backend.load(undefined, []);
      before = loaded.records.length;
      const good: LogRecord = { t: "commit", key: "fee/F1/a", entries: [fee("F1", "a", "5.00")] };
      let failed = false;
      await backend
        .write(loaded.cursor, () => [good, uncloneable()])
        .catch(() => {
          failed = true;
        });
      expect(failed, "the write is refused").to.equal(true);
    });
    await reopened(name, async (backend) => {
      const loaded = await backend.load(undefined, []);
      expect(loaded.records, "nothing of the refused write").to.have.length(before);
    });
    const again = await dbs.open(name);
    expect((await again.getAccount("F1")).amountDue).to.equal("0.00");
  });

  it("a failed import persists nothing: the stored log and every run stay as they were", async () => {
    const name = uniqueName();
    const source = await dbs.open(name, { settings: { autoApply: false } });
    await openFamilies(source, 2);
    await source.commit("grant/F1/g", [grant("F1", "g", "3.00")]);
    const backup = await source.exportLedger();
    source.close();
    let before: { keys: number[]; runs: number } = { keys: [], runs: 0 };
    await reopened(name, async (backend) => {
      await backend.putRun({
        runId: "run-1",
        status: "done",
        selected: 0,
        total: "0.00",
        description: "Kept",
        savedAt: "2026-12-01T00:00:00.000Z",
        filters: [],
        request: backup.runs[0]?.request ?? ({} as never),
        count: 0,
        parts: 0,
      });
      before = await rawRead(name);
      const bad = { run: { runId: "run-2", request: { f: () => 1 } }, parts: { posts: [], credits: [] } } as unknown as RunCopy;
      let failed = false;
      await backend.replace([{ t: "accounts", accounts: [] }], [bad]).catch(() => {
        failed = true;
      });
      expect(failed, "the import is refused").to.equal(true);
    });
    expect(await rawRead(name)).to.deep.equal(before);
    const again = await dbs.open(name);
    expect((await again.exportLedger()).ledger).to.deep.equal(backup.ledger);
    expect((await again.listRuns()).map((r) => r.runId)).to.deep.equal(["run-1"]);
  });

  it("never overwrites a log record: an import appends its generation after every key used", async () => {
    const name = uniqueName();
    const source = await dbs.open(name, { settings: { autoApply: false } });
    await openFamilies(source, 2);
    await source.commit("grant/F1/g", [grant("F1", "g", "3.00")]);
    const backup = await source.exportLedger();
    const { keys: old } = await rawRead(name);
    await source.commit("grant/F2/g", [grant("F2", "g", "4.00")]);
    await source.importLedger(backup);
    const { keys } = await rawRead(name);
    const highest = Math.max(...old) + 1;
    expect(keys.length).to.be.greaterThan(0);
    expect(Math.min(...keys), `new keys ${keys.join(",")} after the old ones`).to.be.greaterThan(highest);
    await source.commit("grant/F2/h", [grant("F2", "h", "1.00")]);
    source.close();
    const again = await dbs.open(name);
    expect((await again.getAccount("F1")).accountCredit).to.equal("3.00");
    expect((await again.getAccount("F2")).accountCredit).to.equal("1.00");
  });

  it("a settlement in flight keeps its key: no one else may commit under it, also after a refused write rolled the journal back", async () => {
    const source = await dbs.open(uniqueName(), { settings: { autoApply: false }, gateway: { latencyMs: 150 } });
    await openFamilies(source, 1);
    await source.commit("fee/F1/a", [fee("F1", "a", "20.00")]);
    await source.commit("grant/F1/g", [grant("F1", "g", "5.00")]);
    await source.gateway.addCards(["F1"]);
    const key = "dues/i1";
    const cash: LedgerEntry = {
      id: "cash-1",
      key,
      type: "Payment",
      accountId: "F1",
      date: "2026-05-01",
      amount: "20.00",
      description: "Cash at the desk",
      method: "cash",
      allocations: [{ feeId: "a", amount: "20.00" }],
    };
    const settling = source.settleBatch({
      batchId: "dues",
      invoices: [{ invoiceId: "i1", accountId: "F1", feeIds: ["a"] }],
      applyCredit: true,
      date: "2026-05-01",
    });
    let held = 0;
    source.subscribe(() => {
      source.reservations().then((r) => {
        held = r.length;
      });
    });
    await eventually(() => held === 1);
    const refused = (p: Promise<unknown>) =>
      p.then(
        () => "accepted",
        (e: unknown) => (e as { code?: string }).code,
      );
    expect(await refused(source.commit(key, [cash]))).to.equal("settlement-in-progress");
    // A chunk whose first key the journal took before the second was refused: the journal is put back as it was.
    const chunk = [
      { key: "grant/F1/h", entries: [grant("F1", "h", "1.00")] },
      { key: "fee/F1/b", entries: [{ ...fee("F1", "b", "1.00"), accountId: "NOPE" }] },
    ];
    expect(await refused(source.commitChunk(chunk))).to.equal("unknown-account");
    const inner = [
      { key: "grant/F1/h", entries: [grant("F1", "h", "1.00")] },
      { key: "bad", entries: [{ ...cash, id: "bad", key: "bad", allocations: [{ feeId: "nope", amount: "20.00" }] }] },
    ];
    expect(await refused(source.commitChunk(inner))).to.equal("unknown-fee");
    expect(await refused(source.commit(key, [cash]))).to.equal("settlement-in-progress");
    const settled = await settling;
    expect(settled.results.map((r) => r.outcome)).to.deep.equal(["paid-by-charge-and-credit"]);
    expect(source.gateway.charges()).to.have.length(1);
    const paid = (await source.listEntries({ accountIds: ["F1"] })).filter((e) => e.type.startsWith("Payment"));
    expect(paid.map((e) => [e.type, e.amount])).to.deep.equal([
      ["Payment (AC)", "5.00"],
      ["Payment", "15.00"],
    ]);
    expect(await source.reservations()).to.deep.equal([]);
  });
});
