/**
 * Sign-in: the host plugs in `authenticate(request)`, which turns a request
 * into a session (its organisation, role and accounts) by checking its own
 * cookie or token. The development sign-in issues and checks HS256 tokens
 * with `jose`, signed with the server's dev secret and expiring; a token it
 * verified is remembered (until it expires, at most a minute) so a member's
 * every request does not pay for the signature again.
 */
import { CreditKitError } from "@creditkit/core";
import { jwtVerify, SignJWT } from "jose";

export type Role = "admin" | "member";

/** Who is asking: the organisation always comes from here, never from the request. */
export interface Session {
  readonly orgId: string;
  readonly role: Role;
  /** The accounts a member may read and pay for (ignored for admins, who see every account of the organisation). */
  readonly accountIds: readonly string[];
}

/** The host's sign-in check: a session, or undefined when the request is not signed in. */
export type Authenticate = (request: Request) => Session | undefined | Promise<Session | undefined>;

const ISSUER = "creditkit-dev";
const AUDIENCE = "creditkit";
const MIN_SECRET_BYTES = 32;

/** The HS256 key of a dev secret (at least 32 bytes, as HS256 asks). */
export function devKey(secret: string): Uint8Array {
  const key = new TextEncoder().encode(secret);
  if (key.length < MIN_SECRET_BYTES) {
    throw new CreditKitError("invalid-input", { field: "devSecret", reason: "secret-too-short", minBytes: MIN_SECRET_BYTES });
  }
  return key;
}

/** Issues a development token for `session`, valid `ttlSeconds`. */
export async function signDevToken(key: Uint8Array, session: Session, ttlSeconds: number): Promise<{ token: string; expiresAt: string }> {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ org: session.orgId, role: session.role, acc: [...session.accountIds] })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(key);
  return { token, expiresAt: new Date((now + ttlSeconds) * 1000).toISOString() };
}

/** How long a verified token is remembered at most, and how many are. */
export interface TokenCacheOptions {
  /** Default 60,000 ms; 0 verifies every request. A token is never remembered past its expiry. */
  readonly ms?: number;
  /** Default 10,000 tokens; the oldest remembered is forgotten first. */
  readonly max?: number;
  /** The clock (tests). */
  readonly now?: () => number;
}

/**
 * The dev sign-in's `authenticate`: a valid, unexpired `Authorization: Bearer`
 * token of this secret. Verifying an HS256 signature through WebCrypto costs
 * about a tenth of a portal checkout's server time, so a verified token's
 * session is kept (keyed by the whole token: any other byte is verified
 * afresh) until `min(exp, now + ms)`. Only tokens that verified are kept, so
 * forged ones cannot fill it; dev tokens cannot be revoked, so remembering
 * one changes nothing but the cost.
 */
export function devAuthenticate(key: Uint8Array, cache: TokenCacheOptions = {}): Authenticate {
  const ms = cache.ms ?? 60_000;
  const max = cache.max ?? 10_000;
  const now = cache.now ?? Date.now;
  const verified = new Map<string, { readonly session: Session; readonly until: number }>();
  return async (request) => {
    const header = request.headers.get("authorization") ?? "";
    const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,8192})$/.exec(header);
    const token = match?.[1];
    if (!token) return undefined;
    const hit = verified.get(token);
    if (hit !== undefined) {
      if (hit.until > now()) return hit.session;
      verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ["HS256"],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ["exp"],
        currentDate: new Date(now()),
      });
      const session = asSession({ orgId: payload.org, role: payload.role, accountIds: payload.acc });
      const until = Math.min(Number(payload.exp) * 1000, now() + ms);
      if (session && until > now()) {
        if (verified.size >= max) verified.delete(verified.keys().next().value as string);
        verified.set(token, { session, until });
      }
      return session;
    } catch {
      return undefined;
    }
  };
}

/** `value` as a session, or undefined when it is not one (a host's mistake must not sign anyone in). */
export function asSession(value: unknown): Session | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { orgId, role, accountIds } = value as Record<string, unknown>;
  if (typeof orgId !== "string" || orgId === "" || orgId.length > 200) return undefined;
  if (role !== "admin" && role !== "member") return undefined;
  const ids = accountIds ?? [];
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string" && id !== "")) return undefined;
  return { orgId, role, accountIds: [...new Set(ids as string[])] };
}

/** The session of `request`, or `unauthorized`. */
export async function requireSession(authenticate: Authenticate, request: Request): Promise<Session> {
  let session: Session | undefined;
  try {
    session = asSession(await authenticate(request));
  } catch {
    session = undefined;
  }
  if (!session) throw new CreditKitError("unauthorized");
  return session;
}
