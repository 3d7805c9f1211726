import type { TFunction } from 'i18next';
import { fieldErrorsOf, type FieldErrors, type FormWords } from '../../app/fieldErrors';
import { onDemand } from '../../app/onDemand';
import { requestBody, type RequestDraft } from './draft';

/**
 * The server's own schema (`CaseRequest`), run in the browser, its findings put in the member's
 * language per field. The schema (with zod) is fetched when the form is first used, not with the
 * page: `warmValidation` on the form's first focus, and `validateRequest` waits for it. Field
 * names are the schema's paths: `concern`, `questions.2`, `location.city`,
 * `preferredContactWindows.0.to`... The form's own words come first; the others are the common
 * ones of every form (a field to fill in, a text too long).
 */
const requestWords =
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

const caseSchemas = onDemand(() => import('../../../shared/cases'));
export const warmValidation = caseSchemas.warm;

/** Rejects (a NetworkError) only when the schema cannot be fetched. */
export async function validateRequest(draft: RequestDraft, t: TFunction): Promise<FieldErrors> {
  const { CaseRequest } = await caseSchemas.load();
  const result = CaseRequest.safeParse(requestBody(draft));
  if (result.success) return {};
  return fieldErrorsOf(result.error.issues, t, requestWords(t));
}

/** The fields of each step of the form, by path prefix. */
export const stepFields: string[][] = [
  ['memberId', 'concern'],
  ['diagnosisReceived', 'treatmentPlanReceived', 'firstOpinion'],
  ['questions'],
  ['preferredLanguage', 'contactChannel', 'timeZone', 'preferredContactWindows'],
  ['location'],
];

export const errorsOfStep = (errors: FieldErrors, step: number): FieldErrors =>
  Object.fromEntries(
    Object.entries(errors).filter(([key]) =>
      (stepFields[step] ?? []).some((field) => key === field || key.startsWith(`${field}.`)),
    ),
  );
