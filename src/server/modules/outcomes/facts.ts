import type { Queryable } from '../../platform/db/index.js';
import { caseOutcomeOf, diagnosisChanged, treatmentChanged } from './figures.js';
import * as repo from './repo.js';

/** One case's outcome as an aggregate counts it: whose case, and whether the opinion changed anything. */
export interface OutcomeFact {
  memberId: string;
  diagnosisChanged: boolean;
  treatmentChanged: boolean;
}

/**
 * The outcomes of these members' cases that became known in [from, before): when the panel's
 * review was complete for a single opinion or a panel that agrees, when the case manager decided
 * for a panel that disagreed. Each case counts once; a panel still waiting for its case manager,
 * or a case without a review, is not an outcome. Counted in the period the answer became known, so
 * that a period already over does not change when a later panel is reconciled.
 */
export async function outcomeFactsOf(
  db: Queryable,
  memberIds: readonly string[],
  from: Date,
  before: Date,
): Promise<OutcomeFact[]> {
  const cases = await repo.reviewedCasesOfMembers(db, memberIds);
  const ids = cases.map((c) => c.caseId);
  const opinions = await repo.panelOpinions(db, ids);
  const decisions = new Map((await repo.outcomesOf(db, ids)).map((row) => [row.caseId, row]));
  const panelOf = new Map<string, repo.PanelOpinion[]>();
  for (const opinion of opinions)
    panelOf.set(opinion.caseId, [...(panelOf.get(opinion.caseId) ?? []), opinion]);
  return cases.flatMap((kase) => {
    const panel = panelOf.get(kase.caseId) ?? [];
    const decision = decisions.get(kase.caseId);
    const { verdicts } = caseOutcomeOf(
      kase.status,
      panel,
      decision && { diagnosis: decision.diagnosisVerdict, treatment: decision.treatmentVerdict },
    );
    const knownAt = decision ? decision.decidedAt : panel[0]?.completedAt;
    if (!verdicts || !knownAt || knownAt < from || knownAt >= before) return [];
    return [
      {
        memberId: kase.memberId,
        diagnosisChanged: diagnosisChanged(verdicts),
        treatmentChanged: treatmentChanged(verdicts),
      },
    ];
  });
}
