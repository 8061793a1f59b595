/**
 * One request to the creditkit API with what the remote data source promises
 * around it: the sign-in token on every attempt (asked again each time, so a
 * refreshed token is used), a timeout, a bounded number of retries of a lost
 * answer (network error, timeout, 5xx, 503 with `Retry-After`) that send the
 * same body and the same `Idempotency-Key`, so a write whose answer was lost
 * is written once; and every refusal as a `CreditKitError` with the server's
 * code. Only `fetch`, `AbortController` and timers: browsers and Node 20.
 */
import { CreditKitError, type CreditKitErrorCode, type ErrorDetails, messageFor } from "@creditkit/core";

export interface HttpOptions {
  /** The API's origin (and path prefix, if any), e.g. `https://credit.example.com`. */
  readonly url: string;
  /** The sign-in token sent as `Authorization: Bearer <token>`; asked before every attempt. */
  readonly getToken: () => string | Promise<string>;
  /** Default the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Attempts after the first when the answer is lost or a 5xx. Default 4. */
  readonly retries?: number;
  /** The first retry's delay; doubled each time, with jitter. Default 200 ms. */
  readonly retryDelayMs?: number;
  /** The longest wait between attempts (a larger `Retry-After` is cut to it). Default 5 s. */
  readonly maxRetryDelayMs?: number;
  /** How long one attempt may take before it counts as lost. Default 30 s. */
  readonly timeoutMs?: number;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** The operation's idempotency key (sent as `Idempotency-Key`, the same on every attempt). */
  readonly key?: string;
  /** This attempt's timeout, for long operations (runs, batches). */
  readonly timeoutMs?: number;
  /** Answers 404 with `undefined` instead of refusing (a read of something that may not exist). */
  readonly missingIsUndefined?: boolean;
}

export type Http = <T>(method: string, path: string, options?: RequestOptions) => Promise<T>;

/** A lost answer: retry it. `error` is what to throw when no retry is left. */
class Lost {
  constructor(
    readonly error: CreditKitError,
    readonly retryAfterMs?: number,
  ) {}
}

const KNOWN = (code: unknown): code is CreditKitErrorCode =>
  typeof code === "string" && typeof messageFor(code as CreditKitErrorCode) === "string";

/** The typed error of an error answer: its code when the kit knows it, else `internal` naming the server's code. */
export function errorOf(status: number, body: unknown): CreditKitError {
  const { code, message, details } = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const facts: Record<string, string | number | boolean> = { status };
  if (typeof details === "object" && details !== null) {
    for (const [k, v] of Object.entries(details)) if (["string", "number", "boolean"].includes(typeof v)) facts[k] = v as string;
  }
  const text = typeof message === "string" && message !== "" ? message : undefined;
  if (KNOWN(code)) return new CreditKitError(code, facts as ErrorDetails, text);
  const remote = { ...facts, ...(typeof code === "string" ? { remoteCode: code } : {}) };
  return new CreditKitError("internal", text === undefined ? { ...remote, reason: "no-kit-error" } : remote, text);
}

function unreachable(details: ErrorDetails): CreditKitError {
  return new CreditKitError("network-unavailable", details);
}

function retryAfter(response: Response): number | undefined {
  const value = response.headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  return text === "" ? undefined : JSON.parse(text);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createHttp(options: HttpOptions): Http {
  const base = options.url.replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const retries = options.retries ?? 4;
  const firstDelay = options.retryDelayMs ?? 200;
  const maxDelay = options.maxRetryDelayMs ?? 5000;

  async function attempt(method: string, path: string, request: RequestOptions): Promise<unknown> {
    const headers: Record<string, string> = { accept: "application/json", authorization: `Bearer ${await options.getToken()}` };
    if (request.key !== undefined) headers["idempotency-key"] = request.key;
    if (request.body !== undefined) headers["content-type"] = "application/json";
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs ?? options.timeoutMs ?? 30_000);
    try {
      let response: Response;
      try {
        response = await doFetch(`${base}${path}`, {
          method,
          headers,
          signal: controller.signal,
          ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        });
      } catch {
        throw new Lost(unreachable({ method, path, reason: controller.signal.aborted ? "timeout" : "network" }));
      }
      let body: unknown;
      try {
        body = await readJson(response);
      } catch {
        // The answer broke off, or is not JSON (a proxy's page): lost if it was a 5xx or broke off; else not ours.
        if (response.status >= 500 || response.ok) throw new Lost(unreachable({ method, path, status: response.status }));
        throw errorOf(response.status, undefined);
      }
      if (response.ok) return body;
      if (response.status === 404 && request.missingIsUndefined) return undefined;
      const error = errorOf(response.status, body);
      if (response.status >= 500) {
        // A gateway's 502/504 without our body: the server was not reached.
        const typed = error.code === "internal" && error.details.remoteCode === undefined && response.status !== 500;
        throw new Lost(typed ? unreachable({ method, path, status: response.status }) : error, retryAfter(response));
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  return async function send<T>(method: string, path: string, request: RequestOptions = {}): Promise<T> {
    for (let tried = 0; ; tried += 1) {
      try {
        return (await attempt(method, path, request)) as T;
      } catch (failure) {
        if (!(failure instanceof Lost)) throw failure;
        if (tried >= retries) throw failure.error;
        const backoff = firstDelay * 2 ** tried * (0.5 + Math.random() / 2);
        await sleep(Math.min(maxDelay, failure.retryAfterMs ?? backoff));
      }
    }
  };
}
