import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { JobRunner } from '../jobs/index.js';

/*
 * The API's rate limit, counted in PostgreSQL so that every instance behind the load balancer
 * shares one count per client: N instances allow the limit once, not N times. (Better Auth keeps
 * its own sign-in counters in `rate_limit`; this table is the API's and does not touch them.)
 *
 * A fixed window per key: the first hit opens a window of `timeWindow` milliseconds, each further
 * hit inside it adds one, the first hit after it opens a new one. One statement per hit, atomic
 * under concurrency (the upsert takes the row's lock), timed by the database's clock so that
 * instances whose clocks drift still agree on when a window ends.
 */
export const apiRateLimit = pgTable(
  'api_rate_limit',
  {
    /** The client's key (its address, as the plugin makes it), prefixed by the route for a route's own limit. */
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
  },
  // The sweep deletes ended windows by this column.
  (t) => [index('api_rate_limit_window_ends_at_idx').on(t.windowEndsAt)],
);

const HIT = `
INSERT INTO api_rate_limit AS r (key, hits, window_ends_at)
VALUES ($1, 1, clock_timestamp() + make_interval(secs => $2::double precision / 1000))
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN r.window_ends_at <= clock_timestamp() THEN 1 ELSE r.hits + 1 END,
  window_ends_at = CASE WHEN r.window_ends_at <= clock_timestamp() THEN EXCLUDED.window_ends_at
                        ELSE r.window_ends_at END
RETURNING hits, ceil(extract(epoch FROM r.window_ends_at - clock_timestamp()) * 1000)::int AS ttl`;

const READ = `
SELECT hits, ceil(extract(epoch FROM window_ends_at - clock_timestamp()) * 1000)::int AS ttl
FROM api_rate_limit WHERE key = $1 AND window_ends_at > clock_timestamp()`;

interface Counted {
  hits: number;
  ttl: number;
}

/** No row: no window open (a read before any hit). */
const counted = (row: Counted | undefined) =>
  row ? { current: row.hits, ttl: Math.max(0, row.ttl) } : { current: 0, ttl: 0 };

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** A store for @fastify/rate-limit over the shared table; a route's own limit counts under its own prefix. */
class PostgresRateLimitStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly prefix = '',
  ) {}

  incr(key: string, callback: Callback, timeWindow: number): void {
    this.pool.query<Counted>(HIT, [this.prefix + key, timeWindow]).then(
      ({ rows }) => callback(null, counted(rows[0])),
      (error: Error) => callback(error),
    );
  }

  /** The count as it stands, without a hit (the plugin's `{ increment: false }`). */
  read(key: string, callback: Callback): void {
    this.pool.query<Counted>(READ, [this.prefix + key]).then(
      ({ rows }) => callback(null, counted(rows[0])),
      (error: Error) => callback(error),
    );
  }

  /** A route's own limit (`config.rateLimit` on the route) counts apart from the API's. */
  child(options: { routeInfo?: { method?: string | string[]; url?: string } }): PostgresRateLimitStore {
    const { method = '*', url = '*' } = options.routeInfo ?? {};
    const methods = Array.isArray(method) ? method.join(',') : method;
    return new PostgresRateLimitStore(this.pool, `${this.prefix}${methods} ${url}|`);
  }
}

/** The plugin's `store` option: a constructor, which it calls with its own options. */
export function postgresRateLimitStore(pool: pg.Pool): FastifyRateLimitStoreCtor {
  return class extends PostgresRateLimitStore {
    constructor() {
      super(pool);
    }
  } as unknown as FastifyRateLimitStoreCtor;
}

/** Deletes the windows that ended: a client that stopped calling leaves no row for long. */
export async function sweepRateLimitWindows(pool: pg.Pool): Promise<number> {
  const result = await pool.query('DELETE FROM api_rate_limit WHERE window_ends_at < clock_timestamp()');
  return result.rowCount ?? 0;
}

/** The sweep's queue: every ten minutes, on whichever instance's worker takes it. */
export async function defineRateLimitSweep(jobs: JobRunner, pool: pg.Pool): Promise<void> {
  await jobs.define({
    name: 'rate-limit.sweep',
    every: '*/10 * * * *',
    handler: async () => {
      await sweepRateLimitWindows(pool);
    },
  });
}
