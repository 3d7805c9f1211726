import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/server/platform/db/embedded.js';
import { createPool, runMigrations } from '../../src/server/platform/db/index.js';
import { createLogger } from '../../src/server/platform/logger.js';
import { ensureWebBuild } from '../../src/server/platform/web/build.js';
import { CHROMIUM_PATH, chromiumAvailable } from '../../e2e/support/chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection URL to the test server's maintenance database (for CREATE DATABASE). */
    adminUrl: string;
    /** The migrated database every test file clones. */
    templateDatabase: string;
  }
}

const silent = createLogger('silent');

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Starts the database server the whole run shares: the embedded one by default, or the server
 * in DATABASE_URL. Migrates a template database once; each test file clones it (see server.ts).
 */
export default async function setup(project: TestProject) {
  // The browser journeys need Chromium; without it they are skipped, loudly, except in CI.
  if (!chromiumAvailable()) {
    if (process.env.CI === 'true')
      throw new Error(`CI=true and no browser at ${CHROMIUM_PATH}: install it (apt-get install -y chromium)`);
    process.stdout.write(
      `\n!! Browser journeys (e2e/) SKIPPED: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)\n\n`,
    );
  }
  // Servers started by the tests (in process or as `npm start` would) serve the built web app:
  // build it once here, when missing or stale, so that no test file builds it on its own.
  await ensureWebBuild((line) => process.stdout.write(`${line}\n`));

  let embedded: EmbeddedPostgres | undefined;
  let clusterParent: string | undefined;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
    process.stdout.write(`tests run against the PostgreSQL server in DATABASE_URL\n`);
  } else {
    clusterParent = mkdtempSync(path.join(os.tmpdir(), 'consilium-test-'));
    // When the tests run as root, the server runs as `postgres` and must be able to reach the folder.
    chmodSync(clusterParent, 0o755);
    embedded = await startEmbeddedPostgres({
      clusterDir: path.join(clusterParent, 'postgres'),
      log: silent,
      database: 'consilium_admin',
      // A throwaway cluster: durability buys nothing here, speed does.
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    });
    adminUrl = embedded.url;
    process.stdout.write(`tests run against an embedded PostgreSQL server\n`);
  }

  const templateDatabase = `consilium_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  const pool = createPool(withDatabase(adminUrl, templateDatabase), 2);
  await runMigrations(pool, silent);
  await pool.end();

  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    // Drop what this run created (databases of files that crashed included).
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'consilium_t_${process.pid}_%' OR datname = $1`,
      [templateDatabase],
    );
    for (const { datname } of leftovers.rows)
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
    if (clusterParent) rmSync(clusterParent, { recursive: true, force: true });
  };
}
