/**
 * Conversion of a legacy single signed balance (§2): positive → Amount Due,
 * negative → Account Credit (its absolute value), zero → both zero. Plus the
 * opening entry that brings such a balance into the ledger.
 */
import { assertIsoDate, type IsoDate } from "../dates.js";
import { assertInput } from "../errors.js";
import type { FeeEntry, GrantEntry } from "../ledger/entries.js";
import { abs, type CurrencyCode, isNegative, isPositive, type Money, parseMoney, toAmountString, zero } from "../money.js";

/** A legacy balance split into the two figures of §2 (canonical strings, both ≥ 0). */
export interface LegacyBalance {
  readonly amountDue: string;
  readonly accountCredit: string;
}

/** The category of an opening fee and the credit type of an opening grant. */
export const OPENING_BALANCE = "Opening balance";

/** How to write the opening entry. */
export interface LegacyOpeningOptions {
  /** The idempotency key of the commit that will carry the entry; ids derive from it. */
  readonly key: string;
  /** The date of the opening entry (and the fee's due date). */
  readonly date: IsoDate;
  /** The entry's description; "Opening balance" when omitted. */
  readonly description?: string;
}

function parseSigned(signed: string, currency: CurrencyCode): Money {
  return parseMoney(signed, currency, "any");
}

/**
 * Splits a legacy signed balance ("12.50", "-3.00", "0") into Amount Due and
 * Account Credit, each formatted for `currency` ("0.00" USD, "0" JPY,
 * "0.000" KWD). Throws a CreditKitError for anything that is not an exact
 * amount in `currency`.
 */
export function convertLegacyBalance(signed: string, currency: CurrencyCode): LegacyBalance {
  const balance = parseSigned(signed, currency);
  const none = toAmountString(zero(currency));
  if (isPositive(balance)) return { amountDue: toAmountString(balance), accountCredit: none };
  if (isNegative(balance)) return { amountDue: none, accountCredit: toAmountString(abs(balance)) };
  return { amountDue: none, accountCredit: none };
}

/**
 * The entry that opens an account with a legacy signed balance: a `Fee`
 * (category "Opening balance") for a positive balance, an `Account Credit`
 * grant (credit type "Opening balance", source `legacy-balance`) for a
 * negative one, nothing for zero. The entry's id is `${key}#0`; the fee or
 * grant id is `${key}/opening-balance`. Commit the result under `options.key`.
 */
export function legacyOpeningEntries(
  accountId: string,
  signed: string,
  currency: CurrencyCode,
  options: LegacyOpeningOptions,
): (FeeEntry | GrantEntry)[] {
  assertInput(typeof accountId === "string" && accountId !== "", "accountId");
  assertInput(typeof options?.key === "string" && options.key !== "", "key");
  assertIsoDate(options.date, "date");
  const description = options.description ?? OPENING_BALANCE;
  assertInput(typeof description === "string", "description");
  const balance = parseSigned(signed, currency);
  const base = { id: `${options.key}#0`, key: options.key, accountId, date: options.date, description };
  const itemId = `${options.key}/opening-balance`;
  if (isPositive(balance)) {
    return [{ ...base, type: "Fee", amount: toAmountString(balance), feeId: itemId, category: OPENING_BALANCE, dueDate: options.date }];
  }
  if (isNegative(balance)) {
    return [
      {
        ...base,
        type: "Account Credit",
        amount: toAmountString(abs(balance)),
        grantId: itemId,
        creditType: OPENING_BALANCE,
        source: { kind: "legacy-balance" },
      },
    ];
  }
  return [];
}
