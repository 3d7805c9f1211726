import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { moderationStatuses, withholdReasons } from '../../../shared/feedback.js';
import { opinionCase } from '../cases/schema.js';
import { user } from '../identity/schema.js';
import { member } from '../plans/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const moderationStatusEnum = pgEnum('service_review_status', moderationStatuses);
export const withholdReasonEnum = pgEnum('service_review_withhold_reason', withholdReasons);

/**
 * A member's review of the service for one case (one per case): stars, a title and a text in
 * their language. The stars count from the moment it is written; the words appear on the public
 * page once a moderator publishes them. An edit sends the new words back to moderation.
 */
export const serviceReview = pgTable(
  'service_review',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .unique()
      .references(() => opinionCase.id),
    /** The member the case is for (a dependant, when a guardian wrote it). */
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    /** The account that wrote it: the member, or the guardian who acts for a dependant. */
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => user.id),
    stars: smallint('stars').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    language: text('language').notNull(),
    status: moderationStatusEnum('status').notNull().default('pending'),
    withheldReason: withholdReasonEnum('withheld_reason'),
    decidedByUserId: uuid('decided_by_user_id').references(() => user.id),
    decidedAt: ts('decided_at'),
    /** When its current words were first published (the public page's date). */
    publishedAt: ts('published_at'),
    replyText: text('reply_text'),
    replyByUserId: uuid('reply_by_user_id').references(() => user.id),
    replyAt: ts('reply_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    check('service_review_stars_range', sql`${t.stars} BETWEEN 1 AND 5`),
    check(
      'service_review_withheld_has_reason',
      sql`(${t.status} = 'withheld') = (${t.withheldReason} IS NOT NULL)`,
    ),
    index('service_review_status_idx').on(t.status, t.updatedAt, t.id),
    // The public page reads published reviews newest first: only those are in the index, so that
    // a page is read from its head and not past every review still waiting or withheld.
    index('service_review_published_idx')
      .on(t.publishedAt, t.id)
      .where(sql`${t.status} = 'published'`),
  ],
);
