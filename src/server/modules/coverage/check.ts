import {
  icd10InRange,
  inAreaOfCover,
  type BenefitCategory,
  type BenefitRulesVersion,
  type CoverCheckResult,
  type CoverOutcome,
  type CoverRule,
  type CoverRuleCode,
  type CoverRuleValue,
  type Icd10Range,
  type Money,
} from '../../../shared/coverage.js';

/*
 * The cover check: whether the plan pays for a treatment, how much, and every rule that decided
 * it. A pure function of its input (no database, no clock), so that the same facts always give the
 * same answer and the table in check.test.ts can hold every boundary. The decision order and the
 * rounding rule are written in docs/coverage.md.
 *
 * Rounding: all amounts are integers of the currency's smallest unit. The member's co-insurance
 * share (and a pro-rata share when a sessions limit runs out) is rounded half up to that unit;
 * the plan pays the rest, so what the plan pays and what the member pays always add up to the cost.
 */

/** What has been used of a benefit's limit in the plan year (the usage ledger's sums). */
export interface BenefitUsage {
  /** What the plan has paid or approved for this benefit this plan year (minor units). */
  planPaid: number;
  /** What the member has borne of the deductible this plan year (minor units). */
  deductibleBorne: number;
  sessions: number;
}

export const NO_USAGE: BenefitUsage = { planPaid: 0, deductibleBorne: 0, sessions: 0 };

export interface CoverCheckInput {
  membership: { startDate: string; endDate: string | null };
  rules: BenefitRulesVersion;
  usage: BenefitUsage;
  /** The member's declared pre-existing conditions, excluded from cover. */
  preExistingConditions: readonly Icd10Range[];
  treatmentDate: string;
  benefit: BenefitCategory;
  icd10: string;
  country: string;
  /** Whether the facility bills the insurer directly; null when no facility is chosen yet. */
  facilityInNetwork: boolean | null;
  estimatedCost: Money;
  /** How many sessions the estimate is for (a sessions limit counts them). */
  sessions: number;
}

const DAY_MS = 86_400_000;
const toDay = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const addDays = (date: string, days: number): string => fromDay(toDay(date) + days);

/** The same day of the month a number of years on; 29 February becomes 28 February in other years. */
function sameDayInYear(date: string, year: number): string {
  const month = Number(date.slice(5, 7));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  return `${String(year).padStart(4, '0')}-${date.slice(5, 8)}${String(day).padStart(2, '0')}`;
}

/**
 * The plan year holding a date: from the membership's anniversary on or before it (or 1 January),
 * to the day before the next one. Limits and deductibles start again each plan year.
 */
export function planYearOf(
  basis: BenefitRulesVersion['planYear'],
  membershipStart: string,
  date: string,
): { start: string; end: string } {
  const year = Number(date.slice(0, 4));
  const anchor = basis === 'calendar' ? '2000-01-01' : membershipStart;
  let start = sameDayInYear(anchor, year);
  if (start > date) start = sameDayInYear(anchor, year - 1);
  const next = sameDayInYear(anchor, Number(start.slice(0, 4)) + 1);
  return { start, end: addDays(next, -1) };
}

/** amount × numerator ÷ denominator, rounded half up to a whole minor unit (exact, in BigInt). */
export function shareOf(amount: number, numerator: number, denominator: number): number {
  const scaled = BigInt(amount) * BigInt(numerator) * 2n + BigInt(denominator);
  return Number(scaled / (2n * BigInt(denominator)));
}

const rule = (
  clause: string,
  code: CoverRuleCode,
  effect: CoverRule['effect'],
  values: Record<string, CoverRuleValue> = {},
): CoverRule => ({ clause, code, key: `coverage.rule.${code}`, effect, values });

/** Decides the cover of one treatment. The input is trusted: the service checks it first. */
export function checkCover(input: CoverCheckInput): CoverCheckResult {
  const { rules, membership, treatmentDate, estimatedCost } = input;
  const currency = rules.currency;
  const money = (amount: number): Money => ({ amount, currency });
  const cost = estimatedCost.amount;
  const decided: CoverRule[] = [];
  const base = {
    benefit: input.benefit,
    currency,
    estimatedCost: cost,
    rulesVersion: { label: rules.label, effectiveFrom: rules.effectiveFrom },
  };
  const notCovered = (planYear: CoverCheckResult['planYear']): CoverCheckResult => ({
    ...base,
    outcome: 'not_covered',
    planPays: 0,
    memberPays: cost,
    limitLeftAfter: null,
    referralRequired: false,
    preauthorisationRequired: false,
    planYear,
    rules: decided.filter((entry) => entry.effect === 'excludes'),
  });

  // 1. The membership is in force on the treatment date, and so is this version of the rules.
  const membershipValues = { from: membership.startDate, to: membership.endDate ?? '' };
  if (
    treatmentDate < membership.startDate ||
    (membership.endDate !== null && treatmentDate > membership.endDate)
  ) {
    decided.push(rule(rules.clauses.membership, 'membership_not_in_force', 'excludes', membershipValues));
    return notCovered(null);
  }
  decided.push(rule(rules.clauses.membership, 'membership_in_force', 'allows', membershipValues));
  if (
    treatmentDate < rules.effectiveFrom ||
    (rules.effectiveTo !== null && treatmentDate > rules.effectiveTo)
  ) {
    decided.push(
      rule(rules.clauses.membership, 'rules_not_in_force', 'excludes', {
        from: rules.effectiveFrom,
        to: rules.effectiveTo ?? '',
      }),
    );
    return notCovered(null);
  }
  const planYear = planYearOf(rules.planYear, membership.startDate, treatmentDate);

  // 2. The benefit is on the plan at all.
  const benefit = rules.benefits[input.benefit];
  if (!benefit.covered) {
    decided.push(rule(benefit.clause, 'benefit_not_covered', 'excludes', { benefit: input.benefit }));
    return notCovered(planYear);
  }
  decided.push(rule(benefit.clause, 'benefit_covered', 'allows', { benefit: input.benefit }));

  // 3. Every condition of cover; each one that fails is reported, not only the first.
  const area = rules.areaOfCover;
  decided.push(
    inAreaOfCover(area, input.country)
      ? rule(area.clause, 'area_inside', 'allows', { country: input.country })
      : rule(area.clause, 'area_outside', 'excludes', { country: input.country }),
  );
  if (benefit.waitingPeriodDays > 0) {
    const firstDay = addDays(membership.startDate, benefit.waitingPeriodDays);
    const values = { days: benefit.waitingPeriodDays, from: firstDay };
    decided.push(
      treatmentDate < firstDay
        ? rule(benefit.clause, 'waiting_period', 'excludes', values)
        : rule(benefit.clause, 'waiting_period_over', 'allows', values),
    );
  }
  for (const exclusion of [...rules.exclusions, ...benefit.exclusions]) {
    if (icd10InRange(input.icd10, exclusion))
      decided.push(
        rule(exclusion.clause, 'excluded_condition', 'excludes', { from: exclusion.from, to: exclusion.to }),
      );
  }
  for (const condition of input.preExistingConditions) {
    if (icd10InRange(input.icd10, condition))
      decided.push(
        rule(rules.clauses.preExistingConditions, 'pre_existing_condition', 'excludes', {
          from: condition.from,
          to: condition.to,
        }),
      );
  }
  if (benefit.network === 'any_provider') {
    decided.push(rule(benefit.clause, 'network_any_provider', 'allows'));
  } else if (input.facilityInNetwork === null) {
    decided.push(rule(benefit.clause, 'network_to_confirm', 'requires'));
  } else {
    decided.push(
      input.facilityInNetwork
        ? rule(benefit.clause, 'network_in', 'allows')
        : rule(benefit.clause, 'network_outside', 'excludes'),
    );
  }

  // 4. What is left of the annual limit this plan year.
  const limit = benefit.annualLimit;
  const { usage } = input;
  const moneyLeft = limit?.kind === 'money' ? Math.max(0, limit.amount - usage.planPaid) : null;
  const sessionsLeft = limit?.kind === 'sessions' ? Math.max(0, limit.sessions - usage.sessions) : null;
  if (limit?.kind === 'money') {
    decided.push(
      rule(benefit.clause, 'limit_money', 'limits', {
        limit: money(limit.amount),
        used: money(Math.min(usage.planPaid, limit.amount)),
        left: money(moneyLeft!),
      }),
    );
  } else if (limit?.kind === 'sessions') {
    decided.push(
      rule(benefit.clause, 'limit_sessions', 'limits', {
        limit: limit.sessions,
        used: Math.min(usage.sessions, limit.sessions),
        left: sessionsLeft!,
      }),
    );
  }
  if (moneyLeft === 0 || sessionsLeft === 0) {
    decided.push(rule(benefit.clause, 'limit_exhausted', 'excludes'));
  }
  if (decided.some((entry) => entry.effect === 'excludes')) return notCovered(planYear);

  // 5. The money: a sessions limit, the deductible, co-insurance, then a money limit.
  let capped = false;
  let eligible = cost;
  let sessionsCovered = input.sessions;
  if (sessionsLeft !== null && input.sessions > sessionsLeft) {
    eligible = shareOf(cost, sessionsLeft, input.sessions);
    sessionsCovered = sessionsLeft;
    capped = true;
    decided.push(
      rule(benefit.clause, 'sessions_capped', 'limits', {
        asked: input.sessions,
        covered: sessionsLeft,
        amount: money(eligible),
      }),
    );
  }
  const deductibleLeft = Math.max(0, benefit.deductible - usage.deductibleBorne);
  const deductible = Math.min(eligible, deductibleLeft);
  if (benefit.deductible > 0) {
    decided.push(
      eligible <= deductibleLeft
        ? rule(benefit.clause, 'deductible_covers_cost', 'limits', {
            deductible: money(benefit.deductible),
            left: money(deductibleLeft),
          })
        : rule(benefit.clause, 'deductible', 'limits', {
            deductible: money(benefit.deductible),
            applied: money(deductible),
          }),
    );
  }
  const afterDeductible = eligible - deductible;
  const basisPoints = Math.round(benefit.coInsurancePercent * 100);
  const coInsurance = shareOf(afterDeductible, basisPoints, 10_000);
  if (basisPoints > 0 && afterDeductible > 0) {
    decided.push(
      rule(benefit.clause, 'co_insurance', 'limits', {
        percent: benefit.coInsurancePercent,
        amount: money(coInsurance),
      }),
    );
  }
  let planPays = afterDeductible - coInsurance;
  if (moneyLeft !== null && planPays > moneyLeft) {
    decided.push(
      rule(benefit.clause, 'limit_capped', 'limits', { left: money(moneyLeft), amount: money(planPays) }),
    );
    planPays = moneyLeft;
    capped = true;
  }

  // 6. What the plan asks before it pays.
  if (benefit.referralRequired) decided.push(rule(benefit.clause, 'referral_required', 'requires'));
  const preauthorisation = benefit.preauthorisation;
  const preauthorisationRequired =
    preauthorisation.when === 'always' ||
    (preauthorisation.when === 'above' && cost > preauthorisation.amount);
  if (preauthorisation.when === 'always') {
    decided.push(rule(benefit.clause, 'preauthorisation_always', 'requires'));
  } else if (preauthorisationRequired && preauthorisation.when === 'above') {
    decided.push(
      rule(benefit.clause, 'preauthorisation_above', 'requires', { amount: money(preauthorisation.amount) }),
    );
  }

  const outcome: CoverOutcome =
    capped || planPays === 0
      ? 'partly_covered'
      : preauthorisationRequired
        ? 'covered_after_preauthorisation'
        : 'covered';
  return {
    ...base,
    outcome,
    planPays,
    memberPays: cost - planPays,
    limitLeftAfter:
      moneyLeft !== null
        ? { kind: 'money', amount: moneyLeft - planPays }
        : sessionsLeft !== null
          ? { kind: 'sessions', sessions: sessionsLeft - sessionsCovered }
          : null,
    referralRequired: benefit.referralRequired,
    preauthorisationRequired,
    planYear,
    rules: decided,
  };
}

/**
 * What the member bears of the deductible in a check's answer (minor units): what its deductible
 * rule applied, or, when the deductible took the whole cost the plan would have covered, that cost
 * (the share a sessions limit left, or the estimate). What the approval of a pre-authorisation
 * records in the usage ledger beside what the plan pays, so the next check asks for less of it.
 */
export function deductibleBorneOf(result: CoverCheckResult): number {
  const amountOf = (value: CoverRuleValue | undefined) =>
    typeof value === 'object' ? value.amount : undefined;
  for (const decided of result.rules) {
    if (decided.code === 'deductible') return amountOf(decided.values.applied) ?? 0;
    if (decided.code === 'deductible_covers_cost') {
      const capped = result.rules.find((other) => other.code === 'sessions_capped');
      return amountOf(capped?.values.amount) ?? result.estimatedCost;
    }
  }
  return 0;
}
