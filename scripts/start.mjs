// `npm start`: serves the demo host site and prints its URL.
import { createServer } from "vite";

const server = await createServer({ configFile: new URL("../vite.config.ts", import.meta.url).pathname });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? "http://127.0.0.1:5173/";
console.log(`\ncreditkit demo: ${url}\n(press Ctrl+C to stop)\n`);
