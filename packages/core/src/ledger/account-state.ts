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
}

/** Running totals of one grant (internal). */
export interface GrantTally {
  readonly entry: GrantEntry;
  readonly amount: Money;
  readonly used: Money;
  readonly voided: Money;
}

/** A book's tallies by id: a Map, or a draft over one (see `draftTallies`). */
export interface Tallies<V> {
  get(id: string): V | undefined;
  has(id: string): boolean;
  set(id: string, value: V): unknown;
  readonly size: number;
  entries(): IterableIterator<[string, V]>;
  values(): IterableIterator<V>;
}

/** The tallies of one account (internal; the journal keeps one per account). */
export interface Book {
  readonly account: AccountRecord;
  readonly currency: string;
  readonly fees: Tallies<FeeTally>;
  readonly grants: Tallies<GrantTally>;
}

/** Changes over `base` that `base` does not see until `apply()`: a commit checks its entries on drafts, then keeps them or drops them. */
export interface DraftTallies<V> extends Tallies<V> {
  apply(): void;
}

export function draftTallies<V>(base: Tallies<V>): DraftTallies<V> {
  const changed = new Map<string, V>();
  let added = 0;
  return {
    get: (id) => changed.get(id) ?? base.get(id),
    has: (id) => changed.has(id) || base.has(id),
    set(id, value) {
      if (!changed.has(id) && !base.has(id)) added += 1;
      changed.set(id, value);
    },
    get size() {
      return base.size + added;
    },
    *entries() {
      for (const [id, value] of base.entries()) yield [id, changed.get(id) ?? value];
      for (const [id, value] of changed) if (!base.has(id)) yield [id, value];
    },
    *values() {
      for (const [, value] of this.entries()) yield value;
    },
    apply() {
      for (const [id, value] of changed) base.set(id, value);
    },
  };
}

/** What `applyEntry` needs to know about settlements in flight. */
export interface ReservationGuard {
  /** Credit of `grantId` held by reservations other than the writing operation's own. */
  heldByOthers(accountId: string, grantId: string): Money | undefined;
  /** The key of another operation's reservation holding `feeId`, if any. */
  feeHeldBy(accountId: string, feeId: string): string | undefined;
}

const NO_RESERVATIONS: ReservationGuard = { heldByOthers: () => undefined, feeHeldBy: () => undefined };

export function emptyBook(
  account: AccountRecord,
  currency: string,
): Book & { fees: Map<string, FeeTally>; grants: Map<string, GrantTally> } {
  return { account, currency, fees: new Map(), grants: new Map() };
}

export function feeRemainder(fee: FeeTally): Money {
  return subtract(subtract(fee.amount, fee.paid), fee.voided);
}

export function grantRemainder(grant: GrantTally): Money {
  return subtract(subtract(grant.amount, grant.used), grant.voided);
}

function positive(amount: string, currency: string, field: string): Money {
  try {
    return parseMoney(amount, currency, "positive");
  } catch (error) {
    if (error instanceof CreditKitError) throw new CreditKitError(error.code, { ...error.details, field }, error.message);
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

function payFee(book: Book, feeId: string, amount: Money, key: string, guard: ReservationGuard): void {
  const fee = needFee(book, feeId);
  const holder = guard.feeHeldBy(book.account.id, feeId);
  if (holder !== undefined && holder !== key) throw new CreditKitError("fee-reserved", { feeId, reservedBy: holder });
  if (compare(amount, feeRemainder(fee)) > 0) {
    throw new CreditKitError("fee-overpaid", { feeId, amount: toAmountString(amount), remainder: toAmountString(feeRemainder(fee)) });
  }
  book.fees.set(feeId, { ...fee, paid: add(fee.paid, amount) });
}

function takeCredit(book: Book, grantId: string, amount: Money, guard: ReservationGuard, as: "used" | "voided"): void {
  const grant = needGrant(book, grantId);
  const held = guard.heldByOthers(book.account.id, grantId) ?? zero(book.currency);
  const free = subtract(grantRemainder(grant), held);
  if (compare(amount, free) > 0) {
    throw new CreditKitError("credit-overused", { grantId, amount: toAmountString(amount), unused: toAmountString(free) });
  }
  book.grants.set(grantId, { ...grant, [as]: add(grant[as], amount) });
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
  const amount = positive(entry.amount, c, `${entry.id}.amount`);
  switch (entry.type) {
    case "Fee": {
      if (book.fees.has(entry.feeId)) throw new CreditKitError("duplicate-id", { feeId: entry.feeId });
      book.fees.set(entry.feeId, { entry, order: book.fees.size, amount, paid: zero(c), voided: zero(c) });
      return;
    }
    case "Payment": {
      const parts = entry.allocations.map((a) => ({ feeId: a.feeId, amount: positive(a.amount, c, `${entry.id}.allocations`) }));
      if (
        compare(
          sum(
            parts.map((p) => p.amount),
            c,
          ),
          amount,
        ) > 0
      ) {
        throw new CreditKitError("invalid-input", { entryId: entry.id }, "A payment cannot allocate more than its amount.");
      }
      for (const part of parts) payFee(book, part.feeId, part.amount, entry.key, guard);
      return;
    }
    case "Payment (AC)": {
      const uses = entry.grants.map((g) => ({ grantId: g.grantId, amount: positive(g.amount, c, `${entry.id}.grants`) }));
      if (
        compare(
          sum(
            uses.map((u) => u.amount),
            c,
          ),
          amount,
        ) !== 0
      ) {
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
        if (compare(amount, feeRemainder(fee)) > 0) throw new CreditKitError("fee-overpaid", { feeId: entry.target.feeId });
        book.fees.set(entry.target.feeId, { ...fee, voided: add(fee.voided, amount) });
      }
      return;
    }
    default: {
      if (!isGrantEntry(entry)) throw new CreditKitError("invalid-input", { entryId: (entry as LedgerEntry).id }, "Unknown entry type.");
      if (book.grants.has(entry.grantId)) throw new CreditKitError("duplicate-id", { grantId: entry.grantId });
      book.grants.set(entry.grantId, { entry, amount, used: zero(c), voided: zero(c) });
    }
  }
}

/** Grants oldest first: by date, then id (the order credit is consumed in). */
export function byGrantAge(a: { date: string; grantId: string }, b: { date: string; grantId: string }): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.grantId < b.grantId ? -1 : a.grantId > b.grantId ? 1 : 0;
}

/** The public, string-valued view of a book. */
export function snapshotOf(book: Book, reservations: readonly Reservation[] = []): AccountSnapshot {
  const c = book.currency;
  const feeHolder = new Map<string, string>();
  const held = new Map<string, Money>();
  for (const r of reservations) {
    if (r.accountId !== book.account.id) continue;
    for (const feeId of r.feeIds) feeHolder.set(feeId, r.key);
    for (const g of r.grants) held.set(g.grantId, add(held.get(g.grantId) ?? zero(c), fromAmountString(g.amount, c)));
  }
  const fees: FeeState[] = [...book.fees.values()].map((f) => {
    const e = f.entry;
    const reservedBy = feeHolder.get(e.feeId);
    return {
      feeId: e.feeId,
      category: e.category,
      description: e.description,
      date: e.date,
      dueDate: e.dueDate,
      ...(e.memberId !== undefined ? { memberId: e.memberId } : {}),
      amount: toAmountString(f.amount),
      paid: toAmountString(f.paid),
      voided: toAmountString(f.voided),
      remainder: toAmountString(feeRemainder(f)),
      order: f.order,
      ...(reservedBy !== undefined ? { reservedBy } : {}),
    };
  });
  const grants: GrantState[] = [...book.grants.values()]
    .map((g) => {
      const e = g.entry;
      return {
        grantId: e.grantId,
        type: e.type,
        creditType: e.creditType,
        description: e.description,
        date: e.date,
        ...(e.location !== undefined ? { location: e.location } : {}),
        source: e.source,
        amount: toAmountString(g.amount),
        used: toAmountString(g.used),
        voided: toAmountString(g.voided),
        remainder: toAmountString(grantRemainder(g)),
        reserved: toAmountString(held.get(e.grantId) ?? zero(c)),
      };
    })
    .sort(byGrantAge);
  const amountDue = sum([...book.fees.values()].map(feeRemainder), c);
  const accountCredit = sum([...book.grants.values()].map(grantRemainder), c);
  const reservedCredit = sum(held.values(), c);
  return {
    account: book.account,
    currency: c,
    fees,
    grants,
    amountDue: toAmountString(amountDue),
    accountCredit: toAmountString(accountCredit),
    reservedCredit: toAmountString(reservedCredit),
    availableCredit: toAmountString(subtract(accountCredit, reservedCredit)),
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
  return snapshot.fees
    .filter((f) => isPositive(fromAmountString(f.remainder, snapshot.currency)))
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.order - b.order || (a.feeId < b.feeId ? -1 : 1)));
}

/** Grants with unreserved unused credit, oldest first, with what each can still give. */
export function usableGrants(snapshot: AccountSnapshot): { grantId: string; free: Money }[] {
  const c = snapshot.currency;
  return snapshot.grants
    .map((g) => ({ grantId: g.grantId, free: subtract(fromAmountString(g.remainder, c), fromAmountString(g.reserved, c)) }))
    .filter((g) => !isZero(g.free) && isPositive(g.free));
}
