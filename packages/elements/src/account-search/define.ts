/** Registers `<ck-account-search>`. */
import { CkAccountSearch } from "./account-search.js";

if (!customElements.get("ck-account-search")) customElements.define("ck-account-search", CkAccountSearch);

declare global {
  interface HTMLElementTagNameMap {
    "ck-account-search": CkAccountSearch;
  }
}

export { CkAccountSearch };
