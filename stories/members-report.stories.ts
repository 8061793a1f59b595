import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { seededSource } from "./reports.data.js";

/**
 * `<ck-members-report>` over generated families; Take payment fires
 * `ck-member-action`, shown here under the report (a host opens its pay window).
 */
const meta: Meta = {
  title: "Elements/Members report",
  component: "ck-members-report",
  args: { "has-amount-due": false, "has-credit": false, match: "any", families: 300, locale: "en-US" },
  argTypes: { match: { control: "inline-radio", options: ["any", "all"] } },
  loaders: [async ({ args }) => ({ source: await seededSource(Number(args.families)) })],
  render: (args, { loaded }) => html`
    <ck-provider .dataSource=${loaded.source} locale=${args.locale}>
      <ck-members-report
        ?has-amount-due=${args["has-amount-due"]}
        ?has-credit=${args["has-credit"]}
        match=${args.match}
        @ck-member-action=${(e: CustomEvent<{ name: string }>) => {
          const out = (e.currentTarget as HTMLElement).parentElement?.querySelector("output");
          if (out) out.textContent = `The host would open the pay window for ${e.detail.name}.`;
        }}
      ></ck-members-report>
      <p><output></output></p>
    </ck-provider>
  `,
};
export default meta;
type Story = StoryObj;

/** Every account, by name. */
export const AllAccounts: Story = {};

/** Amount Due > 0. */
export const Owing: Story = { args: { "has-amount-due": true } };

/** Amount Due > 0 or Account Credit > 0. */
export const OwingOrInCredit: Story = { args: { "has-amount-due": true, "has-credit": true } };

/** Amount Due > 0 and Account Credit > 0. */
export const OwingAndInCredit: Story = { args: { "has-amount-due": true, "has-credit": true, match: "all" } };

/** 5,000 families, virtualised. */
export const FiveThousandFamilies: Story = { args: { families: 5000 } };
