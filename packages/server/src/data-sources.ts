/**
 * One data source per organisation, opened on first use and kept: over the
 * server's PostgreSQL ledger (`ledger`), or the host's own (`dataSourceFor`).
 */
import type {
  AccountSnapshot,
  CreditKitDataSource,
  LedgerEntry,
  MassCreditDataSet,
  OrgSettings,
  RunReversal,
  RunSummary,
} from "@creditkit/core";
import { createPostgresDataSource, type Db, type PostgresDataSourceOptions } from "@creditkit/postgres";

/** The port, and what the server also uses when the data source has it (the PostgreSQL one does). */
export interface ServerDataSource extends CreditKitDataSource {
  putDataSet?(dataSet: MassCreditDataSet): Promise<void>;
  getRun?(runId: string): Promise<RunSummary | undefined>;
  committed?(key: string): Promise<readonly LedgerEntry[] | undefined>;
  /** An account's snapshot and the organisation's settings in one read (else two reads). */
  getAccountAndSettings?(accountId: string): Promise<{ snapshot: AccountSnapshot; settings: OrgSettings }>;
  /** Voids a processed run's unused credit (core's `reverseRun`), once. */
  reverseRun?(runId: string, options: { readonly date: string }): Promise<RunReversal>;
  /** Resolves once subscribers hear other processes' changes (the PostgreSQL one: LISTEN in place). */
  listening?(): Promise<void>;
  close?(): Promise<void>;
}

export type DataSourceFor = (orgId: string) => Promise<ServerDataSource>;

export interface DataSources {
  readonly get: DataSourceFor;
  /** Closes the data sources this cache opened (not the host's). */
  close(): Promise<void>;
}

/** A cache of the organisations' data sources; a failed open is not kept (the next request tries again). */
export function dataSources(
  options: { ledger?: Db; dataSourceFor?: DataSourceFor },
  sourceOptions: Omit<PostgresDataSourceOptions, "db" | "orgId"> = {},
): DataSources {
  const { ledger, dataSourceFor } = options;
  if (dataSourceFor) return { get: dataSourceFor, close: async () => undefined };
  if (!ledger) throw new TypeError("createServer needs `ledger` (a migrated Db) or `dataSourceFor`.");
  const open = new Map<string, Promise<ServerDataSource>>();
  return {
    get(orgId) {
      let source = open.get(orgId);
      if (!source) {
        source = createPostgresDataSource({ ...sourceOptions, db: ledger, orgId });
        open.set(orgId, source);
        source.catch(() => open.delete(orgId));
      }
      return source;
    },
    async close() {
      const all = [...open.values()];
      open.clear();
      await Promise.allSettled(all.map(async (s) => (await s).close?.()));
    },
  };
}
