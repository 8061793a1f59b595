/**
 * Migrations: the numbered SQL files in ../migrations (001-ledger.sql …),
 * applied in order at start, each recorded in `creditkit_migrations` with its
 * checksum. All pending files run in one transaction under a transaction-
 * scoped advisory lock, so two processes starting at once apply each file
 * once (the second waits, then finds them recorded), and running it again
 * does nothing. A recorded file that changed since is refused.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { CreditKitError } from "@creditkit/core";
import type { Db } from "./db.js";
import { toCreditKitError } from "./failures.js";

/** Where the SQL files are (beside src/ and dist/ alike). */
export const MIGRATIONS_DIR = new URL("../migrations/", import.meta.url);

/** pg_advisory_xact_lock's key for migrations: "creditkit" in ASCII, a constant every process shares. */
const MIGRATION_LOCK = "7597689471224655220";

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

/** The migration files, in order. */
export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => /^\d{3}-[a-z0-9-]+\.sql$/.test(n)).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(new URL(name, dir), "utf8");
      return { version: Number(name.slice(0, 3)), name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/** Applies the pending migrations; resolves with the names applied now (none when up to date). */
export async function migrate(db: Db, migrations?: readonly Migration[]): Promise<string[]> {
  const files = migrations ?? (await readMigrations());
  try {
    return await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS creditkit_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const done = new Map(
        (
          await tx.query<{ version: number; checksum: string; name: string }>("SELECT version, name, checksum FROM creditkit_migrations")
        ).map((r) => [Number(r.version), r]),
      );
      const applied: string[] = [];
      for (const m of files) {
        const before = done.get(m.version);
        if (before) {
          if (before.checksum !== m.checksum) {
            throw new CreditKitError("storage-refused", { migration: m.name, applied: before.name, reason: "migration-changed" });
          }
          continue;
        }
        await tx.exec(m.sql);
        await tx.query("INSERT INTO creditkit_migrations (version, name, checksum) VALUES ($1, $2, $3)", [
          String(m.version),
          m.name,
          m.checksum,
        ]);
        applied.push(m.name);
      }
      return applied;
    });
  } catch (error) {
    throw toCreditKitError(error);
  }
}
