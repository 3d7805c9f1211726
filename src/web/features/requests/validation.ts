import type { TFunction } from 'i18next';
import { onDemand } from '../../app/onDemand';
import { requestBody, type RequestDraft } from './draft';

/**
 * The server's own schema (`CaseRequest`), run in the browser, its findings put in the member's
 * language per field. The schema (with zod) is fetched when the form is first used, not with the
 * page: `warmValidation` on the form's first focus, and `validateRequest` waits for it. Field names are the schema's paths: `concern`, `questions.2`,
 * `location.city`, `preferredContactWindows.0.to`...
 */
export type FieldErrors = Record<string, string>;

type Issue = { path: PropertyKey[]; code: string; maximum?: unknown; minimum?: unknown; origin?: string };

function messageFor(issue: Issue, t: TFunction): string {
  const path = issue.path.map(String);
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
  if (issue.code === 'too_big' && typeof issue.maximum === 'number')
    return t('validation.tooLong', { max: issue.maximum });
  return t('validation.required');
}

const caseSchemas = onDemand(() => import('../../../shared/cases'));
export const warmValidation = caseSchemas.warm;

/** Rejects (a NetworkError) only when the schema cannot be fetched. */
export async function validateRequest(draft: RequestDraft, t: TFunction): Promise<FieldErrors> {
  const { CaseRequest } = await caseSchemas.load();
  const result = CaseRequest.safeParse(requestBody(draft));
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues as Issue[]) {
    const key = issue.path.map(String).join('.');
    errors[key] ??= messageFor(issue, t);
  }
  return errors;
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
