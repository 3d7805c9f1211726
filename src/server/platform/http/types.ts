import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import type { Clock } from '../clock.js';
import type { RequestContext } from '../context.js';
import type { Database } from '../db/index.js';
import type { Logger } from '../logger.js';
import type { Mailer } from '../mail/index.js';
import type { Metrics } from '../metrics/index.js';
import type { Tracing } from '../tracing/index.js';
import type { WakeupBus } from '../wakeups.js';
import type pg from 'pg';

export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * What the platform's own routes (health) are built from, created once at boot. The app adds the
 * rooms' services to it (`AppDeps` in src/server/room.ts).
 */
export interface PlatformDeps {
  config: Config;
  pool: pg.Pool;
  db: Database;
  clock: Clock;
  log: Logger;
  bus: WakeupBus;
  metrics: Metrics;
  tracing: Tracing;
  mailer: Mailer;
}

/** `public`: no session needed. `session`: a signed-in actor (the default under /api/v1). */
export type RouteAccess = 'public' | 'session';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Staff without two-factor may still call this route (to see their state and enrol). */
    allowWithoutTwoFactor?: boolean;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}
