import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { answerSources, followUpActions, wellbeings } from '../../../shared/outcomes.js';
import { followUp, opinionCase } from '../cases/schema.js';
import { user } from '../identity/schema.js';
import { diagnosisVerdictEnum, treatmentVerdictEnum } from '../reviews/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const followUpActionEnum = pgEnum('follow_up_action', followUpActions);
export const wellbeingEnum = pgEnum('wellbeing', wellbeings);
export const answerSourceEnum = pgEnum('outcome_answer_source', answerSources);

/**
 * The case manager's one answer for a case whose panel disagrees. A case with a single opinion,
 * or a panel that agrees, has no row here: its outcome is the opinions' verdicts, read from them
 * (so a correction of the opinion carries through).
 */
export const caseOutcome = pgTable('case_outcome', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => opinionCase.id),
  diagnosisVerdict: diagnosisVerdictEnum('diagnosis_verdict').notNull(),
  treatmentVerdict: treatmentVerdictEnum('treatment_verdict').notNull(),
  /** Why the case manager decided so (staff only). */
  note: text('note'),
  decidedByUserId: uuid('decided_by_user_id')
    .notNull()
    .references(() => user.id),
  decidedAt: ts('decided_at').notNull(),
  version: integer('version').notNull().default(1),
});

/**
 * What the member did after the opinion and how they are doing: their answer at a check-in (one
 * per check-in), or what they told the case manager on a call. Health data: never logged.
 */
export const outcomeAnswer = pgTable(
  'outcome_answer',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => opinionCase.id),
    followUpId: uuid('follow_up_id')
      .unique()
      .references(() => followUp.id),
    source: answerSourceEnum('source').notNull(),
    action: followUpActionEnum('action').notNull(),
    treatmentReceived: text('treatment_received'),
    wellbeing: wellbeingEnum('wellbeing').notNull(),
    note: text('note'),
    recordedByUserId: uuid('recorded_by_user_id')
      .notNull()
      .references(() => user.id),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('outcome_answer_case_idx').on(t.caseId, t.recordedAt)],
);
