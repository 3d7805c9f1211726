import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { caseStatuses, contactChannels, contactOutcomes } from '../../../shared/cases.js';
import { withoutReviewReasons } from '../../../shared/opinion-layers.js';
import { user } from '../identity/schema.js';
import { member } from '../plans/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const caseStatusEnum = pgEnum('case_status', caseStatuses);
export const contactChannelEnum = pgEnum('contact_channel', contactChannels);
export const contactOutcomeEnum = pgEnum('contact_outcome', contactOutcomes);

/** Feeds the human case numbers (SMO-2026-004211); ids stay UUIDs. */
export const caseNumberSequence = pgSequence('case_number_seq', { startWith: 1 });

export interface ContactWindow {
  days: number[];
  from: string;
  to: string;
}

/** One member's request for a second opinion, from submission to closure. */
export const opinionCase = pgTable(
  'opinion_case',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull().unique(),
    status: caseStatusEnum('status').notNull(),
    version: integer('version').notNull().default(1),
    /** The patient: the member the opinion is for. */
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    /** The account that asked: the member, or the guardian of a dependant. */
    requestedByUserId: uuid('requested_by_user_id')
      .notNull()
      .references(() => user.id),
    concern: text('concern').notNull(),
    diagnosisReceived: text('diagnosis_received'),
    treatmentPlanReceived: text('treatment_plan_received'),
    firstOpinionDoctor: text('first_opinion_doctor'),
    firstOpinionInstitution: text('first_opinion_institution'),
    firstOpinionCountry: text('first_opinion_country'),
    questions: text('questions').array().notNull(),
    preferredLanguage: text('preferred_language').notNull(),
    contactChannel: contactChannelEnum('contact_channel').notNull(),
    /** The number the member asked to be called on, E.164 (personal data: never logged). */
    contactPhone: text('contact_phone'),
    timeZone: text('time_zone').notNull(),
    preferredContactWindows: jsonb('preferred_contact_windows')
      .$type<ContactWindow[]>()
      .notNull()
      .default([]),
    locationCountry: text('location_country').notNull(),
    locationCity: text('location_city').notNull(),
    caseManagerUserId: uuid('case_manager_user_id').references(() => user.id),
    interpreterNeeded: boolean('interpreter_needed').notNull().default(false),
    submittedAt: ts('submitted_at').notNull(),
    firstContactDueAt: ts('first_contact_due_at').notNull(),
    firstContactedAt: ts('first_contacted_at'),
    /**
     * Where the case stands in a queue sorted by deadline: 0 while the first contact is awaited
     * (its deadline is the one that matters), 1 for the other open cases, 2 once closed or
     * withdrawn. Kept by the database from the status.
     */
    queueRank: smallint('queue_rank')
      .notNull()
      .generatedAlwaysAs(
        sql`CASE WHEN status IN ('submitted', 'assigned') THEN 0 WHEN status IN ('closed', 'withdrawn') THEN 2 ELSE 1 END`,
      ),
    closedAt: ts('closed_at'),
    withdrawnAt: ts('withdrawn_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('opinion_case_queue_idx').on(t.caseManagerUserId, t.queueRank, t.firstContactDueAt, t.id),
    index('opinion_case_deadline_idx').on(t.queueRank, t.firstContactDueAt, t.id),
    index('opinion_case_member_idx').on(t.memberId, t.submittedAt),
    index('opinion_case_status_idx').on(t.status, t.firstContactDueAt),
  ],
);

/**
 * The timeline: every transition and notable act on a case, numbered per case. Members and staff
 * read the same timeline; `staffOnly` entries (internal reasons) are hidden from members.
 */
export const caseEvent = pgTable(
  'case_event',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    fromStatus: caseStatusEnum('from_status'),
    toStatus: caseStatusEnum('to_status'),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role').notNull(),
    reason: text('reason'),
    staffOnly: boolean('staff_only').notNull().default(false),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: ts('occurred_at').notNull(),
  },
  (t) => [unique('case_event_seq_unique').on(t.caseId, t.seq)],
);

/** The contact log: every call, video or message the case manager records. */
export const caseContact = pgTable(
  'case_contact',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    caseManagerUserId: uuid('case_manager_user_id')
      .notNull()
      .references(() => user.id),
    channel: contactChannelEnum('channel').notNull(),
    outcome: contactOutcomeEnum('outcome').notNull(),
    contactedAt: ts('contacted_at').notNull(),
    privateNote: text('private_note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('case_contact_case_idx').on(t.caseId, t.contactedAt)],
);

/**
 * The case manager's recommendations and next steps, in the member's language. Markdown is stored
 * sanitised; delivery and the member's acknowledgement are recorded here and on the timeline.
 */
export const caseRecommendation = pgTable('case_recommendation', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => opinionCase.id),
  language: text('language').notNull(),
  body: text('body').notNull(),
  nextSteps: text('next_steps').array().notNull(),
  writtenByUserId: uuid('written_by_user_id')
    .notNull()
    .references(() => user.id),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull(),
  deliveredAt: ts('delivered_at'),
  acknowledgedAt: ts('acknowledged_at'),
  acknowledgedByUserId: uuid('acknowledged_by_user_id').references(() => user.id),
  /** Delivered without a specialist review: why, from the fixed list (shared/opinion-layers.ts). */
  withoutReviewReason: text('without_review_reason', { enum: withoutReviewReasons }),
});

export const followUpStatusEnum = pgEnum('follow_up_status', [
  'scheduled',
  'completed',
  'missed',
  'cancelled',
]);

/** Monitoring: check-ins the case manager schedules; the member reports progress on each. */
export const followUp = pgTable(
  'follow_up',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    dueAt: ts('due_at').notNull(),
    status: followUpStatusEnum('status').notNull().default('scheduled'),
    progress: text('progress'),
    reportedAt: ts('reported_at'),
    /** Set when the due reminder went out (to both sides), so it goes out once. */
    remindedAt: ts('reminded_at'),
    createdByUserId: uuid('created_by_user_id')
      .notNull()
      .references(() => user.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('follow_up_case_idx').on(t.caseId, t.dueAt),
    index('follow_up_due_idx').on(t.status, t.dueAt),
  ],
);

export interface ProposedSlot {
  startsAt: string;
  durationMinutes: number;
}

/**
 * Call scheduling: the case manager proposes slots, the member confirms one (or the case manager
 * does, after agreeing by phone); the confirmation sends a calendar invitation.
 */
export const scheduledCall = pgTable(
  'scheduled_call',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    channel: contactChannelEnum('channel').notNull(),
    slots: jsonb('slots').$type<ProposedSlot[]>().notNull(),
    status: text('status').notNull().default('proposed'),
    confirmedStartsAt: ts('confirmed_starts_at'),
    durationMinutes: integer('duration_minutes'),
    /** A video call's meeting link (https), carried by the invitation and the case page. */
    meetingUrl: text('meeting_url'),
    proposedByUserId: uuid('proposed_by_user_id')
      .notNull()
      .references(() => user.id),
    confirmedByUserId: uuid('confirmed_by_user_id').references(() => user.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('scheduled_call_case_idx').on(t.caseId, t.createdAt)],
);
