/**
 * Asking the gateway for one charge (§5): a time-out or an `unknown` answer is
 * asked about once more with the same idempotency key; a rejected promise is
 * an error; a malformed answer is treated as unknown (it may have charged).
 */
import type { ChargeOutcome, ChargeRequest, PaymentGateway } from "../gateway.js";
import { waitsOf } from "./timers.js";

/** One answer, with a rejected promise kept apart from an `error` the gateway returned. */
type Answer = ChargeOutcome | { readonly status: "rejected"; readonly message: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Checks the gateway kept to the port's shapes; anything else might have charged, so it is unknown. */
function wellFormed(outcome: unknown): ChargeOutcome {
  const o = outcome as Partial<Record<string, unknown>> | null | undefined;
  const text = (field: string) => typeof o?.[field] === "string";
  if (o?.status === "succeeded" && text("chargeId") && o.chargeId !== "") return outcome as ChargeOutcome;
  if (o?.status === "declined" && text("reason")) return outcome as ChargeOutcome;
  if ((o?.status === "error" || o?.status === "unknown") && text("message")) return outcome as ChargeOutcome;
  return { status: "unknown", message: "The payment gateway gave an answer settlement cannot read." };
}

const rejected = (error: unknown): Answer => ({ status: "rejected", message: messageOf(error) });

/**
 * One call, raced against `timeoutMs` (Infinity: no race); `done` is called
 * once with the answer. Callbacks, not a promise per step: a batch makes one
 * call per invoice, and each promise in the chain was an allocation and a
 * microtask more (a third of the chain).
 */
function ask(gateway: PaymentGateway, request: ChargeRequest, timeoutMs: number, done: (answer: Answer) => void): void {
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
  const settle = (result: Answer) => {
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
 * Charges with `request.idempotencyKey`, asking once more after a time-out.
 * The answer is final (`succeeded`, `declined`, `error`) or `unknown`: the
 * charge may have happened and only another call with the key can tell.
 * After a time-out, a rejected retry says nothing about the first attempt,
 * so it stays unknown. Never rejects.
 */
export function collect(gateway: PaymentGateway, request: ChargeRequest, timeoutMs: number): Promise<ChargeOutcome> {
  return new Promise<ChargeOutcome>((resolve) => {
    ask(gateway, request, timeoutMs, (first) => {
      if (first.status === "rejected") resolve({ status: "error", message: first.message });
      else if (first.status !== "unknown") resolve(first);
      else {
        ask(gateway, request, timeoutMs, (second) =>
          resolve(
            second.status === "rejected"
              ? { status: "unknown", message: `${first.message} Asking again failed: ${second.message}` }
              : second,
          ),
        );
      }
    });
  });
}
