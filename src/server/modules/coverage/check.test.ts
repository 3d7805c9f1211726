import { describe, expect, it } from 'vitest';
import {
  BenefitRulesVersion,
  benefitCategories,
  type BenefitCategory,
  type BenefitRule,
  type CoverRuleCode,
} from '../../../shared/coverage.js';
import {
  checkCover,
  deductibleBorneOf,
  NO_USAGE,
  planYearOf,
  shareOf,
  type CoverCheckInput,
} from './check.js';

/*
 * The cover check, as a table: one plan's rules (worldwide except the USA, in dollars, with a
 * limit, a deductible and co-insurance on most benefits), the same plan in yen and in dirhams, and
 * per row the facts of one treatment and what the plan must answer, with the rules that decided it.
 */

const uncovered = (clause: string): Partial<BenefitRule> => ({ clause, covered: false });

function rulesVersion(currency: string, benefits: Partial<Record<BenefitCategory, Partial<BenefitRule>>>) {
  return BenefitRulesVersion.parse({
    label: '2026.1',
    effectiveFrom: '2026-01-01',
    effectiveTo: '2026-12-31',
    currency,
    planYear: 'membership_anniversary',
    clauses: { membership: '1.1', preExistingConditions: '5.1' },
    areaOfCover: { clause: '1.2', include: ['WORLDWIDE'], exclude: ['US'] },
    exclusions: [{ from: 'O00', to: 'O99', clause: '5.2' }],
    benefits: Object.fromEntries(
      benefitCategories.map((category, index) => [
        category,
        { clause: `3.${index + 1}`, covered: true, ...benefits[category] },
      ]),
    ),
  });
}

const dollars = rulesVersion('USD', {
  outpatient_consultation: {
    annualLimit: { kind: 'money', amount: 500_000 },
    deductible: 10_000,
    coInsurancePercent: 10,
  },
  diagnostics_imaging: {
    annualLimit: { kind: 'money', amount: 300_000 },
    coInsurancePercent: 20,
    preauthorisation: { when: 'above', amount: 100_000 },
  },
  day_case_surgery: {
    annualLimit: { kind: 'money', amount: 2_000_000 },
    coInsurancePercent: 10,
    preauthorisation: { when: 'always' },
    referralRequired: true,
    network: 'direct_billing_network',
  },
  inpatient_surgery: {
    annualLimit: { kind: 'money', amount: 10_000_000 },
    preauthorisation: { when: 'always' },
    waitingPeriodDays: 90,
  },
  cancer_treatment: {
    waitingPeriodDays: 180,
    preauthorisation: { when: 'always' },
    network: 'direct_billing_network',
  },
  physiotherapy: {
    annualLimit: { kind: 'sessions', sessions: 12 },
    coInsurancePercent: 12.5,
    referralRequired: true,
  },
  mental_health: uncovered('3.7'),
  second_opinion: { exclusions: [{ from: 'Z00', to: 'Z99', clause: '3.8.1' }] },
});

const yen = rulesVersion('JPY', {
  outpatient_consultation: {
    annualLimit: { kind: 'money', amount: 300_000 },
    deductible: 5_000,
    coInsurancePercent: 30,
  },
});

const dirhams = rulesVersion('AED', {
  day_case_surgery: {
    annualLimit: { kind: 'money', amount: 7_500_000 },
    coInsurancePercent: 10,
    preauthorisation: { when: 'always' },
    network: 'direct_billing_network',
  },
});

const base: CoverCheckInput = {
  membership: { startDate: '2026-02-15', endDate: null },
  rules: dollars,
  usage: NO_USAGE,
  preExistingConditions: [],
  treatmentDate: '2026-09-10',
  benefit: 'outpatient_consultation',
  icd10: 'M23.5',
  country: 'AE',
  facilityInNetwork: null,
  estimatedCost: { amount: 50_000, currency: 'USD' },
  sessions: 1,
};

interface Row {
  story: string;
  facts: Partial<CoverCheckInput>;
  outcome: string;
  planPays: number;
  memberPays?: number;
  /** Rule codes that must be among those that decided it. */
  rules?: CoverRuleCode[];
  left?: number;
}

const usage = (planPaid: number, deductibleBorne = 0, sessions = 0) => ({
  planPaid,
  deductibleBorne,
  sessions,
});
const cost = (amount: number, currency = 'USD') => ({ amount, currency });

const rows: Row[] = [
  // Membership and rules in force.
  {
    story: 'a consultation: the deductible first, then 10 % co-insurance',
    facts: {},
    outcome: 'covered',
    planPays: 36_000,
    memberPays: 14_000,
    rules: [
      'membership_in_force',
      'area_inside',
      'benefit_covered',
      'deductible',
      'co_insurance',
      'limit_money',
    ],
    left: 464_000,
  },
  {
    story: 'treatment on the membership’s first day',
    facts: { treatmentDate: '2026-02-15' },
    outcome: 'covered',
    planPays: 36_000,
  },
  {
    story: 'treatment the day before the membership starts',
    facts: { treatmentDate: '2026-02-14' },
    outcome: 'not_covered',
    planPays: 0,
    memberPays: 50_000,
    rules: ['membership_not_in_force'],
  },
  {
    story: 'a plan that lapses before the treatment date',
    facts: { membership: { startDate: '2026-02-15', endDate: '2026-08-31' } },
    outcome: 'not_covered',
    planPays: 0,
    rules: ['membership_not_in_force'],
  },
  {
    story: 'treatment on the last day of a lapsing membership',
    facts: { membership: { startDate: '2026-02-15', endDate: '2026-09-10' } },
    outcome: 'covered',
    planPays: 36_000,
  },
  {
    story: 'treatment after the rules version ends',
    facts: { treatmentDate: '2027-01-01', membership: { startDate: '2025-01-01', endDate: null } },
    outcome: 'not_covered',
    planPays: 0,
    rules: ['rules_not_in_force'],
  },
  // Area of cover.
  {
    story: 'a country outside the area of cover (the USA is excluded)',
    facts: { country: 'US' },
    outcome: 'not_covered',
    planPays: 0,
    rules: ['area_outside'],
  },
  {
    story: 'a neighbour of the excluded country is inside',
    facts: { country: 'CA' },
    outcome: 'covered',
    planPays: 36_000,
    rules: ['area_inside'],
  },
  // Benefits on and off the plan.
  {
    story: 'a benefit the plan does not cover',
    facts: { benefit: 'mental_health', icd10: 'F32.1' },
    outcome: 'not_covered',
    planPays: 0,
    rules: ['benefit_not_covered'],
  },
  {
    story: 'a benefit without limit, deductible or co-insurance pays all',
    facts: { benefit: 'second_opinion', icd10: 'C50.4', estimatedCost: cost(75_000) },
    outcome: 'covered',
    planPays: 75_000,
    memberPays: 0,
  },
  // Waiting periods.
  {
    story: 'the last day of a 90-day waiting period',
    facts: { benefit: 'inpatient_surgery', treatmentDate: '2026-05-15', estimatedCost: cost(800_000) },
    outcome: 'not_covered',
    planPays: 0,
    rules: ['waiting_period'],
  },
  {
    story: 'the first day after the 90-day waiting period',
    facts: { benefit: 'inpatient_surgery', treatmentDate: '2026-05-16', estimatedCost: cost(800_000) },
    outcome: 'covered_after_preauthorisation',
    planPays: 800_000,
    rules: ['waiting_period_over', 'preauthorisation_always'],
  },
  {
    story: 'cancer treatment inside its 180-day waiting period and outside the network',
    facts: {
      benefit: 'cancer_treatment',
      icd10: 'C50.4',
      facilityInNetwork: false,
      treatmentDate: '2026-07-01',
    },
    outcome: 'not_covered',
    planPays: 0,
    rules: ['waiting_period', 'network_outside'],
  },
  // Excluded conditions.
  {
    story: 'a condition the plan excludes everywhere (pregnancy)',
    facts: { icd10: 'O24.4' },
    outcome: 'not_covered',
    planPays: 0,
    rules: ['excluded_condition'],
  },
  {
    story: 'the last code of an excluded range is excluded',
    facts: { icd10: 'O99.8' },
    outcome: 'not_covered',
    planPays: 0,
    rules: ['excluded_condition'],
  },
  {
    story: 'the code just before an excluded range is covered',
    facts: { icd10: 'N99.9' },
    outcome: 'covered',
    planPays: 36_000,
  },
  {
    story: 'the code just after an excluded range is covered',
    facts: { icd10: 'P00' },
    outcome: 'covered',
    planPays: 36_000,
  },
  {
    story: 'a benefit’s own exclusion (a second opinion on a check-up)',
    facts: { benefit: 'second_opinion', icd10: 'Z00.0' },
    outcome: 'not_covered',
    planPays: 0,
    rules: ['excluded_condition'],
  },
  {
    story: 'a declared pre-existing condition of the member',
    facts: { preExistingConditions: [{ from: 'M23', to: 'M23.9' }] },
    outcome: 'not_covered',
    planPays: 0,
    rules: ['pre_existing_condition'],
  },
  {
    story: 'a condition next to a declared one is covered',
    facts: { preExistingConditions: [{ from: 'M17', to: 'M17' }], icd10: 'M18.0' },
    outcome: 'covered',
    planPays: 36_000,
  },
  // Network.
  {
    story: 'a direct-billing benefit at a network facility, pre-authorisation needed',
    facts: { benefit: 'day_case_surgery', facilityInNetwork: true, estimatedCost: cost(400_000) },
    outcome: 'covered_after_preauthorisation',
    planPays: 360_000,
    memberPays: 40_000,
    rules: ['network_in', 'co_insurance', 'referral_required', 'preauthorisation_always'],
  },
  {
    story: 'a direct-billing benefit outside the network',
    facts: { benefit: 'day_case_surgery', facilityInNetwork: false, estimatedCost: cost(400_000) },
    outcome: 'not_covered',
    planPays: 0,
    rules: ['network_outside'],
  },
  {
    story: 'a direct-billing benefit before a facility is chosen',
    facts: { benefit: 'day_case_surgery', estimatedCost: cost(400_000) },
    outcome: 'covered_after_preauthorisation',
    planPays: 360_000,
    rules: ['network_to_confirm'],
  },
  {
    story: 'any provider: the network does not matter',
    facts: { facilityInNetwork: false },
    outcome: 'covered',
    planPays: 36_000,
    rules: ['network_any_provider'],
  },
  // Deductible.
  {
    story: 'a deductible larger than the cost: the member pays all of it',
    facts: { estimatedCost: cost(8_000) },
    outcome: 'partly_covered',
    planPays: 0,
    memberPays: 8_000,
    rules: ['deductible_covers_cost'],
  },
  {
    story: 'a cost equal to the deductible',
    facts: { estimatedCost: cost(10_000) },
    outcome: 'partly_covered',
    planPays: 0,
    memberPays: 10_000,
    rules: ['deductible_covers_cost'],
  },
  {
    story: 'one cent above the deductible: the cent is shared 90/10, the member’s share rounds to 0',
    facts: { estimatedCost: cost(10_001) },
    outcome: 'covered',
    planPays: 1,
    memberPays: 10_000,
  },
  {
    story: 'the deductible partly borne earlier this plan year',
    facts: { usage: usage(0, 6_000) },
    outcome: 'covered',
    planPays: 41_400,
    memberPays: 8_600,
  },
  {
    story: 'the deductible borne in full earlier this plan year',
    facts: { usage: usage(20_000, 10_000) },
    outcome: 'covered',
    planPays: 45_000,
    memberPays: 5_000,
  },
  // Limits in money.
  {
    story: 'the limit reached to the cent: nothing left',
    facts: { usage: usage(500_000, 10_000) },
    outcome: 'not_covered',
    planPays: 0,
    rules: ['limit_exhausted'],
  },
  {
    story: 'one cent left of the limit',
    facts: { usage: usage(499_999, 10_000) },
    outcome: 'partly_covered',
    planPays: 1,
    memberPays: 49_999,
    rules: ['limit_capped'],
    left: 0,
  },
  {
    story: 'exactly what is left of the limit',
    facts: { usage: usage(455_000, 10_000) },
    outcome: 'covered',
    planPays: 45_000,
    left: 0,
  },
  {
    story: 'a cost above what is left: the plan pays what is left',
    facts: { usage: usage(480_000, 10_000) },
    outcome: 'partly_covered',
    planPays: 20_000,
    memberPays: 30_000,
    rules: ['limit_capped'],
  },
  // Pre-authorisation above an amount.
  {
    story: 'imaging at the pre-authorisation threshold: none needed',
    facts: { benefit: 'diagnostics_imaging', estimatedCost: cost(100_000) },
    outcome: 'covered',
    planPays: 80_000,
  },
  {
    story: 'imaging one cent above the threshold: pre-authorisation needed',
    facts: { benefit: 'diagnostics_imaging', estimatedCost: cost(100_001) },
    outcome: 'covered_after_preauthorisation',
    planPays: 80_001,
    memberPays: 20_000,
    rules: ['preauthorisation_above'],
  },
  {
    story: 'imaging above the threshold and above the limit left: partly covered, still to pre-authorise',
    facts: { benefit: 'diagnostics_imaging', estimatedCost: cost(200_000), usage: usage(250_000) },
    outcome: 'partly_covered',
    planPays: 50_000,
    memberPays: 150_000,
    rules: ['limit_capped', 'preauthorisation_above'],
  },
  // Sessions limits.
  {
    story: 'physiotherapy: 4 sessions of 12, co-insurance 12.5 %',
    facts: { benefit: 'physiotherapy', estimatedCost: cost(40_000), sessions: 4 },
    outcome: 'covered',
    planPays: 35_000,
    memberPays: 5_000,
    rules: ['limit_sessions', 'referral_required'],
    left: 8,
  },
  {
    story: 'physiotherapy: the last session of the limit',
    facts: { benefit: 'physiotherapy', estimatedCost: cost(10_000), usage: usage(0, 0, 11) },
    outcome: 'covered',
    planPays: 8_750,
    left: 0,
  },
  {
    story: 'physiotherapy: every session used',
    facts: { benefit: 'physiotherapy', estimatedCost: cost(10_000), usage: usage(0, 0, 12) },
    outcome: 'not_covered',
    planPays: 0,
    rules: ['limit_exhausted'],
  },
  {
    story: 'physiotherapy: 3 sessions asked, 2 left, cost shared pro rata',
    facts: { benefit: 'physiotherapy', estimatedCost: cost(10_000), sessions: 3, usage: usage(0, 0, 10) },
    outcome: 'partly_covered',
    // 10,000 × 2 / 3 = 6,666.67 → 6,667 eligible; 12.5 % of it = 833.375 → 833 for the member.
    planPays: 5_834,
    memberPays: 4_166,
    rules: ['sessions_capped'],
    left: 0,
  },
  // Currencies.
  {
    story: 'yen have no minor unit: 30 % of ¥12,345 rounds half up after the deductible',
    facts: { rules: yen, estimatedCost: cost(12_345, 'JPY') },
    outcome: 'covered',
    // 12,345 − 5,000 = 7,345; 30 % = 2,203.5 → 2,204 for the member.
    planPays: 5_141,
    memberPays: 7_204,
  },
  {
    story: 'yen: a half yen of co-insurance rounds up for the member',
    facts: { rules: yen, estimatedCost: cost(5_005, 'JPY') },
    outcome: 'covered',
    // 5 yen after the deductible; 30 % = 1.5 → 2.
    planPays: 3,
    memberPays: 5_002,
  },
  {
    story: 'yen: the limit reached to the yen',
    facts: { rules: yen, estimatedCost: cost(10_000, 'JPY'), usage: usage(300_000, 5_000) },
    outcome: 'not_covered',
    planPays: 0,
    rules: ['limit_exhausted'],
  },
  {
    story: 'dirhams: day surgery in Dubai at a direct-billing hospital pays all but the co-insurance',
    facts: {
      rules: dirhams,
      benefit: 'day_case_surgery',
      icd10: 'S83.5',
      facilityInNetwork: true,
      estimatedCost: cost(1_850_000, 'AED'),
    },
    outcome: 'covered_after_preauthorisation',
    planPays: 1_665_000,
    memberPays: 185_000,
    rules: ['network_in', 'co_insurance', 'preauthorisation_always'],
    left: 5_835_000,
  },
];

describe('the cover check', () => {
  it('has the table this decision deserves', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  it.each(rows)('$story', (row) => {
    const result = checkCover({ ...base, ...row.facts });
    expect(result.outcome).toBe(row.outcome);
    expect(result.planPays).toBe(row.planPays);
    if (row.memberPays !== undefined) expect(result.memberPays).toBe(row.memberPays);
    expect(result.planPays + result.memberPays).toBe(result.estimatedCost);
    const codes = result.rules.map((entry) => entry.code);
    for (const code of row.rules ?? []) expect(codes).toContain(code);
    if (row.left !== undefined) {
      const left = result.limitLeftAfter;
      expect(left?.kind === 'money' ? left.amount : left?.sessions).toBe(row.left);
    }
    if (result.outcome === 'not_covered') {
      expect(result.rules.length).toBeGreaterThan(0);
      expect(result.rules.every((entry) => entry.effect === 'excludes')).toBe(true);
    }
  });

  it('names the clause of the policy wording and the words of each rule', () => {
    const result = checkCover({ ...base, country: 'US', icd10: 'O24.4' });
    expect(result.rules).toEqual([
      {
        clause: '1.2',
        code: 'area_outside',
        key: 'coverage.rule.area_outside',
        effect: 'excludes',
        values: { country: 'US' },
      },
      {
        clause: '5.2',
        code: 'excluded_condition',
        key: 'coverage.rule.excluded_condition',
        effect: 'excludes',
        values: { from: 'O00', to: 'O99' },
      },
    ]);
  });

  it('gives money values in the plan’s currency', () => {
    const result = checkCover({
      ...base,
      rules: dirhams,
      benefit: 'day_case_surgery',
      facilityInNetwork: true,
    });
    const limit = result.rules.find((entry) => entry.code === 'limit_money');
    expect(limit?.values['left']).toEqual({ amount: 7_500_000, currency: 'AED' });
  });
});

describe('the deductible an approval records in the ledger', () => {
  it('is what the deductible rule applied, the whole cost when the deductible took it, or nothing', () => {
    expect(deductibleBorneOf(checkCover(base))).toBe(10_000);
    expect(deductibleBorneOf(checkCover({ ...base, usage: usage(0, 4_000) }))).toBe(6_000);
    expect(deductibleBorneOf(checkCover({ ...base, estimatedCost: cost(8_000) }))).toBe(8_000);
    expect(deductibleBorneOf(checkCover({ ...base, usage: usage(0, 10_000) }))).toBe(0);
    expect(deductibleBorneOf(checkCover({ ...base, country: 'US' }))).toBe(0);
  });
});

describe('the plan year', () => {
  it('runs from the membership’s anniversary', () => {
    expect(planYearOf('membership_anniversary', '2024-03-15', '2026-03-14')).toEqual({
      start: '2025-03-15',
      end: '2026-03-14',
    });
    expect(planYearOf('membership_anniversary', '2024-03-15', '2026-03-15')).toEqual({
      start: '2026-03-15',
      end: '2027-03-14',
    });
  });

  it('starts a 29 February membership on 28 February in other years', () => {
    expect(planYearOf('membership_anniversary', '2024-02-29', '2026-02-28').start).toBe('2026-02-28');
    expect(planYearOf('membership_anniversary', '2024-02-29', '2026-02-27').end).toBe('2026-02-27');
  });

  it('or follows the calendar', () => {
    expect(planYearOf('calendar', '2024-03-15', '2026-07-01')).toEqual({
      start: '2026-01-01',
      end: '2026-12-31',
    });
  });
});

describe('the rounding rule', () => {
  it('rounds a share half up to the smallest unit, exactly for large amounts', () => {
    expect(shareOf(5, 3_000, 10_000)).toBe(2);
    expect(shareOf(4, 3_000, 10_000)).toBe(1);
    expect(shareOf(9_007_199_254_740_991, 1, 3)).toBe(3_002_399_751_580_330);
  });
});
