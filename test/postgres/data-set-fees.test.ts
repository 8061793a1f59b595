/**
 * The data set's fee remainders read from the ledger with one aggregate
 * query (src/data-set-fees.ts) are the core's own figures: on a ledger with
 * cash payments (one and two allocations), credit payments, voids of fees,
 * reversed payments and reversed credit payments, fees paid off and fees the
 * data set does not list, every account's `feeBalances` and the whole
 * `getDataSet` equal what `restoreJournal` + `withLedgerFees` give for the
 * same entries.
 */
import {
  type AccountRecord,
  type CreditPaymentEntry,
  type GrantEntry,
  type LedgerEntry,
  type MassCreditDataSet,
  type OrgSettings,
  restoreJournal,
  type VoidEntry,
  withLedgerFees,
} from "@creditkit/core";
import { generateDataSet } from "@creditkit/core/demo";
import { expect } from "chai";
import { feeLedger, readFeeRows } from "../../packages/postgres/src/data-set-fees.js";
import { createPostgresDataSource, type PostgresDataSource } from "../../packages/postgres/src/index.js";
import { FEE_DATE, feeEntry, payment, seedLedger } from "./data-set-helpers.js";
import { perEngine, uniqueOrg } from "./helpers.js";

const DATE = "2026-11-20";

function grant(accountId: string, grantId: string, amount: string): GrantEntry {
  return {
    id: `${grantId}#0`,
    key: grantId,
    type: "Account Credit",
    accountId,
    grantId,
    amount,
    date: FEE_DATE,
    description: "Credit",
    creditType: "weather",
    source: { kind: "manual" },
  };
}

function creditPayment(accountId: string, feeId: string, grantId: string, amount: string, key: string): CreditPaymentEntry {
  return {
    id: `${key}#0`,
    key,
    type: "Payment (AC)",
    accountId,
    feeId,
    amount,
    date: DATE,
    description: "Credit used",
    grants: [{ grantId, amount }],
  };
}

function voidFee(accountId: string, feeId: string, amount: string, key: string): VoidEntry {
  return { id: `${key}#0`, key, type: "Void", accountId, amount, date: DATE, description: "Waived", target: { kind: "fee", feeId } };
}

/** Moves money on the families' fees in six patterns (see the module comment); returns how many families were touched. */
async function moveMoney(source: PostgresDataSource, data: MassCreditDataSet): Promise<number> {
  const owed = new Map<string, { id: string; remainder: string }[]>();
  for (const f of data.fees) if (f.remainder !== "0.00") owed.set(f.familyId, [...(owed.get(f.familyId) ?? []), f]);
  let n = 0;
  for (const [family, fees] of owed) {
    const [first, second] = fees as [{ id: string; remainder: string }, { id: string; remainder: string } | undefined];
    const k = `${family}/${n}`;
    switch (n % 7) {
      case 0:
        await source.commit(`pay/${k}`, [payment(family, first.id, first.remainder, `pay/${k}`)]);
        break;
      case 1: {
        await source.commit(`pay/${k}`, [payment(family, first.id, "1.00", `pay/${k}`)]);
        await source.reversePayment({ entryId: `pay/${k}#0`, accountId: family, date: DATE });
        await source.commit(`pay2/${k}`, [payment(family, first.id, "0.75", `pay2/${k}`)]);
        break;
      }
      case 2:
        await source.commit(`g/${k}`, [grant(family, `g/${k}`, "10.00")]);
        await source.commit(`ac/${k}`, [creditPayment(family, first.id, `g/${k}`, "0.50", `ac/${k}`)]);
        break;
      case 3:
        await source.commit(`g/${k}`, [grant(family, `g/${k}`, "10.00")]);
        await source.commit(`ac/${k}`, [creditPayment(family, first.id, `g/${k}`, "0.50", `ac/${k}`)]);
        await source.reversePayment({ entryId: `ac/${k}#0`, accountId: family, date: DATE });
        break;
      case 4:
        await source.commit(`void/${k}`, [voidFee(family, first.id, "0.25", `void/${k}`)]);
        if (second) {
          const both = payment(family, first.id, "0.10", `two/${k}`);
          await source.commit(both.key, [
            { ...both, amount: "0.30", allocations: [...both.allocations, { feeId: second.id, amount: "0.20" }] },
          ]);
        }
        break;
      case 5: {
        const late = feeEntry(family, `late/${k}`, "7.50", "Late fees");
        await source.commit(late.key, [late]);
        await source.commit(`pay/${k}`, [payment(family, late.feeId, "2.50", `pay/${k}`)]);
        break;
      }
      default:
        await source.commit(`void/${k}`, [voidFee(family, first.id, first.remainder, `void/${k}`)]);
    }
    n += 1;
  }
  return n;
}

perEngine("postgres data set fees read by one aggregate", (db) => {
  it("equal the core's fold of the same entries: every account's feeBalances and the whole getDataSet", async () => {
    const orgId = uniqueOrg("fees");
    const source = await createPostgresDataSource({ db: db(), orgId, currency: "USD", settings: { autoApply: false } });
    const data = generateDataSet({ seed: 7, families: 120 });
    await seedLedger(source, data, 100);
    await source.putDataSet(data);
    expect(await moveMoney(source, data)).to.be.greaterThan(20);

    const accounts = (
      await db().query<{ record: AccountRecord }>("SELECT record FROM accounts WHERE org_id = $1 ORDER BY seq", [orgId])
    ).map((r) => (typeof r.record === "string" ? JSON.parse(r.record) : r.record) as AccountRecord);
    const entries = (await db().query<{ entry: LedgerEntry }>("SELECT entry FROM entries WHERE org_id = $1 ORDER BY seq", [orgId])).map(
      (r) => (typeof r.entry === "string" ? JSON.parse(r.entry) : r.entry) as LedgerEntry,
    );
    expect(entries.map((e) => e.type)).to.include.members(["Fee", "Payment", "Payment (AC)", "Void", "Account Credit"]);
    const [org] = await db().query<{ settings: unknown }>("SELECT settings FROM organisations WHERE org_id = $1", [orgId]);
    const settings = (typeof org?.settings === "string" ? JSON.parse(org.settings) : org?.settings) as OrgSettings;
    const journal = restoreJournal({ currency: "USD", settings, accounts, entries, reservations: [] });
    const read = feeLedger(await readFeeRows(db(), orgId), "USD");
    let compared = 0;
    for (const family of data.families) {
      const inLedger = journal.hasAccount(family.id) && journal.feeBalances(family.id).length > 0;
      expect(read.hasAccount(family.id), family.id).to.equal(inLedger);
      expect(read.feeBalances(family.id), family.id).to.deep.equal(inLedger ? journal.feeBalances(family.id) : []);
      if (inLedger) compared += journal.feeBalances(family.id).length;
    }
    expect(compared).to.be.greaterThan(20);
    const got = await source.getDataSet();
    expect(got).to.deep.equal(await withLedgerFees(data, journal));
    expect(got).to.not.deep.equal(data);
    await source.close();
  });
});
