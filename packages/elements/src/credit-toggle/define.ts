/** Registers `<ck-credit-toggle>`. */
import { CkCreditToggle } from "./credit-toggle.js";

if (!customElements.get("ck-credit-toggle")) customElements.define("ck-credit-toggle", CkCreditToggle);

declare global {
  interface HTMLElementTagNameMap {
    "ck-credit-toggle": CkCreditToggle;
  }
}

export { CkCreditToggle };
