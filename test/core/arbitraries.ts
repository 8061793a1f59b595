/** fast-check arbitraries shared by the property tests. */
import fc from "fast-check";

/** A canonical USD amount from whole cents (integer arithmetic only). */
export const usd = (minCents = 1, maxCents = 50_000): fc.Arbitrary<string> =>
  fc.integer({ min: minCents, max: maxCents }).map((cents) => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, "0")}`);
