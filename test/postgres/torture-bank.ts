/**
 * The torture test's card processor and its hostile front (issue #14,
 * Proof): an honest bank that keeps its answers in a table of the test's own
 * (`torture_bank`), one row per idempotency key, so every process of the test
 * sees the same charges; and a hostile gateway in front of it that throws,
 * rejects after charging, never answers, answers garbage or too late — the
 * shapes of test/core/settlement/fault-suite.test.ts.
 *
 * The bank answers a key as a real processor does: the first answer is final
 * (a key that charged answers with its charge, a key that was declined or
 * failed without charging stays so), so a decline never hides a charge that
 * another process's call made under the same key.
 */
import type { ChargeOutcome, ChargeRequest, PaymentGateway } from "@creditkit/core";
import type { Db } from "../../packages/postgres/src/index.js";

/** The test's own tables: the bank's answers and every batch a worker settled (the honest pass re-runs them). */
export const TORTURE_TABLES = `
CREATE TABLE IF NOT EXISTS torture_bank (
  org_id text NOT NULL,
  key text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('charged', 'declined', 'failed')),
  charge_id text UNIQUE,
  account_id text NOT NULL,
  amount numeric NOT NULL CHECK (amount > 0),
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, key),
  CHECK ((outcome = 'charged') = (charge_id IS NOT NULL))
);
CREATE TABLE IF NOT EXISTS torture_batches (
  org_id text NOT NULL,
  batch_id text NOT NULL,
  worker text NOT NULL,
  request jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, batch_id)
);`;

type Final = "charged" | "declined" | "failed";

/** Amount strings as whole cents (the test's currency has two decimals). */
export function cents(amount: string): number {
  const negative = amount.startsWith("-");
  const [whole = "0", part = ""] = (negative ? amount.slice(1) : amount).split(".");
  const value = Number(whole) * 100 + Number(`${part}00`.slice(0, 2));
  return negative ? -value : value;
}

export const money = (c: number) => `${c < 0 ? "-" : ""}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, "0")}`;

export interface Bank extends PaymentGateway {
  /** Answers `request` with the key's final answer, making it `wanted` when the key has none yet. */
  decide(request: ChargeRequest, wanted: Final): Promise<ChargeOutcome>;
}

/** The honest bank of organisation `orgId` (a superuser connection: the table has no row-level security). */
export function tableBank(db: Db, orgId: string): Bank {
  const decide = async (request: ChargeRequest, wanted: Final): Promise<ChargeOutcome> => {
    const key = request.idempotencyKey;
    await db.query(
      `INSERT INTO torture_bank (org_id, key, outcome, charge_id, account_id, amount)
       VALUES ($1, $2, $3, CASE WHEN $3 = 'charged' THEN 'ch_' || md5($1 || '/' || $2) END, $4, $5::numeric)
       ON CONFLICT (org_id, key) DO NOTHING`,
      [orgId, key, wanted, request.accountId, request.amount],
    );
    const [row] = await db.query<{ outcome: Final; charge_id: string | null; account_id: string; amount: string }>(
      "SELECT outcome, charge_id, account_id, amount::text AS amount FROM torture_bank WHERE org_id = $1 AND key = $2",
      [orgId, key],
    );
    if (!row) return { status: "error", message: "bank lost its row" };
    if (row.outcome === "declined") return { status: "declined", reason: "Do not honour." };
    if (row.outcome === "failed") return { status: "error", message: "processor unavailable", notCharged: true };
    if (row.account_id !== request.accountId || cents(row.amount) !== cents(request.amount)) {
      return { status: "error", message: `Key ${key} was charged ${row.amount}, not ${request.amount}.` };
    }
    return { status: "succeeded", chargeId: row.charge_id as string };
  };
  return { decide, charge: (request) => decide(request, "charged") };
}

const never = () => new Promise<ChargeOutcome>(() => undefined);
const later = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));
const GARBAGE: readonly unknown[] = [null, undefined, {}, "ok", 42, { status: "succeeded" }, { status: "declined" }, { status: "paid" }];

type Misbehaviour = (bank: Bank, request: ChargeRequest, rng: () => number, timeoutMs: number) => unknown;

/** How the hostile gateway misbehaves on the calls it picks (the rest go to the bank honestly). */
export const MISBEHAVIOURS: Readonly<Record<string, Misbehaviour>> = {
  throws: () => {
    throw new Error("gateway exploded");
  },
  "rejects-before-charging": () => Promise.reject(new Error("connection refused")),
  "rejects-after-charging": async (bank, r) => {
    await bank.charge(r);
    throw new Error("connection reset");
  },
  "never-answers": async (bank, r, rng) => {
    if (rng() < 0.5) await bank.charge(r);
    return never();
  },
  "answers-twice": (bank, r) => {
    const truth = bank.charge(r);
    return {
      // biome-ignore lint/suspicious/noThenProperty: a thenable that answers twice is the misbehaviour under test
      then(resolve: (o: unknown) => void, reject: (e: unknown) => void) {
        truth.then((t) => {
          resolve(t);
          resolve({ status: t.status === "succeeded" ? "declined" : "succeeded", chargeId: "ch_forged", reason: "x" });
          reject(new Error("and a rejection too"));
        }, reject);
      },
    };
  },
  "answers-garbage": async (bank, r, rng) => {
    await bank.charge(r);
    return GARBAGE[Math.floor(rng() * GARBAGE.length)];
  },
  "answers-late": async (bank, r, rng, timeoutMs) => later(timeoutMs + Math.floor(rng() * 20), await bank.charge(r)),
  declines: (bank, r) => bank.decide(r, "declined"),
  "fails-without-charging": (bank, r) => bank.decide(r, "failed"),
};

const KINDS = Object.keys(MISBEHAVIOURS);

/** A gateway that misbehaves on `share` of the calls (a kind picked at random), counting each call by kind. */
export function hostileGateway(
  bank: Bank,
  rng: () => number,
  timeoutMs: number,
  count: (kind: string) => void,
  share = 0.5,
): PaymentGateway {
  return {
    charge(request) {
      if (rng() >= share) {
        count("honest");
        return bank.charge(request);
      }
      const kind = KINDS[Math.floor(rng() * KINDS.length)] as string;
      count(kind);
      return (MISBEHAVIOURS[kind] as Misbehaviour)(bank, request, rng, timeoutMs) as Promise<ChargeOutcome>;
    },
  };
}

/** mulberry32: a small seeded generator, so a failure can be run again as it was. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
