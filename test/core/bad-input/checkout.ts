/** Checkout (§3): requests, snapshots and settings the pay window must refuse. */
import {
  applyCreditDefault,
  DEFAULT_SETTINGS,
  money,
  type OrgSettings,
  parseTenders,
  planCheckout,
  recordCheckout,
  splitTenders,
} from "../../../packages/core/src/index.js";
import { type Context, type Row, request } from "./context.js";

/** planCheckout over fam-1 with `over` in the request, refused with `code`. */
const plan = (name: string, code: string, over: Record<string, unknown>, settings: OrgSettings = DEFAULT_SETTINGS): Row => ({
  name: `checkout: ${name}`,
  code,
  run: ({ snap }: Context) => planCheckout(snap, request(over), settings),
});

const cash = (amount: unknown) => [{ method: "cash", amount }];

export const CHECKOUT_ROWS: readonly Row[] = [
  { name: "checkout: a null snapshot", code: "invalid-input", run: () => planCheckout(null as never, request(), DEFAULT_SETTINGS) },
  { name: "checkout: an empty snapshot", code: "invalid-input", run: () => planCheckout({} as never, request(), DEFAULT_SETTINGS) },
  {
    name: "checkout: a snapshot with null fees",
    code: "invalid-input",
    run: ({ snap }) => planCheckout({ ...snap, fees: null } as never, request(), DEFAULT_SETTINGS),
  },
  {
    name: "checkout: a snapshot in a made-up currency",
    code: "unknown-currency",
    run: ({ snap }) => planCheckout({ ...snap, currency: "ZZZ" }, request(), DEFAULT_SETTINGS),
  },
  { name: "checkout: a null request", code: "invalid-input", run: ({ snap }) => planCheckout(snap, null as never, DEFAULT_SETTINGS) },
  { name: "checkout: null settings", code: "invalid-input", run: ({ snap }) => planCheckout(snap, request(), null as never) },
  plan('settings with autoApply "yes"', "invalid-input", {}, { ...DEFAULT_SETTINGS, autoApply: "yes" as never }),
  plan("settings missing overpaymentToCredit", "invalid-input", {}, { autoApply: true, portalPartialPayments: false } as never),
  plan('channel "kiosk"', "invalid-input", { channel: "kiosk" }),
  plan("channel missing", "invalid-input", { channel: undefined }),
  plan('key ""', "invalid-input", { key: "" }),
  plan("a numeric key", "invalid-input", { key: 5 }),
  plan("date 2026-02-30", "invalid-date", { date: "2026-02-30" }),
  plan("date missing", "invalid-date", { date: undefined }),
  plan("feeIds null", "invalid-input", { feeIds: null }),
  plan('feeIds "swim"', "invalid-input", { feeIds: "swim" }),
  plan("feeIds [null]", "invalid-input", { feeIds: [null] }),
  plan("feeIds [5]", "invalid-input", { feeIds: [5] }),
  plan("feeIds []", "nothing-to-pay", { feeIds: [] }),
  plan("an unknown fee", "unknown-fee", { feeIds: ["nope"] }),
  plan("a fee twice", "duplicate-fee", { feeIds: ["swim", "swim"] }),
  plan("a fee held by a settlement", "fee-reserved", { feeIds: ["held"] }),
  plan('applyCredit "yes"', "invalid-input", { applyCredit: "yes" }),
  plan("applyCredit 1", "invalid-input", { applyCredit: 1 }),
  plan("applyCredit null", "invalid-input", { applyCredit: null }),
  plan("a numeric creditAmount", "invalid-input", { creditAmount: 5 }),
  plan('creditAmount "abc"', "invalid-amount", { creditAmount: "abc" }),
  plan('creditAmount "10%"', "percent-not-supported", { creditAmount: "10%" }),
  plan("creditAmount beyond the maximum", "credit-exceeds-maximum", { applyCredit: true, creditAmount: "999.00" }),
  plan('creditAmount "abc" with Apply Credit off', "invalid-amount", { applyCredit: false, creditAmount: "abc" }),
  plan("creditAmount at the point of sale", "credit-amount-admin-only", { channel: "pos", creditAmount: "1.00" }),
  plan("tenders null", "invalid-input", { tenders: null }),
  plan('tenders "cash"', "invalid-input", { tenders: "cash" }),
  plan("tenders [null]", "invalid-input", { tenders: [null] }),
  plan("a bitcoin tender", "invalid-input", { tenders: [{ method: "bitcoin", amount: "1.00" }] }),
  plan("a tender without method", "invalid-input", { tenders: [{ amount: "1.00" }] }),
  plan("a tender of -1.00", "negative-amount", { tenders: cash("-1.00") }),
  plan("a tender of 0.00", "zero-amount", { tenders: cash("0.00") }),
  plan("a tender of 1e2", "exponent-not-allowed", { tenders: cash("1e2") }),
  plan("a tender of 5 (a number)", "invalid-amount", { tenders: cash(5) }),
  plan("a tender of 1.001", "too-many-decimals", { tenders: cash("1.001") }),
  plan("a tender of NaN", "not-finite", { tenders: cash("NaN") }),
  plan("a card over-tender", "over-tender", { applyCredit: false, tenders: [{ method: "card", amount: "41.00" }] }),
  plan("a numeric reference", "invalid-input", { tenders: [{ method: "card", amount: "1.00", reference: 5 }] }),
  plan('chargeToAccount "yes"', "invalid-input", { chargeToAccount: "yes" }),
  plan("chargeToAccount at the admin window", "charge-to-account-pos-only", { chargeToAccount: true }),
  plan("new charges at the admin window", "new-charges-pos-only", { newCharges: [{ itemId: "x", description: "X", amount: "1.00" }] }),
  plan("newCharges null", "invalid-input", { channel: "pos", newCharges: null }),
  plan("newCharges [null]", "invalid-input", { channel: "pos", newCharges: [null] }),
  plan('a new charge with itemId ""', "invalid-input", { channel: "pos", newCharges: [{ itemId: "", description: "X", amount: "1.00" }] }),
  plan("a new charge without description", "invalid-input", { channel: "pos", newCharges: [{ itemId: "x", amount: "1.00" }] }),
  plan('a new charge of "10%"', "percent-not-supported", {
    channel: "pos",
    newCharges: [{ itemId: "x", description: "X", amount: "10%" }],
  }),
  plan("a new charge not paid nor charged", "payment-incomplete", {
    channel: "pos",
    applyCredit: false,
    newCharges: [{ itemId: "x", description: "X", amount: "1.00" }],
  }),
  plan("a partial payment in the portal", "partial-payment-not-allowed", {
    channel: "portal",
    applyCredit: false,
    tenders: [{ method: "card", amount: "1.00" }],
  }),
  { name: "checkout: recordCheckout of null", code: "invalid-input", run: ({ journal }) => recordCheckout(journal, null as never) },
  {
    name: "checkout: recordCheckout into null",
    code: "invalid-input",
    run: ({ snap }) => recordCheckout(null as never, planCheckout(snap, request(), DEFAULT_SETTINGS)),
  },
  {
    name: "checkout: recordCheckout of a plan with no entries",
    code: "empty-commit",
    run: ({ journal, snap }) => recordCheckout(journal, { ...planCheckout(snap, request(), DEFAULT_SETTINGS), entries: [] }),
  },
  {
    name: "checkout: recordCheckout of a tampered plan (bitcoin)",
    code: "invalid-input",
    run: ({ journal, snap }) => {
      const p = planCheckout(snap, request({ applyCredit: false, tenders: [{ method: "card", amount: "5.00" }] }), DEFAULT_SETTINGS);
      return recordCheckout(journal, { ...p, entries: p.entries.map((e) => ({ ...e, method: "bitcoin" }) as never) });
    },
  },
  {
    name: "checkout: applyCreditDefault for a kiosk",
    code: "invalid-input",
    run: () => applyCreditDefault("kiosk" as never, money("1.00", "USD"), money("1.00", "USD")),
  },
  {
    name: "checkout: applyCreditDefault of numbers",
    code: "invalid-input",
    run: () => applyCreditDefault("admin", 1 as never, 2 as never),
  },
  { name: "checkout: parseTenders(null)", code: "invalid-input", run: () => parseTenders(null as never, "USD") },
  { name: "checkout: splitTenders(null)", code: "invalid-input", run: () => splitTenders(null as never, money("1.00", "USD"), false) },
  { name: "checkout: splitTenders with a due of 5", code: "invalid-input", run: () => splitTenders([], 5 as never, false) },
];
