import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../../api/client';
import {
  fieldErrorsOf,
  issuesOfProblem,
  type FieldErrors,
  type FieldIssue,
  type FormWords,
} from '../../app/fieldErrors';
import { staffWords } from './fieldWords';

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

/**
 * A staff form checked as the server checks it: `check` runs the server's own schema on the body
 * about to be sent and, when something is wrong, shows each message under its field (Mantine's
 * `error`, which sets `aria-invalid`) and moves the focus to the first; `refused` does the same
 * with the fields a 400 names. `form` is the form element (or what holds all its fields), where
 * the focus is looked for. `fieldOf` says which field shows a path when it is not the path itself
 * (each line of a list typed in one box, for instance).
 */
export function useFieldCheck(
  form: RefObject<HTMLElement | null>,
  options: {
    words?: FormWords;
    fieldOf?: (path: string) => string;
  } = {},
) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const show = (issues: readonly FieldIssue[]): boolean => {
    const byField: FieldErrors = {};
    const found = fieldErrorsOf(issues, t, staffWords(t, options.words));
    for (const [path, message] of Object.entries(found)) byField[options.fieldOf?.(path) ?? path] ??= message;
    setErrors(byField);
    const clean = Object.keys(byField).length === 0;
    if (!clean) focusFirstInvalid(form.current);
    return clean;
  };
  return {
    errors,
    /** True when the body may be sent. */
    check: (schema: z.ZodType, body: unknown): boolean => {
      const result = schema.safeParse(body);
      return show(result.success ? [] : result.error.issues);
    },
    refused: (error: unknown) => {
      const issues = issuesOfProblem(error instanceof ApiError ? error.problem : null);
      if (issues.length > 0) show(issues);
    },
    clear: () => setErrors({}),
  };
}
