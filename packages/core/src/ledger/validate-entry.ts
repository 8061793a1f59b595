/**
 * The journal's boundary (§2): every entry a commit, a restore or a backup
 * brings in is checked here field by field — types, enumerations, required
 * fields, real dates, canonical amounts in the ledger's currency, no unknown
 * field — before it touches a book, so a ledger the journal accepted is one
 * every report reads and `restoreJournal` restores. Hand-written and
 * table-driven, not a schema library: see docs/decisions/0013-entry-validation.md.
 *
 * Keys the kit derives itself (the sweep's) live in a space callers cannot
 * write: they contain `DERIVED_MARK`, which a caller's key or entry id may not.
 */
import { assertIsoDate } from "../dates.js";
import { assertInput, CreditKitError } from "../errors.js";
import { compare, isNegative, isZero, type Money, parseMoney, subtract, toAmountString } from "../money.js";
import type { OrgSettings } from "../settings.js";
import { type AccountRecord, type GrantEntry, isGrantEntry, type LedgerEntry } from "./entries.js";

/** The character that marks a key (and the ids under it) as derived by the kit; refused in callers' keys and ids. */
export const DERIVED_MARK = "§";
const SWEEP = `${DERIVED_MARK}sweep${DERIVED_MARK}`;

/** The key the auto-apply sweep writes under after `key` posted to `accountId`. */
export function sweepKey(key: string, accountId: string): string {
  return key + SWEEP + accountId;
}

/**
 * A field's rule: `t` non-empty text, `s` text, `d` a real date, `a` a
 * positive canonical amount, `b` a boolean, `m` a payment method, `k` an
 * account kind, `[x` a list of `x` (`[t` ids, `[F`/`[G` fee/grant parts, `[G`
 * at least one, `[g` maybe none, `[A`
 * accounts, `[R` reservations, `[E` entries, `[` anything), `S` a grant
 * source, `V` a void target, `c` a currency, `O` settings, `?x` optional `x`,
 * `` (empty) checked elsewhere.
 */
export type Rules = Readonly<Record<string, string>>;

const BASE = { id: "t", key: "t", type: "", accountId: "t", date: "d", amount: "a", description: "s" };
const ENTRY: Readonly<Record<string, Rules>> = {
  Fee: { ...BASE, feeId: "t", category: "s", dueDate: "d", memberId: "?s" },
  Payment: { ...BASE, method: "m", allocations: "[F", tendered: "?a", change: "?a", reference: "?s" },
  "Payment (AC)": { ...BASE, feeId: "t", grants: "[G" },
  Void: { ...BASE, target: "V" },
  grant: { ...BASE, grantId: "t", creditType: "t", location: "?s", source: "S" },
};
const LISTED: Readonly<Record<string, Rules>> = {
  F: { feeId: "t", amount: "a" },
  G: { grantId: "t", amount: "a" },
  g: { grantId: "t", amount: "a" },
  A: { id: "t", name: "s", kind: "k" },
  R: { key: "t", accountId: "t", feeIds: "[t", grants: "[g", credit: "s" },
};
const SOURCE: Readonly<Record<string, Rules>> = {
  "mass-credit": { kind: "", runId: "t", rowKey: "t" },
  refund: { kind: "", paymentId: "?s" },
  preload: { kind: "" },
  manual: { kind: "" },
  overpayment: { kind: "", paymentId: "t" },
  "legacy-balance": { kind: "" },
};
const TARGET: Readonly<Record<string, Rules>> = {
  grant: { kind: "", grantId: "t" },
  fee: { kind: "", feeId: "t" },
  payment: { kind: "", entryId: "t" },
};
const DATA: Rules = { currency: "c", settings: "O", accounts: "[A", entries: "[E", reservations: "[R" };
const SETTINGS: Rules = { autoApply: "?b", overpaymentToCredit: "?b", portalPartialPayments: "?b" };
const METHODS: readonly unknown[] = ["card", "ach", "cash", "check", "other"];

const isText = (v: unknown): v is string => typeof v === "string" && v !== "";
const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => v !== null && typeof v === "object" && !Array.isArray(v);
/** `table[name]` for an own name only (a kind "constructor" or "__proto__" finds nothing). */
const own = <T>(table: Readonly<Record<string, T>>, name: unknown): T | undefined =>
  typeof name === "string" && Object.hasOwn(table, name) ? table[name] : undefined;

/**
 * A positive amount written canonically in `currency` ("12.50" in USD, "1200"
 * in JPY): the parse errors of §1 (`too-many-decimals`, `negative-amount` …)
 * name the field; any other spelling of a valid amount is `invalid-amount`.
 */
export function canonicalAmount(value: unknown, currency: string, field: string): Money {
  let parsed: Money;
  try {
    parsed = parseMoney(value, currency, "positive");
  } catch (error) {
    if (error instanceof CreditKitError) throw new CreditKitError(error.code, { ...error.details, field });
    throw error;
  }
  if (toAmountString(parsed) !== value) throw new CreditKitError("invalid-amount", { field, input: String(value) });
  return parsed;
}

/** Whether `v` follows a simple rule (see `Rules`); lists, sources, targets and amounts are `check`'s. */
function holds(rule: string, v: unknown): boolean {
  switch (rule) {
    case "t":
      return isText(v);
    case "s":
      return typeof v === "string";
    case "b":
      return typeof v === "boolean";
    case "m":
      return METHODS.includes(v);
    case "k":
      return v === "family" || v === "member";
    default:
      return true;
  }
}

/** Checks one value against a rule (see `Rules`); `at` names it in errors. */
function check(rule: string, v: unknown, at: string, c: string): void {
  if (rule[0] === "?") {
    if (v === undefined) return;
    rule = rule.slice(1);
  }
  const kind = (v as { kind?: unknown } | null)?.kind;
  if (rule === "d") assertIsoDate(v, at);
  else if (rule === "a") canonicalAmount(v, c, at);
  else if (rule === "c") {
    assertInput(typeof v === "string", at);
    parseMoney("0", v);
  } else if (rule === "O") checkFields(v, SETTINGS, at, c, true);
  else if (rule === "S") checkFields(v, own(SOURCE, kind), at, c, true);
  else if (rule === "V") checkFields(v, own(TARGET, kind), at, c, true);
  else if (rule[0] !== "[") assertInput(holds(rule, v), at);
  else {
    assertInput(Array.isArray(v) && (v.length > 0 || rule !== "[G"), at);
    const item = rule.slice(1);
    const rules = own(LISTED, item);
    for (let i = 0; i < v.length; i++) {
      if (rules) checkFields(v[i], rules, `${at}[${i}]`, c, true);
      else if (item === "E") assertInput(isRecord(v[i]), `${at}[${i}]`);
      else if (item !== "") check(item, v[i], `${at}[${i}]`, c);
    }
  }
}

/**
 * Checks `value` is an object whose fields follow `rules` (see `Rules`);
 * `strict`: no other own field (a `__proto__` one included). Throws
 * `invalid-input`, `invalid-date` or an amount's code naming the field.
 */
export function checkFields(value: unknown, rules: Rules | undefined, at: string, currency: string, strict: boolean): void {
  assertInput(isRecord(value) && rules !== undefined, at);
  if (strict) for (const key of Object.keys(value)) assertInput(Object.hasOwn(rules, key), `${at}.${key}`);
  for (const key in rules) {
    const rule = rules[key] as string;
    if (rule !== "") check(rule, value[key], `${at}.${key}`, currency);
  }
}

/**
 * Checks one entry's own fields in a ledger kept in `currency`; `at` names it
 * in errors (`entries[3]`). The entry's links (fees, grants, payments) are
 * the journal's to check against the books.
 */
export function validateEntry(value: unknown, currency: string, at = "entry"): asserts value is LedgerEntry {
  const type = (value as { type?: unknown } | null)?.type;
  const rules = isGrantEntry(value as LedgerEntry) ? ENTRY.grant : own(ENTRY, type);
  assertInput(rules !== undefined || !isRecord(value), `${at}.type`);
  checkFields(value, rules, at, currency, true);
  const e = value as { amount: string; tendered?: string; change?: string };
  if (e.tendered === undefined && e.change === undefined) return;
  const [tendered, change] = [e.tendered, e.change].map((v) => parseMoney(v, currency, "positive")) as [Money, Money];
  assertInput(compare(subtract(tendered, change), parseMoney(e.amount, currency)) === 0, `${at}.change`);
}

/**
 * Checks a commit's entries (frozen copies: nothing can change them after
 * this): each entry's fields, its key, ids outside the derived space (inside
 * it for a sweep's key, where only the sweep's own `Payment (AC)`s of its
 * account go), and that every payment goes to fees in full or puts the rest
 * on account as credit in the same commit (an `overpayment` grant naming it).
 */
export function validateCommit(key: string, entries: readonly LedgerEntry[], currency: string, sweepAccount?: string): void {
  let open: Map<string, Money> | undefined;
  let credits: GrantEntry[] | undefined;
  for (let i = 0; i < entries.length; i++) {
    const entry: unknown = entries[i];
    const at = `entries[${i}]`;
    validateEntry(entry, currency, at);
    assertInput(entry.key === key, `${at}.key`);
    const derived =
      sweepAccount === undefined
        ? entry.id.includes(DERIVED_MARK)
        : entry.type !== "Payment (AC)" || entry.accountId !== sweepAccount || entry.id !== `${key}#${i}`;
    if (derived) throw new CreditKitError("reserved-key", { key, field: at });
    if (entry.type === "Payment") {
      const a = entry.allocations;
      // One allocation of the whole amount (the usual card or cash payment): equal canonical texts, equal amounts.
      if (a.length === 1 && (a[0] as { amount: string }).amount === entry.amount) continue;
      let rest = parseMoney(entry.amount, currency);
      for (const part of a) rest = subtract(rest, parseMoney(part.amount, currency));
      assertInput(!isNegative(rest), `${at}.allocations`);
      if (!isZero(rest)) {
        open ??= new Map();
        open.set(entry.id, rest);
      }
    } else if (isGrantEntry(entry) && entry.source.kind === "overpayment") {
      credits ??= [];
      credits.push(entry);
    }
  }
  for (const credit of credits ?? []) {
    const paymentId = (credit.source as { paymentId: string }).paymentId;
    const rest = open?.get(paymentId);
    const left = rest && subtract(rest, parseMoney(credit.amount, currency));
    if (!left || isNegative(left)) throw new CreditKitError("payment-not-allocated", { entryId: credit.id, paymentId });
    open?.set(paymentId, left);
  }
  for (const [paymentId, rest] of open ?? []) {
    if (!isZero(rest)) throw new CreditKitError("payment-not-allocated", { entryId: paymentId, unallocated: toAmountString(rest) });
  }
}

/** Checks a settings patch: an object of known settings, each a boolean. */
export function validateSettings(value: unknown, field = "settings"): asserts value is Partial<OrgSettings> {
  checkFields(value, SETTINGS, field, "", true);
}

/** Checks an account record: a non-empty id, a name, a kind; with `strict`, no other field. */
export function validateAccount(value: unknown, field = "account", strict = false): asserts value is AccountRecord {
  checkFields(value, LISTED.A, field, "", strict);
}

/**
 * Checks journal data (what `toData` gives, a backup's ledger) before
 * anything is restored from it: its fields and their types, the settings,
 * each account and reservation, strictly; each entry is an object (restoring
 * checks the rest, entry by entry, as a commit does).
 */
export function validateJournalData(value: unknown, field = "ledger"): void {
  checkFields(value, DATA, field, String((value as { currency?: unknown } | null)?.currency), true);
}

/**
 * Checks what `commit` is given before anything else: a key (non-empty text)
 * and a non-empty list. A key with `DERIVED_MARK` is refused (`reserved-key`)
 * unless it is the sweep key of a key already `committed` (a log or a
 * restore replaying the sweep): then the account it names is returned, and
 * only that account's `Payment (AC)`s with the sweep's own ids may go under it.
 */
export function checkCommitRequest(key: unknown, entries: unknown, committed: (key: string) => boolean): string | undefined {
  assertInput(isText(key), "key");
  assertInput(Array.isArray(entries), "entries");
  if (entries.length === 0) throw new CreditKitError("empty-commit", { key });
  const at = key.indexOf(DERIVED_MARK);
  if (at < 0) return undefined;
  const accountId = key.slice(at + SWEEP.length);
  if (!key.startsWith(SWEEP, at) || accountId === "" || !committed(key.slice(0, at))) throw new CreditKitError("reserved-key", { key });
  return accountId;
}

/**
 * A restore's entries as the commits that wrote them: runs of one key, in
 * order. A key met again after another's run is a duplicated entry
 * (`duplicate-id`) or a conflicting one (`idempotency-conflict`): refused,
 * never dropped.
 */
export function commitsOf(entries: readonly LedgerEntry[]): LedgerEntry[][] {
  const groups: LedgerEntry[][] = [];
  const byKey = new Map<unknown, LedgerEntry[]>();
  let group: LedgerEntry[] | undefined;
  for (const entry of entries) {
    if (group?.[0]?.key === entry.key) {
      group.push(entry);
      continue;
    }
    const earlier = byKey.get(entry.key);
    if (earlier) {
      const code = earlier.some((e) => e.id === entry.id) ? "duplicate-id" : "idempotency-conflict";
      throw new CreditKitError(code, { key: String(entry.key), entryId: String(entry.id) });
    }
    group = [entry];
    groups.push(group);
    byKey.set(entry.key, group);
  }
  return groups;
}
