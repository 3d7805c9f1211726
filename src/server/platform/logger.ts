import { pino, type Logger, type LoggerOptions } from 'pino';

/**
 * Paths that must never reach a log line: credentials, and anything that could carry health or
 * identity data. Request and response bodies are never logged in the first place; these paths are
 * the second line of defence for objects passed to the logger by hand.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.secret',
  '*.token',
  '*.code',
  '*.dateOfBirth',
  '*.birthDate',
  '*.membershipNumber',
  '*.memberNumber',
  '*.email',
  '*.body',
  '*.diagnosis',
  '*.concern',
  '*.questions',
  '*.note',
];

/**
 * Errors carry data too: a failed query's message lists its parameters (a member's words, an
 * e-mail address), and a database error's `detail` quotes the offending values. Both are cut
 * before an error reaches a log line, in the error and in its causes.
 */
const scrub = (text: unknown) =>
  typeof text === 'string'
    ? text.replace(/\n?params: [\s\S]*?(?=\n {4}at |$)/g, '\nparams: [redacted]')
    : text;

export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 5) return error;
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  serialized.message = scrub(serialized.message);
  serialized.stack = scrub(serialized.stack);
  for (const field of ['detail', 'where', 'parameters', 'params', 'query']) delete serialized[field];
  if (error.cause !== undefined) serialized.cause = serializeError(error.cause, depth + 1);
  return serialized;
}

/**
 * A request as its log lines show it: Fastify's own fields, with the address cut at its query. Our
 * API puts no health data in an address, but a client may (a search's criteria in a query string),
 * and a log line must not keep it.
 */
export function serializeRequest(request: {
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}) {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  return {
    method: request.method,
    url: query === -1 ? url : `${url.slice(0, query)}?[redacted]`,
    version: request.headers?.['accept-version'],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export function createLogger(level: LoggerOptions['level'], destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError, req: serializeRequest },
    base: { service: 'consilium' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
