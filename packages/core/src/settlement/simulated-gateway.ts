/**
 * A deterministic stand-in for a card gateway (§5), for the demo and the
 * tests: cards on file, scripted declines, errors and time-outs, optional
 * latency, and a real idempotency store, so a test can prove that nothing is
 * ever charged twice.
 */
import { assertInput, assertObject } from "../errors.js";
import type { ChargeOutcome, ChargeRequest, PaymentGateway } from "../gateway.js";
import { equals, parseMoney } from "../money.js";
import { ChargeRecords } from "./charge-records.js";
import { delay } from "./timers.js";

/**
 * What one new attempt does:
 * - `succeed`: charges and says so;
 * - `decline` / `error`: charges nothing and says so (the error is marked `notCharged`);
 * - `reject`: charges nothing and the promise rejects (a network failure: the caller cannot tell);
 * - `timeout`: charges, but the answer is lost (`unknown`); a retry with the same key reveals the charge;
 * - `timeout-no-charge`: charges nothing and the answer is lost; a retry with the same key is a new attempt.
 */
export type SimulatedOutcome = "succeed" | "decline" | "error" | "reject" | "timeout" | "timeout-no-charge";

const OUTCOMES: ReadonlySet<string> = new Set<SimulatedOutcome>(["succeed", "decline", "error", "reject", "timeout", "timeout-no-charge"]);

export interface SimulatedGatewayOptions {
  /** Accounts with a card on file; charges to any other account are declined. */
  readonly cardsOnFile?: Iterable<string>;
  /** Per account, the outcomes of its next new attempts, consumed one per attempt. */
  readonly scripts?: Readonly<Record<string, readonly SimulatedOutcome[]>>;
  /** The outcome once an account's script is used up. Default `succeed`. */
  readonly defaultOutcome?: SimulatedOutcome;
  /** Milliseconds before each answer; 0 (the default) answers on a microtask. */
  readonly latencyMs?: number;
  /** Charge ids are this prefix and a counter. Default "ch_sim_". */
  readonly chargeIdPrefix?: string;
}

/** A charge that really happened. */
export interface SimulatedCharge {
  readonly chargeId: string;
  readonly accountId: string;
  readonly amount: string;
  readonly currency: string;
  readonly idempotencyKey: string;
  readonly description: string;
}

export interface SimulatedGateway extends PaymentGateway {
  /** Every real charge, in the order made (a timed-out one included). */
  charges(): readonly SimulatedCharge[];
  /** How many times `charge` was called (retries and replays included). */
  attempts(): number;
  addCard(accountId: string): void;
  removeCard(accountId: string): void;
  hasCard(accountId: string): boolean;
  /** Appends outcomes to an account's script. */
  script(accountId: string, outcomes: readonly SimulatedOutcome[]): void;
}

function checkOutcomes(outcomes: readonly SimulatedOutcome[], field: string): void {
  assertInput(Array.isArray(outcomes), field);
  for (const o of outcomes) assertInput(OUTCOMES.has(o), field, { reason: "unknown-outcome", value: String(o) });
}

/**
 * Makes a simulated gateway. A key that charged (answered or not) always
 * answers with the same charge id and never charges again; a key whose last
 * attempt charged nothing (declined, errored, lost without charging) may be
 * attempted again, consuming the next scripted outcome.
 */
export function createSimulatedGateway(options: SimulatedGatewayOptions = {}): SimulatedGateway {
  assertObject(options, "options");
  const latency = options.latencyMs ?? 0;
  assertInput(typeof latency === "number" && Number.isFinite(latency) && latency >= 0, "latencyMs");
  const fallback = options.defaultOutcome ?? "succeed";
  checkOutcomes([fallback], "defaultOutcome");
  const prefix = options.chargeIdPrefix ?? "ch_sim_";
  assertInput(typeof prefix === "string", "chargeIdPrefix");
  const cardsOnFile = options.cardsOnFile ?? [];
  assertInput(typeof cardsOnFile === "object" && cardsOnFile !== null && Symbol.iterator in cardsOnFile, "cardsOnFile");
  const cards = new Set<string>(cardsOnFile);
  const scripts = new Map<string, SimulatedOutcome[]>();
  for (const [accountId, outcomes] of Object.entries(options.scripts ?? {})) {
    checkOutcomes(outcomes, `scripts.${accountId}`);
    scripts.set(accountId, [...outcomes]);
  }
  // Charges in fixed blocks (a charge's id is the prefix and its number): no object per charge until `charges()` asks.
  const made = new ChargeRecords();
  const byKey = new Map<string, number>();
  let calls = 0;

  const answer = (outcome: ChargeOutcome): Promise<ChargeOutcome> => delay(latency, outcome);
  const idOf = (n: number) => `${prefix}${n + 1}`;

  const nextOutcome = (accountId: string): SimulatedOutcome => {
    const queue = scripts.get(accountId);
    return queue?.shift() ?? fallback;
  };

  /** Records a charge; returns its id. */
  const chargeNow = (request: ChargeRequest): string => {
    const n = made.add(request);
    byKey.set(request.idempotencyKey, n);
    return idOf(n);
  };

  const chargeAt = (n: number): SimulatedCharge => ({ chargeId: idOf(n), ...made.get(n) });

  return {
    charge(request) {
      calls += 1;
      const earlier = byKey.get(request.idempotencyKey);
      if (earlier !== undefined) {
        const same =
          made.isFor(earlier, request.accountId, request.currency) && sameAmount(made.amountOf(earlier), request.amount, request.currency);
        return answer(
          same
            ? { status: "succeeded", chargeId: idOf(earlier) }
            : { status: "error", message: "This idempotency key was already used for a different charge." },
        );
      }
      if (!cards.has(request.accountId)) return answer({ status: "declined", reason: "No card on file." });
      try {
        parseMoney(request.amount, request.currency, "positive");
      } catch (error) {
        return answer({ status: "error", message: error instanceof Error ? error.message : String(error), notCharged: true });
      }
      switch (nextOutcome(request.accountId)) {
        case "succeed":
          return answer({ status: "succeeded", chargeId: chargeNow(request) });
        case "decline":
          return answer({ status: "declined", reason: "Card declined (simulated)." });
        case "error":
          return answer({ status: "error", message: "The gateway failed (simulated).", notCharged: true });
        case "reject":
          return delay(latency, undefined).then(() => Promise.reject(new Error("Network failure (simulated).")));
        case "timeout":
          chargeNow(request);
          return answer({ status: "unknown", message: "The gateway timed out (simulated)." });
        default:
          return answer({ status: "unknown", message: "The gateway timed out (simulated)." });
      }
    },
    charges: () => Array.from({ length: made.size }, (_, n) => chargeAt(n)),
    attempts: () => calls,
    addCard(accountId) {
      cards.add(accountId);
    },
    removeCard(accountId) {
      cards.delete(accountId);
    },
    hasCard: (accountId) => cards.has(accountId),
    script(accountId, outcomes) {
      checkOutcomes(outcomes, "outcomes");
      const queue = scripts.get(accountId) ?? [];
      queue.push(...outcomes);
      scripts.set(accountId, queue);
    },
  };
}

function sameAmount(a: string, b: string, currency: string): boolean {
  try {
    return equals(parseMoney(a, currency, "any"), parseMoney(b, currency, "any"));
  } catch {
    return false;
  }
}
