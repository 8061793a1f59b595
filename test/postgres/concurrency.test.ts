/**
 * Many writers at once: one key raced by many commits writes once; commits
 * to one account serialize (credit is never overused); different accounts
 * do not wait for each other; a settlement whose process died leaves its
 * reservation to be claimed after the lease; two processes processing one
 * run credit each row once. Prints a quick commits/s figure per engine.
 */
import type { CreditPaymentEntry, RunPlan } from "@creditkit/core";
import { isCreditKitError } from "@creditkit/core";
import { expect } from "chai";
import { createPostgresDataSource, type Db } from "../../packages/postgres/src/index.js";
import { familyRunPlan, fee, freshLedger, grant, holdAccountLock, perEngine } from "./helpers.js";

function creditPayment(accountId: string, key: string, feeId: string, grantId: string, amount: string): CreditPaymentEntry {
  return {
    id: `${key}#0`,
    key,
    type: "Payment (AC)",
    accountId,
    feeId,
    amount,
    date: "2026-11-20",
    description: "Credit",
    grants: [{ grantId, amount }],
  };
}

/** The core's plan crediting each of `families` once. */
const runPlan = (families: readonly string[], runId: string): RunPlan =>
  familyRunPlan(
    families.map((id, i) => ({ id, name: `Family ${i + 1}` })),
    runId,
  );

perEngine("postgres concurrency", (db, engine) => {
  it("one key committed by 12 writers at once is written once: the others are duplicates, or conflicts when their entries differ", async () => {
    const source = await freshLedger(db(), { settings: { autoApply: false } });
    const same = await Promise.all(Array.from({ length: 12 }, () => source.commit("race", [fee("acc-1", "f1", "20.00", "race")])));
    expect(same.filter((r) => r.status === "committed")).to.have.length(1);
    expect(same.filter((r) => r.status === "duplicate")).to.have.length(11);
    // The same key on two accounts at once: one wins, the other is a conflict (the unique key decides).
    const mixed = await Promise.allSettled([
      source.commit("race2", [fee("acc-1", "f2", "1.00", "race2")]),
      source.commit("race2", [fee("acc-2", "f3", "1.00", "race2")]),
    ]);
    expect(mixed.filter((r) => r.status === "fulfilled")).to.have.length(1);
    const lost = mixed.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(isCreditKitError(lost.reason, "idempotency-conflict"), String(lost.reason)).to.equal(true);
    expect((await source.listEntries()).map((e) => e.key)).to.deep.equal(["race", "race2"]);
  });

  it("commits to one account serialize: 10 payments racing for 5.00 of credit, exactly 5 succeed", async () => {
    const source = await freshLedger(db(), { settings: { autoApply: false } });
    await source.commit(
      "fees",
      Array.from({ length: 10 }, (_, i) => ({ ...fee("acc-1", `f${i}`, "1.00", "fees"), id: `fees#${i}` })),
    );
    await source.postCredits("g", [grant("acc-1", "g1", "5.00", "g")]);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => source.commit(`pay-${i}`, [creditPayment("acc-1", `pay-${i}`, `f${i}`, "g1", "1.00")])),
    );
    expect(results.filter((r) => r.status === "fulfilled")).to.have.length(5);
    for (const r of results)
      if (r.status === "rejected") expect(isCreditKitError(r.reason, "credit-overused"), String(r.reason)).to.equal(true);
    const snap = await source.getAccount("acc-1");
    expect([snap.amountDue, snap.accountCredit]).to.deep.equal(["5.00", "0.00"]);
  });

  (engine.name === "PGlite" ? it.skip : it)(
    "different accounts do not wait for each other: acc-2 commits while acc-1's lock is held",
    async () => {
      const source = await freshLedger(db(), { settings: { autoApply: false } });
      const lock = await holdAccountLock(db(), source.orgId, "acc-1");
      let firstDone = false;
      const first = source.commit("one", [fee("acc-1", "f1", "1.00", "one")]).then((r) => {
        firstDone = true;
        return r;
      });
      const second = await source.commit("two", [fee("acc-2", "f2", "1.00", "two")]);
      expect(second.status).to.equal("committed");
      expect(firstDone, "acc-1's commit waits for its lock").to.equal(false);
      await lock.release();
      expect((await first).status).to.equal("committed");
    },
  );

  it("a settlement whose process died leaves its reservation: a re-run within the lease is unresolved, after it claims and reconciles with one charge", async () => {
    const source = await freshLedger(db(), { settings: { autoApply: false }, leaseMs: 400 });
    await source.commit("f", [fee("acc-1", "f1", "20.00", "f")]);
    await source.postCredits("g", [grant("acc-1", "g1", "5.00", "g")]);
    // The first attempt's answer is lost twice, without a charge: unresolved, reservation kept (disowned).
    await source.gateway.script("acc-1", ["timeout-no-charge", "timeout-no-charge"]);
    const request = {
      batchId: "b1",
      invoices: [{ invoiceId: "i1", accountId: "acc-1", feeIds: ["f1"] }],
      applyCredit: true,
      date: "2026-11-20",
    };
    const first = await source.settleBatch(request);
    expect(first.results[0]?.outcome).to.equal("unresolved");
    const [kept] = await source.reservations();
    expect([kept?.key, kept?.credit, kept?.cardAmount, kept?.owner]).to.deep.equal(["b1/i1", "5.00", "15.00", undefined]);
    // A process takes it and dies: its owner and lease stay on the row.
    await db().query(
      "UPDATE reservations SET owner = 'dead-process', owner_until = clock_timestamp() + interval '300 milliseconds' WHERE org_id = $1",
      [source.orgId],
    );
    const during = await source.settleBatch(request);
    expect([during.results[0]?.outcome, during.results[0]?.code]).to.deep.equal(["unresolved", "settlement-in-progress"]);
    await new Promise((resolve) => setTimeout(resolve, 350));
    const after = await source.settleBatch(request);
    expect([after.results[0]?.outcome, after.results[0]?.charged, after.results[0]?.creditUsed]).to.deep.equal([
      "paid-by-charge-and-credit",
      "15.00",
      "5.00",
    ]);
    expect((await source.gateway.charges()).map((c) => [c.idempotencyKey, c.amount])).to.deep.equal([["b1/i1", "15.00"]]);
    expect(await source.reservations()).to.deep.equal([]);
    const snap = await source.getAccount("acc-1");
    expect([snap.amountDue, snap.accountCredit]).to.deep.equal(["0.00", "0.00"]);
  });

  it("while a settlement owns its key, no one else may commit under it: a cash payment under the key is refused and the reservation stays", async () => {
    const source = await freshLedger(db(), { settings: { autoApply: false }, leaseMs: 5_000 });
    await source.commit("f", [fee("acc-1", "f1", "20.00", "f")]);
    await source.gateway.script("acc-1", ["timeout-no-charge", "timeout-no-charge"]);
    const request = {
      batchId: "b1",
      invoices: [{ invoiceId: "i1", accountId: "acc-1", feeIds: ["f1"] }],
      applyCredit: true,
      date: "2026-11-20",
    };
    expect((await source.settleBatch(request)).results[0]?.outcome).to.equal("unresolved");
    // Another process claims the kept reservation and asks the gateway now: its lease is live.
    await db().query(
      "UPDATE reservations SET owner = 'other/settlement#1', owner_until = clock_timestamp() + interval '5 seconds' WHERE org_id = $1",
      [source.orgId],
    );
    const cash = {
      id: "b1/i1#0",
      key: "b1/i1",
      type: "Payment" as const,
      accountId: "acc-1",
      date: "2026-11-20",
      amount: "20.00",
      description: "Cash at the desk",
      method: "cash" as const,
      allocations: [{ feeId: "f1", amount: "20.00" }],
    };
    const refused = await source.commit("b1/i1", [cash]).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isCreditKitError(refused, "settlement-in-progress"), String(refused)).to.equal(true);
    expect((await source.reservations()).map((r) => r.key)).to.deep.equal(["b1/i1"]);
    expect((await source.getAccount("acc-1")).amountDue).to.equal("20.00");
  });

  it("two processes processing one run at once credit each row once", async () => {
    const source = await freshLedger(db(), { accounts: 40, settings: { autoApply: false }, runChunkSize: 7 });
    const other = await createPostgresDataSource({ db: db() as Db, orgId: source.orgId, runChunkSize: 5 });
    const plan = runPlan(
      (await source.listAccounts()).map((a) => a.id),
      "run-twice",
    );
    const [a, b] = await Promise.all([source.processRun(plan), other.processRun(plan)]);
    expect([a.status, b.status]).to.deep.equal(["done", "done"]);
    expect(a.issued + b.issued).to.equal(40);
    const grants = (await source.listEntries()).filter((e) => e.type === "Account Credit");
    expect(grants).to.have.length(40);
    expect(new Set(grants.map((g) => g.key)).size).to.equal(40);
    expect((await source.getRun("run-twice"))?.status).to.equal("done");
    await other.close();
  });

  it("measures commits per second (one writer, then 8 writers on distinct accounts)", async function () {
    this.timeout(120_000);
    const source = await freshLedger(db(), { accounts: 8, settings: { autoApply: false } });
    const n = 80;
    let t = performance.now();
    for (let i = 0; i < n; i++) await source.commit(`s${i}`, [fee("acc-1", `s${i}`, "1.00", `s${i}`)]);
    const one = (n / (performance.now() - t)) * 1000;
    t = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; i < n / 8; i++) await source.commit(`p${w}-${i}`, [fee(`acc-${w + 1}`, `p${w}-${i}`, "1.00", `p${w}-${i}`)]);
      }),
    );
    const eight = (n / (performance.now() - t)) * 1000;
    console.log(
      `      ${engine.name}: ${one.toFixed(0)} commits/s with one writer, ${eight.toFixed(0)} commits/s with 8 writers on distinct accounts`,
    );
    expect(one).to.be.greaterThan(0);
  });
});
