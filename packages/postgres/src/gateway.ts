/**
 * The simulated gateway (the core's semantics, see settlement/
 * simulated-gateway.ts) with its state in the database, so settlement runs
 * on the server and any process answers for a key the same way: a card and
 * a script of outcomes per account, the intent of each idempotency key
 * (decided and written in one transaction, under the key's lock, before the
 * answer is given), and every real charge, unique per key.
 *
 * A key that charged always answers with its charge (another amount under
 * it is an error); a key whose attempt charged nothing may be tried again,
 * taking the account's next scripted outcome.
 */

import { randomUUID } from "node:crypto";
import {
  assertInput,
  type ChargeOutcome,
  type ChargeRequest,
  equals,
  type PaymentGateway,
  parseMoney,
  type SimulatedCharge,
  type SimulatedOutcome,
} from "@creditkit/core";
import { prepared, type Transaction } from "./db.js";
import { LOCK_ONE, TRY_LOCKS } from "./kept-group.js";
import { json } from "./ledger-rows.js";
import { inOrg, type OrgScope } from "./org-tx.js";
import { GROUPS, WriteQueue } from "./write-queue.js";

const OUTCOMES: ReadonlySet<string> = new Set<SimulatedOutcome>(["succeed", "decline", "error", "reject", "timeout", "timeout-no-charge"]);
const CHARGING: ReadonlySet<string> = new Set(["succeed", "timeout"]);

export interface PostgresGatewayOptions {
  /** Every account has a card on file unless removed. Default true (false: only accounts given `addCard`). */
  readonly cardsByDefault?: boolean;
  /** The outcome once an account's script is used up. Default `succeed`. */
  readonly defaultOutcome?: SimulatedOutcome;
  /** Milliseconds before each answer. Default 0. */
  readonly latencyMs?: number;
}

export interface PostgresGateway extends PaymentGateway {
  addCard(accountId: string): Promise<void>;
  removeCard(accountId: string): Promise<void>;
  /** Appends outcomes to an account's script. */
  script(accountId: string, outcomes: readonly SimulatedOutcome[]): Promise<void>;
  /** Every real charge, in the order made. */
  charges(): Promise<SimulatedCharge[]>;
}

type Decision =
  | { readonly kind: "charged"; readonly chargeId: string; readonly same: boolean }
  | { readonly kind: "attempt"; readonly outcome: SimulatedOutcome | "no-card" | "invalid"; readonly chargeId?: string };

function checkOutcomes(outcomes: readonly SimulatedOutcome[]): void {
  assertInput(Array.isArray(outcomes), "outcomes");
  for (const o of outcomes) assertInput(OUTCOMES.has(o), "outcomes", { reason: "unknown-outcome", value: String(o) });
}

function sameAmount(a: string, b: string, currency: string): boolean {
  try {
    return equals(parseMoney(a, currency, "any"), parseMoney(b, currency, "any"));
  } catch {
    return false;
  }
}

/** An account's gateway row as the group read it (its script used up as the group decides). */
interface CardState {
  readonly hasCard: boolean;
  readonly stored: boolean;
  script: SimulatedOutcome[];
  changed: boolean;
}

/** Decides one attempt (the key's intent and the account's state read under the key's lock); no I/O. */
function decideOne(
  request: ChargeRequest,
  intent: Record<string, unknown> | undefined,
  card: CardState,
  options: PostgresGatewayOptions,
): Decision {
  if (typeof intent?.charge_id === "string") {
    const same =
      intent.account_id === request.accountId &&
      intent.currency === request.currency &&
      sameAmount(String(intent.amount), request.amount, request.currency);
    return { kind: "charged", chargeId: intent.charge_id, same };
  }
  if (!card.hasCard) return { kind: "attempt", outcome: "no-card" };
  try {
    parseMoney(request.amount, request.currency, "positive");
  } catch {
    return { kind: "attempt", outcome: "invalid" };
  }
  const outcome = card.script.shift() ?? options.defaultOutcome ?? "succeed";
  if (card.stored) card.changed = true;
  const chargeId = CHARGING.has(outcome) ? `ch_pg_${randomUUID().replaceAll("-", "")}` : undefined;
  return chargeId === undefined ? { kind: "attempt", outcome } : { kind: "attempt", outcome, chargeId };
}

// One primary-key probe per key and per account (probes.ts): as `= ANY($2)` a generic plan read every intent of
// the organisation and tested it against the group's keys (27,000 rows, 40 ms per group in a 100k batch).
const READ_INTENTS = prepared(
  `SELECT i.idempotency_key, i.account_id, i.amount, i.currency, i.charge_id FROM (SELECT DISTINCT unnest($2::text[]) AS key) AS k
   CROSS JOIN LATERAL (SELECT * FROM gateway_intents WHERE org_id = $1 AND idempotency_key = k.key LIMIT 1) AS i`,
);
// Locked in one order (account id), as every group locks them, so two groups never wait for each other in a circle.
const READ_CARDS = prepared(
  `SELECT g.account_id, g.has_card, g.script FROM (SELECT DISTINCT unnest($2::text[]) AS id ORDER BY id) AS a
   CROSS JOIN LATERAL (SELECT account_id, has_card, script FROM gateway_accounts WHERE org_id = $1 AND account_id = a.id FOR UPDATE) AS g
   ORDER BY g.account_id`,
);
const WRITE_SCRIPTS = prepared(
  `UPDATE gateway_accounts AS g SET script = x.script FROM jsonb_to_recordset($2::jsonb) AS x("accountId" text, script jsonb)
   WHERE g.org_id = $1 AND g.account_id = x."accountId"`,
);
const WRITE_CHARGES = prepared(
  `INSERT INTO gateway_charges (org_id, charge_id, idempotency_key, account_id, amount, currency, description)
   SELECT $1, x->>'chargeId', x->>'key', x->>'accountId', (x->>'amount')::numeric, x->>'currency', x->>'description'
   FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(x, n) ORDER BY n`,
);
const WRITE_INTENTS = prepared(
  `INSERT INTO gateway_intents (org_id, idempotency_key, account_id, amount, currency, outcome, charge_id)
   SELECT $1, x->>'key', x->>'accountId', x->>'amount', x->>'currency', x->>'outcome', x->>'chargeId'
   FROM jsonb_array_elements($2::jsonb) AS x
   ON CONFLICT (org_id, idempotency_key) DO UPDATE SET account_id = excluded.account_id, amount = excluded.amount,
     currency = excluded.currency, outcome = excluded.outcome, charge_id = excluded.charge_id,
     attempts = gateway_intents.attempts + 1, updated_at = now()`,
);

/**
 * Decides the attempts of distinct keys inside one transaction, under the
 * keys' locks (tried: a busy key is decided alone), and writes their intents and charges. Two
 * round trips on a server: the locks and both reads go out together; the
 * writes go out with the COMMIT. One request is the single-charge path.
 */
async function decideAll(
  tx: Transaction,
  orgId: string,
  requests: readonly ChargeRequest[],
  options: PostgresGatewayOptions,
): Promise<(Decision | undefined)[]> {
  const keys = requests.map((r) => r.idempotencyKey);
  const reads = [
    keys.length === 1
      ? tx.query(LOCK_ONE, [orgId, `g/${keys[0]}`])
      : // Only tried: a key another transaction holds is decided alone afterwards (the group does not wait for it).
        tx.query(TRY_LOCKS, [orgId, keys.map((k) => `g/${k}`)]),
    tx.query(READ_INTENTS, [orgId, keys]),
    tx.query(READ_CARDS, [orgId, [...new Set(requests.map((r) => String(r.accountId)))]]),
  ];
  for (const r of reads) r.catch(() => undefined);
  const [lockRows, intentRows, accountRows] = await Promise.all(reads);
  const busy = new Set(json<string[] | undefined>(lockRows?.[0]?.busy) ?? []);
  const intents = new Map((intentRows ?? []).map((row) => [String(row.idempotency_key), row]));
  const cards = new Map<string, CardState>();
  for (const row of accountRows ?? []) {
    cards.set(String(row.account_id), {
      hasCard: row.has_card === true,
      stored: true,
      script: [...json<SimulatedOutcome[]>(row.script)],
      changed: false,
    });
  }
  const decisions: (Decision | undefined)[] = [];
  const charges: unknown[] = [];
  const written: unknown[] = [];
  for (const request of requests) {
    if (busy.has(`g/${request.idempotencyKey}`)) {
      decisions.push(undefined);
      continue;
    }
    const accountId = String(request.accountId);
    let card = cards.get(accountId);
    if (!card) {
      card = { hasCard: options.cardsByDefault !== false, stored: false, script: [], changed: false };
      cards.set(accountId, card);
    }
    const decision = decideOne(request, intents.get(request.idempotencyKey), card, options);
    decisions.push(decision);
    if (decision.kind !== "attempt" || decision.outcome === "no-card" || decision.outcome === "invalid") continue;
    const { idempotencyKey: key, amount, currency, description } = request;
    if (decision.chargeId !== undefined) charges.push({ key, accountId, amount, currency, description, chargeId: decision.chargeId });
    written.push({ key, accountId, amount, currency, outcome: decision.outcome, chargeId: decision.chargeId ?? null });
  }
  const scripts = [...cards].filter(([, c]) => c.changed).map(([accountId, c]) => ({ accountId, script: c.script }));
  if (scripts.length > 0) {
    tx.later(WRITE_SCRIPTS, [orgId, JSON.stringify(scripts)]);
  }
  if (charges.length > 0) {
    tx.later(WRITE_CHARGES, [orgId, JSON.stringify(charges)]);
  }
  if (written.length > 0) {
    tx.later(WRITE_INTENTS, [orgId, JSON.stringify(written)]);
  }
  return decisions;
}

/** A charge waiting for its group. */
interface Waiting {
  readonly request: ChargeRequest;
  readonly resolve: (decision: Decision) => void;
  readonly reject: (error: unknown) => void;
}

/** Charges of distinct keys that wait together are decided in one transaction; if it fails, each is tried alone. */
async function chargeGroup(scope: OrgScope, group: readonly Waiting[], options: PostgresGatewayOptions): Promise<void> {
  try {
    const decisions = await inOrg(
      scope,
      (tx) =>
        decideAll(
          tx,
          scope.orgId,
          group.map((w) => w.request),
          options,
        ),
      { keyed: true },
    );
    const alone: Promise<void>[] = [];
    for (const [i, w] of group.entries()) {
      const decision = decisions[i];
      if (decision) w.resolve(decision);
      else alone.push(chargeGroup(scope, [w], options));
    }
    await Promise.all(alone);
  } catch (error) {
    if (group.length === 1) (group[0] as Waiting).reject(error);
    else for (const w of group) await chargeGroup(scope, [w], options);
  }
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function postgresGateway(scope: OrgScope, options: PostgresGatewayOptions = {}): PostgresGateway {
  if (options.defaultOutcome !== undefined) checkOutcomes([options.defaultOutcome]);
  const latency = options.latencyMs ?? 0;
  // Group commit (docs/decisions/0015): the intents of charges asked together are written with one flush, each still
  // decided under its own key's lock. One key twice never shares a group.
  const queue = new WriteQueue<Waiting>(
    (group) => chargeGroup(scope, group, options),
    GROUPS,
    (w) => w.request.idempotencyKey,
  );
  const setCard = (accountId: string, hasCard: boolean) =>
    inOrg(scope, async (tx) => {
      await tx.query(
        `INSERT INTO gateway_accounts (org_id, account_id, has_card, script) VALUES ($1, $2, $3::boolean, '[]')
         ON CONFLICT (org_id, account_id) DO UPDATE SET has_card = $3::boolean`,
        [scope.orgId, accountId, hasCard],
      );
    });
  return {
    async charge(request) {
      assertInput(request !== null && typeof request === "object" && typeof request.idempotencyKey === "string", "request");
      const decision = await new Promise<Decision>((resolve, reject) => queue.push({ request, resolve, reject }));
      if (latency > 0) await wait(latency);
      return answer(decision);
    },
    addCard: (accountId) => setCard(accountId, true),
    removeCard: (accountId) => setCard(accountId, false),
    async script(accountId, outcomes) {
      checkOutcomes(outcomes);
      await inOrg(scope, async (tx) => {
        await tx.query(
          `INSERT INTO gateway_accounts (org_id, account_id, has_card, script) VALUES ($1, $2, $4::boolean, $3::jsonb)
           ON CONFLICT (org_id, account_id) DO UPDATE SET script = gateway_accounts.script || $3::jsonb`,
          [scope.orgId, accountId, JSON.stringify(outcomes), options.cardsByDefault !== false],
        );
      });
    },
    charges: () =>
      inOrg(
        scope,
        async (tx) =>
          (
            await tx.query<SimulatedCharge & Record<string, unknown>>(
              `SELECT charge_id AS "chargeId", account_id AS "accountId", amount::text AS amount, currency,
                 idempotency_key AS "idempotencyKey", description FROM gateway_charges WHERE org_id = $1 ORDER BY seq`,
              [scope.orgId],
            )
          ).map((r) => ({ ...r })),
        { readOnly: true },
      ),
  };
}

function answer(decision: Decision): Promise<ChargeOutcome> {
  if (decision.kind === "charged") {
    return Promise.resolve(
      decision.same
        ? { status: "succeeded", chargeId: decision.chargeId }
        : { status: "error", message: "This idempotency key was already used for a different charge." },
    );
  }
  switch (decision.outcome) {
    case "no-card":
      return Promise.resolve({ status: "declined", reason: "No card on file." });
    case "invalid":
      return Promise.resolve({ status: "error", message: "The amount is not a positive amount.", notCharged: true });
    case "succeed":
      return Promise.resolve({ status: "succeeded", chargeId: decision.chargeId as string });
    case "decline":
      return Promise.resolve({ status: "declined", reason: "Card declined (simulated)." });
    case "error":
      return Promise.resolve({ status: "error", message: "The gateway failed (simulated).", notCharged: true });
    case "reject":
      return Promise.reject(new Error("Network failure (simulated)."));
    default:
      return Promise.resolve({ status: "unknown", message: "The gateway timed out (simulated)." });
  }
}
