/**
 * @creditkit/remote — the data-source port over the creditkit API, for the
 * elements in any browser (and Node 20): `fetch` with retried writes under
 * their idempotency keys, typed errors (a lost network is
 * `network-unavailable`), and live changes by server-sent events read with
 * `fetch`. No card is ever charged here: the server's gateway charges.
 */

export { type ChangeFeed, type ChangeFeedOptions, createChangeFeed, readEvents, type SseEvent } from "./events.js";
export { createHttp, errorOf, type Http, type HttpOptions, type RequestOptions } from "./http.js";
export { type FollowOptions, followJob, type RemoteJob } from "./jobs.js";
export {
  createRemoteDataSource,
  type RemoteDataSource,
  type RemoteDataSourceOptions,
  type RemoteGateway,
  type RemoteSession,
} from "./remote.js";
