/** Registers `<ck-batch-collect>`. */
import { CkBatchCollect } from "./batch-collect.js";

if (!customElements.get("ck-batch-collect")) customElements.define("ck-batch-collect", CkBatchCollect);

declare global {
  interface HTMLElementTagNameMap {
    "ck-batch-collect": CkBatchCollect;
  }
}

export { CkBatchCollect };
