import { asc, inArray, sql, type Column } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { caseOutcome, outcomeAnswer } from './schema.js';

/**
 * What the member told us after the opinion, per case (for the member's export): each answer at a
 * check-in or on a call, and the case's reconciled outcome where the panel disagreed (its verdicts
 * only: the case manager's note is for staff).
 */
export async function outcomesOfCases(db: Queryable, caseIds: string[]) {
  if (caseIds.length === 0) return { answers: [], outcomes: [] };
  const answers = await db
    .select({
      caseId: outcomeAnswer.caseId,
      source: outcomeAnswer.source,
      action: outcomeAnswer.action,
      treatmentReceived: outcomeAnswer.treatmentReceived,
      wellbeing: outcomeAnswer.wellbeing,
      note: outcomeAnswer.note,
      recordedAt: outcomeAnswer.recordedAt,
    })
    .from(outcomeAnswer)
    .where(inArray(outcomeAnswer.caseId, caseIds))
    .orderBy(asc(outcomeAnswer.recordedAt), asc(outcomeAnswer.id));
  const outcomes = await db
    .select({
      caseId: caseOutcome.caseId,
      diagnosisVerdict: caseOutcome.diagnosisVerdict,
      treatmentVerdict: caseOutcome.treatmentVerdict,
      decidedAt: caseOutcome.decidedAt,
    })
    .from(caseOutcome)
    .where(inArray(caseOutcome.caseId, caseIds));
  return {
    answers: answers.map((row) => ({ ...row, recordedAt: row.recordedAt.toISOString() })),
    outcomes: outcomes.map((row) => ({ ...row, decidedAt: row.decidedAt.toISOString() })),
  };
}

const erased = (column: Column) => sql`CASE WHEN ${column} IS NULL THEN NULL ELSE '[erased]' END`;

/**
 * Blanks the free text of the outcome answers and reconciled outcomes of these (ended) cases, in
 * the caller's transaction: the treatment received and the notes become `[erased]`. The chosen
 * action, the wellbeing and the verdicts stay (fixed lists, counted in the outcome figures).
 * Idempotent.
 */
export async function eraseOutcomesOfCases(tx: Queryable, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await tx
    .update(outcomeAnswer)
    .set({ treatmentReceived: erased(outcomeAnswer.treatmentReceived), note: erased(outcomeAnswer.note) })
    .where(inArray(outcomeAnswer.caseId, caseIds));
  await tx
    .update(caseOutcome)
    .set({ note: erased(caseOutcome.note) })
    .where(inArray(caseOutcome.caseId, caseIds));
}
