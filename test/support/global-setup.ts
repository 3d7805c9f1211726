import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openRuntime } from '../../src/server/boot.js';
import { loadConfig } from '../../src/server/config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/server/platform/db/embedded.js';
import { createPool, runMigrations } from '../../src/server/platform/db/index.js';
import { createLogger } from '../../src/server/platform/logger.js';
import buildWeb from './web-build-setup.js';

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

interface TestDatabaseServer {
  adminUrl: string;
  templateDatabase: string;
  stop(): Promise<void>;
}

/**
 * Starts the database server the run shares: the embedded one by default, or the server in
 * DATABASE_URL. Makes the template every test file clones: migrated, with pg-boss's schema and the
 * queues installed (as a server's first start would), so that no file installs them again.
 */
async function startDatabaseServer(): Promise<TestDatabaseServer> {
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
    adminUrl = embedded.adminUrl;
    process.stdout.write(`tests run against an embedded PostgreSQL server\n`);
  }

  const templateDatabase = `consilium_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  const templateUrl = withDatabase(adminUrl, templateDatabase);
  const pool = createPool(templateUrl, 2);
  await runMigrations(pool, silent);
  await pool.end();
  // The runtime every test server opens, opened once here: pg-boss installs its schema and the
  // queues. Closed before any file clones the template (a clone needs it unused).
  const runtime = await openRuntime(
    loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: templateUrl,
      LOG_LEVEL: 'silent',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
      DATA_DIR: '/nonexistent-consilium-test-data',
    }),
    silent,
  );
  await runtime.close();

  return {
    adminUrl,
    templateDatabase,
    async stop() {
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
    },
  };
}

/**
 * The projects that need a database (integration, browser) each run this setup; they share one
 * server and one template, kept on the run's global object (the setups of all projects run in the
 * one main process) and stopped when the last of them tears down.
 */
const shared = globalThis as typeof globalThis & {
  consiliumTestDatabase?: { server: Promise<TestDatabaseServer>; users: number };
};

export default async function setup(project: TestProject) {
  shared.consiliumTestDatabase ??= { server: startDatabaseServer(), users: 0 };
  const entry = shared.consiliumTestDatabase;
  entry.users += 1;
  // The web build (mostly one core) and the database server with its template (mostly waiting on
  // the server) at the same time.
  const [, server] = await Promise.all([buildWeb(), entry.server]);
  project.provide('adminUrl', server.adminUrl);
  project.provide('templateDatabase', server.templateDatabase);

  return async () => {
    entry.users -= 1;
    if (entry.users > 0) return;
    shared.consiliumTestDatabase = undefined;
    await server.stop();
  };
}
