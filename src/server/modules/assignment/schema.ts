import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from '../identity/schema.js';

/** A period a staff member is away (leave, training); assignment skips them, clocks reassign. */
export const staffAbsence = pgTable(
  'staff_absence',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_absence_user_idx').on(t.userId, t.endsAt)],
);

/**
 * How many open cases each case manager holds, kept in step with the cases in the same
 * transaction: assignment increments it only while it is below the staff member's maximum, which
 * makes "has room" exact under any concurrency.
 */
export const caseManagerLoad = pgTable('case_manager_load', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => user.id),
  openCases: integer('open_cases').notNull().default(0),
});
