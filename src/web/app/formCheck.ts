import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../api/client';
import {
  fieldErrorsOf,
  issuesOfProblem,
  type FieldErrors,
  type FieldIssue,
  type FormWords,
} from './fieldErrors';

/**
 * Once the messages are on screen, the first field in error takes the focus, so that it is read
 * out; in a group in error (a list to choose from), its first choice that can be taken.
 */
export function focusFirstInvalid(within: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const invalid = within?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const field = invalid?.matches('input, select, textarea')
      ? invalid
      : invalid?.querySelector<HTMLElement>('input:not(:disabled), select, textarea');
    field?.focus();
  });
}

/** A NumberInput's value for the schema: an empty box is no number, pointed out rather than sent as 0. */
export const inputNumber = (value: number | string): number => (value === '' ? Number.NaN : Number(value));

/** What the server's own schema finds wrong with a body, run in the browser; none when it passes. */
export function issuesOf(schema: z.ZodType, body: unknown): FieldIssue[] {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues;
}

/** The fields a refused request names in its problem's `errors[]` (a 400, a 422); none otherwise. */
export const issuesOfRefusal = (error: unknown): FieldIssue[] =>
  issuesOfProblem(error instanceof ApiError ? error.problem : null);

/**
 * The one way a form is checked, as the server checks it. `check` runs the request's own schema
 * from src/shared on the body about to be sent; `refused` takes the fields a refusal names in its
 * `errors[]`; `show` takes issues found otherwise (those of one step of a longer form). Each
 * problem is put under its field in the reader's words (`errors[path]`, for Mantine's `error`,
 * which sets `aria-invalid`) and the focus moves to the first.
 *
 * `form` is the form element (or what holds all its fields), where the focus is looked for.
 * `words` are the form's own words for its rules, before the common ones (fieldErrors.ts).
 * `fieldOf` says which field shows a path when it is not the path itself (each line of a list
 * typed in one box, for instance).
 */
export function useFormCheck(
  form: RefObject<HTMLElement | null>,
  options: { words?: FormWords; fieldOf?: (path: string) => string } = {},
) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldErrors>({});
  /** True when there was nothing to show. */
  const show = (issues: readonly FieldIssue[]): boolean => {
    const byField: FieldErrors = {};
    for (const [path, message] of Object.entries(fieldErrorsOf(issues, t, options.words)))
      byField[options.fieldOf?.(path) ?? path] ??= message;
    setErrors(byField);
    const clean = Object.keys(byField).length === 0;
    if (!clean) focusFirstInvalid(form.current);
    return clean;
  };
  return {
    errors,
    show,
    /** True when the body may be sent. */
    check: (schema: z.ZodType, body: unknown): boolean => show(issuesOf(schema, body)),
    /** True when the refusal named fields, now shown under them. */
    refused: (error: unknown): boolean => {
      const issues = issuesOfRefusal(error);
      if (issues.length > 0) show(issues);
      return issues.length > 0;
    },
    clear: () => setErrors({}),
  };
}

export type FormCheck = ReturnType<typeof useFormCheck>;
