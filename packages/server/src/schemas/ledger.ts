/**
 * The ledger's shapes as schemas: accounts, entries (one per transaction
 * type), snapshots, commit results and settings, as the core defines them
 * (packages/core/src/ledger/entries.ts, account-state.ts, settings.ts).
 */
import { z } from "@hono/zod-openapi";
import { Amount, Id, IsoDate, MAX_LIST, Text } from "./common.js";

export const Account = z.object({ id: Id, name: Text, kind: z.enum(["family", "member"]) }).openapi("Account");

const base = { id: Id, key: Id, accountId: Id, date: IsoDate, amount: Amount, description: Text };

export const PaymentMethod = z.enum(["card", "ach", "cash", "check", "other"]);

export const FeeEntry = z
  .object({ ...base, type: z.literal("Fee"), feeId: Id, category: Text, dueDate: IsoDate, memberId: Id.optional() })
  .openapi("FeeEntry");

export const PaymentEntry = z
  .object({
    ...base,
    type: z.literal("Payment"),
    method: PaymentMethod,
    allocations: z.array(z.object({ feeId: Id, amount: Amount })).max(MAX_LIST),
    tendered: Amount.optional(),
    change: Amount.optional(),
    reference: Text.optional(),
  })
  .openapi("PaymentEntry");

export const CreditPaymentEntry = z
  .object({
    ...base,
    type: z.literal("Payment (AC)"),
    feeId: Id,
    grants: z.array(z.object({ grantId: Id, amount: Amount })).max(MAX_LIST),
  })
  .openapi("CreditPaymentEntry");

export const GrantSource = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("mass-credit"), runId: Id, rowKey: Id }),
    z.object({ kind: z.literal("refund"), paymentId: Id.optional() }),
    z.object({ kind: z.literal("preload") }),
    z.object({ kind: z.literal("manual") }),
    z.object({ kind: z.literal("overpayment"), paymentId: Id }),
    z.object({ kind: z.literal("legacy-balance") }),
  ])
  .openapi("GrantSource");

export const GrantType = z.enum(["Account Credit", "Refund - Account Credit", "Preloaded Credit"]);

export const GrantEntry = z
  .object({ ...base, type: GrantType, grantId: Id, creditType: Text, location: Text.optional(), source: GrantSource })
  .openapi("GrantEntry");

export const VoidEntry = z
  .object({
    ...base,
    type: z.literal("Void"),
    target: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("grant"), grantId: Id }),
      z.object({ kind: z.literal("fee"), feeId: Id }),
      z.object({ kind: z.literal("payment"), entryId: Id }),
    ]),
  })
  .openapi("VoidEntry");

export const LedgerEntry = z
  .union([FeeEntry, PaymentEntry, CreditPaymentEntry, GrantEntry, VoidEntry])
  .openapi("LedgerEntry", { description: "One ledger line; `type` tells which." });

export const FeeState = z
  .object({
    feeId: Id,
    category: Text,
    description: Text,
    date: IsoDate,
    dueDate: IsoDate,
    memberId: Id.optional(),
    amount: Amount,
    paid: Amount,
    voided: Amount,
    remainder: Amount,
    order: z.number().int(),
    reservedBy: Id.optional(),
  })
  .openapi("FeeState");

export const GrantState = z
  .object({
    grantId: Id,
    type: GrantType,
    creditType: Text,
    description: Text,
    date: IsoDate,
    location: Text.optional(),
    source: GrantSource,
    amount: Amount,
    used: Amount,
    voided: Amount,
    remainder: Amount,
    reserved: Amount,
  })
  .openapi("GrantState");

export const AccountSnapshot = z
  .object({
    account: Account,
    currency: z.string(),
    fees: z.array(FeeState),
    grants: z.array(GrantState),
    amountDue: Amount,
    accountCredit: Amount,
    reservedCredit: Amount,
    availableCredit: Amount,
  })
  .openapi("AccountSnapshot");

export const CommitResult = z
  .object({
    status: z.enum(["committed", "duplicate"]),
    entries: z.array(LedgerEntry),
    swept: z.array(LedgerEntry),
  })
  .openapi("CommitResult", { description: "`duplicate`: this key was written before with the same entries; nothing was written again." });

export const Settings = z
  .object({ autoApply: z.boolean(), overpaymentToCredit: z.boolean(), portalPartialPayments: z.boolean() })
  .openapi("Settings");

export const SettingsPatch = Settings.partial().strict().openapi("SettingsPatch");

export const EntryQuery = z
  .object({ accountIds: z.array(Id).max(MAX_LIST).optional(), from: IsoDate.optional(), to: IsoDate.optional() })
  .strict()
  .openapi("EntryQuery");

export const SnapshotsQuery = z
  .object({ accountIds: z.array(Id).max(MAX_LIST).optional() })
  .strict()
  .openapi("SnapshotsQuery");
