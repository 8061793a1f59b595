/**
 * @creditkit/core/demo — demo-only code, kept out of the main entry so a
 * consumer importing the rules does not download it: the deterministic
 * mass-credit data generator, its name catalogue and its seeded PRNG.
 */
export { DEMO_LISTS } from "./mass-credit/demo-catalog.js";
export { DEFAULT_DEMO_DATE, type GenerateOptions, generateDataSet, mulberry32, type Random } from "./mass-credit/generate.js";
