/** Accounts for the stories, in the embedded memory data source: the seed's scenarios and a busy family. */
import type { LedgerEntry, NewCharge, OrgSettings } from "@creditkit/core";
import { createMemoryDataSource, type StoreDataSource } from "@creditkit/store";

export const ACCOUNT = "fam-1";

export interface StoryAccount {
  readonly name?: string;
  /** [description, amount, due date] of each unpaid fee. */
  readonly fees?: readonly (readonly [string, string, string])[];
  readonly credit?: string;
  readonly settings?: Partial<OrgSettings>;
}

/** A memory data source holding one family account with the given fees and credit. */
export async function storySource(spec: StoryAccount): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false, ...spec.settings } });
  await source.openAccounts([{ id: ACCOUNT, name: spec.name ?? "Rivera family", kind: "family" }]);
  for (const [index, [description, amount, dueDate]] of (spec.fees ?? []).entries()) {
    const key = `fee/${index}`;
    const fee: LedgerEntry = {
      id: `${key}#0`,
      key,
      type: "Fee",
      accountId: ACCOUNT,
      feeId: `fee-${index}`,
      amount,
      date: "2026-11-01",
      dueDate,
      category: "Tuition",
      description,
    };
    await source.commit(key, [fee]);
  }
  if (spec.credit) {
    await source.commit("credit", [
      {
        id: "credit#0",
        key: "credit",
        type: "Account Credit",
        accountId: ACCOUNT,
        grantId: "grant-1",
        amount: spec.credit,
        date: "2026-10-20",
        description: "Pool closure credit",
        creditType: "Weather closure",
        source: { kind: "manual" },
      },
    ]);
  }
  return source;
}

/** The help article's batch example: an invoice of 20.00 with 5.00 of credit. */
export const DUE_20_CREDIT_5: StoryAccount = { fees: [["November tuition", "20.00", "2026-11-15"]], credit: "5.00" };

/** The help article's dues example: 200.00 due with 50.00 of credit. */
export const DUE_200_CREDIT_50: StoryAccount = {
  name: "Okafor family",
  fees: [["Membership dues, December", "200.00", "2026-12-01"]],
  credit: "50.00",
};

/** Several fees, for choosing and splitting. */
export const BUSY_FAMILY: StoryAccount = {
  name: "Nguyen family",
  fees: [
    ["October swim lessons", "85.00", "2026-10-01"],
    ["November swim lessons", "85.00", "2026-11-01"],
    ["Winter camp deposit", "40.00", "2026-11-15"],
  ],
  credit: "25.00",
};

/** A sale rung up at the point of sale. */
export const RACKET_RESTRING: NewCharge = { itemId: "restring", category: "Pro shop", description: "Racket restring", amount: "12.00" };

/** The point-of-sale edge case: auto-apply on, credit on the account, nothing else owed. */
export const AUTO_APPLY_WITH_CREDIT: StoryAccount = { name: "Silva family", credit: "5.00", settings: { autoApply: true } };

/** Waits for `find` to return an element inside the story (elements render asynchronously). */
export async function waitFor<T>(find: () => T | null | undefined, timeout = 3000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const found = find();
    if (found) return found;
    if (performance.now() - start > timeout) throw new Error("The story did not render in time.");
    await new Promise((r) => setTimeout(r, 20));
  }
}
