import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Browser } from '../support/client.js';
import { givenMemberSignedIn, givenRegister, givenStaffSignedIn } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * "A member sees another member's data; a specialist sees a case or document not shared with
 * them; an employer admin sees anything about an individual's health": never. An employee on a
 * company plan asks for an opinion, writes to her case manager and uploads a report; then everyone
 * the case does not concern (another member, another case manager, a specialist with no offer, her
 * employer's admin, the privacy officer, the moderator of service reviews, a cover assessor) reads every address the
 * API document lists, with the ids of her case, her record, her membership and her employer. Not
 * one answer holds her words.
 */

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const marker = () => randomBytes(4).toString('hex');
const words = {
  concern: `Tengo un nódulo en el tiroides ${marker()}`,
  diagnosis: `Carcinoma papilar de tiroides ${marker()}`,
  question: `¿Hace falta quitar toda la glándula? ${marker()}`,
  message: `La biopsia salió Bethesda V ${marker()}`,
  documentTitle: `Ecografía cervical ${marker()}`,
};
const markers = Object.values(words).map((text) => text.slice(-8));

let server: TestServer;
let employee: Browser;
let caseManager: Browser;
let outsiders: Record<string, Browser>;
let ids: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  const register = await givenRegister(server);
  const assigned = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['es'],
    weeklyShifts: allWeek,
    maxOpenCases: 5,
  });
  caseManager = assigned.browser;
  employee = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'fatima@acme.test',
  );
  outsiders = {
    'another member': await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'alice@x.test',
    ),
    'another case manager': (
      await givenStaffSignedIn(server, 'case_manager', { languages: ['en'], weeklyShifts: [] })
    ).browser,
    'a specialist with no offer': (await givenStaffSignedIn(server, 'specialist')).browser,
    'her employer’s admin': (
      await givenStaffSignedIn(server, 'employer_admin', { employerId: register.employerId })
    ).browser,
    'the privacy officer': (await givenStaffSignedIn(server, 'privacy_officer')).browser,
    'the moderator of service reviews': (await givenStaffSignedIn(server, 'moderator')).browser,
    'a cover assessor': (await givenStaffSignedIn(server, 'cover_assessor')).browser,
  };

  const submitted = await employee.post('/api/v1/cases', {
    concern: words.concern,
    diagnosisReceived: words.diagnosis,
    questions: [words.question],
    preferredLanguage: 'es',
    contactChannel: 'message',
    timeZone: 'Europe/Madrid',
    location: { country: 'ES', city: 'Sevilla' },
  });
  expect(submitted.status).toBe(201);
  expect(
    (await employee.post(`/api/v1/cases/${submitted.body.id}/messages`, { body: words.message })).status,
  ).toBe(201);
  const form = new FormData();
  form.append('kind', 'report');
  form.append('title', words.documentTitle);
  form.append('file', new Blob([Buffer.from('Nódulo de 2 cm\n')], { type: 'text/plain' }), 'eco.txt');
  const uploaded = await employee.request('POST', `/api/v1/cases/${submitted.body.id}/documents`, {
    body: form,
  });
  expect(uploaded.status).toBe(201);
  ids = {
    case: submitted.body.id,
    document: uploaded.body.id,
    member: (await employee.get('/api/v1/me')).body.memberId,
    employer: register.employerId,
    staff: assigned.account.userId,
  };
});
afterAll(async () => server?.close());

/** An address of the API document with this story's ids in it. */
function addressOf(path: string): string {
  const idFor = path.startsWith('/api/v1/cases/')
    ? ids.case
    : path.startsWith('/api/v1/members/')
      ? ids.member
      : path.startsWith('/api/v1/employers/')
        ? ids.employer
        : path.startsWith('/api/v1/staff/')
          ? ids.staff
          : uuidv7();
  return path
    .replace('{id}', idFor!)
    .replace('{documentId}', ids.document!)
    .replace(/\{[^}]+\}/g, uuidv7());
}

describe('her words reach only her and her case manager', () => {
  it('no address of the API answers anyone else with any of them', async () => {
    const document = (await employee.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const reads = Object.entries(document.paths)
      .filter(([path, operations]) => 'get' in operations && !path.endsWith('/stream'))
      .map(([path]) => addressOf(path));
    expect(reads.length).toBeGreaterThan(20);

    // The search finds her words where they belong.
    const seen = async (browser: Browser) => {
      const found = new Set<string>();
      for (const address of reads) {
        const reply = await browser.get(address);
        const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? '');
        for (const mark of markers) if (text.includes(mark)) found.add(`${mark} at ${address}`);
      }
      return [...found];
    };
    const marksIn = (found: string[]) => new Set(found.map((place) => place.split(' at ')[0])).size;
    expect(marksIn(await seen(employee))).toBe(markers.length);
    expect(marksIn(await seen(caseManager))).toBe(markers.length);

    for (const [who, browser] of Object.entries(outsiders)) {
      expect([who, await seen(browser)]).toEqual([who, []]);
    }
  });
});
