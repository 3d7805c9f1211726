import type pg from 'pg';
import type { Db } from 'pg-boss';
import type { Logger } from '../logger.js';

/*
 * A database that ran pg-boss 10 has its tables at schema version 24, and pg-boss 12 migrates only
 * from 25 (pg-boss 11's first) on: neither 11 nor 12 has a path from 10. So, before pg-boss 12
 * starts, the old schema is set aside under another name; pg-boss 12 installs its own; the jobs the
 * old one had not finished are written again into the new one, and the old schema is dropped, in
 * one transaction. Schedules need nothing: the workers set them again when they start. Finished
 * jobs (pg-boss's history) are not kept. Every instance must be stopped for the upgrade: a pg-boss
 * 10 still running would find its tables gone.
 */

/** Where pg-boss keeps its tables. */
const SCHEMA = 'pgboss';
/** Where a pg-boss 10 schema waits while its unfinished jobs move. */
export const SET_ASIDE_SCHEMA = 'pgboss_v10';
/** The oldest schema version pg-boss 12 migrates from itself. */
const OLDEST_MIGRATED = 25;
/** Taken for each step, so that two instances starting at once do it once. */
const UPGRADE_LOCK = 4_512_010;

/** A job pg-boss 10 had not finished: waiting, waiting to be retried, or running when it stopped. */
export interface CarriedJob {
  name: string;
  data: object | null;
  startAfter: Date;
  singletonKey: string | null;
}

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [UPGRADE_LOCK]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Sets a pg-boss 10 schema aside (renames it), so that pg-boss 12 installs its own. Nothing otherwise. */
export async function setAsideOldSchema(pool: pg.Pool, log: Pick<Logger, 'warn'>): Promise<void> {
  await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ installed: boolean; setAside: boolean }>(
      `SELECT to_regclass('${SCHEMA}.version') IS NOT NULL AS installed,
              to_regnamespace('${SET_ASIDE_SCHEMA}') IS NOT NULL AS "setAside"`,
    );
    if (!rows[0]!.installed) return;
    const version = await client.query<{ version: number }>(`SELECT version FROM ${SCHEMA}.version`);
    const current = Number(version.rows[0]?.version ?? OLDEST_MIGRATED);
    if (current >= OLDEST_MIGRATED) return;
    if (rows[0]!.setAside)
      throw new Error(
        `pg-boss's schema is at version ${current} and a schema ${SET_ASIDE_SCHEMA} is there already: see docs/operations.md`,
      );
    await client.query(`ALTER SCHEMA ${SCHEMA} RENAME TO ${SET_ASIDE_SCHEMA}`);
    log.warn(
      { version: current, setAside: SET_ASIDE_SCHEMA },
      "pg-boss 10's tables set aside: pg-boss 12 installs its own, and their unfinished jobs move there",
    );
  });
}

/**
 * Writes the unfinished jobs of a set-aside pg-boss 10 schema into pg-boss 12's (through `send`, on
 * the transaction's connection) and drops the old schema, all in one transaction: each job moves
 * once, even when two instances start together or one stops half-way. A job of a queue that no
 * longer exists is left behind (counted in the log). Returns how many moved; 0 when there was
 * nothing to do.
 */
export async function carryOverOldJobs(
  pool: pg.Pool,
  log: Pick<Logger, 'info'>,
  send: (db: Db, job: CarriedJob) => Promise<unknown>,
): Promise<number> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ present: boolean }>(
      `SELECT to_regnamespace('${SET_ASIDE_SCHEMA}') IS NOT NULL AS present`,
    );
    if (!rows[0]!.present) return 0;
    const db: Db = { executeSql: (text, values) => client.query(text, values) };
    const queues = new Set(
      (await client.query<{ name: string }>(`SELECT name FROM ${SCHEMA}.queue`)).rows.map((row) => row.name),
    );
    const jobs = await client.query<CarriedJob>(
      `SELECT name, data, start_after AS "startAfter", singleton_key AS "singletonKey"
       FROM ${SET_ASIDE_SCHEMA}.job WHERE state::text IN ('created', 'retry', 'active') ORDER BY created_on`,
    );
    let moved = 0;
    for (const job of jobs.rows) {
      if (!queues.has(job.name)) continue;
      await send(db, job);
      moved += 1;
    }
    await client.query(`DROP SCHEMA ${SET_ASIDE_SCHEMA} CASCADE`);
    log.info(
      { moved, leftBehind: jobs.rows.length - moved },
      "pg-boss 10's unfinished jobs moved to pg-boss 12; its old tables dropped",
    );
    return moved;
  });
}
