/**
 * The demo's payment gateway: the core's simulated gateway, with its state —
 * a "card" per account, the scripted outcomes still to come, and every real
 * charge — stored beside the ledger, so a reload neither forgets a card nor
 * charges a key twice. Each change stores only what it changed (a
 * `GatewayDelta`: one charge, one account's card or script, the attempt
 * count), never the whole state.
 */
import {
  type ChargeOutcome,
  type ChargeRequest,
  createSimulatedGateway,
  equals,
  isCreditKitError,
  type PaymentGateway,
  parseMoney,
  type SimulatedCharge,
  type SimulatedGateway,
  type SimulatedOutcome,
} from "@creditkit/core";

/** The gateway's stored state (plain data). */
export interface GatewayState {
  readonly cards: readonly string[];
  /** Per account, the outcomes of its next new attempts. */
  readonly scripts: Readonly<Record<string, readonly SimulatedOutcome[]>>;
  /** Every real charge, in the order made. */
  readonly charges: readonly SimulatedCharge[];
  readonly attempts: number;
}

/** One change to the stored gateway: only the records it touches. */
export interface GatewayDelta {
  /** Added to the stored attempt count. */
  readonly attempts?: number;
  /** Real charges to store, each under its idempotency key (a key already stored keeps its first charge). */
  readonly charges?: readonly SimulatedCharge[];
  readonly addCards?: readonly string[];
  readonly removeCards?: readonly string[];
  /** Per account, its whole remaining script (empty: none left). */
  readonly scripts?: Readonly<Record<string, readonly SimulatedOutcome[]>>;
}

/** How the stored gateway behaves besides its scripts. */
export interface StoredGatewayOptions {
  /** The outcome once an account's script is used up. Default `succeed`. */
  readonly defaultOutcome?: SimulatedOutcome;
  /** Milliseconds before each answer. Default 0. */
  readonly latencyMs?: number;
}

/** The simulated gateway the embedded data source hands to settlement; changes are saved before they resolve. */
export interface StoredGateway extends PaymentGateway {
  /** Every real charge (a timed-out one included), this session's and earlier ones. */
  charges(): readonly SimulatedCharge[];
  /** How many times `charge` was called. */
  attempts(): number;
  hasCard(accountId: string): boolean;
  cards(): readonly string[];
  /** Puts a card on file for each account. */
  addCards(accountIds: Iterable<string>): Promise<void>;
  removeCard(accountId: string): Promise<void>;
  /** Appends outcomes (`succeed`, `decline`, `error`, `reject`, `timeout`, `timeout-no-charge`) to an account's script. */
  script(accountId: string, outcomes: readonly SimulatedOutcome[]): Promise<void>;
  /** The outcomes still scripted for an account. */
  scriptOf(accountId: string): readonly SimulatedOutcome[];
}

/** The gateway's controls the data source needs: load the stored state again, or apply another tab's change. */
export interface GatewayHandle {
  readonly gateway: StoredGateway;
  reload(state: GatewayState): void;
  /** Applies a change another connection stored (its signal carries it). */
  apply(delta: GatewayDelta): void;
}

const wait = <T>(ms: number, value: T): Promise<T> =>
  ms <= 0 ? Promise.resolve(value) : new Promise((resolve) => setTimeout(() => resolve(value), ms));

/** The core's rule for a repeated key: the same account, currency and amount. */
function sameCharge(charge: SimulatedCharge, request: ChargeRequest): boolean {
  if (charge.accountId !== request.accountId || charge.currency !== request.currency) return false;
  try {
    return equals(parseMoney(charge.amount, charge.currency, "any"), parseMoney(request.amount, request.currency, "any"));
  } catch {
    return false;
  }
}

const chargeOf = (request: ChargeRequest, chargeId: string): SimulatedCharge => ({
  chargeId,
  accountId: request.accountId,
  amount: request.amount,
  currency: request.currency,
  idempotencyKey: request.idempotencyKey,
  description: request.description,
});

/**
 * Wraps the core's simulated gateway around `initial`; `save` is awaited
 * after every change with what changed. A key charged before (this session or
 * an earlier one) is answered here; the inner gateway only sees new attempts.
 */
export function createStoredGateway(
  initial: GatewayState,
  save: (delta: GatewayDelta) => Promise<void>,
  options: StoredGatewayOptions = {},
): GatewayHandle {
  const latency = options.latencyMs ?? 0;
  let cards = new Set<string>();
  /** The scripts still to come: a mirror of the inner gateway's queues, kept to be stored. */
  let scripts = new Map<string, SimulatedOutcome[]>();
  /** Every real charge, in order, and by key. */
  let all: SimulatedCharge[] = [];
  let byKey = new Map<string, SimulatedCharge>();
  /** Keys the inner gateway has charged whose answer is still on its way. */
  let charging = new Set<string>();
  let attempts = 0;
  let inner: SimulatedGateway;

  const makeInner = () => {
    inner = createSimulatedGateway({
      cardsOnFile: cards,
      scripts: Object.fromEntries(scripts),
      latencyMs: latency,
      ...(options.defaultOutcome !== undefined ? { defaultOutcome: options.defaultOutcome } : {}),
      // Unique across sessions: the inner gateway counts from 1 each time it is made.
      chargeIdPrefix: `ch_sim_${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}_`,
    });
  };
  const remember = (charge: SimulatedCharge) => {
    if (byKey.has(charge.idempotencyKey)) return false;
    all.push(charge);
    byKey.set(charge.idempotencyKey, charge);
    return true;
  };
  const reload = (s: GatewayState) => {
    cards = new Set(s.cards);
    scripts = new Map(Object.entries(s.scripts).map(([a, o]) => [a, [...o]]));
    all = [];
    byKey = new Map();
    for (const c of s.charges) remember(c);
    charging = new Set();
    attempts = s.attempts;
    makeInner();
  };
  reload(initial);

  const apply = (delta: GatewayDelta) => {
    attempts += delta.attempts ?? 0;
    for (const c of delta.charges ?? []) remember(c);
    for (const id of delta.addCards ?? []) {
      cards.add(id);
      inner.addCard(id);
    }
    for (const id of delta.removeCards ?? []) {
      cards.delete(id);
      inner.removeCard(id);
    }
    if (delta.scripts && Object.keys(delta.scripts).length > 0) {
      for (const [id, outcomes] of Object.entries(delta.scripts)) scripts.set(id, [...outcomes]);
      // The inner gateway's queues cannot be replaced: make a new one (it needs no charges, repeats are answered here).
      makeInner();
    }
  };

  /** True when a new attempt for this request takes the next scripted outcome (the core's rule). */
  const consumes = (request: ChargeRequest): boolean => {
    if (charging.has(request.idempotencyKey) || !cards.has(request.accountId)) return false;
    try {
      parseMoney(request.amount, request.currency, "positive");
      return true;
    } catch (error) {
      if (isCreditKitError(error)) return false;
      throw error;
    }
  };

  /** A new attempt: the inner gateway answers; the charge it made (if any), the script left and the attempt are stored. */
  const attempt = async (request: ChargeRequest): Promise<ChargeOutcome> => {
    const key = request.idempotencyKey;
    const account = request.accountId;
    const queue = consumes(request) ? scripts.get(account) : undefined;
    const scripted = queue !== undefined && queue.length > 0;
    const planned = queue ? (queue.shift() ?? options.defaultOutcome ?? "succeed") : undefined;
    const charges = planned === "succeed" || planned === "timeout";
    const gw = inner;
    const answer = gw.charge(request);
    if (charges) charging.add(key);
    const settle = async (outcome: ChargeOutcome | undefined) => {
      let made: SimulatedCharge | undefined;
      if (outcome?.status === "succeeded") made = chargeOf(request, outcome.chargeId);
      // A lost answer that charged: the only case that asks the inner gateway for its list (scripted, rare).
      else if (planned === "timeout") made = gw.charges().find((c) => c.idempotencyKey === key);
      if (charges) charging.delete(key);
      const stored = made !== undefined && remember(made);
      // The script is read now, not when shifted: concurrent answers may settle out of order.
      await save({
        attempts: 1,
        ...(stored && made ? { charges: [made] } : {}),
        ...(scripted ? { scripts: { [account]: [...(scripts.get(account) ?? [])] } } : {}),
      });
    };
    let outcome: ChargeOutcome;
    try {
      outcome = await answer;
    } catch (error) {
      await settle(undefined);
      throw error;
    }
    await settle(outcome);
    return outcome;
  };

  const gateway: StoredGateway = {
    async charge(request) {
      attempts += 1;
      const before = byKey.get(request.idempotencyKey);
      if (!before) return attempt(request);
      // Charged before (this session or an earlier one): answer as the core's gateway does for a repeated key.
      const outcome: ChargeOutcome = sameCharge(before, request)
        ? { status: "succeeded", chargeId: before.chargeId }
        : { status: "error", message: "This idempotency key was already used for a different charge." };
      await save({ attempts: 1 });
      return wait(latency, outcome);
    },
    charges: () => [...all],
    attempts: () => attempts,
    hasCard: (accountId) => cards.has(accountId),
    cards: () => [...cards],
    async addCards(accountIds) {
      const added = [...accountIds];
      for (const id of added) {
        cards.add(id);
        inner.addCard(id);
      }
      await save({ addCards: added });
    },
    async removeCard(accountId) {
      cards.delete(accountId);
      inner.removeCard(accountId);
      await save({ removeCards: [accountId] });
    },
    async script(accountId, outcomes) {
      inner.script(accountId, outcomes);
      const queue = [...(scripts.get(accountId) ?? []), ...outcomes];
      scripts.set(accountId, queue);
      await save({ scripts: { [accountId]: [...queue] } });
    },
    scriptOf: (accountId) => [...(scripts.get(accountId) ?? [])],
  };
  return { gateway, reload, apply };
}
