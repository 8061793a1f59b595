/**
 * The stored gateway in IndexedDB (schema version 2): a record per charge
 * keyed by its idempotency key (`gatewayCharges`, indexed by the order
 * stored), a record per account with a card (`gatewayCards`) and per account
 * with a script left (`gatewayScripts`), and a small head (attempts, the next
 * charge's order) in `values` under "gateway". A change writes only its own
 * records, in one short transaction that never overlaps the ledger's.
 * Version 1 kept the whole state as one value; the upgrade spreads it over
 * these stores.
 */
import type { SimulatedCharge, SimulatedOutcome } from "@creditkit/core";
import { type DBSchema, type IDBPDatabase, unwrap } from "idb";
import type { GatewayDelta, GatewayState } from "./stored-gateway.js";

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
  values: { key: string; value: unknown };
}

const HEAD = "gateway";
const STORES = ["gatewayCharges", "gatewayCards", "gatewayScripts", "values"] as const;

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

/** Stores one change in one transaction: its charges (a stored key keeps its first), cards, scripts and the head. */
export async function writeGateway(db: IDBPDatabase<GatewaySchema>, delta: GatewayDelta): Promise<void> {
  const tx = db.transaction(STORES, "readwrite");
  const head = ((await tx.objectStore("values").get(HEAD)) as GatewayHead | undefined) ?? { attempts: 0, next: 0 };
  let next = head.next;
  const charges = tx.objectStore("gatewayCharges");
  for (const c of delta.charges ?? []) {
    if ((await charges.getKey(c.idempotencyKey)) === undefined) unwrap(charges).put({ ...c, n: next++ }, c.idempotencyKey);
  }
  const cards = unwrap(tx.objectStore("gatewayCards"));
  for (const id of delta.addCards ?? []) cards.put(true, id);
  for (const id of delta.removeCards ?? []) cards.delete(id);
  const scripts = unwrap(tx.objectStore("gatewayScripts"));
  for (const [id, outcomes] of Object.entries(delta.scripts ?? {})) {
    if (outcomes.length > 0) scripts.put([...outcomes], id);
    else scripts.delete(id);
  }
  const changed: GatewayHead = { attempts: head.attempts + (delta.attempts ?? 0), next };
  unwrap(tx.objectStore("values")).put(changed, HEAD);
  await tx.done;
}
