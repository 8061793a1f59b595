import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";

/** `<ck-credit-toggle>`: the Apply Credit switch, form-associated, with its figures (controlled). */
const meta: Meta = {
  title: "Elements/Credit toggle",
  component: "ck-credit-toggle",
  args: { checked: true, "available-credit": "5.00", "applied-amount": "5.00", "remaining-due": "15.00", currency: "USD", locale: "en-US" },
  render: (args) => html`
    <ck-credit-toggle
      ?checked=${args.checked}
      ?disabled=${args.disabled}
      available-credit=${args["available-credit"]}
      applied-amount=${args["applied-amount"]}
      remaining-due=${args["remaining-due"]}
      currency=${args.currency}
      locale=${args.locale}
    ></ck-credit-toggle>
  `,
};
export default meta;
type Story = StoryObj;

export const On: Story = {};

export const Off: Story = { args: { checked: false, "applied-amount": "0.00", "remaining-due": "20.00" } };

export const NoCredit: Story = { args: { checked: false, "available-credit": "0.00", "applied-amount": "0.00", "remaining-due": "20.00" } };

/** In a form: submits `applyCredit=on` while on; Reset goes back to the initial state. */
export const InAForm: Story = {
  render: () => html`
    <form @submit=${(e: Event) => e.preventDefault()}>
      <ck-credit-toggle name="applyCredit" checked available-credit="5.00" applied-amount="5.00" remaining-due="15.00"></ck-credit-toggle>
      <button type="reset">Reset</button>
    </form>
  `,
};
