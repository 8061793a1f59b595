/**
 * One error class for the whole kit, with stable machine-readable codes.
 * Hosts switch on `code`; people read `message`.
 *
 * Every message is rendered from the code and the error's `details` by
 * `messageFor(code, details)`: the English templates below name their
 * variable parts (`{field}`, `{currency}`, `{maxDecimals}` …) and the throw
 * sites put those values in `details`, never in an ad-hoc sentence. A host
 * that words errors in another language needs only `code` and `details`
 * (`details.reason` picks the variant of a code that has several causes);
 * `ERROR_CODES` lists every code so a translation can be checked complete.
 */

/**
 * Every code the kit can raise, with the sentence a person reads. A list is
 * tried in order: the first template whose `{placeholders}` all have a value in
 * `details` is used; the last template of every code has none.
 */
const MESSAGES = {
  // money (§1)
  "amount-required": "Enter an amount.",
  "invalid-amount": "That is not an amount: use digits with an optional decimal point, like 12.50.",
  "exponent-not-allowed": "Write the amount out in full digits, not in exponent form.",
  "not-finite": "An amount must be a finite number.",
  "negative-amount": "The amount cannot be negative.",
  "zero-amount": "The amount must be more than zero.",
  "too-many-decimals": [
    "{currency} amounts have at most {maxDecimals} decimal places.",
    "That amount has more decimal places than the currency allows.",
  ],
  "amount-too-large": "That amount is too large.",
  "unknown-currency": "That currency code is not known.",
  "currency-mismatch": "Amounts in two different currencies cannot be combined.",
  "percent-not-supported": "Credits are fixed amounts; percentages are not supported.",
  // input shape
  "invalid-input": ["The request is not valid ({field}).", "The request is not valid."],
  "invalid-date": "Dates must be real calendar dates written as YYYY-MM-DD.",
  // accounts and ledger (§2)
  "unknown-account": "No account has that id.",
  "duplicate-account": "An account with that id already exists.",
  "unknown-fee": "No unpaid fee with that id is on this account.",
  "unknown-grant": "No credit grant with that id is on this account.",
  "duplicate-fee": "The same fee was chosen twice.",
  "duplicate-id": "An entry with that id already exists.",
  "fee-already-paid": "That fee is already paid.",
  "fee-overpaid": "This would pay more than the fee's unpaid remainder.",
  "credit-overused": "This would use more credit than the grant has left.",
  "fee-reserved": "That fee is being collected by a payment in progress.",
  "idempotency-conflict": "This key was already used for a different operation.",
  "unknown-payment": "No payment with that entry id is on this account.",
  "payment-already-reversed": "That payment was already reversed.",
  "empty-commit": "A commit needs at least one entry.",
  "reserved-key": "Keys and entry ids containing § are kept for the entries the kit derives itself (the auto-apply sweep's).",
  "payment-not-allocated": "A payment must go to fees in full, or put the rest on account as credit in the same operation.",
  // checkout (§3)
  "credit-exceeds-maximum": "The credit applied cannot exceed the available credit or the amount due.",
  "credit-amount-admin-only": "Only an administrator can apply a smaller credit amount.",
  "over-tender": "Only cash can be more than the amount due.",
  "partial-payment-not-allowed": "This payment must cover the whole amount due.",
  "charge-to-account-pos-only": "Charge to Account is only available at the point of sale.",
  "new-charges-pos-only": "New charges can only be rung up at the point of sale.",
  "payment-incomplete": "New charges must be paid in full or charged to the account.",
  "nothing-to-pay": "Choose at least one fee to pay.",
  // settlement (§5)
  "reservation-conflict": "A different settlement already holds this reservation.",
  "settlement-in-progress": "Another settlement of this invoice is in progress; it was left to finish.",
  "charge-declined": "The card was declined; the invoice stays unpaid and the credit is free again.",
  "charge-failed": "The payment gateway failed before charging; the invoice stays unpaid and the credit is free again.",
  "charge-unknown": "The payment gateway's answer is unknown: the card may have been charged. Settle again to reconcile.",
  "charge-unrecorded": "The card was charged but the payment could not be recorded. Settle again to record it.",
  "reservation-stale": "The reserved fees no longer owe anything; check the earlier charge by hand.",
  "duplicate-invoice": "This invoice appears twice in the batch.",
  "batch-cancelled": "The batch was cancelled before this invoice.",
  "settlement-error": "Settling this invoice failed unexpectedly.",
  // mass credits (§6)
  "description-required": "Enter a description for the credit.",
  "unknown-credit-type": "Choose a credit type from the organisation's list.",
  "unknown-mode": "Choose how to issue the credit: once per family, once per student or once per enrollment.",
  "empty-enrollment-row": "Each enrollment filter needs at least one field filled in.",
  "unknown-id": "That id is not in the organisation's lists.",
  "duplicate-row": ["The row {rowKey} appears twice in the run.", "The same row appears twice in the run: each row is credited once."],
  // storage (used by data sources)
  "storage-unavailable": "The browser's storage is not available.",
  "storage-blocked": "The browser's storage is blocked by another open tab.",
  "storage-quota": "The browser's storage is full.",
  "storage-corrupt": [
    "The stored record {record} cannot be read ({reason}); the ledger is open read-only with what could be read. Download a backup.",
    "A stored record cannot be read; the ledger is open read-only. Download a backup.",
  ],
  "storage-upgraded": "The stored ledger was upgraded or deleted in another tab; reload this page.",
  "storage-conflict": "The database was too busy with other writes to the same records; nothing was written. Try again.",
  "storage-timeout": "The database did not answer in time; nothing was written. Try again.",
  "storage-refused": "The database refused the write: it breaks one of the database's own rules. Nothing was written.",
  // the server (used by @creditkit/server)
  unauthorized: "Sign in first: the request has no valid sign-in.",
  forbidden: "Your role may not do this.",
  "too-large": "The request is too large.",
  "not-found": "There is no such route.",
  internal: "Something went wrong on the server. Try again: a retry with the same key writes at most once.",
  // the network (used by @creditkit/remote)
  "network-unavailable": "The server cannot be reached: check the connection and try again. Nothing was lost: a retry writes at most once.",
} as const satisfies Readonly<Record<string, string | readonly string[]>>;

export type CreditKitErrorCode = keyof typeof MESSAGES;

/**
 * The sentences of the causes a code shares, keyed `code/reason` and picked by
 * `details.reason`; the code's own template is the fallback.
 */
const VARIANTS: Readonly<Record<`${CreditKitErrorCode}/${string}`, string | readonly string[]>> = {
  // money
  "invalid-amount/not-text": 'Amounts must be given as text, like "12.50".',
  "too-many-decimals/whole-numbers": "{currency} amounts are whole numbers: no decimal places.",
  "too-many-decimals/one-decimal": "{currency} amounts have at most one decimal place.",
  // malformed input: what exactly is wrong with the field
  "invalid-input/unknown-value": "Unknown value in {field}: {value}.",
  "invalid-input/unknown-channel": "Unknown channel: {value}.",
  "invalid-input/unknown-payment-method": "Unknown payment method: {value}.",
  "invalid-input/unknown-transaction-type": "Unknown transaction type: {value}.",
  "invalid-input/unknown-entry-type": "Unknown entry type.",
  "invalid-input/unknown-outcome": "Unknown simulated outcome: {value}.",
  "invalid-input/amount-currency": "Amounts given as text need their currency.",
  "invalid-input/other-account": "The request names another account than the snapshot's.",
  "invalid-input/async-source":
    "Plan from a journal, or from a snapshot and the settings: a data source answers later (await its snapshot and getSettings first).",
  "invalid-input/store-currency": "A new store needs a currency.",
  "invalid-input/not-plain-data": "The {field} could not be read as plain data.",
  "invalid-input/not-a-plan": ["Pass a plan made by {maker}.", "Pass a plan made by the core."],
  "invalid-input/not-a-backup": "This is not a creditkit ledger backup.",
  "invalid-input/not-a-list": "The {field} must be a list.",
  "invalid-input/no-fees": "An invoice needs at least one fee.",
  "invalid-input/concurrency": "Concurrency must be a whole number of at least {min}.",
  "invalid-input/currency-without-snapshots": "Give the currency when there are no snapshots.",
  "invalid-input/whole-factor": "Money can only be multiplied by a whole number.",
  "invalid-input/grants-only": "Only credit grants can be posted as credits.",
  "invalid-input/batch-id": 'A batch id cannot contain "/".',
  "invalid-input/run-id": [
    "Give the run an id of 1 to {maxLength} characters without {forbidden}.",
    'A run id is a non-empty text without "/".',
  ],
  "invalid-input/post-key": "A post is not keyed {runId}/<rowKey>.",
  "invalid-input/time-out": "The time-out must be a positive number of milliseconds.",
  "invalid-input/too-many-rows": "At most {limit} enrollment filters.",
  "invalid-input/not-a-weekday": '"{value}" is not a weekday (mon … sun).',
  "invalid-input/period-reversed": "The end of the period ({to}) cannot be before its start ({from}).",
  "invalid-input/reversal-exceeds-paid": "A reversal cannot take back more than the fee was paid.",
  "invalid-input/reversal-exceeds-used": "A reversal cannot give back more credit than was used.",
  "invalid-input/void-not-whole": "A payment is reversed whole: the void's amount must be the payment's.",
  "invalid-input/void-credit-on-account":
    "This payment put part of itself on account as credit: void that credit and record the correction as new entries.",
  "invalid-input/allocation-exceeds-payment": "A payment cannot allocate more than its amount.",
  "invalid-input/credit-payment-mismatch": "A credit payment must equal the credit it uses.",
  "invalid-input/control-character": "The text of {field} holds a control character (U+001D–U+001F) that a data set may not hold.",
  "invalid-input/database": "The request is not valid: {text}",
  "invalid-input/plan-changed": "The plan is not the one the core makes for this checkout now: plan it again.",
  "invalid-input/one-account": "A portal checkout pays the fees of one account.",
  "invalid-input/key-differs": "The Idempotency-Key header and the body's key differ.",
  "invalid-input/key-required": "Give the credits' idempotency key.",
  "invalid-input/schema": ["The request is not valid ({field}: {issue}).", "The request is not valid ({field})."],
  "invalid-input/secret-too-short": "The dev secret must be at least {minBytes} bytes.",
  // a backup that cannot be imported (the embedded store)
  "invalid-input/backup-not-finite": "{field} must be a finite number.",
  "invalid-input/backup-not-json": "{field} is not JSON data ({type}).",
  "invalid-input/backup-too-deep": "{field} is nested too deeply.",
  "invalid-input/backup-not-plain-list": "{field} is not a plain list.",
  "invalid-input/backup-not-plain-object": "{field} is not a plain object.",
  "invalid-input/backup-symbol-key": "{field} has a symbol key.",
  "invalid-input/backup-forbidden-key": 'A backup may not use the key "{key}".',
  "invalid-input/backup-setting": "The setting {setting} must be true or false.",
  "invalid-input/backup-duplicate-account": "The account {id} appears twice in the backup.",
  "invalid-input/backup-duplicate-entry": "The entry {id} appears twice in the backup.",
  "invalid-input/backup-duplicate-key": "The entries under {key} appear twice in the backup.",
  "invalid-input/backup-duplicate-reservation": "The reservation {key} appears twice in the backup.",
  "invalid-input/backup-credit-ids": "A run's credit needs a row key and an entry id.",
  "invalid-input/backup-credit-missing": "Run {runId} lists a credit ({entryId}) that is not on the backup's ledger.",
  "invalid-input/backup-run-object": "A run must be an object.",
  "invalid-input/backup-duplicate-run": "The run {runId} appears twice in the backup.",
  "invalid-input/backup-run-status": "Run {runId} has an unknown status.",
  "invalid-input/backup-run-counts": "Run {runId} needs whole counts of rows.",
  "invalid-input/backup-run-description": "Run {runId} needs a description and the time it was saved.",
  "invalid-input/backup-run-filters": "Run {runId}'s filters must be lines of text.",
  "invalid-input/backup-run-request": "Run {runId} needs its request.",
  "invalid-input/backup-run-total": "Run {runId}'s total must be an amount in {currency}.",
  "invalid-input/backup-run-posts": ["Run {runId} needs its {selected} posts.", "Run {runId} needs its posts."],
  "invalid-input/backup-post-key": "A post of run {runId} is not keyed {runId}/<row>.",
  "invalid-input/backup-post-twice": "Run {runId} posts the row {rowKey} twice.",
  "invalid-input/backup-post-account": "A post of run {runId} ({rowKey}) names no account of the ledger or no amount in {currency}.",
  "invalid-input/backup-run-currency": "Run {runId} is in another currency than the ledger.",
  "invalid-input/backup-record-run": "Run {runId}'s record names another run.",
  "invalid-input/backup-record-credits": "Run {runId}'s record needs its credits.",
  "invalid-input/backup-record-counts": "Run {runId}'s record needs whole counts.",
  "invalid-input/backup-record-status": "Run {runId}'s record has an unknown status.",
  "invalid-input/backup-record-errors": "Run {runId}'s record needs its list of errors.",
  "invalid-input/backup-record-twice": "Run {runId}'s record lists the row {rowKey} twice.",
  // named things that are not there
  "unknown-id/no-saved-run": "No saved run has the id {runId}.",
  "unknown-id/no-processed-run": "No processed run has the id {runId}.",
  "unknown-id/no-organisation": "No organisation {orgId}: give its currency to create it.",
  "unknown-id/no-preview": "No such preview (it may have expired: preview again).",
  "unknown-id/preview-expired": "This preview's data is no longer kept: preview again.",
  "unknown-id/no-job": "No {kind} job has the id {id}.",
  "duplicate-id/duplicate-record": "Two {kind} records have the id {id}.",
  "currency-mismatch/data-set": "The data set must be in {expected}.",
  "not-found/no-data-set": "No mass-credit data set is stored yet.",
  "not-found/no-run-reversal": "This ledger cannot reverse a run.",
  "not-found/no-data-set-store": "This ledger cannot store a data set.",
  "not-found/no-payment-reversal": "This ledger cannot reverse payments.",
  "not-found/no-card-list": "This server's gateway cannot say which accounts hold a card.",
  // conflicts
  "idempotency-conflict/run-plan-differs": "A run with the id {id} was asked with another plan.",
  "settlement-in-progress/batch-running": "The batch {id} is being settled; try again when it ends.",
  // who may do what
  "forbidden/portal-only": "Members pay in the portal channel only.",
  "forbidden/portal-entries": "A portal checkout only pays fees, by card, bank or credit.",
  "forbidden/server-charges": "Card charges happen on the server: settle invoices with settleBatch.",
  // storage and the server
  "storage-unavailable/closed": "This data source is closed.",
  "storage-unavailable/no-indexeddb": "This browser has no IndexedDB.",
  "storage-unavailable/write-aborted": "The browser's storage gave up the write; nothing was written.",
  "storage-unavailable/no-organisation": "No organisation {orgId} is set up in this database.",
  "storage-unavailable/database-down": "The database is not available: {text}",
  "storage-unavailable/database-failed": "The database failed: {text}",
  "storage-unavailable/job-failed": "The job failed unexpectedly.",
  "storage-unavailable/preview-stopped": "The preview thread stopped.",
  "storage-unavailable/server-stopping": "The server is stopping.",
  "storage-upgraded/this-tab-stopped":
    "The stored ledger was upgraded or deleted in another tab; this tab stopped reading it. Reload the page.",
  "storage-refused/database-rule":
    "The database refused the write: it breaks one of the database's own rules. Nothing was written. ({text})",
  "storage-refused/migration-changed": "Migration {migration} changed after it was applied (as {applied}); add a new migration instead.",
  "internal/no-kit-error": "The server answered {status} without a creditkit error.",
  "internal/job-failed": "The job failed.",
};

/** Every code, in the order of the table: a translation covers them all (and may word the `code/reason` variants). */
export const ERROR_CODES: readonly CreditKitErrorCode[] = Object.freeze(Object.keys(MESSAGES) as CreditKitErrorCode[]);

/**
 * The English templates, for a translator to copy: `code` and `code/reason`
 * keys, each a list tried in order (see `messageFor`).
 */
export const ERROR_MESSAGE_TEMPLATES: Readonly<Record<string, readonly string[]>> = Object.freeze(
  Object.fromEntries(
    [...Object.entries(MESSAGES), ...Object.entries(VARIANTS)].map(([key, t]) => [
      key,
      Object.freeze(typeof t === "string" ? [t] : [...t]),
    ]),
  ),
);

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Facts about the error that a host can show or log (field names, ids,
 * limits): every variable part of the message. `reason` names which of a
 * code's causes it is, when the code has several.
 */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | undefined>>;

export class CreditKitError extends Error {
  override readonly name = "CreditKitError";
  readonly code: CreditKitErrorCode;
  readonly details: ErrorDetails;

  /**
   * `message` is only for wording that arrives from elsewhere (a server's
   * answer relayed by a client); the kit's own throw sites leave it out, so
   * the message is always `messageFor(code, details)`.
   */
  constructor(code: CreditKitErrorCode, details: ErrorDetails = {}, message?: string) {
    super(message ?? messageFor(code, details));
    this.code = code;
    // A relayed answer may carry null details: none.
    this.details = details ?? {};
  }
}

/** A template with its placeholders filled from `details`, or undefined when one has no value. */
function fill(template: string, details: ErrorDetails): string | undefined {
  let missing = false;
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = Object.hasOwn(details, name) ? details[name] : undefined;
    if (value === undefined || value === null) missing = true;
    return String(value);
  });
  return missing ? undefined : text;
}

/**
 * The person-readable English sentence for a code and its details: the
 * `code/reason` variant when `details.reason` names one, else the code's
 * template, the first of a list whose placeholders all have values. With no
 * details, the code's general sentence. (A code the kit does not know gives
 * undefined, so a client can tell its own codes from a newer server's.)
 */
export function messageFor(code: CreditKitErrorCode, details: ErrorDetails = {}): string {
  const facts: ErrorDetails = details ?? {};
  const reason = facts.reason;
  const own = (key: string) => (Object.hasOwn(ERROR_MESSAGE_TEMPLATES, key) ? (ERROR_MESSAGE_TEMPLATES[key] ?? []) : []);
  for (const template of [...(typeof reason === "string" ? own(`${code}/${reason}`) : []), ...own(code)]) {
    const text = fill(template, facts);
    if (text !== undefined) return text;
  }
  return undefined as unknown as string;
}

/** True when `error` is a CreditKitError, optionally with the given code. */
export function isCreditKitError(error: unknown, code?: CreditKitErrorCode): error is CreditKitError {
  return error instanceof CreditKitError && (code === undefined || error.code === code);
}

/**
 * Throws `invalid-input` naming the field when `condition` is false; `more`
 * adds details, such as the `reason` that picks a more telling sentence.
 */
export function assertInput(condition: unknown, field: string, more?: ErrorDetails): asserts condition {
  if (!condition) throw new CreditKitError("invalid-input", { ...more, field });
}

/** Throws `invalid-input` naming the field unless `value` is an object (not `null`; an array is one). */
export function assertObject(value: unknown, field: string): asserts value is object {
  assertInput(typeof value === "object" && value !== null, field);
}
