import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  diagnosisVerdicts,
  offerStatuses,
  reviewStatuses,
  treatmentVerdicts,
} from '../../../shared/reviews.js';
import { opinionCase } from '../cases/schema.js';
import { caseDocument } from '../documents/schema.js';
import { user } from '../identity/schema.js';
import { specialist } from '../specialists/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const reviewStatusEnum = pgEnum('review_status', reviewStatuses);
export const reviewOfferStatusEnum = pgEnum('review_offer_status', offerStatuses);
export const diagnosisVerdictEnum = pgEnum('diagnosis_verdict', diagnosisVerdicts);
export const treatmentVerdictEnum = pgEnum('treatment_verdict', treatmentVerdicts);

/**
 * A specialist review of a case, asked for by its case manager: the summary and questions the
 * specialists read, the documents chosen for them, the size of the panel, and the ranked
 * candidates to offer next when an offer is declined or expires. One open review per case.
 * The summary and questions are health data: never in a log line, a URL or an e-mail.
 */
export const review = pgTable(
  'review',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    requestedByUserId: uuid('requested_by_user_id')
      .notNull()
      .references(() => user.id),
    summary: text('summary').notNull(),
    questions: jsonb('questions').$type<string[]>().notNull(),
    documentIds: uuid('document_ids').array().notNull(),
    panelSize: integer('panel_size').notNull(),
    /** The settings in force when the review was asked for: how long an offer stands, when the
     * review is due after acceptance, and when the reminder goes. */
    offerWindowMinutes: integer('offer_window_minutes').notNull(),
    dueWithinMinutes: integer('due_within_minutes').notNull(),
    reminderBeforeMinutes: integer('reminder_before_minutes').notNull(),
    /** Specialists not offered yet, best first; the next one is offered on a decline or expiry. */
    candidateIds: uuid('candidate_ids').array().notNull(),
    offerNextOnDecline: boolean('offer_next_on_decline').notNull(),
    status: reviewStatusEnum('status').notNull(),
    /** The written report, once the opinions are in (a document of the case). */
    reportDocumentId: uuid('report_document_id').references(() => caseDocument.id),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    completedAt: ts('completed_at'),
    endedAt: ts('ended_at'),
  },
  (t) => [
    index('review_case_idx').on(t.caseId, t.createdAt),
    uniqueIndex('review_one_open_per_case')
      .on(t.caseId)
      .where(sql`${t.status} = 'open'`),
  ],
);

/**
 * One offer of a review to one specialist, and, once accepted, that specialist's part of it. The
 * specialist's review place is taken on acceptance and given back when the part ends.
 */
export const reviewOffer = pgTable(
  'review_offer',
  {
    id: uuid('id').primaryKey(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => review.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    specialistId: uuid('specialist_id')
      .notNull()
      .references(() => specialist.id),
    status: reviewOfferStatusEnum('status').notNull(),
    offeredAt: ts('offered_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    respondedAt: ts('responded_at'),
    dueAt: ts('due_at'),
    submittedAt: ts('submitted_at'),
    endedAt: ts('ended_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('review_offer_specialist_unique').on(t.reviewId, t.specialistId),
    index('review_offer_specialist_idx').on(t.specialistId, t.status, t.offeredAt),
    index('review_offer_review_idx').on(t.reviewId),
  ],
);

/**
 * A specialist's written opinion, as submitted: immutable. A correction is a new row with the
 * next version and its reason; the latest version is the opinion.
 */
export const reviewOpinion = pgTable(
  'review_opinion',
  {
    id: uuid('id').primaryKey(),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => reviewOffer.id),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => review.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    specialistId: uuid('specialist_id')
      .notNull()
      .references(() => specialist.id),
    version: integer('version').notNull(),
    diagnosisVerdict: diagnosisVerdictEnum('diagnosis_verdict').notNull(),
    proposedDiagnosisCode: text('proposed_diagnosis_code'),
    treatmentVerdict: treatmentVerdictEnum('treatment_verdict').notNull(),
    furtherTests: jsonb('further_tests').$type<string[]>().notNull(),
    answers: jsonb('answers').$type<string[]>().notNull(),
    narrative: text('narrative').notNull(),
    references: jsonb('references').$type<string[]>().notNull(),
    correctionReason: text('correction_reason'),
    /** The language the specialist wrote in (BCP 47): the expert layer is labelled with it. */
    language: text('language').notNull().default('en'),
    /** SHA-256 of the submitted body: the same version with the same body again is refused. */
    contentHash: text('content_hash').notNull(),
    submittedByUserId: uuid('submitted_by_user_id')
      .notNull()
      .references(() => user.id),
    submittedAt: ts('submitted_at').notNull(),
  },
  (t) => [
    unique('review_opinion_version_unique').on(t.offerId, t.version),
    index('review_opinion_outcomes_idx').on(t.submittedAt),
  ],
);

/**
 * A case manager's (or operations') rating of a specialist's opinion, 1 to 5 with an optional
 * comment: one per rater and opinion, a later rating replacing the earlier one. It counts in the
 * specialist's record (`specialist.rating_average`, `rating_count`). Staff only.
 */
export const reviewRating = pgTable(
  'review_rating',
  {
    id: uuid('id').primaryKey(),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => reviewOffer.id),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => review.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    specialistId: uuid('specialist_id')
      .notNull()
      .references(() => specialist.id),
    ratedByUserId: uuid('rated_by_user_id')
      .notNull()
      .references(() => user.id),
    score: smallint('score').notNull(),
    comment: text('comment'),
    /** The version of the opinion the rater read when they rated it. */
    opinionVersion: integer('opinion_version').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    unique('review_rating_one_per_rater').on(t.offerId, t.ratedByUserId),
    index('review_rating_specialist_idx').on(t.specialistId),
    index('review_rating_review_idx').on(t.reviewId),
    check('review_rating_score', sql`${t.score} between 1 and 5`),
  ],
);
