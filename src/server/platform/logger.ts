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

export function createLogger(level: LoggerOptions['level'], destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    base: { service: 'consilium' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
