/** Serves bench/wizard.page.html from the sources with Vite (which also serves the preview worker), for the bench and the screenshots. */
import { fileURLToPath } from "node:url";
import { createServer, defaultClientConditions } from "vite";

export async function serveWizardPage() {
  const server = await createServer({
    root: fileURLToPath(new URL("..", import.meta.url)),
    configFile: false,
    logLevel: "error",
    resolve: { conditions: ["source", ...defaultClientConditions] },
    server: { host: "127.0.0.1", port: 0, strictPort: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === "object" && address ? address.port : 5173;
  return { url: `http://127.0.0.1:${port}/bench/wizard.page.html`, close: () => server.close() };
}
