/**
 * Database failures become typed errors (issue #14): a statement that waits
 * past its time-out, a database that cannot be reached, and the SQLSTATEs the
 * ledger maps — and a refused operation writes nothing.
 */
import { isCreditKitError } from "@creditkit/core";
import { expect } from "chai";
import { isRetryable, toCreditKitError } from "../../packages/postgres/src/failures.js";
import { openPostgresLedger } from "../../packages/postgres/src/index.js";
import { fee, freshLedger, holdAccountLock, perEngine } from "./helpers.js";

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("postgres: database failures as typed errors", () => {
  it("each SQLSTATE the ledger meets maps to its code, and only conflicts are retried", () => {
    const table: [Record<string, unknown>, string, boolean][] = [
      [{ code: "40001" }, "storage-conflict", true],
      [{ code: "40P01" }, "storage-conflict", true],
      [{ code: "57014" }, "storage-timeout", false],
      [{ code: "55P03" }, "storage-timeout", false],
      [{ code: "08006" }, "storage-unavailable", false],
      [{ code: "57P01" }, "storage-unavailable", false],
      [{ code: "ECONNRESET" }, "storage-unavailable", false],
      [{ code: "CK409" }, "settlement-in-progress", false],
      [{ code: "22P02" }, "invalid-input", false],
      [{ code: "42501" }, "storage-refused", false],
      [{ code: "23505", constraint: "entries_pkey" }, "storage-conflict", false],
    ];
    for (const [error, code, retried] of table) {
      expect(toCreditKitError(Object.assign(new Error("db"), error)).code, JSON.stringify(error)).to.equal(code);
      expect(isRetryable(Object.assign(new Error("db"), error)), JSON.stringify(error)).to.equal(retried);
    }
  });

  it("a database that cannot be reached is refused with storage-unavailable", async () => {
    const error = await refusal(openPostgresLedger({ url: "postgres://creditkit:none@127.0.0.1:1/creditkit" }));
    expect(isCreditKitError(error, "storage-unavailable"), String(error)).to.equal(true);
  });
});

perEngine("postgres: a statement past its time-out", (db, engine) => {
  (engine.name === "PGlite" ? it.skip : it)(
    "a commit that waits past the statement time-out for a lock held elsewhere is refused with storage-timeout and writes nothing",
    async () => {
      const source = await freshLedger(db(), { settings: { autoApply: false }, statementTimeoutMs: 300 });
      const lock = await holdAccountLock(db(), source.orgId, "acc-1");
      const error = await refusal(source.commit("late", [fee("acc-1", "f1", "1.00", "late")]));
      await lock.release();
      expect(isCreditKitError(error, "storage-timeout"), String(error)).to.equal(true);
      expect(await source.committed("late")).to.equal(undefined);
      expect((await source.getAccount("acc-1")).amountDue).to.equal("0.00");
    },
  );
});
