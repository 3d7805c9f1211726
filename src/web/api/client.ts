import { z } from 'zod';
import type { ErrorCode, Problem } from '../../shared/errors';

/**
 * The one way the web app talks to the API: same-origin fetch with the session cookie, JSON in
 * and out, every answer checked against the shared zod schema, every failure an ApiError that
 * carries the problem's stable `code` (which the app translates, never the English title).
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

const ProblemShape = z.looseObject({ code: z.string(), status: z.number(), title: z.string() });

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  body?: unknown,
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json, application/problem+json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
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
  if (!response.ok) {
    const problem = ProblemShape.safeParse(parsed);
    throw new ApiError(response.status, problem.success ? (problem.data as unknown as Problem) : null);
  }
  return schema.parse(parsed);
}

/** A page of a list endpoint: `{ items, nextCursor }`. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
