/**
 * Applying existing credit (issue #17) through the remote data source against the server: the page-driven job
 * records one checkout plan per account over `POST /api/checkouts`; running it again writes nothing; a
 * request lost midway leaves that account untouched and planning again under the same run id finishes it.
 */
import { applyExistingCredit, type CheckoutPlan, planApplyExistingCredit, planSweep } from "@creditkit/core";
import { expect } from "chai";
import { fee, grant } from "../postgres/helpers.js";
import { type Listening, listening, type RemoteOrg, remoteOrg } from "./remote-helpers.js";

const DATE = "2026-12-01";

describe("remote data source: applying existing credit when auto-apply is turned on (issue #17)", function () {
  this.timeout(60000);
  let at: Listening;
  let org: RemoteOrg;

  before(async () => {
    at = await listening();
  });
  after(async () => {
    await at.close();
  });
  beforeEach(async () => {
    org = await remoteOrg(at);
    // 10 families, auto-apply off: 8 hold both (due 30.00, credit 10.00 … 45.00), 2 only credit.
    await org.direct.updateSettings({ autoApply: false });
    const ids = Array.from({ length: 10 }, (_, i) => `fam-${i}`);
    await org.direct.openAccounts(ids.map((id, i) => ({ id, name: `Family ${i}`, kind: "family" as const })));
    for (const [i, id] of ids.entries()) {
      const owed = fee(id, `f-${i}`, "30.00");
      const credit = grant(id, `g-${i}`, `${10 + 5 * i}.00`);
      if (i < 8) await org.direct.commit(owed.key, [owed]);
      await org.direct.commit(credit.key, [credit]);
    }
  });
  afterEach(async () => {
    await org.close();
  });

  const holdingBoth = async () =>
    (await org.direct.getAccounts()).filter((s) => planSweep(s, { key: "k", date: DATE }).length > 0).map((s) => s.account.id);

  it("applies each account once over the API; a lost request leaves its account untouched and a re-run finishes it", async () => {
    const { source } = org;
    await source.updateSettings({ autoApply: true });
    const plan = planApplyExistingCredit(await source.getAccounts(), { runId: "settings-1", date: DATE, currency: source.currency });
    // 10 + 15 + 20 + 25 + 30 + 30 + 30 + 30.
    expect(plan).to.deep.include({ count: 8, total: "190.00" });
    let calls = 0;
    const flaky = {
      recordCheckout: (p: CheckoutPlan) => (++calls === 4 ? Promise.reject(new Error("fetch failed")) : source.recordCheckout(p)),
    };
    const first = await applyExistingCredit(flaky, plan, { chunkSize: 3 });
    expect(first).to.deep.include({ applied: 7, credit: "165.00" });
    expect(first.failures.map((f) => f.accountId)).to.deep.equal(["fam-3"]);
    expect(await org.direct.committed("apply-credit/settings-1/fam-3")).to.equal(undefined);
    expect(await holdingBoth()).to.deep.equal(["fam-3"]);

    const rest = planApplyExistingCredit(await source.getAccounts(), { runId: "settings-1", date: DATE });
    expect(rest.items.map((i) => i.key)).to.deep.equal(["apply-credit/settings-1/fam-3"]);
    expect(await applyExistingCredit(source, rest)).to.deep.include({ applied: 1, credit: "25.00", failures: [] });
    expect(await holdingBoth()).to.deep.equal([]);

    // The first plan again (a double click, a retry): every key answers duplicate, nothing is written.
    const before = (await org.direct.listEntries()).length;
    expect(await applyExistingCredit(source, plan)).to.deep.include({ applied: 0, already: 8, credit: "190.00", failures: [] });
    expect((await org.direct.listEntries()).length).to.equal(before);
  });
});
