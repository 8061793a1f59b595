/**
 * The reference ledger: an append-only journal of entries in memory, with
 * derived balances per account, idempotency keys, reservations for
 * settlements in flight, and the auto-apply sweep after each post.
 *
 * It is a store, not a rule: the rules (checkout, sweep, settlement) are pure
 * functions that return entries; the journal checks them all and appends
 * them atomically, or appends nothing. The embedded data source persists it.
 */
import { assertIsoDate, isIsoDate } from "../dates.js";
import { assertInput, CreditKitError } from "../errors.js";
import { add, compare, fromAmountString, type Money, min, minorUnit, parseMoney, subtract, sum, toAmountString, zero } from "../money.js";
import { DEFAULT_SETTINGS, type OrgSettings } from "../settings.js";
import {
  type AccountSnapshot,
  applyEntry,
  type Book,
  type DraftTallies,
  draftTallies,
  emptyBook,
  type FeeTally,
  type GrantTally,
  type Reservation,
  type ReservationGuard,
  snapshotOf,
  usableGrants,
} from "./account-state.js";
import { type AccountRecord, isGrantEntry, type LedgerEntry } from "./entries.js";
import { planSweep } from "./sweep.js";
import { drawCredit } from "./waterfall.js";

export interface CommitResult {
  /** `duplicate` when this key was committed before with the same entries: nothing was written again. */
  readonly status: "committed" | "duplicate";
  readonly entries: readonly LedgerEntry[];
  /** The sweep's `Payment (AC)` entries that followed (auto-apply on). */
  readonly swept: readonly LedgerEntry[];
}

export interface ReserveRequest {
  readonly key: string;
  readonly accountId: string;
  readonly feeIds: readonly string[];
  /** The most credit to hold; less is held when less is available. "0" holds only the fees. */
  readonly credit: string;
}

/** What changed, for listeners. */
export interface JournalChange {
  readonly key: string;
  readonly accountIds: readonly string[];
}

/** Everything a journal holds, as plain JSON-able data. */
export interface JournalData {
  readonly currency: string;
  readonly settings: OrgSettings;
  readonly accounts: readonly AccountRecord[];
  readonly entries: readonly LedgerEntry[];
  readonly reservations: readonly Reservation[];
}

export interface Journal {
  readonly currency: string;
  settings(): OrgSettings;
  updateSettings(patch: Partial<OrgSettings>): OrgSettings;
  openAccount(account: AccountRecord): void;
  hasAccount(accountId: string): boolean;
  accounts(): readonly AccountRecord[];
  snapshot(accountId: string): AccountSnapshot;
  /** Every entry in the order written. */
  entries(): readonly LedgerEntry[];
  entriesOf(accountId: string): readonly LedgerEntry[];
  /** The entries written under `key`, or undefined when it was never committed. */
  committed(key: string): readonly LedgerEntry[] | undefined;
  /**
   * Appends `entries` (all carrying `key`) atomically, then sweeps the touched
   * accounts when auto-apply is on and a fee or credit was posted. The same
   * key with the same entries again writes nothing; with other entries it
   * throws `idempotency-conflict`. Releases the reservation held under `key`.
   */
  commit(key: string, entries: readonly LedgerEntry[]): CommitResult;
  /** Holds fees and up to `credit` of credit for a settlement; the same key returns the same reservation. */
  reserve(request: ReserveRequest): Reservation;
  release(key: string): void;
  reservation(key: string): Reservation | undefined;
  reservations(): readonly Reservation[];
  subscribe(listener: (change: JournalChange) => void): () => void;
  toData(): JournalData;
}

export interface JournalOptions {
  readonly currency: string;
  readonly settings?: Partial<OrgSettings>;
}

/** Installs a reservation exactly as it was saved (restore only; not part of the public surface). */
const exactReservations = new WeakMap<Journal, (reservation: Reservation) => void>();

/** A deep-frozen copy of a plain-data value: a written entry can be changed by no one, its writer included. */
function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items = new Array(value.length);
    for (let i = 0; i < value.length; i++) items[i] = frozenCopy(value[i]);
    return Object.freeze(items) as T;
  }
  // Field by field into a fresh literal: copies of one entry shape share one hidden class (a spread would not, once frozen).
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = frozenCopy((value as Record<string, unknown>)[key]);
  return Object.freeze(copy) as T;
}

/** JSON with object keys sorted, so "the same entries" does not depend on the order their fields were written in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const SNAPSHOT_CACHE_SIZE = 1024;
const NO_ENTRIES: readonly LedgerEntry[] = Object.freeze([]);
/** Per-account entry lists up to this long are copied at exact size on append; longer ones grow in place. */
const SMALL_LIST = 16;

export function createJournal(options: JournalOptions): Journal {
  const currency = options.currency;
  minorUnit(currency);
  let settings: OrgSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const books = new Map<string, Book>();
  const byAccount = new Map<string, LedgerEntry[]>();
  const log: LedgerEntry[] = [];
  const ids = new Set<string>();
  const byKey = new Map<string, readonly LedgerEntry[]>();
  const held = new Map<string, Reservation>();
  /** The same reservations by account, so a look-up costs what that account holds, not what the ledger holds. */
  const heldByAccount = new Map<string, Map<string, Reservation>>();
  const hold = (r: Reservation) => {
    held.set(r.key, r);
    const mine = heldByAccount.get(r.accountId) ?? new Map<string, Reservation>();
    heldByAccount.set(r.accountId, mine);
    mine.set(r.key, r);
  };
  const unhold = (key: string) => {
    const r = held.get(key);
    if (!r) return;
    held.delete(key);
    const mine = heldByAccount.get(r.accountId);
    mine?.delete(key);
    if (mine?.size === 0) heldByAccount.delete(r.accountId);
  };
  /** Recently read snapshots, most recent last; bounded so a 100k-account ledger does not keep 100k of them. */
  const snapshots = new Map<string, AccountSnapshot>();
  const listeners = new Set<(change: JournalChange) => void>();

  const book = (accountId: string): Book => {
    const found = books.get(accountId);
    if (!found) throw new CreditKitError("unknown-account", { accountId });
    return found;
  };

  const reservationsOf = (accountId: string): Reservation[] => [...(heldByAccount.get(accountId)?.values() ?? [])];

  const guardFor = (key: string): ReservationGuard => ({
    heldByOthers(accountId, grantId) {
      let total: Money | undefined;
      for (const r of heldByAccount.get(accountId)?.values() ?? []) {
        if (r.key === key) continue;
        for (const g of r.grants) if (g.grantId === grantId) total = add(total ?? zero(currency), fromAmountString(g.amount, currency));
      }
      return total;
    },
    feeHeldBy(accountId, feeId) {
      for (const r of heldByAccount.get(accountId)?.values() ?? []) if (r.key !== key && r.feeIds.includes(feeId)) return r.key;
      return undefined;
    },
  });

  const notify = (key: string, accountIds: Iterable<string>) => {
    const change = { key, accountIds: [...new Set(accountIds)] };
    for (const id of change.accountIds) snapshots.delete(id);
    for (const listener of listeners) listener(change);
  };

  type Draft = Book & { fees: DraftTallies<FeeTally>; grants: DraftTallies<GrantTally> };
  const draftOf = (b: Book): Draft => ({ ...b, fees: draftTallies(b.fees), grants: draftTallies(b.grants) });

  const append = (key: string, batch: readonly LedgerEntry[]): readonly LedgerEntry[] => {
    const entries = frozenCopy(batch);
    const drafts = new Map<string, Draft>();
    const guard = guardFor(key);
    const seen = new Set<string>();
    for (const entry of entries) {
      if (entry.key !== key)
        throw new CreditKitError("invalid-input", { field: "entry.key" }, `Entry ${entry.id} does not carry the key ${key}.`);
      if (ids.has(entry.id) || seen.has(entry.id)) throw new CreditKitError("duplicate-id", { entryId: entry.id });
      seen.add(entry.id);
      if (!isIsoDate(entry.date)) assertIsoDate(entry.date, `${entry.id}.date`);
      if (entry.type === "Fee" && !isIsoDate(entry.dueDate)) assertIsoDate(entry.dueDate, `${entry.id}.dueDate`);
      let draft = drafts.get(entry.accountId);
      if (!draft) {
        draft = draftOf(book(entry.accountId));
        drafts.set(entry.accountId, draft);
      }
      applyEntry(draft, entry, guard);
    }
    for (const draft of drafts.values()) {
      draft.fees.apply();
      draft.grants.apply();
    }
    for (const entry of entries) {
      ids.add(entry.id);
      log.push(entry);
      const mine = byAccount.get(entry.accountId);
      // Most accounts hold a few entries: an exact-size copy beats an array grown to 17 slots on its first push.
      if (mine === undefined || mine.length === 0) byAccount.set(entry.accountId, [entry]);
      else if (mine.length < SMALL_LIST) {
        const grown = new Array<LedgerEntry>(mine.length + 1);
        for (let i = 0; i < mine.length; i++) grown[i] = mine[i] as LedgerEntry;
        grown[mine.length] = entry;
        byAccount.set(entry.accountId, grown);
      } else mine.push(entry);
    }
    byKey.set(key, entries);
    unhold(key);
    return entries;
  };

  const sweep = (key: string, accountIds: Iterable<string>, date: string): LedgerEntry[] => {
    const swept: LedgerEntry[] = [];
    for (const accountId of accountIds) {
      snapshots.delete(accountId);
      const sweepKey = `${key}/sweep/${accountId}`;
      const entries = planSweep(journal.snapshot(accountId), { key: sweepKey, date });
      if (entries.length === 0) continue;
      swept.push(...append(sweepKey, entries));
    }
    return swept;
  };

  const journal: Journal = {
    currency,
    settings: () => settings,
    updateSettings(patch) {
      settings = { ...settings, ...patch };
      return settings;
    },
    openAccount(account) {
      assertInput(typeof account?.id === "string" && account.id !== "", "account.id");
      if (books.has(account.id)) throw new CreditKitError("duplicate-account", { accountId: account.id });
      books.set(account.id, emptyBook({ id: account.id, name: account.name, kind: account.kind }, currency));
    },
    hasAccount: (accountId) => books.has(accountId),
    accounts: () => [...books.values()].map((b) => b.account),
    snapshot(accountId) {
      let snap = snapshots.get(accountId);
      if (snap) return snap;
      snap = snapshotOf(book(accountId), reservationsOf(accountId));
      if (snapshots.size >= SNAPSHOT_CACHE_SIZE) snapshots.delete(snapshots.keys().next().value as string);
      snapshots.set(accountId, snap);
      return snap;
    },
    entries: () => log,
    entriesOf(accountId) {
      book(accountId);
      return byAccount.get(accountId) ?? NO_ENTRIES;
    },
    committed: (key) => byKey.get(key),
    commit(key, entries) {
      assertInput(typeof key === "string" && key !== "", "key");
      const previous = byKey.get(key);
      if (previous) {
        if (canonicalJson(previous) !== canonicalJson(entries)) throw new CreditKitError("idempotency-conflict", { key });
        return { status: "duplicate", entries: previous, swept: [] };
      }
      // Read before appending: the append releases the reservation held under `key`.
      const reservation = held.get(key);
      const written = append(key, entries);
      const touched = new Set(written.map((e) => e.accountId));
      if (reservation) touched.add(reservation.accountId);
      const posted = written.some((e) => e.type === "Fee" || isGrantEntry(e));
      const last = written[written.length - 1];
      const swept = settings.autoApply && posted && last ? sweep(key, touched, last.date) : [];
      notify(key, touched);
      return { status: "committed", entries: written, swept };
    },
    reserve(request) {
      const existing = held.get(request.key);
      if (existing) {
        if (existing.accountId !== request.accountId) throw new CreditKitError("reservation-conflict", { key: request.key });
        return existing;
      }
      if (byKey.has(request.key)) throw new CreditKitError("idempotency-conflict", { key: request.key });
      const snap = journal.snapshot(request.accountId);
      const guard = guardFor(request.key);
      for (const feeId of request.feeIds) {
        if (!snap.fees.some((f) => f.feeId === feeId)) throw new CreditKitError("unknown-fee", { feeId });
        const holder = guard.feeHeldBy(request.accountId, feeId);
        if (holder !== undefined) throw new CreditKitError("fee-reserved", { feeId, reservedBy: holder });
      }
      const want = parseMoney(request.credit, currency, "non-negative");
      const pool = usableGrants(snap);
      const grants = drawCredit(
        pool,
        min(
          want,
          sum(
            pool.map((s) => s.free),
            currency,
          ),
        ),
      );
      const credit = sum(
        grants.map((g) => fromAmountString(g.amount, currency)),
        currency,
      );
      const reservation: Reservation = {
        key: request.key,
        accountId: request.accountId,
        feeIds: [...request.feeIds],
        grants,
        credit: toAmountString(credit),
      };
      hold(reservation);
      notify(request.key, [request.accountId]);
      return reservation;
    },
    release(key) {
      const reservation = held.get(key);
      if (!reservation) return;
      unhold(key);
      notify(key, [reservation.accountId]);
    },
    reservation: (key) => held.get(key),
    reservations: () => [...held.values()],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    toData: () => ({
      currency,
      settings,
      accounts: journal.accounts(),
      entries: [...log],
      reservations: [...held.values()],
    }),
  };
  exactReservations.set(journal, (r) => {
    if (held.has(r.key) || byKey.has(r.key)) throw new CreditKitError("reservation-conflict", { key: r.key });
    const snap = journal.snapshot(r.accountId);
    const guard = guardFor(r.key);
    for (const feeId of r.feeIds) {
      if (!snap.fees.some((f) => f.feeId === feeId)) throw new CreditKitError("unknown-fee", { feeId });
      const holder = guard.feeHeldBy(r.accountId, feeId);
      if (holder !== undefined) throw new CreditKitError("fee-reserved", { feeId, reservedBy: holder });
    }
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
    hold({ key: r.key, accountId: r.accountId, feeIds: [...r.feeIds], grants, credit: toAmountString(credit) });
    notify(r.key, [r.accountId]);
  });
  return journal;
}

/**
 * Rebuilds a journal from its data, checking every entry again on the way in.
 * Sweeps are not re-run: their entries are in the data already.
 */
export function restoreJournal(data: JournalData): Journal {
  const journal = createJournal({ currency: data.currency, settings: { ...data.settings, autoApply: false } });
  for (const account of data.accounts) journal.openAccount(account);
  let group: LedgerEntry[] = [];
  const flush = () => {
    const first = group[0];
    if (first) journal.commit(first.key, group);
    group = [];
  };
  for (const entry of data.entries) {
    if (group[0] && group[0].key !== entry.key) flush();
    group.push(entry);
  }
  flush();
  // Each reservation holds exactly the grants it held when saved: drawing again could pick other grants.
  const holdExactly = exactReservations.get(journal) ?? ((r: Reservation) => journal.reserve(r));
  for (const r of data.reservations) holdExactly(r);
  journal.updateSettings({ autoApply: data.settings.autoApply });
  return journal;
}
