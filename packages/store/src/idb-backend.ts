/**
 * The IndexedDB storage (via `idb`): the log in one object store keyed by
 * sequence number, written one transaction per change; locks through Web
 * Locks; change signals through a BroadcastChannel. The only module that
 * touches browser globals.
 */
import { CreditKitError } from "@creditkit/core";
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames, unwrap, wrap } from "idb";
import { type LoadedLog, type LockMode, lockTable, type SavedRun, type StoreBackend, type StoreSignal, type ValueName } from "./backend.js";
import {
  answerGatewayCharge,
  claimGatewayCharge,
  type GatewaySchema,
  issueOrAbort,
  readGateway,
  upgradeGateway,
  upgradeGatewayKeys,
  writeGateway,
} from "./idb-gateway.js";
import { type CatchUp, type Cursor, LogDivergence, type LogRecord } from "./log.js";

/**
 * 2: the gateway in its own stores, a record per charge, card and script (1 kept it as one value).
 * 3: the gateway's idempotency memory (a record per key, written before the charge).
 */
export const VERSION = 3;

interface Meta {
  readonly currency: string;
  readonly epoch: string;
  /** The last log key used; keys are never used twice (an import appends its generation after it). */
  readonly seq: number;
  /** The key before the generation's first record (0 until an import). */
  readonly base?: number;
}

interface StoreSchema extends DBSchema, GatewaySchema {
  meta: { key: "state"; value: Meta };
  log: { key: number; value: LogRecord };
  /** `ValueName`s, and the gateway's head. */
  values: { key: string; value: unknown };
  runs: { key: string; value: SavedRun };
  runParts: { key: [string, string, number]; value: unknown[] };
}

/** How to reach IndexedDB. */
export interface IndexedDbBackendOptions {
  /** The database's name (one ledger per name). */
  readonly name: string;
  /** The IndexedDB factory; default the page's `indexedDB`. `null` behaves as a browser without IndexedDB. */
  readonly indexedDB?: IDBFactory | null;
  /** Called with every ledger write transaction just before it commits (tests and diagnostics: aborting it fails the write). */
  readonly onWrite?: (transaction: IDBTransaction) => void;
}

const newEpoch = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The typed error for a failed storage operation (CreditKitErrors and log divergences pass through). */
export function storageError(error: unknown): unknown {
  if (error instanceof CreditKitError || error instanceof LogDivergence) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const cause = typeof name === "string" ? name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  if (cause === "QuotaExceededError") return new CreditKitError("storage-quota", { cause, message });
  if (cause === "AbortError") return new CreditKitError("storage-unavailable", { cause, message, reason: "write-aborted" });
  return new CreditKitError("storage-unavailable", { cause, message });
}

/** Page-wide locks for browsers without Web Locks (then only this page is covered; the idempotency keys still hold). */
const pageLocks = lockTable();

interface LockManagerLike {
  request<T>(name: string, options: { mode: LockMode }, callback: () => Promise<T>): Promise<T>;
}

function openRaw(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, VERSION);
    } catch (error) {
      reject(storageError(error));
      return;
    }
    let blocked = false;
    request.onupgradeneeded = (event) => {
      const db = request.result;
      if (event.oldVersion < 1) {
        db.createObjectStore("meta");
        db.createObjectStore("log");
        db.createObjectStore("values");
        db.createObjectStore("runs", { keyPath: "runId" });
        db.createObjectStore("runParts");
      }
      if (event.oldVersion < 2) upgradeGateway(db, request.transaction as IDBTransaction, event.oldVersion);
      if (event.oldVersion < 3) upgradeGatewayKeys(db);
    };
    request.onblocked = () => {
      blocked = true;
      reject(new CreditKitError("storage-blocked", { name }));
    };
    request.onerror = () => reject(storageError(request.error));
    request.onsuccess = () => {
      if (blocked) request.result.close();
      else resolve(request.result);
    };
  });
}

/** Opens (creating when new) the database and returns the storage over it. */
export async function openIndexedDbBackend(options: IndexedDbBackendOptions): Promise<StoreBackend> {
  const factory = options.indexedDB === undefined ? (globalThis as { indexedDB?: IDBFactory }).indexedDB : options.indexedDB;
  if (!factory) throw new CreditKitError("storage-unavailable", { reason: "no-indexeddb" });
  const raw = await openRaw(factory, options.name);
  const db: IDBPDatabase<StoreSchema> = wrap(raw) as unknown as IDBPDatabase<StoreSchema>;
  let closed = false;
  const listeners = new Set<(message: StoreSignal) => void>();
  const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(`creditkit:${options.name}`) : undefined;
  raw.onversionchange = () => {
    // Another tab upgrades or deletes the database: let it, and tell this connection's data source, which stops serving reads.
    closed = true;
    raw.close();
    channel?.close();
    for (const listener of listeners) listener({ kind: "upgraded" });
  };
  if (channel) {
    channel.onmessage = (event: MessageEvent<StoreSignal>) => {
      for (const listener of listeners) listener(event.data);
    };
  }
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;

  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    if (closed) throw new CreditKitError("storage-unavailable", { reason: "closed" });
    try {
      return await work();
    } catch (error) {
      throw storageError(error);
    }
  };
  type LogTx = IDBPTransaction<StoreSchema, ("meta" | "log")[], IDBTransactionMode>;
  const missedIn = async (tx: LogTx, since: Cursor): Promise<{ meta: Meta; missed: CatchUp }> => {
    const meta = (await tx.objectStore("meta").get("state")) as Meta;
    const cursor = { epoch: meta.epoch, seq: meta.seq };
    if (meta.epoch !== since.epoch) return { meta, missed: { reset: true, records: await tx.objectStore("log").getAll(), cursor } };
    if (meta.seq <= since.seq) return { meta, missed: { reset: false, records: [], cursor } };
    const records = await tx.objectStore("log").getAll(IDBKeyRange.bound(since.seq + 1, meta.seq));
    return { meta, missed: { reset: false, records, cursor } };
  };
  const valueTx = <N extends StoreNames<StoreSchema>>(store: N, mode: IDBTransactionMode) => db.transaction(store, mode);
  const gatewayDb = db as unknown as IDBPDatabase<GatewaySchema>;
  /** Issues synchronous requests; if one throws, aborts the transaction (nothing it issued is written) and rethrows. */
  const issueSync = (tx: LogTx, issue: () => void) => {
    try {
      issue();
    } catch (error) {
      tx.abort();
      tx.done.catch(() => undefined);
      throw error;
    }
  };
  /**
   * The whole log one record at a time, each in its own transaction (after
   * reading it all at once failed): the records that read, their keys, and
   * the keys of those that do not.
   */
  const readOneByOne = async () => {
    const meta = (await db.get("meta", "state")) as Meta;
    const records: LogRecord[] = [];
    const keys: number[] = [];
    const unreadable: number[] = [];
    for (const key of await db.getAllKeys("log", IDBKeyRange.upperBound(meta.seq))) {
      try {
        records.push((await db.get("log", key)) as LogRecord);
        keys.push(key);
      } catch {
        unreadable.push(key);
      }
    }
    return { meta, records, keys, unreadable };
  };

  return {
    // A transaction costs more than the rows in it: fewer, larger writes (a chunk still ends well inside a task).
    runChunkSize: 250,
    load: (currency, first) =>
      guard(async () => {
        const tx = db.transaction(["meta", "log"], "readwrite");
        let meta = await tx.objectStore("meta").get("state");
        if (!meta) {
          if (currency === undefined) {
            tx.abort();
            await tx.done.catch(() => undefined);
            throw new CreditKitError("invalid-input", { field: "currency", reason: "store-currency" });
          }
          const made: Meta = { currency, epoch: newEpoch(), seq: first.length };
          meta = made;
          issueSync(tx, () => {
            const log = unwrap(tx.objectStore("log"));
            for (const [i, record] of first.entries()) log.put(record, i + 1);
            unwrap(tx.objectStore("meta")).put(made, "state");
          });
        }
        try {
          const records = await tx.objectStore("log").getAll();
          await tx.done;
          return {
            currency: meta.currency,
            records,
            first: (meta.base ?? 0) + 1,
            cursor: { epoch: meta.epoch, seq: meta.seq },
          } satisfies LoadedLog;
        } catch {
          await tx.done.catch(() => undefined);
          const read = await readOneByOne();
          const cursor = { epoch: read.meta.epoch, seq: read.meta.seq };
          return { currency: read.meta.currency, records: read.records, first: 0, keys: read.keys, unreadable: read.unreadable, cursor };
        }
      }),
    write: (since, change) =>
      guard(async () => {
        const tx = db.transaction(["meta", "log"], "readwrite");
        const { meta, missed } = await missedIn(tx, since);
        let records: readonly LogRecord[];
        try {
          records = change(missed);
        } catch (error) {
          tx.abort();
          await tx.done.catch(() => undefined);
          throw error;
        }
        let seq = meta.seq;
        await issueOrAbort(
          unwrap(tx),
          () => {
            if (records.length > 0) {
              const log = unwrap(tx.objectStore("log"));
              // add, not put: a key already used is an error, never an overwrite.
              for (const record of records) log.add(record, ++seq);
              unwrap(tx.objectStore("meta")).put({ ...meta, seq }, "state");
            }
            options.onWrite?.(unwrap(tx));
          },
          tx.done,
        );
        return { epoch: meta.epoch, seq };
      }),
    read: (since) =>
      guard(async () => {
        const tx = db.transaction(["meta", "log"], "readonly");
        const { missed } = await missedIn(tx, since);
        await tx.done;
        return missed;
      }),
    replace: (records, copies) =>
      guard(async () => {
        const tx = db.transaction(["meta", "log", "runs", "runParts"], "readwrite");
        const meta = (await tx.objectStore("meta").get("state")) as Meta;
        // The new generation goes after every key used so far: no key ever holds two records.
        const next: Meta = { currency: meta.currency, epoch: newEpoch(), seq: meta.seq + records.length, base: meta.seq };
        await issueOrAbort(
          unwrap(tx),
          () => {
            const log = unwrap(tx.objectStore("log"));
            log.clear();
            for (const [i, record] of records.entries()) log.add(record, meta.seq + i + 1);
            const runs = unwrap(tx.objectStore("runs"));
            const runParts = unwrap(tx.objectStore("runParts"));
            runs.clear();
            runParts.clear();
            for (const { run, parts } of copies) {
              runs.put(run);
              for (const kind of ["posts", "credits"] as const) {
                for (const [i, part] of parts[kind].entries()) runParts.put([...part], [run.runId, kind, i]);
              }
            }
            unwrap(tx.objectStore("meta")).put(next, "state");
            options.onWrite?.(unwrap(tx));
          },
          tx.done,
        );
        return { epoch: next.epoch, seq: next.seq } satisfies Cursor;
      }),
    getValue: (name: ValueName) => guard(() => db.get("values", name)),
    putValue: (name: ValueName, value) =>
      guard(async () => {
        const tx = valueTx("values", "readwrite");
        await issueOrAbort(unwrap(tx), () => unwrap(tx.store).put(value, name), tx.done);
      }),
    getGateway: () => guard(() => readGateway(gatewayDb)),
    putGateway: (delta) => guard(() => writeGateway(gatewayDb, delta)),
    claimCharge: (claim) => guard(() => claimGatewayCharge(gatewayDb, claim)),
    answerCharge: (key) => guard(() => answerGatewayCharge(gatewayDb, key)),
    putRunParts: (runId, kind, parts) =>
      guard(async () => {
        for (let i = 0; i < parts.length; i++) {
          const tx = valueTx("runParts", "readwrite");
          await issueOrAbort(unwrap(tx), () => unwrap(tx.store).put([...(parts[i] ?? [])], [runId, kind, i]), tx.done);
          await nextTask();
        }
      }),
    getRunParts: (runId, kind, count) =>
      guard(async () => (await db.getAll("runParts", IDBKeyRange.bound([runId, kind, 0], [runId, kind, count]))).flat()),
    putRun: (run) =>
      guard(async () => {
        const tx = valueTx("runs", "readwrite");
        await issueOrAbort(unwrap(tx), () => unwrap(tx.store).put(run), tx.done);
      }),
    getRun: (runId) => guard(() => db.get("runs", runId)),
    listRuns: () => guard(() => db.getAll("runs")),
    withLock(name, work, mode = "exclusive") {
      const full = `creditkit:${options.name}:${name}`;
      if (locks) return locks.request(full, { mode }, work);
      return pageLocks(full, work, mode);
    },
    signal(message) {
      if (!closed) channel?.postMessage(message);
    },
    onSignal(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      channel?.close();
      raw.close();
    },
  };
}
