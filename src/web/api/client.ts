import type { ErrorCode, Problem } from '../../shared/errors';
import { dropEarlyReads, takeEarlyRead } from './early';

/**
 * The one way the web app talks to the API: same-origin fetch with the session cookie, JSON in
 * and out, every failure an ApiError that carries the problem's stable `code` (which the app
 * translates, never the English title).
 *
 * Answers are typed by the shared zod schemas but not parsed again here: the server checks every
 * response against the same schema before sending it (each route's `response` schema), and
 * keeping zod out of the first bundle is what holds the member pages under their size budget
 * (see docs/decisions/0011-member-bundle-and-pwa.md). Forms still validate with the shared schemas, in
 * their own chunks.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The problem document; a network failure or a non-problem answer has none. */
    readonly problem: Problem | null,
  ) {
    super(problem?.code ?? `http_${status}`);
    this.name = 'ApiError';
  }

  get code(): ErrorCode | null {
    return this.problem?.code ?? null;
  }

  /** The session is missing or ended: the user must sign in again. */
  get sessionEnded(): boolean {
    return this.status === 401 && this.code === 'auth.unauthenticated';
  }
}

/** The request never got an answer (offline, DNS, the server down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network', { cause });
    this.name = 'NetworkError';
  }
}

/** A problem+json document: an object with a string `code`, a numeric `status` and a `title`. */
export function asProblem(value: unknown): Problem | null {
  if (typeof value !== 'object' || value === null) return null;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === 'string' &&
    typeof candidate.status === 'number' &&
    typeof candidate.title === 'string'
    ? (candidate as unknown as Problem)
    : null;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  headers?: Record<string, string>;
}

export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  let response: Response;
  try {
    if (method !== 'GET') dropEarlyReads();
    const early = method === 'GET' && !options.headers ? await takeEarlyRead(path) : undefined;
    response =
      early ??
      (await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: {
          accept: 'application/json, application/problem+json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }));
  } catch (error) {
    throw new NetworkError(error);
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) throw new ApiError(response.status, asProblem(parsed));
  return parsed as T;
}

/** A page of a list endpoint: `{ items, nextCursor }`. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
