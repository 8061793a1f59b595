/**
 * @creditkit/server — the creditkit HTTP API: the data-source port over the
 * PostgreSQL ledger, one route per operation, sign-in roles, tenant
 * isolation, typed errors and an OpenAPI document generated from the same
 * schemas that check the requests.
 */

export { type CreditKitServer, createServer, type ServerOptions } from "./app.js";
export { type Authenticate, asSession, devAuthenticate, devKey, type Role, type Session, signDevToken } from "./auth.js";
export type { DataSourceFor, ServerDataSource } from "./data-sources.js";
export { type ErrorBody, errorResponse, STATUS_OF } from "./errors.js";
export { DOCUMENT_PATH } from "./openapi.js";
export { CHANGES_PATH, type ChangeStreamOptions, visibleChange } from "./routes/changes.js";
export { type ServeOptions, type Serving, serve } from "./serve.js";
