/**
 * Reservations written in groups (one INSERT for the group's members,
 * docs/decisions/0019) keep their promise: one owner per key. Two ledgers
 * (two processes' caches and queues) reserve the same keys at once, and one
 * ledger reserves one key twice at once: each key is held once, by one
 * owner; every other call is refused with settlement-in-progress and holds
 * nothing.
 */
import { isCreditKitError, type Reservation } from "@creditkit/core";
import { expect } from "chai";
import { createChanges } from "../../packages/postgres/src/changes.js";
import type { LedgerScope } from "../../packages/postgres/src/money-ops.js";
import { settlementLedger } from "../../packages/postgres/src/reservations.js";
import { fee, freshLedger, grant, perEngine } from "./helpers.js";

const N = 12;

perEngine("postgres reservations in groups", (db) => {
  it("two ledgers reserving the same keys at once: each key held once, by one owner; the losers are refused and hold nothing", async () => {
    const source = await freshLedger(db(), { accounts: N, settings: { autoApply: false } });
    const ids = Array.from({ length: N }, (_, i) => `acc-${i + 1}`);
    await source.commitChunk(ids.map((id) => ({ key: `fee/${id}`, entries: [fee(id, "f1", "20.00", `fee/${id}`)] })));
    await source.commitChunk(ids.map((id) => ({ key: `grant/${id}`, entries: [grant(id, "g1", "5.00", `grant/${id}`)] })));
    // Two scopes: two caches and two write queues, as two processes have.
    const scope = (): LedgerScope => ({ db: db(), orgId: source.orgId, currency: "USD", changes: createChanges(db(), source.orgId) });
    const [a, b] = [settlementLedger(scope(), 60_000), settlementLedger(scope(), 60_000)];
    const reserve = (ledger: typeof a, owner: string, id: string) =>
      Promise.resolve(ledger.reserve({ key: `b/${id}`, accountId: id, feeIds: ["f1"], credit: "5.00", owner })).then(
        (held: Reservation) => ({ owner, held }),
        (error: unknown) => ({ owner, error }),
      );
    const calls = ids.flatMap((id) => [reserve(a, `a-${id}`, id), reserve(b, `b-${id}`, id), reserve(a, `a2-${id}`, id)]);
    const answers = await Promise.all(calls);
    for (const [i, id] of ids.entries()) {
      const mine = answers.slice(i * 3, i * 3 + 3);
      const won = mine.filter((m) => "held" in m);
      expect(won, `${id}: one reserve wins`).to.have.length(1);
      for (const lost of mine.filter((m) => "error" in m)) {
        expect(
          isCreditKitError((lost as { error: unknown }).error, "settlement-in-progress"),
          String((lost as { error: unknown }).error),
        ).to.equal(true);
      }
    }
    const rows = await source.reservations();
    expect(rows.map((r) => r.key).sort()).to.deep.equal(ids.map((id) => `b/${id}`).sort());
    for (const row of rows) {
      const winner = answers.find((m) => "held" in m && m.held.key === row.key) as { owner: string };
      expect(row.owner?.endsWith(`/${winner.owner}`), `${row.key} is owned by its winner`).to.equal(true);
      expect([row.credit, row.cardAmount]).to.deep.equal(["5.00", "15.00"]);
    }
    // What the accounts hold: each one reservation of 5.00, none twice.
    const snaps = await source.getAccounts(ids);
    for (const snap of snaps) expect(snap.accountCredit).to.equal("5.00");
  });

  it("two data sources settling one batch at once: each invoice paid once, each key charged once, nothing left reserved", async () => {
    const source = await freshLedger(db(), { accounts: N, settings: { autoApply: false } });
    const ids = Array.from({ length: N }, (_, i) => `acc-${i + 1}`);
    await source.commitChunk(ids.map((id) => ({ key: `fee/${id}`, entries: [fee(id, "f1", "20.00", `fee/${id}`)] })));
    await source.commitChunk(ids.map((id) => ({ key: `grant/${id}`, entries: [grant(id, "g1", "5.00", `grant/${id}`)] })));
    const other = await (await import("../../packages/postgres/src/index.js")).createPostgresDataSource({ db: db(), orgId: source.orgId });
    const request = {
      batchId: "dues",
      applyCredit: true,
      date: "2026-12-01",
      invoices: ids.map((id, i) => ({ invoiceId: `i${i}`, accountId: id, feeIds: ["f1"] })),
      concurrency: N,
    };
    const [x, y] = await Promise.all([source.settleBatch(request), other.settleBatch(request)]);
    const paid = [...x.results, ...y.results].filter((r) => r.outcome === "paid-by-charge-and-credit");
    expect(paid.map((r) => r.key).sort()).to.deep.equal(request.invoices.map((i) => `dues/${i.invoiceId}`).sort());
    const charges = await source.gateway.charges();
    expect(charges.map((c) => [c.idempotencyKey, c.amount]).sort()).to.deep.equal(paid.map((r) => [r.key, "15.00"]).sort());
    // A re-run reconciles anything left (an invoice another owner held is unresolved the first time): nothing twice.
    await source.settleBatch(request);
    expect(await source.reservations()).to.deep.equal([]);
    expect((await source.gateway.charges()).length).to.equal(N);
    for (const snap of await source.getAccounts(ids)) expect([snap.amountDue, snap.accountCredit]).to.deep.equal(["0.00", "0.00"]);
    await other.close();
  });
});
