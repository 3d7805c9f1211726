import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
  index,
  primaryKey,
} from 'drizzle-orm/pg-core';
import {
  roles,
  type ContactTimeWindow,
  type ContactPreferences,
  type WeeklyShift,
} from '../../../shared/identity.js';
import { employer, member } from '../plans/schema.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

// --- Tables owned by Better Auth (sessions, password hashes, TOTP secrets). Field names are the
// --- ones Better Auth expects; column names follow our snake_case convention.

export const user = pgTable('user', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  twoFactorEnabled: boolean('two_factor_enabled').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const session = pgTable(
  'session',
  {
    id: uuid('id').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    token: text('token').notNull().unique(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('session_user_id_idx').on(t.userId)],
);

export const account = pgTable(
  'account',
  {
    id: uuid('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
    scope: text('scope'),
    password: text('password'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('account_user_id_idx').on(t.userId)],
);

export const verification = pgTable(
  'verification',
  {
    id: uuid('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('verification_identifier_idx').on(t.identifier)],
);

export const twoFactor = pgTable(
  'two_factor',
  {
    id: uuid('id').primaryKey(),
    secret: text('secret').notNull(),
    backupCodes: text('backup_codes').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    verified: boolean('verified').notNull().default(true),
    failedVerificationCount: integer('failed_verification_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [index('two_factor_user_id_idx').on(t.userId), index('two_factor_secret_idx').on(t.secret)],
);

/** Sign-in attempt counters, in the database so that every instance shares them. */
export const rateLimit = pgTable('rate_limit', {
  id: uuid('id').primaryKey(),
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
});

// --- Our own: what a person is to Consilium.

export const roleEnum = pgEnum('role', roles);

export const userProfile = pgTable('user_profile', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  role: roleEnum('role').notNull(),
  /** The register entry a member account proved it belongs to. */
  memberId: uuid('member_id')
    .unique()
    .references(() => member.id),
  /** For an employer admin: the company whose aggregate figures they may see. */
  employerId: uuid('employer_id').references(() => employer.id),
  locale: text('locale').notNull().default('en'),
  timeZone: text('time_zone').notNull().default('UTC'),
  country: text('country'),
  /** How a member likes to be reached; the request form starts from these. */
  preferredContactChannel: text('preferred_contact_channel').$type<ContactPreferences['channel']>(),
  preferredContactWindows: jsonb('preferred_contact_windows')
    .$type<ContactTimeWindow[]>()
    .notNull()
    .default([]),
  /** The member's phone number, E.164 (personal data: never logged); a new request starts from it. */
  phone: text('phone'),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  /**
   * An account kept for trying the service out (training, checks in production): it works as any
   * other, but what it does never counts in figures (a service review's stars, for instance).
   */
  testAccount: boolean('test_account').notNull().default(false),
  /** Set for a staff account created with a temporary password, until its owner chooses one. */
  passwordChangeRequired: boolean('password_change_required').notNull().default(false),
  createdBy: uuid('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const staffProfile = pgTable('staff_profile', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  languages: text('languages')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  weeklyShifts: jsonb('weekly_shifts').$type<WeeklyShift[]>().notNull().default([]),
  maxOpenCases: integer('max_open_cases').notNull().default(40),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * Authenticator codes that have opened a session, kept for a few minutes: a code is good once, so
 * that one seen over a shoulder or through a proxy cannot open a second session (RFC 6238, 5.2).
 */
export const twoFactorCodeUse = pgTable(
  'two_factor_code_use',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.code] })],
);

/**
 * Failed passwords per e-mail address, for the slowdown of sign-in-throttle.ts. Keyed by an HMAC
 * of the lowercased address, so that no address is stored (an address without an account is
 * counted alike, and so answered alike). Shared by every instance.
 */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  /** The latest failure: a quiet quarter of an hour since then starts the count again. */
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
  /** Until then, a sign-in for this address waits (429), unless from a device it signed in on. */
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});
