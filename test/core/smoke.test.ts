import { expect } from "chai";
import { money, toAmountString } from "../../packages/core/src/money.js";
describe("smoke", () => {
  it("runs", () => expect(toAmountString(money("1.5", "USD"))).to.equal("1.50"));
});
