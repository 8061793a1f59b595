/**
 * Sign-in: the host plugs in `authenticate(request)`, which turns a request
 * into a session (its organisation, role and accounts) by checking its own
 * cookie or token. The development sign-in issues and checks HS256 tokens
 * with `jose`, signed with the server's dev secret and expiring.
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
    throw new CreditKitError("invalid-input", { field: "devSecret" }, `The dev secret must be at least ${MIN_SECRET_BYTES} bytes.`);
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

/** The dev sign-in's `authenticate`: a valid, unexpired `Authorization: Bearer` token of this secret. */
export function devAuthenticate(key: Uint8Array): Authenticate {
  return async (request) => {
    const header = request.headers.get("authorization") ?? "";
    const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,8192})$/.exec(header);
    if (!match?.[1]) return undefined;
    try {
      const { payload } = await jwtVerify(match[1], key, { algorithms: ["HS256"], issuer: ISSUER, audience: AUDIENCE });
      return asSession({ orgId: payload.org, role: payload.role, accountIds: payload.acc });
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
