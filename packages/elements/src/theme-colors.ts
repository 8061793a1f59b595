/**
 * The theme's colour variables, written from its token tables (theme.ts). A
 * module of its own because it builds CSS from text (`unsafeCSS`, constants
 * only, never data): the build minifies the other styles' templates and
 * leaves this one as written.
 */
import { type CSSResult, unsafeCSS } from "lit";

/**
 * `:host { --_ck-name: light-dark(var(--ck-color-name, light default), var(--ck-dark-color-name, dark default)); … }`
 * for every token.
 */
export function colorVariables<T extends string>(light: Readonly<Record<T, string>>, dark: Readonly<Record<T, string>>): CSSResult {
  const lines = (Object.keys(light) as T[]).map(
    (name) => `--_ck-${name}: light-dark(var(--ck-color-${name}, ${light[name]}), var(--ck-dark-color-${name}, ${dark[name]}));`,
  );
  return unsafeCSS(`:host { ${lines.join("\n")} }`);
}
