/**
 * Every database failure as a typed `CreditKitError`: which ones are worth
 * another try (a serialization failure, a deadlock, a lost race on a unique
 * key that the retry then answers), and what the rest mean for the caller.
 */
import { CreditKitError, type CreditKitErrorCode, isCreditKitError } from "@creditkit/core";

interface DbErrorShape {
  readonly code?: unknown;
  readonly constraint?: unknown;
  readonly message?: unknown;
}

const shape = (error: unknown): DbErrorShape => (error !== null && typeof error === "object" ? (error as DbErrorShape) : {});

/** Unique keys whose violation means another transaction won a race the retry answers (duplicate, in progress …). */
const RACED = new Set(["commits_pkey", "entries_entry_id_key", "runs_pkey", "run_posts_pkey", "gateway_intents_pkey", "accounts_pkey"]);

/** True when running the transaction again may succeed (or find the typed answer). */
export function isRetryable(error: unknown): boolean {
  if (isCreditKitError(error)) return false;
  const { code, constraint } = shape(error);
  if (code === "40001" || code === "40P01") return true;
  return code === "23505" && typeof constraint === "string" && RACED.has(constraint);
}

const CONSTRAINT_CODES: Readonly<Record<string, CreditKitErrorCode>> = {
  commits_pkey: "idempotency-conflict",
  entries_entry_id_key: "duplicate-id",
  accounts_pkey: "duplicate-account",
  reservations_pkey: "settlement-in-progress",
  entries_account_fkey: "unknown-account",
  reservations_account_fkey: "unknown-account",
};

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN"]);

/** The typed error for a database failure (a CreditKitError passes through). */
export function toCreditKitError(error: unknown): CreditKitError {
  if (isCreditKitError(error)) return error;
  const { code, constraint, message } = shape(error);
  const text = typeof message === "string" ? message : String(error);
  const c = typeof code === "string" ? code : "";
  const details = { sqlstate: c || undefined, constraint: typeof constraint === "string" ? constraint : undefined };
  if (typeof constraint === "string" && CONSTRAINT_CODES[constraint]) return new CreditKitError(CONSTRAINT_CODES[constraint], details);
  if (c === "40001" || c === "40P01") return new CreditKitError("storage-conflict", details);
  // Raised by the commits_owned_key trigger (migration 003): a settlement in flight owns the key.
  if (c === "CK409") return new CreditKitError("settlement-in-progress", details);
  if (c === "57014" || c === "55P03") return new CreditKitError("storage-timeout", details);
  if (c === "23505") return new CreditKitError("storage-conflict", details);
  if (c === "23503") return new CreditKitError("unknown-account", details);
  if (c === "42501" || c === "CK001" || c === "23514" || c === "23502") {
    return new CreditKitError("storage-refused", { ...details, reason: "database-rule", text });
  }
  if (c.startsWith("22")) return new CreditKitError("invalid-input", { ...details, reason: "database", text });
  if (c.startsWith("08") || c.startsWith("53") || c === "57P01" || c === "57P02" || c === "57P03" || CONNECTION_CODES.has(c)) {
    return new CreditKitError("storage-unavailable", { ...details, reason: "database-down", text });
  }
  return new CreditKitError("storage-unavailable", { ...details, reason: "database-failed", text });
}
