import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';

/** One request as the employer's hub counts it: whose, when, and how the 24-hour promise went. */
export interface PromiseFact {
  memberId: string;
  submittedAt: Date;
  firstContactDueAt: Date;
  /**
   * `kept`: contacted by the deadline; `missed`: past the deadline without a contact in time;
   * `undecided`: before its deadline, or withdrawn before it without a contact.
   */
  promise: 'kept' | 'missed' | 'undecided';
}

/**
 * The requests of these members submitted, or due for first contact, in [from, to): the facts an
 * aggregate is counted from, decided as of `now` the way the SLA dashboard decides them.
 */
export async function promiseFactsOf(
  db: Queryable,
  memberIds: readonly string[],
  from: Date,
  to: Date,
  now: Date,
): Promise<PromiseFact[]> {
  if (memberIds.length === 0) return [];
  const result = await db.execute<{
    member_id: string;
    submitted_at: Date | string;
    first_contact_due_at: Date | string;
    promise: PromiseFact['promise'];
  }>(sql`
    SELECT member_id, submitted_at, first_contact_due_at,
      CASE
        WHEN first_contacted_at IS NOT NULL AND first_contacted_at <= first_contact_due_at
          AND first_contacted_at <= ${now} THEN 'kept'
        WHEN first_contact_due_at <= ${now}
          AND (withdrawn_at IS NULL OR withdrawn_at >= first_contact_due_at) THEN 'missed'
        ELSE 'undecided'
      END AS promise
    FROM opinion_case
    WHERE member_id = ANY(${sql.param([...memberIds])}::uuid[])
      AND ((submitted_at >= ${from} AND submitted_at < ${to})
        OR (first_contact_due_at >= ${from} AND first_contact_due_at < ${to}))`);
  return result.rows.map((row) => ({
    memberId: row.member_id,
    submittedAt: new Date(row.submitted_at),
    firstContactDueAt: new Date(row.first_contact_due_at),
    promise: row.promise,
  }));
}
