import { customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { opinionCase } from '../cases/schema.js';
import { user } from '../identity/schema.js';
import { review, reviewOffer } from './schema.js';

/*
 * The opinion's layers beside the specialist's own (docs/opinion-layers.md): the case manager's
 * summary for the member, the translations of the expert opinion, and the links that carry the
 * letter for the treating doctor.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** The summary of a review for the member, in the member's language: one per review, versioned. */
export const reviewSummary = pgTable('review_summary', {
  reviewId: uuid('review_id')
    .primaryKey()
    .references(() => review.id),
  caseId: uuid('case_id')
    .notNull()
    .references(() => opinionCase.id),
  language: text('language').notNull(),
  body: text('body').notNull(),
  version: integer('version').notNull().default(1),
  writtenByUserId: uuid('written_by_user_id')
    .notNull()
    .references(() => user.id),
  writtenAt: ts('written_at').notNull(),
});

/**
 * A translation of one specialist's opinion (all its versions: the latest one is translated) into
 * the member's language; entered again, it replaces the earlier one, and the timeline keeps both steps.
 */
export const reviewTranslation = pgTable(
  'review_translation',
  {
    offerId: uuid('offer_id')
      .notNull()
      .references(() => reviewOffer.id),
    language: text('language').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    body: text('body').notNull(),
    /** A translator's name as entered; null when the case manager who entered it translated it. */
    translatorName: text('translator_name'),
    enteredByUserId: uuid('entered_by_user_id')
      .notNull()
      .references(() => user.id),
    translatedAt: ts('translated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.offerId, t.language] }),
    index('review_translation_case_idx').on(t.caseId),
  ],
);

/**
 * The member sent the letter for their treating doctor: the e-mail carries a link to it, whose
 * token is kept only as its SHA-256. The address is kept to show the member where it went, and is
 * pseudonymised with the case's other personal fields on erasure.
 */
export const doctorLetterLink = pgTable(
  'doctor_letter_link',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => review.id),
    language: text('language').notNull(),
    doctorName: text('doctor_name'),
    email: text('email').notNull(),
    tokenHash: bytea('token_hash').notNull(),
    sentByUserId: uuid('sent_by_user_id')
      .notNull()
      .references(() => user.id),
    sentAt: ts('sent_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    openedCount: integer('opened_count').notNull().default(0),
    lastOpenedAt: ts('last_opened_at'),
  },
  (t) => [index('doctor_letter_link_case_idx').on(t.caseId)],
);
