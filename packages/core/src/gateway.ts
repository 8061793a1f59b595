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

/**
 * What the gateway answered. Only `declined`, and an `error` marked
 * `notCharged: true`, say for sure that nothing was charged: settlement then
 * frees the reservation. Any other error, a rejection and `unknown` (a
 * time-out) may have charged: settlement keeps the reservation and asks again
 * later with the same key and amount.
 */
export type ChargeOutcome =
  | { readonly status: "succeeded"; readonly chargeId: string }
  | { readonly status: "declined"; readonly reason: string }
  | { readonly status: "error"; readonly message: string; readonly notCharged?: boolean }
  | { readonly status: "unknown"; readonly message: string };

export interface PaymentGateway {
  /** Charges the account's stored profile. May reject or hang; settlement treats both as `unknown`. */
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
}
