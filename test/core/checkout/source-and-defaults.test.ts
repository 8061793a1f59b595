/**
 * Checkout from where the account comes from (issue #16): `planCheckout`
 * given a journal reads the account and the organisation's settings there,
 * so its auto-apply warning is the ledger's; the old call (a snapshot and
 * settings) is unchanged. And `checkoutDefaults`: what the pay window — the
 * member portal first — shows before anyone types (§3).
 */
import { expect } from "chai";
import fc from "fast-check";
import {
  type AccountSnapshot,
  type CheckoutRequest,
  type CheckoutSource,
  checkoutDefaults,
  DEFAULT_SETTINGS,
  type Journal,
  type OrgSettings,
  planCheckout,
  recordCheckout,
} from "../../../packages/core/src/index.js";
import { errorOf, grantCredit, journalWith, openFamily, postFee } from "../fixtures.js";

/** fam-1 owes f1 20.00 (due 11-15) and f2 15.00 (due 11-10), and has 5.00 of credit; auto-apply as given. */
function family(autoApply: boolean, credit = "5.00"): Journal {
  const journal = journalWith({ autoApply: false });
  openFamily(journal);
  grantCredit(journal, "fam-1", "g1", credit);
  postFee(journal, "fam-1", "f1", "20.00", { dueDate: "2026-11-15" });
  postFee(journal, "fam-1", "f2", "15.00", { dueDate: "2026-11-10" });
  journal.updateSettings({ autoApply });
  return journal;
}

/** The §3 edge case: Apply Credit off, a sale charged to the account at the point of sale. */
const charged: CheckoutRequest = {
  key: "sale-1",
  channel: "pos",
  date: "2026-11-20",
  feeIds: [],
  newCharges: [{ itemId: "tee", category: "Merch", description: "T-shirt", amount: "12.00" }],
  applyCredit: false,
  chargeToAccount: true,
};

describe("planCheckout from where the account comes from (#16)", () => {
  it("warns about the sweep only when the organisation's auto-apply is on: the journal's setting, not DEFAULT_SETTINGS", () => {
    const off = family(false);
    // The old call with the wrong settings warns falsely: the caller said auto-apply is on.
    expect(planCheckout(off.snapshot("fam-1"), charged, DEFAULT_SETTINGS).warnings).to.have.length(1);
    // From the journal: no sweep will follow, so no warning.
    expect(planCheckout(off, { ...charged, accountId: "fam-1" }).warnings).to.deep.equal([]);
    // The same call with the snapshot and the journal's own settings agrees.
    expect(planCheckout(off.snapshot("fam-1"), charged, off.settings()).warnings).to.deep.equal([]);

    const on = family(true);
    const warnings = planCheckout(on, { ...charged, accountId: "fam-1" }).warnings;
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include({ code: "auto-apply-will-use-credit", amount: "5.00" });
  });

  it("follows the ledger's auto-apply even when the caller's settings say otherwise; other settings may be overridden", () => {
    const off = family(false);
    const request = { ...charged, accountId: "fam-1" };
    expect(planCheckout(off, request, { autoApply: true }).warnings).to.deep.equal([]);
    const on = family(true);
    expect(planCheckout(on, request, { autoApply: false }).warnings).to.have.length(1);
    // overpaymentToCredit is the caller's to choose.
    const over: CheckoutRequest & { accountId: string } = {
      key: "pay-1",
      accountId: "fam-1",
      channel: "admin",
      date: "2026-11-20",
      feeIds: ["f2"],
      applyCredit: false,
      tenders: [{ method: "card", amount: "20.00" }],
    };
    expect(errorOf(() => planCheckout(off, over)).code).to.equal("over-tender");
    expect(planCheckout(off, over, { overpaymentToCredit: true }).overpaymentCredit).to.equal("5.00");
  });

  it("plans from a journal exactly as from its snapshot and settings, and records the same way", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.constantFrom("admin", "pos", "portal"),
        fc.option(fc.boolean(), { nil: undefined }),
        fc.subarray(["f2", "f1"], { minLength: 1 }),
        (autoApply, channel, applyCredit, feeIds) => {
          const journal = family(autoApply);
          const request: CheckoutRequest = {
            key: "pay-1",
            channel,
            date: "2026-11-20",
            feeIds,
            ...(applyCredit === undefined ? {} : { applyCredit }),
            tenders: [{ method: "cash", amount: "40.00" }],
          };
          const old = planCheckout(journal.snapshot("fam-1"), request, journal.settings());
          expect(planCheckout(journal, { ...request, accountId: "fam-1" })).to.deep.equal(old);
        },
      ),
      { numRuns: 60 },
    );
    const journal = family(false);
    const plan = planCheckout(journal, { ...charged, accountId: "fam-1" });
    expect(recordCheckout(journal, plan).status).to.equal("committed");
  });

  it("refuses what cannot be planned with a typed error naming the field", () => {
    const journal = family(false);
    const request: CheckoutRequest = { key: "pay-1", channel: "admin", date: "2026-11-20", feeIds: ["f1"] };
    // From a source, the account is needed.
    expect(errorOf(() => planCheckout(journal, request as never)).details.field).to.equal("accountId");
    expect(errorOf(() => planCheckout(journal, { ...request, accountId: "nobody" })).code).to.equal("unknown-account");
    // With a snapshot, an accountId must be the snapshot's.
    const other = errorOf(() => planCheckout(journal.snapshot("fam-1"), { ...request, accountId: "fam-2" }, DEFAULT_SETTINGS));
    expect(other.details).to.include({ field: "accountId", reason: "other-account" });
    expect(planCheckout(journal.snapshot("fam-1"), { ...request, accountId: "fam-1" }, DEFAULT_SETTINGS).total).to.equal("20.00");
    // With a snapshot, settings are still required (nothing to read them from).
    expect(errorOf(() => (planCheckout as (...args: unknown[]) => unknown)(journal.snapshot("fam-1"), request)).details.field).to.equal(
      "settings",
    );
    // A data source answers later: await it first.
    const later = {
      snapshot: async () => journal.snapshot("fam-1"),
      settings: async () => journal.settings(),
    } as unknown as CheckoutSource;
    const error = errorOf(() => planCheckout(later, { ...request, accountId: "fam-1" }));
    expect(error.details).to.include({ field: "source", reason: "async-source" });
    expect(error.message).to.contain("await");
    // A caller's setting that is not a boolean is refused as before.
    expect(errorOf(() => planCheckout(journal, { ...request, accountId: "fam-1" }, { overpaymentToCredit: "yes" } as never)).code).to.equal(
      "invalid-input",
    );
  });
});

describe("checkoutDefaults: what the pay window shows before anyone types (#16, §3)", () => {
  const portal = (settings: Partial<OrgSettings> = {}) => ({ ...DEFAULT_SETTINGS, ...settings });

  it("portal: every unpaid fee oldest due first, credit applied by default, the amount due after credit in the card row", () => {
    const journal = family(false);
    const shown = checkoutDefaults(journal.snapshot("fam-1"), { channel: "portal" }, portal({ autoApply: false }));
    expect(shown).to.deep.include({
      channel: "portal",
      currency: "USD",
      feeIds: ["f2", "f1"],
      total: "35.00",
      availableCredit: "5.00",
      maxCredit: "5.00",
      applyCredit: true,
      applyCreditDefault: true,
      appliedCredit: "5.00",
      remainingDue: "30.00",
      paidEntirelyByCredit: false,
    });
    expect(shown.tender).to.deep.equal({ method: "card", amount: "30.00" });
    expect(shown.lines.map((l) => [l.feeId, l.credit, l.unpaid])).to.deep.equal([
      ["f2", "5.00", "10.00"],
      ["f1", "0.00", "20.00"],
    ]);
    // From the journal, the same figures.
    expect(checkoutDefaults(journal, { channel: "portal", accountId: "fam-1" })).to.deep.equal(shown);
  });

  it("portal without partial payments: the defaults are shown (not refused), and paying them as shown is a whole payment", () => {
    const journal = family(false);
    const settings = portal({ autoApply: false, portalPartialPayments: false });
    const shown = checkoutDefaults(journal.snapshot("fam-1"), { channel: "portal" }, settings);
    const plan = planCheckout(
      journal.snapshot("fam-1"),
      { key: "pay-1", channel: "portal", date: "2026-11-20", feeIds: shown.feeIds, tenders: shown.tender ? [shown.tender] : [] },
      settings,
    );
    expect(plan.paidInFull).to.equal(true);
    expect(plan.appliedCredit).to.equal(shown.appliedCredit);
    expect(plan.tenderApplied).to.equal(shown.remainingDue);
  });

  it("credit that pays it all: no card row; no fee to pay: every figure zero", () => {
    const rich = family(false, "50.00");
    const all = checkoutDefaults(rich, { channel: "portal", accountId: "fam-1" });
    expect(all).to.deep.include({ appliedCredit: "35.00", remainingDue: "0.00", paidEntirelyByCredit: true });
    expect(all.tender).to.equal(undefined);

    const empty = journalWith();
    openFamily(empty);
    const none = checkoutDefaults(empty, { channel: "portal", accountId: "fam-1" });
    expect(none).to.deep.include({ feeIds: [], total: "0.00", appliedCredit: "0.00", remainingDue: "0.00", paidEntirelyByCredit: false });
    expect(none.tender).to.equal(undefined);
  });

  it("admin: the switch starts off when credit covers only part; chosen fees, the switch as set, and held fees left out", () => {
    const journal = family(false);
    const admin = checkoutDefaults(journal, { channel: "admin", accountId: "fam-1" });
    expect(admin).to.deep.include({ applyCredit: false, appliedCredit: "0.00", remainingDue: "35.00" });
    expect(admin.tender).to.deep.equal({ method: "card", amount: "35.00" });
    const on = checkoutDefaults(journal, { channel: "admin", accountId: "fam-1", feeIds: ["f1"], applyCredit: true });
    expect(on).to.deep.include({ feeIds: ["f1"], appliedCredit: "5.00", remainingDue: "15.00" });
    journal.reserve({ key: "batch/inv", accountId: "fam-1", feeIds: ["f2"], credit: "0.00" });
    expect(checkoutDefaults(journal, { channel: "portal", accountId: "fam-1" }).feeIds).to.deep.equal(["f1"]);
  });

  it("point of sale: a sale rung up is in the total, and the card row pays it (Charge to Account waits for the person)", () => {
    const journal = family(false);
    const shown = checkoutDefaults(journal, {
      channel: "pos",
      accountId: "fam-1",
      feeIds: [],
      newCharges: [{ itemId: "tee", category: "Merch", description: "T-shirt", amount: "12.00" }],
    });
    expect(shown).to.deep.include({ feeIds: [], total: "12.00", appliedCredit: "5.00", remainingDue: "7.00" });
    expect(shown.tender).to.deep.equal({ method: "card", amount: "7.00" });
  });

  it("refuses what planCheckout refuses: an unknown fee, new charges outside the point of sale", () => {
    const journal = family(false);
    const snap: AccountSnapshot = journal.snapshot("fam-1");
    expect(errorOf(() => checkoutDefaults(snap, { channel: "portal", feeIds: ["nope"] }, DEFAULT_SETTINGS)).code).to.equal("unknown-fee");
    expect(
      errorOf(() =>
        checkoutDefaults(
          snap,
          { channel: "portal", newCharges: [{ itemId: "x", category: "c", description: "d", amount: "1.00" }] },
          DEFAULT_SETTINGS,
        ),
      ).code,
    ).to.equal("new-charges-pos-only");
    expect(errorOf(() => checkoutDefaults(snap, null as never, DEFAULT_SETTINGS)).details.field).to.equal("request");
  });
});
