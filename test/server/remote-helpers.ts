/**
 * The remote data source's tests: the Hono app listening on a real port
 * (`@hono/node-server`, port 0) over PGlite in memory (or another engine:
 * the real PostgreSQL server) with a dev secret,
 * sign-in through the API, and organisations seeded straight through the
 * PostgreSQL data source of the same organisation (the port has no
 * operation to open accounts or commit fees, and the server exposes none).
 */
import type { AddressInfo } from "node:net";
import { serve as listen, type ServerType } from "@hono/node-server";
import { createPostgresDataSource, type Db, type PostgresDataSource } from "../../packages/postgres/src/index.js";
import { createRemoteDataSource, type RemoteDataSource, type RemoteDataSourceOptions } from "../../packages/remote/src/index.js";
import { type CreditKitServer, createServer, type Session } from "../../packages/server/src/index.js";
import { type Engine, uniqueOrg } from "../postgres/helpers.js";
import { SECRET, serverEngines } from "./helpers.js";

export const GATEWAY = { cardsByDefault: false } as const;

export interface Listening {
  readonly db: Db;
  readonly app: CreditKitServer;
  readonly url: string;
  /** Drops every open connection (event streams included), as a restarting proxy would. */
  dropConnections(): void;
  readonly unexpected: unknown[];
  close(): Promise<void>;
}

/** The server listening over a ledger of `engine` (default PGlite in memory). */
export async function listening(engine: Engine = serverEngines()[0] as Engine): Promise<Listening> {
  const db = await engine.open();
  const unexpected: unknown[] = [];
  const app = createServer({
    ledger: db,
    devSecret: SECRET,
    dataSourceOptions: { gateway: GATEWAY },
    changes: { heartbeatMs: 200 },
    onUnexpected: (error) => unexpected.push(error),
  });
  const server = await new Promise<ServerType>((resolve) => {
    const s = listen({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const http = server as unknown as { closeAllConnections(): void; close(done: () => void): void };
  return {
    db,
    app,
    url: `http://127.0.0.1:${port}`,
    unexpected,
    dropConnections: () => http.closeAllConnections(),
    async close() {
      http.closeAllConnections();
      await new Promise<void>((done) => http.close(() => done()));
      await app.close();
      await db.close();
    },
  };
}

/** A dev token through the sign-in route. */
export async function signIn(at: Listening, session: Session): Promise<string> {
  const response = await fetch(`${at.url}/api/dev/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(session),
  });
  if (response.status !== 200) throw new Error(`sign-in: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export interface RemoteOrg {
  readonly orgId: string;
  /** The PostgreSQL data source of the organisation (seeding, and reading behind the server's back). */
  readonly direct: PostgresDataSource;
  readonly adminToken: string;
  /** An admin's remote data source; more with `remote()`. */
  readonly source: RemoteDataSource;
  remote(options?: Partial<RemoteDataSourceOptions> & { token?: string }): Promise<RemoteDataSource>;
  close(): Promise<void>;
}

/** A fresh USD organisation (no accounts), an admin signed in, and a remote data source over the API. */
export async function remoteOrg(at: Listening, options: Partial<RemoteDataSourceOptions> = {}): Promise<RemoteOrg> {
  const orgId = uniqueOrg("remote");
  const direct = await createPostgresDataSource({ db: at.db, orgId, currency: "USD", gateway: GATEWAY });
  const adminToken = await signIn(at, { orgId, role: "admin", accountIds: [] });
  const opened: RemoteDataSource[] = [];
  const remote = async (more: Partial<RemoteDataSourceOptions> & { token?: string } = {}) => {
    const token = more.token ?? adminToken;
    const source = await createRemoteDataSource({ url: at.url, getToken: () => token, retryDelayMs: 5, ...options, ...more });
    opened.push(source);
    return source;
  };
  const source = await remote();
  return {
    orgId,
    direct,
    adminToken,
    source,
    remote,
    async close() {
      for (const s of opened.splice(0)) s.close();
      await direct.close();
    },
  };
}
