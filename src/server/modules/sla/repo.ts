import { and, asc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Queryable } from '../../platform/db/index.js';
import { slaClock } from './schema.js';

export const firstContactClocks = [
  'first_contact_warning',
  'first_contact_escalation',
  'first_contact_breach',
] as const;
export type ClockKind = (typeof firstContactClocks)[number];

export interface SlaSettings {
  /** How long before the deadline the case manager is warned. */
  warningBeforeMs: number;
  /** How long before the deadline operations are alerted. */
  escalationBeforeMs: number;
}

/** The three clocks of the 24-hour promise, written with the case. */
export async function scheduleFirstContactClocks(
  tx: Queryable,
  input: { caseId: string; deadline: Date; now: Date; settings: SlaSettings },
): Promise<void> {
  const at = (beforeMs: number) => new Date(input.deadline.getTime() - beforeMs);
  await tx
    .insert(slaClock)
    .values([
      {
        id: uuidv7(),
        caseId: input.caseId,
        kind: 'first_contact_warning',
        dueAt: at(input.settings.warningBeforeMs),
        createdAt: input.now,
      },
      {
        id: uuidv7(),
        caseId: input.caseId,
        kind: 'first_contact_escalation',
        dueAt: at(input.settings.escalationBeforeMs),
        createdAt: input.now,
      },
      {
        id: uuidv7(),
        caseId: input.caseId,
        kind: 'first_contact_breach',
        dueAt: input.deadline,
        createdAt: input.now,
      },
    ])
    .onConflictDoNothing();
}

/** Stops the clocks that have not fired: the first contact was made, or the case ended. */
export async function cancelPendingClocks(tx: Queryable, caseId: string, now: Date): Promise<void> {
  await tx
    .update(slaClock)
    .set({ cancelledAt: now })
    .where(and(eq(slaClock.caseId, caseId), isNull(slaClock.firedAt), isNull(slaClock.cancelledAt)));
}

/** The next due clock, not locked: the sweep locks its case first, then claims it (`claimClock`). */
export async function nextDueClock(db: Queryable, now: Date, after?: { dueAt: Date; id: string }) {
  const [row] = await db
    .select({ id: slaClock.id, caseId: slaClock.caseId, dueAt: slaClock.dueAt })
    .from(slaClock)
    .where(
      and(
        isNull(slaClock.firedAt),
        isNull(slaClock.cancelledAt),
        lte(slaClock.dueAt, now),
        after
          ? or(
              gt(slaClock.dueAt, after.dueAt),
              and(eq(slaClock.dueAt, after.dueAt), gt(slaClock.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(slaClock.dueAt), asc(slaClock.id))
    .limit(1);
  return row;
}

/**
 * Claims a clock for this transaction if it is still due and nobody else holds it: another
 * instance's sweep that got there first has fired it or holds it (skipped, not waited for).
 */
export async function claimClock(tx: Queryable, id: string, now: Date) {
  const [row] = await tx
    .select()
    .from(slaClock)
    .where(
      and(
        eq(slaClock.id, id),
        isNull(slaClock.firedAt),
        isNull(slaClock.cancelledAt),
        lte(slaClock.dueAt, now),
      ),
    )
    .for('update', { skipLocked: true });
  return row;
}

export async function markFired(tx: Queryable, id: string, now: Date): Promise<void> {
  await tx.update(slaClock).set({ firedAt: now }).where(eq(slaClock.id, id));
}

export async function markCancelled(tx: Queryable, id: string, now: Date): Promise<void> {
  await tx.update(slaClock).set({ cancelledAt: now }).where(eq(slaClock.id, id));
}

export async function pendingClocks(db: Queryable, caseId: string) {
  return db
    .select({
      kind: slaClock.kind,
      dueAt: slaClock.dueAt,
      firedAt: slaClock.firedAt,
      cancelledAt: slaClock.cancelledAt,
    })
    .from(slaClock)
    .where(eq(slaClock.caseId, caseId))
    .orderBy(asc(slaClock.dueAt), sql`${slaClock.kind}`);
}

// --- The service-level dashboard: aggregates over every case, for operations.

/** Open cases per state. */
export async function openCasesByStatus(db: Queryable, openStatuses: readonly string[]) {
  const result = await db.execute<{ status: string; count: number }>(sql`
    SELECT status::text AS status, count(*)::int AS count
    FROM opinion_case
    WHERE status::text = ANY(${sql.param([...openStatuses])}::text[])
    GROUP BY status`);
  return result.rows;
}

/**
 * Cases still waiting for their first contact, counted by how they stand against the deadline:
 * breached once it passed, at risk from `warningBeforeMs` before it.
 */
export async function awaitingFirstContactStandings(db: Queryable, now: Date, warningBeforeMs: number) {
  const warnFrom = new Date(now.getTime() + warningBeforeMs);
  const result = await db.execute<{ breached: number; at_risk: number; on_track: number }>(sql`
    SELECT count(*) FILTER (WHERE first_contact_due_at <= ${now})::int AS breached,
           count(*) FILTER (WHERE first_contact_due_at > ${now}
                              AND first_contact_due_at <= ${warnFrom})::int AS at_risk,
           count(*) FILTER (WHERE first_contact_due_at > ${warnFrom})::int AS on_track
    FROM opinion_case
    WHERE first_contacted_at IS NULL AND status IN ('submitted', 'assigned')`);
  return result.rows[0]!;
}

/** The cases at risk or breached, most overdue first, with their case manager. */
export async function casesNeedingAttention(
  db: Queryable,
  now: Date,
  warningBeforeMs: number,
  limit: number,
) {
  const warnFrom = new Date(now.getTime() + warningBeforeMs);
  const result = await db.execute<{
    id: string;
    number: string;
    status: string;
    preferred_language: string;
    interpreter_needed: boolean;
    first_contact_due_at: Date | string;
    version: number;
    case_manager_id: string | null;
    case_manager_name: string | null;
  }>(sql`
    SELECT c.id, c.number, c.status::text AS status, c.preferred_language, c.interpreter_needed,
           c.first_contact_due_at, c.version, c.case_manager_user_id AS case_manager_id,
           u.name AS case_manager_name
    FROM opinion_case c
    LEFT JOIN "user" u ON u.id = c.case_manager_user_id
    WHERE c.first_contacted_at IS NULL AND c.status IN ('submitted', 'assigned')
      AND c.first_contact_due_at <= ${warnFrom}
    ORDER BY c.first_contact_due_at, c.id
    LIMIT ${limit}`);
  return result.rows;
}

/**
 * The first-contact promise over the cases submitted since `since`: how many have a known outcome
 * (contacted, or past the deadline without a contact, unless withdrawn before it), how many of
 * those were contacted in time, and the median and 90th percentile of the time to first contact.
 */
export async function firstContactFigures(db: Queryable, since: Date, now: Date) {
  const result = await db.execute<{
    decided: number;
    within_promise: number;
    median_seconds: number | string | null;
    p90_seconds: number | string | null;
  }>(sql`
    WITH submitted AS (
      SELECT submitted_at, first_contact_due_at, first_contacted_at, withdrawn_at
      FROM opinion_case
      WHERE submitted_at >= ${since} AND submitted_at <= ${now}
    ), decided AS (
      SELECT * FROM submitted
      WHERE (first_contacted_at IS NOT NULL AND first_contacted_at <= ${now})
         OR (first_contact_due_at <= ${now}
             AND (withdrawn_at IS NULL OR withdrawn_at >= first_contact_due_at))
    )
    SELECT
      (SELECT count(*)::int FROM decided) AS decided,
      (SELECT count(*)::int FROM decided
        WHERE first_contacted_at IS NOT NULL AND first_contacted_at <= first_contact_due_at) AS within_promise,
      (SELECT percentile_cont(0.5) WITHIN GROUP (
         ORDER BY extract(epoch FROM first_contacted_at - submitted_at))
       FROM decided WHERE first_contacted_at IS NOT NULL) AS median_seconds,
      (SELECT percentile_cont(0.9) WITHIN GROUP (
         ORDER BY extract(epoch FROM first_contacted_at - submitted_at))
       FROM decided WHERE first_contacted_at IS NOT NULL) AS p90_seconds`);
  return result.rows[0]!;
}

/** Every case manager with the open cases they hold and the most they may hold. */
export async function caseManagerWorkload(db: Queryable, openStatuses: readonly string[]) {
  const result = await db.execute<{
    id: string;
    name: string;
    languages: string[] | null;
    open_cases: number;
    max_open_cases: number | null;
    disabled: boolean;
  }>(sql`
    SELECT p.user_id AS id, u.name, s.languages, s.max_open_cases,
           (p.disabled_at IS NOT NULL) AS disabled,
           (SELECT count(*)::int FROM opinion_case c
             WHERE c.case_manager_user_id = p.user_id
               AND c.status::text = ANY(${sql.param([...openStatuses])}::text[])) AS open_cases
    FROM user_profile p
    JOIN "user" u ON u.id = p.user_id
    LEFT JOIN staff_profile s ON s.user_id = p.user_id
    WHERE p.role = 'case_manager'
    ORDER BY u.name, p.user_id`);
  return result.rows;
}
