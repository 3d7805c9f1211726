import type { TFunction } from 'i18next';
import type { ProblemFieldError } from '../../shared/errors.js';

/**
 * A form's problems, each under its field, in the reader's language: the field's path in the
 * request's schema (`email`, `weeklyShifts.0.end`, `questions.2`) to the message shown there.
 */
export type FieldErrors = Record<string, string>;

/**
 * What was found wrong with one field: an issue of the server's own zod schema run in the
 * browser, or an entry of the `errors[]` of the server's 400 (which has the path and code only).
 */
export interface FieldIssue {
  path: readonly PropertyKey[];
  code: string;
  origin?: string;
  format?: string;
  expected?: string;
  maximum?: unknown;
  minimum?: unknown;
}

/** A form's own words for the issues of its rules; undefined leaves an issue to the common words. */
export type FormWords = (issue: FieldIssue, path: string[]) => string | undefined;

/** The words every form shares: a text too long, an e-mail address, else a field to fill in. */
function commonWords(issue: FieldIssue, t: TFunction): string {
  if (issue.code === 'too_big' && issue.origin === 'string' && typeof issue.maximum === 'number')
    return t('validation.tooLong', { max: issue.maximum });
  if (issue.code === 'invalid_format' && issue.format === 'email') return t('validation.email');
  return t('validation.required');
}

/** One message per field, the first issue found for it; the form's words first, then the common ones. */
export function fieldErrorsOf(issues: readonly FieldIssue[], t: TFunction, words?: FormWords): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    errors[path.join('.')] ??= words?.(issue, path) ?? commonWords(issue, t);
  }
  return errors;
}

/**
 * The fields a refused request names in its problem's `errors[]` (a 400 validation report, or a
 * rule only the server can check, such as a date in the past), on the body or the query
 * (`body.weeklyShifts.0.end` → `weeklyShifts.0.end`), as issues to word like the browser's own.
 */
export function issuesOfProblem(
  problem: { code?: unknown; errors?: readonly ProblemFieldError[] } | null | undefined,
): FieldIssue[] {
  return (problem?.errors ?? [])
    .map((entry) => ({ path: entry.path.split('.'), code: entry.code }))
    .filter((issue) => issue.path[0] === 'body' || issue.path[0] === 'querystring')
    .map((issue) => ({ ...issue, path: issue.path.slice(1) }));
}
