import type { PlanKind, VirtualCareService } from '../../../shared/plans.js';
import { virtualCareServices } from '../../../shared/plans.js';

export interface CoverageFacts {
  membership: { startDate: string; endDate: string | null };
  plan: { kind: PlanKind; services: VirtualCareService[] };
  employer: { addedServices: VirtualCareService[] } | null;
}

export interface ServiceOnPlan {
  service: VirtualCareService;
  /** `plan`: part of the plan product; `employer`: added by the member's employer. */
  source: 'plan' | 'employer';
}

export type MembershipStatus = 'in_force' | 'not_started' | 'lapsed';

export function membershipStatus(facts: CoverageFacts, onDate: string): MembershipStatus {
  if (onDate < facts.membership.startDate) return 'not_started';
  if (facts.membership.endDate !== null && onDate > facts.membership.endDate) return 'lapsed';
  return 'in_force';
}

/** The Virtual Care services a member has, in a stable order, each with where it comes from. */
export function servicesOnPlan(facts: CoverageFacts): ServiceOnPlan[] {
  const fromEmployer = new Set(facts.employer?.addedServices ?? []);
  const fromPlan = new Set(facts.plan.services);
  return virtualCareServices.flatMap((service): ServiceOnPlan[] => {
    if (fromPlan.has(service)) return [{ service, source: 'plan' }];
    if (fromEmployer.has(service)) return [{ service, source: 'employer' }];
    return [];
  });
}

export type EligibilityRefusal = 'eligibility.membership_not_in_force' | 'eligibility.service_not_on_plan';

/** Whether a member may use a service on a given day, and if not, the rule that said no. */
export function eligibilityFor(
  facts: CoverageFacts,
  service: VirtualCareService,
  onDate: string,
): { eligible: true } | { eligible: false; reason: EligibilityRefusal } {
  if (membershipStatus(facts, onDate) !== 'in_force') {
    return { eligible: false, reason: 'eligibility.membership_not_in_force' };
  }
  if (!servicesOnPlan(facts).some((entry) => entry.service === service)) {
    return { eligible: false, reason: 'eligibility.service_not_on_plan' };
  }
  return { eligible: true };
}

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function dateIn(instant: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/** Building a formatter costs far more than using one; there are a few hundred time zones. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
