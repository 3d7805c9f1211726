import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  PASSWORD,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import * as registerRepo from './repo.js';
import { member } from './schema.js';

let server: TestServer;
let register: Awaited<ReturnType<typeof givenRegister>>;
let carmen: Browser;

const proofs = {
  carmen: { membershipNumber: 'M-3000-01', dateOfBirth: '1985-10-01' },
  fatima: { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
  bruno: { membershipNumber: 'M-2000-01', dateOfBirth: '1975-06-15' },
};

beforeAll(async () => {
  server = await startTestServer();
  register = await givenRegister(server);
  carmen = await givenMemberSignedIn(server, proofs.carmen, 'carmen@example.org');
});
afterAll(async () => server?.close());

async function accessLogOf(member: Browser) {
  const log = await member.get('/api/v1/me/access-log');
  expect(log.status).toBe(200);
  return log.body.items as {
    action: string;
    actor: { role: string; name: string | null };
    purpose: string;
  }[];
}

describe("the member's Healthcare Hub", () => {
  it('a family-plan holder sees the services of their plan and the child they are guardian of', async () => {
    const hub = await carmen.get('/api/v1/me/healthcare-hub');
    expect(hub.status).toBe(200);
    expect(hub.body).toMatchObject({
      member: {
        id: register.members.carmen,
        givenName: 'Carmen',
        memberNumber: 'M-3000-01',
        relationship: 'holder',
      },
      membership: { membershipNumber: 'M-3000', status: 'in_force', startDate: '2022-01-01', endDate: null },
      plan: { code: 'FAM', kind: 'family' },
      employer: null,
    });
    expect(hub.body.services).toEqual([
      { service: 'second_medical_opinion', source: 'plan' },
      { service: 'virtual_doctor', source: 'plan' },
    ]);
    // Elena is her child; Dario, her spouse on the same membership, acts for himself.
    expect(hub.body.dependants).toEqual([
      {
        id: register.members.elena,
        givenName: 'Elena',
        familyName: 'Tester',
        relationship: 'child',
        secondOpinion: 'eligible',
      },
    ]);
    expect(hub.body.secondOpinion).toBe('eligible');
    expect(JSON.stringify(hub.body)).not.toContain('dateOfBirth');
  });

  it('a company-plan member sees Mind Health marked as added by their employer', async () => {
    const fatima = await givenMemberSignedIn(server, proofs.fatima, 'fatima@example.org');
    const hub = await fatima.get('/api/v1/me/healthcare-hub');
    expect(hub.status).toBe(200);
    expect(hub.body.plan).toMatchObject({ code: 'CORP', kind: 'company' });
    expect(hub.body.employer).toEqual({ name: 'Acme Ltd' });
    expect(hub.body.services).toEqual([
      { service: 'second_medical_opinion', source: 'plan' },
      { service: 'mind_health', source: 'employer' },
    ]);
    expect(hub.body.dependants).toEqual([]);
  });

  it('a member whose membership ended sees that it has lapsed', async () => {
    const bruno = await givenMemberSignedIn(server, proofs.bruno, 'bruno@example.org');
    const hub = await bruno.get('/api/v1/me/healthcare-hub');
    expect(hub.status).toBe(200);
    expect(hub.body.membership).toMatchObject({ status: 'lapsed', endDate: '2021-12-31' });
    // Said before any request is written: one would be refused by this rule.
    expect(hub.body.secondOpinion).toBe('eligibility.membership_not_in_force');
  });

  it('each person is judged on their own membership: a child on a plan in force, in the care of a member whose plan ended', async () => {
    // Bruno, signed up in the story before.
    const bruno = new Browser(server.url);
    expect((await bruno.signIn('bruno@example.org', PASSWORD)).status).toBe(200);
    const child = await server.runtime.db.transaction(async (tx) => {
      const [alice] = await tx.select().from(member).where(eq(member.id, register.members.alice));
      return registerRepo.upsertMember(tx, {
        id: uuidv7(),
        membershipId: alice!.membershipId,
        memberNumber: 'M-1000-09',
        relationship: 'child',
        givenName: 'Pablo',
        familyName: 'Tester',
        dateOfBirth: '2015-04-04',
        country: 'ES',
        preferredLanguage: 'es',
        guardianMemberId: register.members.bruno,
        now: server.clock.now(),
      });
    });
    const hub = await bruno.get('/api/v1/me/healthcare-hub');
    expect(hub.body.secondOpinion).toBe('eligibility.membership_not_in_force');
    expect(hub.body.dependants).toMatchObject([{ id: child, secondOpinion: 'eligible' }]);
    // The server decides the same way when the request is sent.
    const request = {
      concern: 'A rash that does not heal.',
      diagnosisReceived: 'Eczema',
      questions: ['Is the cream safe for a child?'],
      preferredLanguage: 'es',
      contactChannel: 'phone',
      contactPhone: '+34 612 34 56 78',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Madrid' },
    };
    const forHimself = await bruno.post('/api/v1/cases', request);
    expect(forHimself.body.code).toBe('eligibility.membership_not_in_force');
    expect((await bruno.post('/api/v1/cases', { ...request, memberId: child })).status).toBe(201);
  });
});

describe('who may read a member record', () => {
  it('a member gets 404, even for their own record: that endpoint is for staff', async () => {
    for (const id of [register.members.carmen, register.members.elena, register.members.alice]) {
      const reply = await carmen.get(`/api/v1/members/${id}`);
      expect(reply.status).toBe(404);
      expect(reply.body.code).toBe('resource.not_found');
    }
  });

  it('a case manager and a specialist get 404, as if the record did not exist', async () => {
    for (const role of ['case_manager', 'specialist'] as const) {
      const { browser } = await givenStaffSignedIn(server, role);
      const reply = await browser.get(`/api/v1/members/${register.members.carmen}`);
      expect(reply.status).toBe(404);
      expect(reply.body.code).toBe('resource.not_found');
    }
  });

  it('operations read the record, and the member sees the read with purpose operations', async () => {
    const { browser: ops } = await givenStaffSignedIn(server, 'ops');
    const reply = await ops.get(`/api/v1/members/${register.members.carmen}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: register.members.carmen,
      memberNumber: 'M-3000-01',
      givenName: 'Carmen',
      dateOfBirth: '1985-10-01',
      membership: { status: 'in_force' },
      plan: { code: 'FAM' },
    });
    const [latest] = await accessLogOf(carmen);
    expect(latest).toMatchObject({ action: 'member.read', actor: { role: 'ops' }, purpose: 'operations' });

    const unknown = await ops.get('/api/v1/members/0190c0de-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(404);
  });

  it('a privacy officer reads the record, and the member sees the read with purpose privacy', async () => {
    const { browser: privacy } = await givenStaffSignedIn(server, 'privacy_officer');
    const reply = await privacy.get(`/api/v1/members/${register.members.carmen}`);
    expect(reply.status).toBe(200);
    expect(reply.body.id).toBe(register.members.carmen);
    const [latest] = await accessLogOf(carmen);
    expect(latest).toMatchObject({
      action: 'member.read',
      actor: { role: 'privacy_officer', name: 'Test privacy_officer' },
      purpose: 'privacy',
    });
  });
});

describe('an employer admin sees their company in aggregate, never a person', () => {
  let admin: Browser;
  beforeAll(async () => {
    ({ browser: admin } = await givenStaffSignedIn(server, 'employer_admin', {
      employerId: register.employerId,
    }));
  });

  it("sees their company's added services and head counts, with nothing personal in it", async () => {
    const reply = await admin.get(`/api/v1/employers/${register.employerId}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      id: register.employerId,
      name: 'Acme Ltd',
      country: 'GB',
      addedServices: ['mind_health'],
      coveredMembers: 1,
      memberships: 1,
    });
    const text = JSON.stringify(reply.body);
    for (const personal of ['Fatima', 'Tester', '1992-12-12', 'M-4000', register.members.fatima]) {
      expect(text).not.toContain(personal);
    }
  });

  it("gets 404 for another employer, for any member record and for a member's hub", async () => {
    const other = await admin.get(`/api/v1/employers/${register.otherEmployerId}`);
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('resource.not_found');
    for (const id of [register.members.fatima, register.members.carmen]) {
      expect((await admin.get(`/api/v1/members/${id}`)).status).toBe(404);
    }
    const hub = await admin.get('/api/v1/me/healthcare-hub');
    expect(hub.status).toBe(404);
    expect(hub.body.code).toBe('resource.not_found');
  });

  it('a member cannot see an employer overview, not even of their own employer', async () => {
    const fatima = new Browser(server.url);
    expect((await fatima.signIn('fatima@example.org', 'a-long-test-password-2026')).status).toBe(200);
    expect((await fatima.get(`/api/v1/employers/${register.employerId}`)).status).toBe(404);
  });
});

describe('without signing in', () => {
  it('every /api/v1 endpoint but sign-up answers 401 problem+json', async () => {
    const openapi = await new Browser(server.url).get('/api/openapi.json');
    const paths = openapi.body.paths as Record<string, Record<string, { security?: unknown[] }>>;
    const calls = Object.entries(paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => !(Array.isArray(operation.security) && operation.security.length === 0))
          .map(([method, _operation]) => ({
            method: method.toUpperCase(),
            path: path.replace('{id}', register.members.carmen),
          })),
      );
    expect(
      calls.map((call) => `${call.method} ${call.path.replace(register.members.carmen, ':id')}`),
    ).toEqual(
      expect.arrayContaining([
        'GET /api/v1/me',
        'PATCH /api/v1/me',
        'GET /api/v1/me/healthcare-hub',
        'GET /api/v1/me/access-log',
        'GET /api/v1/members/:id',
        'GET /api/v1/employers/:id',
        'GET /api/v1/staff',
        'POST /api/v1/staff',
      ]),
    );
    expect(calls.some((call) => call.path === '/api/v1/member-registrations')).toBe(false);

    const stranger = new Browser(server.url);
    for (const call of calls) {
      const reply = await stranger.request(call.method, call.path, call.method === 'GET' ? {} : { json: {} });
      expect({ call, status: reply.status, code: reply.body?.code }).toEqual({
        call,
        status: 401,
        code: 'auth.unauthenticated',
      });
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
