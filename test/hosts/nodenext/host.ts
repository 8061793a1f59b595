// A host compiling with moduleResolution nodenext against the built packages (issue #16): `npm run build`
// first, then `tsc -p test/hosts/nodenext` type-checks this file and every declaration it reaches.
import { type CreditKitDataSource, type Money, parseMoney, toAmountString } from "@creditkit/core";
import type { CkBalance, CkPayWindow } from "@creditkit/elements";
import { createRemoteDataSource } from "@creditkit/remote";
import { createMemoryDataSource } from "@creditkit/store";

const fee: Money<"USD"> = parseMoney("20.00", "USD");
export const shown: string = toAmountString(fee);
export async function sources(): Promise<readonly CreditKitDataSource[]> {
  const local = await createMemoryDataSource({ currency: "USD" });
  const remote = await createRemoteDataSource({ url: "https://credit.example.com", getToken: () => "token" });
  return [local, remote];
}
export type Elements = [CkBalance, CkPayWindow];
