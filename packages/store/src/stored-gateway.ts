/**
 * The demo's payment gateway: the core's simulated gateway, with its state —
 * a "card" per account, the scripted outcomes still to come, and every real
 * charge — stored beside the ledger, so a reload neither forgets a card nor
 * charges a key twice.
 */
import {
  type ChargeOutcome,
  type ChargeRequest,
  createSimulatedGateway,
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

export const EMPTY_GATEWAY: GatewayState = { cards: [], scripts: {}, charges: [], attempts: 0 };

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

/** The gateway's controls the data source needs: load the stored state again (another tab changed it). */
export interface GatewayHandle {
  readonly gateway: StoredGateway;
  reload(state: GatewayState): void;
}

const wait = <T>(ms: number, value: T): Promise<T> =>
  ms <= 0 ? Promise.resolve(value) : new Promise((resolve) => setTimeout(() => resolve(value), ms));

/** Wraps the core's simulated gateway around `state`; `save` is awaited after every change. */
export function createStoredGateway(
  initial: GatewayState,
  save: (state: GatewayState) => Promise<void>,
  options: StoredGatewayOptions = {},
): GatewayHandle {
  const latency = options.latencyMs ?? 0;
  let cards = new Set<string>();
  let scripts = new Map<string, SimulatedOutcome[]>();
  /** Charges of earlier sessions (the inner gateway knows only its own). */
  let earlier: SimulatedCharge[] = [];
  let byKey = new Map<string, SimulatedCharge>();
  let attempts = 0;
  let inner: SimulatedGateway;

  const state = (): GatewayState => ({
    cards: [...cards],
    scripts: Object.fromEntries([...scripts].filter(([, o]) => o.length > 0).map(([a, o]) => [a, [...o]])),
    charges: [...earlier, ...inner.charges()],
    attempts,
  });
  const reload = (s: GatewayState) => {
    cards = new Set(s.cards);
    scripts = new Map(Object.entries(s.scripts).map(([a, o]) => [a, [...o]]));
    earlier = [...s.charges];
    byKey = new Map(earlier.map((c) => [c.idempotencyKey, c]));
    attempts = s.attempts;
    inner = createSimulatedGateway({
      cardsOnFile: cards,
      scripts: Object.fromEntries(scripts),
      latencyMs: latency,
      ...(options.defaultOutcome !== undefined ? { defaultOutcome: options.defaultOutcome } : {}),
      // Unique across sessions: the inner gateway counts from 1 each time it is made.
      chargeIdPrefix: `ch_sim_${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}_`,
    });
  };
  reload(initial);

  /** True when a new attempt for this request takes the next scripted outcome (the core's rule). */
  const consumes = (request: ChargeRequest): boolean => {
    if (byKey.has(request.idempotencyKey) || !cards.has(request.accountId)) return false;
    try {
      parseMoney(request.amount, request.currency, "positive");
      return true;
    } catch (error) {
      if (isCreditKitError(error)) return false;
      throw error;
    }
  };

  const gateway: StoredGateway = {
    async charge(request) {
      attempts += 1;
      const before = byKey.get(request.idempotencyKey);
      if (before && !inner.charges().some((c) => c.chargeId === before.chargeId)) {
        // Charged in an earlier session: answer as the core's gateway does for a repeated key.
        const same = before.accountId === request.accountId && before.currency === request.currency && before.amount === request.amount;
        const outcome: ChargeOutcome = same
          ? { status: "succeeded", chargeId: before.chargeId }
          : { status: "error", message: "This idempotency key was already used for a different charge." };
        await save(state());
        return wait(latency, outcome);
      }
      if (consumes(request)) scripts.get(request.accountId)?.shift();
      const answer = inner.charge(request);
      const settle = async () => {
        for (const c of inner.charges()) byKey.set(c.idempotencyKey, c);
        await save(state());
      };
      try {
        const outcome = await answer;
        await settle();
        return outcome;
      } catch (error) {
        await settle();
        throw error;
      }
    },
    charges: () => [...earlier, ...inner.charges()],
    attempts: () => attempts,
    hasCard: (accountId) => cards.has(accountId),
    cards: () => [...cards],
    async addCards(accountIds) {
      for (const id of accountIds) {
        cards.add(id);
        inner.addCard(id);
      }
      await save(state());
    },
    async removeCard(accountId) {
      cards.delete(accountId);
      inner.removeCard(accountId);
      await save(state());
    },
    async script(accountId, outcomes) {
      inner.script(accountId, outcomes);
      scripts.set(accountId, [...(scripts.get(accountId) ?? []), ...outcomes]);
      await save(state());
    },
    scriptOf: (accountId) => [...(scripts.get(accountId) ?? [])],
  };
  return { gateway, reload };
}
