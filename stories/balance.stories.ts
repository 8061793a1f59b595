import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { ACCOUNT, DUE_20_CREDIT_5, storySource } from "./data.js";

/** `<ck-balance>`: Amount Due (owed, red) and Account Credit (available, blue); zero is neutral grey. */
const meta: Meta = {
  title: "Elements/Balance",
  component: "ck-balance",
  args: { "amount-due": "20.00", "account-credit": "5.00", currency: "USD", locale: "en-US" },
  render: (args) =>
    html`<ck-balance amount-due=${args["amount-due"]} account-credit=${args["account-credit"]} currency=${args.currency} locale=${args.locale}></ck-balance>`,
};
export default meta;
type Story = StoryObj;

export const OwedAndAvailable: Story = {};

export const Neutral: Story = { args: { "amount-due": "0.00", "account-credit": "0.00" } };

export const GermanLocale: Story = { args: { "amount-due": "1234.50", "account-credit": "75.00", currency: "EUR", locale: "de-DE" } };

/** Read from the embedded memory data source through `<ck-provider>`. */
export const FromDataSource: Story = {
  loaders: [async () => ({ source: await storySource(DUE_20_CREDIT_5) })],
  render: (_args, { loaded }) =>
    html`<ck-provider .dataSource=${loaded.source} locale="en-US"><ck-balance account-id=${ACCOUNT}></ck-balance></ck-provider>`,
};
