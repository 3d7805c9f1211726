import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openRuntime, type Runtime } from '../../src/server/boot.js';
import { loadConfig } from '../../src/server/config.js';
import { seedDemoIfEmpty } from '../../src/server/demo/seed.js';
import { startEmbeddedPostgres } from '../../src/server/platform/db/embedded.js';
import type { Logger } from '../../src/server/platform/logger.js';
import type { BenchContext } from './bench.js';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * An empty database for one bench, removed when the bench ends. With DATABASE_URL set, a fresh
 * database on that server; otherwise an embedded server in a temporary folder, with the same
 * settings the app uses (fsync on: we measure what users get, not a throwaway cluster).
 */
export async function provisionDatabase(ctx: BenchContext, log: Logger): Promise<string> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `consilium_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    ctx.defer(async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    });
    ctx.progress(`database ${name} created on the server in DATABASE_URL`);
    return withDatabase(serverUrl, name);
  }

  const folder = mkdtempSync(path.join(os.tmpdir(), 'consilium-bench-'));
  ctx.defer(() => rmSync(folder, { recursive: true, force: true }));
  // As root the server runs as `postgres`, which must be able to reach the cluster inside.
  chmodSync(folder, 0o755);
  const started = performance.now();
  const embedded = await startEmbeddedPostgres({
    clusterDir: path.join(folder, 'postgres'),
    log,
    database: 'consilium_bench',
  });
  ctx.defer(() => embedded.stop());
  ctx.progress(
    `embedded PostgreSQL started in ${Math.round(performance.now() - started)} ms (port ${embedded.port}, fsync on)`,
  );
  return embedded.url;
}

/** The app's shared services on a fresh, migrated database, closed when the bench ends. */
export async function provisionRuntime(ctx: BenchContext, log: Logger): Promise<Runtime> {
  const databaseUrl = await provisionDatabase(ctx, log);
  // The audit trail's signed heads: a key and an anchor file of the bench's own, removed after it.
  const auditFolder = mkdtempSync(path.join(os.tmpdir(), 'consilium-bench-audit-'));
  ctx.defer(() => rmSync(auditFolder, { recursive: true, force: true }));
  const runtime = await openRuntime(
    loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-00',
      DOCUMENT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      DATA_DIR: '/nonexistent-consilium-bench-data',
      AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
        .privateKey.export({ format: 'pem', type: 'pkcs8' })
        .toString(),
      AUDIT_ANCHOR_FILE: path.join(auditFolder, 'anchors.jsonl'),
    }),
    log,
  );
  ctx.defer(() => runtime.close());
  return runtime;
}

/** The settings a Consilium server of a bench runs with, on top of its port and database. */
export interface BenchSecrets {
  AUTH_SECRET: string;
  DOCUMENT_MASTER_KEY: string;
  SMTP_URL: string;
  WEB_BUILD: string;
  /** Production with DATABASE_URL requires the audit trail's signing key and anchor file. */
  AUDIT_SIGNING_KEY: string;
  AUDIT_ANCHOR_FILE: string;
}

/**
 * A fresh database, migrated and seeded with the demo (from the bench process, with the secrets
 * the server will use: they encrypt the demo's TOTP secrets), checked to hold the account the
 * bench signs in with.
 */
export async function provisionDemoDatabase(
  ctx: BenchContext,
  log: Logger,
  memberEmail: string,
): Promise<{ databaseUrl: string; secrets: BenchSecrets }> {
  const databaseUrl = await provisionDatabase(ctx, log);
  const auditFolder = mkdtempSync(path.join(os.tmpdir(), 'consilium-bench-audit-'));
  ctx.defer(() => rmSync(auditFolder, { recursive: true, force: true }));
  const secrets: BenchSecrets = {
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
    // Production requires a relay; nothing in these benches sends mail.
    SMTP_URL: 'smtp://127.0.0.1:9',
    // The API is measured; the web app is not built or served from these runs.
    WEB_BUILD: 'off',
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString(),
    AUDIT_ANCHOR_FILE: path.join(auditFolder, 'anchors.jsonl'),
  };
  const seeding = performance.now();
  const runtime = await openRuntime(
    loadConfig({ NODE_ENV: 'production', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...secrets }),
    log,
  );
  try {
    const demo = await seedDemoIfEmpty(runtime);
    if (!demo?.accounts.some((account) => account.email === memberEmail))
      throw new Error(`the demo seed has no account ${memberEmail}`);
  } finally {
    await runtime.close();
  }
  ctx.progress(`database migrated and seeded in ${Math.round(performance.now() - seeding)} ms`);
  return { databaseUrl, secrets };
}
