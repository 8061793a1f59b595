import type { LedgerEntry } from "@creditkit/core";
import { expect } from "chai";
import { databases, expectCode, fee, grant, openFamilies, uniqueName } from "./helpers.js";

/** F1 pays fee a (20.00) by card, under key `pay`. */
const cardPayment: LedgerEntry = {
  id: "pay#0",
  key: "pay",
  type: "Payment",
  accountId: "F1",
  date: "2026-11-03",
  amount: "20.00",
  description: "Card at the desk",
  method: "card",
  allocations: [{ feeId: "a", amount: "20.00" }],
};

describe("store: reversing a payment in IndexedDB", () => {
  const dbs = databases();
  afterEach(() => dbs.cleanUp());

  it("reverses a card payment once, keeps the reversal after a reload, and the same call again is a duplicate", async () => {
    const name = uniqueName();
    const source = await dbs.open(name, { settings: { autoApply: false } });
    await openFamilies(source, 2);
    await source.commit("fee/F1/a", [fee("F1", "a", "20.00")]);
    await source.commit("pay", [cardPayment]);
    expect((await source.getAccount("F1")).amountDue).to.equal("0.00");
    const changes: string[] = [];
    source.subscribe((change) => changes.push(change.key));

    const result = await source.reversePayment({ accountId: "F1", entryId: "pay#0", date: "2026-11-20" });
    expect(result.status).to.equal("committed");
    expect(result.entries).to.deep.equal([
      {
        id: "reverse/pay#0#0",
        key: "reverse/pay#0",
        type: "Void",
        accountId: "F1",
        date: "2026-11-20",
        amount: "20.00",
        description: "Reversal of Card at the desk",
        target: { kind: "payment", entryId: "pay#0" },
      },
    ]);
    expect((await source.getAccount("F1")).amountDue, "the fee is owed again").to.equal("20.00");
    expect(changes).to.deep.equal(["reverse/pay#0"]);
    source.close();

    const again = await dbs.open(name);
    expect((await again.getAccount("F1")).amountDue, "after a reload").to.equal("20.00");
    const voids = (await again.listEntries({ accountIds: ["F1"] })).filter((e) => e.type === "Void");
    expect(voids.map((e) => e.id)).to.deep.equal(["reverse/pay#0#0"]);
    // The same request again (even on another day) writes nothing.
    const twice = await again.reversePayment({ accountId: "F1", entryId: "pay#0", date: "2026-11-21" });
    expect(twice.status).to.equal("duplicate");
    expect(twice.entries.map((e) => e.id)).to.deep.equal(["reverse/pay#0#0"]);
    // Under another key, the ledger refuses a second reversal.
    await expectCode(
      again.reversePayment({ accountId: "F1", entryId: "pay#0", date: "2026-11-21", key: "other" }),
      "payment-already-reversed",
    );
    expect((await again.listEntries()).filter((e) => e.type === "Void")).to.have.length(1);
    expect((await again.getAccount("F1")).amountDue).to.equal("20.00");
  });

  it("reverses a Payment (AC) under the caller's key and description: its credit is available again", async () => {
    const source = await dbs.open(uniqueName(), { settings: { autoApply: false } });
    await openFamilies(source, 1);
    await source.commit("fee/F1/a", [fee("F1", "a", "20.00")]);
    await source.commit("grant/F1/g", [grant("F1", "g", "5.00")]);
    const ac: LedgerEntry = {
      id: "ac#0",
      key: "ac",
      type: "Payment (AC)",
      accountId: "F1",
      date: "2026-11-04",
      amount: "5.00",
      description: "Account credit applied",
      feeId: "a",
      grants: [{ grantId: "g", amount: "5.00" }],
    };
    await source.commit("ac", [ac]);
    expect((await source.getAccount("F1")).accountCredit).to.equal("0.00");
    const result = await source.reversePayment({
      accountId: "F1",
      entryId: "ac#0",
      date: "2026-11-20",
      key: "undo-ac",
      description: "Applied by mistake",
    });
    expect(result.entries.map((e) => [e.id, e.description])).to.deep.equal([["undo-ac#0", "Applied by mistake"]]);
    const after = await source.getAccount("F1");
    expect([after.amountDue, after.accountCredit]).to.deep.equal(["20.00", "5.00"]);
  });

  it("refuses an unknown payment, another account's and an entry that is not a payment, writing nothing", async () => {
    const name = uniqueName();
    const source = await dbs.open(name, { settings: { autoApply: false } });
    await openFamilies(source, 2);
    await source.commit("fee/F1/a", [fee("F1", "a", "20.00")]);
    await source.commit("pay", [cardPayment]);
    const before = (await source.exportLedger()).ledger;
    await expectCode(source.reversePayment({ accountId: "F1", entryId: "nope#0", date: "2026-11-20" }), "unknown-payment");
    await expectCode(source.reversePayment({ accountId: "F2", entryId: "pay#0", date: "2026-11-20" }), "unknown-payment");
    await expectCode(source.reversePayment({ accountId: "F1", entryId: "fee/F1/a#0", date: "2026-11-20" }), "unknown-payment");
    expect((await source.exportLedger()).ledger).to.deep.equal(before);
    source.close();
    expect((await (await dbs.open(name)).exportLedger()).ledger).to.deep.equal(before);
  });
});
