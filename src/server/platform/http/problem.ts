import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  errorCatalogue,
  type ErrorCode,
  type Problem,
  type ProblemFieldError,
} from '../../../shared/errors.js';
import { AppError } from '../errors.js';

export const problemContentType = 'application/problem+json; charset=utf-8';

const reservedMembers: ReadonlySet<string> = new Set([
  'type',
  'title',
  'status',
  'code',
  'detail',
  'instance',
  'requestId',
  'errors',
]);

/**
 * The problem document. Its own members always win: an extension that bears the name of one (the
 * state of a case given as `status`) is kept as `current<Name>` (`currentStatus`), so that `status`
 * is always the HTTP status, as RFC 9457 requires.
 */
export function problemOf(error: AppError, requestId: string, instance: string): Problem {
  const extensions = Object.fromEntries(
    Object.entries(error.extensions ?? {}).map(([name, value]) =>
      reservedMembers.has(name) ? [`current${name[0]!.toUpperCase()}${name.slice(1)}`, value] : [name, value],
    ),
  );
  return {
    ...extensions,
    type: `urn:consilium:problem:${error.code}`,
    title: errorCatalogue[error.code].title,
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    instance,
    requestId,
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

/** Fastify's own error codes for expected failures, mapped to ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.malformed_json',
  FST_ERR_VALIDATION: 'request.validation_failed',
};

function fieldErrorsOf(error: FastifyError): ProblemFieldError[] | undefined {
  if (!hasZodFastifySchemaValidationErrors(error)) return undefined;
  const part = (error as { validationContext?: string }).validationContext ?? 'body';
  return error.validation.flatMap((issue) => {
    const where = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const at = (field?: string) => [part, where, field].filter(Boolean).join('.');
    // The zod issue's own fields (such as the unknown `keys`) are spread into `params`.
    const { keys } = issue.params as { keys?: unknown };
    const code = issue.keyword;
    const message = issue.message ?? 'is not valid';
    // One entry per unknown field, so that each can be shown beside the field it names.
    if (Array.isArray(keys) && keys.length > 0) {
      return keys.map((key) => ({ path: at(String(key)), code, message }));
    }
    return [{ path: at(), code, message }];
  });
}

/** invalid byte sequence (a NUL in text), untranslatable character (a NUL in jsonb). */
const unstorableTextCodes: ReadonlySet<string | undefined> = new Set(['22021', '22P05']);

/** The SQLSTATE of a database error, also when the query builder wrapped it. */
function postgresCodeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Turns anything thrown in a request into an AppError; the unexpected become a bare 500. */
export function toAppError(error: unknown): { appError: AppError; unexpected: boolean } {
  if (error instanceof AppError) return { appError: error, unexpected: false };
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    return {
      appError: new AppError('request.validation_failed', { errors: fieldErrorsOf(fastifyError) }),
      unexpected: false,
    };
  }
  const mapped = fastifyError?.code ? fastifyCodes[fastifyError.code] : undefined;
  if (mapped) return { appError: new AppError(mapped), unexpected: false };
  if (fastifyError?.statusCode === 429)
    return { appError: new AppError('request.rate_limited'), unexpected: false };
  // Text PostgreSQL refuses (a NUL, a character its encoding lacks) that reached a query by a way
  // the boundary check does not read (a multipart field, upload metadata): the transaction is
  // rolled back, so the answer is the same as at the boundary.
  if (unstorableTextCodes.has(postgresCodeOf(error))) {
    return { appError: new AppError('request.invalid_characters'), unexpected: false };
  }
  if (fastifyError?.statusCode === 400 && error instanceof SyntaxError) {
    return { appError: new AppError('request.malformed_json'), unexpected: false };
  }
  return { appError: new AppError('internal.unexpected', { cause: error }), unexpected: true };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  if (error.headers) reply.headers(error.headers);
  return reply
    .status(error.status)
    .type(problemContentType)
    .send(problemOf(error, String(request.id), request.url.split('?')[0] ?? request.url));
}
