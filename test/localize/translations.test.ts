/**
 * Every string the elements show has a translation in every language the kit
 * ships, and the translation keeps the source's placeholders (the values a
 * sentence carries: an amount, a name, a count). The XLIFF files are what
 * `npm run localize` extracts from the sources; CI checks they are current.
 */
import { readFileSync } from "node:fs";
import { expect } from "chai";

const ROOT = new URL("../../packages/elements/", import.meta.url);
const config = JSON.parse(readFileSync(new URL("lit-localize.json", ROOT), "utf8")) as { targetLocales: string[] };

interface Unit {
  id: string;
  source: string;
  target: string | undefined;
}

function unitsOf(locale: string): Unit[] {
  const xliff = readFileSync(new URL(`xliff/${locale}.xlf`, ROOT), "utf8");
  return [...xliff.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)].map(([, id = "", body = ""]) => ({
    id,
    source: /<source>([\s\S]*?)<\/source>/.exec(body)?.[1] ?? "",
    target: /<target>([\s\S]*?)<\/target>/.exec(body)?.[1],
  }));
}

const placeholders = (text: string) => [...text.matchAll(/<x id="([^"]+)"/g)].map(([, id]) => id).sort();

describe("the elements' translations", () => {
  it("ship Spanish and Arabic", () => {
    expect(config.targetLocales).to.include.members(["es", "ar"]);
  });

  for (const locale of config.targetLocales) {
    describe(locale, () => {
      const units = unitsOf(locale);

      it("has a translation for every string", () => {
        expect(units.length).to.be.greaterThan(0);
        const missing = units.filter((unit) => !unit.target?.trim()).map((unit) => unit.source);
        expect(missing, `${missing.length} of ${units.length} strings untranslated`).to.deep.equal([]);
      });

      it("keeps every placeholder of the source, once each", () => {
        const broken = units
          .filter((unit) => unit.target !== undefined && placeholders(unit.target).join() !== placeholders(unit.source).join())
          .map((unit) => `${unit.source} → ${unit.target}`);
        expect(broken).to.deep.equal([]);
      });

      it("is built into the locale module the kit loads", () => {
        const module = readFileSync(new URL(`src/locales/${locale}.ts`, ROOT), "utf8");
        const missing = units.filter((unit) => !module.includes(`'${unit.id}'`)).map((unit) => unit.id);
        expect(missing, "run npm run localize").to.deep.equal([]);
      });
    });
  }
});
