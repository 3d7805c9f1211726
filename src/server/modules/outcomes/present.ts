import type { CaseOutcome, FollowUpAnswer, OutcomeState } from '../../../shared/outcomes.js';
import type { Verdicts } from './figures.js';
import type * as repo from './repo.js';

export function presentAnswer(row: repo.AnswerRow): FollowUpAnswer {
  return {
    id: row.id,
    followUpId: row.followUpId,
    source: row.source,
    action: row.action,
    treatmentReceived: row.treatmentReceived,
    wellbeing: row.wellbeing,
    note: row.note,
    recordedAt: row.recordedAt.toISOString(),
  };
}

/** The case's outcome; the panel's verdicts and the reconciliation's note for staff only. */
export function presentOutcome(input: {
  caseId: string;
  state: OutcomeState;
  verdicts: Verdicts | null;
  reconciled: Awaited<ReturnType<typeof repo.findOutcome>>;
  opinions: repo.PanelOpinion[];
  answers: repo.AnswerRow[];
  staff: boolean;
}): CaseOutcome {
  const { reconciled, staff } = input;
  return {
    caseId: input.caseId,
    state: input.state,
    diagnosis: input.verdicts?.diagnosis ?? null,
    treatment: input.verdicts?.treatment ?? null,
    reconciledBy:
      staff && reconciled ? { id: reconciled.outcome.decidedByUserId, name: reconciled.decidedByName } : null,
    reconciledAt: reconciled?.outcome.decidedAt.toISOString() ?? null,
    note: staff ? (reconciled?.outcome.note ?? null) : null,
    version: reconciled?.outcome.version ?? null,
    opinions: staff
      ? input.opinions.map((o) => ({
          specialistName: o.specialistName,
          diagnosis: o.diagnosis,
          treatment: o.treatment,
        }))
      : [],
    answers: input.answers.map(presentAnswer),
  };
}
