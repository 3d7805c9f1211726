import type { FastifyReply, FastifyRequest } from 'fastify';
import { fromNodeHeaders } from 'better-auth/node';
import type { ErrorCode } from '../../../shared/errors.js';
import { isStaffRole } from '../../../shared/identity.js';
import { AppError } from '../../platform/errors.js';
import { sendProblem } from '../../platform/http/problem.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import { ActorCache, type ResolvedSession } from './actor-cache.js';
import { CLIENT_IP_HEADER } from './auth.js';
import {
  claimTwoFactorCode,
  clearSignInFailures,
  deleteSessionByToken,
  findActiveProfile,
  recordSignInFailure,
  signInBlockedUntil,
} from './repo.js';
import { isKnownDevice, knownDeviceCookie, QUIET_MS, throttleKey, waitAfter } from './sign-in-throttle.js';

/** Better Auth's error codes that have a meaning of their own in our catalogue. */
const authCodes: Record<string, ErrorCode> = {
  INVALID_EMAIL_OR_PASSWORD: 'auth.invalid_credentials',
  INVALID_PASSWORD: 'auth.invalid_credentials',
  ACCOUNT_DISABLED: 'auth.account_disabled',
  INVALID_CODE: 'auth.two_factor_invalid_code',
  INVALID_TWO_FACTOR_CODE: 'auth.two_factor_invalid_code',
  INVALID_BACKUP_CODE: 'auth.two_factor_invalid_code',
};

function codeForAuthFailure(status: number, authCode: string | undefined): ErrorCode {
  if (status === 429) return 'auth.rate_limited';
  if (authCode && authCodes[authCode]) return authCodes[authCode];
  if (status === 401) return 'auth.unauthenticated';
  if (status === 403) return 'auth.forbidden';
  if (status === 404) return 'route.not_found';
  return 'auth.request_refused';
}

function webRequestOf(request: FastifyRequest, publicUrl: string): Request {
  const headers = fromNodeHeaders(request.headers);
  // Only the address Fastify resolved (honouring TRUST_PROXY) counts for rate limits.
  headers.set(CLIENT_IP_HEADER, request.ip);
  headers.delete('content-length');
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== undefined;
  return new Request(new URL(request.url, publicUrl), {
    method: request.method,
    headers,
    body: hasBody ? JSON.stringify(request.body) : undefined,
  });
}

/**
 * A session lives in an HttpOnly cookie; a token in a body would hand it to scripts (and a list of
 * sessions would hand over every other session of the account). Every `token`, at any depth of
 * any answer, is left out.
 */
export function withoutTokens(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTokens);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([name]) => name !== 'token')
      .map(([name, child]) => [name, withoutTokens(child)]),
  );
}

/**
 * An authenticator code is good once. Better Auth checks that a code is right, not that it is
 * new: once it accepts one, the code is claimed for the account, and a code that already opened a
 * session loses the session just made (its cookie never leaves) and answers as a wrong code.
 */
async function isReplayedCode(request: FastifyRequest, response: Response, deps: AppDeps): Promise<boolean> {
  if (response.status !== 200 || request.url.split('?')[0] !== '/api/auth/two-factor/verify-totp')
    return false;
  const code = (request.body as { code?: unknown } | undefined)?.code;
  const answer = (await response
    .clone()
    .json()
    .catch(() => null)) as { token?: unknown; user?: { id?: unknown } } | null;
  const userId = answer?.user?.id;
  if (typeof code !== 'string' || typeof userId !== 'string') return false;
  if (await claimTwoFactorCode(deps.db, userId, code.trim(), deps.clock.now())) return false;
  if (typeof answer?.token === 'string') await deleteSessionByToken(deps.db, answer.token);
  return true;
}

/**
 * The slowdown per e-mail address of a password sign-in (sign-in-throttle.ts): null for any other
 * request. Before Better Auth is asked: a sign-in for an address that must wait, from a device
 * that never signed in to it, answers 429 with Retry-After. After: a wrong password is counted, a
 * right one clears the count and the device is remembered.
 */
async function signInThrottleOf(request: FastifyRequest, deps: AppDeps) {
  if (request.method !== 'POST' || request.url.split('?')[0] !== '/api/auth/sign-in/email') return null;
  const email = (request.body as { email?: unknown } | undefined)?.email;
  if (typeof email !== 'string' || email.length === 0 || email.length > 320) return null;
  const secret = deps.config.authSecret;
  const key = throttleKey(secret, email);
  const now = deps.clock.now();
  const blockedUntil = await signInBlockedUntil(deps.db, key);
  const waitMs =
    blockedUntil && blockedUntil > now && !isKnownDevice(request.headers.cookie, secret, key)
      ? blockedUntil.getTime() - now.getTime()
      : 0;
  return {
    waitMs,
    /** What the answer means for the count; the known-device cookie to add on a success. */
    async settle(status: number): Promise<string | null> {
      if (status === 401) {
        await recordSignInFailure(deps.db, { key, now: deps.clock.now(), quietMs: QUIET_MS, waitAfter });
        return null;
      }
      if (status !== 200) return null;
      await clearSignInFailures(deps.db, key);
      return knownDeviceCookie(
        request.headers.cookie,
        secret,
        key,
        deps.config.publicUrl.startsWith('https://'),
      );
    },
  };
}

/** Better Auth's endpoints under /api/auth, answering errors in our problem+json shape. */
export async function mountAuth(app: AppInstance, deps: AppDeps): Promise<void> {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    schema: { hide: true },
    config: { access: 'public' },
    async handler(request: FastifyRequest, reply: FastifyReply) {
      // Staff always sign in with a second step: they may set it up again, never turn it off.
      if (request.method === 'POST' && request.url.split('?')[0] === '/api/auth/two-factor/disable') {
        const found = await deps.auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
        const profile = found ? await findActiveProfile(deps.db, found.user.id) : undefined;
        if (profile && isStaffRole(profile.role)) {
          return sendProblem(
            request,
            reply,
            new AppError('auth.forbidden', { detail: 'Staff accounts keep two-step sign-in on.' }),
          );
        }
      }
      const throttle = await signInThrottleOf(request, deps);
      if (throttle && throttle.waitMs > 0) {
        const error = new AppError('auth.rate_limited', {
          headers: { 'retry-after': String(Math.ceil(throttle.waitMs / 1000)) },
        });
        return sendProblem(request, reply, error);
      }
      const response = await deps.auth.handler(webRequestOf(request, deps.config.publicUrl));
      // Signing out, ending sessions, a new password, two-step sign-in: what this instance remembers
      // of the caller's account goes before the answer leaves (the others hear the database).
      if (request.method === 'POST') {
        const credential = sessionCredentialOf(request.headers.cookie, await sessionCookieName(deps));
        if (credential !== undefined) deps.actorCache.forgetAccountOf(ActorCache.keyOf(credential));
      }
      if (await isReplayedCode(request, response, deps)) {
        return sendProblem(request, reply, new AppError('auth.two_factor_invalid_code'));
      }
      const deviceCookie = await throttle?.settle(response.status);
      const setCookies = [...response.headers.getSetCookie(), ...(deviceCookie ? [deviceCookie] : [])];
      if (setCookies.length > 0) reply.header('set-cookie', setCookies);
      if (response.status >= 400) {
        const body = (await response.json().catch(() => ({}))) as { code?: string };
        const retryAfter = response.headers.get('x-retry-after');
        const error = new AppError(codeForAuthFailure(response.status, body.code), {
          extensions: body.code ? { authCode: body.code } : undefined,
          headers: retryAfter ? { 'retry-after': retryAfter } : undefined,
        });
        return sendProblem(request, reply, error);
      }
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie' && name !== 'content-length' && name !== 'content-encoding')
          reply.header(name, value);
      });
      reply.status(response.status);
      if ((response.headers.get('content-type') ?? '').includes('application/json')) {
        return reply.send(withoutTokens(await response.json()));
      }
      return reply.send(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
    },
  });
}

/** The name of Better Auth's session cookie (with its `__Secure-` prefix over HTTPS). */
async function sessionCookieName(deps: AppDeps): Promise<string> {
  return (await deps.auth.$context).authCookies.sessionToken.name;
}

/**
 * The session cookie's value, when the request carries it exactly once (a request with two would
 * leave which one Better Auth reads to its parser: such a request is never answered from memory).
 */
function sessionCredentialOf(cookieHeader: string | undefined, cookieName: string): string | undefined {
  if (!cookieHeader) return undefined;
  let found: string | undefined;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== cookieName) continue;
    if (found !== undefined) return undefined;
    found = part.slice(separator + 1).trim();
  }
  return found || undefined;
}

/**
 * The session of a request, as Better Auth and the profile resolve it: null when there is none or
 * it has expired, `disabled` when its account is disabled. Remembered per session credential (the
 * actor cache, actor-cache.ts) while it stays valid, so that a signed-in call usually costs neither
 * the cookie's signature check nor a database read.
 */
async function resolveSession(
  request: FastifyRequest,
  deps: AppDeps,
  sessionCookie: string,
): Promise<ResolvedSession | null | 'disabled'> {
  const cache = deps.actorCache;
  const credential = sessionCredentialOf(request.headers.cookie, sessionCookie);
  const key = credential === undefined ? undefined : ActorCache.keyOf(credential);
  if (key !== undefined) {
    const remembered = cache.get(key, deps.clock.now());
    if (remembered) {
      cache.counts.hits += 1;
      return remembered;
    }
  }
  cache.counts.misses += 1;
  const ticket = cache.ticket();
  const found = await deps.auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
  if (!found) return null;
  const profile = await findActiveProfile(deps.db, found.user.id);
  if (!profile) return 'disabled';
  const resolved: ResolvedSession = {
    actor: {
      userId: found.user.id,
      role: profile.role,
      name: found.user.name,
      memberId: profile.memberId,
      employerId: profile.employerId,
      timeZone: profile.timeZone,
      twoFactorEnabled: Boolean((found.user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled),
      sessionId: found.session.id,
    },
    passwordChangeRequired: profile.passwordChangeRequired,
    expiresAt: new Date(found.session.expiresAt).getTime(),
  };
  if (key !== undefined) cache.remember(key, resolved, ticket);
  return resolved;
}

/**
 * Resolves the signed-in actor for every /api route that is not public. A missing or expired
 * session answers 401; a disabled account answers 401 and its session is ignored; staff without
 * two-factor reach only the routes that let them enrol.
 */
export function resolveActorHook(deps: AppDeps) {
  // Listening starts with the first app built (a process that serves no API never listens).
  void deps.actorCache.start();
  let sessionCookie: string | undefined;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const routeConfig = request.routeOptions.config;
    if (routeConfig.access === 'public') return;
    sessionCookie ??= await sessionCookieName(deps);
    const resolved = await resolveSession(request, deps, sessionCookie);
    if (!resolved) return sendProblem(request, reply, new AppError('auth.unauthenticated'));
    if (resolved === 'disabled') return sendProblem(request, reply, new AppError('auth.account_disabled'));
    // A copy: nothing a request does to its actor may reach the next request's.
    const actor = { ...resolved.actor };
    request.ctx.actor = actor;
    if (resolved.passwordChangeRequired && !routeConfig.allowWithoutTwoFactor) {
      return sendProblem(request, reply, new AppError('auth.password_change_required'));
    }
    if (isStaffRole(actor.role) && !actor.twoFactorEnabled && !routeConfig.allowWithoutTwoFactor) {
      return sendProblem(request, reply, new AppError('auth.two_factor_required'));
    }
  };
}
