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

export function problemOf(error: AppError, requestId: string, instance: string): Problem {
  return {
    type: `urn:consilium:problem:${error.code}`,
    title: errorCatalogue[error.code].title,
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    instance,
    requestId,
    ...(error.errors ? { errors: error.errors } : {}),
    ...error.extensions,
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
  return error.validation.map((issue) => {
    const where = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const part = (error as { validationContext?: string }).validationContext ?? 'body';
    const params = issue.params as { issue?: { code?: string; message?: string; keys?: string[] } };
    const keys = params.issue?.keys;
    return {
      path: [part, where, keys?.length ? keys.join(',') : ''].filter(Boolean).join('.'),
      code: params.issue?.code ?? issue.keyword,
      message: issue.message ?? 'is not valid',
    };
  });
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
