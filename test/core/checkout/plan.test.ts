import { expect } from "chai";
import {
  type CheckoutRequest,
  type CreditKitError,
  DEFAULT_SETTINGS,
  fromAmountString,
  type Journal,
  type OrgSettings,
  planCheckout,
  recordCheckout,
  sum,
  toAmountString,
} from "../../../packages/core/src/index.js";
import { grantCredit, journalWith, openFamily, postFee } from "../fixtures.js";

const settings = (patch: Partial<OrgSettings> = {}): OrgSettings => ({ ...DEFAULT_SETTINGS, autoApply: false, ...patch });

function account(fees: [string, string][], grants: [string, string][] = []): { journal: Journal; id: string } {
  const journal = journalWith();
  const id = openFamily(journal);
  for (const [i, [feeId, amount]] of fees.entries()) {
    postFee(journal, id, feeId, amount, { dueDate: `2026-11-${String(10 + i).padStart(2, "0")}` });
  }
  for (const [i, [grantId, amount]] of grants.entries()) {
    grantCredit(journal, id, grantId, amount, { date: `2026-10-${String(10 + i).padStart(2, "0")}` });
  }
  return { journal, id };
}

const request = (patch: Partial<CheckoutRequest>): CheckoutRequest => ({
  key: "pay-1",
  channel: "admin",
  date: "2026-11-20",
  feeIds: ["f1"],
  ...patch,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as CreditKitError).code;
  }
  return undefined;
}

describe("checkout planning (§3)", () => {
  describe("the Apply Credit switch's default per channel", () => {
    it("admin: on when the credit covers the whole of the chosen fees", () => {
      const { journal, id } = account([["f1", "20.00"]], [["g1", "25.00"]]);
      expect(planCheckout(journal.snapshot(id), request({}), settings()).applyCreditDefault).to.equal(true);
    });

    it("admin: off when the credit covers only part of the chosen fees", () => {
      const { journal, id } = account([["f1", "20.00"]], [["g1", "5.00"]]);
      const plan = planCheckout(journal.snapshot(id), request({}), settings());
      expect(plan.applyCreditDefault).to.equal(false);
      expect(plan.applyCredit).to.equal(false);
      expect(plan.appliedCredit).to.equal("0.00");
    });

    for (const channel of ["pos", "portal"] as const) {
      it(`${channel}: on whenever any credit is available`, () => {
        const { journal, id } = account([["f1", "20.00"]], [["g1", "5.00"]]);
        const plan = planCheckout(journal.snapshot(id), request({ channel, tenders: [{ method: "card", amount: "15.00" }] }), settings());
        expect(plan.applyCreditDefault).to.equal(true);
        expect(plan.appliedCredit).to.equal("5.00");
      });
    }

    it("every channel: off when there is no credit", () => {
      const { journal, id } = account([["f1", "20.00"]]);
      for (const channel of ["admin", "pos", "portal"] as const) {
        const tenders = [{ method: "card" as const, amount: "20.00" }];
        expect(planCheckout(journal.snapshot(id), request({ channel, tenders }), settings()).applyCreditDefault).to.equal(false);
      }
    });
  });

  describe("maximum, applied amount and Remaining Due", () => {
    it("20.00 due with 5.00 credit applied: Applied 5.00, Remaining Due 15.00", () => {
      const { journal, id } = account([["f1", "20.00"]], [["g1", "5.00"]]);
      const plan = planCheckout(journal.snapshot(id), request({ applyCredit: true }), settings());
      expect([plan.maxCredit, plan.appliedCredit, plan.remainingDue]).to.deep.equal(["5.00", "5.00", "15.00"]);
    });

    it("maximum credit is the smaller of available credit and the chosen fees' total", () => {
      const { journal, id } = account([["f1", "20.00"]], [["g1", "50.00"]]);
      const plan = planCheckout(journal.snapshot(id), request({}), settings());
      expect(plan.maxCredit).to.equal("20.00");
      expect(plan.paidEntirelyByCredit).to.equal(true);
      expect(plan.remainingDue).to.equal("0.00");
    });

    it("an admin may apply less than the maximum", () => {
      const { journal, id } = account([["f1", "20.00"]], [["g1", "50.00"]]);
      const plan = planCheckout(journal.snapshot(id), request({ creditAmount: "7.50" }), settings());
      expect(plan.appliedCredit).to.equal("7.50");
      expect(plan.remainingDue).to.equal("12.50");
      expect(plan.paidEntirelyByCredit).to.equal(false);
    });

    it("refuses a credit amount above the maximum, or outside the admin window", () => {
      const { journal, id } = account([["f1", "20.00"]], [["g1", "10.00"]]);
      const snap = journal.snapshot(id);
      expect(codeOf(() => planCheckout(snap, request({ applyCredit: true, creditAmount: "10.01" }), settings()))).to.equal(
        "credit-exceeds-maximum",
      );
      expect(codeOf(() => planCheckout(snap, request({ channel: "portal", creditAmount: "1.00" }), settings()))).to.equal(
        "credit-amount-admin-only",
      );
      expect(codeOf(() => planCheckout(snap, request({ applyCredit: true, creditAmount: "1.001" }), settings()))).to.equal(
        "too-many-decimals",
      );
    });

    it("credit reserved by a settlement in flight is not available", () => {
      const { journal, id } = account(
        [
          ["f1", "20.00"],
          ["f2", "30.00"],
        ],
        [["g1", "25.00"]],
      );
      journal.reserve({ key: "batch/inv", accountId: id, feeIds: ["f2"], credit: "20.00" });
      const plan = planCheckout(journal.snapshot(id), request({ applyCredit: true }), settings());
      expect(plan.availableCredit).to.equal("5.00");
      expect(plan.appliedCredit).to.equal("5.00");
      expect(codeOf(() => planCheckout(journal.snapshot(id), request({ feeIds: ["f2"] }), settings()))).to.equal("fee-reserved");
    });
  });

  describe("the waterfall over fees", () => {
    it("credit first, then tenders in the order entered, fee by fee in order", () => {
      const { journal, id } = account(
        [
          ["f1", "10.00"],
          ["f2", "10.00"],
          ["f3", "10.00"],
        ],
        [["g1", "12.00"]],
      );
      const plan = planCheckout(
        journal.snapshot(id),
        request({ feeIds: ["f1", "f2", "f3"], applyCredit: true, tenders: [{ method: "card", amount: "13.00" }] }),
        settings(),
      );
      expect(plan.lines.map((l) => [l.feeId, l.credit, l.tender, l.unpaid])).to.deep.equal([
        ["f1", "10.00", "0.00", "0.00"],
        ["f2", "2.00", "8.00", "0.00"],
        ["f3", "0.00", "5.00", "5.00"],
      ]);
    });

    it("follows the order the user chose, not the due dates", () => {
      const { journal, id } = account(
        [
          ["f1", "10.00"],
          ["f2", "10.00"],
        ],
        [["g1", "10.00"]],
      );
      const plan = planCheckout(journal.snapshot(id), request({ feeIds: ["f2", "f1"], applyCredit: true }), settings());
      expect(plan.lines.map((l) => [l.feeId, l.credit])).to.deep.equal([
        ["f2", "10.00"],
        ["f1", "0.00"],
      ]);
    });

    it("draws credit oldest grant first and links each Payment (AC) to the grants it used", () => {
      const journal = journalWith();
      const id = openFamily(journal);
      postFee(journal, id, "f1", "8.00");
      grantCredit(journal, id, "g-new", "5.00", { date: "2026-10-20" });
      grantCredit(journal, id, "g-old", "5.00", { date: "2026-10-01" });
      const plan = planCheckout(journal.snapshot(id), request({ applyCredit: true }), settings());
      const ac = plan.entries.find((e) => e.type === "Payment (AC)");
      expect(ac && ac.type === "Payment (AC)" ? ac.grants : undefined).to.deep.equal([
        { grantId: "g-old", amount: "5.00" },
        { grantId: "g-new", amount: "3.00" },
      ]);
    });
  });

  describe("partial and split payments", () => {
    it("a partial payment leaves the fee outstanding with a smaller remainder", () => {
      const { journal, id } = account([["f1", "20.00"]]);
      const plan = planCheckout(journal.snapshot(id), request({ tenders: [{ method: "check", amount: "8.00" }] }), settings());
      expect(plan.unpaid).to.equal("12.00");
      expect(plan.paidInFull).to.equal(false);
      recordCheckout(journal, plan);
      expect(journal.snapshot(id).fees[0]?.remainder).to.equal("12.00");
      expect(journal.snapshot(id).amountDue).to.equal("12.00");
    });

    it("the portal refuses a partial payment unless the host allows it", () => {
      const { journal, id } = account([["f1", "20.00"]]);
      const partial = request({ channel: "portal", tenders: [{ method: "card", amount: "5.00" }] });
      expect(codeOf(() => planCheckout(journal.snapshot(id), partial, settings()))).to.equal("partial-payment-not-allowed");
      expect(planCheckout(journal.snapshot(id), partial, settings({ portalPartialPayments: true })).unpaid).to.equal("15.00");
    });

    it("a split of card and cash writes one Payment per tender", () => {
      const { journal, id } = account([["f1", "20.00"]], [["g1", "5.00"]]);
      const plan = planCheckout(
        journal.snapshot(id),
        request({
          channel: "pos",
          tenders: [
            { method: "card", amount: "10.00" },
            { method: "cash", amount: "5.00" },
          ],
        }),
        settings(),
      );
      expect(plan.entries.map((e) => (e.type === "Payment" ? `${e.type}:${e.method}:${e.amount}` : `${e.type}:${e.amount}`))).to.deep.equal(
        ["Payment (AC):5.00", "Payment:card:10.00", "Payment:cash:5.00"],
      );
      expect(plan.paidInFull).to.equal(true);
    });
  });

  describe("over-tender", () => {
    it("cash beyond what is due returns change", () => {
      const { journal, id } = account([["f1", "18.50"]]);
      const plan = planCheckout(
        journal.snapshot(id),
        request({ channel: "pos", tenders: [{ method: "cash", amount: "20.00" }] }),
        settings(),
      );
      expect(plan.change).to.equal("1.50");
      expect(plan.tenders[0]).to.include({ applied: "18.50", change: "1.50" });
      const payment = plan.entries.find((e) => e.type === "Payment");
      expect(payment).to.include({ amount: "18.50", tendered: "20.00", change: "1.50" });
    });

    it("a card beyond what is due is refused", () => {
      const { journal, id } = account([["f1", "18.50"]]);
      const over = request({ tenders: [{ method: "card", amount: "20.00" }] });
      expect(codeOf(() => planCheckout(journal.snapshot(id), over, settings()))).to.equal("over-tender");
    });

    it("with overpayment to credit enabled, the excess goes on account as credit", () => {
      const { journal, id } = account([["f1", "18.50"]]);
      const plan = planCheckout(
        journal.snapshot(id),
        request({ tenders: [{ method: "card", amount: "20.00" }] }),
        settings({ overpaymentToCredit: true }),
      );
      expect(plan.overpaymentCredit).to.equal("1.50");
      recordCheckout(journal, plan);
      expect(journal.snapshot(id).accountCredit).to.equal("1.50");
      expect(journal.snapshot(id).amountDue).to.equal("0.00");
    });
  });

  describe("Charge to Account and the auto-apply warning", () => {
    const sale = { itemId: "goggles", category: "Merchandise", description: "Swim goggles", amount: "12.00" };

    it("posts the unpaid rest of a sale as an unpaid fee", () => {
      const { journal, id } = account([], [["g1", "5.00"]]);
      const plan = planCheckout(
        journal.snapshot(id),
        request({ channel: "pos", feeIds: [], newCharges: [sale], applyCredit: false, chargeToAccount: true }),
        settings(),
      );
      expect(plan.chargedToAccount).to.equal("12.00");
      recordCheckout(journal, plan);
      expect(journal.snapshot(id).amountDue).to.equal("12.00");
    });

    it("refuses an unpaid sale without Charge to Account, and Charge to Account outside the point of sale", () => {
      const { journal, id } = account([["f1", "1.00"]]);
      const snap = journal.snapshot(id);
      expect(codeOf(() => planCheckout(snap, request({ channel: "pos", feeIds: [], newCharges: [sale] }), settings()))).to.equal(
        "payment-incomplete",
      );
      expect(codeOf(() => planCheckout(snap, request({ chargeToAccount: true }), settings()))).to.equal("charge-to-account-pos-only");
      expect(codeOf(() => planCheckout(snap, request({ newCharges: [sale] }), settings()))).to.equal("new-charges-pos-only");
    });

    it("warns, with the amount, when auto-apply will use the credit the admin switched off", () => {
      const { journal, id } = account([], [["g1", "5.00"]]);
      const plan = planCheckout(
        journal.snapshot(id),
        request({ channel: "pos", feeIds: [], newCharges: [sale], applyCredit: false, chargeToAccount: true }),
        settings({ autoApply: true }),
      );
      expect(plan.warnings.map((w) => [w.code, w.amount, w.target])).to.deep.equal([["auto-apply-will-use-credit", "5.00", "charge"]]);
      expect(plan.warnings[0]?.message).to.contain("$5.00");
    });

    it("counts the older unpaid fees the sweep pays first, and warns that the credit goes to them", () => {
      // An older unpaid fee beside free credit (auto-apply was off when they were posted).
      const { journal, id } = account([["old", "10.00"]], [["g1", "25.00"]]);
      const plan = planCheckout(
        journal.snapshot(id),
        request({ channel: "pos", feeIds: [], newCharges: [sale], applyCredit: false, chargeToAccount: true }),
        settings({ autoApply: true }),
      );
      // The sweep pays the old fee (10.00) and then the charge (12.00): 22.00 of the 25.00.
      expect(plan.warnings.map((w) => [w.amount, w.target])).to.deep.equal([["22.00", "unpaid-fees"]]);
      expect(plan.warnings[0]?.message).to.contain("unpaid fees, oldest due first");
      journal.updateSettings({ autoApply: true });
      const swept = recordCheckout(journal, plan).swept;
      expect(
        toAmountString(
          sum(
            swept.map((e) => fromAmountString(e.amount, "USD")),
            "USD",
          ),
        ),
      ).to.equal("22.00");
      expect(swept.map((e) => (e.type === "Payment (AC)" ? e.feeId : ""))).to.deep.equal(["old", "pay-1:goggles"]);
    });

    it("warns when an overpayment put on credit will be swept onto the account's other unpaid fees", () => {
      const { journal, id } = account([
        ["f1", "10.00"],
        ["f2", "8.00"],
      ]);
      const plan = planCheckout(
        journal.snapshot(id),
        request({ channel: "admin", feeIds: ["f1"], tenders: [{ method: "card", amount: "15.00" }] }),
        settings({ autoApply: true, overpaymentToCredit: true }),
      );
      expect(plan.overpaymentCredit).to.equal("5.00");
      expect(plan.warnings.map((w) => [w.amount, w.target])).to.deep.equal([["5.00", "unpaid-fees"]]);
      journal.updateSettings({ autoApply: true, overpaymentToCredit: true });
      expect(recordCheckout(journal, plan).swept.map((e) => e.amount)).to.deep.equal(["5.00"]);
      expect(journal.snapshot(id).amountDue).to.equal("3.00");
    });

    it("does not warn when auto-apply is off, credit is applied, nothing is charged to account, or there is no credit", () => {
      const cases: [Partial<CheckoutRequest>, Partial<OrgSettings>, [string, string][]][] = [
        [{ applyCredit: false, chargeToAccount: true }, { autoApply: false }, [["g1", "5.00"]]],
        [{ applyCredit: true, chargeToAccount: true }, { autoApply: true }, [["g1", "5.00"]]],
        [{ applyCredit: false, tenders: [{ method: "cash", amount: "12.00" }] }, { autoApply: true }, [["g1", "5.00"]]],
        [{ applyCredit: false, chargeToAccount: true }, { autoApply: true }, []],
      ];
      for (const [patch, org, grants] of cases) {
        const { journal, id } = account([], grants);
        const plan = planCheckout(
          journal.snapshot(id),
          request({ channel: "pos", feeIds: [], newCharges: [sale], ...patch }),
          settings(org),
        );
        expect(plan.warnings, JSON.stringify(patch)).to.deep.equal([]);
      }
    });

    it("the warned amount is what the sweep then really applies", () => {
      const { journal, id } = account([], [["g1", "5.00"]]);
      journal.updateSettings({ autoApply: true });
      const plan = planCheckout(
        journal.snapshot(id),
        request({ channel: "pos", feeIds: [], newCharges: [sale], applyCredit: false, chargeToAccount: true }),
        settings({ autoApply: true }),
      );
      const result = recordCheckout(journal, plan);
      expect(result.swept.map((e) => e.amount)).to.deep.equal([plan.warnings[0]?.amount]);
      expect(journal.snapshot(id).amountDue).to.equal("7.00");
    });
  });

  describe("recording", () => {
    it("is idempotent by key: a second recording writes nothing", () => {
      const { journal, id } = account([["f1", "20.00"]], [["g1", "5.00"]]);
      const plan = planCheckout(
        journal.snapshot(id),
        request({ applyCredit: true, tenders: [{ method: "card", amount: "15.00" }] }),
        settings(),
      );
      expect(recordCheckout(journal, plan).status).to.equal("committed");
      const count = journal.entries().length;
      expect(recordCheckout(journal, plan).status).to.equal("duplicate");
      expect(journal.entries().length).to.equal(count);
      expect([journal.snapshot(id).amountDue, journal.snapshot(id).accountCredit]).to.deep.equal(["0.00", "0.00"]);
    });

    it("a plan made on balances that changed since is refused and changes nothing", () => {
      const { journal, id } = account([["f1", "20.00"]], [["g1", "5.00"]]);
      const first = planCheckout(journal.snapshot(id), request({ key: "a", applyCredit: true }), settings());
      const second = planCheckout(journal.snapshot(id), request({ key: "b", applyCredit: true }), settings());
      recordCheckout(journal, first);
      expect(codeOf(() => recordCheckout(journal, second))).to.equal("credit-overused");
      expect(journal.snapshot(id).accountCredit).to.equal("0.00");
      expect(journal.snapshot(id).amountDue).to.equal("15.00");
    });
  });

  describe("bad input gets a typed error", () => {
    it("names the problem and plans nothing", () => {
      const { journal, id } = account([["f1", "20.00"]]);
      const snap = journal.snapshot(id);
      const cases: [Partial<CheckoutRequest>, string][] = [
        [{ feeIds: [] }, "nothing-to-pay"],
        [{ feeIds: ["nope"] }, "unknown-fee"],
        [{ feeIds: ["f1", "f1"] }, "duplicate-fee"],
        [{ date: "2026-02-30" }, "invalid-date"],
        [{ tenders: [{ method: "card", amount: "-5.00" }] }, "negative-amount"],
        [{ tenders: [{ method: "card", amount: "0" }] }, "zero-amount"],
        [{ tenders: [{ method: "card", amount: "5.001" }] }, "too-many-decimals"],
        [{ tenders: [{ method: "card", amount: "abc" }] }, "invalid-amount"],
        [{ tenders: [{ method: "bitcoin" as "card", amount: "5.00" }] }, "invalid-input"],
        [{ channel: "kiosk" as "pos" }, "invalid-input"],
      ];
      for (const [patch, code] of cases)
        expect(
          codeOf(() => planCheckout(snap, request(patch), settings())),
          code,
        ).to.equal(code);
    });

    it("refuses a fee that is already paid", () => {
      const { journal, id } = account([["f1", "5.00"]], [["g1", "5.00"]]);
      recordCheckout(journal, planCheckout(journal.snapshot(id), request({}), settings()));
      expect(codeOf(() => planCheckout(journal.snapshot(id), request({ key: "again" }), settings()))).to.equal("fee-already-paid");
    });
  });

  describe("other currencies", () => {
    it("plans in JPY with whole yen", () => {
      const journal = journalWith({}, "JPY");
      const id = openFamily(journal);
      postFee(journal, id, "f1", "5000");
      grantCredit(journal, id, "g1", "1200");
      const plan = planCheckout(
        journal.snapshot(id),
        request({ channel: "pos", tenders: [{ method: "cash", amount: "4000" }] }),
        settings(),
      );
      expect([plan.appliedCredit, plan.remainingDue, plan.change]).to.deep.equal(["1200", "3800", "200"]);
    });
  });
});
