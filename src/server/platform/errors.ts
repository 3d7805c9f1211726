import { errorCatalogue, type ErrorCode, type ProblemFieldError } from '../../shared/errors.js';

export interface AppErrorOptions {
  detail?: string;
  errors?: ProblemFieldError[];
  /** Extra members for the problem document (for example the current version on a conflict). */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The one error type for every expected failure. Its code decides the HTTP status. */
export class AppError extends Error {
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: ProblemFieldError[] | undefined;
  readonly extensions: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    readonly code: ErrorCode,
    options: AppErrorOptions = {},
  ) {
    super(errorCatalogue[code].title, { cause: options.cause });
    this.name = 'AppError';
    this.status = errorCatalogue[code].status;
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions;
    this.headers = options.headers;
  }
}

export const notFound = (): AppError => new AppError('resource.not_found');
