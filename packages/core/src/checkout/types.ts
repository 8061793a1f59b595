/** The shapes of a checkout (§3): what the pay window asks, what the plan answers. */
import type { IsoDate } from "../dates.js";
import type { AccountSnapshot } from "../ledger/account-state.js";
import type { LedgerEntry, PaymentMethod } from "../ledger/entries.js";
import type { OrgSettings } from "../settings.js";

/** Where the payment is taken: the admin pay window, the point of sale, or the member portal. */
export type Channel = "admin" | "pos" | "portal";

export const CHANNELS: readonly Channel[] = ["admin", "pos", "portal"];

export const PAYMENT_METHODS: readonly PaymentMethod[] = ["card", "ach", "cash", "check", "other"];

/** One way the rest is paid: a method and an amount (canonical string). */
export interface Tender {
  readonly method: PaymentMethod;
  readonly amount: string;
  readonly reference?: string;
}

/** A sale rung up at the point of sale; it becomes a fee on the account when the plan is recorded. */
export interface NewCharge {
  readonly itemId: string;
  readonly category: string;
  readonly description: string;
  readonly amount: string;
  readonly memberId?: string;
}

/**
 * Where an account comes from, with the organisation's settings that go with
 * it: a `Journal` is one. A plan made from a source reads the account and
 * the settings there, so its auto-apply warning is the ledger's.
 */
export interface CheckoutSource {
  snapshot(accountId: string): AccountSnapshot;
  settings(): OrgSettings;
}

export interface CheckoutRequest {
  /** Idempotency key: recording the same plan twice writes it once. */
  readonly key: string;
  /** The account paying: needed when planning from a source (a journal); with a snapshot, it must be the snapshot's. */
  readonly accountId?: string;
  readonly channel: Channel;
  readonly date: IsoDate;
  /** Existing fees to pay, in the order the waterfall pays them (oldest due first unless reordered). */
  readonly feeIds: readonly string[];
  /** Point of sale only: new charges, paid after the chosen fees. */
  readonly newCharges?: readonly NewCharge[];
  /** The Apply Credit switch; when absent, the channel's default (`applyCreditDefault`). */
  readonly applyCredit?: boolean;
  /** Admin only: apply less credit than the maximum. */
  readonly creditAmount?: string;
  readonly tenders?: readonly Tender[];
  /** Point of sale only: leave what is not paid now on the account as an unpaid fee. */
  readonly chargeToAccount?: boolean;
}

/** How one fee is paid by the plan. */
export interface CheckoutLine {
  readonly feeId: string;
  readonly description: string;
  /** True for a point-of-sale charge the plan posts as a new fee. */
  readonly isNew: boolean;
  /** What was owed on it before this payment. */
  readonly due: string;
  readonly credit: string;
  readonly tender: string;
  /** What stays owed after this payment. */
  readonly unpaid: string;
}

/** How one tender is used. */
export interface TenderUse {
  readonly method: PaymentMethod;
  readonly amount: string;
  /** What went to fees. */
  readonly applied: string;
  /** Cash handed back. */
  readonly change: string;
  /** What went on account as credit (overpayment to credit enabled). */
  readonly toCredit: string;
}

/**
 * Auto-apply is on and Apply Credit off, yet recording posts a fee or a
 * credit, so the sweep (§4) that follows will use account credit anyway.
 */
export interface CheckoutWarning {
  readonly code: "auto-apply-will-use-credit";
  /** The credit the sweep will use. */
  readonly amount: string;
  /**
   * Where it goes: `charge`, the fee this sale charges to the account (§3's
   * case); `unpaid-fees`, the account's unpaid fees oldest due first, which
   * include fees outside this checkout.
   */
  readonly target: "charge" | "unpaid-fees";
  readonly message: string;
}

/** The full answer for the pay window: totals, lines, warnings and the entries recording will write. */
export interface CheckoutPlan {
  readonly key: string;
  readonly channel: Channel;
  readonly currency: string;
  readonly date: IsoDate;
  /** Sum of the chosen fees' remainders (and new charges). */
  readonly total: string;
  readonly availableCredit: string;
  /** min(available credit, total). */
  readonly maxCredit: string;
  readonly applyCredit: boolean;
  /** What the Apply Credit switch starts at in this channel for these fees. */
  readonly applyCreditDefault: boolean;
  /** The Applied Amount: credit actually used. */
  readonly appliedCredit: string;
  /** Remaining Due: total − applied credit. */
  readonly remainingDue: string;
  readonly tendered: string;
  readonly tenderApplied: string;
  readonly change: string;
  readonly overpaymentCredit: string;
  /** What stays owed after the payment. */
  readonly unpaid: string;
  /** The unpaid part of new charges left on the account (Charge to Account). */
  readonly chargedToAccount: string;
  readonly paidInFull: boolean;
  /** Credit pays everything: the confirm button reads "Apply Credit". */
  readonly paidEntirelyByCredit: boolean;
  readonly lines: readonly CheckoutLine[];
  readonly tenders: readonly TenderUse[];
  readonly warnings: readonly CheckoutWarning[];
  /** Exactly what recording writes: fees for new charges, one `Payment (AC)` per fee paid from credit, one `Payment` per tender. */
  readonly entries: readonly LedgerEntry[];
}

/** What a pay window starts from, before anyone types: `checkoutDefaults`'s question. */
export interface CheckoutDefaultsRequest {
  readonly channel: Channel;
  /** The account, when asking a source (a journal). */
  readonly accountId?: string;
  /** The fees chosen; by default every unpaid fee not held by a settlement, oldest due date first, then posting order. */
  readonly feeIds?: readonly string[];
  /** Point of sale only: charges rung up. */
  readonly newCharges?: readonly NewCharge[];
  /** The Apply Credit switch, when the person already set it; else the channel's default. */
  readonly applyCredit?: boolean;
}

/**
 * What the pay window (the member portal's, the admin's, the point of
 * sale's) shows before anything is typed: the fees chosen, the credit
 * applied by default, the amount due after credit and the first payment
 * row, filled in with it.
 */
export interface CheckoutDefaults
  extends Pick<
    CheckoutPlan,
    | "channel"
    | "currency"
    | "total"
    | "availableCredit"
    | "maxCredit"
    | "applyCredit"
    | "applyCreditDefault"
    | "appliedCredit"
    | "remainingDue"
    | "paidEntirelyByCredit"
    | "lines"
  > {
  readonly feeIds: readonly string[];
  /** The first payment row as it starts: a card payment of the amount due after credit; absent when credit pays it all. */
  readonly tender?: Tender;
}
