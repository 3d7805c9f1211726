import type { CollectionClock } from '../../../shared/records.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { recordsPolicy } from './policy.js';
import * as repo from './repo.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The value at a fraction of a sorted list (nearest rank). */
export function percentile(sorted: readonly number[], fraction: number): number {
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

/** The Monday (UTC) of an instant's week. */
export function weekStart(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

const round = (hours: number) => Math.round(hours * 10) / 10;

/**
 * The collection clock for operations: for each case whose requested records are all in, the
 * time from its first request to its last answer; the median and p90 over the last `days`, and
 * per week.
 */
export async function collectionClock(ctx: RequestContext, days = 90): Promise<CollectionClock> {
  const actor = actorOf(ctx);
  if (!recordsPolicy.collectionClock(actor.role)) throw notFound();
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const collected = await repo.collectedCases(tx, new Date(now.getTime() - days * DAY));
    const collecting = await repo.casesCollecting(tx);
    await recordAudit(
      tx,
      ctx,
      { action: 'records.collection_clock_read', details: {} },
      { entityType: 'collection_clock', entityId: null, purpose: 'operations' },
    );
    const cases = collected.map((row) => ({
      caseId: row.caseId,
      caseNumber: row.caseNumber,
      startedAt: row.startedAt.toISOString(),
      completedAt: row.completedAt.toISOString(),
      hours: round((row.completedAt.getTime() - row.startedAt.getTime()) / HOUR),
    }));
    const hours = cases.map((item) => item.hours).sort((a, b) => a - b);
    const byWeek = new Map<string, number[]>();
    for (const row of collected) {
      const week = weekStart(row.completedAt);
      const list = byWeek.get(week) ?? [];
      list.push((row.completedAt.getTime() - row.startedAt.getTime()) / HOUR);
      byWeek.set(week, list);
    }
    const weeks = [...byWeek.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, list]) => {
        const sorted = list.sort((a, b) => a - b);
        return {
          weekStart: week,
          count: sorted.length,
          medianHours: round(percentile(sorted, 0.5)),
          p90Hours: round(percentile(sorted, 0.9)),
        };
      });
    return {
      cases,
      collecting,
      medianHours: hours.length ? percentile(hours, 0.5) : null,
      p90Hours: hours.length ? percentile(hours, 0.9) : null,
      weeks,
    };
  });
}
