/**
 * The kit's errors in the page's language: a `CreditKitError` is worded from
 * its `code` and `details` (the same sentences as the core's English
 * `messageFor`, each a `msg()` so it is translated), anything else is
 * "Something went wrong.". Call it at render time, so a language switch
 * re-words a message already shown.
 */
import type { CreditKitError, CreditKitErrorCode, ErrorDetails } from "@creditkit/core";
import { sourceLocale } from "../locales/locale-codes.js";
import { kitLocale, msg, str } from "./localize.js";

/**
 * A CreditKitError, known by its shape rather than its class: the error may come from another copy of the core
 * (the one-file kit beside `@creditkit/remote` from npm, two installed versions). Details a relay sent as `null` are none.
 */
function kitErrorOf(error: unknown): { code: CreditKitErrorCode; details: ErrorDetails; message: string } | undefined {
  if (!(error instanceof Error) || error.name !== "CreditKitError") return undefined;
  const { code, details } = error as Partial<CreditKitError>;
  if (typeof code !== "string") return undefined;
  return { code, details: typeof details === "object" && details !== null ? details : {}, message: error.message };
}

/** A thrown value in words: a CreditKitError's sentence in the kit's language, or a generic one. */
export function errorText(error: unknown): string {
  const kit = kitErrorOf(error);
  if (!kit) return msg("Something went wrong.");
  // English: the error's own sentence (the core's messageFor, or the server's words relayed as they were said).
  if (kitLocale() === sourceLocale && kit.message) return kit.message;
  const reason = typeof kit.details.reason === "string" ? kit.details.reason : undefined;
  const variant = reason === undefined ? undefined : variantText(kit.code, reason, kit.details);
  // A cause worded more closely in English than here (`code/reason`), or a code newer than the kit: the code's general sentence.
  return variant ?? codeText(kit.code, kit.details) ?? msg("Something went wrong.");
}

/** The sentences of the causes a person meets in the elements (typing an amount, the portal, the browser's storage), keyed by `code/reason`. */
function variantText(code: CreditKitErrorCode, reason: string, details: ErrorDetails): string | undefined {
  const currency = details.currency === undefined ? undefined : String(details.currency);
  switch (`${code}/${reason}`) {
    case "invalid-amount/not-text":
      return msg('Amounts must be given as text, like "12.50".');
    case "too-many-decimals/whole-numbers":
      return currency === undefined ? undefined : msg(str`${currency} amounts are whole numbers: no decimal places.`);
    case "too-many-decimals/one-decimal":
      return currency === undefined ? undefined : msg(str`${currency} amounts have at most one decimal place.`);
    case "invalid-input/plan-changed":
      return msg("The plan is not the one the core makes for this checkout now: plan it again.");
    case "invalid-input/one-account":
      return msg("A portal checkout pays the fees of one account.");
    case "forbidden/portal-only":
      return msg("Members pay in the portal channel only.");
    case "forbidden/portal-entries":
      return msg("A portal checkout only pays fees, by card, bank or credit.");
    case "not-found/no-payment-reversal":
      return msg("This ledger cannot reverse payments.");
    case "unknown-id/no-preview":
      return msg("No such preview (it may have expired: preview again).");
    case "unknown-id/preview-expired":
      return msg("This preview's data is no longer kept: preview again.");
    case "settlement-in-progress/batch-running":
      return details.id === undefined ? undefined : msg(str`The batch ${String(details.id)} is being settled; try again when it ends.`);
    case "storage-unavailable/closed":
      return msg("This data source is closed.");
    case "storage-unavailable/no-indexeddb":
      return msg("This browser has no IndexedDB.");
    case "storage-unavailable/write-aborted":
      return msg("The browser's storage gave up the write; nothing was written.");
    case "storage-upgraded/this-tab-stopped":
      return msg("The stored ledger was upgraded or deleted in another tab; this tab stopped reading it. Reload the page.");
    default:
      return undefined;
  }
}

/** The code's own sentence (the first whose variable parts `details` holds); undefined for a code the kit does not know. */
function codeText(code: CreditKitErrorCode, details: ErrorDetails): string | undefined {
  switch (code) {
    case "amount-required":
      return msg("Enter an amount.");
    case "invalid-amount":
      return msg("That is not an amount: use digits with an optional decimal point, like 12.50.");
    case "exponent-not-allowed":
      return msg("Write the amount out in full digits, not in exponent form.");
    case "not-finite":
      return msg("An amount must be a finite number.");
    case "negative-amount":
      return msg("The amount cannot be negative.");
    case "zero-amount":
      return msg("The amount must be more than zero.");
    case "too-many-decimals": {
      const { currency, maxDecimals } = details;
      if (currency !== undefined && maxDecimals !== undefined) {
        return msg(str`${String(currency)} amounts have at most ${String(maxDecimals)} decimal places.`);
      }
      return msg("That amount has more decimal places than the currency allows.");
    }
    case "amount-too-large":
      return msg("That amount is too large.");
    case "unknown-currency":
      return msg("That currency code is not known.");
    case "currency-mismatch":
      return msg("Amounts in two different currencies cannot be combined.");
    case "percent-not-supported":
      return msg("Credits are fixed amounts; percentages are not supported.");
    case "invalid-input":
      return details.field === undefined
        ? msg("The request is not valid.")
        : msg(str`The request is not valid (${String(details.field)}).`);
    case "invalid-date":
      return msg("Dates must be real calendar dates written as YYYY-MM-DD.");
    case "unknown-account":
      return msg("No account has that id.");
    case "duplicate-account":
      return msg("An account with that id already exists.");
    case "unknown-fee":
      return msg("No unpaid fee with that id is on this account.");
    case "unknown-grant":
      return msg("No credit grant with that id is on this account.");
    case "duplicate-fee":
      return msg("The same fee was chosen twice.");
    case "duplicate-id":
      return msg("An entry with that id already exists.");
    case "fee-already-paid":
      return msg("That fee is already paid.");
    case "fee-overpaid":
      return msg("This would pay more than the fee's unpaid remainder.");
    case "credit-overused":
      return msg("This would use more credit than the grant has left.");
    case "fee-reserved":
      return msg("That fee is being collected by a payment in progress.");
    case "idempotency-conflict":
      return msg("This key was already used for a different operation.");
    case "unknown-payment":
      return msg("No payment with that entry id is on this account.");
    case "payment-already-reversed":
      return msg("That payment was already reversed.");
    case "empty-commit":
      return msg("A commit needs at least one entry.");
    case "reserved-key":
      return msg("Keys and entry ids containing § are kept for the entries the kit derives itself (the auto-apply sweep's).");
    case "payment-not-allocated":
      return msg("A payment must go to fees in full, or put the rest on account as credit in the same operation.");
    case "credit-exceeds-maximum":
      return msg("The credit applied cannot exceed the available credit or the amount due.");
    case "credit-amount-admin-only":
      return msg("Only an administrator can apply a smaller credit amount.");
    case "over-tender":
      return msg("Only cash can be more than the amount due.");
    case "partial-payment-not-allowed":
      return msg("This payment must cover the whole amount due.");
    case "charge-to-account-pos-only":
      return msg("Charge to Account is only available at the point of sale.");
    case "new-charges-pos-only":
      return msg("New charges can only be rung up at the point of sale.");
    case "payment-incomplete":
      return msg("New charges must be paid in full or charged to the account.");
    case "nothing-to-pay":
      return msg("Choose at least one fee to pay.");
    case "reservation-conflict":
      return msg("A different settlement already holds this reservation.");
    case "settlement-in-progress":
      return msg("Another settlement of this invoice is in progress; it was left to finish.");
    case "charge-declined":
      return msg("The card was declined; the invoice stays unpaid and the credit is free again.");
    case "charge-failed":
      return msg("The payment gateway failed before charging; the invoice stays unpaid and the credit is free again.");
    case "charge-unknown":
      return msg("The payment gateway's answer is unknown: the card may have been charged. Settle again to reconcile.");
    case "charge-unrecorded":
      return msg("The card was charged but the payment could not be recorded. Settle again to record it.");
    case "reservation-stale":
      return msg("The reserved fees no longer owe anything; check the earlier charge by hand.");
    case "duplicate-invoice":
      return msg("This invoice appears twice in the batch.");
    case "batch-cancelled":
      return msg("The batch was cancelled before this invoice.");
    case "settlement-error":
      return msg("Settling this invoice failed unexpectedly.");
    case "description-required":
      return msg("Enter a description for the credit.");
    case "unknown-credit-type":
      return msg("Choose a credit type from the organisation's list.");
    case "unknown-mode":
      return msg("Choose how to issue the credit: once per family, once per student or once per enrollment.");
    case "empty-enrollment-row":
      return msg("Each enrollment filter needs at least one field filled in.");
    case "unknown-id":
      return msg("That id is not in the organisation's lists.");
    case "duplicate-row":
      return details.rowKey === undefined
        ? msg("The same row appears twice in the run: each row is credited once.")
        : msg(str`The row ${String(details.rowKey)} appears twice in the run.`);
    case "storage-unavailable":
      return msg("The browser's storage is not available.");
    case "storage-blocked":
      return msg("The browser's storage is blocked by another open tab.");
    case "storage-quota":
      return msg("The browser's storage is full.");
    case "storage-corrupt": {
      // The store's reason is its own English ("the log does not replay"): English shows it (the error's message),
      // other languages name the record only.
      const { record } = details;
      if (record !== undefined) {
        return msg(
          str`The stored record ${String(record)} cannot be read; the ledger is open read-only with what could be read. Download a backup.`,
        );
      }
      return msg("A stored record cannot be read; the ledger is open read-only. Download a backup.");
    }
    case "storage-upgraded":
      return msg("The stored ledger was upgraded or deleted in another tab; reload this page.");
    case "storage-conflict":
      return msg("The database was too busy with other writes to the same records; nothing was written. Try again.");
    case "storage-timeout":
      return msg("The database did not answer in time; nothing was written. Try again.");
    case "storage-refused":
      return msg("The database refused the write: it breaks one of the database's own rules. Nothing was written.");
    case "unauthorized":
      return msg("Sign in first: the request has no valid sign-in.");
    case "forbidden":
      return msg("Your role may not do this.");
    case "too-large":
      return msg("The request is too large.");
    case "not-found":
      return msg("There is no such route.");
    case "internal":
      return msg("Something went wrong on the server. Try again: a retry with the same key writes at most once.");
    case "network-unavailable":
      return msg("The server cannot be reached: check the connection and try again. Nothing was lost: a retry writes at most once.");
    default:
      return undefined;
  }
}

/**
 * A readable message for anything thrown, in the kit's language: a
 * CreditKitError's sentence (`errorText`); a host's own `Error` keeps its
 * words (the kit cannot translate them); anything else is a generic sentence.
 * Call it at render time, so a language switch re-words it.
 */
export function messageOf(error: unknown): string {
  if (error instanceof Error && !kitErrorOf(error) && error.message) return error.message;
  return errorText(error);
}
