import { readFileSync } from 'node:fs';
import type { TFunction } from 'i18next';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { Closure, FollowUpPlan } from '../../../shared/cases.js';
import { StaffAbsenceCreation, StaffCreation, StaffUpdate } from '../../../shared/identity.js';
import { fieldErrorsOf, issuesOfProblem, type FieldIssue } from '../../app/fieldErrors.js';
import { staffWords } from './fieldWords.js';

/** The words of a language as the staff pages have them: the shared catalogue and the staff one. */
function wordsOf(locale: string): TFunction {
  const messages: Record<string, string> = Object.assign(
    {},
    ...['shared', 'staff'].map((area) =>
      JSON.parse(readFileSync(new URL(`../../i18n/locales/${area}/${locale}.json`, import.meta.url), 'utf8')),
    ),
  );
  return ((key: string, values?: Record<string, unknown>) =>
    String(new IntlMessageFormat(messages[key]!, locale).format(values))) as unknown as TFunction;
}

const messagesFor = (issues: readonly FieldIssue[], locale = 'en') =>
  fieldErrorsOf(issues, wordsOf(locale), staffWords(wordsOf(locale)));

const problemsOf = (
  result: { success: boolean; error?: { issues: readonly FieldIssue[] } },
  locale = 'en',
) => {
  expect(result.success).toBe(false);
  return messagesFor(result.error!.issues, locale);
};

describe('operations and case managers are told what to put right, in the server’s own rules', () => {
  it('a new staff member without a name, with a broken e-mail, an unknown time zone and too many cases', () => {
    const result = StaffCreation.safeParse({
      name: ' ',
      email: 'noor@',
      role: 'case_manager',
      languages: ['ar', 'not a tag'],
      timeZone: 'Mars/Olympus',
      maxOpenCases: 501,
    });
    expect(problemsOf(result)).toEqual({
      name: 'Please fill in this field.',
      email: 'Enter an e-mail address such as name@example.com.',
      'languages.1': 'Enter language codes separated by commas, such as es, en.',
      timeZone: 'Enter a time zone such as Europe/Madrid.',
      maxOpenCases: 'Enter 500 or less.',
    });
  });

  it('a shift that ends before it starts, another with a time that is not one, an empty capacity', () => {
    const result = StaffUpdate.safeParse({
      version: 3,
      maxOpenCases: Number.NaN,
      weeklyShifts: [
        { day: 1, start: '17:00', end: '09:00' },
        { day: 2, start: '', end: '17:00' },
      ],
    });
    expect(problemsOf(result)).toEqual({
      maxOpenCases: 'Enter a whole number.',
      'weeklyShifts.0.end': 'The end must come after the start.',
      'weeklyShifts.1.start': 'Enter a time such as 08:30.',
    });
  });

  it('an absence without its dates, or ending before it starts', () => {
    expect(problemsOf(StaffAbsenceCreation.safeParse({ version: 1, startsAt: '', endsAt: '' }))).toEqual({
      startsAt: 'Enter a date and a time.',
      endsAt: 'Enter a date and a time.',
    });
    const backwards = StaffAbsenceCreation.safeParse({
      version: 1,
      startsAt: '2030-07-15T16:00:00.000Z',
      endsAt: '2030-07-01T07:00:00.000Z',
    });
    expect(problemsOf(backwards)).toEqual({ endsAt: 'The end must come after the start.' });
  });

  it('check-ins every 0 days, and a case closed without a reason', () => {
    expect(problemsOf(FollowUpPlan.safeParse({ version: 2, every: { days: 0, count: 60 } }))).toEqual({
      'every.days': 'Enter 1 or more.',
      'every.count': 'Enter 52 or less.',
    });
    expect(problemsOf(Closure.safeParse({ version: 2, reason: '' }))).toEqual({
      reason: 'Please fill in this field.',
    });
  });

  it('says the same in the reader’s language', () => {
    const result = StaffCreation.safeParse({
      name: 'Noor',
      email: 'noor@staff.example',
      role: 'case_manager',
      maxOpenCases: 1000,
    });
    expect(problemsOf(result, 'de')).toEqual({ maxOpenCases: 'Geben Sie 500 oder weniger ein.' });
    expect(problemsOf(result, 'ar')).toEqual({ maxOpenCases: 'يُرجى إدخال 500 أو أقل.' });
    expect(problemsOf(Closure.safeParse({ version: 2, reason: '' }), 'fr')).toEqual({
      reason: 'Veuillez remplir ce champ.',
    });
  });

  it('words the fields the server refused, though its report has only their paths and codes', () => {
    const refused = issuesOfProblem({
      code: 'request.validation_failed',
      errors: [
        { path: 'body.timeZone', code: 'custom', message: 'must be an IANA time zone' },
        { path: 'body.email', code: 'invalid_format', message: 'must be an e-mail address' },
        { path: 'body.reason', code: 'too_big', message: 'Too big' },
        { path: 'body.name', code: 'too_small', message: 'Too small' },
      ],
    });
    const pastCheckIn = issuesOfProblem({
      code: 'follow_up.date_in_past',
      errors: [{ path: 'body.dates.0', code: 'date_in_past', message: 'must be in the future' }],
    });
    expect(messagesFor(pastCheckIn)).toEqual({ 'dates.0': 'Choose a time in the future.' });
    expect(messagesFor(refused)).toEqual({
      timeZone: 'Enter a time zone such as Europe/Madrid.',
      email: 'Enter an e-mail address such as name@example.com.',
      reason: 'This value is not accepted; please check it.',
      name: 'Please fill in this field.',
    });
  });
});
