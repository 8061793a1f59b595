/**
 * The security suite (issue #15): hostile requests, table-driven, each
 * answered with its typed 4xx and nothing changed in either organisation
 * (entries, snapshots, settings, runs, data set, reservations and gateway
 * charges compared before and after). Prints the counts.
 */
import { expect } from "chai";
import { freshLedger, grant } from "../postgres/helpers.js";
import { type Answer, call, closeWorld, freshOrg, ledgerState, type Org, openWorld, perServerEngine, type World } from "./helpers.js";
import { CASES, type Ctx } from "./security-cases.js";

perServerEngine((engine) => {
  describe(`server security suite (${engine.name})`, function () {
    this.timeout(120_000);
    let world: World;
    let other: Org;
    const tally = { tried: 0, refused: 0, unchanged: 0 };
    before(async () => {
      world = await openWorld(engine);
      // Another organisation, with its own accounts (x-1) and a payment, seen through its admin.
      const source = await freshLedger(world.db, { accounts: 0, settings: { autoApply: false } });
      await source.openAccounts([{ id: "x-1", name: "Other family", kind: "family" }]);
      await source.postCredits("x/credit", [grant("x-1", "gx", "30.00", "x/credit")]);
      const admin = (await call(world, "POST", "/api/dev/sign-in", { body: { orgId: source.orgId, role: "admin" } })).body.token;
      other = { orgId: source.orgId, source, admin, member: admin };
    });
    after(async () => {
      console.log(`      security (${engine.name}): tried ${tally.tried} / refused ${tally.refused} / unchanged ${tally.unchanged}`);
      expect(tally.tried).to.be.at.least(40);
      expect(tally.refused).to.equal(tally.tried);
      expect(tally.unchanged).to.equal(tally.tried);
      await closeWorld(world);
    });

    for (const hostile of CASES) {
      it(`${hostile.status} ${hostile.code}: ${hostile.name}`, async () => {
        const org = await freshOrg(world);
        const ctx: Ctx = { world, org, other };
        await hostile.setup?.(ctx);
        const before = [await ledgerState(org), await ledgerState(other)];
        const request = await hostile.request(ctx);
        tally.tried += 1;
        const answer: Answer = await call(world, request.method, request.path, request);
        const refused = answer.status === hostile.status && answer.body?.code === hostile.code;
        if (refused) tally.refused += 1;
        const after = [await ledgerState(org), await ledgerState(other)];
        if (after[0] === before[0] && after[1] === before[1]) tally.unchanged += 1;
        expect(world.unexpected).to.deep.equal([]);
        expect({ status: answer.status, code: answer.body?.code }, JSON.stringify(answer.body)).to.deep.equal({
          status: hostile.status,
          code: hostile.code,
        });
        expect(typeof answer.body.message).to.equal("string");
        expect(after).to.deep.equal(before);
      });
    }
  });
});
