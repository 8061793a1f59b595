/** Listening on a port with `@hono/node-server` (the tests use `app.request()` instead). */
import { serve as listen } from "@hono/node-server";
import type { CreditKitServer } from "./app.js";

export interface ServeOptions {
  readonly app: CreditKitServer;
  /** Default 8787; 0 picks a free one. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly hostname?: string;
}

export interface Serving {
  /** Where the API answers, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  /** Stops listening and closes the app's data sources. */
  close(): Promise<void>;
}

export function serve(options: ServeOptions): Promise<Serving> {
  const hostname = options.hostname ?? "127.0.0.1";
  return new Promise((resolve) => {
    const server = listen({ fetch: options.app.fetch, port: options.port ?? 8787, hostname }, (info) => {
      resolve({
        url: `http://${hostname}:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())).then(() => options.app.close()),
      });
    });
  });
}
