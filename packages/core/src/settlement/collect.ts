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

/** One call, raced against `timeoutMs` (Infinity: no race). Never rejects. */
function ask(gateway: PaymentGateway, request: ChargeRequest, timeoutMs: number): Promise<Answer> {
  let call: Promise<Answer>;
  try {
    call = Promise.resolve(gateway.charge(request)).then(wellFormed, rejected);
  } catch (error) {
    // A gateway that throws instead of rejecting failed the same way.
    call = Promise.resolve(rejected(error));
  }
  if (timeoutMs === Number.POSITIVE_INFINITY) return call;
  // Whichever comes first wins; the answer cancels the timer (one promise, not a race of two and an await).
  // Calls in flight share one platform timer per length of wait (see `Waits`).
  const waits = waitsOf(timeoutMs);
  return new Promise<Answer>((resolve) => {
    const wait = waits.start(() => resolve({ status: "unknown", message: `The payment gateway did not answer within ${timeoutMs} ms.` }));
    call.then((answer) => {
      waits.cancel(wait);
      resolve(answer);
    });
  });
}

/**
 * Charges with `request.idempotencyKey`, asking once more after a time-out.
 * The answer is final (`succeeded`, `declined`, `error`) or `unknown`: the
 * charge may have happened and only another call with the key can tell.
 * After a time-out, a rejected retry says nothing about the first attempt,
 * so it stays unknown. Never rejects.
 */
export function collect(gateway: PaymentGateway, request: ChargeRequest, timeoutMs: number): Promise<ChargeOutcome> {
  return ask(gateway, request, timeoutMs).then((first): ChargeOutcome | Promise<ChargeOutcome> => {
    if (first.status === "rejected") return { status: "error", message: first.message };
    if (first.status !== "unknown") return first;
    return ask(gateway, request, timeoutMs).then((second) =>
      second.status === "rejected" ? { status: "unknown", message: `${first.message} Asking again failed: ${second.message}` } : second,
    );
  });
}
