import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { CaseRequest } from '../../../shared/cases.js';
import { fieldErrorsOf, issuesOfProblem } from '../../app/fieldErrors.js';
import { firstStepWith, issuesOfStep, requestWords } from './requestCheck.js';

/** The key asked for: what the form would show, before the words of a language. */
const t = ((key: string) => key) as unknown as TFunction;

const request = {
  concern: 'My knee still hurts after the operation.',
  treatmentPlanReceived: 'Physiotherapy for six months',
  questions: ['Do I need surgery?'],
  preferredLanguage: 'es',
  contactChannel: 'phone',
  contactPhone: '+34 612 34 56 78',
  timeZone: 'Europe/Madrid',
  location: { country: 'ES', city: 'Madrid' },
};

const issuesOf = (body: unknown) => {
  const result = CaseRequest.safeParse(body);
  return result.success ? [] : result.error.issues;
};

describe('the request form, checked with the server’s CaseRequest step by step', () => {
  it('finds nothing wrong with a whole request', () => {
    expect(issuesOf(request)).toEqual([]);
  });

  it('says what is wrong on each step in the form’s own words, and which step comes first', () => {
    const { treatmentPlanReceived: _, ...withoutPlan } = request;
    const issues = issuesOf({
      ...withoutPlan,
      concern: ' ',
      questions: [],
      location: { country: 'ES', city: '' },
    });
    expect(firstStepWith(issues)).toBe(0);
    const words = (step: number) => fieldErrorsOf(issuesOfStep(issues, step), t, requestWords(t));
    expect(words(0)).toEqual({ concern: 'validation.required' });
    expect(words(1)).toEqual({ diagnosisReceived: 'request.validation.diagnosisOrTreatment' });
    expect(words(2)).toEqual({ questions: 'request.validation.questionsMin' });
    expect(words(3)).toEqual({});
    expect(words(4)).toEqual({ 'location.city': 'validation.required' });
  });

  it('takes a refusal’s fields to the step that has the first of them', () => {
    const issues = issuesOfProblem({
      code: 'request.validation_failed',
      errors: [{ path: 'body.location.city', code: 'too_small', message: 'Too small' }],
    });
    expect(firstStepWith(issues)).toBe(4);
    expect(fieldErrorsOf(issuesOfStep(issues, 4), t, requestWords(t))).toEqual({
      'location.city': 'validation.required',
    });
    expect(firstStepWith([])).toBe(-1);
  });
});
