/**
 * The journal's boundary (§2): every entry a commit, a restore or a backup
 * brings in is checked here field by field — types, enumerations, required
 * fields, real dates, canonical amounts in the ledger's currency — before it
 * touches a book, so a ledger the journal accepted is one every report reads
 * and `restoreJournal` restores. Hand-written, not a schema library: see
 * docs/decisions/0012-entry-validation.md.
 *
 * Keys the kit derives itself (the sweep's) live in a space callers cannot
 * write: they contain `DERIVED_MARK`, which a caller's key or entry id may not.
 */
import { isIsoDate } from "../dates.js";
import { CreditKitError } from "../errors.js";
import { add, compare, isNegative, isZero, type Money, parseMoney, subtract, toAmountString } from "../money.js";
import { DEFAULT_SETTINGS, type OrgSettings } from "../settings.js";
import { type AccountRecord, type GrantEntry, isGrantEntry, type LedgerEntry, TRANSACTION_TYPES } from "./entries.js";

/** The character that marks a key (and the ids under it) as derived by the kit; refused in callers' keys and ids. */
export const DERIVED_MARK = "§";
const SWEEP_INFIX = `${DERIVED_MARK}sweep${DERIVED_MARK}`;

/** The key the auto-apply sweep writes under after `key` posted to `accountId`. */
export function sweepKey(key: string, accountId: string): string {
  return `${key}${SWEEP_INFIX}${accountId}`;
}

/** The caller's key and the account a sweep key names; undefined for a key that is not one. */
export function sweepKeyParts(key: string): { readonly parent: string; readonly accountId: string } | undefined {
  const at = key.indexOf(DERIVED_MARK);
  if (at <= 0 || !key.startsWith(SWEEP_INFIX, at)) return undefined;
  const accountId = key.slice(at + SWEEP_INFIX.length);
  return accountId === "" ? undefined : { parent: key.slice(0, at), accountId };
}

const PAYMENT_METHODS: ReadonlySet<unknown> = new Set(["card", "ach", "cash", "check", "other"]);
const TYPES: ReadonlySet<unknown> = new Set(TRANSACTION_TYPES);
const BASE = ["id", "key", "type", "accountId", "date", "amount", "description"];
const FIELDS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    Fee: [...BASE, "feeId", "category", "dueDate", "memberId"],
    Payment: [...BASE, "method", "allocations", "tendered", "change", "reference"],
    "Payment (AC)": [...BASE, "feeId", "grants"],
    Void: [...BASE, "target"],
    grant: [...BASE, "grantId", "creditType", "location", "source"],
  }).map(([type, fields]) => [type, new Set(fields)]),
);
/** Each grant source kind with the fields it carries (besides `kind`) and which of them are optional. */
const SOURCES: ReadonlyMap<unknown, { readonly fields: readonly string[]; readonly optional?: string }> = new Map<
  unknown,
  { readonly fields: readonly string[]; readonly optional?: string }
>([
  ["mass-credit", { fields: ["runId", "rowKey"] }],
  ["refund", { fields: ["paymentId"], optional: "paymentId" }],
  ["preload", { fields: [] }],
  ["manual", { fields: [] }],
  ["overpayment", { fields: ["paymentId"] }],
  ["legacy-balance", { fields: [] }],
]);
const TARGETS: ReadonlyMap<unknown, string> = new Map([
  ["grant", "grantId"],
  ["fee", "feeId"],
  ["payment", "entryId"],
]);

type Row = Readonly<Record<string, unknown>>;

const isText = (value: unknown): value is string => typeof value === "string" && value !== "";

/** Throws `invalid-input` naming `field`. */
function bad(field: string, message: string): never {
  throw new CreditKitError("invalid-input", { field }, message);
}

const isRecord = (value: unknown): value is Row => value !== null && typeof value === "object" && !Array.isArray(value);

/** Refuses any own field of `value` not in `allowed` (a `__proto__` field included). */
function onlyFields(value: Row, allowed: ReadonlySet<string> | readonly string[], at: string): void {
  const has = Array.isArray(allowed) ? (k: string) => allowed.includes(k) : (k: string) => (allowed as ReadonlySet<string>).has(k);
  for (const key of Object.keys(value)) if (!has(key)) bad(`${at}.${key}`, `Unknown field "${key}" in ${at}.`);
}

function text(value: unknown, field: string): string {
  if (!isText(value)) bad(field, `${field} must be non-empty text.`);
  return value;
}

function optionalText(value: unknown, field: string): void {
  if (value !== undefined && typeof value !== "string") bad(field, `${field} must be text when given.`);
}

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
    if (error instanceof CreditKitError) throw new CreditKitError(error.code, { ...error.details, field }, error.message);
    throw error;
  }
  const canonical = toAmountString(parsed);
  if (canonical !== value) {
    throw new CreditKitError(
      "invalid-amount",
      { field, input: String(value), canonical },
      `Ledger amounts are written canonically: "${canonical}", not "${String(value)}".`,
    );
  }
  return parsed;
}

/** `[{ <id>, amount }]` items of a payment's allocations or a credit payment's grants. */
function parts(value: unknown, id: "feeId" | "grantId", currency: string, at: string, needOne: boolean): void {
  if (!Array.isArray(value) || (needOne && value.length === 0)) bad(at, `${at} must be a list${needOne ? " of at least one item" : ""}.`);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    const field = `${at}[${i}]`;
    if (!isRecord(item)) bad(field, `${field} must be an object.`);
    onlyFields(item, [id, "amount"], field);
    text(item[id], `${field}.${id}`);
    canonicalAmount(item.amount, currency, `${field}.amount`);
  }
}

function checkSource(value: unknown, at: string): void {
  if (!isRecord(value)) bad(at, `${at} must say where the credit came from.`);
  const shape = SOURCES.get(value.kind);
  if (!shape) bad(`${at}.kind`, `Unknown credit source: ${String(value.kind)}.`);
  onlyFields(value, ["kind", ...shape.fields], at);
  for (const field of shape.fields) {
    if (field === shape.optional) optionalText(value[field], `${at}.${field}`);
    else text(value[field], `${at}.${field}`);
  }
}

/**
 * Checks one entry's own fields in a ledger kept in `currency`; `at` names it
 * in errors (`entries[3]`). Throws `invalid-input`, `invalid-date` or an
 * amount's code, naming the field. The entry's links (fees, grants, payments)
 * are the journal's to check against the books.
 */
export function validateEntry(value: unknown, currency: string, at = "entry"): asserts value is LedgerEntry {
  if (!isRecord(value)) bad(at, `${at} must be an object.`);
  const type = value.type;
  if (!TYPES.has(type)) bad(`${at}.type`, `Unknown transaction type: ${String(type)}.`);
  const grant = isGrantEntry(value as unknown as LedgerEntry);
  onlyFields(value, FIELDS.get(grant ? "grant" : (type as string)) as ReadonlySet<string>, at);
  text(value.id, `${at}.id`);
  text(value.key, `${at}.key`);
  text(value.accountId, `${at}.accountId`);
  if (!isIsoDate(value.date)) throw new CreditKitError("invalid-date", { field: `${at}.date`, value: String(value.date) });
  const amount = canonicalAmount(value.amount, currency, `${at}.amount`);
  if (typeof value.description !== "string") bad(`${at}.description`, `${at}.description must be text.`);
  switch (type) {
    case "Fee":
      text(value.feeId, `${at}.feeId`);
      if (typeof value.category !== "string") bad(`${at}.category`, `${at}.category must be text.`);
      if (!isIsoDate(value.dueDate)) throw new CreditKitError("invalid-date", { field: `${at}.dueDate`, value: String(value.dueDate) });
      optionalText(value.memberId, `${at}.memberId`);
      return;
    case "Payment": {
      if (!PAYMENT_METHODS.has(value.method)) bad(`${at}.method`, `Unknown payment method: ${String(value.method)}.`);
      parts(value.allocations, "feeId", currency, `${at}.allocations`, false);
      optionalText(value.reference, `${at}.reference`);
      if (value.tendered === undefined && value.change === undefined) return;
      const tendered = canonicalAmount(value.tendered, currency, `${at}.tendered`);
      const change = canonicalAmount(value.change, currency, `${at}.change`);
      if (compare(subtract(tendered, change), amount) !== 0)
        bad(`${at}.change`, "What was tendered less the change must be the payment's amount.");
      return;
    }
    case "Payment (AC)":
      text(value.feeId, `${at}.feeId`);
      parts(value.grants, "grantId", currency, `${at}.grants`, true);
      return;
    case "Void": {
      const target = value.target;
      const id = isRecord(target) ? TARGETS.get(target.kind) : undefined;
      if (!isRecord(target) || id === undefined) bad(`${at}.target`, `${at}.target must name a grant, a fee or a payment.`);
      onlyFields(target, ["kind", id], `${at}.target`);
      text(target[id], `${at}.target.${id}`);
      return;
    }
    default:
      text(value.grantId, `${at}.grantId`);
      text(value.creditType, `${at}.creditType`);
      optionalText(value.location, `${at}.location`);
      checkSource(value.source, `${at}.source`);
  }
}

/**
 * Checks a commit's entries (frozen copies: nothing can change them after
 * this): each entry's fields, its key, ids outside the derived space (inside
 * it for a derived key, where only the sweep's own `Payment (AC)`s of its
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
    if (entry.key !== key) bad(`${at}.key`, `Entry ${entry.id} does not carry the key ${key}.`);
    if (sweepAccount === undefined) {
      if (entry.id.includes(DERIVED_MARK)) throw new CreditKitError("reserved-key", { field: `${at}.id`, entryId: entry.id });
    } else if (entry.type !== "Payment (AC)" || entry.accountId !== sweepAccount || entry.id !== `${key}#${i}`) {
      throw new CreditKitError("reserved-key", { key, field: at });
    }
    if (entry.type === "Payment") {
      const a = entry.allocations;
      // One allocation of the whole amount (the usual card or cash payment): equal canonical texts, equal amounts.
      if (a.length === 1 && (a[0] as { amount: string }).amount === entry.amount) continue;
      let allocated: Money | undefined;
      for (const part of a) {
        const m = parseMoney(part.amount, currency, "positive");
        allocated = allocated === undefined ? m : add(allocated, m);
      }
      const amount = parseMoney(entry.amount, currency, "positive");
      const rest = allocated === undefined ? amount : subtract(amount, allocated);
      if (isNegative(rest)) bad(`${at}.allocations`, "A payment cannot allocate more than its amount.");
      if (!isZero(rest)) {
        open ??= new Map();
        open.set(entry.id, rest);
      }
    } else if (isGrantEntry(entry) && entry.source.kind === "overpayment") {
      credits ??= [];
      credits.push(entry);
    }
  }
  if (open === undefined && credits === undefined) return;
  for (const credit of credits ?? []) {
    const paymentId = (credit.source as { paymentId: string }).paymentId;
    const rest = open?.get(paymentId);
    const amount = parseMoney(credit.amount, currency, "positive");
    if (rest === undefined || compare(amount, rest) > 0) {
      throw new CreditKitError(
        "payment-not-allocated",
        { entryId: credit.id, paymentId },
        "An overpayment credit must come from a payment of the same operation that left that much unallocated.",
      );
    }
    open?.set(paymentId, subtract(rest, amount));
  }
  for (const [paymentId, rest] of open ?? []) {
    if (!isZero(rest)) throw new CreditKitError("payment-not-allocated", { entryId: paymentId, unallocated: toAmountString(rest) });
  }
}

const SETTINGS: ReadonlySet<string> = new Set(Object.keys(DEFAULT_SETTINGS));

/** Checks a settings patch: an object of known settings, each a boolean. */
export function validateSettings(value: unknown, field = "settings"): asserts value is Partial<OrgSettings> {
  if (!isRecord(value)) bad(field, `${field} must be an object.`);
  onlyFields(value, SETTINGS, field);
  for (const key of Object.keys(value)) {
    if (typeof value[key] !== "boolean") bad(`${field}.${key}`, `${field}.${key} must be true or false.`);
  }
}

/** Checks an account record: a non-empty id, a name, a kind; with `strict`, no other field. */
export function validateAccount(value: unknown, field = "account", strict = false): asserts value is AccountRecord {
  if (!isRecord(value)) bad(field, `${field} must be an object.`);
  if (strict) onlyFields(value, ["id", "name", "kind"], field);
  text(value.id, `${field}.id`);
  if (typeof value.name !== "string") bad(`${field}.name`, `${field}.name must be text.`);
  if (value.kind !== "family" && value.kind !== "member") bad(`${field}.kind`, `${field}.kind must be "family" or "member".`);
}

/**
 * Checks journal data (what `toData` gives, a backup's ledger) before
 * anything is restored from it: its fields and their types, the settings,
 * each account; each entry is an object (restoring checks the rest, entry by
 * entry, as a commit does); each reservation's fields.
 */
export function validateJournalData(value: unknown, field = "ledger"): void {
  if (!isRecord(value)) bad(field, "This is not creditkit ledger data.");
  onlyFields(value, ["currency", "settings", "accounts", "entries", "reservations"], field);
  if (typeof value.currency !== "string") throw new CreditKitError("unknown-currency", { currency: String(value.currency) });
  parseMoney("0", value.currency);
  validateSettings(value.settings, `${field}.settings`);
  for (const list of ["accounts", "entries", "reservations"] as const) {
    if (!Array.isArray(value[list])) bad(`${field}.${list}`, `${field}.${list} must be a list.`);
  }
  (value.accounts as readonly unknown[]).forEach((account, i) => {
    validateAccount(account, `${field}.accounts[${i}]`, true);
  });
  (value.entries as readonly unknown[]).forEach((entry, i) => {
    if (!isRecord(entry)) bad(`${field}.entries[${i}]`, "An entry must be an object.");
  });
  (value.reservations as readonly unknown[]).forEach((r, i) => {
    const at = `${field}.reservations[${i}]`;
    if (!isRecord(r)) bad(at, "A reservation must be an object.");
    for (const own of Object.keys(r))
      if (own === "__proto__" || own === "constructor" || own === "prototype") bad(`${at}.${own}`, `Unknown field "${own}".`);
    text(r.key, `${at}.key`);
    text(r.accountId, `${at}.accountId`);
    if (!Array.isArray(r.feeIds) || !r.feeIds.every(isText)) bad(`${at}.feeIds`, "A reservation's fees must be a list of ids.");
    if (!Array.isArray(r.grants)) bad(`${at}.grants`, "A reservation's grants must be a list.");
    if (typeof r.credit !== "string") bad(`${at}.credit`, "A reservation's credit must be an amount.");
  });
}

/**
 * Checks what `commit` is given before anything else: a key (non-empty text)
 * and a non-empty list. A key with `DERIVED_MARK` is refused (`reserved-key`)
 * unless it is the sweep key of a key already `committed` (a log or a
 * restore replaying the sweep): then the account it names is returned, and
 * only that account's `Payment (AC)`s with the sweep's own ids may go under it.
 */
export function checkCommitRequest(key: unknown, entries: unknown, committed: (key: string) => boolean): string | undefined {
  if (!isText(key)) bad("key", "A commit needs a key: non-empty text.");
  if (!Array.isArray(entries)) bad("entries", "A commit's entries must be a list.");
  if (entries.length === 0) throw new CreditKitError("empty-commit", { key });
  if (!key.includes(DERIVED_MARK)) return undefined;
  const parts = sweepKeyParts(key);
  if (parts === undefined || !committed(parts.parent)) throw new CreditKitError("reserved-key", { key });
  return parts.accountId;
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
    if (group !== undefined && (group[0] as LedgerEntry).key === entry.key) {
      group.push(entry);
      continue;
    }
    const earlier = byKey.get(entry.key);
    if (earlier !== undefined) {
      const code = earlier.some((e) => e.id === entry.id) ? "duplicate-id" : "idempotency-conflict";
      throw new CreditKitError(code, { key: String(entry.key), entryId: String(entry.id) });
    }
    group = [entry];
    groups.push(group);
    byKey.set(entry.key, group);
  }
  return groups;
}
