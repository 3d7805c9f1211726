import type { z } from 'zod';
import { BENEFIT_RULES_FORMAT, type BenefitRulesFile } from '../../shared/coverage.js';

/*
 * The demo plans' benefit rules, as an insurer would write them in the rules file (the demo
 * imports them as operations would, `coverage import --kind benefits`). Three currencies: the
 * individual plan in UAE dirhams, the family and company plans in euros, the hospital plan in US
 * dollars. Amounts are minor units: AED 75,000.00 is 7500000.
 */

type RulesFileInput = z.input<typeof BenefitRulesFile>;
type VersionInput = RulesFileInput['plans'][number]['versions'][number];
type BenefitsInput = VersionInput['benefits'];

const notCovered = (clause: string) => ({ clause, covered: false });

const globalIndividual = (limitScale: number): BenefitsInput => ({
  outpatient_consultation: {
    clause: '3.1',
    covered: true,
    annualLimit: { kind: 'money', amount: 1_500_000 * limitScale },
    deductible: 25_000,
    coInsurancePercent: 10,
  },
  diagnostics_imaging: {
    clause: '3.2',
    covered: true,
    annualLimit: { kind: 'money', amount: 2_500_000 * limitScale },
    coInsurancePercent: 10,
    preauthorisation: { when: 'above', amount: 500_000 },
  },
  day_case_surgery: {
    clause: '3.3',
    covered: true,
    annualLimit: { kind: 'money', amount: 7_500_000 * limitScale },
    coInsurancePercent: 10,
    referralRequired: true,
    preauthorisation: { when: 'always' },
    network: 'direct_billing_network',
  },
  inpatient_surgery: {
    clause: '3.4',
    covered: true,
    annualLimit: { kind: 'money', amount: 75_000_000 * limitScale },
    coInsurancePercent: 10,
    referralRequired: true,
    preauthorisation: { when: 'always' },
    waitingPeriodDays: 90,
    network: 'direct_billing_network',
  },
  cancer_treatment: {
    clause: '3.5',
    covered: true,
    preauthorisation: { when: 'always' },
    waitingPeriodDays: 180,
    network: 'direct_billing_network',
  },
  physiotherapy: {
    clause: '3.6',
    covered: true,
    annualLimit: { kind: 'sessions', sessions: 15 },
    coInsurancePercent: 20,
    referralRequired: true,
  },
  mental_health: {
    clause: '3.7',
    covered: true,
    annualLimit: { kind: 'sessions', sessions: 10 },
    coInsurancePercent: 20,
    waitingPeriodDays: 180,
  },
  second_opinion: { clause: '3.8', covered: true },
});

const europeanBenefits = (currencyLimits: { outpatient: number; surgery: number }): BenefitsInput => ({
  outpatient_consultation: {
    clause: 'B1',
    covered: true,
    annualLimit: { kind: 'money', amount: currencyLimits.outpatient },
    deductible: 15_000,
    coInsurancePercent: 20,
  },
  diagnostics_imaging: {
    clause: 'B2',
    covered: true,
    annualLimit: { kind: 'money', amount: currencyLimits.outpatient },
    coInsurancePercent: 20,
    preauthorisation: { when: 'above', amount: 100_000 },
  },
  day_case_surgery: {
    clause: 'B3',
    covered: true,
    annualLimit: { kind: 'money', amount: currencyLimits.surgery },
    coInsurancePercent: 10,
    preauthorisation: { when: 'always' },
  },
  inpatient_surgery: {
    clause: 'B4',
    covered: true,
    annualLimit: { kind: 'money', amount: currencyLimits.surgery * 4 },
    preauthorisation: { when: 'always' },
    waitingPeriodDays: 60,
  },
  cancer_treatment: { clause: 'B5', covered: true, preauthorisation: { when: 'always' } },
  physiotherapy: {
    clause: 'B6',
    covered: true,
    annualLimit: { kind: 'sessions', sessions: 20 },
    coInsurancePercent: 20,
  },
  mental_health: notCovered('B7'),
  second_opinion: { clause: 'B8', covered: true },
});

const hospitalOnly: BenefitsInput = {
  outpatient_consultation: notCovered('2.1'),
  diagnostics_imaging: {
    clause: '2.2',
    covered: true,
    annualLimit: { kind: 'money', amount: 500_000 },
    deductible: 50_000,
    preauthorisation: { when: 'always' },
  },
  day_case_surgery: {
    clause: '2.3',
    covered: true,
    annualLimit: { kind: 'money', amount: 2_500_000 },
    deductible: 50_000,
    coInsurancePercent: 20,
    preauthorisation: { when: 'always' },
    network: 'direct_billing_network',
  },
  inpatient_surgery: {
    clause: '2.4',
    covered: true,
    annualLimit: { kind: 'money', amount: 25_000_000 },
    deductible: 50_000,
    preauthorisation: { when: 'always' },
    waitingPeriodDays: 90,
    network: 'direct_billing_network',
  },
  cancer_treatment: {
    clause: '2.5',
    covered: true,
    annualLimit: { kind: 'money', amount: 50_000_000 },
    preauthorisation: { when: 'always' },
    waitingPeriodDays: 365,
  },
  physiotherapy: notCovered('2.6'),
  mental_health: notCovered('2.7'),
  second_opinion: notCovered('2.8'),
};

const pregnancy = { from: 'O00', to: 'O99', clause: '5.3' };
const cosmetic = { from: 'Z41', to: 'Z41.9', clause: '5.4' };

export const demoBenefitRules: RulesFileInput = {
  format: BENEFIT_RULES_FORMAT,
  plans: [
    {
      planCode: 'MHI-GLOBAL-IND',
      versions: [
        {
          label: '2025',
          effectiveFrom: '2020-01-01',
          effectiveTo: '2025-12-31',
          currency: 'AED',
          clauses: { membership: '1.1', preExistingConditions: '5.1' },
          areaOfCover: { clause: '1.2', include: ['WORLDWIDE'], exclude: ['US'] },
          exclusions: [pregnancy, cosmetic],
          benefits: globalIndividual(1),
        },
        {
          label: '2026',
          effectiveFrom: '2026-01-01',
          currency: 'AED',
          clauses: { membership: '1.1', preExistingConditions: '5.1' },
          areaOfCover: { clause: '1.2', include: ['WORLDWIDE'], exclude: ['US'] },
          exclusions: [pregnancy, cosmetic],
          benefits: globalIndividual(2),
        },
      ],
    },
    {
      planCode: 'MHI-GLOBAL-FAM',
      versions: [
        {
          label: '2026',
          effectiveFrom: '2020-01-01',
          currency: 'EUR',
          planYear: 'calendar',
          clauses: { membership: 'A1', preExistingConditions: 'E2' },
          areaOfCover: { clause: 'A2', include: ['WORLDWIDE'], exclude: ['US', 'CA'] },
          exclusions: [{ ...cosmetic, clause: 'E4' }],
          benefits: europeanBenefits({ outpatient: 500_000, surgery: 2_000_000 }),
        },
      ],
    },
    {
      planCode: 'MHI-COMPANY',
      versions: [
        {
          label: '2026',
          effectiveFrom: '2020-01-01',
          currency: 'EUR',
          planYear: 'calendar',
          clauses: { membership: 'A1', preExistingConditions: 'E2' },
          // Europe only: a treatment elsewhere is not covered, and the check says why.
          areaOfCover: { clause: 'A2', include: ['continent:EU'], exclude: [] },
          exclusions: [{ ...cosmetic, clause: 'E4' }],
          benefits: europeanBenefits({ outpatient: 300_000, surgery: 1_500_000 }),
        },
      ],
    },
    {
      planCode: 'MHI-HOSPITAL-ONLY',
      versions: [
        {
          label: '2026',
          effectiveFrom: '2020-01-01',
          currency: 'USD',
          clauses: { membership: '1', preExistingConditions: '6.1' },
          areaOfCover: { clause: '1.3', include: ['WORLDWIDE'] },
          exclusions: [pregnancy],
          benefits: hospitalOnly,
        },
      ],
    },
  ],
};

/** What the demo members have used this year: a paid claim of Amira's (the claims file the insurer sends). */
export const demoPaidClaims = [
  'reference,membership_number,benefit,service_date,currency,plan_paid,deductible_borne,sessions',
  'CLM-2026-000417,MHI-100001,outpatient_consultation,2026-03-02,AED,90000,25000,0',
  'CLM-2026-000932,MHI-100001,physiotherapy,2026-04-20,AED,120000,0,4',
].join('\n');

/** A declared pre-existing condition: Hans's knee osteoarthritis, declared when he joined. */
export const demoDeclaredConditions = [
  'member_number,icd10_from,icd10_to,declared_on',
  'MHI-100007-01,M17,M17.9,2024-04-12',
].join('\n');
