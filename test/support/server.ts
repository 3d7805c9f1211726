import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openRuntime, type Runtime } from '../../src/server/boot.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { OffsetClock } from '../../src/server/platform/clock.js';
import type { AppInstance } from '../../src/server/platform/http/types.js';
import { createLogger, type Logger } from '../../src/server/platform/logger.js';
import { freePort } from '../../src/server/platform/net.js';

export interface TestServer {
  /** Base URL of the running server, e.g. http://127.0.0.1:41234 */
  url: string;
  app: AppInstance;
  runtime: Runtime;
  /** The server's clock: follows real time, and tests may move it forward. */
  clock: OffsetClock;
  /** A direct connection to this file's database, for checks a user could not make. */
  sql: pg.Pool;
  /** The database's address, for a second instance on it (`TestServerOptions.databaseUrl`). */
  databaseUrl: string;
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh database for this test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = inject('adminUrl');
  const template = inject('templateDatabase');
  if (!adminUrl || !template)
    throw new Error(
      'no test database in this project: a file that takes a database belongs to the integration project (vitest.config.ts)',
    );
  const name = `${template.replace('_template_', '_t_')}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (error) {
        // Two files cloning the template at the same instant: wait and try again.
        if (attempt >= 20 || !String((error as Error).message).includes('being accessed by other users'))
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  return withDatabase(adminUrl, name);
}

export interface TestServerOptions {
  /**
   * Run the job workers (notification dispatcher, clocks) as the real server does. Off by default:
   * most stories drive jobs directly, and a worker would race them.
   */
  workers?: boolean;
  /** Where the server logs (silent by default): a story that reads what the server wrote. */
  log?: Logger;
  /**
   * Another instance of a server already running: its database (`TestServer.databaseUrl`)
   * instead of a new one. Give it the same AUTH_SECRET and DOCUMENT_MASTER_KEY in the overrides.
   */
  databaseUrl?: string;
  /** Where the server's spans go (an in-memory exporter's processor): a story that reads them. */
  spanProcessors?: SpanProcessor[];
}

export async function startTestServer(
  overrides: Record<string, string> = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const port = await freePort();
  // The audit trail's signed heads: each server its own key and anchor file, outside the database.
  const auditDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-audit-'));
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
    DATA_DIR: '/nonexistent-consilium-test-data',
    // Every test signs in from 127.0.0.1; the sign-in limit has its own test with a low value.
    SIGN_IN_ATTEMPTS_PER_MINUTE: '10000',
    RATE_LIMIT_PER_MINUTE: '100000',
    // A cheap password hash (tests only): every actor of every story pays it. identity.test.ts
    // keeps scrypt, and so does a story that runs the server as in development or production.
    PASSWORD_HASH: (overrides.NODE_ENV ?? 'test') === 'test' ? 'fast' : 'scrypt',
    AUDIT_SIGNING_KEY: auditSigningKey(),
    AUDIT_ANCHOR_FILE: path.join(auditDir, 'anchors.jsonl'),
    ...overrides,
  });
  const clock = new OffsetClock();
  const runtime = await openRuntime(config, options.log ?? createLogger('silent'), clock, {
    spanProcessors: options.spanProcessors,
  });
  const app = await buildApp(runtime);
  await app.listen({ port, host: '127.0.0.1' });
  if (options.workers) await runtime.jobs.startWorkers({ pollingIntervalSeconds: 0.5, stopTimeoutMs: 5_000 });
  const url = config.publicUrl;
  const sql = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  return {
    url,
    app,
    runtime,
    clock,
    sql,
    databaseUrl,
    async close() {
      await app.close();
      await sql.end();
      await runtime.close();
      rmSync(auditDir, { recursive: true, force: true });
    },
  };
}

/** A fresh Ed25519 key for the audit trail's signed heads, as the AUDIT_SIGNING_KEY setting takes it. */
export function auditSigningKey(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}
