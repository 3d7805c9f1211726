import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Logger } from '../logger.js';
// The app's tables, as a type only: the platform knows the shape the app gives it, never a room.
import type * as AppTables from '../../tables.js';

export type Tables = typeof AppTables;
export type Database = NodePgDatabase<Tables>;
/** The handle a use case receives inside `db.transaction(...)`: use it, never the outer `db`. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the database or an open transaction: what repository functions accept. */
export type Queryable = Database | Tx;

export const migrationsFolder = fileURLToPath(new URL('../../../../db/migrations', import.meta.url));

/** Any constant shared by every Consilium instance: the advisory lock that serialises migrations. */
const MIGRATION_LOCK_KEY = 7_290_104_411;

// node-postgres returns `date` columns as strings and bigint counts as strings by default;
// keep dates as strings (a date of birth has no time zone) and parse int8 to number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export function createPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'consilium' });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

export function createDatabase(pool: pg.Pool, tables: Tables): Database {
  return drizzle(pool, { schema: tables });
}

/** How many migrations this build ships; read once, the files do not change while we run. */
const journalEntryCount = (() => {
  let count: number | undefined;
  return () => {
    count ??= (
      JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
        entries: unknown[];
      }
    ).entries.length;
    return count;
  };
})();

/**
 * Applies pending migrations. Several instances may start at once: the advisory lock makes one
 * of them migrate while the others wait, then find nothing left to do.
 */
export async function runMigrations(pool: pg.Pool, log: Logger): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const before = await appliedMigrationCount(client);
      await migrate(drizzle(client), { migrationsFolder });
      const after = await appliedMigrationCount(client);
      if (after > before) log.info({ applied: after - before, total: after }, 'database migrated');
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

async function appliedMigrationCount(client: pg.ClientBase): Promise<number> {
  const table = await client.query(`SELECT to_regclass('drizzle.__drizzle_migrations') AS name`);
  if (!table.rows[0]?.name) return 0;
  const result = await client.query('SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations');
  return result.rows[0].count as number;
}

/** True when the database answers and every committed migration has been applied. */
export async function isReady(pool: pg.Pool): Promise<boolean> {
  const client = await pool.connect();
  try {
    return (await appliedMigrationCount(client)) >= journalEntryCount();
  } finally {
    client.release();
  }
}

/** The server's major version: we require PostgreSQL 15 or later. */
export async function assertServerVersion(pool: pg.Pool): Promise<void> {
  const result = await pool.query<{ server_version_num: string }>('SHOW server_version_num');
  const version = Number.parseInt(result.rows[0]?.server_version_num ?? '0', 10);
  if (version < 150000) {
    throw new Error(`Consilium needs PostgreSQL 15 or later; this server is ${Math.floor(version / 10000)}.`);
  }
}
