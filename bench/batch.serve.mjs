/** Serves bench/batch.page.html from the sources with Vite (decorators per tsconfig), for bench:batch and the screenshots. */
import { fileURLToPath } from "node:url";
import { createServer } from "vite";

export async function serveBatchPage() {
  const server = await createServer({
    root: fileURLToPath(new URL("..", import.meta.url)),
    configFile: false,
    logLevel: "error",
    // The sources, and lit's production build (what a host ships), not its development build.
    resolve: { conditions: ["source", "module", "browser", "production"] },
    // No HMR and no file watching: an edit elsewhere in the repo must not reload the page mid-run.
    server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false, watch: { ignored: ["**/*"] } },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === "object" && address ? address.port : 5173;
  return { url: `http://127.0.0.1:${port}/bench/batch.page.html`, close: () => server.close() };
}
