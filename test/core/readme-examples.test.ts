/**
 * The README's core examples are true (issue #16): the checkout, the typed
 * amounts and the error example run here with the README's own values, and
 * the README still holds the calls run here, so neither drifts alone.
 */
import { readFileSync } from "node:fs";
import { expect } from "chai";
import {
  CreditKitError,
  checkoutDefaults,
  createJournal,
  ERROR_CODES,
  messageFor,
  newCreditGrant,
  newFee,
  parseLocalizedMoney,
  parseMoney,
  planCheckout,
  recordCheckout,
  toAmountString,
} from "../../packages/core/src/index.js";
import { errorOf } from "./fixtures.js";

const README = readFileSync("README.md", "utf8");
const CORE_README = readFileSync("packages/core/README.md", "utf8");

/** The README's journal for the checkout section: auto-apply off, fam-1 owing fee-42 20.00 with 5.00 of credit. */
function readmeJournal() {
  const journal = createJournal({ currency: "USD", settings: { autoApply: false } });
  journal.openAccount({ id: "fam-1", name: "Rivera family", kind: "family" });
  const credit = newCreditGrant({
    key: "credit-1",
    accountId: "fam-1",
    amount: "5.00",
    date: "2026-10-01",
    creditType: "Goodwill",
    description: "Goodwill",
  });
  journal.commit(credit.key, [credit]);
  const fee = newFee({
    key: "fee-42",
    accountId: "fam-1",
    amount: "20.00",
    date: "2026-11-01",
    dueDate: "2026-11-15",
    category: "Tuition",
    description: "November tuition",
  });
  journal.commit(fee.key, [fee]);
  return journal;
}

describe("README: the core's examples are true (#16)", () => {
  it("Checkout planning: the portal's defaults, then the point-of-sale plan from the journal, as commented", () => {
    expect(README).to.contain('checkoutDefaults(journal, { channel: "portal", accountId: "fam-1" });');
    expect(README).to.contain('key: "pay-7f3a", accountId: "fam-1", channel: "pos", date: "2026-11-20",');
    expect(README).to.not.match(/planCheckout\([^)]*DEFAULT_SETTINGS/);
    const journal = readmeJournal();

    const shown = checkoutDefaults(journal, { channel: "portal", accountId: "fam-1" });
    expect(shown).to.deep.include({ feeIds: ["fee-42"], total: "20.00", applyCredit: true, appliedCredit: "5.00", remainingDue: "15.00" });
    expect(shown.tender).to.deep.equal({ method: "card", amount: "15.00" });

    const plan = planCheckout(journal, {
      key: "pay-7f3a",
      accountId: "fam-1",
      channel: "pos",
      date: "2026-11-20",
      feeIds: ["fee-42"],
      tenders: [
        { method: "card", amount: "10.00" },
        { method: "cash", amount: "10.00" },
      ],
    });
    expect(plan.applyCredit).to.equal(true);
    expect(plan.appliedCredit).to.equal("5.00");
    expect(plan.remainingDue).to.equal("15.00");
    expect(plan.change).to.equal("5.00");
    expect(plan.warnings).to.deep.equal([]);
    expect(recordCheckout(journal, plan).status).to.equal("committed");
    expect(recordCheckout(journal, plan).status).to.equal("duplicate");
  });

  it("Checkout planning: the warning the comment shows comes with auto-apply on, Apply Credit off and a sale charged to the account", () => {
    const journal = readmeJournal();
    journal.updateSettings({ autoApply: true });
    const plan = planCheckout(journal, {
      key: "sale-1",
      accountId: "fam-1",
      channel: "pos",
      date: "2026-11-20",
      feeIds: [],
      newCharges: [{ itemId: "tee", category: "Shop", description: "T-shirt", amount: "12.00" }],
      applyCredit: false,
      chargeToAccount: true,
    });
    expect(plan.warnings).to.have.length(1);
    expect(plan.warnings[0]).to.include({ code: "auto-apply-will-use-credit", amount: "5.00", target: "unpaid-fees" });
    expect(README).to.contain('[{ code: "auto-apply-will-use-credit", amount: "5.00", target: "unpaid-fees", message }]');
  });

  it("Money: typed amounts in other digits, canonical strings ASCII", () => {
    expect(README).to.contain('parseLocalizedMoney("１２．５０", "USD", "ja-JP");');
    expect(README).to.contain('parseLocalizedMoney("١٢٣٫٥٠", "USD", "en-US");');
    expect(toAmountString(parseLocalizedMoney("１２．５０", "USD", "ja-JP"))).to.equal("12.50");
    expect(toAmountString(parseLocalizedMoney("١٢٣٫٥٠", "USD", "en-US"))).to.equal("123.50");
    expect(errorOf(() => parseMoney("１２．５０", "USD")).code).to.equal("invalid-amount");
  });

  it("Errors: code, details and the message rendered from them", () => {
    expect(README).to.contain('messageFor("invalid-input", { field: "channel" });   // "The request is not valid (channel)."');
    const error = errorOf(() => parseMoney("1.234", "USD"));
    expect(error).to.be.instanceOf(CreditKitError);
    expect(error.code).to.equal("too-many-decimals");
    expect(error.details).to.deep.equal({ input: "1.234", currency: "USD", maxDecimals: 2 });
    expect(error.message).to.equal("USD amounts have at most 2 decimal places.");
    expect(error.message).to.equal(messageFor(error.code, error.details));
    expect(messageFor("invalid-input", { field: "channel" })).to.equal("The request is not valid (channel).");
    expect(ERROR_CODES).to.include("too-many-decimals");
    expect(CORE_README).to.contain("messageFor(code, details)");
  });
});
