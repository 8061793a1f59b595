/** Registers `<ck-balance>`. */
import { CkBalance } from "./balance.js";

if (!customElements.get("ck-balance")) customElements.define("ck-balance", CkBalance);

declare global {
  interface HTMLElementTagNameMap {
    "ck-balance": CkBalance;
  }
}

export { CkBalance };
