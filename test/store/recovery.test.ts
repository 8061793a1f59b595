/** Issue #13, item 12: one corrupt record never locks a user out; a tab whose database was upgraded elsewhere stops. */
import type { CreditKitError } from "@creditkit/core";
import { expect } from "chai";
import { databases, expectCode, fee, grant, openFamilies, uniqueName } from "./helpers.js";

/** Appends a record straight into the stored log (as a bug or a bad disk would leave it); returns its key. */
function appendRaw(name: string, record: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(["meta", "log"], "readwrite");
      const read = tx.objectStore("meta").get("state");
      let seq = 0;
      read.onsuccess = () => {
        const meta = read.result as { seq: number };
        seq = meta.seq + 1;
        tx.objectStore("log").put(record, seq);
        tx.objectStore("meta").put({ ...meta, seq }, "state");
      };
      tx.oncomplete = () => {
        db.close();
        resolve(seq);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** Opens `name` at a higher version, as a newer version of the page in another tab would. */
function upgradeElsewhere(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = indexedDB.open(name);
    probe.onsuccess = () => {
      const version = probe.result.version;
      probe.result.close();
      const open = indexedDB.open(name, version + 1);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
    };
  });
}

describe("store: recovery (issue #13)", () => {
  const dbs = databases();
  afterEach(() => dbs.cleanUp());

  it("one corrupt record never locks a user out: the store opens read-only naming the record, reads and the backup work, writes refuse, a good import ends it", async () => {
    const name = uniqueName();
    const source = await dbs.open(name, { settings: { autoApply: false } });
    await openFamilies(source, 2);
    await source.commit("fee/F1/a", [fee("F1", "a", "5.00")]);
    await source.commit("grant/F2/g", [grant("F2", "g", "3.00")]);
    const good = await source.exportLedger();
    source.close();
    const bad = await appendRaw(name, { t: "commit", key: "fee/F1/b", entries: [{ ...fee("F1", "b", "2.00"), amount: "two dollars" }] });
    await appendRaw(name, { t: "commit", key: "grant/F2/h", entries: [grant("F2", "h", "1.00")] });

    const opened = await dbs.open(name);
    const health = opened.health();
    expect(health.state).to.equal("read-only");
    const error = (health as { error: CreditKitError }).error;
    expect(error.code).to.equal("storage-corrupt");
    expect(error.details.record).to.equal(`log/${bad}`);
    expect(error.message).to.contain(`log/${bad}`);
    expect((await opened.getAccount("F1")).amountDue, "what could be read").to.equal("5.00");
    expect((await opened.getAccount("F2")).accountCredit, "records after the bad one still read").to.equal("4.00");
    await expectCode(opened.commit("fee/F2/c", [fee("F2", "c", "1.00")]), "storage-corrupt");
    await expectCode(opened.updateSettings({ autoApply: true }), "storage-corrupt");
    await expectCode(
      opened.settleBatch({
        batchId: "b",
        applyCredit: true,
        date: "2026-12-01",
        invoices: [{ invoiceId: "F1", accountId: "F1", feeIds: ["a"] }],
      }),
      "storage-corrupt",
    );
    const backup = await opened.exportLedger();
    expect(backup.ledger.entries.map((e) => e.key)).to.deep.equal(["fee/F1/a", "grant/F2/g", "grant/F2/h"]);
    expect(backup.unreadable?.map((u) => u.record)).to.deep.equal([`log/${bad}`]);

    await opened.importLedger(good);
    expect(opened.health()).to.deep.equal({ state: "ok" });
    await opened.commit("fee/F2/c", [fee("F2", "c", "1.00")]);
    opened.close();
    const after = await dbs.open(name);
    expect(after.health().state).to.equal("ok");
    expect((await after.getAccount("F2")).amountDue).to.equal("1.00");
  });

  it("a tab whose database was upgraded elsewhere stops serving stale reads and says so (storage-upgraded)", async () => {
    const name = uniqueName();
    const source = await dbs.open(name, { settings: { autoApply: false } });
    await openFamilies(source, 1);
    expect((await source.getAccount("F1")).amountDue).to.equal("0.00");
    await upgradeElsewhere(name);
    await expectCode(source.getAccount("F1"), "storage-upgraded");
    await expectCode(source.listAccounts(), "storage-upgraded");
    await expectCode(source.commit("fee/F1/a", [fee("F1", "a", "5.00")]), "storage-upgraded");
    expect(source.health().state).to.equal("stopped");
  });
});
