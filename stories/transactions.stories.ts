import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { collectOnce, seededSource } from "./reports.data.js";

/**
 * `<ck-transactions>` over 200 generated families after one batch collection
 * with credit applied: fees, preloaded credits, card payments and `Payment (AC)`
 * lines, with the payment summary and the credits by credit type beside them
 * (below them when the element is narrower than 75rem).
 */
const meta: Meta = {
  title: "Elements/Transactions",
  component: "ck-transactions",
  args: { from: "", to: "", "payment-type": "", "transaction-type": "", locale: "en-US", "allow-reverse": false, audience: "admin" },
  argTypes: {
    audience: { control: "inline-radio", options: ["admin", "member"] },
    "payment-type": { control: "select", options: ["", "card", "ach", "cash", "check", "other", "account-credit"] },
    "transaction-type": {
      control: "select",
      options: ["", "Fee", "Payment", "Payment (AC)", "Account Credit", "Refund - Account Credit", "Preloaded Credit", "Void"],
    },
  },
  loaders: [
    async () => {
      const source = await seededSource(200);
      await collectOnce(source);
      return { source };
    },
  ],
  render: (args, { loaded }) => html`
    <ck-provider .dataSource=${loaded.source} locale=${args.locale}>
      <ck-transactions
        from=${args.from}
        to=${args.to}
        payment-type=${args["payment-type"]}
        transaction-type=${args["transaction-type"]}
        ?allow-reverse=${args["allow-reverse"]}
        audience=${args.audience}
      ></ck-transactions>
    </ck-provider>
  `,
};
export default meta;
type Story = StoryObj;

/** Every line, every date. */
export const AllLines: Story = {};

/** Payment type Account Credit: the `Payment (AC)` lines, each able to show the grants it used. */
export const AccountCreditPayments: Story = { args: { "payment-type": "account-credit" } };

/** Transaction type Preloaded Credit. */
export const PreloadedCredit: Story = { args: { "transaction-type": "Preloaded Credit" } };

/** November only: the payment summary follows the period. */
export const November: Story = { args: { from: "2026-11-01", to: "2026-11-30" } };

/** An admin screen (`allow-reverse`): each payment line can be reversed, after a confirmation; a reversed one says so. */
export const AdminWithReverse: Story = { args: { "allow-reverse": true, "transaction-type": "Payment" } };

/** Payment type Card: the payment summary follows it (the Card row only) and says which filters it follows. */
export const SummaryFollowsPaymentType: Story = { args: { "payment-type": "card", "transaction-type": "Payment" } };

/**
 * The member portal (`audience="member"`, one family's `account-id`): the family's own lines in words
 * ("Charge", "Payment by card", "Paid from account credit", "Credit"), dates only, no summaries, no
 * Account column, no Reverse; a void is a note on the line it changes.
 */
export const MemberPortal: Story = {
  loaders: [
    async () => {
      const source = await seededSource(200);
      await collectOnce(source);
      const [first] = await source.listAccounts();
      return { source, accountId: first?.id ?? "" };
    },
  ],
  render: (args, { loaded }) => html`
    <ck-provider .dataSource=${loaded.source} locale=${args.locale}>
      <ck-transactions audience="member" account-id=${loaded.accountId} heading="My transactions"></ck-transactions>
    </ck-provider>
  `,
};
