/** Registers `<ck-members-report>` (and the `<ck-balance>` and `<ck-account-search>` it uses). */
import "../account-search/define.js";
import "../balance/define.js";
import { CkMembersReport } from "./members-report.js";

if (!customElements.get("ck-members-report")) customElements.define("ck-members-report", CkMembersReport);

declare global {
  interface HTMLElementTagNameMap {
    "ck-members-report": CkMembersReport;
  }
}

export { CkMembersReport };
