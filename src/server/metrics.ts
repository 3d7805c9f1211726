import type pg from 'pg';
import type { Config } from './config.js';
import type { Clock } from './platform/clock.js';
import type { Database } from './platform/db/index.js';
import type { JobRunner } from './platform/jobs/index.js';
import { Metrics } from './platform/metrics/index.js';
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
}): Metrics {
  const { config, db, clock, jobs } = deps;
  const metrics = new Metrics(deps.pool);
  metrics.gauge({
    name: 'job_queue_jobs',
    help: 'Jobs of each queue not finished yet, by state: created (waiting), retry, active',
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
