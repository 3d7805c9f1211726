import type pg from 'pg';
import { Counter } from 'prom-client';
import type { Config } from './config.js';
import type { Clock } from './platform/clock.js';
import type { Database } from './platform/db/index.js';
import type { JobRunner } from './platform/jobs/index.js';
import { Metrics } from './platform/metrics/index.js';
import type { ActorCache } from './modules/identity/actor-cache.js';
import { outboxStanding } from './modules/notifications/index.js';
import { firstContactStanding } from './modules/sla/index.js';

/**
 * The instance's metrics (`/metrics`, docs/operations.md): the platform's own (HTTP, the pool,
 * open streams and uploads) and the service's, read from the rooms' faces when Prometheus scrapes.
 */
export function createMetrics(deps: {
  config: Config;
  pool: pg.Pool;
  db: Database;
  clock: Clock;
  jobs: JobRunner;
  actorCache: ActorCache;
}): Metrics {
  const { config, db, clock, jobs } = deps;
  const metrics = new Metrics(deps.pool);
  actorCacheMetrics(metrics, deps.actorCache);
  metrics.gauge({
    name: 'job_queue_jobs',
    help: 'Jobs of each queue, by state: ready (to run now), deferred (to run later), active, failed (kept a while); at most a minute old',
    labelNames: ['queue', 'state'],
    read: async () =>
      (await jobs.queueSizes()).map(({ queue, state, count }) => ({
        labels: { queue, state },
        value: count,
      })),
  });
  // The outbox and the 24-hour clocks: one read each per scrape, shared by their gauges.
  const outbox = metrics.perScrape(() => outboxStanding(db, clock.now()));
  const sla = metrics.perScrape(() => firstContactStanding(db, clock.now(), config.sla.warningBeforeMs));
  metrics.gauge({
    name: 'outbox_oldest_due_age_seconds',
    help: 'How long the oldest e-mail due to be sent has been waiting in the outbox (0 when none is)',
    read: async () => [{ value: (await outbox()).oldestDueAgeSeconds }],
  });
  metrics.gauge({
    name: 'outbox_notifications',
    help: 'Notifications in the outbox: due to be sent now, or given up on',
    labelNames: ['state'],
    read: async () => {
      const standing = await outbox();
      return [
        { labels: { state: 'due' }, value: standing.due },
        { labels: { state: 'failed' }, value: standing.failed },
      ];
    },
  });
  metrics.gauge({
    name: 'first_contact_cases',
    help: 'Cases waiting for their first contact, by how they stand against the 24-hour deadline',
    labelNames: ['standing'],
    read: async () => {
      const { awaiting } = await sla();
      return [
        { labels: { standing: 'on_track' }, value: awaiting.onTrack },
        { labels: { standing: 'at_risk' }, value: awaiting.atRisk },
        { labels: { standing: 'breached' }, value: awaiting.breached },
      ];
    },
  });
  metrics.gauge({
    name: 'sla_clocks_due',
    help: 'Service-level clocks past their due time and not fired yet (the minute sweep fires them)',
    read: async () => [{ value: (await sla()).clocksDue }],
  });
  return metrics;
}

/**
 * A counter whose total is read when Prometheus scrapes (from a count kept where it happens), like
 * the gauges: nothing is written per call but the count itself.
 */
function countedOnScrape(
  metrics: Metrics,
  source: { name: string; help: string; labelName?: string; read: () => number | Record<string, number> },
): void {
  const { labelName } = source;
  new Counter({
    name: `consilium_${source.name}`,
    help: source.help,
    labelNames: labelName ? [labelName] : [],
    registers: [metrics.registry],
    collect() {
      this.reset();
      const read = source.read();
      if (typeof read === 'number') this.inc(read);
      else if (labelName)
        for (const [label, value] of Object.entries(read)) this.inc({ [labelName]: label }, value);
    },
  });
}

/** The actor cache of this instance (decision 0019): how often it answers, and whether it may. */
function actorCacheMetrics(metrics: Metrics, cache: ActorCache): void {
  countedOnScrape(metrics, {
    name: 'actor_cache_lookups_total',
    help: 'Signed-in calls by whether the actor cache answered (hit) or the database did (miss)',
    labelName: 'result',
    read: () => ({ hit: cache.counts.hits, miss: cache.counts.misses }),
  });
  countedOnScrape(metrics, {
    name: 'actor_cache_evictions_total',
    help: 'Sessions pushed out of the actor cache because it was full (ACTOR_CACHE_SIZE)',
    read: () => cache.counts.evictions,
  });
  countedOnScrape(metrics, {
    name: 'actor_cache_invalidations_total',
    help: "What the actor cache forgot on a change: one account's sessions, or all (listening connection lost or renewed)",
    labelName: 'scope',
    read: () => ({ account: cache.counts.accountInvalidations, all: cache.counts.fullInvalidations }),
  });
  metrics.gauge({
    name: 'actor_cache_sessions',
    help: 'Sessions the actor cache of this instance remembers',
    read: async () => [{ value: cache.size }],
  });
  metrics.gauge({
    name: 'actor_cache_listener_connected',
    help: 'Whether the connection that hears actor changes is there (1) or not (0: nothing is answered from memory)',
    read: async () => [{ value: cache.listening ? 1 : 0 }],
  });
  metrics.gauge({
    name: 'actor_cache_listener_heartbeat_age_seconds',
    help: 'How long ago the listening connection last answered a heartbeat (absent without a connection; above 1 s nothing is answered from memory)',
    read: async () => {
      const age = cache.heartbeatAgeSeconds;
      return age === undefined ? [] : [{ value: age }];
    },
  });
}
