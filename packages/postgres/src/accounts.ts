/** Opening billing accounts: each checked by the core, all in one transaction, an id already open refused. */
import { type AccountRecord, assertInput, CreditKitError, createJournal } from "@creditkit/core";
import { inOrg, type OrgScope } from "./org-tx.js";

export async function openAccounts(scope: OrgScope, currency: string, accounts: readonly AccountRecord[]): Promise<void> {
  assertInput(Array.isArray(accounts), "accounts");
  const check = createJournal({ currency });
  for (const a of accounts) {
    assertInput(typeof a?.id === "string" && a.id !== "", "account.id");
    if (check.hasAccount(a.id)) throw new CreditKitError("duplicate-account", { accountId: a.id });
    check.openAccount(a);
  }
  if (accounts.length === 0) return;
  const plain = check.accounts().map((a) => ({ id: a.id, name: a.name, kind: a.kind }));
  await inOrg(scope, async (tx) => {
    const taken = await tx.query<{ account_id: string }>(
      "SELECT account_id FROM accounts WHERE org_id = $1 AND account_id = ANY($2::text[]) LIMIT 1",
      [scope.orgId, plain.map((a) => a.id)],
    );
    if (taken[0]) throw new CreditKitError("duplicate-account", { accountId: taken[0].account_id });
    await tx.query(
      `INSERT INTO accounts (org_id, account_id, record)
       SELECT $1, a->>'id', a FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(a, n) ORDER BY n`,
      [scope.orgId, JSON.stringify(plain)],
    );
  });
}
