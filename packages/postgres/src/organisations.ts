/**
 * Organisations: bootstrap (currency and settings, once) and settings. The
 * core checks both; the row is created under the organisation's own
 * row-level-security scope like every other write.
 */
import { assertInput, CreditKitError, createJournal, DEFAULT_SETTINGS, type OrgSettings } from "@creditkit/core";
import type { Db } from "./db.js";
import { json } from "./ledger-rows.js";
import { inOrg, type OrgScope } from "./org-tx.js";

export interface OrganisationRequest {
  readonly orgId: string;
  /** ISO 4217; required for a new organisation, checked against an existing one. */
  readonly currency?: string;
  /** A new organisation's settings (the core's defaults otherwise); ignored for an existing one. */
  readonly settings?: Partial<OrgSettings>;
}

/**
 * Creates the organisation unless it exists; resolves with its currency.
 * Rejects with `currency-mismatch` when it exists in another currency, and
 * `unknown-id` when it is new and no currency was given.
 */
export async function ensureOrganisation(
  db: Db,
  request: OrganisationRequest,
  scope: Partial<OrgScope> = {},
): Promise<{ currency: string; created: boolean }> {
  assertInput(typeof request?.orgId === "string" && request.orgId !== "", "orgId");
  const { orgId, currency } = request;
  if (currency !== undefined) createJournal({ currency, ...(request.settings ? { settings: request.settings } : {}) });
  return inOrg({ ...scope, db, orgId }, async (tx) => {
    const [existing] = await tx.query<{ currency: string }>("SELECT currency FROM organisations WHERE org_id = $1", [orgId]);
    if (existing) {
      if (currency !== undefined && currency !== existing.currency) {
        throw new CreditKitError("currency-mismatch", { left: currency, right: existing.currency });
      }
      return { currency: existing.currency, created: false };
    }
    if (currency === undefined) throw new CreditKitError("unknown-id", { orgId, reason: "no-organisation" });
    const settings = { ...DEFAULT_SETTINGS, ...request.settings };
    const [made] = await tx.query<{ currency: string }>(
      `INSERT INTO organisations (org_id, currency, settings) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (org_id) DO NOTHING RETURNING currency`,
      [orgId, currency, JSON.stringify(settings)],
    );
    if (made) return { currency, created: true };
    // Another process created it meanwhile.
    const [raced] = await tx.query<{ currency: string }>("SELECT currency FROM organisations WHERE org_id = $1", [orgId]);
    if (raced && raced.currency !== currency) throw new CreditKitError("currency-mismatch", { left: currency, right: raced.currency });
    return { currency, created: false };
  });
}

/** Applies a settings patch (checked by the core) under the organisation row's lock. */
export async function updateSettings(scope: OrgScope, currency: string, patch: Partial<OrgSettings>): Promise<OrgSettings> {
  assertInput(patch !== null && typeof patch === "object", "patch");
  return inOrg(scope, async (tx) => {
    const [row] = await tx.query("SELECT settings FROM organisations WHERE org_id = $1 FOR UPDATE", [scope.orgId]);
    const journal = createJournal({ currency, settings: json<OrgSettings>(row?.settings) });
    const settings = journal.updateSettings(patch);
    await tx.query("UPDATE organisations SET settings = $2::jsonb WHERE org_id = $1", [scope.orgId, JSON.stringify(settings)]);
    return settings;
  });
}
