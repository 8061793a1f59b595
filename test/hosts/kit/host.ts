// A host importing the one-file kit by its export path (issue #16): `npm run build` first, then
// `tsc -p test/hosts/kit` type-checks this file against packages/elements/dist/creditkit.d.ts, the
// kit's one rolled-up declaration file. Each @ts-expect-error line fails the run if the kit's types
// were `any` (or missing), since then nothing would be an error.
import {
  type CkPayWindow,
  createMemoryDataSource,
  type Money,
  type PlanChangeEvent,
  parseMoney,
  type StoreDataSource,
  toAmountString,
} from "@creditkit/elements/creditkit.js";

const fee: Money<"USD"> = parseMoney("20.00", "USD");
export const shown: string = toAmountString(fee);
// @ts-expect-error: an amount in euros is not an amount in dollars
export const euros: Money<"USD"> = parseMoney("20.00", "EUR");
// @ts-expect-error: toAmountString returns a string
export const count: number = toAmountString(fee);

export const source: Promise<StoreDataSource> = createMemoryDataSource({ currency: "USD" });
// @ts-expect-error: the options are an object
createMemoryDataSource("USD");

// The kit's tag-name and event-map entries: createElement knows the element, addEventListener the event.
const payWindow: CkPayWindow = document.createElement("ck-pay-window");
payWindow.addEventListener("ck-plan-change", (event) => {
  const typed: PlanChangeEvent = event;
  // @ts-expect-error: the event's detail has no such field
  typed.detail.noSuchField;
});
// @ts-expect-error: a pay window has no such property
payWindow.noSuchProperty = true;

export { payWindow };
