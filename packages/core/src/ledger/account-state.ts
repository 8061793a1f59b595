import { assertInput, assertObject } from "../errors.js";
import { add, fromAmountString, isPositive, isZero, type Money, subtract, sum, toAmountString, zero } from "../money.js";
import { applyEntry as applyChecked } from "./apply-entry.js";
import type {
  AccountRecord,
  CreditPaymentEntry,
  FeeEntry,
  GrantEntry,
  GrantSource,
  GrantType,
  LedgerEntry,
  PaymentEntry,
} from "./entries.js";
import { Guard, Holds } from "./holds.js";
import { type Tallies, TallyList } from "./tallies.js";
import { validateAccount, validateEntry } from "./validate-entry.js";

/** A fee as it stands now. */
export interface FeeState {
  readonly feeId: string;
  readonly category: string;
  readonly description: string;
  readonly date: string;
  readonly dueDate: string;
  readonly memberId?: string;
  readonly amount: string;
  readonly paid: string;
  readonly voided: string;
  /** amount − paid − voided: what is still owed. */
  readonly remainder: string;
  /** Posting order on the account (0 for the first fee). */
  readonly order: number;
  /** The key of the settlement in flight that holds this fee, if any (§4). */
  readonly reservedBy?: string;
}

/** A credit grant as it stands now. */
export interface GrantState {
  readonly grantId: string;
  readonly type: GrantType;
  readonly creditType: string;
  readonly description: string;
  readonly date: string;
  readonly location?: string;
  readonly source: GrantSource;
  readonly amount: string;
  readonly used: string;
  readonly voided: string;
  /** amount − used − voided: the unused credit, reserved or not. */
  readonly remainder: string;
  /** The part of the remainder held by settlements in flight. */
  readonly reserved: string;
}

/** One account's derived balances. */
export interface AccountSnapshot {
  readonly account: AccountRecord;
  readonly currency: string;
  /** Every fee, in posting order (paid ones included). */
  readonly fees: readonly FeeState[];
  /** Every grant, oldest first (by date, then id). */
  readonly grants: readonly GrantState[];
  /** Sum of the fees' remainders; ≥ 0. */
  readonly amountDue: string;
  /** Sum of the grants' remainders; ≥ 0. */
  readonly accountCredit: string;
  /** The part of Account Credit held by settlements in flight. */
  readonly reservedCredit: string;
  /** Account Credit that can be used now: accountCredit − reservedCredit. */
  readonly availableCredit: string;
}

/** Credit and fees held by one settlement in flight (§5). */
export interface Reservation {
  readonly key: string;
  readonly accountId: string;
  readonly feeIds: readonly string[];
  /** The credit held, grant by grant, oldest first. */
  readonly grants: readonly { readonly grantId: string; readonly amount: string }[];
  /** Sum of `grants`. */
  readonly credit: string;
}

/** Running totals of one fee (internal). */
export interface FeeTally {
  readonly entry: FeeEntry;
  readonly order: number;
  readonly amount: Money;
  readonly paid: Money;
  readonly voided: Money;
  /** amount − paid − voided, kept with the tally so reads do not recompute it. */
  readonly remainder: Money;
}

/** Running totals of one grant (internal). */
export interface GrantTally {
  readonly entry: GrantEntry;
  readonly amount: Money;
  readonly used: Money;
  readonly voided: Money;
  /** amount − used − voided, kept with the tally so reads do not recompute it. */
  readonly remainder: Money;
  /**
   * True once a void took all that was left of it (a reversed run's credit,
   * a cancelled grant): credit a reversed payment gives back to it is voided
   * too, not made spendable again.
   */
  readonly closed?: boolean;
}

export { type DraftTallies, draftTallies, type Tallies, TallyList } from "./tallies.js";

/** The tallies of one account (internal; the journal keeps one per account). */
export interface Book {
  readonly account: AccountRecord;
  readonly currency: string;
  readonly fees: Tallies<FeeTally>;
  readonly grants: Tallies<GrantTally>;
}

/** What `applyEntry` needs to know about settlements in flight. */
export interface ReservationGuard {
  /** Credit of `grantId` held by reservations other than the writing operation's own. */
  heldByOthers(accountId: string, grantId: string): Money | undefined;
  /** The key of another operation's reservation holding `feeId`, if any. */
  feeHeldBy(accountId: string, feeId: string): string | undefined;
  /**
   * A payment already on the ledger, by entry id, and whether it was reversed
   * before (this operation's earlier reversals included). Without it, payments
   * cannot be reversed.
   */
  payment?(
    accountId: string,
    entryId: string,
  ): { readonly entry: PaymentEntry | CreditPaymentEntry; readonly reversed: boolean } | undefined;
}

/** A book with no entries yet, for a frozen copy of `account` (a reader cannot rename the ledger's account). */
export function emptyBook(account: AccountRecord, currency: string): Book {
  validateAccount(account);
  const record: AccountRecord = Object.freeze({ id: account.id, name: account.name, kind: account.kind });
  return { account: record, currency, fees: new TallyList<FeeTally>(), grants: new TallyList<GrantTally>() };
}

export function feeRemainder(fee: FeeTally): Money {
  assertObject(fee, "fee");
  return fee.remainder;
}

export function grantRemainder(grant: GrantTally): Money {
  assertObject(grant, "grant");
  return grant.remainder;
}

/** Throws `invalid-input` unless `snapshot` has a currency and lists of fees and grants (a snapshot's shape). */
function needSnapshot(snapshot: AccountSnapshot): void {
  assertInput(Array.isArray(snapshot?.fees) && Array.isArray(snapshot.grants), "snapshot");
}

/**
 * `applyEntry` for any caller: the entry's fields are checked first (see
 * `validateEntry`), then every rule that keeps the book sound. The journal
 * checks whole commits itself and applies them unchecked.
 */
export function applyEntry(book: Book, entry: LedgerEntry, guard?: ReservationGuard): void {
  assertInput(book !== null && typeof book === "object" && typeof book.currency === "string", "book");
  validateEntry(entry, book.currency);
  applyChecked(book, entry, guard);
}

/** Grants oldest first: by date, then id (the order credit is consumed in). */
export function byGrantAge(a: { date: string; grantId: string }, b: { date: string; grantId: string }): number {
  assertInput(a !== null && typeof a === "object" && b !== null && typeof b === "object", "grant");
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.grantId < b.grantId ? -1 : a.grantId > b.grantId ? 1 : 0;
}

function feeView(f: FeeTally, reservedBy: string | undefined): FeeState {
  const e = f.entry;
  const amount = toAmountString(f.amount);
  const paid = toAmountString(f.paid);
  const voided = toAmountString(f.voided);
  const remainder = toAmountString(f.remainder);
  const { feeId, category, description, date, dueDate, memberId } = e;
  const view: { -readonly [K in keyof FeeState]: FeeState[K] } =
    memberId === undefined
      ? { feeId, category, description, date, dueDate, amount, paid, voided, remainder, order: f.order }
      : { feeId, category, description, date, dueDate, memberId, amount, paid, voided, remainder, order: f.order };
  if (reservedBy !== undefined) view.reservedBy = reservedBy;
  return Object.freeze(view);
}

function grantView(g: GrantTally, reserved: Money): GrantState {
  const { grantId, type, creditType, description, date, location, source } = g.entry;
  const amount = toAmountString(g.amount);
  const used = toAmountString(g.used);
  const voided = toAmountString(g.voided);
  const remainder = toAmountString(g.remainder);
  const held = toAmountString(reserved);
  return Object.freeze(
    location === undefined
      ? { grantId, type, creditType, description, date, source, amount, used, voided, remainder, reserved: held }
      : { grantId, type, creditType, description, date, location, source, amount, used, voided, remainder, reserved: held },
  );
}

/** The public, string-valued view of a book; deep-frozen, so a snapshot shared by readers is changed by none of them. */
export function snapshotOf(book: Book, reservations: readonly Reservation[] = []): AccountSnapshot {
  assertInput(book !== null && typeof book === "object" && typeof book.fees?.values === "function", "book");
  assertInput(Array.isArray(reservations), "reservations");
  const c = book.currency;
  const none = zero(c);
  let feeHolder: Map<string, string> | undefined;
  let held: Map<string, Money> | undefined;
  for (const r of reservations) {
    if (r?.accountId !== book.account.id) continue;
    feeHolder ??= new Map();
    held ??= new Map();
    for (const feeId of r.feeIds) feeHolder.set(feeId, r.key);
    for (const g of r.grants) held.set(g.grantId, add(held.get(g.grantId) ?? none, fromAmountString(g.amount, c)));
  }
  const fees: FeeState[] = [];
  let amountDue = none;
  for (const f of book.fees.values()) {
    fees.push(feeView(f, feeHolder?.get(f.entry.feeId)));
    if (!isZero(f.remainder)) amountDue = add(amountDue, f.remainder);
  }
  const grants: GrantState[] = [];
  let accountCredit = none;
  for (const g of book.grants.values()) {
    grants.push(grantView(g, held?.get(g.entry.grantId) ?? none));
    if (!isZero(g.remainder)) accountCredit = add(accountCredit, g.remainder);
  }
  if (grants.length > 1) grants.sort(byGrantAge);
  const reservedCredit = held ? sum(held.values(), c) : none;
  const dueText = toAmountString(amountDue);
  const creditText = toAmountString(accountCredit);
  return Object.freeze({
    account: book.account,
    currency: c,
    fees: Object.freeze(fees),
    grants: Object.freeze(grants),
    amountDue: dueText,
    accountCredit: creditText,
    reservedCredit: toAmountString(reservedCredit),
    availableCredit: reservedCredit === none ? creditText : toAmountString(subtract(accountCredit, reservedCredit)),
  });
}

/** Folds an account's entries into its balances (for tests, reports and replays). */
export function deriveAccount(
  account: AccountRecord,
  entries: Iterable<LedgerEntry>,
  currency: string,
  reservations: readonly Reservation[] = [],
): AccountSnapshot {
  const book = emptyBook(account, currency);
  assertInput(entries !== null && typeof entries === "object" && Symbol.iterator in entries, "entries");
  // Payments by id as they are folded, so a payment's reversal finds it; the guard refuses a second one.
  const payments = new Map<string, PaymentEntry | CreditPaymentEntry>();
  const guard = new Guard(new Holds(currency), "", { find: (_accountId, entryId) => payments.get(entryId), reversed: new Set() });
  for (const entry of entries) {
    validateEntry(entry, currency);
    if (entry.accountId !== account.id) continue;
    applyChecked(book, entry, guard);
    if (entry.type === "Payment" || entry.type === "Payment (AC)") payments.set(entry.id, entry);
  }
  return snapshotOf(book, reservations);
}

/** Unpaid fees (remainder > 0) in the order a waterfall pays them: due date, then posting order, then id. */
export function unpaidFeesOldestFirst(snapshot: AccountSnapshot): FeeState[] {
  needSnapshot(snapshot);
  return unpaidOldestFirst(snapshot.fees, snapshot.currency);
}

/** `unpaidFeesOldestFirst` over any list of fees (a snapshot's, or a chosen few of them). */
export function unpaidOldestFirst(fees: readonly FeeState[], currency: string): FeeState[] {
  assertInput(Array.isArray(fees) && fees.every((f) => f !== null && typeof f === "object"), "fees");
  const unpaid = fees.filter((f) => isPositive(fromAmountString(f.remainder, currency)));
  if (unpaid.length < 2) return unpaid;
  return unpaid.sort((a, b) =>
    a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.order - b.order || (a.feeId < b.feeId ? -1 : 1),
  );
}

/** Grants with unreserved unused credit, oldest first, with what each can still give. */
export function usableGrants(snapshot: AccountSnapshot): { grantId: string; free: Money }[] {
  needSnapshot(snapshot);
  const c = snapshot.currency;
  return snapshot.grants
    .map((g) => {
      const remainder = fromAmountString(g.remainder, c);
      const reserved = fromAmountString(g.reserved, c);
      return { grantId: g.grantId, free: isZero(reserved) ? remainder : subtract(remainder, reserved) };
    })
    .filter((g) => !isZero(g.free) && isPositive(g.free));
}
