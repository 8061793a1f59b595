/**
 * Applying one entry to a book's tallies, with every rule that keeps the
 * ledger sound (internal; re-exported by account-state), and the overlay a
 * commit applies its entries to before keeping them.
 */
import { CreditKitError } from "../errors.js";
import { add, compare, isZero, type Money, parseMoney, subtract, toAmountString, zero } from "../money.js";
import type { Book, FeeTally, GrantTally, ReservationGuard } from "./account-state.js";
import { type AccountRecord, isGrantEntry, type LedgerEntry } from "./entries.js";
import { type DraftTallies, draftTallies } from "./tallies.js";

const NO_RESERVATIONS: ReservationGuard = { heldByOthers: () => undefined, feeHeldBy: () => undefined };

/** Parses a positive amount of `entry`; a refusal names the entry's field (built only then). */
function positive(amount: string, currency: string, entry: LedgerEntry, part: string): Money {
  try {
    return parseMoney(amount, currency, "positive");
  } catch (error) {
    if (error instanceof CreditKitError) throw new CreditKitError(error.code, { ...error.details, field: `${entry.id}.${part}` });
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

/**
 * An entry's list as an array to index: `for…of` over a frozen array (every
 * written entry's) allocates an iterator result per item. Anything not an
 * array is spread, so a list that is not iterable fails as before.
 */
function listOf<T>(list: readonly T[]): readonly T[] {
  return Array.isArray(list) ? list : [...(list as Iterable<T>)];
}

/** `a` + `b`, reusing `b` itself when `a` is zero (values are immutable). */
function plus(a: Money, b: Money): Money {
  return isZero(a) ? b : add(a, b);
}

/**
 * A fee after a payment or void of `amount`. A fee paid off with nothing
 * voided keeps its own amount as `paid` and a shared zero as remainder, so
 * settled fees hold no Decimals of their own (the values are equal, exactly).
 */
function feeAfter(fee: FeeTally, amount: Money, as: "paid" | "voided", c: string, order = compare(amount, fee.remainder)): FeeTally {
  const cleared = order === 0;
  const remainder = cleared ? zero(c) : subtract(fee.remainder, amount);
  const { entry } = fee;
  if (as === "voided") {
    return { entry, order: fee.order, amount: fee.amount, paid: fee.paid, voided: plus(fee.voided, amount), remainder };
  }
  const paid = cleared && isZero(fee.voided) ? fee.amount : plus(fee.paid, amount);
  return { entry, order: fee.order, amount: fee.amount, paid, voided: fee.voided, remainder };
}

function payFee(book: Book, feeId: string, amount: Money, key: string, guard: ReservationGuard): void {
  const fee = needFee(book, feeId);
  const holder = guard.feeHeldBy(book.account.id, feeId);
  if (holder !== undefined && holder !== key) throw new CreditKitError("fee-reserved", { feeId, reservedBy: holder });
  const order = compare(amount, fee.remainder);
  if (order > 0) {
    throw new CreditKitError("fee-overpaid", { feeId, amount: toAmountString(amount), remainder: toAmountString(fee.remainder) });
  }
  book.fees.set(feeId, feeAfter(fee, amount, "paid", book.currency, order));
}

function takeCredit(book: Book, grantId: string, amount: Money, guard: ReservationGuard, as: "used" | "voided"): void {
  const grant = needGrant(book, grantId);
  const held = guard.heldByOthers(book.account.id, grantId);
  const free = held === undefined ? grant.remainder : subtract(grant.remainder, held);
  const order = compare(amount, free);
  if (order > 0) {
    throw new CreditKitError("credit-overused", { grantId, amount: toAmountString(amount), unused: toAmountString(free) });
  }
  // As for fees: a grant used up with nothing voided keeps its amount as `used` and a shared zero.
  const cleared = held === undefined ? order === 0 : compare(amount, grant.remainder) === 0;
  const remainder = cleared ? zero(book.currency) : subtract(grant.remainder, amount);
  const { entry } = grant;
  const used = cleared && isZero(grant.voided) ? grant.amount : plus(grant.used, amount);
  // A void that takes all that is left closes the grant (see `unuse`); a closed grant stays closed.
  const closed = grant.closed === true || (as === "voided" && isZero(remainder));
  const after: GrantTally =
    as === "used"
      ? { entry, amount: grant.amount, used, voided: grant.voided, remainder }
      : { entry, amount: grant.amount, used: grant.used, voided: plus(grant.voided, amount), remainder };
  book.grants.set(grantId, closed ? { ...after, closed } : after);
}

/** A fee after a payment of `part` to it is taken back: paid less, owed again. */
function unpay(book: Book, feeId: string, part: Money, key: string, guard: ReservationGuard): void {
  const fee = needFee(book, feeId);
  const holder = guard.feeHeldBy(book.account.id, feeId);
  if (holder !== undefined && holder !== key) throw new CreditKitError("fee-reserved", { feeId, reservedBy: holder });
  if (compare(part, fee.paid) > 0) throw new CreditKitError("invalid-input", { feeId, reason: "reversal-exceeds-paid" });
  const paid = compare(part, fee.paid) === 0 ? zero(book.currency) : subtract(fee.paid, part);
  book.fees.set(feeId, {
    entry: fee.entry,
    order: fee.order,
    amount: fee.amount,
    paid,
    voided: fee.voided,
    remainder: plus(fee.remainder, part),
  });
}

/**
 * A grant after credit `use` taken from it by a payment is given back: to its
 * remainder, or, for a grant a void closed (its run reversed, its credit
 * cancelled), to its voided part, so cancelled credit never comes back.
 */
function unuse(book: Book, grantId: string, use: Money): void {
  const grant = needGrant(book, grantId);
  if (compare(use, grant.used) > 0) {
    throw new CreditKitError("invalid-input", { grantId, reason: "reversal-exceeds-used" });
  }
  const used = compare(use, grant.used) === 0 ? zero(book.currency) : subtract(grant.used, use);
  const { entry, amount } = grant;
  book.grants.set(
    grantId,
    grant.closed
      ? { entry, amount, used, voided: plus(grant.voided, use), remainder: grant.remainder, closed: true }
      : { entry, amount, used, voided: grant.voided, remainder: plus(grant.remainder, use) },
  );
}

/**
 * Reverses a whole recorded payment: what a `Payment` paid to each fee, or
 * what a `Payment (AC)` paid to its fee, is owed again, and the credit a
 * `Payment (AC)` used is available again. The void's amount must be the
 * payment's; a payment is reversed once; a payment that put part of itself
 * on account as credit is refused (void that credit, then record anew).
 */
function reversePayment(book: Book, entryId: string, amount: Money, entry: LedgerEntry, guard: ReservationGuard): void {
  const c = book.currency;
  const found = guard.payment?.(book.account.id, entryId);
  if (!found) throw new CreditKitError("unknown-payment", { accountId: book.account.id, entryId });
  if (found.reversed) throw new CreditKitError("payment-already-reversed", { entryId });
  const paid = found.entry;
  if (compare(amount, parseMoney(paid.amount, c, "positive")) !== 0) {
    throw new CreditKitError("invalid-input", { entryId: entry.id, reason: "void-not-whole" });
  }
  if (paid.type === "Payment (AC)") {
    unpay(book, paid.feeId, amount, entry.key, guard);
    for (const g of listOf(paid.grants)) unuse(book, g.grantId, parseMoney(g.amount, c, "positive"));
    return;
  }
  let allocated: Money = zero(c);
  for (const a of listOf(paid.allocations)) {
    const part = parseMoney(a.amount, c, "positive");
    allocated = plus(allocated, part);
    unpay(book, a.feeId, part, entry.key, guard);
  }
  if (compare(allocated, amount) !== 0) {
    throw new CreditKitError("invalid-input", { entryId, reason: "void-credit-on-account" });
  }
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
      const allocations = listOf(entry.allocations);
      const parts: Money[] = [];
      let allocated: Money = zero(c);
      for (let i = 0; i < allocations.length; i++) {
        const part = positive((allocations[i] as { amount: string }).amount, c, entry, "allocations");
        parts.push(part);
        allocated = plus(allocated, part);
      }
      if (compare(allocated, amount) > 0) {
        throw new CreditKitError("invalid-input", { entryId: entry.id, reason: "allocation-exceeds-payment" });
      }
      for (let i = 0; i < parts.length; i++) {
        payFee(book, (allocations[i] as { feeId: string }).feeId, parts[i] as Money, entry.key, guard);
      }
      return;
    }
    case "Payment (AC)": {
      const grants = listOf(entry.grants);
      const uses: Money[] = [];
      let total: Money = zero(c);
      for (let i = 0; i < grants.length; i++) {
        const use = positive((grants[i] as { amount: string }).amount, c, entry, "grants");
        uses.push(use);
        total = uses.length === 1 ? use : add(total, use);
      }
      if (compare(total, amount) !== 0) {
        throw new CreditKitError("invalid-input", { entryId: entry.id, reason: "credit-payment-mismatch" });
      }
      payFee(book, entry.feeId, amount, entry.key, guard);
      for (let i = 0; i < uses.length; i++) {
        takeCredit(book, (grants[i] as { grantId: string }).grantId, uses[i] as Money, guard, "used");
      }
      return;
    }
    case "Void": {
      if (entry.target.kind === "payment") {
        reversePayment(book, entry.target.entryId, amount, entry, guard);
      } else if (entry.target.kind === "grant") {
        takeCredit(book, entry.target.grantId, amount, guard, "voided");
      } else {
        const fee = needFee(book, entry.target.feeId);
        const holder = guard.feeHeldBy(book.account.id, entry.target.feeId);
        if (holder !== undefined && holder !== entry.key) {
          throw new CreditKitError("fee-reserved", { feeId: entry.target.feeId, reservedBy: holder });
        }
        if (compare(amount, fee.remainder) > 0) throw new CreditKitError("fee-overpaid", { feeId: entry.target.feeId });
        book.fees.set(entry.target.feeId, feeAfter(fee, amount, "voided", book.currency));
      }
      return;
    }
    default: {
      if (!isGrantEntry(entry))
        throw new CreditKitError("invalid-input", { entryId: (entry as LedgerEntry).id, reason: "unknown-entry-type" });
      if (book.grants.has(entry.grantId)) throw new CreditKitError("duplicate-id", { grantId: entry.grantId });
      book.grants.set(entry.grantId, { entry, amount, used: zero(c), voided: zero(c), remainder: amount });
    }
  }
}

/** A commit's overlay of one account's book: checked entry by entry, kept only when all pass. */
export class BookDraft implements Book {
  readonly account: AccountRecord;
  readonly currency: string;
  readonly fees: DraftTallies<FeeTally>;
  readonly grants: DraftTallies<GrantTally>;

  constructor(book: Book) {
    this.account = book.account;
    this.currency = book.currency;
    this.fees = draftTallies(book.fees);
    this.grants = draftTallies(book.grants);
  }

  apply(): void {
    this.fees.apply();
    this.grants.apply();
  }
}
