import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/server.js';
import { createLogger } from '../logger.js';
import { JobRunner } from './index.js';
import { SET_ASIDE_SCHEMA } from './from-pg-boss-10.js';

/**
 * An operator upgrades a Consilium whose database pg-boss 10 ran on (schema version 24), which
 * pg-boss 12 does not migrate from. The tables below are pg-boss 10's, reduced to what the upgrade
 * reads: its version, its job states, and the job columns carried over.
 */
let pool: pg.Pool;
// A reminder far ahead, so that nothing runs it during the story.
const farAhead = new Date('2099-06-01T09:30:00.000Z');

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: await createTestDatabase(), max: 4 });
  await pool.query(`
    DROP SCHEMA pgboss CASCADE;
    CREATE SCHEMA pgboss;
    CREATE TABLE pgboss.version (version int PRIMARY KEY);
    INSERT INTO pgboss.version VALUES (24);
    CREATE TYPE pgboss.job_state AS ENUM ('created', 'retry', 'active', 'completed', 'cancelled', 'failed');
    CREATE TABLE pgboss.job (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      data jsonb,
      state pgboss.job_state NOT NULL DEFAULT 'created',
      start_after timestamptz NOT NULL DEFAULT now(),
      singleton_key text,
      created_on timestamptz NOT NULL DEFAULT now()
    );`);
  await pool.query(
    `INSERT INTO pgboss.job (name, data, state, start_after, singleton_key) VALUES
       ('upgrade.kept', '{"label":"waiting"}', 'created', now(), NULL),
       ('upgrade.kept', '{"label":"later"}', 'created', $1, 'reminder-1'),
       ('upgrade.kept', '{"label":"to-retry"}', 'retry', now(), NULL),
       ('upgrade.kept', '{"label":"was-running"}', 'active', now(), NULL),
       ('upgrade.kept', '{"label":"done"}', 'completed', now(), NULL),
       ('upgrade.kept', '{"label":"gave-up"}', 'failed', now(), NULL),
       ('upgrade.gone', '{"label":"queue-removed"}', 'created', now(), NULL)`,
    [farAhead],
  );
});
afterAll(async () => {
  await pool?.end();
});

async function newInstance(): Promise<JobRunner> {
  const runner = new JobRunner(pool, createLogger('silent'));
  await runner.define({ name: 'upgrade.kept', handler: async () => undefined });
  return runner;
}

describe('starting on a database pg-boss 10 ran on', () => {
  it("installs pg-boss 12's tables, moves the unfinished jobs there once, and drops the old ones", async () => {
    const [first, second] = [await newInstance(), await newInstance()];
    try {
      // Two instances starting together: the jobs move once.
      await Promise.all([first.install(), second.install()]);

      const version = await pool.query<{ version: number }>('SELECT version FROM pgboss.version');
      expect(Number(version.rows[0]!.version)).toBeGreaterThanOrEqual(25);
      const oldSchema = await pool.query(`SELECT to_regnamespace('${SET_ASIDE_SCHEMA}') AS schema`);
      expect(oldSchema.rows[0].schema).toBeNull();

      const moved = await pool.query<{
        label: string;
        state: string;
        startAfter: Date;
        singletonKey: string;
      }>(
        `SELECT data->>'label' AS label, state::text AS state, start_after AS "startAfter",
                singleton_key AS "singletonKey"
         FROM pgboss.job WHERE name LIKE 'upgrade.%' ORDER BY data->>'label'`,
      );
      expect(moved.rows.map((row) => row.label)).toEqual(['later', 'to-retry', 'waiting', 'was-running']);
      expect(moved.rows.every((row) => row.state === 'created')).toBe(true);
      const later = moved.rows.find((row) => row.label === 'later')!;
      expect(later.startAfter.getTime()).toBe(farAhead.getTime());
      expect(later.singletonKey).toBe('reminder-1');

      // The next start finds nothing to do.
      const third = await newInstance();
      await third.install();
      await third.stop();
      const again = await pool.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE 'upgrade.%'`);
      expect(again.rows[0].n).toBe(4);
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
