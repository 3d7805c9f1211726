import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import {
  givenMemberSignedIn,
  givenPersonInRegister,
  givenRegister,
  givenStaff,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { createLogger } from '../../platform/logger.js';
import type { RequestContext } from '../../platform/context.js';
import { documentBlobs } from '../documents/index.js';
import { decideRequest } from './requests.js';

/**
 * A database restored from a backup made before an erasure does not bring the erased member back:
 * the ledger outside the database is replayed when the server starts on it.
 */
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

let dataDir: string;
let settings: Record<string, string>;
const servers: TestServer[] = [];

async function start(databaseUrl?: string): Promise<TestServer> {
  const server = await startTestServer(settings, databaseUrl ? { databaseUrl } : {});
  servers.push(server);
  return server;
}

async function stop(server: TestServer): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  await server.close();
}

/** The backup: a copy of the database as it is now (no one may be connected to it). */
async function backUp(databaseUrl: string): Promise<string> {
  const adminUrl = inject('adminUrl')!;
  const source = new URL(databaseUrl).pathname.slice(1);
  const copy = `${source}_backup`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${copy} TEMPLATE ${source}`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${copy}`;
  return url.toString();
}

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-restore-'));
  settings = {
    DATA_DIR: dataDir,
    ERASURE_LEDGER_FILE: path.join(dataDir, 'erasure-ledger.jsonl'),
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
    RECORD_RETENTION_BY_COUNTRY: 'SE=0',
  };
});

afterAll(async () => {
  for (const server of [...servers]) await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('restoring a backup made before an erasure', () => {
  it('erases the member again at start, from the ledger kept outside the database', async () => {
    // Before the backup: a member with an ended case, a record, and a request to be erased.
    const first = await start();
    await givenRegister(first);
    await givenStaff(first, 'case_manager', { languages: ['en'], weeklyShifts: allWeek, maxOpenCases: 10 });
    const officer = await givenStaff(first, 'privacy_officer');
    const memberId = await givenPersonInRegister(first, {
      membershipNumber: 'SE-8000',
      givenName: 'Ingrid',
      familyName: 'Berg',
      dateOfBirth: '1969-09-09',
      country: 'SE',
      preferredLanguage: 'en',
    });
    const member = await givenMemberSignedIn(
      first,
      { membershipNumber: 'SE-8000-01', dateOfBirth: '1969-09-09' },
      'ingrid@restore.test',
    );
    const kase = await member.post('/api/v1/cases', {
      concern: 'A lump that worries me',
      diagnosisReceived: 'Breast lump',
      questions: ['Is a biopsy needed?'],
      preferredLanguage: 'en',
      contactChannel: 'message',
      timeZone: 'Europe/Stockholm',
      location: { country: 'SE', city: 'Uppsala' },
    });
    expect(kase.status).toBe(201);
    const form = new FormData();
    form.append('kind', 'report');
    form.append('title', 'Mammography report');
    form.append('file', new Blob([Buffer.from('%PDF-1.7\nmammography\n%%EOF\n')]), 'report.pdf');
    const uploaded = await member.request('POST', `/api/v1/cases/${kase.body.id}/documents`, { body: form });
    expect(uploaded.status).toBe(201);
    const stored = await first.sql.query('SELECT storage_key FROM case_document WHERE id = $1', [
      uploaded.body.id,
    ]);
    const storageKey: string = stored.rows[0].storage_key;
    expect(await documentBlobs(first.runtime.config).size(storageKey)).toBeGreaterThan(0);
    const current = await member.get(`/api/v1/cases/${kase.body.id}`);
    expect(
      (
        await member.post(`/api/v1/cases/${kase.body.id}/withdrawal`, {
          version: current.body.version,
          reason: 'Done',
        })
      ).status,
    ).toBe(201);
    const request = await member.post('/api/v1/me/privacy-requests', { kind: 'erasure' });
    expect(request.status).toBe(201);
    const databaseUrl = first.databaseUrl;
    await stop(first);
    const backup = await backUp(databaseUrl);

    // The erasure, on the live database.
    const live = await start(databaseUrl);
    const ctx: RequestContext = {
      requestId: 'restore-story',
      actor: {
        userId: officer.userId,
        role: 'privacy_officer',
        name: 'Test privacy_officer',
        memberId: null,
        employerId: null,
        timeZone: 'UTC',
        twoFactorEnabled: true,
        sessionId: 'restore-story',
      },
      clock: live.clock,
      db: live.runtime.db,
      log: createLogger('silent'),
    };
    const decided = await decideRequest(ctx, live.runtime.config, request.body.id, {
      outcome: 'granted',
      answer: 'All your data has been erased.',
      version: request.body.version,
    });
    expect(decided.status).toBe('granted');
    const ledgerLines = readFileSync(settings.ERASURE_LEDGER_FILE!, 'utf8').trim().split('\n');
    expect(ledgerLines).toHaveLength(1);
    expect(ledgerLines[0]).not.toContain('Ingrid');
    await stop(live);

    // The restore: the backup still holds her, until the server starts on it.
    const probe = new pg.Client({ connectionString: backup });
    await probe.connect();
    expect(
      (await probe.query('SELECT given_name FROM member WHERE id = $1', [memberId])).rows[0].given_name,
    ).toBe('Ingrid');
    await probe.end();

    const restored = await start(backup);
    const person = await restored.sql.query(
      'SELECT given_name, family_name, member_number FROM member WHERE id = $1',
      [memberId],
    );
    expect(person.rows[0]).toEqual({
      given_name: '[erased]',
      family_name: '[erased]',
      member_number: `ERASED-${memberId}`,
    });
    const account = await restored.sql.query(
      `SELECT count(*)::int AS n FROM "user" WHERE email = 'ingrid@restore.test'`,
    );
    expect(account.rows[0].n).toBe(0);
    const document = await restored.sql.query(
      'SELECT title, length(wrapped_key) AS key_bytes FROM case_document WHERE case_id = $1',
      [kase.body.id],
    );
    expect(document.rows[0]).toEqual({ title: '[erased]', key_bytes: 0 });
    const caseRow = await restored.sql.query('SELECT concern FROM opinion_case WHERE id = $1', [
      kase.body.id,
    ]);
    expect(caseRow.rows[0].concern).toBe('[erased]');
    expect(
      await documentBlobs(restored.runtime.config).size(uploaded.body.storageKey ?? 'x0000000'),
    ).toBeUndefined();
    const replayed = await restored.sql.query(
      `SELECT details FROM audit_event WHERE action = 'member.erased'`,
    );
    expect(replayed.rows.map((row) => row.details)).toEqual([
      { erasedCases: 1, retainedCases: 0, replayed: true },
    ]);
    // Started again on it: nothing left to replay, and the ledger file has its one line.
    await stop(restored);
    const again = await start(backup);
    expect(
      (await again.sql.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'member.erased'`))
        .rows[0].n,
    ).toBe(1);
    expect(readFileSync(settings.ERASURE_LEDGER_FILE!, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
