/**
 * The in-memory storage: one shared log that any number of connections open,
 * like tabs over one IndexedDB database. No browser globals: runs in Node.
 */
import { CreditKitError, type SimulatedCharge, type SimulatedOutcome } from "@creditkit/core";
import type { SavedRun, StoreBackend, StoreSignal, ValueName } from "./backend.js";
import { lockTable } from "./backend.js";
import { frozen } from "./frozen.js";
import type { CatchUp, Cursor, LogRecord } from "./log.js";
import { decideClaim, type GatewayState, type KeyRecord } from "./stored-gateway.js";

/** A ledger kept in memory that several data sources can share (each one a "connection", as two tabs share a database). */
export interface MemoryStore {
  /** Opens a new connection to this store. */
  connect(): StoreBackend;
}

/**
 * The log and the stored values are kept deep-frozen (`frozen`): what is
 * frozen already — the journal's committed entries, a data set the data
 * source froze — is kept as given, anything else is copied once. Frozen data
 * is handed out as is (reads, catch-ups); no one can change it through a
 * reference they passed in or got back. Run heads are small and copied.
 */
const copy = <T>(value: T): T => (value === undefined ? value : structuredClone(value));

/** Makes an empty in-memory store. */
export function createMemoryStore(): MemoryStore {
  let currency: string | undefined;
  let epoch = "m1";
  let log: LogRecord[] = [];
  const values = new Map<ValueName, unknown>();
  /** The gateway in its own key spaces: every real charge (in the order stored), a record per idempotency key, a card and a script per account. */
  const gateway = {
    charges: [] as SimulatedCharge[],
    keys: new Map<string, KeyRecord>(),
    cards: new Set<string>(),
    scripts: new Map<string, readonly SimulatedOutcome[]>(),
    attempts: 0,
  };
  const runs = new Map<string, SavedRun>();
  const parts = new Map<string, (readonly unknown[])[]>();
  const locks = lockTable();
  const connections = new Set<(message: StoreSignal) => void>();

  const since = (cursor: Cursor): CatchUp => {
    const cursorNow = { epoch, seq: log.length };
    if (cursor.epoch !== epoch) return { reset: true, records: log, cursor: cursorNow };
    return { reset: false, records: log.slice(cursor.seq), cursor: cursorNow };
  };

  return {
    connect(): StoreBackend {
      let closed = false;
      const listeners = new Set<(message: StoreSignal) => void>();
      const deliver = (message: StoreSignal) => {
        if (closed) return;
        for (const listener of listeners) listener(message);
      };
      connections.add(deliver);
      const open = () => {
        if (closed) throw new CreditKitError("storage-unavailable", { reason: "closed" });
      };
      return {
        async load(wanted, first) {
          open();
          if (currency === undefined) {
            if (wanted === undefined) throw new CreditKitError("invalid-input", { field: "currency", reason: "store-currency" });
            currency = wanted;
            for (const record of first) log.push(frozen(record));
          }
          return { currency, records: log, first: 1, cursor: { epoch, seq: log.length } };
        },
        async write(cursor, change) {
          open();
          const records = change(since(cursor));
          const kept = records.map(frozen);
          for (const record of kept) log.push(record);
          return { epoch, seq: log.length };
        },
        async read(cursor) {
          open();
          return since(cursor);
        },
        async replace(records, copies) {
          open();
          epoch = `m${Number(epoch.slice(1)) + 1}`;
          log = records.map(frozen);
          runs.clear();
          parts.clear();
          for (const { run, parts: lists } of copies) {
            runs.set(run.runId, copy(run));
            for (const kind of ["posts", "credits"] as const) parts.set(`${run.runId}\u0000${kind}`, [...lists[kind]]);
          }
          return { epoch, seq: log.length };
        },
        async getValue(name) {
          open();
          return values.get(name);
        },
        async putValue(name, value) {
          open();
          values.set(name, frozen(value));
        },
        async getGateway(): Promise<GatewayState> {
          open();
          return {
            cards: [...gateway.cards],
            scripts: Object.fromEntries([...gateway.scripts].map(([id, outcomes]) => [id, [...outcomes]])),
            charges: gateway.charges.map((c) => ({ ...c })),
            attempts: gateway.attempts,
          };
        },
        async putGateway(delta) {
          open();
          gateway.attempts += delta.attempts ?? 0;
          for (const id of delta.addCards ?? []) gateway.cards.add(id);
          for (const id of delta.removeCards ?? []) gateway.cards.delete(id);
          for (const [id, outcomes] of Object.entries(delta.scripts ?? {})) {
            if (outcomes.length > 0) gateway.scripts.set(id, [...outcomes]);
            else gateway.scripts.delete(id);
          }
        },
        async claimCharge(claim) {
          open();
          const key = claim.request.idempotencyKey;
          const account = claim.request.accountId;
          const { answer, record } = decideClaim(claim, gateway.keys.get(key), gateway.cards.has(account), gateway.scripts.get(account));
          if (record) gateway.keys.set(key, record);
          if (answer.kind === "attempt" && answer.charge) gateway.charges.push({ ...answer.charge });
          if (answer.kind === "attempt" && answer.script) {
            if (answer.script.length > 0) gateway.scripts.set(account, [...answer.script]);
            else gateway.scripts.delete(account);
          }
          gateway.attempts += 1;
          return answer;
        },
        async answerCharge(key) {
          open();
          const record = gateway.keys.get(key);
          if (record && !record.answered) gateway.keys.set(key, { ...record, answered: true });
        },
        async putRunParts(runId, kind, list) {
          open();
          // Posts and credits are immutable plain data: kept as given, not cloned (they can be 100,000 long).
          parts.set(`${runId}\u0000${kind}`, [...list]);
        },
        async getRunParts(runId, kind) {
          open();
          return (parts.get(`${runId}\u0000${kind}`) ?? []).flat();
        },
        async putRun(run) {
          open();
          runs.set(run.runId, copy(run));
        },
        async getRun(runId) {
          open();
          return copy(runs.get(runId));
        },
        async listRuns() {
          open();
          return copy([...runs.values()]);
        },
        withLock(name, work, mode) {
          return locks(name, work, mode);
        },
        signal(message) {
          for (const other of connections) {
            if (other !== deliver) setTimeout(() => other(message), 0);
          }
        },
        onSignal(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        close() {
          closed = true;
          connections.delete(deliver);
        },
      };
    },
  };
}
