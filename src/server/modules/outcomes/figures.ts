import type {
  FollowUpAction,
  OutcomeAnalytics,
  OutcomeBreakdown,
  OutcomeGroup,
  OutcomeState,
} from '../../../shared/outcomes.js';
import { followUpActions } from '../../../shared/outcomes.js';
import type { CaseStatus } from '../../../shared/cases.js';
import { withoutReviewReasons, type WithoutReviewReason } from '../../../shared/opinion-layers.js';
import type { DiagnosisVerdict, TreatmentVerdict } from '../../../shared/reviews.js';
import { wilsonShare } from './wilson.js';

/*
 * The outcome of a case and the figures of many: pure functions, table-tested in figures.test.ts.
 */

export interface Verdicts {
  diagnosis: DiagnosisVerdict;
  treatment: TreatmentVerdict;
}

/** The states in which every opinion asked for is in. */
const opinionInStates: readonly CaseStatus[] = [
  'opinion_ready',
  'recommendations_delivered',
  'monitoring',
  'closed',
  'withdrawn',
];

/**
 * The case's one answer. A single opinion, or a panel that agrees, gives it at once; a panel that
 * disagrees waits for the case manager, whose reconciled answer then stands (even if a later
 * correction makes the opinions agree: the case manager decided knowing the case).
 */
export function caseOutcomeOf(
  status: CaseStatus,
  opinions: readonly Verdicts[],
  reconciled: Verdicts | undefined,
): { state: OutcomeState; verdicts: Verdicts | null } {
  if (reconciled) return { state: 'reconciled', verdicts: reconciled };
  if (opinions.length === 0) {
    return { state: opinionInStates.includes(status) ? 'no_review' : 'awaiting_opinion', verdicts: null };
  }
  if (!opinionInStates.includes(status)) return { state: 'awaiting_opinion', verdicts: null };
  const [first] = opinions;
  const agree = opinions.every((o) => o.diagnosis === first!.diagnosis && o.treatment === first!.treatment);
  return agree
    ? { state: 'from_opinion', verdicts: { diagnosis: first!.diagnosis, treatment: first!.treatment } }
    : { state: 'awaiting_reconciliation', verdicts: null };
}

/**
 * As the published series count: a diagnosis *changed* (a different disease, not a refinement of
 * the same one), and a treatment plan modified or changed.
 */
export const diagnosisChanged = (v: Verdicts) => v.diagnosis === 'changed';
export const treatmentChanged = (v: Verdicts) => v.treatment !== 'confirmed';

/** Deliveries without a specialist review, by the reason recorded (none before it was asked). */
export interface WithoutReviewCount {
  reason: WithoutReviewReason | 'not_recorded';
  cases: number;
}

/** One case as the figures see it. */
export interface CountedCase {
  verdicts: Verdicts | null;
  state: OutcomeState;
  month: string;
  specialty: string | null;
  country: string;
  language: string;
  plan: string;
  /** The member's latest answer, if any. */
  action: FollowUpAction | null;
}

/** Meyer AND et al., Am J Med 2015;128(10):1138.e25–33: 6,791 cases of a national programme. */
export const PUBLISHED = {
  source: 'Meyer et al., Am J Med 2015',
  cases: 6_791,
  diagnosisChanged: 0.148,
  treatmentChanged: 0.374,
} as const;

const NO_SPECIALTY = 'none';

const keyOf = (entry: CountedCase, by: OutcomeBreakdown): string =>
  by === 'specialty' ? (entry.specialty ?? NO_SPECIALTY) : entry[by];

function groupOf(key: string, decided: readonly (CountedCase & { verdicts: Verdicts })[]): OutcomeGroup {
  return {
    key,
    cases: decided.length,
    diagnosisChanged: wilsonShare(decided.filter((c) => diagnosisChanged(c.verdicts)).length, decided.length),
    treatmentChanged: wilsonShare(decided.filter((c) => treatmentChanged(c.verdicts)).length, decided.length),
  };
}

/**
 * The figures of a set of cases: each case counts once, whatever the size of its panel. Cases
 * without a specialist review and panels awaiting reconciliation are counted apart.
 */
export function summariseCases(
  cases: readonly CountedCase[],
  by: OutcomeBreakdown,
  withoutReview: readonly WithoutReviewCount[],
): Omit<OutcomeAnalytics, 'from' | 'to'> {
  const decided = cases.filter((c): c is CountedCase & { verdicts: Verdicts } => c.verdicts !== null);
  const overall = groupOf('all', decided);
  const diagnosis = { confirmed: 0, refined: 0, changed: 0 };
  const treatment = { confirmed: 0, modified: 0, changed: 0 };
  for (const { verdicts } of decided) {
    diagnosis[verdicts.diagnosis] += 1;
    treatment[verdicts.treatment] += 1;
  }
  const byKey = new Map<string, (CountedCase & { verdicts: Verdicts })[]>();
  for (const entry of decided) {
    const key = keyOf(entry, by);
    byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  const groups = [...byKey.entries()]
    .map(([key, entries]) => groupOf(key, entries))
    // Months in time order; the other breakdowns largest first, then by key for a stable order.
    .sort((a, b) =>
      by === 'month' ? a.key.localeCompare(b.key) : b.cases - a.cases || a.key.localeCompare(b.key),
    );
  const answered = cases.filter((c) => c.action !== null);
  const publishedCount = (share: number) => Math.round(share * PUBLISHED.cases);
  return {
    by,
    cases: decided.length,
    diagnosis,
    treatment,
    diagnosisChanged: overall.diagnosisChanged,
    treatmentChanged: overall.treatmentChanged,
    withoutReview: withoutReview.reduce((sum, row) => sum + row.cases, 0),
    withoutReviewByReason: [...withoutReviewReasons, 'not_recorded' as const].map((reason) => ({
      reason,
      cases: withoutReview.filter((row) => row.reason === reason).reduce((sum, row) => sum + row.cases, 0),
    })),
    awaitingReconciliation: cases.filter((c) => c.state === 'awaiting_reconciliation').length,
    published: {
      source: PUBLISHED.source,
      cases: PUBLISHED.cases,
      diagnosisChanged: wilsonShare(publishedCount(PUBLISHED.diagnosisChanged), PUBLISHED.cases),
      treatmentChanged: wilsonShare(publishedCount(PUBLISHED.treatmentChanged), PUBLISHED.cases),
    },
    groups,
    followUp: {
      cases: answered.length,
      actions: followUpActions.map((action) => ({
        action,
        share: wilsonShare(answered.filter((c) => c.action === action).length, answered.length),
      })),
    },
  };
}
