/** Registers `<ck-provider>`. */
import { CkProvider } from "./provider.js";

if (!customElements.get("ck-provider")) customElements.define("ck-provider", CkProvider);

declare global {
  interface HTMLElementTagNameMap {
    "ck-provider": CkProvider;
  }
}

export { CkProvider };
