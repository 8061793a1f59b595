/**
 * The simulated gateway's record of the charges it made (internal): fixed
 * blocks of slots, never regrown.
 *
 * A batch makes one charge per invoice. Kept in growing arrays (one per field),
 * each growth copied the whole column into a larger one and left the old one
 * for the collector: over 100,000 charges that was about as much garbage as
 * the columns themselves, in the large-object space. Blocks of a fixed size
 * are written once and only ever added.
 */

/** Charges per block: 5 fields × 1,024 slots stays a small object, not a large one. */
const BLOCK = 1024;
const FIELDS = 5;
const ACCOUNT = 0;
const AMOUNT = 1;
const CURRENCY = 2;
const KEY = 3;
const DESCRIPTION = 4;

export interface ChargeFields {
  readonly accountId: string;
  readonly amount: string;
  readonly currency: string;
  readonly idempotencyKey: string;
  readonly description: string;
}

export class ChargeRecords {
  private readonly blocks: string[][] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Records a charge; returns its number (0 for the first). */
  add(charge: ChargeFields): number {
    const n = this.count;
    const at = (n % BLOCK) * FIELDS;
    if (at === 0) this.blocks.push(new Array<string>(BLOCK * FIELDS).fill(""));
    const block = this.blocks[this.blocks.length - 1] as string[];
    block[at + ACCOUNT] = charge.accountId;
    block[at + AMOUNT] = charge.amount;
    block[at + CURRENCY] = charge.currency;
    block[at + KEY] = charge.idempotencyKey;
    block[at + DESCRIPTION] = charge.description;
    this.count = n + 1;
    return n;
  }

  /** The fields of charge `n` (0 ≤ n < size). */
  get(n: number): ChargeFields {
    const block = this.blocks[Math.floor(n / BLOCK)] as string[];
    const at = (n % BLOCK) * FIELDS;
    return {
      accountId: block[at + ACCOUNT] as string,
      amount: block[at + AMOUNT] as string,
      currency: block[at + CURRENCY] as string,
      idempotencyKey: block[at + KEY] as string,
      description: block[at + DESCRIPTION] as string,
    };
  }

  /** True when charge `n` was made to `accountId` in `currency`. */
  isFor(n: number, accountId: string, currency: string): boolean {
    const block = this.blocks[Math.floor(n / BLOCK)] as string[];
    const at = (n % BLOCK) * FIELDS;
    return block[at + ACCOUNT] === accountId && block[at + CURRENCY] === currency;
  }

  amountOf(n: number): string {
    return (this.blocks[Math.floor(n / BLOCK)] as string[])[(n % BLOCK) * FIELDS + AMOUNT] as string;
  }
}
