/**
 * The demo's sign-in on the shared ledger: the server's development sign-in
 * (`POST /api/dev/sign-in`) issues a signed, expiring token for the admin or
 * one family. The person and the token are kept in sessionStorage, so each
 * browser tab is signed in on its own: one tab the admin, another a family.
 * A token close to expiry is asked for again for the same person (the dev
 * sign-in needs no password; a host's `getToken` would refresh its own
 * session instead).
 */
import { CreditKitError } from "@creditkit/core";
import { apiBase, type RemoteConfig } from "./config.js";

/** Who this tab is. */
export interface Person {
  readonly role: "admin" | "member";
  /** The family's account (members). */
  readonly accountId?: string;
  /** How the top bar names them: "Admin", or the family's billing name. */
  readonly name: string;
}

interface Stored extends Person {
  readonly token: string;
  readonly expiresAt: string;
}

const KEY = "creditkit-demo:session";
/** A token this close to expiry is replaced before it is sent. */
const RENEW_MS = 120_000;

function read(): Stored | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as Stored | null;
    return value && typeof value.token === "string" && (value.role === "admin" || value.role === "member") ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The person signed in in this tab, if any. */
export function signedIn(): Person | undefined {
  const stored = read();
  return stored && { role: stored.role, name: stored.name, ...(stored.accountId ? { accountId: stored.accountId } : {}) };
}

/** Asks the server for a token for `person` (a development token, signed and expiring). */
async function requestToken(config: RemoteConfig, person: Person): Promise<{ token: string; expiresAt: string }> {
  const response = await fetch(`${apiBase(config)}/api/dev/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ orgId: config.orgId, role: person.role, accountIds: person.accountId ? [person.accountId] : [] }),
  }).catch(() => {
    throw new CreditKitError("network-unavailable", {}, "The creditkit server does not answer. Is `npm start` still running?");
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string; expiresAt?: string; message?: string };
  if (!response.ok || !body.token || !body.expiresAt) {
    throw new CreditKitError("unauthorized", { status: response.status }, body.message ?? "The development sign-in refused.");
  }
  return { token: body.token, expiresAt: body.expiresAt };
}

/** Signs this tab in as `person`. */
export async function signIn(config: RemoteConfig, person: Person): Promise<void> {
  const token = await requestToken(config, person);
  sessionStorage.setItem(KEY, JSON.stringify({ ...person, ...token } satisfies Stored));
}

/** Signs this tab out. */
export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

/** The remote data source's `getToken`: this tab's token, renewed for the same person when it is about to expire. */
export function tokenGetter(config: RemoteConfig): () => Promise<string> {
  let renewing: Promise<void> | undefined;
  return async () => {
    const stored = read();
    if (!stored) throw new CreditKitError("unauthorized", {}, "This tab is signed out.");
    if (Date.parse(stored.expiresAt) - Date.now() > RENEW_MS) return stored.token;
    renewing ??= signIn(config, stored).finally(() => {
      renewing = undefined;
    });
    await renewing;
    return read()?.token ?? stored.token;
  };
}

/** A short-lived admin token, for the sign-in page's list of families (the dev sign-in lets anyone be the admin). */
export async function adminToken(config: RemoteConfig): Promise<string> {
  return (await requestToken(config, { role: "admin", name: "Admin" })).token;
}
