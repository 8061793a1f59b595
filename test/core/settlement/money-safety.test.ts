/**
 * Issue #13's settlement rules (§5), each as an audit reproduced it: who may
 * release a reservation, an error is not a decline, the amount is pinned to
 * the key, and every failed row carries a code.
 */
import { expect } from "chai";
import type { ChargeOutcome, ChargeRequest, PaymentGateway } from "../../../packages/core/src/gateway.js";
import type { LedgerEntry } from "../../../packages/core/src/ledger/entries.js";
import {
  type BatchInvoice,
  createSimulatedGateway,
  type SettleInvoiceRequest,
  settleBatch,
  settleInvoice,
} from "../../../packages/core/src/settlement/index.js";
import { Bank } from "./bank.js";
import { newJournal, oneInvoiceJournal, openAccount, postFee, postGrant, TODAY } from "./fixtures.js";

const request: SettleInvoiceRequest = {
  batchId: "dues",
  invoiceId: "INV-1",
  accountId: "A",
  feeIds: ["F1"],
  applyCredit: true,
  date: TODAY,
};
const KEY = "dues/INV-1";

/** A promise and the functions that settle it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** What the ledger says was paid by card (Payment entries) and by credit (Payment (AC) entries) on an account. */
function paidOn(entries: readonly LedgerEntry[]): { card: string[]; credit: string[] } {
  return {
    card: entries.filter((e) => e.type === "Payment").map((e) => e.amount),
    credit: entries.filter((e) => e.type === "Payment (AC)").map((e) => e.amount),
  };
}

describe("settlement money safety (#13)", () => {
  it("only the settlement that created a reservation may release it: a second settlement of the invoice charges nothing and frees nothing", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    ledger.updateSettings({ autoApply: true });
    const bank = new Bank();
    const firstAnswer = deferred<ChargeOutcome>();
    let calls = 0;
    // The first call hangs (its charge is in flight); any later call is declined.
    const gateway: PaymentGateway = {
      charge(r: ChargeRequest) {
        calls += 1;
        if (calls === 1) {
          bank.chargeNow(r);
          return firstAnswer.promise;
        }
        return Promise.resolve({ status: "declined", reason: "Insufficient funds." });
      },
    };
    const first = settleInvoice({ ledger, gateway }, request);
    await tick();
    const second = await settleInvoice({ ledger, gateway }, request);
    expect(second).to.include({ outcome: "unresolved", code: "settlement-in-progress" });
    expect(calls).to.equal(1);
    expect(ledger.reservation(KEY)).to.not.equal(undefined);
    // A credit posted now triggers the sweep: it must not pay the fee the card is paying.
    postGrant(ledger, "A", "G2", "30.00", "2026-04-15");
    firstAnswer.resolve({ status: "succeeded", chargeId: bank.charges[0]?.chargeId as string });
    expect(await first).to.include({ outcome: "paid-by-charge-and-credit", charged: "15.00", creditUsed: "5.00" });
    expect(paidOn(ledger.entriesOf("A"))).to.deep.equal({ card: ["15.00"], credit: ["5.00"] });
    expect(ledger.snapshot("A")).to.include({ amountDue: "0.00", availableCredit: "30.00", reservedCredit: "0.00" });
    expect(bank.charges).to.have.length(1);
  });

  it("a settlement that finds its key settled by another process since it looked answers already-settled, charging nothing", async () => {
    const journal = oneInvoiceJournal("20.00", "5.00");
    const bank = new Bank();
    let raced = false;
    const ledger = {
      currency: journal.currency,
      committed: async (key: string) => journal.committed(key),
      commit: async (key: string, entries: Parameters<typeof journal.commit>[1]) => journal.commit(key, entries),
      snapshot: async (id: string) => journal.snapshot(id),
      reserve: async (r: Parameters<typeof journal.reserve>[0]) => journal.reserve(r),
      claim: async (key: string, owner: string) => journal.claim(key, owner),
      disown: async (key: string, owner: string) => journal.disown(key, owner),
      release: async (key: string, owner: string) => journal.release(key, owner),
      reservation: async (key: string) => {
        // Another process settles the invoice between this settlement's look-ups.
        if (!raced) {
          raced = true;
          await settleInvoice({ ledger: journal, gateway: bank }, request);
        }
        return journal.reservation(key);
      },
    };
    const late = await settleInvoice({ ledger, gateway: bank }, request);
    expect(late).to.include({ outcome: "already-settled", chargeId: "ch_1" });
    expect(bank.charges).to.have.length(1);
    expect(paidOn(journal.entriesOf("A"))).to.deep.equal({ card: ["15.00"], credit: ["5.00"] });
  });

  it("only the settlement that created a reservation may release it: the journal refuses another owner", () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    ledger.reserve({ key: KEY, accountId: "A", feeIds: ["F1"], credit: "5.00", owner: "one" });
    expect(() => ledger.release(KEY, "two"))
      .to.throw()
      .with.property("code", "settlement-in-progress");
    expect(() => ledger.claim(KEY, "two"))
      .to.throw()
      .with.property("code", "settlement-in-progress");
    ledger.disown(KEY, "one");
    expect(ledger.claim(KEY, "two")?.credit).to.equal("5.00");
    ledger.release(KEY, "two");
    expect(ledger.reservations()).to.deep.equal([]);
  });

  for (const [what, misbehave] of [
    [
      "throws synchronously",
      () => {
        throw new Error("socket closed");
      },
    ],
    ["rejects", () => Promise.reject(new Error("502 Bad Gateway"))],
    ["answers a 5xx-like error", () => Promise.resolve({ status: "error", message: "500 internal error" })],
    ["answers garbage", () => Promise.resolve({ ok: true })],
  ] as const) {
    it(`an error is not a decline: a gateway that charges and then ${what} leaves the invoice unresolved, and the re-run records that one charge`, async () => {
      const ledger = oneInvoiceJournal("20.00", "5.00");
      const bank = new Bank();
      const hostile: PaymentGateway = {
        charge(r) {
          bank.chargeNow(r);
          return misbehave() as Promise<ChargeOutcome>;
        },
      };
      const first = await settleInvoice({ ledger, gateway: hostile }, request);
      expect(first).to.include({ outcome: "unresolved", code: "charge-unknown" });
      expect(ledger.snapshot("A")).to.include({ amountDue: "20.00", availableCredit: "0.00", reservedCredit: "5.00" });
      const again = await settleInvoice({ ledger, gateway: bank }, request);
      expect(again).to.include({ outcome: "paid-by-charge-and-credit", charged: "15.00", chargeId: "ch_1" });
      expect(bank.charges).to.have.length(1);
      expect(ledger.reservations()).to.deep.equal([]);
      expect(paidOn(ledger.entriesOf("A"))).to.deep.equal({ card: ["15.00"], credit: ["5.00"] });
    });
  }

  it("an error is not a decline: a time-out followed by an error on the retry stays unresolved", async () => {
    const ledger = oneInvoiceJournal("20.00");
    let calls = 0;
    const gateway: PaymentGateway = {
      charge: () => {
        calls += 1;
        return calls === 1 ? new Promise<ChargeOutcome>(() => undefined) : Promise.resolve({ status: "error", message: "503" });
      },
    };
    const result = await settleInvoice({ ledger, gateway }, { ...request, timeoutMs: 5 });
    expect(result).to.include({ outcome: "unresolved", code: "charge-unknown" });
    expect(ledger.reservations().map((r) => r.key)).to.deep.equal([KEY]);
  });

  it("the amount is pinned to the key: a re-run reconciling an unresolved invoice asks the same amount after the credit changed", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    ledger.updateSettings({ autoApply: true });
    const asked: string[] = [];
    const bank = new Bank();
    const flaky: PaymentGateway = {
      charge(r) {
        asked.push(r.amount);
        return Promise.resolve({ status: "error", message: "gateway hiccup" });
      },
    };
    const first = await settleInvoice({ ledger, gateway: flaky }, request);
    expect(first.outcome).to.equal("unresolved");
    // More credit arrives (the sweep cannot touch the reserved fee), then the honest re-run.
    postGrant(ledger, "A", "G2", "12.00", "2026-04-20");
    const again = await settleInvoice(
      {
        ledger,
        gateway: {
          charge(r) {
            asked.push(r.amount);
            return bank.charge(r);
          },
        },
      },
      request,
    );
    expect(asked).to.deep.equal(["15.00", "15.00", "15.00"]);
    expect(again).to.include({ outcome: "paid-by-charge-and-credit", charged: "15.00", creditUsed: "5.00" });
    expect(ledger.snapshot("A")).to.include({ amountDue: "0.00", availableCredit: "12.00" });
  });

  it("reads are not shared mutable state: a reservation handed out cannot change what the ledger holds", () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const held = ledger.reserve({ key: KEY, accountId: "A", feeIds: ["F1"], credit: "5.00" });
    const before = JSON.stringify(ledger.toData());
    for (const r of [held, ledger.reservation(KEY), ledger.reservations()[0]]) {
      const loose = r as unknown as { credit: string; feeIds: string[]; grants: { amount: string }[] };
      expect(() => {
        loose.credit = "0.00";
      }).to.throw(TypeError);
      expect(() => loose.feeIds.push("F9")).to.throw(TypeError);
      expect(() => {
        (loose.grants[0] as { amount: string }).amount = "0.01";
      }).to.throw(TypeError);
    }
    expect(JSON.stringify(ledger.toData())).to.equal(before);
    expect(ledger.snapshot("A")).to.include({ reservedCredit: "5.00", availableCredit: "0.00" });
  });

  it("per-row settlement failures carry an error code, not only a message", async () => {
    const ledger = newJournal();
    for (const id of ["D", "U", "E", "P"]) {
      openAccount(ledger, id);
      postFee(ledger, id, `${id}1`, "10.00");
    }
    const gateway = createSimulatedGateway({
      cardsOnFile: ["U", "E", "P"],
      scripts: { U: ["timeout-no-charge", "timeout-no-charge"], E: ["error"] },
    });
    const invoices: BatchInvoice[] = [
      { invoiceId: "d", accountId: "D", feeIds: ["D1"] },
      { invoiceId: "u", accountId: "U", feeIds: ["U1"] },
      { invoiceId: "e", accountId: "E", feeIds: ["E1"] },
      { invoiceId: "x", accountId: "P", feeIds: ["NOPE"] },
      { invoiceId: "d", accountId: "D", feeIds: ["D1"] },
    ];
    const result = await settleBatch({ ledger, gateway }, { batchId: "b", invoices, applyCredit: true, date: TODAY, timeoutMs: 20 });
    expect(result.results.map((r) => [r.outcome, r.code])).to.deep.equal([
      ["declined", "charge-declined"],
      ["unresolved", "charge-unknown"],
      ["failed", "charge-failed"],
      ["failed", "unknown-fee"],
      ["failed", "duplicate-invoice"],
    ]);
    const stopped = await settleBatch(
      { ledger, gateway },
      { batchId: "c", invoices: invoices.slice(0, 1), applyCredit: true, date: TODAY, signal: { aborted: true } },
    );
    expect(stopped.results.map((r) => [r.outcome, r.code])).to.deep.equal([["skipped", "batch-cancelled"]]);
  });

  it("no one else may commit under a key whose settlement is running: a cash payment written meanwhile would pay the fee twice", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const bank = new Bank();
    const answer = deferred<void>();
    const gateway: PaymentGateway = {
      async charge(r: ChargeRequest) {
        const outcome = bank.chargeNow(r);
        await answer.promise;
        return outcome;
      },
    };
    const settling = settleInvoice({ ledger, gateway }, request);
    await tick();
    const cash: LedgerEntry = {
      id: "cash-1",
      key: KEY,
      type: "Payment",
      accountId: "A",
      date: TODAY,
      amount: "20.00",
      description: "Cash at the desk",
      method: "cash",
      allocations: [{ feeId: "F1", amount: "20.00" }],
    };
    const before = JSON.stringify(ledger.toData());
    expect(() => ledger.commit(KEY, [cash]))
      .to.throw()
      .with.property("code", "settlement-in-progress");
    expect(JSON.stringify(ledger.toData())).to.equal(before);
    answer.resolve();
    const settled = await settling;
    expect(settled.outcome).to.equal("paid-by-charge-and-credit");
    expect(bank.charges).to.have.length(1);
    expect(paidOn(ledger.entriesOf("A"))).to.deep.equal({ card: ["15.00"], credit: ["5.00"] });
    expect(ledger.reservations()).to.deep.equal([]);
  });

  it("a key nothing may commit under is never reserved nor charged (an invoice or batch id with the derived-key mark)", async () => {
    const ledger = oneInvoiceJournal("20.00", "5.00");
    const bank = new Bank();
    const before = JSON.stringify(ledger.toData());
    for (const bad of [{ invoiceId: "X§sweep§A" }, { batchId: "b§" }]) {
      const error = await settleInvoice({ ledger, gateway: bank }, { ...request, ...bad }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.have.property("code", "reserved-key");
    }
    const batch = await settleBatch(
      { ledger, gateway: bank },
      { batchId: "dues", invoices: [{ invoiceId: "INV§1", accountId: "A", feeIds: ["F1"] }], applyCredit: true, date: TODAY },
    );
    expect(batch.results.map((r) => [r.outcome, r.code])).to.deep.equal([["failed", "reserved-key"]]);
    expect(() => ledger.reserve({ key: "k§sweep§A", accountId: "A", feeIds: ["F1"], credit: "5.00", owner: "o" }))
      .to.throw()
      .with.property("code", "reserved-key");
    expect(bank.charges).to.deep.equal([]);
    expect(JSON.stringify(ledger.toData())).to.equal(before);
  });

  it("a gateway answer that throws when read leaves the reservation kept and claimable, never owned by a finished settlement", async () => {
    for (const timeoutMs of [1000, Number.POSITIVE_INFINITY]) {
      const ledger = oneInvoiceJournal("20.00", "5.00");
      const bank = new Bank();
      let reads = 0;
      const hostile: PaymentGateway = {
        charge(r: ChargeRequest) {
          bank.chargeNow(r);
          // Declined to the first read of each field, then throws: a proxy, a getter, a half-parsed response.
          const answer = {
            get status() {
              reads += 1;
              if (reads > 1) throw new Error("gone");
              return "declined";
            },
            reason: "no",
          };
          return Promise.resolve(answer as unknown as ChargeOutcome);
        },
      };
      const first = await Promise.race([
        settleInvoice({ ledger, gateway: hostile }, { ...request, timeoutMs }).then(
          (r) => r.outcome,
          (e: unknown) => `rejected: ${(e as Error).message}`,
        ),
        new Promise<string>((resolve) => setTimeout(() => resolve("hung"), 300)),
      ]);
      expect(first, `timeout ${timeoutMs}`).to.not.equal("hung");
      // Whatever it ended as, a re-run can claim what is held and record the one charge.
      const again = await settleInvoice({ ledger, gateway: bank }, request);
      expect(again.outcome, `timeout ${timeoutMs}`).to.be.oneOf(["paid-by-charge-and-credit", "already-settled"]);
      expect(bank.charges).to.have.length(1);
      expect(paidOn(ledger.entriesOf("A"))).to.deep.equal({ card: ["15.00"], credit: ["5.00"] });
      expect(ledger.reservations()).to.deep.equal([]);
    }
  });
});
