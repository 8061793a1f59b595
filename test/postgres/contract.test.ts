/**
 * The data-source contract suite (test/contract) on PostgreSQL: PGlite, and
 * the real server when DATABASE_URL is set. One database per engine for the
 * whole suite, a fresh organisation per test (row-level security keeps them
 * apart); `connect()` is another data source of the same organisation (on
 * the server, over a second pool: another process's view).
 */

import { createPostgresDataSource, type Db, type PostgresDataSource } from "../../packages/postgres/src/index.js";
import { runContractSuite } from "../contract/index.js";
import type { ContractLedger, ContractSubject } from "../contract/subject.js";
import { engines, uniqueOrg } from "./helpers.js";

for (const engine of engines()) {
  let first: Promise<Db> | undefined;
  let second: Promise<Db> | undefined;
  const dbs = () => {
    first ??= engine.open();
    // PGlite is one process's database: its second view shares the instance.
    second ??= engine.name === "PGlite" ? first : engine.open();
    return Promise.all([first, second]);
  };
  after(async () => {
    const opened = [first, second];
    first = second = undefined;
    for (const db of new Set(await Promise.all(opened))) await db?.close();
  });

  const subject: ContractSubject = {
    async open(): Promise<ContractLedger> {
      const [db, other] = await dbs();
      const orgId = uniqueOrg("contract");
      const gateway = { cardsByDefault: false } as const;
      const source = await createPostgresDataSource({ db, orgId, currency: "USD", gateway });
      const connections: PostgresDataSource[] = [source];
      return {
        source,
        openAccounts: (accounts) => source.openAccounts(accounts),
        commit: (key, entries) => source.commit(key, entries),
        getRun: (runId) => source.getRun(runId),
        async connect() {
          const another = await createPostgresDataSource({ db: other, orgId, gateway });
          connections.push(another);
          return another;
        },
        gateway: {
          addCards: async (ids) => {
            for (const id of ids) await source.gateway.addCard(id);
          },
          script: (accountId, outcomes) => source.gateway.script(accountId, outcomes),
          charges: () => source.gateway.charges(),
        },
        async close() {
          for (const c of connections.splice(0)) await c.close();
        },
      };
    },
  };
  runContractSuite(`PostgreSQL on ${engine.name}`, subject);
}
