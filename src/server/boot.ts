import path from 'node:path';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './platform/clock.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './platform/db/embedded.js';
import { assertServerVersion, createDatabase, createPool, runMigrations } from './platform/db/index.js';
import type { AppInstance } from './platform/http/types.js';
import { JobRunner, sendJobsThrough } from './platform/jobs/index.js';
import { defineRateLimitSweep } from './platform/http/rate-limit.js';
import type { Logger } from './platform/logger.js';
import { createMailer } from './platform/mail/index.js';
import { CommitSignaller, WakeupBus, signalCommitsThrough } from './platform/wakeups.js';
import { withCommitHooks } from './platform/db/commit-hooks.js';
import { ActorCache } from './modules/identity/actor-cache.js';
import { createAuth } from './modules/identity/auth.js';
import { createMetrics } from './metrics.js';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import { Tracing } from './platform/tracing/index.js';
import type { Runtime } from './room.js';
import { connectRooms, rooms } from './rooms.js';
import * as tables from './tables.js';

export type { Runtime } from './room.js';

export interface RuntimeOptions {
  /** Where spans go besides the OTLP exporter (a story's in-memory exporter). */
  spanProcessors?: SpanProcessor[];
}

/** Connects to (or starts) the database, applies migrations and builds the shared services. */
export async function openRuntime(
  config: Config,
  log: Logger,
  clock: Clock = systemClock,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  connectRooms();
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ clusterDir: path.join(config.dataDir, 'postgres'), log });
    url = embedded.url;
  }
  const pool = createPool(url, config.databasePoolSize);
  const tracing = new Tracing(config.tracing, options.spanProcessors);
  tracing.instrumentPool(pool);
  try {
    await assertServerVersion(pool);
    await runMigrations(pool, log);
  } catch (error) {
    await pool.end().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    await tracing.shutdown().catch(() => undefined);
    throw error;
  }
  const db = withCommitHooks(createDatabase(pool, tables), (error) =>
    log.error({ err: error }, 'a commit hook failed'),
  );
  const signaller = new CommitSignaller(pool, log);
  signalCommitsThrough(db, signaller);
  const auth = createAuth(config, db, log, clock);
  const actorCache = new ActorCache(url, log, config.actorCache);
  const bus = new WakeupBus(url, log, { safetyPollMs: config.stream.safetyPollMs });
  const jobs = new JobRunner(pool, log, bus);
  sendJobsThrough(db, jobs);
  const mailer = createMailer(config, clock, log);
  const metrics = createMetrics({ config, pool, db, clock, jobs, actorCache });
  const runtime: Runtime = {
    config,
    log,
    clock,
    pool,
    db,
    auth,
    actorCache,
    jobs,
    mailer,
    bus,
    metrics,
    tracing,
    embedded,
    async close() {
      await jobs
        .stop()
        .catch((error: unknown) => log.error({ err: error }, 'job runner did not stop cleanly'));
      await signaller.settled();
      await bus.stop();
      await actorCache.stop();
      await mailer.close().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await tracing.shutdown().catch((error: unknown) => log.warn({ err: error }, 'spans not all exported'));
      await embedded?.stop();
    },
  };
  try {
    await defineRateLimitSweep(jobs, pool);
    for (const room of rooms) await room.jobs?.(jobs, runtime);
    await jobs.install();
    for (const room of rooms) await room.start?.(runtime);
  } catch (error) {
    await runtime.close().catch(() => undefined);
    throw error;
  }
  return runtime;
}

export async function startHttp(runtime: Runtime): Promise<AppInstance> {
  const app = await buildApp(runtime);
  await app.listen({ port: runtime.config.port, host: runtime.config.host });
  return app;
}
