import type pg from 'pg';
import type { Config } from './config.js';
import type { ActorCache } from './modules/identity/actor-cache.js';
import type { Auth } from './modules/identity/auth.js';
import type { Clock } from './platform/clock.js';
import type { EmbeddedPostgres } from './platform/db/embedded.js';
import type { Database } from './platform/db/index.js';
import type { AppInstance, PlatformDeps } from './platform/http/types.js';
import type { JobRunner } from './platform/jobs/index.js';
import type { Logger } from './platform/logger.js';
import type { Mailer } from './platform/mail/index.js';
import type { Metrics } from './platform/metrics/index.js';
import type { Tracing } from './platform/tracing/index.js';
import type { WakeupBus } from './platform/wakeups.js';

/** The shared services of one process, built once at boot (src/server/boot.ts). */
export interface Runtime {
  config: Config;
  log: Logger;
  clock: Clock;
  pool: pg.Pool;
  db: Database;
  auth: Auth;
  /** The actors of recent sessions, forgotten on every instance when they change. */
  actorCache: ActorCache;
  /** Durable jobs (pg-boss). Any process may send; only the server calls `jobs.startWorkers()`. */
  jobs: JobRunner;
  mailer: Mailer;
  /** Wake-ups across instances (LISTEN/NOTIFY); connects on its first subscriber. */
  bus: WakeupBus;
  /** The instance's Prometheus metrics (`/metrics`). */
  metrics: Metrics;
  /** Spans of requests and queries (OpenTelemetry); exported when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  tracing: Tracing;
  embedded: EmbeddedPostgres | undefined;
  /**
   * Stops the job workers (letting running jobs finish), stops listening, closes the mailer and the
   * pool, and stops the embedded server if this process started it.
   */
  close(): Promise<void>;
}

/** Everything the rooms' routes are built from. */
export interface AppDeps extends PlatformDeps {
  auth: Auth;
  actorCache: ActorCache;
}

/**
 * A room registers itself once, here: the app mounts its routes, the boot defines its jobs and
 * connects its reactions to other rooms' events. Its tables are listed in `tables.ts`. The list
 * of rooms is `rooms.ts`; docs/adding-a-room.md says how to add one.
 */
export interface Room {
  /** The room's folder under src/server/modules. */
  name: string;
  /** Mounts the room's routes under /api/v1 (the actor is already resolved). */
  routes?: (api: AppInstance, deps: AppDeps) => Promise<void>;
  /** Defines the room's durable jobs: queues, workers and schedules. */
  jobs?: (jobs: JobRunner, runtime: Runtime) => Promise<void>;
  /**
   * Subscribes to other rooms' events through their public faces (a case ending, a consent
   * withdrawn, a clock due). Called once per process before any use case runs; idempotent.
   */
  connect?: () => void;
  /**
   * Runs once per process when the runtime opens, after the migrations and before any request or
   * job: catching up on what must hold before anyone reads (the erasure ledger's replay).
   */
  start?: (runtime: Runtime) => Promise<void>;
}
