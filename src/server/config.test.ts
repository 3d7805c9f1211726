import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const secrets = {
  AUTH_SECRET: randomBytes(32).toString('base64url'),
  DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
};

const folders: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'consilium-config-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The problems a configuration is refused for; fails the test when it is accepted. */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`the configuration was accepted: ${JSON.stringify(env)}`);
}

describe('loadConfig: defaults', () => {
  it('starts on port 3000 of the loopback address with the documented defaults', () => {
    const config = loadConfig({ NODE_ENV: 'test', ...secrets });
    expect(config).toMatchObject({
      env: 'test',
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      databasePoolSize: 10,
      smtpUrl: undefined,
      logLevel: 'info',
      trustProxy: false,
      bodyLimitBytes: 1_048_576,
      rateLimitPerMinute: 600,
      signInAttemptsPerMinute: 5,
      seedDemo: true,
      authSecret: secrets.AUTH_SECRET,
    });
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.documentMasterKey).toEqual(Buffer.from(secrets.DOCUMENT_MASTER_KEY, 'base64'));
  });

  it('treats a blank setting as unset, and reads the ones given', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      ...secrets,
      PORT: '',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'yes',
      PUBLIC_URL: 'https://consilium.example.org/',
      DATABASE_URL: 'postgresql://app@db.internal:5432/consilium',
    });
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('warn');
    expect(config.trustProxy).toBe(true);
    expect(config.publicUrl).toBe('https://consilium.example.org');
    expect(config.databaseUrl).toBe('postgresql://app@db.internal:5432/consilium');
  });

  it('plans the outcome check-ins 3 and 6 months after delivery unless told otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test', ...secrets }).outcomeCheckInMonths).toEqual([3, 6]);
    const read = (value: string) =>
      loadConfig({ NODE_ENV: 'test', ...secrets, OUTCOME_CHECK_IN_MONTHS: value }).outcomeCheckInMonths;
    expect(read('12, 1,6,6')).toEqual([1, 6, 12]);
    expect(read('none')).toEqual([]);
    for (const wrong of ['three', '0', '3;6', '3,', '-3'])
      expect(problemsOf({ NODE_ENV: 'test', ...secrets, OUTCOME_CHECK_IN_MONTHS: wrong })).toEqual([
        expect.stringMatching(/^OUTCOME_CHECK_IN_MONTHS: /),
      ]);
  });

  it('treats a setting of only spaces as unset, rather than as port 0', () => {
    const config = loadConfig({ NODE_ENV: 'test', ...secrets, PORT: '  ', DATABASE_POOL_SIZE: ' ' });
    expect(config.port).toBe(3000);
    expect(config.databasePoolSize).toBe(10);
  });

  it('does not seed demo data in production unless told to', () => {
    const production = {
      NODE_ENV: 'production',
      ...secrets,
      SMTP_URL: 'smtp://relay.example.org:587',
      ALLOW_EMBEDDED_DATABASE: 'true',
    };
    expect(loadConfig(production).seedDemo).toBe(false);
    expect(loadConfig({ ...production, SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });
});

describe('loadConfig: a bad setting is refused, naming the setting', () => {
  const base = { NODE_ENV: 'test', ...secrets };

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://root@localhost/consilium'],
    ['LOG_LEVEL', 'loud'],
    ['DOCUMENT_MASTER_KEY', randomBytes(16).toString('base64')],
    ['DOCUMENT_MASTER_KEY', randomBytes(32).toString('hex')],
    ['AUTH_SECRET', 'too-short'],
    ['PUBLIC_URL', 'consilium.example.org'],
    ['SMTP_URL', 'http://mail.example.org'],
    ['TRUST_PROXY', 'maybe'],
    ['BODY_LIMIT_BYTES', '10'],
    ['NODE_ENV', 'staging'],
    ['RATE_LIMIT_STORE', 'redis'],
    ['METRICS_TOKEN', 'short'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'otel-collector:4318'],
  ])('%s=%s', (setting, value) => {
    const problems = problemsOf({ ...base, [setting]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${setting}: `));
  });

  it('lists every bad setting at once, and says how to fix the key', () => {
    const problems = problemsOf({ ...base, PORT: 'abc', LOG_LEVEL: 'loud', DOCUMENT_MASTER_KEY: 'c2hvcnQ=' });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'DOCUMENT_MASTER_KEY',
      'LOG_LEVEL',
      'PORT',
    ]);
    expect(problems.find((problem) => problem.startsWith('DOCUMENT_MASTER_KEY'))).toContain('32 bytes');
  });

  it('the error message a person sees names the setting too', () => {
    expect(() => loadConfig({ ...base, PORT: 'abc' })).toThrow(/PORT/);
  });
});

describe('loadConfig: the shared rate limit, metrics and traces', () => {
  it('counts in PostgreSQL, serves no metrics and records no span unless told to', () => {
    expect(loadConfig({ NODE_ENV: 'test', ...secrets })).toMatchObject({
      rateLimitStore: 'postgres',
      metricsToken: undefined,
      tracing: { otlpEndpoint: undefined, serviceName: 'consilium' },
    });
  });

  it('reads the memory store, the metrics token and the collector', () => {
    const token = randomBytes(24).toString('hex');
    expect(
      loadConfig({
        NODE_ENV: 'test',
        ...secrets,
        RATE_LIMIT_STORE: 'memory',
        METRICS_TOKEN: token,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
        OTEL_SERVICE_NAME: 'consilium-eu',
      }),
    ).toMatchObject({
      rateLimitStore: 'memory',
      metricsToken: token,
      tracing: { otlpEndpoint: 'http://otel-collector:4318', serviceName: 'consilium-eu' },
    });
  });
});

describe('loadConfig: secrets', () => {
  it('refuses production without AUTH_SECRET and DOCUMENT_MASTER_KEY, naming both', () => {
    const dataDir = tempFolder();
    const problems = problemsOf({
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      SMTP_URL: 'smtp://relay:587',
      DATABASE_URL: 'postgres://consilium@db.example.org/consilium',
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['AUTH_SECRET', 'DOCUMENT_MASTER_KEY']);
    // Nothing was generated behind the operator's back.
    expect(() => statSync(path.join(dataDir, 'secrets.json'))).toThrow();
  });

  it('refuses production with only one of them, naming the one missing', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      AUTH_SECRET: secrets.AUTH_SECRET,
      SMTP_URL: 'smtp://relay:587',
      ALLOW_EMBEDDED_DATABASE: 'true',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DOCUMENT_MASTER_KEY: /);
  });

  it('refuses production without SMTP_URL: e-mails must reach people, not a folder', () => {
    const problems = problemsOf({ NODE_ENV: 'production', ...secrets, ALLOW_EMBEDDED_DATABASE: 'true' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SMTP_URL: required when NODE_ENV=production/);
  });

  it('refuses production on the embedded database unless ALLOW_EMBEDDED_DATABASE says so', () => {
    const production = { NODE_ENV: 'production', ...secrets, SMTP_URL: 'smtp://relay:587' };
    const problems = problemsOf(production);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATABASE_URL: required when NODE_ENV=production/);
    expect(problems[0]).toContain('ALLOW_EMBEDDED_DATABASE=true');
    expect(loadConfig({ ...production, ALLOW_EMBEDDED_DATABASE: 'true' }).databaseUrl).toBeUndefined();
    // In development the embedded one is the default, and nothing needs saying.
    expect(loadConfig({ ...secrets, DATA_DIR: tempFolder() }).databaseUrl).toBeUndefined();
  });

  it('in development generates both into DATA_DIR/secrets.json, readable by the owner only, and reuses them', () => {
    const dataDir = path.join(tempFolder(), 'nested', 'data');
    const first = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.documentMasterKey).toHaveLength(32);

    const file = path.join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored.authSecret).toBe(first.authSecret);
    expect(Buffer.from(stored.documentMasterKey, 'base64')).toEqual(first.documentMasterKey);

    const second = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.documentMasterKey).toEqual(first.documentMasterKey);

    // Another data folder gets secrets of its own.
    const elsewhere = loadConfig({ NODE_ENV: 'development', DATA_DIR: tempFolder() });
    expect(elsewhere.authSecret).not.toBe(first.authSecret);
  });

  it('in development a secret given in the environment wins over the stored one', () => {
    const dataDir = tempFolder();
    const generated = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
    const given = loadConfig({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      AUTH_SECRET: secrets.AUTH_SECRET,
    });
    expect(given.authSecret).toBe(secrets.AUTH_SECRET);
    expect(given.documentMasterKey).toEqual(generated.documentMasterKey);
  });

  it('in development a damaged secrets file is reported, not silently replaced', () => {
    const dataDir = tempFolder();
    const file = path.join(dataDir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ authSecret: 'short', documentMasterKey: 'c2hvcnQ=' }));
    const problems = problemsOf({ NODE_ENV: 'development', DATA_DIR: dataDir });
    expect(problems).toEqual([expect.stringContaining(file)]);
    expect(JSON.parse(readFileSync(file, 'utf8')).authSecret).toBe('short');
  });

  it.each([
    ['empty', ''],
    ['cut short', '{"authSecret": "abcdefghijklmnopqrstuvwxyz0123456789", "docu'],
  ])('in development a secrets file that is %s is reported as damaged', (_how, content) => {
    const dataDir = tempFolder();
    const file = path.join(dataDir, 'secrets.json');
    writeFileSync(file, content);
    const problems = problemsOf({ NODE_ENV: 'development', DATA_DIR: dataDir });
    expect(problems).toEqual([`${file} is damaged: delete it to generate new secrets`]);
  });
});

describe('loadConfig: the object store', () => {
  it('keeps documents in the data folder unless a bucket is named', () => {
    expect(loadConfig({ ...secrets, DATA_DIR: tempFolder() }).objectStore).toBeUndefined();
  });

  it('reads a bucket on a self-hosted store with its keys, path-style by default there', () => {
    const config = loadConfig({
      ...secrets,
      DATA_DIR: tempFolder(),
      OBJECT_STORE_BUCKET: 'consilium-documents',
      OBJECT_STORE_ENDPOINT: 'https://minio.internal:9000',
      OBJECT_STORE_ACCESS_KEY_ID: 'consilium',
      OBJECT_STORE_SECRET_ACCESS_KEY: 'a-long-secret',
      OBJECT_STORE_PREFIX: 'consilium/',
    });
    expect(config.objectStore).toEqual({
      bucket: 'consilium-documents',
      endpoint: 'https://minio.internal:9000',
      region: 'us-east-1',
      credentials: { accessKeyId: 'consilium', secretAccessKey: 'a-long-secret' },
      forcePathStyle: true,
      prefix: 'consilium/',
    });
    const onAws = loadConfig({
      ...secrets,
      DATA_DIR: tempFolder(),
      OBJECT_STORE_BUCKET: 'consilium-documents',
    });
    expect(onAws.objectStore).toMatchObject({
      endpoint: undefined,
      credentials: undefined,
      forcePathStyle: false,
    });
  });

  it('refuses a store setting without a bucket, half a key pair, a bad bucket name or prefix', () => {
    const dir = tempFolder();
    expect(
      problemsOf({ ...secrets, DATA_DIR: dir, OBJECT_STORE_ENDPOINT: 'http://127.0.0.1:9000' })[0],
    ).toMatch(/^OBJECT_STORE_BUCKET: required with OBJECT_STORE_ENDPOINT/);
    expect(
      problemsOf({
        ...secrets,
        DATA_DIR: dir,
        OBJECT_STORE_BUCKET: 'docs',
        OBJECT_STORE_ACCESS_KEY_ID: 'only-the-id',
      })[0],
    ).toMatch(/set both, or neither/);
    const bad = problemsOf({
      ...secrets,
      DATA_DIR: dir,
      OBJECT_STORE_BUCKET: 'Not_A_Bucket',
      OBJECT_STORE_PREFIX: 'no-slash',
    });
    expect(bad.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'OBJECT_STORE_BUCKET',
      'OBJECT_STORE_PREFIX',
    ]);
  });
});
