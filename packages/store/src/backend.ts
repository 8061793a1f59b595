/**
 * The storage a data source persists to (internal port): the append-only log,
 * a few stored values, the saved runs, locks between tabs, and messages to
 * the other connections. Two implementations: in memory (Node, tests,
 * Storybook) and IndexedDB (the browser).
 */
import type { RunRequestEssentials, RunSummary } from "@creditkit/core";
import type { CatchUp, Cursor, LogRecord } from "./log.js";
import type { ChargeClaim, ClaimAnswer, GatewayDelta, GatewayState } from "./stored-gateway.js";

/** What a connection reads when it opens. */
export interface LoadedLog {
  readonly currency: string;
  readonly records: readonly LogRecord[];
  /** The key (sequence number) of the first record; the others follow it, unless `keys` gives each one's. */
  readonly first: number;
  readonly keys?: readonly number[];
  /** Keys of records that could not be read back at all. */
  readonly unreadable?: readonly number[];
  readonly cursor: Cursor;
}

/** A message to the other connections of the same store. */
export type StoreSignal =
  | { readonly kind: "log"; readonly cursor: Cursor }
  | { readonly kind: "runs" }
  /** The gateway changed: what changed (applied as is), or nothing (load it all again). */
  | { readonly kind: "gateway"; readonly delta?: GatewayDelta }
  | { readonly kind: "data-set" }
  /** Heard only by this connection's own listeners: the database was upgraded or deleted elsewhere, and this connection closed. */
  | { readonly kind: "upgraded" };

/** A lock held alone (the default) or together with other holders in "shared" mode (an exclusive request waits for them all). */
export type LockMode = "exclusive" | "shared";

/** The stored values besides the log and the gateway. */
export type ValueName = "data-set";

/** The long lists of a run, saved in parts beside its head. */
export type RunPartKind = "posts" | "credits";

/** A saved run: its summary and its plan's head (the posts, and the record's credits, are saved in parts). */
export interface SavedRun extends RunSummary {
  readonly filters: readonly string[];
  readonly request: RunRequestEssentials;
  readonly count: number;
  /** How many parts the posts were saved in. */
  readonly parts: number;
  /** How many parts the record's credits were saved in (the head's record has none). */
  readonly creditParts?: number;
}

/** A saved run with its long lists in parts, as an import writes it. */
export interface RunCopy {
  readonly run: SavedRun;
  readonly parts: Readonly<Record<RunPartKind, readonly (readonly unknown[])[]>>;
}

export interface StoreBackend {
  /**
   * Opens the log: creates it with `currency` and the first records when it
   * does not exist yet, and returns everything in it.
   */
  load(currency: string | undefined, first: readonly LogRecord[]): Promise<LoadedLog>;
  /**
   * One atomic write. Reads what other connections appended after `since`,
   * hands it to `change` (which applies it, then makes its own change and
   * returns its records), and appends those records — all in one
   * transaction, so no other connection writes in between. When `change`
   * throws, nothing is written and the error is rethrown; when the
   * transaction fails, nothing is written and a storage error is thrown.
   */
  write(since: Cursor, change: (missed: CatchUp) => readonly LogRecord[]): Promise<Cursor>;
  /** What other connections appended after `since`. */
  read(since: Cursor): Promise<CatchUp>;
  /**
   * Rows per write that suit this storage when processing a mass-credit run
   * (the data source's default): IndexedDB pays per transaction, memory per
   * object kept between collections.
   */
  readonly runChunkSize?: number;
  /**
   * Replaces the whole log with `records` and every saved run with `runs`, in
   * one transaction, as a new generation (an import).
   */
  replace(records: readonly LogRecord[], runs: readonly RunCopy[]): Promise<Cursor>;

  getValue(name: ValueName): Promise<unknown>;
  putValue(name: ValueName, value: unknown): Promise<void>;

  /** The stored gateway: its cards, remaining scripts, every real charge (in the order stored) and attempt count. */
  getGateway(): Promise<GatewayState>;
  /**
   * Stores a change to cards or scripts (and attempts) in one transaction,
   * touching only its records. Charges are never written here: only
   * `claimCharge` records them.
   */
  putGateway(delta: GatewayDelta): Promise<void>;
  /**
   * The gateway's idempotency memory, in one transaction shared by every
   * connection: reads the key's record and either answers from it (the key
   * charged before) or writes the new attempt's intent before anything is
   * charged — the account's next scripted outcome, taken from its stored
   * script, and the real charge appended as evidence when that outcome
   * charges. Counts the attempt.
   */
  claimCharge(claim: ChargeClaim): Promise<ClaimAnswer>;
  /** Marks a key's intent answered (bookkeeping: an unanswered intent is resolved from what it says). */
  answerCharge(key: string): Promise<void>;

  /** Saves a long list of a run's (its posts, its credits) in parts, each in its own short transaction. */
  putRunParts(runId: string, kind: RunPartKind, parts: readonly (readonly unknown[])[]): Promise<void>;
  /** The parts saved by `putRunParts`, joined. */
  getRunParts(runId: string, kind: RunPartKind, count: number): Promise<unknown[]>;
  /** Saves a run's head (status, record without its credits). */
  putRun(run: SavedRun): Promise<void>;
  getRun(runId: string): Promise<SavedRun | undefined>;
  listRuns(): Promise<SavedRun[]>;

  /** Runs `work` holding the named lock, shared with every connection of this store (other tabs too). */
  withLock<T>(name: string, work: () => Promise<T>, mode?: LockMode): Promise<T>;
  /** Tells the other connections (not this one) about a change. */
  signal(message: StoreSignal): void;
  /** Listens to the other connections' signals. */
  onSignal(listener: (message: StoreSignal) => void): () => void;
  close(): void;
}

/**
 * Named locks with shared and exclusive holders, within one page (the
 * memory store's, and IndexedDB's when the browser has no Web Locks).
 * Requests are granted in order: an exclusive one waits for the holders
 * before it, and the requests after it wait for it.
 */
export function lockTable(): <T>(name: string, work: () => Promise<T>, mode?: LockMode) => Promise<T> {
  /** Per name: the last exclusive request's end, and the shared holders since it. */
  const tails = new Map<string, { exclusive: Promise<unknown>; shared: Promise<unknown>[] }>();
  return <T>(name: string, work: () => Promise<T>, mode: LockMode = "exclusive"): Promise<T> => {
    let tail = tails.get(name);
    if (!tail) {
      tail = { exclusive: Promise.resolve(), shared: [] };
      tails.set(name, tail);
    }
    const settled = (p: Promise<unknown>) => p.catch(() => undefined);
    if (mode === "shared") {
      const run = tail.exclusive.then(work, work);
      tail.shared.push(settled(run));
      return run;
    }
    const before = Promise.all([tail.exclusive, ...tail.shared]);
    const run = before.then(work, work);
    tail.exclusive = settled(run);
    tail.shared = [];
    return run;
  };
}

/** A serial queue: each task starts when the one before it has settled. */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
