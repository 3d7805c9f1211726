import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffApi, type Browser } from '../../../../test/support/client.js';
import { givenMemberSignedIn, givenRegister, givenStaff } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';

/**
 * A language or a country is one that exists today, wherever one is given: `xx` is a well-formed
 * BCP 47 tag that no one speaks, and `UK` a code ISO 3166-1 only reserves (the United Kingdom is
 * `GB`). Each is refused with a problem that names the field, and nothing is written.
 */
let server: TestServer;
let member: Browser;
let ops: Browser;

const request = (overrides: Record<string, unknown>) => ({
  concern: 'A second look at my treatment',
  diagnosisReceived: 'Stage I breast carcinoma',
  treatmentPlanReceived: 'Mastectomy in three weeks',
  firstOpinion: { doctorName: 'Dr. Ruiz', institution: 'Hospital Central', country: 'ES' },
  questions: ['Is surgery the only option?'],
  preferredLanguage: 'es',
  contactChannel: 'phone',
  contactPhone: '+34 612 34 56 78',
  timeZone: 'Europe/Madrid',
  preferredContactWindows: [],
  location: { country: 'ES', city: 'Sevilla' },
  ...overrides,
});

const fieldsOf = (body: { errors?: { path: string }[] }) =>
  (body.errors ?? []).map((error) => error.path).sort();

beforeAll(async () => {
  server = await startTestServer();
  await givenRegister(server);
  member = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'places@x.test',
  );
  ops = await staffApi(server.url, await givenStaff(server, 'ops'));
});
afterAll(async () => server?.close());

describe('languages and countries that do not exist', () => {
  it('a case request in language "xx", or from country "UK", is refused naming the field, and no case is made', async () => {
    for (const [body, field] of [
      [request({ preferredLanguage: 'xx' }), 'body.preferredLanguage'],
      [request({ preferredLanguage: 'und' }), 'body.preferredLanguage'],
      [request({ location: { country: 'UK', city: 'London' } }), 'body.location.country'],
      [
        request({ firstOpinion: { doctorName: 'Dr. Ruiz', institution: 'Hospital Central', country: 'DD' } }),
        'body.firstOpinion.country',
      ],
    ] as const) {
      const refused = await member.post('/api/v1/cases', body);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body.code).toBe('request.validation_failed');
      expect(fieldsOf(refused.body)).toEqual([field]);
    }
    expect((await member.get('/api/v1/cases')).body.items).toEqual([]);

    // The same request with real ones is taken; an old alias of a language is kept under today's tag.
    const taken = await member.post('/api/v1/cases', request({ preferredLanguage: 'iw' }));
    expect(taken.status).toBe(201);
    expect((await member.get(`/api/v1/cases/${taken.body.id}`)).body.preferredLanguage).toBe('he');
  });

  it('a profile with country "UK" or language "xx" is refused naming the field, and stays as it was', async () => {
    const me = (await member.get('/api/v1/me')).body;
    for (const [change, field] of [
      [{ country: 'UK' }, 'body.country'],
      [{ locale: 'xx' }, 'body.locale'],
    ] as const) {
      const refused = await member.patch('/api/v1/me', { ...change, version: me.version });
      expect(refused.status).toBe(400);
      expect(fieldsOf(refused.body)).toEqual([field]);
    }
    expect((await member.get('/api/v1/me')).body).toMatchObject({ country: me.country, version: me.version });
    expect((await member.patch('/api/v1/me', { country: 'GB', version: me.version })).status).toBe(200);
  });

  it('operations cannot give a staff member a language no one speaks, nor a withdrawn country', async () => {
    const staff = {
      email: 'new.manager@staff.test',
      name: 'New Manager',
      role: 'case_manager',
      languages: ['es', 'xx'],
      country: 'YU',
    };
    const refused = await ops.post('/api/v1/staff', staff);
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused.body)).toEqual(['body.country', 'body.languages.1']);
    const list = (await ops.get('/api/v1/staff')).body.items as { email: string }[];
    expect(list.map((person) => person.email)).not.toContain('new.manager@staff.test');
  });
});
