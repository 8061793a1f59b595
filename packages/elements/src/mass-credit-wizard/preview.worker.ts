/**
 * The mass-credit preview worker: the core is pure, so it runs here
 * unchanged. It indexes the data set once per version and answers previews
 * (rows in parts, with progress) and explanations. See preview-protocol.ts.
 */
import { createPreviewEngine } from "./preview-engine.js";
import type { FromWorker, ToWorker } from "./preview-protocol.js";

const handle = createPreviewEngine((message: FromWorker, transfer?: Transferable[]) =>
  self.postMessage(message, { transfer: transfer ?? [] }),
);
self.addEventListener("message", (event: MessageEvent<ToWorker>) => handle(event.data));
