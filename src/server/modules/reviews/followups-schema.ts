import { index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { followupRecipientStatuses } from '../../../shared/followups.js';
import { opinionCase } from '../cases/schema.js';
import { user } from '../identity/schema.js';
import { specialist } from '../specialists/schema.js';
import { review, reviewOffer } from './schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const followupRecipientStatusEnum = pgEnum('followup_recipient_status', followupRecipientStatuses);

/**
 * A member's question after the opinion, forwarded by the case manager to the specialists who gave
 * it. The question is health data: never in a log line, a URL or an e-mail.
 */
export const followupQuestion = pgTable(
  'followup_question',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => review.id),
    question: text('question').notNull(),
    askedByUserId: uuid('asked_by_user_id')
      .notNull()
      .references(() => user.id),
    askedAt: ts('asked_at').notNull(),
  },
  (t) => [index('followup_question_case_idx').on(t.caseId, t.askedAt)],
);

/**
 * One specialist's part of a question: due within the clock of the settings in force when it was
 * asked, `answered` with their first addendum, `ended` when the case ends first.
 */
export const followupRecipient = pgTable(
  'followup_recipient',
  {
    id: uuid('id').primaryKey(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => followupQuestion.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => reviewOffer.id),
    specialistId: uuid('specialist_id')
      .notNull()
      .references(() => specialist.id),
    status: followupRecipientStatusEnum('status').notNull(),
    dueAt: ts('due_at').notNull(),
    answeredAt: ts('answered_at'),
    endedAt: ts('ended_at'),
  },
  (t) => [
    unique('followup_recipient_unique').on(t.questionId, t.offerId),
    index('followup_recipient_offer_idx').on(t.offerId, t.status),
    index('followup_recipient_case_idx').on(t.caseId),
  ],
);

/**
 * A specialist's answer: an addendum to their opinion, immutable. An edit is a new row with the
 * next version; the latest version is the answer. Written in the language the specialist chose.
 */
export const followupAddendum = pgTable(
  'followup_addendum',
  {
    id: uuid('id').primaryKey(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => followupRecipient.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    specialistId: uuid('specialist_id')
      .notNull()
      .references(() => specialist.id),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    language: text('language').notNull(),
    /** SHA-256 of the submitted body: the same version with the same body again is refused. */
    contentHash: text('content_hash').notNull(),
    submittedByUserId: uuid('submitted_by_user_id')
      .notNull()
      .references(() => user.id),
    submittedAt: ts('submitted_at').notNull(),
  },
  (t) => [
    unique('followup_addendum_version_unique').on(t.recipientId, t.version),
    index('followup_addendum_case_idx').on(t.caseId),
  ],
);

/**
 * The case manager's plain-language summary of one addendum version, in the member's language: the
 * member reads that version once it is written (docs/opinion-layers.md). A new version of the
 * addendum needs a summary of its own; writing it again replaces the words of the same version.
 */
export const followupAddendumSummary = pgTable(
  'followup_addendum_summary',
  {
    addendumId: uuid('addendum_id')
      .primaryKey()
      .references(() => followupAddendum.id),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => followupRecipient.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    language: text('language').notNull(),
    body: text('body').notNull(),
    writtenByUserId: uuid('written_by_user_id')
      .notNull()
      .references(() => user.id),
    writtenAt: ts('written_at').notNull(),
  },
  (t) => [
    index('followup_addendum_summary_recipient_idx').on(t.recipientId),
    index('followup_addendum_summary_case_idx').on(t.caseId),
  ],
);
