/** Registers `<ck-pay-window>` (and the `<ck-credit-toggle>` it uses). */
import "../credit-toggle/define.js";
import { CkPayWindow } from "./pay-window.js";

if (!customElements.get("ck-pay-window")) customElements.define("ck-pay-window", CkPayWindow);

declare global {
  interface HTMLElementTagNameMap {
    "ck-pay-window": CkPayWindow;
  }
}

export { CkPayWindow };
