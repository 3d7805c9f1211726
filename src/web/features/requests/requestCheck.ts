import type { TFunction } from 'i18next';
import type { FieldIssue, FormWords } from '../../app/fieldErrors.js';

/**
 * The request form's own words for the rules of the server's schema (`CaseRequest`), before the
 * common ones of every form (a field to fill in, a text too long). Field names are the schema's
 * paths: `concern`, `questions.2`, `location.city`, `preferredContactWindows.0.to`...
 */
export const requestWords =
  (t: TFunction): FormWords =>
  (issue, path) => {
    const field = path[0];
    if (field === 'diagnosisReceived' && issue.code === 'custom')
      return t('request.validation.diagnosisOrTreatment');
    if (field === 'questions' && path.length === 1) {
      return issue.code === 'too_big'
        ? t('request.validation.questionsMax')
        : t('request.validation.questionsMin');
    }
    if (field === 'contactPhone') {
      return issue.code === 'custom' || issue.code === 'required'
        ? t('request.validation.phoneRequired')
        : t('request.validation.phoneInvalid');
    }
    if (field === 'timeZone') return t('request.validation.timeZone');
    if (field === 'preferredLanguage') return t('request.validation.language');
    if (path.at(-1) === 'country') return t('request.validation.country');
    if (field === 'preferredContactWindows') {
      if (path.at(-1) === 'days') return t('request.validation.windowDays');
      if (issue.code === 'custom') return t('request.validation.windowOrder');
      return t('request.validation.windowTime');
    }
    return undefined;
  };

/** The fields of each step of the form, by path prefix. */
export const stepFields: string[][] = [
  ['memberId', 'concern'],
  ['diagnosisReceived', 'treatmentPlanReceived', 'firstOpinion'],
  ['questions'],
  ['preferredLanguage', 'contactChannel', 'contactPhone', 'timeZone', 'preferredContactWindows'],
  ['location'],
];

const onStep = (issue: FieldIssue, step: number) => (stepFields[step] ?? []).includes(String(issue.path[0]));

/** The issues of one step's fields. */
export const issuesOfStep = (issues: readonly FieldIssue[], step: number): FieldIssue[] =>
  issues.filter((issue) => onStep(issue, step));

/** The first step with an issue, or -1. */
export const firstStepWith = (issues: readonly FieldIssue[]): number =>
  stepFields.findIndex((_, step) => issues.some((issue) => onStep(issue, step)));
