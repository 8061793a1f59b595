/** Serves bench/wizard.page.html from the sources with Vite (which also serves the preview worker), for the bench and the screenshots. */
import { fileURLToPath } from "node:url";
import { createServer, defaultClientConditions } from "vite";

export async function serveWizardPage() {
  const server = await createServer({
    root: fileURLToPath(new URL("..", import.meta.url)),
    configFile: false,
    logLevel: "error",
    // Workspace sources, and production builds of lit (no dev-mode checks), as a host's page would run.
    resolve: { conditions: ["source", ...defaultClientConditions.map((c) => (c === "development|production" ? "production" : c))] },
    // No reloads while the bench runs (other edits in the tree must not navigate the page).
    server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === "object" && address ? address.port : 5173;
  return { url: `http://127.0.0.1:${port}/bench/wizard.page.html`, close: () => server.close() };
}
