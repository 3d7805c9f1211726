import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createPool, isReady, runMigrations } from './index.js';

const adminUrl = inject('adminUrl');
const database = `consilium_t_migrate_${randomBytes(4).toString('hex')}`;
const urlOf = (name: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

describe('two instances start at once on an empty database', () => {
  it('one migrates while the other waits; every migration is applied exactly once', async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();

    const first = createPool(urlOf(database), 2);
    const second = createPool(urlOf(database), 2);
    const log = createLogger('silent');
    try {
      expect(await isReady(first)).toBe(false);
      await Promise.all([runMigrations(first, log), runMigrations(second, log)]);
      const applied = await first.query(
        'SELECT hash, count(*)::int AS n FROM drizzle.__drizzle_migrations GROUP BY hash',
      );
      expect(applied.rows.length).toBeGreaterThanOrEqual(2);
      expect(applied.rows.every((row) => row.n === 1)).toBe(true);
      expect(await isReady(second)).toBe(true);
      const head = await first.query('SELECT count(*)::int AS n FROM audit_chain_head');
      expect(head.rows[0].n).toBe(1);
    } finally {
      await first.end();
      await second.end();
    }
  });
});
