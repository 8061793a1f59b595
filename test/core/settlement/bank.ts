/**
 * The card processor behind the hostile gateways of the money-safety tests:
 * an honest one, idempotent by key as real processors are (the same key and
 * amount answers with the first charge, a different amount is refused), that
 * keeps every real charge so a checker can count them.
 */
import type { ChargeOutcome, ChargeRequest, PaymentGateway } from "../../../packages/core/src/gateway.js";

export interface BankCharge {
  readonly chargeId: string;
  readonly key: string;
  readonly accountId: string;
  readonly amount: string;
}

export class Bank implements PaymentGateway {
  /** Every real charge, in the order made. */
  readonly charges: BankCharge[] = [];
  /** Requests seen, in order. */
  readonly requests: ChargeRequest[] = [];
  private readonly byKey = new Map<string, BankCharge>();

  /** Charges now (or answers the key's earlier charge); synchronous, so a wrapper can charge and then misbehave. */
  chargeNow(request: ChargeRequest): ChargeOutcome {
    this.requests.push(request);
    const earlier = this.byKey.get(request.idempotencyKey);
    if (earlier) {
      if (earlier.amount !== request.amount || earlier.accountId !== request.accountId) {
        return { status: "error", message: `Key ${request.idempotencyKey} was used for ${earlier.amount}, not ${request.amount}.` };
      }
      return { status: "succeeded", chargeId: earlier.chargeId };
    }
    const charge = {
      chargeId: `ch_${this.charges.length + 1}`,
      key: request.idempotencyKey,
      accountId: request.accountId,
      amount: request.amount,
    };
    this.charges.push(charge);
    this.byKey.set(charge.key, charge);
    return { status: "succeeded", chargeId: charge.chargeId };
  }

  charge(request: ChargeRequest): Promise<ChargeOutcome> {
    return Promise.resolve(this.chargeNow(request));
  }

  chargedUnder(key: string): BankCharge | undefined {
    return this.byKey.get(key);
  }
}
