/** Registers `<ck-transactions>`. */
import { CkTransactions } from "./transactions.js";

if (!customElements.get("ck-transactions")) customElements.define("ck-transactions", CkTransactions);

declare global {
  interface HTMLElementTagNameMap {
    "ck-transactions": CkTransactions;
  }
}

export { CkTransactions };
