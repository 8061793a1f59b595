/**
 * `Worker` for pages that enforce Trusted Types (`require-trusted-types-for
 * 'script'`): the script URL goes through a policy named `creditkit`, which
 * the host lists in its `trusted-types` directive. The policy accepts only
 * URLs of the kit's own origin (the module's), so it cannot be used to start
 * a script from anywhere else. Where Trusted Types are not enforced (or not
 * supported) it is the plain `Worker`; where workers do not exist, undefined.
 *
 * A module imports it under the name `Worker`, so that bundlers still see
 * `new Worker(new URL("./x.worker.ts", import.meta.url))` and bundle the
 * worker (Vite and the one-file kit look for that expression).
 */

interface ScriptUrlPolicy {
  createScriptURL(input: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): ScriptUrlPolicy;
}

/** The Trusted Types policy's name a host allows: `trusted-types lit-html creditkit`. */
export const TRUSTED_TYPES_POLICY = "creditkit";

const Base = (globalThis as { Worker?: typeof globalThis.Worker }).Worker;
const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
let policy: ScriptUrlPolicy | undefined;

/** The kit's script URLs only: same origin as this module (a bundle serves its worker beside itself). */
function ownScriptUrl(input: string): string {
  const url = new URL(input, import.meta.url);
  if (url.origin !== new URL(import.meta.url).origin)
    throw new TypeError(`creditkit starts workers from its own origin only, not ${url.origin}`);
  return url.href;
}

function trusted(url: string | URL): string {
  if (!factory) return String(url);
  policy ??= factory.createPolicy(TRUSTED_TYPES_POLICY, { createScriptURL: ownScriptUrl });
  // A TrustedScriptURL: the Worker constructor takes it where a string would be refused.
  return policy.createScriptURL(String(url)) as string;
}

export const TrustedWorker: typeof globalThis.Worker | undefined =
  Base && factory
    ? class extends Base {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(trusted(url), options);
        }
      }
    : Base;
