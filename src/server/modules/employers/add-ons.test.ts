import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { publishedQuarters, type Quarter } from './quarters.js';
import { upsertContact } from './repo.js';

/**
 * The add-ons of an employer's plans, as the people concerned live them: operations turn a service
 * on for Acme's company plan against the version they saw; Acme's HR sees it on the company's hub
 * and cannot change it; Fatima, who works at Acme, finds it on her hub with how to reach it, in her
 * language, and her reads are in her access log.
 */

let server: TestServer;
let acme: string;
let globex: string;
let hr: Browser;
let ops: Browser;
let fatima: Browser;
let fatimaMemberId: string;
let corpPlanId: string;
let quarter: Quarter;

const figures = async (who: Browser, query: string, employerId = acme) =>
  who.get(`/api/v1/employer-hub/${employerId}/figures?${query}`);

beforeAll(async () => {
  server = await startTestServer();
  const registered = await givenRegister(server);
  acme = registered.employerId;
  globex = registered.otherEmployerId;
  fatimaMemberId = registered.members.fatima;
  corpPlanId = (await server.sql.query(`SELECT id FROM plan_product WHERE code = 'CORP'`)).rows[0].id;
  fatima = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'fatima@acme.test',
  );
  hr = (await givenStaffSignedIn(server, 'employer_admin', { employerId: acme })).browser;
  ops = (await givenStaffSignedIn(server, 'ops')).browser;
  quarter = publishedQuarters(server.clock.now(), new Date(0))[0]!;
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("the add-ons of Acme's plans", () => {
  it('operations turn Virtual Doctor on for the company plan; HR sees it, and so does the employee with how to reach it', async () => {
    await upsertContact(
      server.runtime.db,
      {
        service: 'virtual_doctor',
        planProductId: null,
        phone: '+442079460102',
        days: [1, 2, 3, 4, 5],
        opens: '08:00',
        closes: '20:00',
        timeZone: 'Europe/London',
        urls: { en: 'https://virtual-doctor.example/en', es: 'https://virtual-doctor.example/es' },
      },
      server.clock.now(),
    );
    const listed = await ops.get('/api/v1/employer-plans');
    expect(listed.status).toBe(200);
    const corp = listed.body.items.find(
      (item: { employerId: string; planCode: string }) =>
        item.employerId === acme && item.planCode === 'CORP',
    );
    // Until operations set it, the plan follows Acme's company-wide add-ons.
    expect(corp).toMatchObject({
      includedInPlan: ['second_medical_opinion'],
      addOns: ['mind_health'],
      version: 0,
    });

    const path = `/api/v1/employer-plans/${acme}/${corpPlanId}/add-ons`;
    const changed = await ops.request('PUT', path, {
      json: { addOns: ['virtual_doctor', 'mind_health'], version: 0 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ addOns: ['virtual_doctor', 'mind_health'], version: 1 });

    // A second operator who saw version 0 does not overwrite it unseen.
    const stale = await ops.request('PUT', path, { json: { addOns: [], version: 0 } });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ addOns: ['virtual_doctor', 'mind_health'], version: 1 });

    const overview = await hr.get(`/api/v1/employer-hub/${acme}`);
    expect(overview.status).toBe(200);
    expect(overview.body.quarters[0]).toBe(quarter.label);
    expect(
      overview.body.plans.find((plan: { planCode: string }) => plan.planCode === 'CORP').services,
    ).toEqual([
      { service: 'second_medical_opinion', source: 'plan' },
      { service: 'virtual_doctor', source: 'employer' },
      { service: 'mind_health', source: 'employer' },
    ]);

    const mine = await fatima.get('/api/v1/me/virtual-care');
    expect(mine.status).toBe(200);
    expect(
      mine.body.services.find((entry: { service: string }) => entry.service === 'virtual_doctor'),
    ).toEqual({
      service: 'virtual_doctor',
      source: 'employer',
      contact: {
        service: 'virtual_doctor',
        phone: '+442079460102',
        hours: { days: [1, 2, 3, 4, 5], opens: '08:00', closes: '20:00', timeZone: 'Europe/London' },
        url: 'https://virtual-doctor.example/es',
      },
    });
    const hub = await fatima.get('/api/v1/me/healthcare-hub');
    expect(hub.body.services.map((entry: { service: string }) => entry.service)).toEqual([
      'second_medical_opinion',
      'virtual_doctor',
      'mind_health',
    ]);
  });

  it("operations may read any company's hub; the employee's read of her services is in her access log", async () => {
    expect((await figures(ops, `quarter=${quarter.label}`, globex)).status).toBe(200);
    expect((await ops.get(`/api/v1/employer-hub/${acme}`)).status).toBe(200);
    // Only an employer admin has a company of their own.
    expect((await ops.get('/api/v1/me/employer-hub')).status).toBe(404);
    expect((await fatima.get('/api/v1/me/employer-hub')).status).toBe(404);
    const reads = await server.sql.query(
      `SELECT count(*)::int AS n FROM audit_event
        WHERE action = 'virtual_care.read' AND subject_member_id = $1 AND purpose = 'self_service'`,
      [fatimaMemberId],
    );
    expect(reads.rows[0].n).toBeGreaterThan(0);
    // A service with no way of reaching it on record is listed without one.
    const mine = await fatima.get('/api/v1/me/virtual-care');
    expect(mine.body.services.find((entry: { service: string }) => entry.service === 'mind_health')).toEqual({
      service: 'mind_health',
      source: 'employer',
      contact: null,
    });
  });

  it('HR sees the add-ons but cannot change them, and a bad change changes nothing', async () => {
    const path = `/api/v1/employer-plans/${acme}/${corpPlanId}/add-ons`;
    expect((await hr.request('PUT', path, { json: { addOns: [], version: 1 } })).status).toBe(404);
    expect((await hr.get('/api/v1/employer-plans')).status).toBe(404);
    const unknown = await ops.request('PUT', path, { json: { addOns: ['massage'], version: 1 } });
    expect(unknown.status).toBe(400);
    // Globex has nobody on the company plan: there is no Globex plan of that product to set.
    const elsewhere = await ops.request('PUT', `/api/v1/employer-plans/${globex}/${corpPlanId}/add-ons`, {
      json: { addOns: [], version: 0 },
    });
    expect(elsewhere.status).toBe(404);
    const noPeople = await ops.request('PUT', `/api/v1/employer-plans/${acme}/${uuidv7()}/add-ons`, {
      json: { addOns: [], version: 0 },
    });
    expect(noPeople.status).toBe(404);
    const acmeCorp = (await ops.get('/api/v1/employer-plans')).body.items.find(
      (item: { employerId: string; planCode: string }) =>
        item.employerId === acme && item.planCode === 'CORP',
    );
    expect(acmeCorp).toMatchObject({ addOns: ['virtual_doctor', 'mind_health'], version: 1 });
  });
});
