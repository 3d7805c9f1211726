import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { BenefitCategory, CoverCheckResult } from '../../../shared/coverage.js';
import {
  preauthorisationStatuses,
  referralUrgencies,
  type LetterLanguage,
} from '../../../shared/referrals.js';
import { opinionCase } from '../cases/schema.js';
import { facility } from '../facilities/schema.js';
import { user } from '../identity/schema.js';
import { member, membership } from '../plans/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const referralUrgencyEnum = pgEnum('referral_urgency', referralUrgencies);
export const preauthorisationStatusEnum = pgEnum('preauthorisation_status', preauthorisationStatuses);

/**
 * A referral of a case's member to a facility and/or a receiving doctor for a service, with the
 * cover check as it was answered when the referral was made (kept whole: what the member was told
 * the plan pays). Referrals are only added, and withdrawn rather than deleted; a case may have
 * several (another service, another facility).
 */
export const referral = pgTable(
  'referral',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    /** The letters' reference: the case number and the referral's number within the case. */
    reference: text('reference').notNull().unique(),
    facilityId: uuid('facility_id').references(() => facility.id),
    receivingDoctor: text('receiving_doctor'),
    service: text('service').notNull(),
    benefit: text('benefit').$type<BenefitCategory>().notNull(),
    icd10: text('icd10').notNull(),
    reason: text('reason').notNull(),
    urgency: referralUrgencyEnum('urgency').notNull(),
    treatmentDate: date('treatment_date', { mode: 'string' }).notNull(),
    country: text('country').notNull(),
    estimatedCost: bigint('estimated_cost', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    sessions: integer('sessions').notNull(),
    sharedDocumentIds: jsonb('shared_document_ids').$type<string[]>().notNull(),
    letterLanguage: text('letter_language').$type<LetterLanguage>().notNull(),
    cover: jsonb('cover').$type<CoverCheckResult>().notNull(),
    /** The membership and plan year the check was decided in (the ledger entry of an approval). */
    membershipId: uuid('membership_id')
      .notNull()
      .references(() => membership.id),
    planYearStart: date('plan_year_start', { mode: 'string' }),
    createdByUserId: uuid('created_by_user_id')
      .notNull()
      .references(() => user.id),
    createdAt: ts('created_at').notNull(),
    /** Set when the case manager or the member withdrew the referral (it is kept, as withdrawn). */
    withdrawnAt: ts('withdrawn_at'),
    withdrawnByUserId: uuid('withdrawn_by_user_id').references(() => user.id),
  },
  (t) => [
    index('referral_case_idx').on(t.caseId, t.createdAt),
    check('referral_has_recipient', sql`${t.facilityId} IS NOT NULL OR ${t.receivingDoctor} IS NOT NULL`),
    check('referral_cost_positive', sql`${t.estimatedCost} > 0`),
  ],
);

/**
 * The request to the insurer's cover assessors to pre-authorise a referral's treatment, and its
 * decision. Above the four-eyes threshold an approval takes two assessors: the first one's terms
 * are kept (`first_*`) while the second is awaited. Nobody decides on a request they made.
 */
export const preauthorisation = pgTable(
  'preauthorisation',
  {
    id: uuid('id').primaryKey(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referral.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    status: preauthorisationStatusEnum('status').notNull().default('pending'),
    requestedByUserId: uuid('requested_by_user_id')
      .notNull()
      .references(() => user.id),
    requestedAt: ts('requested_at').notNull(),
    secondApprovalRequired: boolean('second_approval_required').notNull(),
    firstApproverUserId: uuid('first_approver_user_id').references(() => user.id),
    firstApprovedAt: ts('first_approved_at'),
    approvedAmount: bigint('approved_amount', { mode: 'number' }),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    approvalReference: text('approval_reference'),
    declineReason: text('decline_reason'),
    informationRequest: text('information_request'),
    informationAnswer: text('information_answer'),
    decidedByUserId: uuid('decided_by_user_id').references(() => user.id),
    decidedAt: ts('decided_at'),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('preauthorisation_referral_idx').on(t.referralId),
    index('preauthorisation_queue_idx').on(t.status, t.requestedAt, t.id),
    check(
      'preauthorisation_validity',
      sql`${t.validFrom} IS NULL OR ${t.validTo} IS NULL OR ${t.validFrom} <= ${t.validTo}`,
    ),
  ],
);
