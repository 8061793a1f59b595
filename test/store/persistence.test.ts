import { expect } from "chai";
import { openIndexedDbDataSource } from "../../packages/store/src/index.js";
import { databases, expectCode, fee, grant, openFamilies, uniqueName } from "./helpers.js";

describe("store: persistence in IndexedDB", () => {
  const dbs = databases();
  afterEach(() => dbs.cleanUp());

  it("a reopened database has the same accounts, balances, entries, settings and reservations", async () => {
    const name = uniqueName();
    const first = await dbs.open(name, { settings: { autoApply: false } });
    await openFamilies(first, 2);
    await first.commit("fee/F1/a", [fee("F1", "a", "20.00")]);
    await first.commit("fee/F1/b", [fee("F1", "b", "7.50")]);
    await first.commit("grant/F1/g", [grant("F1", "g", "5.00")]);
    await first.commit("fee/F2/c", [fee("F2", "c", "12.00")]);
    await first.updateSettings({ overpaymentToCredit: true });
    await first.settleBatch({ batchId: "b1", applyCredit: true, date: "2026-12-01", invoices: [] });
    const before = await first.exportLedger();
    const balances = await first.getAccounts();
    first.close();

    const again = await dbs.open(name);
    expect(await again.getAccounts()).to.deep.equal(balances);
    expect((await again.exportLedger()).ledger).to.deep.equal(before.ledger);
    expect(await again.getSettings()).to.deep.equal({ autoApply: false, overpaymentToCredit: true, portalPartialPayments: false });
    expect((await again.getAccount("F1")).amountDue).to.equal("27.50");
    expect((await again.getAccount("F1")).accountCredit).to.equal("5.00");
  });

  it("a commit the journal refuses writes nothing, in memory or on disk", async () => {
    const name = uniqueName();
    const source = await dbs.open(name, { settings: { autoApply: false } });
    await openFamilies(source, 1);
    await source.commit("fee/F1/a", [fee("F1", "a", "20.00")]);
    const before = (await source.exportLedger()).ledger;
    const overpay = {
      id: "pay#0",
      key: "pay",
      type: "Payment" as const,
      accountId: "F1",
      date: "2026-11-03",
      amount: "25.00",
      description: "Too much",
      method: "card" as const,
      allocations: [{ feeId: "a", amount: "25.00" }],
    };
    await expectCode(source.commit("pay", [overpay]), "fee-overpaid");
    // Two good keys and one bad one in a chunk: all or nothing.
    await expectCode(
      source.commitChunk([
        { key: "fee/F1/b", entries: [fee("F1", "b", "1.00")] },
        { key: "pay", entries: [overpay] },
      ]),
      "fee-overpaid",
    );
    expect((await source.exportLedger()).ledger).to.deep.equal(before);
    source.close();
    const reopened = await dbs.open(name);
    expect((await reopened.exportLedger()).ledger).to.deep.equal(before);
  });

  it("a write whose IndexedDB transaction aborts leaves the ledger as it was (memory and disk), and the next write works", async () => {
    const name = uniqueName();
    let abortNext = false;
    const source = await dbs.open(name, {
      onWrite: (tx) => {
        if (abortNext) {
          abortNext = false;
          tx.abort();
        }
      },
    });
    await openFamilies(source, 2);
    await source.commit("grant/F1/g", [grant("F1", "g", "5.00")]);
    const before = (await source.exportLedger()).ledger;
    const heard: string[] = [];
    source.subscribe((change) => heard.push(change.key));

    abortNext = true;
    // Auto-apply is on: the fee and the sweep that pays it from credit are one write, and both go.
    await expectCode(source.commit("fee/F1/a", [fee("F1", "a", "20.00")]), "storage-unavailable");
    expect((await source.exportLedger()).ledger).to.deep.equal(before);
    expect((await source.getAccount("F1")).accountCredit).to.equal("5.00");
    abortNext = true;
    await expectCode(source.openAccounts([{ id: "F9", name: "Nine", kind: "family" }]), "storage-unavailable");
    expect((await source.listAccounts()).map((a) => a.id)).to.deep.equal(["F1", "F2"]);
    expect(heard).to.deep.equal([]);

    const result = await source.commit("fee/F1/a", [fee("F1", "a", "20.00")]);
    expect(result.status).to.equal("committed");
    expect(result.swept).to.have.length(1);
    source.close();
    const reopened = await dbs.open(name);
    expect((await reopened.getAccount("F1")).amountDue).to.equal("15.00");
    expect((await reopened.getAccount("F1")).accountCredit).to.equal("0.00");
  });

  it("export then import into a new database gives an equal ledger; a tampered backup is refused and changes nothing", async () => {
    const source = await dbs.open(uniqueName());
    await openFamilies(source, 3);
    await source.commit("grant/F1/g", [grant("F1", "g", "30.00")]);
    await source.commit("fee/F1/a", [fee("F1", "a", "20.00")]);
    await source.commit("fee/F2/b", [fee("F2", "b", "9.99")]);
    await source.gateway.addCards(["F2"]);
    await source.settleBatch({
      batchId: "dues",
      applyCredit: true,
      date: "2026-12-01",
      invoices: [{ invoiceId: "i2", accountId: "F2", feeIds: ["b"] }],
    });
    const backup = JSON.parse(JSON.stringify(await source.exportLedger()));

    const targetName = uniqueName();
    const target = await dbs.open(targetName);
    await target.importLedger(backup);
    expect((await target.exportLedger()).ledger).to.deep.equal(backup.ledger);
    expect(await target.getAccounts()).to.deep.equal(await source.getAccounts());
    target.close();
    const reopened = await dbs.open(targetName);
    expect((await reopened.exportLedger()).ledger).to.deep.equal(backup.ledger);

    const tampered = structuredClone(backup);
    tampered.ledger.entries.push({ ...tampered.ledger.entries[0], id: "x#0", key: "x", grantId: "x", accountId: "nobody" });
    await expectCode(reopened.importLedger(tampered), "unknown-account");
    await expectCode(reopened.importLedger({ hello: "world" }), "invalid-input");
    expect((await reopened.exportLedger()).ledger).to.deep.equal(backup.ledger);
  });

  it("rejects with storage-unavailable when the browser has no IndexedDB", async () => {
    await expectCode(openIndexedDbDataSource({ name: uniqueName(), currency: "USD", indexedDB: null }), "storage-unavailable");
  });

  it("rejects with storage-blocked while another tab holds the older version open, and opens once it lets go", async () => {
    const name = uniqueName();
    // Another tab with version 1 of the schema open, which does not close when asked to (no onversionchange).
    const older = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => {
        for (const store of ["meta", "log", "values", "runParts"]) request.result.createObjectStore(store);
        request.result.createObjectStore("runs", { keyPath: "runId" });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await expectCode(openIndexedDbDataSource({ name, currency: "USD" }), "storage-blocked");
    older.close();
    const source = await dbs.open(name);
    await openFamilies(source, 1);
    expect((await source.getAccount("F1")).amountDue).to.equal("0.00");
  });

  it("rejects with storage-quota when the browser says its storage is full", async () => {
    const full = {
      open() {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      },
    } as unknown as IDBFactory;
    await expectCode(openIndexedDbDataSource({ name: uniqueName(), currency: "USD", indexedDB: full }), "storage-quota");
  });

  it("a new database needs a currency, and an existing one keeps its own", async () => {
    const name = uniqueName();
    await expectCode(dbs.open(name, { currency: undefined as unknown as string }), "invalid-input");
    (await dbs.open(name, { currency: "EUR" })).close();
    await expectCode(dbs.open(name, { currency: "USD" }), "currency-mismatch");
  });
});
