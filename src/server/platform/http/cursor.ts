import { AppError } from '../errors.js';

/**
 * Cursors of lists sorted by an instant with the id as tie-breaker: opaque to clients, checked
 * when they come back (a forged or stale cursor is a validation error, never a 500).
 */
export interface InstantCursor {
  at: Date;
  id: string;
  /** A group the list is sorted by first (a queue's rank), when it has one. */
  group?: number;
}

export const encodeCursor = (at: Date, id: string, group?: number): string =>
  Buffer.from(
    JSON.stringify(group === undefined ? [at.toISOString(), id] : [at.toISOString(), id, group]),
  ).toString('base64url');

export function decodeCursor(cursor: string | undefined): InstantCursor | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id, group] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
      unknown,
    ];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) {
      throw new Error('not a cursor');
    }
    if (
      group !== undefined &&
      !(Number.isInteger(group) && (group as number) >= 0 && (group as number) < 100)
    ) {
      throw new Error('not a cursor');
    }
    return group === undefined ? { at: date, id } : { at: date, id, group: group as number };
  } catch {
    throw new AppError('request.validation_failed', {
      errors: [
        {
          path: 'querystring.cursor',
          code: 'invalid_cursor',
          message: 'is not a cursor from a previous page',
        },
      ],
    });
  }
}
