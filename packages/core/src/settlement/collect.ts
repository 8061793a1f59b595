/**
 * Asking the gateway for one charge (§5). Only a decline, a success, or an
 * error the gateway marks `notCharged` is final. Anything else may have
 * charged — a time-out, an `unknown` or unmarked `error` answer, a rejected
 * promise, a thrown error, an answer that is not of the port's shapes — so it
 * is asked about once more with the same idempotency key, and if that is not
 * final either the answer is `unknown`.
 */
import type { ChargeOutcome, ChargeRequest, PaymentGateway } from "../gateway.js";
import { waitsOf } from "./timers.js";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const UNREADABLE: ChargeOutcome = { status: "unknown", message: "The payment gateway gave an answer settlement cannot read." };

/**
 * Checks the gateway kept to the port's shapes and copies the answer: each
 * field is read once, here, so a getter can neither throw later (leaving the
 * reservation owned by a settlement that never ends) nor answer one thing to
 * this check and another to settlement. Anything else might have charged, so
 * it is unknown.
 */
function wellFormed(outcome: unknown): ChargeOutcome {
  try {
    if (outcome === null || typeof outcome !== "object") return UNREADABLE;
    const o = outcome as Partial<Record<string, unknown>>;
    const status = o.status;
    if (status === "succeeded") {
      const chargeId = o.chargeId;
      return typeof chargeId === "string" && chargeId !== "" ? { status, chargeId } : UNREADABLE;
    }
    if (status === "declined") {
      const reason = o.reason;
      return typeof reason === "string" ? { status, reason } : UNREADABLE;
    }
    if (status === "error" || status === "unknown") {
      const message = o.message;
      if (typeof message !== "string") return UNREADABLE;
      // Only `notCharged: true` itself says nothing was charged; any other value is no promise.
      if (status === "error") return o.notCharged === true ? { status, message, notCharged: true } : { status, message };
      return { status, message };
    }
    return UNREADABLE;
  } catch {
    return UNREADABLE;
  }
}

/** True when the answer settles whether the card was charged. */
function isFinal(outcome: ChargeOutcome): boolean {
  return outcome.status === "succeeded" || outcome.status === "declined" || (outcome.status === "error" && outcome.notCharged === true);
}

/** The words of an answer that is not final. */
const textOf = (outcome: ChargeOutcome): string => ("message" in outcome ? outcome.message : outcome.status);

const rejected = (error: unknown): ChargeOutcome => ({ status: "error", message: messageOf(error) });

/**
 * One call, raced against `timeoutMs` (Infinity: no race); `done` is called
 * once with the answer. Callbacks, not a promise per step: a batch makes one
 * call per invoice, and each promise in the chain was an allocation and a
 * microtask more (a third of the chain).
 */
function ask(gateway: PaymentGateway, request: ChargeRequest, timeoutMs: number, done: (answer: ChargeOutcome) => void): void {
  let call: unknown;
  try {
    call = gateway.charge(request);
  } catch (error) {
    // A gateway that throws instead of rejecting failed the same way.
    call = Promise.reject(error);
  }
  // A native promise as it is; anything else adopted by `Promise.resolve`, which calls a foreign
  // `then` safely and once (one that throws is a rejection, one that answers twice counts once).
  const answer: Promise<unknown> = call instanceof Promise ? call : Promise.resolve(call);
  if (timeoutMs === Number.POSITIVE_INFINITY) {
    answer.then(
      (outcome) => done(wellFormed(outcome)),
      (error) => done(rejected(error)),
    );
    return;
  }
  // Whichever comes first wins; the answer cancels the timer. Calls in flight
  // share one platform timer per length of wait (see `Waits`).
  const waits = waitsOf(timeoutMs);
  let over = false;
  const wait = waits.start(() => {
    over = true;
    done({ status: "unknown", message: `The payment gateway did not answer within ${timeoutMs} ms.` });
  });
  const settle = (result: ChargeOutcome) => {
    if (over) return;
    over = true;
    waits.cancel(wait);
    done(result);
  };
  answer.then(
    (outcome) => settle(wellFormed(outcome)),
    (error) => settle(rejected(error)),
  );
}

/**
 * Charges with `request.idempotencyKey`, asking once more when the first
 * answer is not final. The result is final (`succeeded`, `declined`, an
 * `error` with `notCharged`) or `unknown`: the charge may have happened and
 * only another call with the key can tell. Never rejects.
 */
export function collect(gateway: PaymentGateway, request: ChargeRequest, timeoutMs: number): Promise<ChargeOutcome> {
  return new Promise<ChargeOutcome>((resolve) => {
    ask(gateway, request, timeoutMs, (first) => {
      if (isFinal(first)) resolve(first);
      else {
        ask(gateway, request, timeoutMs, (second) =>
          resolve(isFinal(second) ? second : { status: "unknown", message: `${textOf(first)} Asking again: ${textOf(second)}` }),
        );
      }
    });
  });
}
