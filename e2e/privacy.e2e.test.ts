import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import type { Browser as ApiClient } from '../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaff,
  PASSWORD,
  type StaffAccount,
} from '../test/support/factories.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import { buildExport } from '../src/server/modules/privacy/service.js';
import {
  chromiumAvailable,
  expectAccessible,
  launchChromium,
  openWatchedPage,
  staffSignedInPage,
} from './support/browser.js';

/**
 * The member's data in the member's hands, in a real browser: a member downloads the archive of
 * everything held about them; the privacy officer answers an erasure request, is refused a full
 * erasure while the medical records are within their retention period, erases the rest, and the
 * audit chain still verifies.
 */
const JOURNEY_TIMEOUT = 120_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

/** The names of a zip's entries and one entry's text. */
function readZip(file: string, wanted: string): Promise<{ names: string[]; text: string }> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const names: string[] = [];
      let text = '';
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        if (entry.fileName !== wanted) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            text = Buffer.concat(chunks).toString('utf8');
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve({ names, text }));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe.skipIf(!chromiumAvailable())('privacy journeys in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let dataDir: string;
  let officer: StaffAccount;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-e2e-privacy-'));
    server = await startTestServer({
      DATA_DIR: dataDir,
      ERASURE_LEDGER_FILE: path.join(dataDir, 'erasure-ledger.jsonl'),
    });
    await givenRegister(server);
    officer = await givenStaff(server, 'privacy_officer', {
      name: 'Priya Privacy',
      timeZone: 'Europe/Madrid',
    });
    await givenStaff(server, 'case_manager', {
      languages: ['en', 'es'],
      weeklyShifts: allWeek,
      maxOpenCases: 20,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The member's own language is English in these journeys (the factory's is Spanish). */
  async function inEnglish(api: ApiClient) {
    const me = await api.get('/api/v1/me');
    const changed = await api.patch('/api/v1/me', { locale: 'en', version: me.body.version });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  }

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

  async function memberPage(email: string): Promise<{ page: Page; problems: string[] }> {
    const opened = await openWatchedPage(browser, contexts, {
      viewport: { width: 375, height: 812 },
      locale: 'en-GB',
      timezoneId: 'Europe/Madrid',
    });
    await opened.page.goto(`${server.url}/sign-in`);
    await opened.page.getByLabel('E-mail address').fill(email);
    await opened.page.getByLabel(/^Password/).fill(PASSWORD);
    await opened.page.getByRole('button', { name: 'Sign in' }).click();
    await opened.page.getByRole('link', { name: 'My data' }).waitFor();
    return opened;
  }

  it(
    'a member asks for their archive, sees it prepared, and downloads it',
    async () => {
      const api = await givenMemberSignedIn(
        server,
        { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
        'alice.data@example.org',
      );
      await inEnglish(api);
      const { page, problems } = await memberPage('alice.data@example.org');
      await page.getByRole('link', { name: 'My data' }).click();
      await heading(page, 'My data').waitFor();
      await expectAccessible(page, 'my data');
      await page.getByRole('button', { name: 'Prepare my archive' }).click();
      await page.getByText('Your archive is being prepared.', { exact: false }).waitFor();
      const [asked] = (await server.sql.query(`SELECT id FROM data_export WHERE status = 'building'`)).rows;
      // The background job (a worker in production).
      await buildExport(server.runtime, asked.id);
      const link = page.getByRole('link', { name: /^Download my archive/ });
      await link.waitFor({ timeout: 20_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const file = path.join(dataDir, 'archive.zip');
      await download.saveAs(file);
      const { names, text } = await readZip(file, 'consilium-export/data.json');
      expect(names).toContain('consilium-export/fhir/');
      const data = JSON.parse(text);
      expect(data.person.memberNumber).toBe('M-1000-01');
      expect(data.account.email).toBe('alice.data@example.org');
      expect(readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
      await expectAccessible(page, 'my data, archive ready');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the privacy officer handles an erasure request: refused for the medical records, the rest removed, the chain verifies',
    async () => {
      const member = await givenMemberSignedIn(
        server,
        { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
        'fatima.erase@example.org',
      );
      await inEnglish(member);
      const asked = await member.post('/api/v1/cases', {
        concern: 'A second opinion on my thyroid nodule',
        diagnosisReceived: 'Thyroid nodule',
        questions: ['Is surgery needed?'],
        preferredLanguage: 'en',
        contactChannel: 'message',
        timeZone: 'Europe/Madrid',
        location: { country: 'ES', city: 'Madrid' },
      });
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      const withdrawn = await member.post(`/api/v1/cases/${asked.body.id}/withdrawal`, {
        version: asked.body.version,
        reason: 'Answered elsewhere',
      });
      expect(withdrawn.status).toBe(201);
      const sent = await member.post('/api/v1/me/privacy-requests', { kind: 'erasure' });
      expect(sent.status).toBe(201);

      const { page, problems } = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: officer,
      });
      await page.getByRole('link', { name: /^Privacy desk/ }).click();
      await heading(page, 'Privacy desk').waitFor();
      const request = page.getByRole('listitem').filter({ hasText: 'Erase my data' });
      await request
        .getByText(`Medical records of ${asked.body.number} are kept until`, { exact: false })
        .waitFor();
      await expectAccessible(page, 'the privacy desk');

      await request.getByRole('radio', { name: 'Granted', exact: true }).check();
      await request.getByLabel('Answer to the person who asked').fill('All your data has been erased.');
      await request.getByRole('button', { name: 'Record the decision' }).click();
      await request
        .getByRole('alert')
        .getByText('Medical records are kept for the retention period', { exact: false })
        .waitFor();

      await request.getByRole('radio', { name: 'Partly granted' }).check();
      await request
        .getByLabel('Answer to the person who asked')
        .fill('Your account is erased; your medical records are kept for ten years as the law requires.');
      await request.getByRole('button', { name: 'Record the decision' }).click();
      await page.getByText('No open request.').waitFor();
      expect((await member.get('/api/v1/me')).status).toBe(401);

      await page.getByRole('button', { name: 'Verify the audit chain' }).click();
      await page.getByText('The chain is intact', { exact: false }).waitFor();
      await expectAccessible(page, 'the privacy desk after the erasure');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
