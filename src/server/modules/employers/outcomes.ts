import type { EmployerHubFigures, HubBreakdown } from '../../../shared/employers.js';
import type { Queryable } from '../../platform/db/index.js';
import { outcomeFactsOf } from '../outcomes/index.js';
import { shareOf, TableFamily, type GroupKeys, type GroupLists } from './figures.js';
import type { Quarter } from './quarters.js';

/*
 * The hub's outcome shares: what the second opinions of the company's people changed, counted
 * from the outcomes room's facts into one family of tables (suppression.ts), so that they are
 * hidden by the same rules as every other measure. The diagnosis and the treatment are two splits
 * of the same cases: one family, so that the total they share is decided once.
 */

const diagnosisRows = ['diagnosis_changed', 'diagnosis_not_changed'] as const;
const treatmentRows = ['treatment_changed', 'treatment_not_changed'] as const;

/** The family of the quarter's outcomes, by every breakdown. */
export async function outcomeFamily(
  db: Queryable,
  quarter: Quarter,
  groupsOf: ReadonlyMap<string, GroupKeys>,
  groups: GroupLists,
): Promise<TableFamily> {
  const facts = await outcomeFactsOf(db, [...groupsOf.keys()], quarter.start, quarter.end);
  return new TableFamily(
    [...diagnosisRows, ...treatmentRows],
    groups,
    facts.map((fact) => ({
      rows: [
        fact.diagnosisChanged ? 'diagnosis_changed' : 'diagnosis_not_changed',
        fact.treatmentChanged ? 'treatment_changed' : 'treatment_not_changed',
      ],
      groups: groupsOf.get(fact.memberId)!,
    })),
    [diagnosisRows, treatmentRows],
  );
}

/** The outcome rows of one breakdown, with the company-wide shares when their counts are shown. */
export function presentOutcomes(
  family: TableFamily,
  breakdown: HubBreakdown,
): EmployerHubFigures['outcomes'] {
  const whole = family.total('none').total;
  return {
    cases: family.total(breakdown),
    diagnosisChanged: family.row('diagnosis_changed', breakdown),
    diagnosisNotChanged: family.row('diagnosis_not_changed', breakdown),
    treatmentChanged: family.row('treatment_changed', breakdown),
    treatmentNotChanged: family.row('treatment_not_changed', breakdown),
    diagnosisChangedShare: shareOf(family.row('diagnosis_changed', 'none').total, whole),
    treatmentChangedShare: shareOf(family.row('treatment_changed', 'none').total, whole),
  };
}
