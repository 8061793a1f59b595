/**
 * The payment gateway port (§5): how settlement charges a member's stored
 * payment profile. The host supplies one; the kit ships a simulated gateway.
 */

export interface ChargeRequest {
  readonly accountId: string;
  /** Positive canonical amount in `currency`. */
  readonly amount: string;
  readonly currency: string;
  /**
   * The same key must never charge twice: asking again with it returns the
   * first attempt's outcome (or completes it).
   */
  readonly idempotencyKey: string;
  readonly description: string;
}

/** What the gateway answered. `unknown` is a time-out: the charge may or may not have happened. */
export type ChargeOutcome =
  | { readonly status: "succeeded"; readonly chargeId: string }
  | { readonly status: "declined"; readonly reason: string }
  | { readonly status: "error"; readonly message: string }
  | { readonly status: "unknown"; readonly message: string };

export interface PaymentGateway {
  /** Charges the account's stored profile. May reject or hang; settlement turns both into `error`/`unknown`. */
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
}
