// `npm run start:browser`: the browser-only demo — Vite serves the demo host site, which keeps its
// ledger in this browser's IndexedDB (no server, no database). Storybook uses the same data source.
import { createServer } from "vite";

const server = await createServer({ configFile: new URL("../vite.config.ts", import.meta.url).pathname });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? "http://127.0.0.1:5173/";
console.log(`\ncreditkit demo (browser only, IndexedDB): ${url}\n(press Ctrl+C to stop)\n`);
