/**
 * `applyCreditDefault` called as every other function is (#16): amounts as
 * canonical strings with their currency, the same answers as with Money, and
 * a typed refusal for text without a currency or that is not an amount.
 */
import { applyCreditDefault, CreditKitError, parseMoney } from "@creditkit/core";
import { expect } from "chai";

describe("applyCreditDefault with amounts as text", () => {
  const cases = [
    ["admin", "50.00", "40.00", true],
    ["admin", "30.00", "40.00", false],
    ["admin", "0.00", "0.00", false],
    ["pos", "0.01", "40.00", true],
    ["portal", "0.00", "40.00", false],
  ] as const;
  for (const [channel, available, total, expected] of cases) {
    it(`${channel}: credit ${available} against ${total} -> ${expected ? "on" : "off"}, as with Money`, () => {
      expect(applyCreditDefault(channel, available, total, "USD")).to.equal(expected);
      expect(applyCreditDefault(channel, parseMoney(available, "USD"), parseMoney(total, "USD"))).to.equal(expected);
    });
  }

  it("text without a currency, an empty amount or one that is not canonical: a typed error", () => {
    const withoutCurrency = () => (applyCreditDefault as (...args: unknown[]) => boolean)("admin", "1.00", "2.00");
    expect(withoutCurrency).to.throw(CreditKitError).with.property("code", "invalid-input");
    expect(() => applyCreditDefault("admin", "", "2.00", "USD"))
      .to.throw(CreditKitError)
      .with.property("code", "invalid-input");
    expect(() => applyCreditDefault("admin", "1.005", "2.00", "USD")).to.throw(CreditKitError);
  });
});
