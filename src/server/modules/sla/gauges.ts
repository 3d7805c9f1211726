import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { awaitingFirstContactStandings } from './repo.js';

/** How the 24-hour promise stands right now, for the operators' metrics: counts only, no case. */
export interface FirstContactStanding {
  /** Cases still waiting for their first contact, by how they stand against the deadline. */
  awaiting: { onTrack: number; atRisk: number; breached: number };
  /** Clocks (of every kind) past their due time and not fired yet: the minute sweep's backlog. */
  clocksDue: number;
}

export async function firstContactStanding(
  db: Queryable,
  now: Date,
  warningBeforeMs: number,
): Promise<FirstContactStanding> {
  const standings = await awaitingFirstContactStandings(db, now, warningBeforeMs);
  // Read through the pending clocks' partial index.
  const due = await db.execute<{ due: number }>(sql`
    SELECT count(*)::int AS due FROM sla_clock
    WHERE due_at <= ${now} AND fired_at IS NULL AND cancelled_at IS NULL`);
  return {
    awaiting: { onTrack: standings.on_track, atRisk: standings.at_risk, breached: standings.breached },
    clocksDue: due.rows[0]?.due ?? 0,
  };
}
