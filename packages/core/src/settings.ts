/** The organisation's settings that change how credit moves. */
export interface OrgSettings {
  /** "Auto Apply Account Credit to Unpaid Fees" (§4). On by default. */
  readonly autoApply: boolean;
  /** Put a non-cash overpayment on account as credit instead of refusing it (§3). */
  readonly overpaymentToCredit: boolean;
  /** Let members pay part of what is due in the portal (§3). */
  readonly portalPartialPayments: boolean;
}

export const DEFAULT_SETTINGS: OrgSettings = Object.freeze({
  autoApply: true,
  overpaymentToCredit: false,
  portalPartialPayments: false,
});
