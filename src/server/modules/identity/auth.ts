import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError } from 'better-auth/api';
import { twoFactor } from 'better-auth/plugins';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import { systemContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { fastPasswordHash } from '../../platform/fast-password-hash.js';
import type { Logger } from '../../platform/logger.js';
import { passwordResetCompleted, passwordResetRequested } from './service.js';
import {
  account,
  rateLimit,
  session,
  twoFactor as twoFactorTable,
  user,
  userProfile,
  verification,
} from './schema.js';

/** The header through which we hand Better Auth the client address Fastify resolved. */
export const CLIENT_IP_HEADER = 'x-consilium-client-ip';

/**
 * Sessions, password hashing, two-factor and sign-in rate limits are Better Auth's. Roles,
 * membership proof and access rules are ours (see service.ts and policy.ts).
 */
/**
 * Better Auth's own log lines can quote a failed query with its parameters (session tokens,
 * e-mail addresses). Only the first words of a message reach our log, never its arguments.
 */
function authLogger(log: Logger) {
  return {
    level: 'warn' as const,
    log: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => {
      const safe = /failed query|params:/i.test(message)
        ? 'a database query failed'
        : message
            .split('\n')[0]!
            .replace(/\S+@\S+/g, '[redacted]')
            .slice(0, 160);
      log[level]({ source: 'auth' }, safe);
    },
  };
}

/**
 * Better Auth's own paths we answer through routes of ours instead (a zod schema, our problem
 * codes): asking for a password reset and choosing the new password, asking for a link that
 * confirms an e-mail address and following it (routes.ts). Its pages that turn a link into a
 * redirect are linked from nowhere: our e-mails link to the web app's pages.
 */
const pathsServedByOurRoutes = [
  '/request-password-reset',
  '/reset-password',
  '/send-verification-email',
  '/verify-email',
];

export function createAuth(config: Config, db: Database, log: Logger, clock: Clock) {
  // Better Auth calls the reset hooks below outside any request of ours: they act as the system.
  const hookContext = () => systemContext({ clock, db, log }, `auth-${uuidv7()}`);
  return betterAuth({
    logger: authLogger(log),
    appName: 'Consilium',
    baseURL: config.publicUrl,
    basePath: '/api/auth',
    secret: config.authSecret,
    trustedOrigins: config.allowedOrigins,
    telemetry: { enabled: false },
    disabledPaths: pathsServedByOurRoutes,
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user, session, account, verification, twoFactor: twoFactorTable, rateLimit },
    }),
    emailAndPassword: {
      enabled: true,
      // Members sign up by proving membership (POST /api/v1/member-registrations); staff are
      // created by operations. Nobody creates an account through Better Auth's own sign-up.
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
      // Scrypt (Better Auth's default) everywhere but in tests that ask for a cheap hash.
      ...(config.passwordHash === 'fast' ? { password: fastPasswordHash } : {}),
      // "Forgot your password?": a single-use link, short-lived, e-mailed through our outbox in the
      // account's language; choosing the new password ends every session of the account. Two-step
      // sign-in is untouched: a staff member still gives their code at the next sign-in.
      resetPasswordTokenExpiresIn: config.passwordResetLinkMinutes * 60,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user: owner, token }) =>
        passwordResetRequested(hookContext(), {
          userId: owner.id,
          token,
          minutes: config.passwordResetLinkMinutes,
        }),
      onPasswordReset: async ({ user: owner }) => passwordResetCompleted(hookContext(), owner.id),
    },
    // The link that confirms a member's address: Better Auth signs its token (naming the account and
    // the address) and checks it; we make it at sign-up or on request, in the transaction that
    // writes the e-mail to our outbox (email-verification.ts), so Better Auth sends nothing itself.
    // Following the link opens no session: a link in a mailbox must not be a way into a medical
    // account (nor around two-step sign-in); whoever is signed in stays so, anyone else signs in.
    emailVerification: {
      expiresIn: config.emailVerificationLinkHours * 60 * 60,
      sendOnSignUp: false,
      autoSignInAfterVerification: false,
    },
    session: {
      expiresIn: 60 * 60 * 12,
      updateAge: 60 * 60,
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: config.signInAttemptsPerMinute },
        '/two-factor/verify-totp': { window: 60, max: config.signInAttemptsPerMinute },
        '/two-factor/verify-backup-code': { window: 60, max: config.signInAttemptsPerMinute },
      },
    },
    advanced: {
      cookiePrefix: 'consilium',
      useSecureCookies: config.publicUrl.startsWith('https://'),
      database: { generateId: () => uuidv7() },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    databaseHooks: {
      session: {
        create: {
          // A disabled account gets no new session, whatever its password.
          before: async (newSession) => {
            const [profile] = await db
              .select({ disabledAt: userProfile.disabledAt })
              .from(userProfile)
              .where(eq(userProfile.userId, String(newSession.userId)));
            if (!profile || profile.disabledAt) {
              throw new APIError('UNAUTHORIZED', {
                message: 'This account is disabled.',
                code: 'ACCOUNT_DISABLED',
              });
            }
          },
        },
      },
    },
    plugins: [twoFactor({ issuer: 'Consilium' })],
  });
}

export type Auth = ReturnType<typeof createAuth>;
