/**
 * The data-source contract suite: what `CreditKitDataSource` promises, run
 * against every data source (memory, IndexedDB, PGlite, PostgreSQL). It uses
 * only mocha's `describe`/`it`/hooks and chai, and imports no engine: each
 * runner passes a `ContractSubject` (see README.md).
 */
import { accountsContract } from "./accounts.js";
import { checkoutContract } from "./checkout.js";
import { creditsContract } from "./credits.js";
import { runsContract } from "./runs.js";
import { settlementContract } from "./settlement.js";
import type { ContractSubject } from "./subject.js";
import { ledgerPerTest } from "./support.js";

export type { ContractGateway, ContractLedger, ContractSubject } from "./subject.js";

/** Defines the whole suite under `contract: <name>` for `subject`. */
export function runContractSuite(name: string, subject: ContractSubject): void {
  describe(`contract: ${name}`, () => {
    const ctx = ledgerPerTest(subject);
    accountsContract(ctx);
    checkoutContract(ctx);
    creditsContract(ctx);
    runsContract(ctx);
    settlementContract(ctx);
  });
}
