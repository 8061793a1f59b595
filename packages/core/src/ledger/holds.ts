/**
 * Reservations held by settlements in flight (internal to the journal), and
 * the reads settlement needs straight from an account's tallies: what chosen
 * fees owe and what credit is free, without building a string snapshot.
 */
import { assertInput, assertObject, CreditKitError } from "../errors.js";
import { add, fromAmountString, isPositive, isZero, type Money, subtract, toAmountString, zero } from "../money.js";
import type { Book, FeeTally, GrantTally, Reservation, ReservationGuard } from "./account-state.js";
import type { CreditPaymentEntry, PaymentEntry } from "./entries.js";
import type { ReserveRequest } from "./journal.js";
import { TallyList } from "./tallies.js";
import { DERIVED_MARK } from "./validate-entry.js";
import type { CreditSource } from "./waterfall.js";

const NONE: readonly Reservation[] = Object.freeze([]);

const isText = (value: unknown): value is string => typeof value === "string" && value !== "";

/** A reservation request's shape: the key, account and fees are text, the credit an amount string checked later. */
export function checkReserveRequest(request: ReserveRequest): void {
  assertObject(request, "request");
  assertInput(isText(request.key), "key");
  // A key nothing may commit under cannot be held either: its charge could never be recorded.
  if (request.key.includes(DERIVED_MARK)) throw new CreditKitError("reserved-key", { key: request.key });
  assertInput(isText(request.accountId), "accountId");
  assertInput(Array.isArray(request.feeIds) && request.feeIds.every(isText), "feeIds");
  assertInput(typeof request.credit === "string", "credit");
  assertInput(request.owner === undefined || isText(request.owner), "owner");
}

/** A claim's, a disown's or a release's key and owner are text (a release may name no owner). */
export function checkOwnerCall(key: string, owner: string | undefined, ownerOptional = false): void {
  assertInput(isText(key), "key");
  assertInput((ownerOptional && owner === undefined) || isText(owner), "owner");
}

/** Past this many reservations in flight, `Holds` indexes them by key and by account. */
const SCAN_LIMIT = 64;

/**
 * Reservations in flight, by key and by account. A batch holds at most its
 * concurrency at a time, so they are kept in a short array and scanned; Maps
 * index them only past `SCAN_LIMIT`. A long-lived Map that gains and loses an
 * item per invoice rebuilds its table every few changes, and for a Map in the
 * old generation each new table is made there: over a 100,000-invoice batch
 * the two Maps this replaced left about 30 MB for a full collection.
 */
export class Holds {
  /** Every reservation in the order made, while there are few. */
  private list: Reservation[] | undefined = [];
  private byKey: Map<string, Reservation> | undefined;
  private byAccount: Map<string, Reservation[]> | undefined;
  /**
   * The live owner of each reservation that has one: the settlement in this
   * process that made or claimed it. Only it may release the reservation; it
   * is memory only, so after a restart (or in another tab) a kept reservation
   * has no owner and the next settlement of its key may claim it.
   */
  private readonly owners = new Map<string, string>();

  constructor(readonly currency: string) {}

  get size(): number {
    return this.list ? this.list.length : (this.byKey as Map<string, Reservation>).size;
  }

  get(key: string): Reservation | undefined {
    const list = this.list;
    if (!list) return this.byKey?.get(key);
    for (let i = 0; i < list.length; i++) if ((list[i] as Reservation).key === key) return list[i];
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Every reservation, in the order made (a copy). */
  all(): Reservation[] {
    return this.list ? this.list.slice() : [...(this.byKey as Map<string, Reservation>).values()];
  }

  /** Holds `r`, frozen: what `get`, `all` and `of` hand out cannot be used to change the ledger. */
  hold(r: Reservation, owner?: string): void {
    Object.freeze(r.feeIds);
    for (const g of r.grants) Object.freeze(g);
    Object.freeze(r.grants);
    Object.freeze(r);
    if (owner !== undefined) this.owners.set(r.key, owner);
    const list = this.list;
    if (list && list.length < SCAN_LIMIT) {
      list.push(r);
      return;
    }
    if (list) {
      this.byKey = new Map();
      this.byAccount = new Map();
      this.list = undefined;
      for (const held of list) this.index(held);
    }
    this.index(r);
  }

  private index(r: Reservation): void {
    (this.byKey as Map<string, Reservation>).set(r.key, r);
    const byAccount = this.byAccount as Map<string, Reservation[]>;
    const mine = byAccount.get(r.accountId);
    if (mine) mine.push(r);
    else byAccount.set(r.accountId, [r]);
  }

  /**
   * Makes `owner` the live owner of the reservation under `key` (undefined
   * when there is none). Throws `settlement-in-progress` when another live
   * owner has it: a settlement of that key is running now.
   */
  claim(key: string, owner: string): Reservation | undefined {
    const r = this.get(key);
    if (!r) return undefined;
    this.assertOwner(key, owner);
    this.owners.set(key, owner);
    return r;
  }

  /**
   * Gives this journal's held reservations the live owners `from` has for
   * the same keys (a data source that rebuilt its journal, e.g. after a
   * rolled-back write, while settlements in this process still run).
   */
  ownersFrom(from: Holds): void {
    for (const [key, owner] of from.owners) if (this.has(key)) this.owners.set(key, owner);
  }

  /** `owner` stops owning the reservation under `key`, which stays held (an unknown charge keeps it for a later claim). */
  disown(key: string, owner: string): void {
    if (this.owners.get(key) === owner) this.owners.delete(key);
  }

  /** Throws `settlement-in-progress` unless `key` has no live owner or `owner` is it. */
  assertOwner(key: string, owner: string | undefined): void {
    if (this.owners.size === 0) return;
    const live = this.owners.get(key);
    if (live !== undefined && live !== owner) throw new CreditKitError("settlement-in-progress", { key });
  }

  /**
   * Drops the reservation under `key`. With `owner`, only when it is the live
   * owner or there is none (`settlement-in-progress` otherwise); without one
   * (a commit under the key, a replayed release) always.
   */
  unhold(key: string, owner?: string): Reservation | undefined {
    if (owner !== undefined) this.assertOwner(key, owner);
    if (this.owners.size > 0) this.owners.delete(key);
    const list = this.list;
    if (list) {
      for (let i = 0; i < list.length; i++) {
        const r = list[i] as Reservation;
        if (r.key !== key) continue;
        // Shift the rest down in place (`splice` would make an array of the removed one).
        for (let j = i + 1; j < list.length; j++) list[j - 1] = list[j] as Reservation;
        list.length -= 1;
        return r;
      }
      return undefined;
    }
    const byKey = this.byKey as Map<string, Reservation>;
    const r = byKey.get(key);
    if (!r) return undefined;
    byKey.delete(key);
    const byAccount = this.byAccount as Map<string, Reservation[]>;
    const mine = byAccount.get(r.accountId);
    if (mine) {
      if (mine.length === 1) byAccount.delete(r.accountId);
      else mine.splice(mine.indexOf(r), 1);
    }
    // Back to a short array once none is left: a fresh one, not the Maps' worn tables.
    if (byKey.size === 0) {
      this.list = [];
      this.byKey = undefined;
      this.byAccount = undefined;
    }
    return r;
  }

  /** The account's reservations, oldest first (do not change the array). */
  of(accountId: string): readonly Reservation[] {
    const list = this.list;
    if (!list) return this.byAccount?.get(accountId) ?? NONE;
    let mine: Reservation[] | undefined;
    for (let i = 0; i < list.length; i++) {
      const r = list[i] as Reservation;
      if (r.accountId !== accountId) continue;
      if (mine) mine.push(r);
      else mine = [r];
    }
    return mine ?? NONE;
  }

  /** Credit of `grantId` held by the account's reservations, except the one under `exceptKey`. */
  heldOn(accountId: string, grantId: string, exceptKey?: string): Money | undefined {
    const mine = this.list ?? this.byAccount?.get(accountId);
    if (!mine) return undefined;
    let total: Money | undefined;
    for (let i = 0; i < mine.length; i++) {
      const r = mine[i] as Reservation;
      if (r.accountId !== accountId || r.key === exceptKey) continue;
      for (const g of r.grants) {
        if (g.grantId !== grantId) continue;
        const amount = fromAmountString(g.amount, this.currency);
        total = total === undefined ? amount : add(total, amount);
      }
    }
    return total;
  }

  /** The key of a reservation other than `exceptKey`'s holding `feeId`, if any. */
  feeHolder(accountId: string, feeId: string, exceptKey?: string): string | undefined {
    const mine = this.list ?? this.byAccount?.get(accountId);
    if (!mine) return undefined;
    for (let i = 0; i < mine.length; i++) {
      const r = mine[i] as Reservation;
      if (r.accountId === accountId && r.key !== exceptKey && r.feeIds.includes(feeId)) return r.key;
    }
    return undefined;
  }
}

/** Finds a recorded payment of an account by its entry id (the journal's log). */
export type PaymentFinder = (accountId: string, entryId: string) => PaymentEntry | CreditPaymentEntry | undefined;

/** The reservation rules as seen by the operation writing under `key`, and the payments it may reverse. */
export class Guard implements ReservationGuard {
  /** Payments this operation reverses (a second reversal in the same commit is refused too). */
  readonly #reversing = new Set<string>();

  constructor(
    private readonly holds: Holds,
    private readonly key: string,
    private readonly payments?: { readonly find: PaymentFinder; readonly reversed: ReadonlySet<string> },
  ) {}

  payment(accountId: string, entryId: string): { entry: PaymentEntry | CreditPaymentEntry; reversed: boolean } | undefined {
    const entry = this.payments?.find(accountId, entryId);
    if (!entry) return undefined;
    const reversed = this.#reversing.has(entryId) || (this.payments?.reversed.has(entryId) ?? false);
    this.#reversing.add(entryId);
    return { entry, reversed };
  }

  heldByOthers(accountId: string, grantId: string): Money | undefined {
    return this.holds.heldOn(accountId, grantId, this.key);
  }

  feeHeldBy(accountId: string, feeId: string): string | undefined {
    return this.holds.feeHolder(accountId, feeId, this.key);
  }
}

/** One chosen fee with what it still owes. */
export interface FeeOwed {
  readonly feeId: string;
  readonly description: string;
  readonly remainder: Money;
  /** `remainder` as a canonical string. */
  readonly remainderText: string;
}

/** What chosen fees owe now, in the order a waterfall pays them. */
export interface FeesOwed {
  /** Fees with something left to pay: due date, then posting order, then id. */
  readonly fees: readonly FeeOwed[];
  readonly total: Money;
  /** `total` as a canonical string. */
  readonly totalText: string;
}

/** One fee as `journal.feeBalances` reads it. */
export interface FeeBalance {
  readonly feeId: string;
  readonly category: string;
  /** What the fee still owes, as a canonical amount string ("0.00" when paid or voided). */
  readonly remainder: string;
}

/** Each fee of the book in posting order, with its category and what it still owes, read from the tallies. */
export function feeBalances(book: Book): FeeBalance[] {
  return [...book.fees.values()].map((f) => ({ feeId: f.entry.feeId, category: f.entry.category, remainder: toAmountString(f.remainder) }));
}

const byDueDate = (a: FeeTally, b: FeeTally): number =>
  a.entry.dueDate < b.entry.dueDate
    ? -1
    : a.entry.dueDate > b.entry.dueDate
      ? 1
      : a.order - b.order || (a.entry.feeId < b.entry.feeId ? -1 : 1);

const owed = (f: FeeTally): FeeOwed => ({
  feeId: f.entry.feeId,
  description: f.entry.description,
  remainder: f.remainder,
  remainderText: toAmountString(f.remainder),
});

/**
 * What `feeIds` owe, read from the tallies: the same answer, and the same
 * errors, as reading them from a snapshot. Throws `unknown-fee` for a fee the
 * account does not have (the first missing one) and `fee-reserved` for one
 * held by a reservation other than `key`'s (the first in posting order).
 */
export function feesOwed(book: Book, holds: Holds, feeIds: readonly string[], key: string): FeesOwed {
  const accountId = book.account.id;
  const c = book.currency;
  if (feeIds.length === 1) {
    const fee = book.fees.get(feeIds[0] as string);
    if (!fee) throw new CreditKitError("unknown-fee", { accountId, feeId: feeIds[0] });
    const holder = holds.feeHolder(accountId, fee.entry.feeId, key);
    if (holder !== undefined) throw new CreditKitError("fee-reserved", { feeId: fee.entry.feeId, reservedBy: holder });
    if (!isPositive(fee.remainder)) return { fees: [], total: zero(c), totalText: toAmountString(zero(c)) };
    const owes = owed(fee);
    return { fees: [owes], total: owes.remainder, totalText: owes.remainderText };
  }
  const chosen: FeeTally[] = [];
  for (const feeId of feeIds) {
    const fee = book.fees.get(feeId);
    if (!fee) throw new CreditKitError("unknown-fee", { accountId, feeId });
    chosen.push(fee);
  }
  if (chosen.length > 1) chosen.sort((a, b) => a.order - b.order);
  for (const fee of chosen) {
    const holder = holds.feeHolder(accountId, fee.entry.feeId, key);
    if (holder !== undefined) throw new CreditKitError("fee-reserved", { feeId: fee.entry.feeId, reservedBy: holder });
  }
  const unpaid = chosen.filter((f) => isPositive(f.remainder));
  if (unpaid.length > 1) unpaid.sort(byDueDate);
  let total = zero(c);
  const fees = unpaid.map((f) => {
    total = isZero(total) ? f.remainder : add(total, f.remainder);
    return owed(f);
  });
  return { fees, total, totalText: toAmountString(total) };
}

const byAge = (a: GrantTally, b: GrantTally): number =>
  a.entry.date < b.entry.date
    ? -1
    : a.entry.date > b.entry.date
      ? 1
      : a.entry.grantId < b.entry.grantId
        ? -1
        : a.entry.grantId > b.entry.grantId
          ? 1
          : 0;

/** Grants with unreserved unused credit, oldest first, read from the tallies (as `usableGrants` reads a snapshot). */
export function usableCredit(book: Book, holds: Holds): CreditSource[] {
  const pool: CreditSource[] = [];
  if (book.grants.size === 0) return pool;
  const grants: GrantTally[] = [];
  const all = book.grants instanceof TallyList ? (book.grants.list() as readonly GrantTally[]) : [...book.grants.values()];
  for (let i = 0; i < all.length; i++) if (isPositive((all[i] as GrantTally).remainder)) grants.push(all[i] as GrantTally);
  if (grants.length > 1) grants.sort(byAge);
  const accountId = book.account.id;
  for (const g of grants) {
    const held = holds.heldOn(accountId, g.entry.grantId);
    const free = held === undefined || isZero(held) ? g.remainder : subtract(g.remainder, held);
    if (isPositive(free)) pool.push({ grantId: g.entry.grantId, free });
  }
  return pool;
}
