/** The journal (§2): commits, reads and restores the kit must refuse, each bad field of each entry type. */
import {
  createJournal,
  deriveAccount,
  type JournalData,
  type LedgerEntry,
  paymentReversal,
  planSweep,
  restoreJournal,
} from "../../../packages/core/src/index.js";
import { type Context, creditPayment, DATE, fee, grant, payment, type Row, voidOf, without, withProto } from "./context.js";

/** Committing `entries` under `key` is refused with `code`. */
const commit = (name: string, code: string, key: string, entries: (key: string) => unknown): Row => ({
  name: `journal: ${name}`,
  code,
  run: ({ journal }) => journal.commit(key, entries(key) as LedgerEntry[]),
});

/** One entry made by `make` under key "bad" is refused with `code`. */
const one = (name: string, code: string, make: (key: string) => LedgerEntry): Row => commit(name, code, "bad", (k) => [make(k)]);

/** `data` (the shared ledger's, changed by `change`) is refused by restoreJournal with `code`. */
const restore = (name: string, code: string, change: (data: JournalData) => unknown): Row => ({
  name: `restore: ${name}`,
  code,
  run: ({ journal }: Context) => restoreJournal(change(JSON.parse(JSON.stringify(journal.toData())) as JournalData) as JournalData),
});

const hostileProxy = new Proxy(
  {},
  {
    ownKeys() {
      throw new Error("no keys for you");
    },
  },
);
const throwingGetter = Object.defineProperty(fee("bad"), "amount", {
  enumerable: true,
  get() {
    throw new Error("boom");
  },
});

export const JOURNAL_ROWS: readonly Row[] = [
  // The commit itself.
  commit("an empty commit", "empty-commit", "settle", () => []),
  commit("a null list", "invalid-input", "bad", () => null),
  commit("an undefined list", "invalid-input", "bad", () => undefined),
  commit("a string for the list", "invalid-input", "bad", () => "entries"),
  commit("an object for the list", "invalid-input", "bad", () => ({ 0: fee("bad") })),
  commit("[null]", "invalid-input", "bad", () => [null]),
  commit("[5]", "invalid-input", "bad", () => [5]),
  commit("[[]]", "invalid-input", "bad", () => [[]]),
  commit("an empty key", "invalid-input", "", () => [fee("")]),
  commit("a null key", "invalid-input", null as never, () => [fee("bad")]),
  commit("a numeric key", "invalid-input", 7 as never, () => [fee("bad")]),
  commit("an entry under another key", "invalid-input", "bad", () => [fee("other")]),
  commit("a used key with other entries", "idempotency-conflict", "g1", () => [grant("g1", { grantId: "g9" })]),
  commit("a sweep key of a key not committed", "reserved-key", "later§sweep§fam-1", (k) => [creditPayment(k)]),
  commit("a key with § that is no sweep key", "reserved-key", "a§b", (k) => [fee(k)]),
  commit("a fee under a committed key's sweep key", "reserved-key", "fees§sweep§fam-1", (k) => [fee(k)]),
  commit("another account's credit payment under a sweep key", "reserved-key", "fees§sweep§fam-2", (k) => [creditPayment(k)]),
  commit("two entries with one id", "duplicate-id", "bad", (k) => [fee(k), fee(k, { feeId: "other" })]),
  commit("a good entry and a bad one (nothing written)", "invalid-input", "bad", (k) => [
    fee(k),
    payment(k, { id: `${k}#1`, method: "bitcoin" }),
  ]),
  commit("two accounts, the second unknown", "unknown-account", "bad", (k) => [fee(k), fee(k, { id: `${k}#1`, accountId: "nobody" })]),
  commit("an entry whose fields cannot be read (proxy)", "invalid-input", "bad", () => [hostileProxy]),
  commit("an entry with a throwing getter", "invalid-input", "bad", () => [throwingGetter]),
  // Fields every entry has.
  one("an id missing", "invalid-input", (k) => without(fee(k), "id")),
  one('an id ""', "invalid-input", (k) => fee(k, { id: "" })),
  one("an id that is a number", "invalid-input", (k) => fee(k, { id: 5 })),
  one("an id in the derived space", "reserved-key", (k) => fee(k, { id: "x§sweep§fam-1#0" })),
  one("an id the ledger holds", "duplicate-id", (k) => fee(k, { id: "g1#0" })),
  one("the key missing", "invalid-input", (k) => without(fee(k), "key")),
  one("an unknown type", "invalid-input", (k) => fee(k, { type: "Refund" })),
  one("a type in lower case", "invalid-input", (k) => fee(k, { type: "fee" })),
  one("the type missing", "invalid-input", (k) => without(fee(k), "type")),
  one("a null type", "invalid-input", (k) => fee(k, { type: null })),
  one("a type __proto__", "invalid-input", (k) => fee(k, { type: "__proto__" })),
  one("the account missing", "invalid-input", (k) => without(fee(k), "accountId")),
  one("an unknown account", "unknown-account", (k) => fee(k, { accountId: "nobody" })),
  one("a numeric account", "invalid-input", (k) => fee(k, { accountId: 7 })),
  one("the date 2026-02-30", "invalid-date", (k) => fee(k, { date: "2026-02-30" })),
  one("the date 2026-13-01", "invalid-date", (k) => fee(k, { date: "2026-13-01" })),
  one("the date 2026/01/01", "invalid-date", (k) => fee(k, { date: "2026/01/01" })),
  one("the date 2026-1-1", "invalid-date", (k) => fee(k, { date: "2026-1-1" })),
  one("a date with a time", "invalid-date", (k) => fee(k, { date: "2026-01-01T00:00:00Z" })),
  one("a numeric date", "invalid-date", (k) => fee(k, { date: 20260101 })),
  one("the date missing", "invalid-date", (k) => without(fee(k), "date")),
  one("the amount missing", "invalid-amount", (k) => without(fee(k), "amount")),
  one("a numeric description", "invalid-input", (k) => fee(k, { description: 5 })),
  one("the description missing", "invalid-input", (k) => without(fee(k), "description")),
  one("an unknown field", "invalid-input", (k) => fee(k, { note: "extra" })),
  one("an own __proto__ field", "invalid-input", (k) => withProto(fee(k))),
  // Fee.
  one("a fee without feeId", "invalid-input", (k) => without(fee(k), "feeId")),
  one('a fee with feeId ""', "invalid-input", (k) => fee(k, { feeId: "" })),
  one("a fee with a numeric feeId", "invalid-input", (k) => fee(k, { feeId: 3 })),
  one("a fee id the account holds", "duplicate-id", (k) => fee(k, { feeId: "swim" })),
  one("a fee without category", "invalid-input", (k) => without(fee(k), "category")),
  one("a fee with a numeric category", "invalid-input", (k) => fee(k, { category: 1 })),
  one("a fee due 2026-02-29", "invalid-date", (k) => fee(k, { dueDate: "2026-02-29" })),
  one("a fee without due date", "invalid-date", (k) => without(fee(k), "dueDate")),
  one("a fee with a numeric member", "invalid-input", (k) => fee(k, { memberId: 12 })),
  one("a fee with a reference", "invalid-input", (k) => fee(k, { reference: "x" })),
  // Payment.
  one('a payment by "bitcoin"', "invalid-input", (k) => payment(k, { method: "bitcoin" })),
  one('a payment by "CARD"', "invalid-input", (k) => payment(k, { method: "CARD" })),
  one("a payment by account credit", "invalid-input", (k) => payment(k, { method: "account-credit" })),
  one("a payment without method", "invalid-input", (k) => without(payment(k), "method")),
  one("a payment without allocations", "invalid-input", (k) => without(payment(k), "allocations")),
  one("a payment with null allocations", "invalid-input", (k) => payment(k, { allocations: null })),
  one("a payment with allocations as text", "invalid-input", (k) => payment(k, { allocations: "swim" })),
  one("a payment allocating [null]", "invalid-input", (k) => payment(k, { allocations: [null] })),
  one("an allocation without amount", "invalid-amount", (k) => payment(k, { allocations: [{ feeId: "swim" }] })),
  one("an allocation without fee", "invalid-input", (k) => payment(k, { allocations: [{ amount: "10.00" }] })),
  one("an allocation with an extra field", "invalid-input", (k) => payment(k, { allocations: [{ feeId: "swim", amount: "10.00", x: 1 }] })),
  one("an allocation to an unknown fee", "unknown-fee", (k) => payment(k, { allocations: [{ feeId: "nope", amount: "10.00" }] })),
  one("an allocation of 1.001", "too-many-decimals", (k) => payment(k, { allocations: [{ feeId: "swim", amount: "1.001" }] })),
  one("allocations beyond the amount", "invalid-input", (k) => payment(k, { allocations: [{ feeId: "swim", amount: "20.00" }] })),
  one("a payment that allocates part of itself", "payment-not-allocated", (k) =>
    payment(k, { allocations: [{ feeId: "swim", amount: "4.00" }] }),
  ),
  one("a payment allocating nothing", "payment-not-allocated", (k) => payment(k, { allocations: [] })),
  commit("an overpayment credit naming another payment", "payment-not-allocated", "bad", (k) => [
    payment(k, { allocations: [{ feeId: "swim", amount: "4.00" }] }),
    grant(k, { id: `${k}#1`, source: { kind: "overpayment", paymentId: "card#0" }, amount: "6.00" }),
  ]),
  commit("an overpayment credit beyond the rest", "payment-not-allocated", "bad", (k) => [
    payment(k, { allocations: [{ feeId: "swim", amount: "4.00" }] }),
    grant(k, { id: `${k}#1`, source: { kind: "overpayment", paymentId: `${k}#0` }, amount: "7.00" }),
  ]),
  one("a payment overpaying its fee", "fee-overpaid", (k) =>
    payment(k, { amount: "50.00", allocations: [{ feeId: "swim", amount: "50.00" }] }),
  ),
  one("a payment of a reserved fee", "fee-reserved", (k) => payment(k, { allocations: [{ feeId: "held", amount: "10.00" }] })),
  one("tendered without change", "invalid-amount", (k) => payment(k, { tendered: "20.00" })),
  one("tendered less change not the amount", "invalid-input", (k) => payment(k, { tendered: "20.00", change: "5.00" })),
  one("a numeric reference", "invalid-input", (k) => payment(k, { reference: 5 })),
  one("a payment with a feeId", "invalid-input", (k) => payment(k, { feeId: "swim" })),
  // Payment (AC).
  one("a credit payment using no grant", "invalid-input", (k) => creditPayment(k, { grants: [] })),
  one("a credit payment with null grants", "invalid-input", (k) => creditPayment(k, { grants: null })),
  one("a credit payment of an unknown grant", "unknown-grant", (k) => creditPayment(k, { grants: [{ grantId: "nope", amount: "4.00" }] })),
  one("a credit payment not equal to its grants", "invalid-input", (k) => creditPayment(k, { amount: "5.00" })),
  one("a credit payment overusing a grant", "credit-overused", (k) =>
    creditPayment(k, { amount: "11.00", grants: [{ grantId: "g1", amount: "11.00" }] }),
  ),
  one("a credit payment without feeId", "invalid-input", (k) => without(creditPayment(k), "feeId")),
  one("a credit payment of a reserved fee", "fee-reserved", (k) => creditPayment(k, { feeId: "held" })),
  // Grants.
  one("a grant without creditType", "invalid-input", (k) => without(grant(k), "creditType")),
  one('a grant with creditType ""', "invalid-input", (k) => grant(k, { creditType: "" })),
  one("a grant without grantId", "invalid-input", (k) => without(grant(k), "grantId")),
  one("a grant id the account holds", "duplicate-id", (k) => grant(k, { grantId: "g1" })),
  one("a grant without source", "invalid-input", (k) => without(grant(k), "source")),
  one("a grant with a null source", "invalid-input", (k) => grant(k, { source: null })),
  one('a grant from source "magic"', "invalid-input", (k) => grant(k, { source: { kind: "magic" } })),
  one('a grant from source "constructor"', "invalid-input", (k) => grant(k, { source: { kind: "constructor" } })),
  one("a mass-credit source without runId", "invalid-input", (k) => grant(k, { source: { kind: "mass-credit", rowKey: "r" } })),
  one("a manual source with an extra field", "invalid-input", (k) => grant(k, { source: { kind: "manual", by: "me" } })),
  one("a source with an own __proto__", "invalid-input", (k) => withProto(grant(k), '"source":{')),
  one("a numeric location", "invalid-input", (k) => grant(k, { location: 3 })),
  one('a grant of type "Preloaded credit"', "invalid-input", (k) => grant(k, { type: "Preloaded credit" })),
  one("a preload of 0.00", "zero-amount", (k) => grant(k, { type: "Preloaded Credit", amount: "0.00" })),
  // Void.
  one("a void of a bogus target", "invalid-input", (k) => voidOf(k, { target: { kind: "bogus", feeId: "swim" } })),
  one("a void with a null target", "invalid-input", (k) => voidOf(k, { target: null })),
  one("a void without target", "invalid-input", (k) => without(voidOf(k), "target")),
  one("a void of a fee without feeId", "invalid-input", (k) => voidOf(k, { target: { kind: "fee" } })),
  one("a void target with an extra field", "invalid-input", (k) => voidOf(k, { target: { kind: "fee", feeId: "swim", grantId: "g1" } })),
  one("a void of an unknown fee", "unknown-fee", (k) => voidOf(k, { target: { kind: "fee", feeId: "nope" } })),
  one("a void beyond a fee's remainder", "fee-overpaid", (k) => voidOf(k, { amount: "41.00" })),
  one("a void beyond a grant's remainder", "credit-overused", (k) =>
    voidOf(k, { amount: "11.00", target: { kind: "grant", grantId: "g1" } }),
  ),
  one("a void of an unknown payment", "unknown-payment", (k) => voidOf(k, { target: { kind: "payment", entryId: "nope#0" } })),
  one("a void of part of a payment", "invalid-input", (k) =>
    voidOf(k, { accountId: "fam-2", amount: "5.00", target: { kind: "payment", entryId: "card#0" } }),
  ),
  one("a void of a reserved fee", "fee-reserved", (k) => voidOf(k, { target: { kind: "fee", feeId: "held" } })),
  // The journal's other calls.
  { name: "journal: openAccount(null)", code: "invalid-input", run: ({ journal }) => journal.openAccount(null as never) },
  { name: "journal: openAccount({})", code: "invalid-input", run: ({ journal }) => journal.openAccount({} as never) },
  {
    name: 'journal: openAccount id ""',
    code: "invalid-input",
    run: ({ journal }) => journal.openAccount({ id: "", name: "X", kind: "family" }),
  },
  {
    name: "journal: openAccount numeric name",
    code: "invalid-input",
    run: ({ journal }) => journal.openAccount({ id: "x", name: 5, kind: "family" } as never),
  },
  {
    name: 'journal: openAccount kind "company"',
    code: "invalid-input",
    run: ({ journal }) => journal.openAccount({ id: "x", name: "X", kind: "company" } as never),
  },
  {
    name: "journal: openAccount an existing id",
    code: "duplicate-account",
    run: ({ journal }) => journal.openAccount({ id: "fam-1", name: "X", kind: "family" }),
  },
  { name: "journal: updateSettings(null)", code: "invalid-input", run: ({ journal }) => journal.updateSettings(null as never) },
  {
    name: 'journal: updateSettings autoApply "yes"',
    code: "invalid-input",
    run: ({ journal }) => journal.updateSettings({ autoApply: "yes" } as never),
  },
  {
    name: 'journal: updateSettings autoApply "false"',
    code: "invalid-input",
    run: ({ journal }) => journal.updateSettings({ autoApply: "false" } as never),
  },
  {
    name: "journal: updateSettings an unknown setting",
    code: "invalid-input",
    run: ({ journal }) => journal.updateSettings({ bogus: true } as never),
  },
  {
    name: "journal: updateSettings an own __proto__",
    code: "invalid-input",
    run: ({ journal }) => journal.updateSettings(withProto({ autoApply: true })),
  },
  { name: "journal: subscribe(null)", code: "invalid-input", run: ({ journal }) => journal.subscribe(null as never) },
  { name: "journal: snapshot of an unknown account", code: "unknown-account", run: ({ journal }) => journal.snapshot("nobody") },
  { name: "journal: snapshot(null)", code: "unknown-account", run: ({ journal }) => journal.snapshot(null as never) },
  { name: "journal: entriesOf an unknown account", code: "unknown-account", run: ({ journal }) => journal.entriesOf("nobody") },
  { name: "journal: feesOwed(fam, null)", code: "invalid-input", run: ({ journal }) => journal.feesOwed("fam-1", null as never, "k") },
  { name: "journal: feesOwed of an unknown fee", code: "unknown-fee", run: ({ journal }) => journal.feesOwed("fam-1", ["nope"], "k") },
  { name: "journal: createJournal(null)", code: "invalid-input", run: () => createJournal(null as never) },
  { name: "journal: createJournal({})", code: "unknown-currency", run: () => createJournal({} as never) },
  { name: 'journal: createJournal currency "usd"', code: "unknown-currency", run: () => createJournal({ currency: "usd" }) },
  {
    name: "journal: createJournal autoApply 1",
    code: "invalid-input",
    run: () => createJournal({ currency: "USD", settings: { autoApply: 1 } as never }),
  },
  {
    name: "journal: deriveAccount of [null]",
    code: "invalid-input",
    run: () => deriveAccount({ id: "a", name: "A", kind: "family" }, [null] as never, "USD"),
  },
  {
    name: "journal: deriveAccount of a bitcoin payment",
    code: "invalid-input",
    run: () => deriveAccount({ id: "fam-1", name: "A", kind: "family" }, [payment("x", { method: "bitcoin" })], "USD"),
  },
  { name: "journal: planSweep(null)", code: "invalid-input", run: () => planSweep(null as never, { key: "k", date: DATE }) },
  { name: "journal: planSweep on 2026-02-30", code: "invalid-date", run: ({ snap }) => planSweep(snap, { key: "k", date: "2026-02-30" }) },
  { name: "journal: paymentReversal(null)", code: "invalid-input", run: () => paymentReversal(null as never, { key: "k", date: DATE }) },
  {
    name: "journal: paymentReversal of a fee",
    code: "invalid-input",
    run: () => paymentReversal(fee("x") as never, { key: "k", date: DATE }),
  },
  // Restoring data.
  { name: "restore: null", code: "invalid-input", run: () => restoreJournal(null as never) },
  { name: "restore: a list", code: "invalid-input", run: () => restoreJournal([] as never) },
  { name: "restore: {}", code: "invalid-input", run: () => restoreJournal({} as never) },
  restore("settings null", "invalid-input", (d) => ({ ...d, settings: null })),
  restore('settings autoApply "true"', "invalid-input", (d) => ({ ...d, settings: { ...d.settings, autoApply: "true" } })),
  restore("an unknown setting", "invalid-input", (d) => ({ ...d, settings: { ...d.settings, darkMode: true } })),
  restore("accounts null", "invalid-input", (d) => ({ ...d, accounts: null })),
  restore('an account with id ""', "invalid-input", (d) => ({ ...d, accounts: [...d.accounts, { id: "", name: "X", kind: "family" }] })),
  restore("an account with an extra field", "invalid-input", (d) => ({
    ...d,
    accounts: [{ ...d.accounts[0], admin: true }, ...d.accounts.slice(1)],
  })),
  restore("an account twice", "duplicate-account", (d) => ({ ...d, accounts: [...d.accounts, d.accounts[0]] })),
  restore("entries as text", "invalid-input", (d) => ({ ...d, entries: "entries" })),
  restore("entries [null]", "invalid-input", (d) => ({ ...d, entries: [null] })),
  restore("reservations null", "invalid-input", (d) => ({ ...d, reservations: null })),
  restore("a reservation without key", "invalid-input", (d) => ({
    ...d,
    reservations: d.reservations.map((r) => ({ ...r, key: undefined })),
  })),
  restore('currency "ZZZ"', "unknown-currency", (d) => ({ ...d, currency: "ZZZ" })),
  restore("a numeric currency", "invalid-input", (d) => ({ ...d, currency: 840 })),
  restore("another currency (amounts refused)", "too-many-decimals", (d) => ({ ...d, currency: "JPY" })),
  restore("an unknown top-level field", "invalid-input", (d) => ({ ...d, runs: [] })),
  restore("an own __proto__ at the top", "invalid-input", (d) => withProto(d)),
  restore("a bitcoin payment", "invalid-input", (d) => ({ ...d, entries: [...d.entries, payment("late", { method: "bitcoin" })] })),
  restore("a fee without feeId", "invalid-input", (d) => ({ ...d, entries: [...d.entries, without(fee("late"), "feeId")] })),
  restore("an entry duplicated", "duplicate-id", (d) => ({ ...d, entries: [...d.entries, d.entries[0]] })),
  restore("a key split around another", "idempotency-conflict", (d) => ({
    ...d,
    entries: [...d.entries, fee("fees", { id: "fees#9", feeId: "late" })],
  })),
  restore("an entry of an unknown account", "unknown-account", (d) => ({
    ...d,
    entries: [...d.entries, fee("late", { accountId: "nobody" })],
  })),
  restore("an entry overpaying", "fee-overpaid", (d) => ({
    ...d,
    entries: [...d.entries, payment("late", { amount: "99.00", allocations: [{ feeId: "swim", amount: "99.00" }] })],
  })),
  restore("an entry under a sweep key of nothing", "reserved-key", (d) => ({
    ...d,
    entries: [...d.entries, creditPayment("x§sweep§fam-1")],
  })),
];
