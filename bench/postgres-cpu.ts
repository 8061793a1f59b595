/**
 * CPU time spent by a bench step, for figures that the machine's load does
 * not blur (2 cores shared with other sessions): this Node process's own
 * (`process.cpuUsage`) and the PostgreSQL server's — the backends of this
 * database and the server's background processes (WAL writer, checkpointer,
 * autovacuum), read from /proc when the server runs on this machine.
 * A backend that exits during the step is not counted (the bench's pool keeps
 * its connections open).
 */
import { readFileSync } from "node:fs";
import type { Db } from "../packages/postgres/src/index.js";

const TICKS_PER_SECOND = 100;

/** utime + stime of `pid` in ms, or undefined when it cannot be read (not on this machine, gone). */
function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

async function serverPids(db: Db): Promise<number[]> {
  if (db.engine !== "pg") return [];
  const rows = await db.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() OR datname IS NULL");
  return rows.map((r) => Number(r.pid));
}

export interface CpuSpent {
  readonly nodeMs: number;
  /** Undefined when the server's processes cannot be read (not on this machine). */
  readonly serverMs: number | undefined;
}

/** Starts measuring; the returned function says what was spent since. */
export async function cpuMeter(db: Db): Promise<() => Promise<CpuSpent>> {
  const node0 = process.cpuUsage();
  const before = new Map<number, number>();
  for (const pid of await serverPids(db)) {
    const ms = cpuMsOf(pid);
    if (ms !== undefined) before.set(pid, ms);
  }
  return async () => {
    const node = process.cpuUsage(node0);
    let serverMs: number | undefined;
    for (const pid of await serverPids(db)) {
      const ms = cpuMsOf(pid);
      if (ms === undefined) continue;
      serverMs = (serverMs ?? 0) + ms - (before.get(pid) ?? 0);
    }
    return { nodeMs: (node.user + node.system) / 1000, serverMs };
  };
}

/** "CPU: node 1.2 s + server 3.4 s = 0.46 ms/op" for `ops` operations. */
export function cpuText(spent: CpuSpent, ops: number): string {
  const total = spent.nodeMs + (spent.serverMs ?? 0);
  const server = spent.serverMs === undefined ? "server ?" : `server ${(spent.serverMs / 1000).toFixed(1)} s`;
  return `CPU: node ${(spent.nodeMs / 1000).toFixed(1)} s + ${server} = ${(total / ops).toFixed(3)} ms/op`;
}
