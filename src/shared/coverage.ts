import { continents, countries } from 'countries-list';
import { z } from 'zod';
import { isCountryCode } from './countries.js';

/*
 * What a plan pays for, as data: the benefit rules of a plan product, version by version, in the
 * file format operations import (docs/coverage.md; its JSON Schema is generated from `BenefitRulesFile`
 * and published), and the request and answer of the cover check. Money is always an integer
 * number of the currency's smallest unit (cents, fils; yen have none, so yen), with its ISO 4217
 * code.
 */

export const benefitCategories = [
  'outpatient_consultation',
  'diagnostics_imaging',
  'day_case_surgery',
  'inpatient_surgery',
  'cancer_treatment',
  'physiotherapy',
  'mental_health',
  'second_opinion',
] as const;
export const BenefitCategory = z.enum(benefitCategories);
export type BenefitCategory = z.infer<typeof BenefitCategory>;

// --- Currencies: ISO 4217 as the platform's Intl knows it (the same table formats the amounts).

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

export const isCurrencyCode = (code: string): boolean => knownCurrencies.has(code);

/** How many digits the currency's minor unit has: 2 for USD and AED, 0 for JPY, 3 for KWD. */
export function minorDigitsOf(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits!;
}

/** Above this many whole units of its currency, an estimated cost is a typing error, not a cost. */
export const ABSURD_COST_UNITS = 100_000_000;
export const absurdCostFloor = (currency: string): number =>
  ABSURD_COST_UNITS * 10 ** minorDigitsOf(currency);

export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 currency code such as USD' })
  .refine(isCurrencyCode, { message: 'is not an ISO 4217 currency code' });

/** An amount in minor units (cents; yen for JPY). */
export const MinorUnits = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const Money = z.object({ amount: MinorUnits, currency: CurrencyCode }).strict();
export type Money = z.infer<typeof Money>;

/** An amount in minor units for the locale to read: `1234567` USD is `$12,345.67` in English. */
export function formatMoney(money: Money, locale: string): string {
  const digits = minorDigitsOf(money.currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(
    money.amount / 10 ** digits,
  );
}

// --- ICD-10 codes and ranges.

/** A category (`M23`) or subcategory (`M23.5`, `S83.51`), dot optional. */
export const ICD10_CODE = /^[A-Z][0-9]{2}(\.?[0-9A-Z]{1,4})?$/;

/** The code without its dot, upper case: the form ranges are compared in. */
export const normaliseIcd10 = (code: string): string => code.trim().toUpperCase().replace('.', '');

export const Icd10Code = z
  .string()
  .transform((code) => code.trim().toUpperCase())
  .refine((code) => ICD10_CODE.test(code), { message: 'must be an ICD-10 code such as K35.8' });

/**
 * Whether a code falls in a range, both ends included and read as prefixes: `M17-M17` holds
 * `M17.1`; `C50.1-C50.4` holds `C50.41` but not `C50` itself (which may be C50.9).
 */
export function icd10InRange(code: string, range: { from: string; to: string }): boolean {
  const value = normaliseIcd10(code);
  const from = normaliseIcd10(range.from);
  const to = normaliseIcd10(range.to);
  return value.slice(0, from.length) >= from && value.slice(0, to.length) <= to;
}

/** A range is the wrong way round when its start comes after its end (`M20-M17`). */
export const icd10RangeReversed = (range: { from: string; to: string }): boolean => {
  const from = normaliseIcd10(range.from);
  const to = normaliseIcd10(range.to);
  return from.slice(0, to.length) > to;
};

const icd10Edge = z.string().regex(ICD10_CODE, { message: 'must be an ICD-10 code such as M23 or M23.5' });

export const Icd10Range = z
  .object({ from: icd10Edge, to: icd10Edge })
  .strict()
  .refine((range) => !icd10RangeReversed(range), {
    message: 'the range is the wrong way round: its start comes after its end',
    path: ['to'],
  });
export type Icd10Range = z.infer<typeof Icd10Range>;

// --- The area of cover: the whole world, continents and countries, with exclusions.

export const WORLDWIDE = 'WORLDWIDE';
const continentCodes = Object.keys(continents);
/** `WORLDWIDE`, a continent (`continent:EU`; AF AN AS EU NA OC SA) or an ISO 3166-1 alpha-2 country. */
export const AreaEntry = z
  .string()
  .refine(
    (entry) =>
      entry === WORLDWIDE ||
      (entry.startsWith('continent:') && continentCodes.includes(entry.slice('continent:'.length))) ||
      isCountryCode(entry),
    { message: 'must be WORLDWIDE, a continent such as continent:EU, or a country code such as AE' },
  );

export const AreaOfCover = z
  .object({
    clause: z.string().min(1).max(40),
    include: z.array(AreaEntry).min(1),
    exclude: z.array(AreaEntry).default([]),
  })
  .strict();
export type AreaOfCover = z.infer<typeof AreaOfCover>;

const continentOf = (country: string): string | undefined =>
  (countries as Record<string, { continent: string } | undefined>)[country]?.continent;

function areaHolds(entry: string, country: string): boolean {
  if (entry === WORLDWIDE) return true;
  if (entry.startsWith('continent:')) return continentOf(country) === entry.slice('continent:'.length);
  return entry === country;
}

/** Whether a country is inside the area: named by an entry of `include` and by none of `exclude`. */
export const inAreaOfCover = (area: Pick<AreaOfCover, 'include' | 'exclude'>, country: string): boolean =>
  area.include.some((entry) => areaHolds(entry, country)) &&
  !area.exclude.some((entry) => areaHolds(entry, country));

// --- One benefit's rule.

export const AnnualLimit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('money'), amount: MinorUnits }).strict(),
  z.object({ kind: z.literal('sessions'), sessions: z.number().int().positive().max(1000) }).strict(),
]);
export type AnnualLimit = z.infer<typeof AnnualLimit>;

export const Preauthorisation = z.discriminatedUnion('when', [
  z.object({ when: z.literal('never') }).strict(),
  z.object({ when: z.literal('always') }).strict(),
  /** Required when the estimated cost is above the amount (minor units); at or below, not. */
  z.object({ when: z.literal('above'), amount: MinorUnits }).strict(),
]);
export type Preauthorisation = z.infer<typeof Preauthorisation>;

export const networkRestrictions = ['any_provider', 'direct_billing_network'] as const;

export const BenefitRule = z
  .object({
    /** The section of the policy wording this benefit is written in (`3.4`). */
    clause: z.string().min(1).max(40),
    covered: z.boolean(),
    annualLimit: AnnualLimit.nullable().default(null),
    /** Borne by the member each plan year before the plan pays (minor units). */
    deductible: MinorUnits.default(0),
    /** The member's share of what is left after the deductible, in percent (two decimals at most). */
    coInsurancePercent: z.number().min(0).max(100).multipleOf(0.01).default(0),
    referralRequired: z.boolean().default(false),
    preauthorisation: Preauthorisation.default({ when: 'never' }),
    /** Days from the membership's start during which the benefit does not pay yet. */
    waitingPeriodDays: z.number().int().min(0).max(3660).default(0),
    exclusions: z.array(Icd10Range.and(z.object({ clause: z.string().min(1).max(40) }))).default([]),
    network: z.enum(networkRestrictions).default('any_provider'),
  })
  .strict();
export type BenefitRule = z.infer<typeof BenefitRule>;

export const planYearBases = ['membership_anniversary', 'calendar'] as const;

export const BenefitRulesVersion = z
  .object({
    /** The insurer's name for the version (`2026.1`), unique within its plan. */
    label: z.string().min(1).max(40),
    effectiveFrom: z.iso.date(),
    /** The last day the version applies; null while it has no end. */
    effectiveTo: z.iso.date().nullable().default(null),
    currency: CurrencyCode,
    /** When a plan year starts: the membership's anniversary, or 1 January. */
    planYear: z.enum(planYearBases).default('membership_anniversary'),
    clauses: z
      .object({
        membership: z.string().min(1).max(40),
        preExistingConditions: z.string().min(1).max(40),
      })
      .strict(),
    areaOfCover: AreaOfCover,
    /** Conditions no benefit of the plan pays for. */
    exclusions: z.array(Icd10Range.and(z.object({ clause: z.string().min(1).max(40) }))).default([]),
    benefits: z.record(BenefitCategory, BenefitRule),
  })
  .strict();
export type BenefitRulesVersion = z.infer<typeof BenefitRulesVersion>;

export const BENEFIT_RULES_FORMAT = 'consilium.benefit-rules/1';

export const BenefitRulesFile = z
  .object({
    format: z.literal(BENEFIT_RULES_FORMAT),
    plans: z
      .array(
        z
          .object({
            planCode: z.string().min(1).max(60),
            versions: z.array(BenefitRulesVersion).min(1).max(100),
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict()
  .meta({
    title: 'Consilium benefit rules',
    description:
      'The benefit rules of plan products, version by version (docs/coverage.md). Money in minor units of the version currency.',
  });
export type BenefitRulesFile = z.infer<typeof BenefitRulesFile>;

// --- The cover check: what staff (and the member) ask, and what it answers.

export const CoverCheckRequest = z
  .object({
    treatmentDate: z.iso.date(),
    benefit: BenefitCategory,
    icd10: Icd10Code,
    country: z.string().refine(isCountryCode, { message: 'must be an ISO 3166-1 alpha-2 country code' }),
    /** Whether the facility is in the insurer's direct-billing network; null when none is chosen yet. */
    facilityInNetwork: z.boolean().nullable().default(null),
    estimatedCost: z
      .object({
        amount: z.number().int({ message: 'must be a whole number of minor units' }),
        currency: z.string().regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 currency code' }),
      })
      .strict(),
    /** How many sessions the estimate is for (physiotherapy, mental health); 1 by default. */
    sessions: z.number().int().min(1).max(1000).default(1),
  })
  .strict();
export type CoverCheckRequest = z.infer<typeof CoverCheckRequest>;

export const coverOutcomes = [
  'covered',
  'covered_after_preauthorisation',
  'partly_covered',
  'not_covered',
] as const;
export type CoverOutcome = (typeof coverOutcomes)[number];

export const coverRuleCodes = [
  'membership_in_force',
  'membership_not_in_force',
  'rules_not_in_force',
  'area_inside',
  'area_outside',
  'benefit_covered',
  'benefit_not_covered',
  'waiting_period_over',
  'waiting_period',
  'excluded_condition',
  'pre_existing_condition',
  'network_any_provider',
  'network_in',
  'network_to_confirm',
  'network_outside',
  'limit_money',
  'limit_sessions',
  'limit_exhausted',
  'limit_capped',
  'sessions_capped',
  'deductible',
  'deductible_covers_cost',
  'co_insurance',
  'referral_required',
  'preauthorisation_always',
  'preauthorisation_above',
] as const;
export type CoverRuleCode = (typeof coverRuleCodes)[number];

export const CoverRuleValue = z.union([z.string(), z.number(), Money]);
export type CoverRuleValue = z.infer<typeof CoverRuleValue>;

export const CoverRule = z.object({
  /** The section of the policy wording that says it. */
  clause: z.string(),
  code: z.enum(coverRuleCodes),
  /** Its words in the web catalogue (`coverage` area), with `values` for the placeholders. */
  key: z.string(),
  /** Whether it took cover away, limited it, or asks something before the plan pays. */
  effect: z.enum(['allows', 'limits', 'excludes', 'requires']),
  values: z.record(z.string(), CoverRuleValue),
});
export type CoverRule = z.infer<typeof CoverRule>;

export const CoverCheckResult = z.object({
  outcome: z.enum(coverOutcomes),
  benefit: BenefitCategory,
  currency: z.string(),
  estimatedCost: z.number().int(),
  planPays: z.number().int(),
  memberPays: z.number().int(),
  /** What is left of the annual limit after this treatment (before it: `left` in the limit's rule). */
  limitLeftAfter: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('money'), amount: z.number().int() }),
      z.object({ kind: z.literal('sessions'), sessions: z.number().int() }),
    ])
    .nullable(),
  referralRequired: z.boolean(),
  preauthorisationRequired: z.boolean(),
  planYear: z.object({ start: z.string(), end: z.string() }).nullable(),
  rulesVersion: z.object({ label: z.string(), effectiveFrom: z.string() }),
  /** Every rule that decided the answer, in the order the decision reads them. */
  rules: z.array(CoverRule),
});
export type CoverCheckResult = z.infer<typeof CoverCheckResult>;
