/** Registers `<ck-mass-credit-wizard>`. */
import { CkMassCreditWizard } from "./mass-credit-wizard.js";

if (!customElements.get("ck-mass-credit-wizard")) customElements.define("ck-mass-credit-wizard", CkMassCreditWizard);

declare global {
  interface HTMLElementTagNameMap {
    "ck-mass-credit-wizard": CkMassCreditWizard;
  }
}

export { CkMassCreditWizard };
