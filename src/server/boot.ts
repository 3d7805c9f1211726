import path from 'node:path';
import type pg from 'pg';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './platform/clock.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './platform/db/embedded.js';
import {
  assertServerVersion,
  createDatabase,
  createPool,
  runMigrations,
  type Database,
} from './platform/db/index.js';
import type { AppInstance } from './platform/http/types.js';
import type { Logger } from './platform/logger.js';
import { createAuth, type Auth } from './modules/identity/auth.js';

export interface Runtime {
  config: Config;
  log: Logger;
  clock: Clock;
  pool: pg.Pool;
  db: Database;
  auth: Auth;
  embedded: EmbeddedPostgres | undefined;
  /** Closes the pool and stops the embedded server if this process started it. */
  close(): Promise<void>;
}

/** Connects to (or starts) the database, applies migrations and builds the shared services. */
export async function openRuntime(config: Config, log: Logger, clock: Clock = systemClock): Promise<Runtime> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ clusterDir: path.join(config.dataDir, 'postgres'), log });
    url = embedded.url;
  }
  const pool = createPool(url, config.databasePoolSize);
  try {
    await assertServerVersion(pool);
    await runMigrations(pool, log);
  } catch (error) {
    await pool.end().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
  const db = createDatabase(pool);
  const auth = createAuth(config, db, log);
  return {
    config,
    log,
    clock,
    pool,
    db,
    auth,
    embedded,
    async close() {
      await pool.end().catch(() => undefined);
      await embedded?.stop();
    },
  };
}

export async function startHttp(runtime: Runtime): Promise<AppInstance> {
  const app = await buildApp(runtime);
  await app.listen({ port: runtime.config.port, host: runtime.config.host });
  return app;
}
