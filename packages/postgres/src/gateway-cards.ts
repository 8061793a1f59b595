/**
 * Which accounts the simulated gateway holds a card for (a batch's preview
 * says "declined: no card on file" before anything is charged). An account
 * with no row of its own has a card when the gateway's `cardsByDefault`
 * says so; the rows are the exceptions either way.
 */
import { inOrg, type OrgScope } from "./org-tx.js";

export interface CardsOnFile {
  /** Whether an account the gateway has no row for holds a card. */
  readonly byDefault: boolean;
  /** The accounts with a row of their own: with a card, and without one. */
  readonly withCard: readonly string[];
  readonly withoutCard: readonly string[];
}

export async function cardsOnFile(scope: OrgScope, byDefault: boolean): Promise<CardsOnFile> {
  const rows = await inOrg(
    scope,
    (tx) =>
      tx.query<{ account_id: string; has_card: boolean }>("SELECT account_id, has_card FROM gateway_accounts WHERE org_id = $1", [
        scope.orgId,
      ]),
    { readOnly: true },
  );
  return {
    byDefault,
    withCard: rows.filter((r) => r.has_card).map((r) => r.account_id),
    withoutCard: rows.filter((r) => !r.has_card).map((r) => r.account_id),
  };
}
