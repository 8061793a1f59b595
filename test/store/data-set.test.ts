import { type MassCreditDataSet, type MassCreditRequest, previewMassCredit } from "@creditkit/core";
import { expect } from "chai";
import { createMemoryDataSource, type StoreDataSource, seedDemoData } from "../../packages/store/src/index.js";

/** Who a family-mode credit with "only customers with outstanding charges" would reach, at the data set's first location. */
function outstandingFamilies(dataSet: MassCreditDataSet, categories: readonly string[] = []): string[] {
  const request: MassCreditRequest = {
    description: "Pool closed",
    creditType: dataSet.lists.creditTypes[0]?.id ?? "",
    date: "2026-12-01",
    amount: "5.00",
    currency: dataSet.currency,
    mode: "family",
    location: dataSet.lists.locations[0]?.id ?? "",
    outstandingOnly: true,
    chargeCategories: categories,
  };
  return previewMassCredit(request, dataSet).rows.map((row) => row.familyId);
}

async function seeded(): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  await seedDemoData(source, { seed: 11, families: 60 });
  return source;
}

describe("store: the mass-credit data set follows the ledger (§6 outstanding charges)", () => {
  it("a family whose fees are paid is no longer outstanding; its fees read 0.00", async () => {
    const source = await seeded();
    const before = (await source.getDataSet()) as MassCreditDataSet;
    const family = outstandingFamilies(before)[0] as string;
    expect(family, "a family with an outstanding charge").to.be.a("string");
    const account = await source.getAccount(family);
    const owed = account.fees.filter((f) => f.remainder !== "0.00");
    await source.commit(`pay/${family}`, [
      {
        id: `pay/${family}#0`,
        key: `pay/${family}`,
        type: "Payment",
        accountId: family,
        date: "2026-11-30",
        amount: account.amountDue,
        description: "Paid at the desk",
        method: "cash",
        allocations: owed.map((f) => ({ feeId: f.feeId, amount: f.remainder })),
      },
    ]);
    const after = (await source.getDataSet()) as MassCreditDataSet;
    expect(outstandingFamilies(after)).not.to.include(family);
    expect(after.fees.filter((f) => f.familyId === family).map((f) => f.remainder)).to.satisfy((all: string[]) =>
      all.every((r) => r === "0.00"),
    );
    // Every other family reads as before.
    expect(outstandingFamilies(after)).to.deep.equal(outstandingFamilies(before).filter((id) => id !== family));
  });

  it("a fee charged to the account after the data set was stored makes its family outstanding, in its category", async () => {
    const source = await seeded();
    const before = (await source.getDataSet()) as MassCreditDataSet;
    const owing = new Set(outstandingFamilies(before));
    const family = before.families.find((f) => !owing.has(f.id) && f.id !== undefined)?.id as string;
    const category = before.lists.chargeCategories[0] as { id: string; name: string };
    expect(outstandingFamilies(before, [category.id])).not.to.include(family);
    await source.commit(`charge/${family}`, [
      {
        id: `charge/${family}#0`,
        key: `charge/${family}`,
        type: "Fee",
        accountId: family,
        date: "2026-11-30",
        amount: "12.00",
        description: "Goggles",
        feeId: "pos-goggles",
        category: category.name,
        dueDate: "2026-11-30",
      },
    ]);
    const after = (await source.getDataSet()) as MassCreditDataSet;
    expect(after.fees).to.deep.include({ id: "pos-goggles", familyId: family, category: category.id, remainder: "12.00" });
    expect(outstandingFamilies(after, [category.id])).to.include(family);
  });

  it("hands out the same data set while the ledger is unchanged, so a preview's index stays valid", async () => {
    const source = await seeded();
    const first = await source.getDataSet();
    expect(await source.getDataSet()).to.equal(first);
    await source.updateSettings({ overpaymentToCredit: true });
    expect(await source.getDataSet()).to.equal(first);
  });
});
