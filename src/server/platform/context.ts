import { AppError } from './errors.js';
import type { Role } from '../../shared/identity.js';
import type { Clock } from './clock.js';
import type { Database } from './db/index.js';
import type { FastifyBaseLogger } from 'fastify';

/** Who is acting. Resolved once per request from the session; `null` for anonymous requests. */
export interface Actor {
  userId: string;
  role: Role;
  name: string;
  /** Set for member accounts: the register entry the account belongs to. */
  memberId: string | null;
  /** Set for employer admins: the company they administer. */
  employerId: string | null;
  /** The actor's own time zone (IANA): the day "today" is for them. */
  timeZone: string;
  twoFactorEnabled: boolean;
  sessionId: string;
}

/**
 * What a use case needs to know about the request that called it. Passed explicitly: use cases
 * take `(ctx, input)` and read time, identity and the database from here only.
 */
export interface RequestContext {
  requestId: string;
  actor: Actor | null;
  clock: Clock;
  db: Database;
  log: FastifyBaseLogger;
}

/** A context for work started by the system itself (CLI, seeding, jobs). */
export function systemContext(
  deps: { clock: Clock; db: Database; log: FastifyBaseLogger },
  requestId: string,
): RequestContext {
  return { requestId, actor: null, clock: deps.clock, db: deps.db, log: deps.log };
}

/** The actor of a route that requires a session (the HTTP layer has already checked it). */
export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new AppError('auth.unauthenticated');
  return ctx.actor;
}
