import type { TFunction } from 'i18next';
import {
  formatMoney,
  type BenefitCategory,
  type CoverOutcome,
  type CoverRule,
  type CoverRuleCode,
  type CoverRuleValue,
} from '../../../shared/coverage.js';
import { formatCalendarDate, isolate, regionName } from '../../app/format.js';
import type coverageWords from '../../i18n/locales/coverage/en.json';

/*
 * The words of a cover check in the reader's language (the `coverage` catalogue): its outcome,
 * the benefit, and each rule that decided it with its values made readable. Amounts come in minor
 * units with their currency and are formatted for the locale (dirhams with two decimals, yen with
 * none); countries and dates are named in the reader's language; each value is isolated so that a
 * Latin code or amount keeps its order in a right-to-left sentence.
 */

type CoverageKey = keyof typeof coverageWords;

export const outcomeKeys: Record<CoverOutcome, CoverageKey> = {
  covered: 'coverage.outcome.covered',
  covered_after_preauthorisation: 'coverage.outcome.covered_after_preauthorisation',
  partly_covered: 'coverage.outcome.partly_covered',
  not_covered: 'coverage.outcome.not_covered',
};

export const benefitKeys: Record<BenefitCategory, CoverageKey> = {
  outpatient_consultation: 'coverage.benefit.outpatient_consultation',
  diagnostics_imaging: 'coverage.benefit.diagnostics_imaging',
  day_case_surgery: 'coverage.benefit.day_case_surgery',
  inpatient_surgery: 'coverage.benefit.inpatient_surgery',
  cancer_treatment: 'coverage.benefit.cancer_treatment',
  physiotherapy: 'coverage.benefit.physiotherapy',
  mental_health: 'coverage.benefit.mental_health',
  second_opinion: 'coverage.benefit.second_opinion',
};

export const ruleKeys: Record<CoverRuleCode, CoverageKey> = {
  membership_in_force: 'coverage.rule.membership_in_force',
  membership_not_in_force: 'coverage.rule.membership_not_in_force',
  rules_not_in_force: 'coverage.rule.rules_not_in_force',
  area_inside: 'coverage.rule.area_inside',
  area_outside: 'coverage.rule.area_outside',
  benefit_covered: 'coverage.rule.benefit_covered',
  benefit_not_covered: 'coverage.rule.benefit_not_covered',
  waiting_period_over: 'coverage.rule.waiting_period_over',
  waiting_period: 'coverage.rule.waiting_period',
  excluded_condition: 'coverage.rule.excluded_condition',
  pre_existing_condition: 'coverage.rule.pre_existing_condition',
  network_any_provider: 'coverage.rule.network_any_provider',
  network_in: 'coverage.rule.network_in',
  network_to_confirm: 'coverage.rule.network_to_confirm',
  network_outside: 'coverage.rule.network_outside',
  limit_money: 'coverage.rule.limit_money',
  limit_sessions: 'coverage.rule.limit_sessions',
  limit_exhausted: 'coverage.rule.limit_exhausted',
  limit_capped: 'coverage.rule.limit_capped',
  sessions_capped: 'coverage.rule.sessions_capped',
  deductible: 'coverage.rule.deductible',
  deductible_covers_cost: 'coverage.rule.deductible_covers_cost',
  co_insurance: 'coverage.rule.co_insurance',
  referral_required: 'coverage.rule.referral_required',
  preauthorisation_always: 'coverage.rule.preauthorisation_always',
  preauthorisation_above: 'coverage.rule.preauthorisation_above',
};

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** A rule's values as its sentence shows them. */
export function ruleValues(rule: CoverRule, locale: string, t: TFunction): Record<string, string | number> {
  const shown: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(rule.values) as [string, CoverRuleValue][]) {
    if (typeof value === 'object') shown[name] = isolate(formatMoney(value, locale));
    else if (typeof value === 'number') shown[name] = value;
    else if (name === 'country') shown[name] = regionName(value, locale);
    else if (name === 'benefit' && value in benefitKeys)
      shown[name] = t(benefitKeys[value as BenefitCategory]);
    else if (isDate(value)) shown[name] = formatCalendarDate(value, locale);
    else shown[name] = isolate(value);
  }
  return shown;
}

/** The sentence of one rule, in the reader's language. */
export const ruleWords = (rule: CoverRule, locale: string, t: TFunction): string =>
  t(ruleKeys[rule.code], ruleValues(rule, locale, t));
