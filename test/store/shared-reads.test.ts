/**
 * Issue #13, item 10, through the embedded store: what getAccount,
 * getAccounts and getSettings return cannot change the store, for other
 * readers or after a reload.
 */
import { expect } from "chai";
import { databases, uniqueName } from "./helpers.js";

/** Runs `mutate`, which may throw (frozen data) or change a copy. */
function attempt(mutate: () => void): void {
  try {
    mutate();
  } catch {
    // Frozen: refused.
  }
}

describe("store: reads are not shared mutable state (#13.10)", () => {
  const dbs = databases();
  afterEach(() => dbs.cleanUp());

  it("reads are not shared mutable state: changing what getAccount or getSettings returned changes nothing (#13.10)", async () => {
    const name = uniqueName();
    const source = await dbs.open(name);
    await source.openAccounts([{ id: "fam-1", name: "Rivera family", kind: "family" }]);
    const fee = { id: "f#0", key: "f", type: "Fee" as const, accountId: "fam-1", date: "2026-11-01", amount: "40.00" };
    await source.commit("f", [{ ...fee, description: "Swim", feeId: "swim", category: "Tuition", dueDate: "2026-11-15" }]);
    const account = JSON.stringify(await source.getAccount("fam-1"));
    const settings = JSON.stringify(await source.getSettings());

    const got = await source.getAccount("fam-1");
    attempt(() => Object.assign(got, { amountDue: "0.00" }));
    attempt(() => Object.assign(got.fees[0] as object, { remainder: "0.00" }));
    attempt(() => Object.assign(got.account, { name: "Changed" }));
    const all = await source.getAccounts();
    attempt(() => Object.assign(all[0] as object, { accountCredit: "99.00" }));
    const s = await source.getSettings();
    attempt(() => Object.assign(s, { autoApply: !s.autoApply }));

    expect(JSON.stringify(await source.getAccount("fam-1"))).to.equal(account);
    expect(JSON.stringify(await source.getSettings())).to.equal(settings);
    source.close();
    const reopened = await dbs.open(name);
    expect(JSON.stringify(await reopened.getAccount("fam-1"))).to.equal(account);
    expect(JSON.stringify(await reopened.getSettings())).to.equal(settings);
  });
});
