/**
 * The storage a data source persists to (internal port): the append-only log,
 * a few stored values, the saved runs, locks between tabs, and messages to
 * the other connections. Two implementations: in memory (Node, tests,
 * Storybook) and IndexedDB (the browser).
 */
import type { RunRequestEssentials, RunSummary } from "@creditkit/core";
import type { CatchUp, Cursor, LogRecord } from "./log.js";
import type { GatewayDelta, GatewayState } from "./stored-gateway.js";

/** What a connection reads when it opens. */
export interface LoadedLog {
  readonly currency: string;
  readonly records: readonly LogRecord[];
  readonly cursor: Cursor;
}

/** A message to the other connections of the same store. */
export type StoreSignal =
  | { readonly kind: "log"; readonly cursor: Cursor }
  | { readonly kind: "runs" }
  /** The gateway changed: what changed (applied as is), or nothing (load it all again). */
  | { readonly kind: "gateway"; readonly delta?: GatewayDelta }
  | { readonly kind: "data-set" };

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

  /** The stored gateway: its cards, remaining scripts, charges (in the order stored) and attempt count. */
  getGateway(): Promise<GatewayState>;
  /**
   * Stores one gateway change in one transaction, touching only its records:
   * each charge under its idempotency key (a stored key keeps its first
   * charge), each account's card and script, the attempt count.
   */
  putGateway(delta: GatewayDelta): Promise<void>;

  /** Saves a long list of a run's (its posts, its credits) in parts, each in its own short transaction. */
  putRunParts(runId: string, kind: RunPartKind, parts: readonly (readonly unknown[])[]): Promise<void>;
  /** The parts saved by `putRunParts`, joined. */
  getRunParts(runId: string, kind: RunPartKind, count: number): Promise<unknown[]>;
  /** Saves a run's head (status, record without its credits). */
  putRun(run: SavedRun): Promise<void>;
  getRun(runId: string): Promise<SavedRun | undefined>;
  listRuns(): Promise<SavedRun[]>;

  /** Runs `work` holding the named lock, shared with every connection of this store (other tabs too). */
  withLock<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Tells the other connections (not this one) about a change. */
  signal(message: StoreSignal): void;
  /** Listens to the other connections' signals. */
  onSignal(listener: (message: StoreSignal) => void): () => void;
  close(): void;
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
