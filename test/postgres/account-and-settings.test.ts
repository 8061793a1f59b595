/**
 * `getAccountAndSettings`: the snapshot and the settings a member's checkout
 * is planned from, in one read through the kept account — never stale: a
 * change of settings or a payment made through another data source of the
 * organisation (another server process) is in the next read.
 */
import { expect } from "chai";
import { createPostgresDataSource } from "../../packages/postgres/src/index.js";
import { fee, freshLedger, grant, perEngine } from "./helpers.js";

perEngine("getAccountAndSettings", (db) => {
  it("answers what getAccount and getSettings answer, and sees another process's changes at once", async () => {
    const here = await freshLedger(db(), { settings: { autoApply: false } });
    const there = await createPostgresDataSource({ db: db(), orgId: here.orgId });
    try {
      await here.commit("fee/acc-1/f1", [fee("acc-1", "f1", "40.00")]);
      await here.postCredits("grant/acc-1/g1", [grant("acc-1", "g1", "15.00")]);
      const first = await here.getAccountAndSettings("acc-1");
      expect(first.snapshot).to.deep.equal(await here.getAccount("acc-1"));
      expect(first.settings).to.deep.equal(await here.getSettings());
      expect([first.snapshot.amountDue, first.snapshot.accountCredit, first.settings.portalPartialPayments]).to.deep.equal([
        "40.00",
        "15.00",
        false,
      ]);

      await there.updateSettings({ portalPartialPayments: true });
      await there.commit("fee/acc-1/f2", [fee("acc-1", "f2", "10.00")]);
      const next = await here.getAccountAndSettings("acc-1");
      expect(next.settings.portalPartialPayments, "the other process's settings").to.equal(true);
      expect(next.snapshot.amountDue, "the other process's fee").to.equal("50.00");
    } finally {
      await there.close();
      await here.close();
    }
  });
});
