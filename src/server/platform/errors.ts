import { errorCatalogue, type ErrorCode, type ProblemFieldError } from '../../shared/errors.js';

export interface AppErrorOptions {
  detail?: string;
  errors?: ProblemFieldError[];
  /** Extra members for the problem document (for example the current version on a conflict). */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
  cause?: unknown;
  /** A refusal of access to a record: audited after the request's transaction has rolled back. */
  denial?: AccessDenial;
}

/**
 * An actor was refused a record (never sent to the client): what kind of record, its id, and why.
 * `no_such_record`: nothing has that id; `not_found_for_actor`: it exists, but not for this actor
 * (answered 404 all the same); `forbidden`: the actor sees it but may not do this (403).
 */
export interface AccessDenial {
  entityType: string;
  entityId: string;
  reason: 'no_such_record' | 'not_found_for_actor' | 'forbidden';
}

/** The one error type for every expected failure. Its code decides the HTTP status. */
export class AppError extends Error {
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: ProblemFieldError[] | undefined;
  readonly extensions: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly denial: AccessDenial | undefined;

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
    this.denial = options.denial;
  }
}

export const notFound = (): AppError => new AppError('resource.not_found');

/** The 404 of a record the actor may not see (or that does not exist), remembered for the audit trail. */
export const notFoundFor = (denial: AccessDenial): AppError => new AppError('resource.not_found', { denial });
