/**
 * Which data source the demo uses. `npm start` serves the page with a JSON
 * config (`#creditkit-demo-config`, see scripts/start-demo.mjs): the shared
 * ledger behind the creditkit API, reached through the remote data source.
 * Without it (`npm run start:browser`, the static build, the e2e of the
 * IndexedDB demo) the page keeps its own ledger in IndexedDB.
 */

export interface RemoteConfig {
  readonly mode: "remote";
  /** The API's origin; "" for the page's own (the dev server proxies `/api`). */
  readonly api: string;
  /** The organisation the development sign-in signs in to. */
  readonly orgId: string;
}

/** The remote config the page was served with, or undefined (IndexedDB). */
export function remoteConfig(): RemoteConfig | undefined {
  const text = document.getElementById("creditkit-demo-config")?.textContent;
  if (!text) return undefined;
  const value = JSON.parse(text) as Partial<RemoteConfig>;
  if (value.mode !== "remote" || typeof value.orgId !== "string" || typeof value.api !== "string") return undefined;
  return { mode: "remote", api: value.api, orgId: value.orgId };
}

/** The API's base URL for `createRemoteDataSource` (absolute: the page's origin when `api` is ""). */
export function apiBase(config: RemoteConfig): string {
  return config.api || location.origin;
}
