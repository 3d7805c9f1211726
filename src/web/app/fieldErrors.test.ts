import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrorsOf, issuesOfProblem } from './fieldErrors.js';

/** The key asked for, with its values: what the form would show, before the words of a language. */
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key} ${JSON.stringify(values)}` : key) as unknown as TFunction;

const Account = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email(),
    languages: z.array(z.string().min(2)).min(1),
    note: z.string().max(20).optional(),
  })
  .strict();

describe('a form’s problems, each under its field', () => {
  it('says what to fill in, what is too long and what is not an e-mail address, by the field’s path', () => {
    const result = Account.safeParse({
      name: '  ',
      email: 'noor@',
      languages: ['e'],
      note: 'a note far longer than twenty characters',
    });
    expect(result.success).toBe(false);
    expect(fieldErrorsOf(result.error!.issues, t)).toEqual({
      name: 'validation.required',
      email: 'validation.email',
      'languages.0': 'validation.required',
      note: 'validation.tooLong {"max":20}',
    });
  });

  it('lets the form word its own rules first, and keeps the first problem of a field', () => {
    const Card = z.object({
      start: z.string().regex(/^\d\d:\d\d$/),
      code: z.string().min(3).regex(/^\d+$/),
    });
    const result = Card.safeParse({ start: '7', code: 'x' });
    const own = (issue: { code: string }, path: string[]) =>
      issue.code === 'invalid_format' ? `${path.join('.')}: a time or digits` : undefined;
    // `code` is too short and not digits: the first of the two is said.
    expect(fieldErrorsOf(result.error!.issues, t, own)).toEqual({
      start: 'start: a time or digits',
      code: 'validation.required',
    });
  });

  it('reads the fields a 400 names from its errors[], on the body or the query', () => {
    const problem = {
      code: 'request.validation_failed',
      errors: [
        { path: 'body.weeklyShifts.0.end', code: 'custom', message: 'a shift must end after it starts' },
        { path: 'querystring.condition', code: 'custom', message: 'is not an ICD-10 chapter' },
        { path: 'params.id', code: 'invalid_format', message: 'must be a UUID' },
      ],
    };
    expect(issuesOfProblem(problem)).toEqual([
      { path: ['weeklyShifts', '0', 'end'], code: 'custom' },
      { path: ['condition'], code: 'custom' },
    ]);
    expect(fieldErrorsOf(issuesOfProblem(problem), t)).toEqual({
      'weeklyShifts.0.end': 'validation.required',
      condition: 'validation.required',
    });
  });

  it('reads the fields of a refusal only the server could make, and finds none without errors[]', () => {
    expect(
      issuesOfProblem({
        code: 'follow_up.date_in_past',
        errors: [{ path: 'body.dates.0', code: 'date_in_past', message: 'must be in the future' }],
      }),
    ).toEqual([{ path: ['dates', '0'], code: 'date_in_past' }]);
    expect(issuesOfProblem({ code: 'resource.version_conflict' })).toEqual([]);
    expect(issuesOfProblem(null)).toEqual([]);
  });
});
