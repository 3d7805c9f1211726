import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  type StaffAccount,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../../../test/support/smtp.js';

/*
 * The e-mails of the member's data rights, read from the local SMTP relay as the member's mail
 * program would: their archive is ready, their request was answered. They say that something
 * changed, with a link to the member's data page, in the member's language (these members signed
 * up in Spanish), and nothing of the archive, the request or the answer.
 */

const CONCERN = 'MAIL-MARKER-5d1e: a shadow on the left lung';
const ANSWER = 'ANSWER-MARKER-77aa: here is a copy of everything we hold';

let smtp: TestSmtpServer;
let server: TestServer;
let dataDir: string;
let alice: Browser;
let officer: { browser: Browser; account: StaffAccount };

/** The first e-mail to `address` whose subject is `subject`, once the relay has it. */
async function mailTo(address: string, subject: string): Promise<ReceivedMail> {
  return vi.waitFor(
    () => {
      const found = smtp.received.find(
        (mail) => mail.to.includes(address) && mail.parsed.subject === subject,
      );
      if (!found) throw new Error(`no e-mail "${subject}" to ${address} yet`);
      return found;
    },
    { timeout: 20_000, interval: 100 },
  );
}

/** Everything the e-mail carries: subject, both bodies and the raw message. */
const wholeOf = (mail: ReceivedMail) =>
  [mail.parsed.subject ?? '', mail.parsed.text ?? '', String(mail.parsed.html), mail.raw].join('\n');

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-privacy-mail-'));
  smtp = await startSmtpServer();
  server = await startTestServer(
    {
      SMTP_URL: smtp.url,
      DATA_DIR: dataDir,
      ERASURE_LEDGER_FILE: path.join(dataDir, 'erasure-ledger.jsonl'),
    },
    { workers: true },
  );
  await givenRegister(server);
  officer = await givenStaffSignedIn(server, 'privacy_officer');
  alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@mail.privacy.test',
  );
  const submitted = await alice.post('/api/v1/cases', {
    concern: CONCERN,
    diagnosisReceived: 'Pulmonary nodule',
    questions: ['Is a biopsy needed?'],
    preferredLanguage: 'es',
    contactChannel: 'message',
    timeZone: 'Europe/Madrid',
    location: { country: 'ES', city: 'Valencia' },
  });
  expect(submitted.status).toBe(201);
});

afterAll(async () => {
  await server?.close();
  await smtp?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a member is told by e-mail about their data', () => {
  it('asks for their archive; when the job has built it, an e-mail in Spanish says it is ready, with the link to their data page', async () => {
    const asked = await alice.post('/api/v1/me/data-exports', {});
    expect(asked.status).toBe(202);
    // The worker builds it by itself: the request's commit woke it.
    await vi.waitFor(
      async () => {
        const state = await alice.get(`/api/v1/me/data-exports/${asked.body.id}`);
        expect(state.body.status).toBe('ready');
      },
      { timeout: 30_000, interval: 200 },
    );

    const mail = await mailTo('alice@mail.privacy.test', 'Su archivo de datos de Consilium está listo');
    expect(mail.parsed.headers.get('content-language')).toBe('es');
    expect(mail.parsed.text).toContain('Puede descargarlo desde la página «Mis datos»');
    expect(mail.parsed.text).toContain(`${server.url}/me/data`);
    expect(mail.parsed.html).toContain('lang="es"');
    // Nothing of what the archive holds, nor the archive's own address.
    const whole = wholeOf(mail);
    for (const secret of [CONCERN, 'Pulmonary', 'M-1000', '1980', asked.body.id as string])
      expect(whole).not.toContain(secret);
  });

  it('asks the privacy officer for a copy of their data; the answer is recorded and an e-mail says an answer is there, not what it says', async () => {
    const sent = await alice.post('/api/v1/me/privacy-requests', {
      kind: 'access',
      message: `Please send me ${CONCERN}`,
    });
    expect(sent.status).toBe(201);
    const decided = await officer.browser.post(`/api/v1/privacy-requests/${sent.body.id}/decision`, {
      outcome: 'granted',
      answer: ANSWER,
      version: sent.body.version,
    });
    expect(decided.status).toBe(200);

    const mail = await mailTo('alice@mail.privacy.test', 'Su solicitud sobre sus datos tiene respuesta');
    expect(mail.parsed.text).toContain('Puede leer la respuesta en la página «Mis datos»');
    expect(mail.parsed.text).toContain(`${server.url}/me/data`);
    const whole = wholeOf(mail);
    for (const secret of [ANSWER, CONCERN]) expect(whole).not.toContain(secret);

    // The member reads the answer where the e-mail leads.
    const mine = await alice.get('/api/v1/me/privacy-requests');
    expect(mine.body.items).toContainEqual(expect.objectContaining({ id: sent.body.id, answer: ANSWER }));
  });

  it('a member whose erasure went ahead gets no e-mail: the account and its address are gone', async () => {
    const bruno = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
      'bruno@mail.privacy.test',
    );
    const sent = await bruno.post('/api/v1/me/privacy-requests', { kind: 'erasure' });
    expect(sent.status).toBe(201);
    const decided = await officer.browser.post(`/api/v1/privacy-requests/${sent.body.id}/decision`, {
      outcome: 'granted',
      answer: 'Your data has been erased.',
      version: sent.body.version,
    });
    expect(decided.status).toBe(200);
    const queued = await server.sql.query(
      `SELECT count(*)::int AS n FROM notification_outbox
        WHERE template = 'privacy.request_answered' AND params->>'privacyRequestId' = $1`,
      [sent.body.id],
    );
    expect(queued.rows[0].n).toBe(0);
  });
});
