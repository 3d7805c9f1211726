import { z } from 'zod';
import { withoutReviewReasons } from './opinion-layers.js';
import { DiagnosisVerdict, TreatmentVerdict } from './reviews.js';

/*
 * Outcomes per case: what the opinion changed (one answer per case, from the panel) and what the
 * member did afterwards (their answers at the follow-up check-ins, or told to the case manager on
 * a call), and the figures operations read from them.
 */

/** What the member did after the opinion. */
export const followUpActions = [
  'followed',
  'partly_followed',
  'kept_original_plan',
  'undecided',
  'other',
] as const;
export const FollowUpAction = z.enum(followUpActions);
export type FollowUpAction = z.infer<typeof FollowUpAction>;

/** How the member is doing, in their own words' terms. */
export const wellbeings = ['much_better', 'better', 'unchanged', 'worse', 'much_worse'] as const;
export const Wellbeing = z.enum(wellbeings);
export type Wellbeing = z.infer<typeof Wellbeing>;

/** Who gave an answer: the member at a check-in, or the case manager from a call with them. */
export const answerSources = ['member_check_in', 'case_manager_call'] as const;
export const AnswerSource = z.enum(answerSources);
export type AnswerSource = z.infer<typeof AnswerSource>;

/**
 * Where the case's one answer stands: no specialist review (counted apart), waiting for the
 * opinions, taken from the opinion (a single opinion, or a panel that agrees), waiting for the
 * case manager to reconcile a panel that disagrees, or reconciled by them.
 */
export const outcomeStates = [
  'no_review',
  'awaiting_opinion',
  'from_opinion',
  'awaiting_reconciliation',
  'reconciled',
] as const;
export const OutcomeState = z.enum(outcomeStates);
export type OutcomeState = z.infer<typeof OutcomeState>;

const note = z.string().trim().min(1).max(2_000);

/** The case manager's one answer for a panel that disagrees. */
export const OutcomeReconciliation = z
  .object({ diagnosis: DiagnosisVerdict, treatment: TreatmentVerdict, note: note.optional() })
  .strict();
export type OutcomeReconciliation = z.input<typeof OutcomeReconciliation>;

/** A change to a reconciled answer, based on the version read. */
export const OutcomeReconciliationEdit = OutcomeReconciliation.extend({
  version: z.number().int().min(1),
}).strict();
export type OutcomeReconciliationEdit = z.input<typeof OutcomeReconciliationEdit>;

const answerFields = {
  action: FollowUpAction,
  /** What treatment the member had since the opinion (health data: never logged). */
  treatmentReceived: z.string().trim().min(1).max(2_000).optional(),
  wellbeing: Wellbeing,
  note: note.optional(),
};

const otherNeedsNote = (answer: { action: FollowUpAction; note?: string | undefined }) =>
  answer.action !== 'other' || answer.note !== undefined;
const otherNeedsNoteMessage = { message: 'say what the member did', path: ['note'] };

/** The member's answer at a check-in. */
export const CheckInAnswer = z.object(answerFields).strict().refine(otherNeedsNote, otherNeedsNoteMessage);
export type CheckInAnswer = z.input<typeof CheckInAnswer>;

/** The case manager records what the member said on a call, at a check-in or between them. */
export const CallAnswer = z
  .object({ ...answerFields, followUpId: z.uuid({ message: 'must be an id (UUID)' }).optional() })
  .strict()
  .refine(otherNeedsNote, otherNeedsNoteMessage);
export type CallAnswer = z.input<typeof CallAnswer>;

export const FollowUpAnswer = z.object({
  id: z.uuid(),
  followUpId: z.uuid().nullable(),
  source: AnswerSource,
  action: FollowUpAction,
  treatmentReceived: z.string().nullable(),
  wellbeing: Wellbeing,
  note: z.string().nullable(),
  recordedAt: z.string(),
});
export type FollowUpAnswer = z.infer<typeof FollowUpAnswer>;

export const OpinionVerdicts = z.object({
  specialistName: z.string(),
  diagnosis: DiagnosisVerdict,
  treatment: TreatmentVerdict,
});

export const CaseOutcome = z.object({
  caseId: z.uuid(),
  state: OutcomeState,
  diagnosis: DiagnosisVerdict.nullable(),
  treatment: TreatmentVerdict.nullable(),
  /** The reconciliation: who decided and when (staff only), its version for an edit. */
  reconciledBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  reconciledAt: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int().nullable(),
  /** The panel's verdicts, for the case manager who reconciles them (empty for members). */
  opinions: z.array(OpinionVerdicts),
  answers: z.array(FollowUpAnswer),
});
export type CaseOutcome = z.infer<typeof CaseOutcome>;

// Analytics, for operations.

export const outcomeBreakdowns = ['month', 'specialty', 'country', 'language', 'plan'] as const;
export const OutcomeBreakdown = z.enum(outcomeBreakdowns);
export type OutcomeBreakdown = z.infer<typeof OutcomeBreakdown>;

export const OutcomeAnalyticsQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    by: OutcomeBreakdown.default('month'),
  })
  .strict();
export type OutcomeAnalyticsQuery = z.input<typeof OutcomeAnalyticsQuery>;

/** A share of cases with its 95 % Wilson score interval; null figures without cases. */
export const Share = z.object({
  n: z.number().int(),
  of: z.number().int(),
  share: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export type Share = z.infer<typeof Share>;

export const OutcomeGroup = z.object({
  key: z.string(),
  cases: z.number().int(),
  diagnosisChanged: Share,
  treatmentChanged: Share,
});
export type OutcomeGroup = z.infer<typeof OutcomeGroup>;

export const OutcomeAnalytics = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  by: OutcomeBreakdown,
  /** Cases whose one answer is known (from the opinion or reconciled). */
  cases: z.number().int(),
  diagnosis: z.object({ confirmed: z.number().int(), refined: z.number().int(), changed: z.number().int() }),
  treatment: z.object({ confirmed: z.number().int(), modified: z.number().int(), changed: z.number().int() }),
  /** A changed diagnosis (not a refinement of the same one). */
  diagnosisChanged: Share,
  /** A treatment plan modified or changed. */
  treatmentChanged: Share,
  /** Counted apart: cases whose recommendations were given without a specialist review. */
  withoutReview: z.number().int(),
  /**
   * The same cases by the reason recorded at delivery (every reason of the list, 0 included);
   * `not_recorded` for deliveries from before the reason was asked.
   */
  withoutReviewByReason: z.array(
    z.object({ reason: z.enum([...withoutReviewReasons, 'not_recorded']), cases: z.number().int() }),
  ),
  /** Counted apart: panels that disagree and wait for the case manager's answer. */
  awaitingReconciliation: z.number().int(),
  published: z.object({
    source: z.string(),
    cases: z.number().int(),
    diagnosisChanged: Share,
    treatmentChanged: Share,
  }),
  groups: z.array(OutcomeGroup),
  /** What members did afterwards: each case's latest answer. */
  followUp: z.object({
    cases: z.number().int(),
    actions: z.array(z.object({ action: FollowUpAction, share: Share })),
  }),
});
export type OutcomeAnalytics = z.infer<typeof OutcomeAnalytics>;
