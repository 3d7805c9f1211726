import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { opinionCase } from '../cases/schema.js';

/**
 * The service-level clocks of a case: rows with a due time. A sweeper claims due rows with
 * SKIP LOCKED and fires each in the same transaction that marks it fired, so a clock fires once
 * whatever the number of instances, and one that fell due while every instance was down fires
 * at the next sweep.
 */
export const slaClock = pgTable(
  'sla_clock',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    kind: text('kind').notNull(),
    /** What the clock is about when a case has several of its kind (a review offer). */
    subjectId: uuid('subject_id'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('sla_clock_case_kind_unique').on(t.caseId, t.kind, t.subjectId).nullsNotDistinct(),
    index('sla_clock_pending_idx')
      .on(t.dueAt)
      .where(sql`${t.firedAt} IS NULL AND ${t.cancelledAt} IS NULL`),
  ],
);
