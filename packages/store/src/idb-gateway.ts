/**
 * The stored gateway in IndexedDB (schema version 2): a record per charge
 * keyed by its idempotency key (`gatewayCharges`, indexed by the order
 * stored), a record per account with a card (`gatewayCards`) and per account
 * with a script left (`gatewayScripts`), and a small head (attempts, the next
 * charge's order) in `values` under "gateway". A change writes only its own
 * records, in one short transaction that never overlaps the ledger's.
 * Version 1 kept the whole state as one value; the upgrade spreads it over
 * these stores. Version 3 adds the idempotency memory (`gatewayKeys`, a
 * record per key: the last attempt's intent) and keys new charges by their
 * charge id, so every real charge is kept as evidence; a version-2 charge,
 * keyed by its idempotency key, still answers for its key.
 */
import type { SimulatedCharge, SimulatedOutcome } from "@creditkit/core";
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, unwrap } from "idb";
import { type ChargeClaim, type ClaimAnswer, decideClaim, type GatewayDelta, type GatewayState, type KeyRecord } from "./stored-gateway.js";

/** A charge as stored: its order among the stored charges beside it. */
type StoredCharge = SimulatedCharge & { readonly n: number };

/** The gateway's head: attempts so far and the next charge's order. */
interface GatewayHead {
  readonly attempts: number;
  readonly next: number;
}

export interface GatewaySchema extends DBSchema {
  gatewayCharges: { key: string; value: StoredCharge; indexes: { order: number } };
  gatewayCards: { key: string; value: true };
  gatewayScripts: { key: string; value: SimulatedOutcome[] };
  gatewayKeys: { key: string; value: KeyRecord };
  values: { key: string; value: unknown };
}

const HEAD = "gateway";
const STORES = ["gatewayCharges", "gatewayCards", "gatewayScripts", "values"] as const;
const CLAIM_STORES = ["gatewayKeys", ...STORES] as const;

/** Version 3: the idempotency memory. */
export function upgradeGatewayKeys(db: IDBDatabase): void {
  db.createObjectStore("gatewayKeys");
}

/** Runs the synchronous requests `issue` makes; if one throws, the transaction is aborted (nothing written) and the error rethrown. */
export async function issueOrAbort(tx: IDBTransaction, issue: () => void, done: Promise<void>): Promise<void> {
  try {
    issue();
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    await done.catch(() => undefined);
    throw error;
  }
  await done;
}

/** Creates the gateway's stores (in the upgrade's transaction); from version 1, moves its one stored value into them. */
export function upgradeGateway(db: IDBDatabase, tx: IDBTransaction, oldVersion: number): void {
  const charges = db.createObjectStore("gatewayCharges");
  charges.createIndex("order", "n");
  const cards = db.createObjectStore("gatewayCards");
  const scripts = db.createObjectStore("gatewayScripts");
  if (oldVersion < 1) return;
  const values = tx.objectStore("values");
  const read = values.get(HEAD);
  read.onsuccess = () => {
    const old = read.result as Partial<GatewayState> | undefined;
    values.delete(HEAD);
    if (!old || typeof old !== "object") return;
    // Whatever does not look like what version 1 wrote is dropped rather than carried over.
    const seen = new Set<string>();
    let next = 0;
    for (const c of Array.isArray(old.charges) ? old.charges : []) {
      if (typeof c?.idempotencyKey !== "string" || seen.has(c.idempotencyKey)) continue;
      seen.add(c.idempotencyKey);
      charges.put({ ...c, n: next++ }, c.idempotencyKey);
    }
    for (const id of Array.isArray(old.cards) ? old.cards : []) if (typeof id === "string") cards.put(true, id);
    const oldScripts = old.scripts && typeof old.scripts === "object" ? Object.entries(old.scripts) : [];
    for (const [id, outcomes] of oldScripts) if (Array.isArray(outcomes) && outcomes.length > 0) scripts.put([...outcomes], id);
    const head: GatewayHead = { attempts: typeof old.attempts === "number" ? old.attempts : 0, next };
    values.put(head, HEAD);
  };
}

/** The whole stored gateway, charges in the order stored (read once when a connection opens). */
export async function readGateway(db: IDBPDatabase<GatewaySchema>): Promise<GatewayState> {
  const tx = db.transaction(STORES, "readonly");
  const [charges, cards, scriptIds, scriptLists, head] = await Promise.all([
    tx.objectStore("gatewayCharges").index("order").getAll(),
    tx.objectStore("gatewayCards").getAllKeys(),
    tx.objectStore("gatewayScripts").getAllKeys(),
    tx.objectStore("gatewayScripts").getAll(),
    tx.objectStore("values").get(HEAD) as Promise<GatewayHead | undefined>,
  ]);
  await tx.done;
  return {
    cards,
    scripts: Object.fromEntries(scriptIds.map((id, i) => [id, scriptLists[i] ?? []])),
    charges: charges.map(({ n: _, ...charge }) => charge),
    attempts: head?.attempts ?? 0,
  };
}

type GatewayTx = IDBPTransaction<GatewaySchema, ("gatewayKeys" | (typeof STORES)[number])[], "readwrite">;

const headOf = async (tx: GatewayTx): Promise<GatewayHead> =>
  ((await tx.objectStore("values").get(HEAD)) as GatewayHead | undefined) ?? { attempts: 0, next: 0 };

/** Stores a change to cards and scripts (and attempts) in one transaction; charges are only ever written by `claimCharge`. */
export async function writeGateway(db: IDBPDatabase<GatewaySchema>, delta: GatewayDelta): Promise<void> {
  const tx = db.transaction(STORES, "readwrite") as unknown as GatewayTx;
  const head = await headOf(tx);
  await issueOrAbort(
    unwrap(tx),
    () => {
      const cards = unwrap(tx.objectStore("gatewayCards"));
      for (const id of delta.addCards ?? []) cards.put(true, id);
      for (const id of delta.removeCards ?? []) cards.delete(id);
      const scripts = unwrap(tx.objectStore("gatewayScripts"));
      for (const [id, outcomes] of Object.entries(delta.scripts ?? {})) {
        if (outcomes.length > 0) scripts.put([...outcomes], id);
        else scripts.delete(id);
      }
      unwrap(tx.objectStore("values")).put({ ...head, attempts: head.attempts + (delta.attempts ?? 0) }, HEAD);
    },
    tx.done,
  );
}

/** A version-2 charge, stored under its idempotency key, as the key's record. */
const legacyRecord = (c: StoredCharge): KeyRecord => ({
  accountId: c.accountId,
  amount: c.amount,
  currency: c.currency,
  outcome: "succeed",
  chargeId: c.chargeId,
  answered: true,
});

/** Claims an attempt in one transaction (see `StoreBackend.claimCharge`). */
export async function claimGatewayCharge(db: IDBPDatabase<GatewaySchema>, claim: ChargeClaim): Promise<ClaimAnswer> {
  const key = claim.request.idempotencyKey;
  const account = claim.request.accountId;
  const tx = db.transaction(CLAIM_STORES, "readwrite") as unknown as GatewayTx;
  const [stored, legacy, card, script, head] = await Promise.all([
    tx.objectStore("gatewayKeys").get(key),
    tx.objectStore("gatewayCharges").get(key),
    tx.objectStore("gatewayCards").getKey(account),
    tx.objectStore("gatewayScripts").get(account),
    headOf(tx),
  ]);
  const { answer, record } = decideClaim(claim, stored ?? (legacy ? legacyRecord(legacy) : undefined), card !== undefined, script);
  await issueOrAbort(
    unwrap(tx),
    () => {
      let next = head.next;
      if (record) unwrap(tx.objectStore("gatewayKeys")).put(record, key);
      if (answer.kind === "attempt" && answer.charge)
        unwrap(tx.objectStore("gatewayCharges")).put({ ...answer.charge, n: next++ }, answer.charge.chargeId);
      if (answer.kind === "attempt" && answer.script) {
        const scripts = unwrap(tx.objectStore("gatewayScripts"));
        if (answer.script.length > 0) scripts.put([...answer.script], account);
        else scripts.delete(account);
      }
      unwrap(tx.objectStore("values")).put({ attempts: head.attempts + 1, next }, HEAD);
    },
    tx.done,
  );
  return answer;
}

/** Marks a key's intent answered. */
export async function answerGatewayCharge(db: IDBPDatabase<GatewaySchema>, key: string): Promise<void> {
  const tx = db.transaction("gatewayKeys", "readwrite");
  const record = await tx.store.get(key);
  await issueOrAbort(
    unwrap(tx),
    () => {
      if (record && !record.answered) unwrap(tx.store).put({ ...record, answered: true }, key);
    },
    tx.done,
  );
}
