/**
 * What a batch will do, account by account, before it runs (§5): the
 * invoices to collect from the accounts' unpaid fees, and per account the
 * Amount Due, the credit settlement will use, the card charge for the rest,
 * and which of "credit only", "card and credit", "card only" or "nothing due"
 * that is. The arithmetic is the core's exact money; the rule is settlement's:
 * credit (when applied) covers min(available credit, due) and the card the rest.
 */
import {
  type AccountSnapshot,
  add,
  type BatchInvoice,
  fromAmountString,
  isPositive,
  type Money,
  min,
  settlementKey,
  subtract,
  toAmountString,
  zero,
} from "@creditkit/core";
import { forEachInSlices } from "../shared/yield.js";

/** How an account's invoices will be paid. */
export type PreviewKind = "credit-only" | "card-and-credit" | "card-only" | "nothing-due";

export const PREVIEW_LABELS: Readonly<Record<PreviewKind, string>> = {
  "credit-only": "Credit only",
  "card-and-credit": "Card and credit",
  "card-only": "Card only",
  "nothing-due": "Nothing due",
};

/**
 * What will happen to one invoice, in the results' terms (so the preview and
 * the results count the same thing): paid by credit, by card and credit, by
 * card; declined (the card it needs is not on file); held (awaiting an
 * unresolved charge of this batch: a run asks the gateway again); nothing due.
 */
export type InvoicePreviewKind = "paid-by-credit" | "paid-by-charge-and-credit" | "paid-by-charge" | "declined" | "held" | "nothing-due";

/** One account's preview. Amounts are canonical strings. */
export interface AccountPreview {
  readonly accountId: string;
  readonly name: string;
  readonly invoices: number;
  readonly due: string;
  readonly credit: string;
  readonly card: string;
  readonly kind: PreviewKind;
  /** Invoices held by an unresolved charge of this batch: a run asks the gateway about them again. */
  readonly held: number;
  /** True when the gateway says the account has no card on file (a charge would be declined). */
  readonly noCard: boolean;
}

export interface BatchPreview {
  readonly rows: readonly AccountPreview[];
  /** Accounts by what will happen to them. */
  readonly counts: Readonly<Record<PreviewKind, number>>;
  /** Invoices by what will happen to each: the unit the results count in. */
  readonly invoiceCounts: Readonly<Record<InvoicePreviewKind, number>>;
  readonly invoices: number;
  readonly due: string;
  readonly credit: string;
  readonly card: string;
}

/** A gateway that can tell whether an account has a card on file (the simulated ones can; the remote one once its cards are loaded). */
interface CardAware {
  hasCard(accountId: string): boolean;
  loadCards?(): Promise<void>;
}

function cardAware(gateway: unknown): gateway is CardAware {
  return typeof (gateway as Partial<CardAware> | null)?.hasCard === "function";
}

/** One invoice per unpaid fee that no other settlement holds, in account order (worked out in slices of a few ms). */
export async function invoicesFrom(snapshots: readonly AccountSnapshot[], batchId: string): Promise<BatchInvoice[]> {
  const invoices: BatchInvoice[] = [];
  await forEachInSlices(snapshots, (snapshot) => {
    const accountId = snapshot.account.id;
    for (const fee of snapshot.fees) {
      const invoiceId = `${accountId}:${fee.feeId}`;
      const ours = fee.reservedBy === settlementKey(batchId, invoiceId);
      if (fee.reservedBy !== undefined && !ours) continue;
      if (!ours && !isPositive(fromAmountString(fee.remainder, snapshot.currency))) continue;
      invoices.push({ invoiceId, accountId, feeIds: [fee.feeId], description: fee.description });
    }
  });
  return invoices;
}

/** The per-account preview of `invoices` against the accounts as they stand (worked out in slices of a few ms). */
export async function previewBatch(
  invoices: readonly BatchInvoice[],
  snapshots: ReadonlyMap<string, AccountSnapshot>,
  options: { readonly batchId: string; readonly applyCredit: boolean; readonly currency: string; readonly gateway?: unknown },
): Promise<BatchPreview> {
  const c = options.currency;
  const byAccount = new Map<string, BatchInvoice[]>();
  for (const invoice of invoices) {
    const list = byAccount.get(invoice.accountId);
    if (list) list.push(invoice);
    else byAccount.set(invoice.accountId, [invoice]);
  }
  const counts: Record<PreviewKind, number> = { "credit-only": 0, "card-and-credit": 0, "card-only": 0, "nothing-due": 0 };
  const gateway = cardAware(options.gateway) ? options.gateway : undefined;
  // The server's gateway is asked afresh for each preview (a run may have changed nothing, a card may have been added).
  await gateway?.loadCards?.().catch(() => undefined);
  let totalDue = zero(c);
  let totalCredit = zero(c);
  let totalCard = zero(c);
  const rows: AccountPreview[] = [];
  const invoiceCounts: Record<InvoicePreviewKind, number> = {
    "paid-by-credit": 0,
    "paid-by-charge-and-credit": 0,
    "paid-by-charge": 0,
    declined: 0,
    held: 0,
    "nothing-due": 0,
  };
  await forEachInSlices(byAccount, ([accountId, list]) => {
    const snapshot = snapshots.get(accountId);
    const fees = new Map(snapshot?.fees.map((f) => [f.feeId, f]) ?? []);
    const available = snapshot ? fromAmountString(snapshot.availableCredit, c) : zero(c);
    const noCard = gateway !== undefined && !gateway.hasCard(accountId);
    let due: Money = zero(c);
    let held = 0;
    // Invoice by invoice in the batch's order, as settlement takes them: each uses the credit the ones before left.
    let creditLeft = options.applyCredit ? available : zero(c);
    for (const invoice of list) {
      const key = settlementKey(options.batchId, invoice.invoiceId);
      let invoiceDue: Money = zero(c);
      let invoiceHeld = false;
      for (const feeId of invoice.feeIds) {
        const fee = fees.get(feeId);
        if (!fee) continue;
        if (fee.reservedBy === key) invoiceHeld = true;
        else if (fee.reservedBy === undefined) invoiceDue = add(invoiceDue, fromAmountString(fee.remainder, c));
      }
      if (invoiceHeld) held += 1;
      due = add(due, invoiceDue);
      const credit = min(creditLeft, invoiceDue);
      const needsCard = isPositive(subtract(invoiceDue, credit));
      const kind: InvoicePreviewKind = invoiceHeld
        ? "held"
        : !isPositive(invoiceDue)
          ? "nothing-due"
          : !needsCard
            ? "paid-by-credit"
            : noCard
              ? "declined"
              : isPositive(credit)
                ? "paid-by-charge-and-credit"
                : "paid-by-charge";
      invoiceCounts[kind] += 1;
      // A declined invoice is left wholly unpaid: its credit stays for the next.
      if (kind !== "declined") creditLeft = subtract(creditLeft, credit);
    }
    const credit = options.applyCredit ? min(available, due) : zero(c);
    const card = subtract(due, credit);
    const kind: PreviewKind = !isPositive(due)
      ? "nothing-due"
      : !isPositive(card)
        ? "credit-only"
        : isPositive(credit)
          ? "card-and-credit"
          : "card-only";
    counts[kind] += 1;
    totalDue = add(totalDue, due);
    totalCredit = add(totalCredit, credit);
    totalCard = add(totalCard, card);
    rows.push({
      accountId,
      name: snapshot?.account.name ?? accountId,
      invoices: list.length,
      due: toAmountString(due),
      credit: toAmountString(credit),
      card: toAmountString(card),
      kind,
      held,
      noCard: isPositive(card) && noCard,
    });
  });
  return {
    rows,
    counts,
    invoiceCounts,
    invoices: invoices.length,
    due: toAmountString(totalDue),
    credit: toAmountString(totalCredit),
    card: toAmountString(totalCard),
  };
}
