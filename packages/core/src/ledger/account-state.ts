/**
 * Balances derived from entries (§2). Amount Due and Account Credit are two
 * figures, each a sum of remainders, never netted into one signed number.
 */
import { CreditKitError } from "../errors.js";
import {
  add,
  compare,
  fromAmountString,
  isPositive,
  isZero,
  type Money,
  parseMoney,
  subtract,
  sum,
  toAmountString,
  zero,
} from "../money.js";
import type { AccountRecord, FeeEntry, GrantEntry, GrantSource, GrantType, LedgerEntry } from "./entries.js";
import { isGrantEntry } from "./entries.js";
import { type Tallies, TallyList } from "./tallies.js";

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
}

const NO_RESERVATIONS: ReservationGuard = { heldByOthers: () => undefined, feeHeldBy: () => undefined };

export function emptyBook(account: AccountRecord, currency: string): Book {
  return { account, currency, fees: new TallyList<FeeTally>(), grants: new TallyList<GrantTally>() };
}

export function feeRemainder(fee: FeeTally): Money {
  return fee.remainder;
}

export function grantRemainder(grant: GrantTally): Money {
  return grant.remainder;
}

/** Parses a positive amount of `entry`; a refusal names the entry's field (built only then). */
function positive(amount: string, currency: string, entry: LedgerEntry, part: string): Money {
  try {
    return parseMoney(amount, currency, "positive");
  } catch (error) {
    if (error instanceof CreditKitError)
      throw new CreditKitError(error.code, { ...error.details, field: `${entry.id}.${part}` }, error.message);
    throw error;
  }
}

function needFee(book: Book, feeId: string): FeeTally {
  const fee = book.fees.get(feeId);
  if (!fee) throw new CreditKitError("unknown-fee", { accountId: book.account.id, feeId });
  return fee;
}

function needGrant(book: Book, grantId: string): GrantTally {
  const grant = book.grants.get(grantId);
  if (!grant) throw new CreditKitError("unknown-grant", { accountId: book.account.id, grantId });
  return grant;
}

function feeAfter(fee: FeeTally, amount: Money, as: "paid" | "voided"): FeeTally {
  const remainder = subtract(fee.remainder, amount);
  const { entry, order } = fee;
  return as === "paid"
    ? { entry, order, amount: fee.amount, paid: add(fee.paid, amount), voided: fee.voided, remainder }
    : { entry, order, amount: fee.amount, paid: fee.paid, voided: add(fee.voided, amount), remainder };
}

function payFee(book: Book, feeId: string, amount: Money, key: string, guard: ReservationGuard): void {
  const fee = needFee(book, feeId);
  const holder = guard.feeHeldBy(book.account.id, feeId);
  if (holder !== undefined && holder !== key) throw new CreditKitError("fee-reserved", { feeId, reservedBy: holder });
  if (compare(amount, fee.remainder) > 0) {
    throw new CreditKitError("fee-overpaid", { feeId, amount: toAmountString(amount), remainder: toAmountString(fee.remainder) });
  }
  book.fees.set(feeId, feeAfter(fee, amount, "paid"));
}

function takeCredit(book: Book, grantId: string, amount: Money, guard: ReservationGuard, as: "used" | "voided"): void {
  const grant = needGrant(book, grantId);
  const held = guard.heldByOthers(book.account.id, grantId);
  const free = held === undefined ? grant.remainder : subtract(grant.remainder, held);
  if (compare(amount, free) > 0) {
    throw new CreditKitError("credit-overused", { grantId, amount: toAmountString(amount), unused: toAmountString(free) });
  }
  const remainder = subtract(grant.remainder, amount);
  const { entry } = grant;
  book.grants.set(
    grantId,
    as === "used"
      ? { entry, amount: grant.amount, used: add(grant.used, amount), voided: grant.voided, remainder }
      : { entry, amount: grant.amount, used: grant.used, voided: add(grant.voided, amount), remainder },
  );
}

/**
 * Applies one entry to a book, checking every rule that keeps the ledger
 * sound: no fee overpaid, no grant overused, no reserved fee or credit taken
 * by another operation, no id reused, amounts positive and exact. Throws a
 * CreditKitError when a rule fails, possibly after changing part of `book`:
 * apply to a draft and keep it only when every entry passed (the journal does).
 */
export function applyEntry(book: Book, entry: LedgerEntry, guard: ReservationGuard = NO_RESERVATIONS): void {
  const c = book.currency;
  const amount = positive(entry.amount, c, entry, "amount");
  switch (entry.type) {
    case "Fee": {
      if (book.fees.has(entry.feeId)) throw new CreditKitError("duplicate-id", { feeId: entry.feeId });
      book.fees.set(entry.feeId, { entry, order: book.fees.size, amount, paid: zero(c), voided: zero(c), remainder: amount });
      return;
    }
    case "Payment": {
      const parts: { feeId: string; amount: Money }[] = [];
      let allocated: Money = zero(c);
      for (const a of entry.allocations) {
        const part = { feeId: a.feeId, amount: positive(a.amount, c, entry, "allocations") };
        parts.push(part);
        allocated = add(allocated, part.amount);
      }
      if (compare(allocated, amount) > 0) {
        throw new CreditKitError("invalid-input", { entryId: entry.id }, "A payment cannot allocate more than its amount.");
      }
      for (const part of parts) payFee(book, part.feeId, part.amount, entry.key, guard);
      return;
    }
    case "Payment (AC)": {
      const uses: { grantId: string; amount: Money }[] = [];
      let total: Money = zero(c);
      for (const g of entry.grants) {
        const use = { grantId: g.grantId, amount: positive(g.amount, c, entry, "grants") };
        uses.push(use);
        total = uses.length === 1 ? use.amount : add(total, use.amount);
      }
      if (compare(total, amount) !== 0) {
        throw new CreditKitError("invalid-input", { entryId: entry.id }, "A credit payment must equal the credit it uses.");
      }
      payFee(book, entry.feeId, amount, entry.key, guard);
      for (const use of uses) takeCredit(book, use.grantId, use.amount, guard, "used");
      return;
    }
    case "Void": {
      if (entry.target.kind === "grant") {
        takeCredit(book, entry.target.grantId, amount, guard, "voided");
      } else {
        const fee = needFee(book, entry.target.feeId);
        const holder = guard.feeHeldBy(book.account.id, entry.target.feeId);
        if (holder !== undefined && holder !== entry.key) {
          throw new CreditKitError("fee-reserved", { feeId: entry.target.feeId, reservedBy: holder });
        }
        if (compare(amount, fee.remainder) > 0) throw new CreditKitError("fee-overpaid", { feeId: entry.target.feeId });
        book.fees.set(entry.target.feeId, feeAfter(fee, amount, "voided"));
      }
      return;
    }
    default: {
      if (!isGrantEntry(entry)) throw new CreditKitError("invalid-input", { entryId: (entry as LedgerEntry).id }, "Unknown entry type.");
      if (book.grants.has(entry.grantId)) throw new CreditKitError("duplicate-id", { grantId: entry.grantId });
      book.grants.set(entry.grantId, { entry, amount, used: zero(c), voided: zero(c), remainder: amount });
    }
  }
}

/** Grants oldest first: by date, then id (the order credit is consumed in). */
export function byGrantAge(a: { date: string; grantId: string }, b: { date: string; grantId: string }): number {
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
  return view;
}

function grantView(g: GrantTally, reserved: Money): GrantState {
  const { grantId, type, creditType, description, date, location, source } = g.entry;
  const amount = toAmountString(g.amount);
  const used = toAmountString(g.used);
  const voided = toAmountString(g.voided);
  const remainder = toAmountString(g.remainder);
  const held = toAmountString(reserved);
  return location === undefined
    ? { grantId, type, creditType, description, date, source, amount, used, voided, remainder, reserved: held }
    : { grantId, type, creditType, description, date, location, source, amount, used, voided, remainder, reserved: held };
}

/** The public, string-valued view of a book. */
export function snapshotOf(book: Book, reservations: readonly Reservation[] = []): AccountSnapshot {
  const c = book.currency;
  const none = zero(c);
  let feeHolder: Map<string, string> | undefined;
  let held: Map<string, Money> | undefined;
  for (const r of reservations) {
    if (r.accountId !== book.account.id) continue;
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
  return {
    account: book.account,
    currency: c,
    fees,
    grants,
    amountDue: dueText,
    accountCredit: creditText,
    reservedCredit: toAmountString(reservedCredit),
    availableCredit: reservedCredit === none ? creditText : toAmountString(subtract(accountCredit, reservedCredit)),
  };
}

/** Folds an account's entries into its balances (for tests, reports and replays). */
export function deriveAccount(
  account: AccountRecord,
  entries: Iterable<LedgerEntry>,
  currency: string,
  reservations: readonly Reservation[] = [],
): AccountSnapshot {
  const book = emptyBook(account, currency);
  for (const entry of entries) if (entry.accountId === account.id) applyEntry(book, entry);
  return snapshotOf(book, reservations);
}

/** Unpaid fees (remainder > 0) in the order a waterfall pays them: due date, then posting order, then id. */
export function unpaidFeesOldestFirst(snapshot: AccountSnapshot): FeeState[] {
  return unpaidOldestFirst(snapshot.fees, snapshot.currency);
}

/** `unpaidFeesOldestFirst` over any list of fees (a snapshot's, or a chosen few of them). */
export function unpaidOldestFirst(fees: readonly FeeState[], currency: string): FeeState[] {
  const unpaid = fees.filter((f) => isPositive(fromAmountString(f.remainder, currency)));
  if (unpaid.length < 2) return unpaid;
  return unpaid.sort((a, b) =>
    a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.order - b.order || (a.feeId < b.feeId ? -1 : 1),
  );
}

/** Grants with unreserved unused credit, oldest first, with what each can still give. */
export function usableGrants(snapshot: AccountSnapshot): { grantId: string; free: Money }[] {
  const c = snapshot.currency;
  return snapshot.grants
    .map((g) => {
      const remainder = fromAmountString(g.remainder, c);
      const reserved = fromAmountString(g.reserved, c);
      return { grantId: g.grantId, free: isZero(reserved) ? remainder : subtract(remainder, reserved) };
    })
    .filter((g) => !isZero(g.free) && isPositive(g.free));
}
