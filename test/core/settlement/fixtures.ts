/** Small builders shared by the settlement tests: a USD journal with accounts, fees and credit grants. */
import type { ChargeOutcome, ChargeRequest, PaymentGateway } from "../../../packages/core/src/gateway.js";
import { createJournal, type Journal } from "../../../packages/core/src/ledger/journal.js";

export const TODAY = "2026-05-01";

/** A USD journal with auto-apply off (settlement applies credit itself). */
export function newJournal(): Journal {
  return createJournal({ currency: "USD", settings: { autoApply: false } });
}

export function openAccount(journal: Journal, accountId: string): void {
  journal.openAccount({ id: accountId, name: `Family ${accountId}`, kind: "family" });
}

/** Posts an unpaid fee. */
export function postFee(journal: Journal, accountId: string, feeId: string, amount: string, dueDate = "2026-04-01"): void {
  const key = `fee/${accountId}/${feeId}`;
  journal.commit(key, [
    { id: key, key, type: "Fee", accountId, date: "2026-04-01", amount, description: `Dues ${feeId}`, feeId, category: "dues", dueDate },
  ]);
}

/** Posts a credit grant. */
export function postGrant(journal: Journal, accountId: string, grantId: string, amount: string, date = "2026-03-01"): void {
  const key = `grant/${accountId}/${grantId}`;
  journal.commit(key, [
    {
      id: key,
      key,
      type: "Account Credit",
      accountId,
      date,
      amount,
      description: `Credit ${grantId}`,
      grantId,
      creditType: "goodwill",
      source: { kind: "manual" },
    },
  ]);
}

/** An account "A" with one fee "F1" of `due` and, when `credit` is given, one grant "G1". */
export function oneInvoiceJournal(due: string, credit?: string): Journal {
  const journal = newJournal();
  openAccount(journal, "A");
  postFee(journal, "A", "F1", due);
  if (credit !== undefined) postGrant(journal, "A", "G1", credit);
  return journal;
}

/** A gateway that records each request and answers with `answer`. */
export function scriptedGateway(answer: (request: ChargeRequest, call: number) => Promise<ChargeOutcome>): PaymentGateway & {
  readonly requests: ChargeRequest[];
} {
  const requests: ChargeRequest[] = [];
  return {
    requests,
    charge(request) {
      requests.push(request);
      return answer(request, requests.length);
    },
  };
}
