import type {
  EmployerHubFigures,
  EmployerPlanAddOns,
  HubBreakdown,
  VirtualCareContact,
} from '../../../shared/employers.js';
import { virtualCareServices, type VirtualCareService } from '../../../shared/plans.js';
import type { EmployerPlanSetting } from '../plans/index.js';
import { shareOf } from './figures.js';
import { presentOutcomes } from './outcomes.js';
import type { Quarter } from './quarters.js';
import type { VirtualCareContactRow } from './repo.js';
import type { HubTables } from './service.js';
import { SUPPRESSION_THRESHOLD } from './suppression.js';

/** The figures of one breakdown, read from the families decided as a whole. */
export function presentFigures(input: {
  employer: { id: string; name: string };
  quarter: Quarter;
  breakdown: HubBreakdown;
  tables: HubTables;
}): EmployerHubFigures {
  const { quarter, breakdown, tables } = input;
  const keys = breakdown === 'none' ? [] : tables.groups[breakdown];
  const decided = tables.firstContact.total('none').total;
  const kept = tables.firstContact.row('kept', 'none').total;
  const starRows = (['5', '4', '3', '2', '1'] as const).map(
    (stars) => [stars, tables.reviews.row(stars, 'none').total] as const,
  );
  const distribution = Object.fromEntries(starRows) as EmployerHubFigures['reviews']['distribution'];
  const reviewCount = tables.reviews.total('none').total;
  return {
    employer: { id: input.employer.id, name: input.employer.name },
    quarter: quarter.label,
    period: {
      from: quarter.start.toISOString().slice(0, 10),
      to: new Date(quarter.end.getTime() - 1).toISOString().slice(0, 10),
    },
    breakdown,
    groups: keys.map((key) => ({
      key,
      name: breakdown === 'plan' ? (tables.planNames.get(key) ?? null) : null,
    })),
    threshold: SUPPRESSION_THRESHOLD,
    eligibleMembers: tables.eligible.total(breakdown),
    uptake: {
      service: 'second_medical_opinion',
      months: quarter.months.map((month) => ({ month, row: tables.uptake.row(month, breakdown) })),
      total: tables.uptake.total(breakdown),
    },
    firstContact: {
      kept: tables.firstContact.row('kept', breakdown),
      missed: tables.firstContact.row('missed', breakdown),
      decided: tables.firstContact.total(breakdown),
      keptShare: shareOf(kept, decided),
    },
    reviews: { distribution, count: reviewCount, average: averageOf(starRows, reviewCount) },
    outcomes: presentOutcomes(tables.outcomes, breakdown),
  };
}

/** The average of the stars, only when every star count is shown (else it could give the hidden ones away). */
function averageOf(
  rows: readonly (readonly [string, EmployerHubFigures['reviews']['count']])[],
  count: EmployerHubFigures['reviews']['count'],
): number | null {
  if (count.kind !== 'count' || count.value === 0) return null;
  let total = 0;
  for (const [stars, cell] of rows) {
    if (cell.kind !== 'count') return null;
    total += Number(stars) * cell.value;
  }
  return Math.round((total / count.value) * 10) / 10;
}

/** The services of an employer plan, in the brochure's order, each with where it comes from. */
export function servicesOfPlan(plan: Pick<EmployerPlanSetting, 'includedInPlan' | 'addOns'>) {
  return virtualCareServices.flatMap(
    (service: VirtualCareService): { service: VirtualCareService; source: 'plan' | 'employer' }[] => {
      if (plan.includedInPlan.includes(service)) return [{ service, source: 'plan' }];
      if (plan.addOns.includes(service)) return [{ service, source: 'employer' }];
      return [];
    },
  );
}

export function presentAddOns(plan: EmployerPlanSetting): EmployerPlanAddOns {
  return {
    employerId: plan.employerId,
    employerName: plan.employerName,
    planProductId: plan.planProductId,
    planCode: plan.planCode,
    planName: plan.planName,
    includedInPlan: virtualCareServices.filter((service) => plan.includedInPlan.includes(service)),
    addOns: virtualCareServices.filter((service) => plan.addOns.includes(service)),
    version: plan.version,
  };
}

/** A service's contact, with its page in the member's language (else English, else none). */
export function presentContact(row: VirtualCareContactRow, language: string): VirtualCareContact {
  const base = language.split('-')[0] ?? language;
  return {
    service: row.service,
    phone: row.phone,
    hours:
      row.opens && row.closes && row.days && row.timeZone
        ? { days: row.days, opens: row.opens, closes: row.closes, timeZone: row.timeZone }
        : null,
    url: row.urls[language] ?? row.urls[base] ?? row.urls.en ?? null,
  };
}
