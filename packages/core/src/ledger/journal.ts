/**
 * The reference ledger: an append-only journal of entries in memory, with
 * derived balances per account, idempotency keys, reservations for
 * settlements in flight, and the auto-apply sweep after each post.
 *
 * It is a store, not a rule: the rules (checkout, sweep, settlement) are pure
 * functions that return entries; the journal checks them all and appends
 * them atomically, or appends nothing. The embedded data source persists it.
 */
import { assertInput, assertObject, CreditKitError } from "../errors.js";
import {
  add,
  compare,
  fromAmountString,
  isZero,
  type Money,
  min,
  minorUnit,
  parseMoney,
  subtract,
  sum,
  toAmountString,
  zero,
} from "../money.js";
import { DEFAULT_SETTINGS, type OrgSettings } from "../settings.js";
import { type AccountSnapshot, type Book, emptyBook, type Reservation, snapshotOf, usableGrants } from "./account-state.js";
import { applyEntry, BookDraft } from "./apply-entry.js";
import { isGrantEntry, type LedgerEntry } from "./entries.js";
import { canonicalJson, frozenCopy, frozenEntries, isOwnId, SCAN_IDS, takenByOwner } from "./entry-copy.js";
import { type EntryChain, EntryLog } from "./entry-log.js";
import { checkOwnerCall, checkReserveRequest, feeBalances, feesOwed, Guard, Holds, usableCredit } from "./holds.js";
import type { Journal, JournalChange, JournalData, JournalOptions } from "./journal-types.js";
import { planSweep } from "./sweep.js";
import * as boundary from "./validate-entry.js";
import { drawCredit } from "./waterfall.js";

export type { FeeBalance } from "./holds.js";
export type { CommitResult, Journal, JournalChange, JournalData, JournalOptions, ReserveRequest } from "./journal-types.js";

/** Installs a reservation exactly as it was saved (restore only; not part of the public surface). */
const exactReservations = new WeakMap<Journal, (reservation: Reservation) => void>();

/** Each journal's reservations, for `carryOwners`. */
const holdsOf = new WeakMap<Journal, Holds>();

/**
 * Gives `to` the live owners `from` has for the reservations both hold under
 * the same keys. Owners are memory only, so a journal rebuilt from data
 * (`restoreJournal`) has none: a data source that replaces its journal while
 * settlements in this process run (a rolled-back write, a reload) carries
 * them over, or anyone could commit under, or release, a key whose charge is
 * in flight.
 */
export function carryOwners(from: Journal, to: Journal): void {
  const source = holdsOf.get(from);
  const target = holdsOf.get(to);
  if (source && target && source !== target) target.ownersFrom(source);
}

const SNAPSHOT_CACHE_SIZE = 1024;
const NO_SWEEP: readonly LedgerEntry[] = Object.freeze([]);
/** An account's book and where its entries are in the log (the journal's record of one account). */
interface Shelf extends Book, EntryChain {}

/** A key's entries as `byKey` keeps them: a frozen list, or one entry alone. */
type Written = readonly LedgerEntry[] | LedgerEntry;

/** A key's entries as a list (a one-entry commit kept alone gets a fresh frozen list). */
function listOf(written: Written | undefined): readonly LedgerEntry[] | undefined {
  if (written === undefined || Array.isArray(written)) return written as readonly LedgerEntry[] | undefined;
  return Object.freeze([written as LedgerEntry]);
}

export function createJournal(options: JournalOptions): Journal {
  assertObject(options, "options");
  const currency = options.currency;
  minorUnit(currency);
  if (options.settings !== undefined) boundary.validateSettings(options.settings);
  /** Frozen: changed only by `updateSettings`. */
  let settings: OrgSettings = Object.freeze({ ...DEFAULT_SETTINGS, ...options.settings });
  /** Every entry as one frozen list, made on the first read after a write. */
  let everything: readonly LedgerEntry[] | undefined;
  /** Each account's book, with its entries in the order written. */
  const books = new Map<string, Shelf>();
  /** The last account looked up: an invoice asks for the same one several times in a row. */
  let recent: Shelf | undefined;
  const log = new EntryLog();
  /** Ids not of the form `${key}#${digits}` (see `isOwnId`); usually none. */
  const otherIds = new Set<unknown>();
  /** What each key wrote: its frozen list, or its one entry alone (no list of one kept per credit). */
  const byKey = new Map<string, Written>();
  const holds = new Holds(currency);
  /** Recently read snapshots, most recent last; bounded so a 100k-account ledger does not keep 100k of them. */
  const snapshots = new Map<string, AccountSnapshot>();
  const listeners = new Set<(change: JournalChange) => void>();
  /** Payments reversed by a `Void`, by entry id. */
  const reversed = new Set<string>();
  /** Where a payment reversal finds the payment: among the account's own entries. */
  const payments = {
    reversed,
    find: (accountId: string, entryId: string) => {
      const found = log.listOf(book(accountId)).find((e) => e.id === entryId);
      return found?.type === "Payment" || found?.type === "Payment (AC)" ? found : undefined;
    },
  };

  const book = (accountId: string): Shelf => {
    if (recent !== undefined && recent.account.id === accountId) return recent;
    const found = books.get(accountId);
    if (!found) throw new CreditKitError("unknown-account", { accountId });
    recent = found;
    return found;
  };

  const notify = (key: string, accountIds: readonly string[]) => {
    for (const id of accountIds) snapshots.delete(id);
    if (listeners.size === 0) return;
    const change = { key, accountIds: accountIds.length < 2 ? [...accountIds] : [...new Set(accountIds)] };
    for (const listener of listeners) listener(change);
  };

  /** Throws `duplicate-id` when entry `i` repeats an id of the ledger or of the entries before it. */
  const checkId = (key: string, entries: readonly LedgerEntry[], i: number, seen: Set<unknown> | undefined) => {
    const id = (entries[i] as LedgerEntry).id;
    let taken = isOwnId(id, key) ? otherIds.size > 0 && otherIds.has(id) : otherIds.has(id) || takenByOwner(id, byKey);
    if (seen) taken ||= seen.has(id) || !seen.add(id);
    else for (let j = 0; j < i && !taken; j++) taken = (entries[j] as LedgerEntry).id === id;
    if (taken) throw new CreditKitError("duplicate-id", { entryId: id });
  };

  /** Writes `batch` under `key` (checked; `sweepAccount` for a sweep's key), atomically. */
  const append = (key: string, batch: readonly LedgerEntry[], sweepAccount?: string): readonly LedgerEntry[] => {
    const entries = frozenEntries(batch);
    boundary.validateCommit(key, entries, currency, sweepAccount);
    const guard = new Guard(holds, key, payments);
    let first: BookDraft | undefined;
    let others: Map<string, BookDraft> | undefined;
    const seen = entries.length > SCAN_IDS ? new Set<unknown>() : undefined;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as LedgerEntry;
      checkId(key, entries, i, seen);
      let draft = first?.account.id === entry.accountId ? first : others?.get(entry.accountId);
      if (!draft) {
        draft = new BookDraft(book(entry.accountId));
        if (!first) first = draft;
        else {
          others ??= new Map();
          others.set(entry.accountId, draft);
        }
      }
      applyEntry(draft, entry, guard);
    }
    first?.apply();
    if (others) for (const draft of others.values()) draft.apply();
    // Index loops: `for…of` over a frozen array allocates an iterator result per item.
    for (let n = 0; n < entries.length; n++) {
      const entry = entries[n] as LedgerEntry;
      if (!isOwnId(entry.id, key)) otherIds.add(entry.id);
      log.append(entry, book(entry.accountId));
    }
    everything = undefined;
    for (let n = 0; n < entries.length; n++) {
      const entry = entries[n] as LedgerEntry;
      if (entry.type === "Void" && entry.target.kind === "payment") reversed.add(entry.target.entryId);
    }
    // A one-entry commit's idempotency record is the entry itself: no list of one kept per credit.
    const kept: Written = entries.length === 1 ? (entries[0] as LedgerEntry) : entries;
    byKey.set(key, kept);
    holds.unhold(key);
    return entries;
  };

  const sweep = (key: string, accountIds: Iterable<string>, date: string): LedgerEntry[] => {
    const swept: LedgerEntry[] = [];
    for (const accountId of accountIds) {
      snapshots.delete(accountId);
      const derived = boundary.sweepKey(key, accountId);
      const entries = planSweep(journal.snapshot(accountId), { key: derived, date });
      if (entries.length === 0) continue;
      swept.push(...append(derived, entries, accountId));
    }
    return swept;
  };

  /** The fees of a reservation must exist and be held by no one else. */
  const checkFees = (accountId: string, b: Book, key: string, feeIds: readonly string[]) => {
    for (const feeId of feeIds) {
      if (!b.fees.has(feeId)) throw new CreditKitError("unknown-fee", { feeId });
      const holder = holds.feeHolder(accountId, feeId, key);
      if (holder !== undefined) throw new CreditKitError("fee-reserved", { feeId, reservedBy: holder });
    }
  };

  const journal: Journal = {
    currency,
    settings: () => settings,
    updateSettings(patch) {
      boundary.validateSettings(patch, "patch");
      settings = Object.freeze({ ...settings, ...patch });
      return settings;
    },
    openAccount(account) {
      boundary.validateAccount(account);
      if (books.has(account.id)) throw new CreditKitError("duplicate-account", { accountId: account.id });
      const empty = emptyBook(account, currency);
      books.set(account.id, {
        account: empty.account,
        currency,
        fees: empty.fees,
        grants: empty.grants,
        // No entries yet (the chain's fields written out: a spread builds 100k records the slow way).
        head: -1,
        tail: -1,
        count: 0,
        list: undefined,
      });
    },
    hasAccount: (accountId) => books.has(accountId),
    accounts: () => [...books.values()].map((b) => b.account),
    snapshot(accountId) {
      let snap = snapshots.get(accountId);
      if (snap) return snap;
      snap = snapshotOf(book(accountId), holds.of(accountId));
      if (snapshots.size >= SNAPSHOT_CACHE_SIZE) snapshots.delete(snapshots.keys().next().value as string);
      snapshots.set(accountId, snap);
      return snap;
    },
    feesOwed(accountId, feeIds, key) {
      assertInput(Array.isArray(feeIds), "feeIds");
      return feesOwed(book(accountId), holds, feeIds, key);
    },
    feeBalances: (accountId) => feeBalances(book(accountId)),
    entries: () => (everything ??= Object.freeze(log.entries.slice())),
    entriesOf: (accountId) => log.listOf(book(accountId)),
    committed: (key) => listOf(byKey.get(key)),
    commit(key, entries, owner) {
      const sweepAccount = boundary.checkCommitRequest(key, entries, (parent) => byKey.has(parent));
      assertInput(owner === undefined || (typeof owner === "string" && owner !== ""), "owner");
      const previous = listOf(byKey.get(key));
      if (previous) {
        if (canonicalJson(previous) !== canonicalJson(entries)) throw new CreditKitError("idempotency-conflict", { key });
        return { status: "duplicate", entries: previous, swept: [] };
      }
      // Only the settlement running under `key` (if one is) may write under it and so release its reservation.
      holds.assertOwner(key, owner);
      // Read before appending: the append releases the reservation held under `key`.
      const reservation = holds.get(key);
      const written = append(key, entries, sweepAccount);
      const touched: string[] = [];
      let posted = false;
      for (let i = 0; i < written.length; i++) {
        const e = written[i] as LedgerEntry;
        if (!touched.includes(e.accountId)) touched.push(e.accountId);
        posted ||= e.type === "Fee" || isGrantEntry(e);
      }
      if (reservation && !touched.includes(reservation.accountId)) touched.push(reservation.accountId);
      const last = written[written.length - 1];
      const swept = settings.autoApply && posted && last ? sweep(key, touched, last.date) : NO_SWEEP;
      notify(key, touched);
      return { status: "committed", entries: written, swept: swept === NO_SWEEP ? [] : swept };
    },
    reserve(request) {
      checkReserveRequest(request);
      if (holds.has(request.key)) throw new CreditKitError("settlement-in-progress", { key: request.key });
      if (byKey.has(request.key)) throw new CreditKitError("idempotency-conflict", { key: request.key });
      const b = book(request.accountId);
      checkFees(request.accountId, b, request.key, request.feeIds);
      const want = parseMoney(request.credit, currency, "non-negative");
      const pool = isZero(want) ? [] : usableCredit(b, holds);
      let free: Money | undefined;
      for (const s of pool) free = free === undefined ? s.free : add(free, s.free);
      const grants = free === undefined ? [] : drawCredit(pool, min(want, free));
      let credit = zero(currency);
      for (const g of grants)
        credit = isZero(credit) ? fromAmountString(g.amount, currency) : add(credit, fromAmountString(g.amount, currency));
      const reservation: Reservation = {
        key: request.key,
        accountId: request.accountId,
        feeIds: [...request.feeIds],
        grants,
        credit: toAmountString(credit),
      };
      holds.hold(reservation, request.owner);
      notify(request.key, [request.accountId]);
      return reservation;
    },
    claim(key, owner) {
      checkOwnerCall(key, owner);
      return holds.claim(key, owner);
    },
    disown(key, owner) {
      checkOwnerCall(key, owner);
      holds.disown(key, owner);
    },
    release(key, owner) {
      checkOwnerCall(key, owner, true);
      const reservation = holds.unhold(key, owner);
      if (reservation) notify(key, [reservation.accountId]);
    },
    reservation: (key) => holds.get(key),
    reservations: () => holds.all(),
    subscribe(listener) {
      assertInput(typeof listener === "function", "listener");
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    toData: () => ({
      currency,
      settings,
      accounts: journal.accounts(),
      entries: log.entries.slice(),
      reservations: frozenCopy(holds.all()),
    }),
  };
  holdsOf.set(journal, holds);
  exactReservations.set(journal, (r) => {
    if (holds.has(r.key) || byKey.has(r.key)) throw new CreditKitError("reservation-conflict", { key: r.key });
    const snap = journal.snapshot(r.accountId);
    checkFees(r.accountId, book(r.accountId), r.key, r.feeIds);
    const pool = usableGrants(snap);
    const grants = r.grants.map((g) => {
      const amount = parseMoney(g.amount, currency, "positive");
      const source = pool.find((s) => s.grantId === g.grantId);
      if (!snap.grants.some((s) => s.grantId === g.grantId)) throw new CreditKitError("unknown-grant", { grantId: g.grantId });
      if (!source || compare(amount, source.free) > 0) throw new CreditKitError("credit-overused", { grantId: g.grantId });
      source.free = subtract(source.free, amount);
      return { grantId: g.grantId, amount: toAmountString(amount) };
    });
    const credit = sum(
      grants.map((g) => fromAmountString(g.amount, currency)),
      currency,
    );
    holds.hold({ key: r.key, accountId: r.accountId, feeIds: [...r.feeIds], grants, credit: toAmountString(credit) });
    notify(r.key, [r.accountId]);
  });
  return journal;
}

/**
 * Rebuilds a journal from its data, checking every entry again on the way in.
 * Sweeps are not re-run: their entries are in the data already.
 */
export function restoreJournal(data: JournalData): Journal {
  boundary.validateJournalData(data);
  const journal = createJournal({ currency: data.currency, settings: { ...data.settings, autoApply: false } });
  for (const account of data.accounts) journal.openAccount(account);
  for (const group of boundary.commitsOf(data.entries)) journal.commit((group[0] as LedgerEntry).key, group);
  // Each reservation holds exactly the grants it held when saved: drawing again could pick other grants.
  const holdExactly = exactReservations.get(journal) ?? ((r: Reservation) => journal.reserve(r));
  for (const r of data.reservations) holdExactly(r);
  journal.updateSettings({ autoApply: data.settings.autoApply ?? DEFAULT_SETTINGS.autoApply });
  return journal;
}
