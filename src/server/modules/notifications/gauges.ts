import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';

/** How far the dispatcher is behind, for the operators' metrics: counts and an age, no recipient. */
export interface OutboxStanding {
  /** Notifications due to be sent (pending, available now). */
  due: number;
  /** How long the oldest of them has been waiting, in seconds (0 when none is). */
  oldestDueAgeSeconds: number;
  /** Notifications the dispatcher gave up on. */
  failed: number;
}

export async function outboxStanding(db: Queryable, now: Date): Promise<OutboxStanding> {
  // The pending rows through the (status, available_at) index; the failed ones are few.
  const result = await db.execute<{ due: number; oldest: Date | string | null; failed: number }>(sql`
    SELECT (SELECT count(*)::int FROM notification_outbox
             WHERE status = 'pending' AND available_at <= ${now}) AS due,
           (SELECT min(available_at) FROM notification_outbox
             WHERE status = 'pending' AND available_at <= ${now}) AS oldest,
           (SELECT count(*)::int FROM notification_outbox WHERE status = 'failed') AS failed`);
  const row = result.rows[0];
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  return {
    due: row?.due ?? 0,
    oldestDueAgeSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
    failed: row?.failed ?? 0,
  };
}
