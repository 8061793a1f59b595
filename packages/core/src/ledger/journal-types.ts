/**
 * The journal's shapes: what it takes and answers, and the `Journal`
 * interface itself (types only; the implementation is journal.ts).
 */
import type { OrgSettings } from "../settings.js";
import type { AccountSnapshot, Reservation } from "./account-state.js";
import type { AccountRecord, LedgerEntry } from "./entries.js";
import type { FeeBalance, FeesOwed } from "./holds.js";

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
  /** The settlement making it (any token unique to that call): only it may release it while it runs. Memory only, never saved. */
  readonly owner?: string;
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
  /**
   * What `feeIds` of the account owe now, as settlement reads it, straight
   * from the balances (no snapshot is built). Throws `unknown-account`,
   * `unknown-fee`, or `fee-reserved` for a fee held by a reservation other
   * than `key`'s.
   */
  feesOwed(accountId: string, feeIds: readonly string[], key: string): FeesOwed;
  /** Each fee of the account in posting order, with its category and what it still owes (no snapshot is built). */
  feeBalances(accountId: string): readonly FeeBalance[];
  /** Every entry in the order written. */
  entries(): readonly LedgerEntry[];
  entriesOf(accountId: string): readonly LedgerEntry[];
  /** The entries written under `key`, or undefined when it was never committed. */
  committed(key: string): readonly LedgerEntry[] | undefined;
  /**
   * Appends `entries` (all carrying `key`) atomically, then sweeps the touched
   * accounts when auto-apply is on and a fee or credit was posted. The same
   * key with the same entries again writes nothing; with other entries it
   * throws `idempotency-conflict`. Releases the reservation held under `key`:
   * while a settlement owns that reservation only it may commit under the key
   * (`owner`), anyone else is refused (`settlement-in-progress`) — its charge
   * may be in flight, and a payment written meanwhile would pay the fees twice.
   */
  commit(key: string, entries: readonly LedgerEntry[], owner?: string): CommitResult;
  /**
   * Holds fees and up to `credit` of credit for a settlement. A key that
   * holds one already is refused (`settlement-in-progress`): an existing
   * reservation is never handed out as if new (see `claim`).
   */
  reserve(request: ReserveRequest): Reservation;
  /**
   * Takes over the reservation kept under `key` (an unknown charge's) for
   * `owner`, to reconcile it; undefined when none is held. Throws
   * `settlement-in-progress` while another settlement owns it.
   */
  claim(key: string, owner: string): Reservation | undefined;
  /** `owner` leaves the reservation under `key` held for a later claim. */
  disown(key: string, owner: string): void;
  /**
   * Drops the reservation under `key`. With `owner`, only the settlement that
   * owns it may (`settlement-in-progress` otherwise); without, always (a
   * replayed release, an administrator).
   */
  release(key: string, owner?: string): void;
  reservation(key: string): Reservation | undefined;
  reservations(): readonly Reservation[];
  subscribe(listener: (change: JournalChange) => void): () => void;
  toData(): JournalData;
}

export interface JournalOptions {
  readonly currency: string;
  readonly settings?: Partial<OrgSettings>;
}
