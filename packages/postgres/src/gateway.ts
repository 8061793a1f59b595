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
import type { Transaction } from "./db.js";
import { json } from "./ledger-rows.js";
import { inOrg, type OrgScope } from "./org-tx.js";

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
  for (const o of outcomes) assertInput(OUTCOMES.has(o), "outcomes", `Unknown simulated outcome: ${String(o)}.`);
}

function sameAmount(a: string, b: string, currency: string): boolean {
  try {
    return equals(parseMoney(a, currency, "any"), parseMoney(b, currency, "any"));
  } catch {
    return false;
  }
}

/**
 * Decides one attempt inside its transaction, under the key's lock, and
 * writes the intent and the charge. Two round trips on a server: the lock and
 * both reads go out together; the writes go out with the COMMIT.
 */
async function decide(tx: Transaction, orgId: string, request: ChargeRequest, options: PostgresGatewayOptions): Promise<Decision> {
  const key = request.idempotencyKey;
  const reads = [
    tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0))", [orgId, `g/${key}`]),
    tx.query("SELECT account_id, amount, currency, charge_id FROM gateway_intents WHERE org_id = $1 AND idempotency_key = $2", [
      orgId,
      key,
    ]),
    tx.query("SELECT has_card, script FROM gateway_accounts WHERE org_id = $1 AND account_id = $2 FOR UPDATE", [orgId, request.accountId]),
  ];
  for (const r of reads) r.catch(() => undefined);
  const [, intents, accounts] = await Promise.all(reads);
  const intent = intents?.[0];
  const account = accounts?.[0];
  if (typeof intent?.charge_id === "string") {
    const same =
      intent.account_id === request.accountId &&
      intent.currency === request.currency &&
      sameAmount(String(intent.amount), request.amount, request.currency);
    return { kind: "charged", chargeId: intent.charge_id, same };
  }
  const hasCard = account ? account.has_card === true : options.cardsByDefault !== false;
  if (!hasCard) return { kind: "attempt", outcome: "no-card" };
  let valid = true;
  try {
    parseMoney(request.amount, request.currency, "positive");
  } catch {
    valid = false;
  }
  if (!valid) return { kind: "attempt", outcome: "invalid" };
  const script = account ? [...json<SimulatedOutcome[]>(account.script)] : [];
  const outcome = script.shift() ?? options.defaultOutcome ?? "succeed";
  if (account)
    tx.later("UPDATE gateway_accounts SET script = $3::jsonb WHERE org_id = $1 AND account_id = $2", [
      orgId,
      request.accountId,
      JSON.stringify(script),
    ]);
  const chargeId = CHARGING.has(outcome) ? `ch_pg_${randomUUID().replaceAll("-", "")}` : undefined;
  if (chargeId !== undefined) {
    tx.later(
      `INSERT INTO gateway_charges (org_id, charge_id, idempotency_key, account_id, amount, currency, description)
       VALUES ($1, $7, $2, $3, $4::numeric, $5, $6)`,
      [orgId, key, request.accountId, request.amount, request.currency, request.description, chargeId],
    );
  }
  tx.later(
    `INSERT INTO gateway_intents (org_id, idempotency_key, account_id, amount, currency, outcome, charge_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (org_id, idempotency_key) DO UPDATE SET account_id = $3, amount = $4, currency = $5, outcome = $6, charge_id = $7,
       attempts = gateway_intents.attempts + 1, updated_at = now()`,
    [orgId, key, request.accountId, request.amount, request.currency, outcome, chargeId ?? null],
  );
  return chargeId === undefined ? { kind: "attempt", outcome } : { kind: "attempt", outcome, chargeId };
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function postgresGateway(scope: OrgScope, options: PostgresGatewayOptions = {}): PostgresGateway {
  if (options.defaultOutcome !== undefined) checkOutcomes([options.defaultOutcome]);
  const latency = options.latencyMs ?? 0;
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
      const decision = await inOrg(scope, (tx) => decide(tx, scope.orgId, request, options));
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
