/**
 * `msg` and `str` alone, for elements that only speak (the balance, the
 * switch): `localize.ts` also holds the language loaders, which a page that
 * never switches language need not download with them.
 */
export { msg, str } from "@lit/localize";
