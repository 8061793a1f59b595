/**
 * The data-source contract suite (test/contract) on the remote data source:
 * `createRemoteDataSource` over the Hono app listening on a real port, over
 * PGlite in memory, and over the real PostgreSQL server when DATABASE_URL is
 * set. A fresh organisation per test; accounts and fees
 * (`openAccounts`, `commit`), saved runs (`getRun`) and the simulated
 * gateway's cards and scripts go straight to the PostgreSQL data source of
 * the same organisation — the server has no route for them, and a test hook
 * on the API would be one more door to keep shut. `connect()` is another
 * remote data source (another browser) signed in as another admin.
 */
import { runContractSuite } from "../contract/index.js";
import type { ContractLedger, ContractSubject } from "../contract/subject.js";
import { perServerEngine } from "./helpers.js";
import { type Listening, listening, remoteOrg, signIn } from "./remote-helpers.js";

perServerEngine((engine) => {
  let at: Promise<Listening> | undefined;

  const subject: ContractSubject = {
    async open(): Promise<ContractLedger> {
      at ??= listening(engine);
      const server = await at;
      const org = await remoteOrg(server);
      const { direct } = org;
      return {
        source: org.source,
        openAccounts: (accounts) => direct.openAccounts(accounts),
        commit: (key, entries) => direct.commit(key, entries),
        getRun: (runId) => direct.getRun(runId),
        async connect() {
          return org.remote({ token: await signIn(server, { orgId: org.orgId, role: "admin", accountIds: [] }) });
        },
        gateway: {
          addCards: async (ids) => {
            for (const id of ids) await direct.gateway.addCard(id);
          },
          script: (accountId, outcomes) => direct.gateway.script(accountId, outcomes),
          charges: () => direct.gateway.charges(),
        },
        // A run is a server job: it reports progress and stops when asked, but after a chunk of the server's choosing.
        runsReportProgress: false,
        // Two connections asking for one run while it is queued or running join the same job.
        runsShared: true,
        close: () => org.close(),
      };
    },
  };

  // Closed when this engine's suite ends, not at the end of the whole run: its job worker would otherwise take the
  // next files' jobs on the same database (with this server's gateway, where accounts have no card by default).
  describe(`remote data source over the server (${engine.name}): the server`, () => {
    after(async () => {
      const opened = at;
      at = undefined;
      await (await opened)?.close();
    });
    runContractSuite(`remote data source over the server (${engine.name})`, subject);
  });
});
