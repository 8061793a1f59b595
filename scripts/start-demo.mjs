// The demo host site on Vite's dev server, wired to a creditkit API: `/api` is proxied to it (one
// origin: no CORS, the same paths a host mounting the API under its own domain would use, and the
// page's source live-reloads), and the page is told to use the remote data source through a JSON
// config it reads at start (demo/config.ts). Without that config the page uses IndexedDB.
import { fileURLToPath } from "node:url";
import { createServer } from "vite";

const configFile = fileURLToPath(new URL("../vite.config.ts", import.meta.url));

/** What the page reads from `#creditkit-demo-config` (see demo/config.ts). */
function configTag(config) {
  // JSON in a script element: "<" escaped so no value can close the element.
  const json = JSON.stringify(config).replace(/</g, "\\u003c");
  return { tag: "script", attrs: { type: "application/json", id: "creditkit-demo-config" }, children: json, injectTo: "head" };
}

/** Vite's dependency cache of this mode: its config differs from the browser-only demo's, so each keeps its own. */
const CACHE_DIR = fileURLToPath(new URL("../node_modules/.vite-shared-ledger", import.meta.url));

/**
 * Serves the demo against `apiUrl` (e.g. http://127.0.0.1:8787). `port` defaults to 5173 (the next
 * free one if taken; 0 picks any). `live: false` turns off reloading pages when a source file changes
 * (the e2e: a page must never reload under it). Returns the demo's URL and `close()`.
 */
export async function startDemoSite({ apiUrl, orgId, port, logLevel = "info", cacheDir = CACHE_DIR, live = true }) {
  const server = await createServer({
    configFile,
    logLevel,
    clearScreen: false,
    cacheDir,
    server: {
      ...(port !== undefined ? { port, strictPort: false } : {}),
      // No live reload: no watcher, no web socket, so nothing on the server side can reload a page.
      ...(live ? {} : { hmr: false, ws: false, watch: null }),
      // The change stream (server-sent events) passes through as it comes.
      proxy: { "/api": { target: apiUrl, changeOrigin: false } },
    },
    plugins: [{ name: "creditkit-demo-config", transformIndexHtml: () => [configTag({ mode: "remote", api: "", orgId })] }],
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${server.config.server.port}/`;
  return { url, close: () => server.close() };
}
