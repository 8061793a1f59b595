/**
 * The demo's payment gateway: the core's simulated gateway, with its state —
 * a "card" per account, the scripted outcomes still to come, every real
 * charge and the idempotency memory — stored beside the ledger and shared by
 * every tab, so a reload neither forgets a charge nor charges a key twice.
 *
 * Each attempt is claimed first, in one storage transaction: the key's record
 * is read and, unless the key charged before, the attempt's intent (key,
 * account, amount, the scripted outcome, the charge id when it charges) is
 * written before the charge is made. Two tabs can never both decide a key is
 * new, and a save that fails after the charge leaves the intent, from which
 * the next attempt with the key answers. The answer itself is the core's
 * simulated gateway's, passed through as is.
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
  /** Every real charge, in the order stored: evidence, never merged by key (two for one key would both show). */
  readonly charges: readonly SimulatedCharge[];
  readonly attempts: number;
}

/** What the idempotency memory keeps per key: the last attempt's intent (written before it was made). */
export interface KeyRecord {
  readonly accountId: string;
  readonly amount: string;
  readonly currency: string;
  readonly outcome: SimulatedOutcome;
  /** Present when the attempt charged: the key charged, for good. */
  readonly chargeId?: string;
  /** False until the attempt's answer came back and was stored. */
  readonly answered: boolean;
}

/** A new attempt to claim: the request, and what the attempt is if the key is new. */
export interface ChargeClaim {
  readonly request: ChargeRequest;
  /** The charge id to use if this attempt charges. */
  readonly chargeId: string;
  /** The outcome when the account's stored script is used up. */
  readonly defaultOutcome: SimulatedOutcome;
  /** False when the amount is not a positive amount (the core answers `error` and takes no scripted outcome). */
  readonly valid: boolean;
}

/** The claim's answer: the key charged before, or this attempt's decision (already stored). */
export type ClaimAnswer =
  | { readonly kind: "charged"; readonly record: KeyRecord }
  | {
      readonly kind: "attempt";
      /** The scripted outcome taken, or why none was (no card, not a valid amount). */
      readonly outcome: SimulatedOutcome | "no-card" | "invalid";
      /** The account's script left, when an outcome was taken from it. */
      readonly script?: readonly SimulatedOutcome[];
      /** The real charge this attempt makes (stored with its intent). */
      readonly charge?: SimulatedCharge;
    };

/** The outcomes that charge the card. */
export const CHARGING: ReadonlySet<SimulatedOutcome> = new Set<SimulatedOutcome>(["succeed", "timeout"]);

/** The charge a claim for `request` makes under `chargeId`. */
export const chargeOf = (request: ChargeRequest, chargeId: string): SimulatedCharge => ({
  chargeId,
  accountId: request.accountId,
  amount: request.amount,
  currency: request.currency,
  idempotencyKey: request.idempotencyKey,
  description: request.description,
});

/**
 * Decides a claim from what is stored (each backend calls this inside its
 * transaction): the key's record, whether the account has a card, and its
 * script. Returns the answer and the key's new record (none when it answers
 * from the old one unchanged).
 */
export function decideClaim(
  claim: ChargeClaim,
  record: KeyRecord | undefined,
  hasCard: boolean,
  script: readonly SimulatedOutcome[] | undefined,
): { answer: ClaimAnswer; record?: KeyRecord } {
  if (record?.chargeId !== undefined) {
    return { answer: { kind: "charged", record }, ...(record.answered ? {} : { record: { ...record, answered: true } }) };
  }
  const { request } = claim;
  if (!hasCard) return { answer: { kind: "attempt", outcome: "no-card" } };
  if (!claim.valid) return { answer: { kind: "attempt", outcome: "invalid" } };
  const left = [...(script ?? [])];
  const outcome = left.shift() ?? claim.defaultOutcome;
  const charge = CHARGING.has(outcome) ? chargeOf(request, claim.chargeId) : undefined;
  const intent: KeyRecord = {
    accountId: request.accountId,
    amount: request.amount,
    currency: request.currency,
    outcome,
    ...(charge ? { chargeId: charge.chargeId } : {}),
    answered: false,
  };
  return {
    answer: { kind: "attempt", outcome, ...(script !== undefined ? { script: left } : {}), ...(charge ? { charge } : {}) },
    record: intent,
  };
}

/** One change to the stored gateway: only the records it touches. */
export interface GatewayDelta {
  /** Added to the stored attempt count. */
  readonly attempts?: number;
  /** Real charges another connection stored (signals only: `putGateway` never writes charges). */
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
function sameCharge(record: KeyRecord, request: ChargeRequest): boolean {
  if (record.accountId !== request.accountId || record.currency !== request.currency) return false;
  try {
    return equals(parseMoney(record.amount, record.currency, "any"), parseMoney(request.amount, request.currency, "any"));
  } catch {
    return false;
  }
}

function isValidAmount(request: ChargeRequest): boolean {
  try {
    parseMoney(request.amount, request.currency, "positive");
    return true;
  } catch (error) {
    if (isCreditKitError(error)) return false;
    throw error;
  }
}

/** What the stored gateway needs from the storage. */
export interface GatewayStorage {
  claim(claim: ChargeClaim): Promise<ClaimAnswer>;
  /** Marks the key's intent answered; may fail (the intent then answers the next attempt). */
  answered(key: string): Promise<void>;
  /** Stores a change to cards or scripts and tells the other connections. */
  save(delta: GatewayDelta): Promise<void>;
  /** Tells the other connections about a change already stored. */
  announce(delta: GatewayDelta): void;
}

/**
 * The stored gateway over `initial` (what was stored when the connection
 * opened) and `storage`. Its lists (`charges`, `cards`, `scriptOf`) mirror
 * the storage: this connection's changes, and the other connections' as
 * their signals arrive (`apply`).
 */
export function createStoredGateway(initial: GatewayState, storage: GatewayStorage, options: StoredGatewayOptions = {}): GatewayHandle {
  const latency = options.latencyMs ?? 0;
  const defaultOutcome = options.defaultOutcome ?? "succeed";
  const session = `ch_sim_${Date.now().toString(36)}${Math.floor(Math.random() * 46656).toString(36)}_`;
  let counter = 0;
  let cards = new Set<string>();
  let scripts = new Map<string, SimulatedOutcome[]>();
  /** Every real charge stored, in order; by charge id to apply each once. */
  let all: SimulatedCharge[] = [];
  let ids = new Set<string>();
  let attempts = 0;

  const remember = (charge: SimulatedCharge) => {
    if (ids.has(charge.chargeId)) return;
    ids.add(charge.chargeId);
    all.push(charge);
  };
  const reload = (s: GatewayState) => {
    cards = new Set(s.cards);
    scripts = new Map(Object.entries(s.scripts).map(([a, o]) => [a, [...o]]));
    all = [];
    ids = new Set();
    for (const c of s.charges) remember(c);
    attempts = s.attempts;
  };
  reload(initial);

  const apply = (delta: GatewayDelta) => {
    attempts += delta.attempts ?? 0;
    for (const c of delta.charges ?? []) remember(c);
    for (const id of delta.addCards ?? []) cards.add(id);
    for (const id of delta.removeCards ?? []) cards.delete(id);
    for (const [id, outcomes] of Object.entries(delta.scripts ?? {})) scripts.set(id, [...outcomes]);
  };

  /** A new attempt the storage decided: the core's simulated gateway, scripted with that outcome, answers. */
  const attempt = (request: ChargeRequest, outcome: SimulatedOutcome | "no-card" | "invalid", chargeIdPrefix: string) => {
    const account = request.accountId;
    const inner: SimulatedGateway = createSimulatedGateway({
      cardsOnFile: outcome === "no-card" ? [] : [account],
      scripts: outcome === "no-card" || outcome === "invalid" ? {} : { [account]: [outcome] },
      latencyMs: latency,
      chargeIdPrefix,
    });
    return inner.charge(request);
  };

  const gateway: StoredGateway = {
    async charge(request) {
      // The inner gateway numbers its charges from 1: its only charge is `${prefix}1`, the id the intent stores.
      counter += 1;
      const prefix = `${session}${counter}_`;
      const key = request.idempotencyKey;
      const claimed = await storage.claim({ request, chargeId: `${prefix}1`, defaultOutcome, valid: isValidAmount(request) });
      const delta: GatewayDelta =
        claimed.kind === "charged"
          ? { attempts: 1 }
          : {
              attempts: 1,
              ...(claimed.charge ? { charges: [claimed.charge] } : {}),
              ...(claimed.script ? { scripts: { [request.accountId]: claimed.script } } : {}),
            };
      apply(delta);
      storage.announce(delta);
      if (claimed.kind === "charged") {
        // Charged before (any tab, any session): answer as the core's gateway does for a repeated key.
        const outcome: ChargeOutcome = sameCharge(claimed.record, request)
          ? { status: "succeeded", chargeId: claimed.record.chargeId as string }
          : { status: "error", message: "This idempotency key was already used for a different charge." };
        return wait(latency, outcome);
      }
      const done = () =>
        claimed.outcome === "no-card" || claimed.outcome === "invalid" ? undefined : storage.answered(key).catch(() => undefined);
      let outcome: ChargeOutcome;
      try {
        outcome = await attempt(request, claimed.outcome, prefix);
      } catch (error) {
        await done();
        throw error;
      }
      await done();
      return outcome;
    },
    charges: () => [...all],
    attempts: () => attempts,
    hasCard: (accountId) => cards.has(accountId),
    cards: () => [...cards],
    async addCards(accountIds) {
      const added = [...accountIds];
      await storage.save({ addCards: added });
      for (const id of added) cards.add(id);
    },
    async removeCard(accountId) {
      await storage.save({ removeCards: [accountId] });
      cards.delete(accountId);
    },
    async script(accountId, outcomes) {
      // Checked by the core's rules (a bad outcome is refused before anything is stored).
      createSimulatedGateway().script(accountId, outcomes);
      const queue = [...(scripts.get(accountId) ?? []), ...outcomes];
      await storage.save({ scripts: { [accountId]: queue } });
      scripts.set(accountId, queue);
    },
    scriptOf: (accountId) => [...(scripts.get(accountId) ?? [])],
  };
  return { gateway, reload, apply };
}
