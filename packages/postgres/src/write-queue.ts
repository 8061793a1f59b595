/**
 * A small write-combining queue (group commit, docs/decisions/0015): calls
 * that arrive while a group is being written wait and go together in the
 * next group, one transaction and one WAL flush for all of them. A call
 * that arrives when nothing is in flight goes at once (after the calls of
 * the same tick), so one client waits for nobody. Each call still gets its
 * own answer: the group function settles every member.
 */

export interface QueueOptions {
  /** Members per group at most. */
  readonly maxGroup: number;
  /** Groups written at once at most. */
  readonly inFlight: number;
}

/** Members per group and groups in flight (overridable for measurements: CREDITKIT_PG_GROUP=max,inFlight). */
export const GROUPS: QueueOptions = (() => {
  const [maxGroup, inFlight] = (process.env.CREDITKIT_PG_GROUP ?? "64,2").split(",").map(Number);
  return { maxGroup: maxGroup && maxGroup > 0 ? maxGroup : 64, inFlight: inFlight && inFlight > 0 ? inFlight : 2 };
})();

export class WriteQueue<M> {
  private waiting: M[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    /** Writes one group; must settle each member itself and never reject. */
    private readonly write: (group: M[]) => Promise<void>,
    private readonly options: QueueOptions,
    /** Members that may not share a group (e.g. one idempotency key twice): the later waits for the next group. */
    private readonly tagOf?: (member: M) => string,
  ) {}

  push(member: M): void {
    this.waiting.push(member);
    if (this.scheduled) return;
    this.scheduled = true;
    // Calls made in the same tick (a batch's workers) join one group.
    queueMicrotask(() => {
      this.scheduled = false;
      this.kick();
    });
  }

  private take(): M[] {
    const { maxGroup } = this.options;
    if (!this.tagOf) return this.waiting.splice(0, maxGroup);
    const seen = new Set<string>();
    const group: M[] = [];
    const rest: M[] = [];
    for (const m of this.waiting) {
      const tag = this.tagOf(m);
      if (group.length < maxGroup && !seen.has(tag)) {
        seen.add(tag);
        group.push(m);
      } else rest.push(m);
    }
    this.waiting = rest;
    return group;
  }

  private kick(): void {
    while (this.running < this.options.inFlight && this.waiting.length > 0) {
      const group = this.take();
      this.running++;
      this.write(group).finally(() => {
        this.running--;
        this.kick();
      });
    }
  }
}
