import type { TFunction } from 'i18next';
import type { FollowUpAction, OutcomeBreakdown, Wellbeing } from '../../../shared/outcomes';
import { specialtyName } from '../../../shared/specialty-taxonomy';
import { languageName, regionName } from '../../app/format';

/** The words of each breakdown, of each plan type and of what members did, written out for the catalogue check. */
export function breakdownLabel(t: TFunction, by: OutcomeBreakdown): string {
  const labels: Record<OutcomeBreakdown, string> = {
    month: t('outcomes.by.month'),
    specialty: t('outcomes.by.specialty'),
    country: t('outcomes.by.country'),
    language: t('outcomes.by.language'),
    plan: t('outcomes.by.plan'),
  };
  return labels[by];
}

export function actionLabel(t: TFunction, action: FollowUpAction): string {
  const labels: Record<FollowUpAction, string> = {
    followed: t('outcomes.action.followed'),
    partly_followed: t('outcomes.action.partly_followed'),
    kept_original_plan: t('outcomes.action.kept_original_plan'),
    undecided: t('outcomes.action.undecided'),
    other: t('outcomes.action.other'),
  };
  return labels[action];
}

function planLabel(t: TFunction, kind: string): string {
  const labels: Record<string, string> = {
    individual: t('outcomes.plan.individual'),
    family: t('outcomes.plan.family'),
    company: t('outcomes.plan.company'),
  };
  return labels[kind] ?? kind;
}

/** A group's key in the reader's language: a month, a specialty, a country, a language, a plan type. */
export function groupLabel(t: TFunction, by: OutcomeBreakdown, key: string, locale: string): string {
  switch (by) {
    case 'month': {
      const [year, month] = key.split('-').map(Number);
      return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
        new Date(Date.UTC(year!, month! - 1, 1)),
      );
    }
    case 'specialty':
      return key === 'none' ? t('outcomes.noSpecialty') : (specialtyName(key, locale) ?? key);
    case 'country':
      return regionName(key, locale);
    case 'language':
      return languageName(key, locale);
    case 'plan':
      return planLabel(t, key);
  }
}

export function wellbeingLabel(t: TFunction, wellbeing: Wellbeing): string {
  const labels: Record<Wellbeing, string> = {
    much_better: t('outcomes.wellbeing.much_better'),
    better: t('outcomes.wellbeing.better'),
    unchanged: t('outcomes.wellbeing.unchanged'),
    worse: t('outcomes.wellbeing.worse'),
    much_worse: t('outcomes.wellbeing.much_worse'),
  };
  return labels[wellbeing];
}
