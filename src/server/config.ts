import { createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ObjectStoreSettings } from './platform/storage/object-store.js';

/**
 * Every setting the server reads, parsed once at boot. Nothing else in the code base reads
 * `process.env`: modules receive the parsed `Config`.
 */
const booleanSetting = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const base64Key32 = z.string().refine((value) => Buffer.from(value, 'base64').length === 32, {
  message: 'must be 32 bytes encoded in base64 (generate one with `openssl rand -base64 32`)',
});

const settingsSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url({ message: 'must be an absolute URL such as https://consilium.example.org' }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// connection URL' })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Consilium <no-reply@consilium.localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUTH_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  DOCUMENT_MASTER_KEY: base64Key32.optional(),
  TRUST_PROXY: booleanSetting.default(false),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(200 * 1024 * 1024),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_STORE: z.enum(['postgres', 'memory']).default('postgres'),
  SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  PASSWORD_RESET_LINK_MINUTES: z.coerce.number().int().min(5).max(120).default(30),
  EMAIL_VERIFICATION_LINK_HOURS: z.coerce.number().int().min(2).max(168).default(24),
  SEED_DEMO: booleanSetting.optional(),
  /** Production on the embedded PostgreSQL (a trial on one machine): refused unless set. */
  ALLOW_EMBEDDED_DATABASE: booleanSetting.default(false),
  SLA_WARNING_HOURS_BEFORE: z.coerce.number().positive().max(24).default(6),
  SLA_ESCALATION_HOURS_BEFORE: z.coerce.number().positive().max(24).default(2),
  PLANNER_SEEDS: z.coerce.number().int().min(1).max(50).default(20),
  PLANNER_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  REVIEW_OFFER_HOURS: z.coerce.number().positive().max(168).default(12),
  REVIEW_DUE_HOURS: z.coerce.number().positive().max(720).default(48),
  RECORDS_LINK_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  REVIEW_REMINDER_HOURS_BEFORE: z.coerce.number().positive().max(168).default(12),
  FOLLOWUP_ANSWER_HOURS: z.coerce.number().positive().max(720).default(72),
  FOLLOWUP_REMINDER_HOURS_BEFORE: z.coerce.number().positive().max(168).default(24),
  PREAUTH_SECOND_APPROVAL_ABOVE: z
    .string()
    .regex(/^([A-Z]{3}=\d+)(,[A-Z]{3}=\d+)*$/, {
      message: 'must be currency=amount pairs in whole units, such as USD=10000,AED=40000',
    })
    .default('USD=10000,EUR=10000,GBP=8000,CHF=10000,AED=40000,SAR=40000,JPY=1500000'),
  /** Months after delivery at which the outcome check-ins fall: comma-separated, or `none`. */
  OUTCOME_CHECK_IN_MONTHS: z
    .string()
    .trim()
    .regex(/^(none|[1-9]\d?(\s*,\s*[1-9]\d?)*)$/, {
      message: 'must be months after delivery separated by commas (such as 3,6), or none',
    })
    .transform((value) =>
      value === 'none' ? [] : [...new Set(value.split(',').map(Number))].sort((a, b) => a - b),
    )
    .default([3, 6]),
  STREAM_HEARTBEAT_SECONDS: z.coerce.number().positive().max(300).default(15),
  STREAM_SAFETY_POLL_SECONDS: z.coerce.number().positive().max(300).default(10),
  ACTOR_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  ACTOR_CACHE_TTL_SECONDS: z.coerce.number().min(0).max(300).default(30),
  WEB_BUILD: z.enum(['auto', 'off']).default('auto'),
  /** `fast`: a cheap password hash for the tests, refused unless NODE_ENV=test. */
  PASSWORD_HASH: z.enum(['scrypt', 'fast']).default('scrypt'),
  API_DOCS: z.enum(['public', 'off']).optional(),
  AUDIT_SIGNING_KEY: z.string().optional(),
  OBJECT_STORE_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
      message: 'must be an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens)',
    })
    .optional(),
  OBJECT_STORE_ENDPOINT: z
    .url({ message: 'must be an absolute URL such as https://s3.eu-central-1.amazonaws.com' })
    .optional(),
  OBJECT_STORE_REGION: z.string().min(1).default('us-east-1'),
  OBJECT_STORE_ACCESS_KEY_ID: z.string().min(1).optional(),
  OBJECT_STORE_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  OBJECT_STORE_FORCE_PATH_STYLE: booleanSetting.optional(),
  OBJECT_STORE_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9._-]+\/)*$/, { message: 'must be empty or end with a slash, such as consilium/' })
    .default(''),
  AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  RECORD_RETENTION_YEARS: z.coerce.number().int().min(0).max(100).default(10),
  RECORD_RETENTION_BY_COUNTRY: z
    .string()
    .regex(/^([A-Z]{2}=\d{1,3}(,[A-Z]{2}=\d{1,3})*)?$/, {
      message: 'must be country=years pairs separated by commas, such as FR=20,DE=10',
    })
    .default(''),
  DATA_EXPORT_VALID_HOURS: z.coerce.number().positive().max(168).default(24),
  PRIVACY_REMINDER_DAYS_BEFORE: z.coerce.number().int().min(1).max(27).default(7),
  ERASURE_LEDGER_FILE: z.string().min(1).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({ protocol: /^https?$/, message: 'must be the http:// or https:// address of an OTLP collector' })
    .optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('consilium'),
  METRICS_TOKEN: z
    .string()
    .min(16, { message: 'must be at least 16 characters (`openssl rand -hex 24`)' })
    .optional(),
});

export type Settings = z.infer<typeof settingsSchema>;

export interface Config {
  env: Settings['NODE_ENV'];
  port: number;
  host: string;
  /** The address users reach, without a trailing slash: links, cookies and the start-up banner. */
  publicUrl: string;
  /**
   * The origins whose pages may write (sign in, send, upload): the public URL's, and outside
   * production, when it is a loopback address, the other spellings of the same loopback address
   * (`localhost`, `127.0.0.1`, `[::1]` on the same port), so that whichever one a developer types
   * signs in.
   */
  allowedOrigins: string[];
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: Settings['LOG_LEVEL'];
  authSecret: string;
  documentMasterKey: Buffer;
  trustProxy: boolean;
  bodyLimitBytes: number;
  /** The largest document a member or case manager may upload (multipart or resumable). */
  documentMaxBytes: number;
  rateLimitPerMinute: number;
  /**
   * Where the API's rate limit counts: `postgres` (shared by every instance on the database) or
   * `memory` (each instance its own count: one instance only).
   */
  rateLimitStore: 'postgres' | 'memory';
  signInAttemptsPerMinute: number;
  /** How long a password-reset link works (it works once). */
  passwordResetLinkMinutes: number;
  /** How long the link that confirms a member's e-mail address works. */
  emailVerificationLinkHours: number;
  seedDemo: boolean;
  sla: { warningBeforeMs: number; escalationBeforeMs: number };
  /**
   * The staffing planner of the ops console: the seeds a proposed roster is confirmed over, and
   * the worker threads its simulations run on (0: in the job's own thread).
   */
  planner: { seeds: number; threads: number | undefined };
  /**
   * Specialist reviews: how long an offer stands, how long after acceptance the opinion is due,
   * and how long before that the specialist is reminded.
   */
  review: { offerWindowMs: number; dueMs: number; reminderBeforeMs: number };
  /**
   * Follow-up questions to the specialists after delivery: how long a specialist has to answer, and
   * how long before that they are reminded (the case manager is told when the answer is late).
   */
  followup: { answerMs: number; reminderBeforeMs: number };
  /** Months after delivery of a reviewed case's recommendations at which its outcome check-ins fall. */
  outcomeCheckInMonths: readonly number[];
  /**
   * A pre-authorisation approved for more than this (whole units of its currency) takes a second
   * cover assessor; in a currency not listed, every approval takes two.
   */
  preauthorisation: { secondApprovalAbove: Record<string, number> };
  /** A treating provider's upload link works this long after it is sent (RECORDS_LINK_DAYS). */
  records: { linkMs: number };
  /**
   * Live case streams: a heartbeat comment (and a check that the session still holds) this often,
   * and a re-read of the database this often even without a wake-up.
   */
  stream: { heartbeatMs: number; safetyPollMs: number };
  /**
   * Each instance remembers the actor of up to `max` sessions for at most `ttlMs`, forgotten on
   * every instance when they change (docs/decisions/0019-actor-cache.md); either at 0 turns it off.
   */
  actorCache: { max: number; ttlMs: number };
  /**
   * `auto`: at start-up, build the web app when `dist/web` is missing or older than its sources.
   * `off`: serve whatever `dist/web` holds (`npm run dev`, where Vite serves the app itself).
   */
  webBuild: 'auto' | 'off';
  /** How passwords are hashed: Better Auth's scrypt, or a cheap hash in tests (`fast-password-hash.ts`). */
  passwordHash: 'scrypt' | 'fast';
  /** `/api/docs` and `/api/openapi.json` are served (to anyone) only when true: off in production by default. */
  apiDocs: boolean;
  /**
   * The audit trail's anchors outside the database: each sealed chain head is signed with
   * `signingKey` (Ed25519) and appended to `anchorFile`. Without a key (development, or the
   * embedded database) one is generated once into `keyFile`, beside the database, never in it.
   */
  audit: { signingKey: KeyObject | undefined; keyFile: string; anchorFile: string };
  /**
   * Where documents and unfinished resumable uploads are kept: an S3-compatible bucket shared by
   * every instance, or (undefined) the local folders `DATA_DIR/documents` and `DATA_DIR/uploads`.
   */
  objectStore: ObjectStoreSettings | undefined;
  /** The bearer token Prometheus sends to `/metrics`; without it `/metrics` answers 404. */
  metricsToken: string | undefined;
  /**
   * Data-subject rights: how long medical records are kept after a case ends (years, with
   * exceptions by the member's country), how long an export archive can be downloaded, how many
   * days before a request's deadline the privacy officers are reminded, and the erasure ledger's
   * file outside the database (replayed at start).
   */
  privacy: {
    retentionYears: number;
    retentionByCountry: Record<string, number>;
    exportValidMs: number;
    reminderBeforeMs: number;
    erasureLedgerFile: string;
  };
  /** Traces are exported over OTLP/HTTP to `otlpEndpoint` when it is set, under `serviceName`. */
  tracing: { otlpEndpoint: string | undefined; serviceName: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Consilium cannot start, the configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

interface LocalSecrets {
  authSecret: string;
  documentMasterKey: string;
}

/** Development secrets live in the data folder so that sessions and documents survive restarts. */
function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const damaged = new ConfigError([`${file} is damaged: delete it to generate new secrets`]);
    let stored: unknown;
    try {
      stored = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      // An empty or cut-short file (a crash while it was first written) is damaged too.
      throw damaged;
    }
    const parsed = z
      .object({ authSecret: z.string().min(32), documentMasterKey: base64Key32 })
      .safeParse(stored);
    if (!parsed.success) throw damaged;
    return parsed.data;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: LocalSecrets = {
    authSecret: randomBytes(32).toString('base64url'),
    documentMasterKey: randomBytes(32).toString('base64'),
  };
  // Written whole to a temporary file, then linked into place: a crash never leaves half a file,
  // and when two processes start at once the first link wins and the other reads its secrets.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return loadOrCreateLocalSecrets(dataDir);
  } finally {
    rmSync(temporary, { force: true });
  }
  return secrets;
}

/** An Ed25519 private key, as PEM (PKCS#8) or as its DER bytes in base64. */
function parseSigningKey(value: string): KeyObject | string {
  try {
    const text = value.trim();
    const key = text.startsWith('-----BEGIN')
      ? createPrivateKey(text)
      : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType !== 'ed25519') return 'AUDIT_SIGNING_KEY: must be an Ed25519 private key';
    return key;
  } catch {
    return 'AUDIT_SIGNING_KEY: must be an Ed25519 private key, PEM or base64 PKCS#8 (`openssl genpkey -algorithm ed25519`)';
  }
}

const loopbackHosts = ['localhost', '127.0.0.1', '[::1]'];

function allowedOriginsFor(publicUrl: string, production: boolean): string[] {
  const url = new URL(publicUrl);
  if (production || !loopbackHosts.includes(url.hostname)) return [url.origin];
  const port = url.port ? `:${url.port}` : '';
  return [url.origin, ...loopbackHosts.map((host) => `${url.protocol}//${host}${port}`)].filter(
    (origin, index, all) => all.indexOf(origin) === index,
  );
}

/**
 * The operator's locale as the environment gives it (LC_ALL, LC_MESSAGES, LANG): the language the
 * operator commands that speak it (`plan`) write in. Not a setting of the server.
 */
export function operatorLocaleEnv(
  env: Record<string, string | undefined> = process.env,
): Record<'LC_ALL' | 'LC_MESSAGES' | 'LANG', string | undefined> {
  return { LC_ALL: env.LC_ALL, LC_MESSAGES: env.LC_MESSAGES, LANG: env.LANG };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blankAsUnset = Object.fromEntries(
    // `PORT= ` in an env file means unset; read as a number it would silently be port 0.
    Object.keys(settingsSchema.shape).map((key) => [key, env[key]?.trim() === '' ? undefined : env[key]]),
  );
  const parsed = settingsSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const s = parsed.data;
  const dataDir = path.resolve(s.DATA_DIR);
  const production = s.NODE_ENV === 'production';
  if (s.PASSWORD_HASH === 'fast' && s.NODE_ENV !== 'test')
    throw new ConfigError(['PASSWORD_HASH: `fast` is for tests only (NODE_ENV=test); leave it unset']);

  let authSecret = s.AUTH_SECRET;
  let documentMasterKey = s.DOCUMENT_MASTER_KEY;
  if (production) {
    const missing = [
      !authSecret && 'AUTH_SECRET: required when NODE_ENV=production (at least 32 random characters)',
      !documentMasterKey &&
        'DOCUMENT_MASTER_KEY: required when NODE_ENV=production (32 bytes in base64: `openssl rand -base64 32`)',
      !s.SMTP_URL &&
        'SMTP_URL: required when NODE_ENV=production, or e-mails would only be written to files (smtp://user:pass@relay:587)',
      !s.DATABASE_URL &&
        !s.ALLOW_EMBEDDED_DATABASE &&
        'DATABASE_URL: required when NODE_ENV=production (postgres://user:pass@host:5432/consilium); the embedded PostgreSQL is for development and trials (ALLOW_EMBEDDED_DATABASE=true runs production on it anyway)',
    ].filter((problem): problem is string => typeof problem === 'string');
    if (missing.length > 0) throw new ConfigError(missing);
  } else if (!authSecret || !documentMasterKey) {
    const local = loadOrCreateLocalSecrets(dataDir);
    authSecret ??= local.authSecret;
    documentMasterKey ??= local.documentMasterKey;
  }

  const signingKey = s.AUDIT_SIGNING_KEY === undefined ? undefined : parseSigningKey(s.AUDIT_SIGNING_KEY);
  if (typeof signingKey === 'string') throw new ConfigError([signingKey]);
  if (production && s.DATABASE_URL && !signingKey)
    throw new ConfigError([
      'AUDIT_SIGNING_KEY: required when NODE_ENV=production with DATABASE_URL (an Ed25519 private key: `openssl genpkey -algorithm ed25519`), kept away from the database',
    ]);

  const objectStore = objectStoreOf(s);
  if (typeof objectStore === 'string') throw new ConfigError([objectStore]);

  const publicUrl = (s.PUBLIC_URL ?? `http://localhost:${s.PORT}`).replace(/\/$/, '');
  return {
    env: s.NODE_ENV,
    port: s.PORT,
    host: s.HOST,
    publicUrl,
    allowedOrigins: allowedOriginsFor(publicUrl, production),
    dataDir,
    databaseUrl: s.DATABASE_URL,
    databasePoolSize: s.DATABASE_POOL_SIZE,
    smtpUrl: s.SMTP_URL,
    mailFrom: s.MAIL_FROM,
    logLevel: s.LOG_LEVEL,
    authSecret: authSecret as string,
    documentMasterKey: Buffer.from(documentMasterKey as string, 'base64'),
    trustProxy: s.TRUST_PROXY,
    bodyLimitBytes: s.BODY_LIMIT_BYTES,
    documentMaxBytes: s.DOCUMENT_MAX_BYTES,
    rateLimitPerMinute: s.RATE_LIMIT_PER_MINUTE,
    rateLimitStore: s.RATE_LIMIT_STORE,
    signInAttemptsPerMinute: s.SIGN_IN_ATTEMPTS_PER_MINUTE,
    passwordResetLinkMinutes: s.PASSWORD_RESET_LINK_MINUTES,
    emailVerificationLinkHours: s.EMAIL_VERIFICATION_LINK_HOURS,
    seedDemo: s.SEED_DEMO ?? !production,
    sla: {
      warningBeforeMs: s.SLA_WARNING_HOURS_BEFORE * 3_600_000,
      escalationBeforeMs: s.SLA_ESCALATION_HOURS_BEFORE * 3_600_000,
    },
    records: { linkMs: s.RECORDS_LINK_DAYS * 86_400_000 },
    planner: { seeds: s.PLANNER_SEEDS, threads: s.PLANNER_THREADS },
    review: {
      offerWindowMs: s.REVIEW_OFFER_HOURS * 3_600_000,
      dueMs: s.REVIEW_DUE_HOURS * 3_600_000,
      reminderBeforeMs: s.REVIEW_REMINDER_HOURS_BEFORE * 3_600_000,
    },
    followup: {
      answerMs: s.FOLLOWUP_ANSWER_HOURS * 3_600_000,
      reminderBeforeMs: s.FOLLOWUP_REMINDER_HOURS_BEFORE * 3_600_000,
    },
    preauthorisation: {
      secondApprovalAbove: Object.fromEntries(
        s.PREAUTH_SECOND_APPROVAL_ABOVE.split(',').map((pair) => {
          const [currency, amount] = pair.split('=');
          return [currency!, Number(amount)];
        }),
      ),
    },
    outcomeCheckInMonths: s.OUTCOME_CHECK_IN_MONTHS,
    stream: {
      heartbeatMs: s.STREAM_HEARTBEAT_SECONDS * 1000,
      safetyPollMs: s.STREAM_SAFETY_POLL_SECONDS * 1000,
    },
    actorCache: { max: s.ACTOR_CACHE_SIZE, ttlMs: s.ACTOR_CACHE_TTL_SECONDS * 1000 },
    webBuild: s.WEB_BUILD,
    passwordHash: s.PASSWORD_HASH,
    apiDocs: (s.API_DOCS ?? (production ? 'off' : 'public')) === 'public',
    audit: {
      signingKey,
      keyFile: path.join(dataDir, 'audit-signing-key.pem'),
      anchorFile: path.resolve(s.AUDIT_ANCHOR_FILE ?? path.join(dataDir, 'audit', 'anchors.jsonl')),
    },
    objectStore,
    metricsToken: s.METRICS_TOKEN,
    privacy: {
      retentionYears: s.RECORD_RETENTION_YEARS,
      retentionByCountry: Object.fromEntries(
        s.RECORD_RETENTION_BY_COUNTRY.split(',')
          .filter(Boolean)
          .map((pair) => {
            const [country, years] = pair.split('=');
            return [country as string, Number(years)];
          }),
      ),
      exportValidMs: s.DATA_EXPORT_VALID_HOURS * 3_600_000,
      reminderBeforeMs: s.PRIVACY_REMINDER_DAYS_BEFORE * 86_400_000,
      erasureLedgerFile: path.resolve(
        s.ERASURE_LEDGER_FILE ?? path.join(dataDir, 'privacy', 'erasure-ledger.jsonl'),
      ),
    },
    tracing: { otlpEndpoint: s.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: s.OTEL_SERVICE_NAME },
  };
}

/** The object store's settings, undefined without a bucket, or the one problem with them. */
function objectStoreOf(s: Settings): ObjectStoreSettings | undefined | string {
  const keyId = s.OBJECT_STORE_ACCESS_KEY_ID;
  const secret = s.OBJECT_STORE_SECRET_ACCESS_KEY;
  if (!s.OBJECT_STORE_BUCKET) {
    const stray = [
      s.OBJECT_STORE_ENDPOINT && 'OBJECT_STORE_ENDPOINT',
      keyId && 'OBJECT_STORE_ACCESS_KEY_ID',
      secret && 'OBJECT_STORE_SECRET_ACCESS_KEY',
    ].filter(Boolean);
    return stray.length > 0
      ? `OBJECT_STORE_BUCKET: required with ${stray.join(', ')} (documents would otherwise go to the local folder unnoticed)`
      : undefined;
  }
  if (Boolean(keyId) !== Boolean(secret))
    return 'OBJECT_STORE_ACCESS_KEY_ID and OBJECT_STORE_SECRET_ACCESS_KEY: set both, or neither (the SDK then finds credentials itself)';
  return {
    bucket: s.OBJECT_STORE_BUCKET,
    endpoint: s.OBJECT_STORE_ENDPOINT,
    region: s.OBJECT_STORE_REGION,
    credentials: keyId && secret ? { accessKeyId: keyId, secretAccessKey: secret } : undefined,
    forcePathStyle: s.OBJECT_STORE_FORCE_PATH_STYLE ?? s.OBJECT_STORE_ENDPOINT !== undefined,
    prefix: s.OBJECT_STORE_PREFIX,
  };
}
