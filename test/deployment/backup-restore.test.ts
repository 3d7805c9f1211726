import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { sealAuditTrail } from '../../src/server/modules/audit/service.js';
import { Browser } from '../support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  PASSWORD,
  runCli,
} from '../support/factories.js';
import { startObjectStore, type TestObjectStore } from '../support/s3-server.js';
import { startTestServer, type TestServer } from '../support/server.js';

const run = promisify(execFile);

/**
 * The backup and restore of docs/deployment.md, followed as an operator would: `pg_dump` of the
 * database, the bucket kept as it is, the anchor file and the keys kept apart; then `pg_restore`
 * into a new database, an instance started on it, and `audit verify`.
 *
 * `pg_dump` is the machine's PostgreSQL client, which dumps servers of its own major version or
 * older: the story runs on the PostgreSQL server pass (DATABASE_URL, a PostgreSQL 15 server, with
 * Debian's client 15), and not on the embedded server (PostgreSQL 18), for which no client ships.
 */
const onServer = Boolean(process.env.DATABASE_URL) && existsSync('/usr/bin/pg_dump');
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe.runIf(onServer)('a backup taken and restored as the deployment guide says', () => {
  it(
    'the restored service opens the same records, and the audit chain checks out against the anchors kept apart',
    { timeout: 120_000 },
    async () => {
      const bucket: TestObjectStore = await startObjectStore();
      cleanups.push(() => bucket.stop());
      const folder = mkdtempSync(path.join(os.tmpdir(), 'consilium-backup-'));
      cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
      const keys = {
        AUTH_SECRET: randomBytes(32).toString('base64url'),
        DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
      };
      const original: TestServer = await startTestServer({ ...bucket.env, ...keys });
      cleanups.push(() => original.close());

      // A day's work: a member sends a report, the case manager reads it, the trail is sealed.
      await givenRegister(original);
      const manager = await givenStaffSignedIn(original, 'case_manager', {
        languages: ['en'],
        weeklyShifts: allWeek,
        maxOpenCases: 10,
      });
      const member = await givenMemberSignedIn(
        original,
        { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
        'alice@backup.test',
      );
      const submitted = await member.post('/api/v1/cases', {
        concern: 'A second opinion on my knee, please.',
        diagnosisReceived: 'Suspected meniscus tear',
        questions: ['Do I need surgery?'],
        preferredLanguage: 'en',
        contactChannel: 'message',
        timeZone: 'Europe/London',
        preferredContactWindows: [],
        location: { country: 'GB', city: 'London' },
      });
      expect(submitted.status).toBe(201);
      const caseId = submitted.body.id as string;
      const report = Buffer.concat([
        Buffer.from('%PDF-1.7\n'),
        randomBytes(100_000),
        Buffer.from('\n%%EOF\n'),
      ]);
      const form = new FormData();
      form.append('kind', 'report');
      form.append('title', 'MRI report');
      form.append('file', new Blob([report], { type: 'application/pdf' }), 'report.pdf');
      const sent = await member.request('POST', `/api/v1/cases/${caseId}/documents`, { body: form });
      expect(sent.status).toBe(201);
      const content = `/api/v1/cases/${caseId}/documents/${sent.body.id}/content`;
      expect((await manager.browser.request('GET', content)).status).toBe(200);
      await sealAuditTrail(original.runtime);

      // The backup: the database; the bucket and the anchor file stay where they are.
      const dump = path.join(folder, 'consilium.dump');
      await run('pg_dump', ['--format=custom', '--no-owner', `--file=${dump}`, original.databaseUrl]);

      // The restore, into a database of its own on the same server.
      const restoredName = `consilium_restored_${randomBytes(4).toString('hex')}`;
      const restoredUrl = new URL(original.databaseUrl);
      restoredUrl.pathname = `/${restoredName}`;
      const admin = new pg.Client({ connectionString: original.databaseUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${restoredName}`);
      await admin.end();
      cleanups.push(async () => {
        const dropper = new pg.Client({ connectionString: original.databaseUrl });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
        await dropper.end();
      });
      await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${restoredUrl.toString()}`, dump]);

      const audit = original.runtime.config.audit;
      const verified = await runCli(['audit', 'verify'], {
        DATABASE_URL: restoredUrl.toString(),
        AUDIT_SIGNING_KEY: audit.signingKey!.export({ format: 'pem', type: 'pkcs8' }).toString(),
        AUDIT_ANCHOR_FILE: audit.anchorFile,
      });
      expect(verified.stderr).toBe('');
      expect(verified.stdout).toMatch(
        /^audit chain intact: \d+ events checked against [1-9]\d* signed heads\n$/,
      );
      expect(verified.code).toBe(0);

      // An instance on the restored database, the same bucket and keys: the member's report opens.
      const restored = await startTestServer(
        { ...bucket.env, ...keys },
        { databaseUrl: restoredUrl.toString() },
      );
      cleanups.push(() => restored.close());
      const back = new Browser(restored.url);
      expect((await back.signIn('alice@backup.test', PASSWORD)).status).toBe(200);
      const listed = await back.get(`/api/v1/cases/${caseId}/documents`);
      expect(listed.body.items.map((document: { title: string }) => document.title)).toEqual(['MRI report']);
      // The case manager's session was in the database too: it carries on.
      const opened = await fetch(new URL(content, restored.url), {
        headers: { cookie: manager.browser.cookieHeader(), origin: restored.url },
      });
      expect(opened.status).toBe(200);
      expect(Buffer.from(await opened.arrayBuffer()).equals(report)).toBe(true);
    },
  );
});
