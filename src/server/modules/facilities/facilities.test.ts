import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import { facilityBundle, facilityCsvHeader, facilityCsvRow } from '../../../../test/support/facilities.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  runCli,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import type { FacilityHit } from '../../../shared/facilities.js';
import { systemContext } from '../../platform/context.js';
import { seedDemoFacilities } from './demo.js';
import { haversineKm } from './ranking.js';
import { nearestPlan } from './repo.js';

let server: TestServer;
let ops: Browser;
let manager: Browser;
let member: Browser;
let specialist: Browser;
let workDir: string;

const csv = (...rows: string[]) => Buffer.from([facilityCsvHeader, ...rows].join('\n'));
const importFile = (browser: Browser, content: Buffer, contentType = 'text/csv', query = '') =>
  browser.request('POST', `/api/v1/facility-imports${query}`, {
    body: content,
    headers: { 'content-type': contentType },
  });
async function registerSize(): Promise<number> {
  const result = await server.sql.query('SELECT count(*)::int AS n FROM facility');
  return result.rows[0].n;
}
const search = (browser: Browser, body: unknown) => browser.post('/api/v1/facility-searches', body);

const dubai = { latitude: 25.2048, longitude: 55.2708 };

beforeAll(async () => {
  server = await startTestServer();
  await givenRegister(server);
  ops = (await givenStaffSignedIn(server, 'ops')).browser;
  manager = (await givenStaffSignedIn(server, 'case_manager')).browser;
  specialist = (await givenStaffSignedIn(server, 'specialist')).browser;
  member = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@x.test',
  );
  workDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-facilities-'));
});
afterAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  await server?.close();
});

describe('operations import the facilities register', () => {
  const oneBad = csv(
    facilityCsvRow({ id: 'IMP-1' }),
    facilityCsvRow({ id: 'IMP-2', latitude: '91' }),
    facilityCsvRow({ id: 'IMP-3', name: 'Marina Imaging', kind: 'diagnostic_centre', services: 'DR' }),
  );

  it('a CSV file with latitude 91 in one row writes nothing, and the report names the line and the field', async () => {
    const refused = await importFile(ops, oneBad);
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('facility_import.rejected');
    expect(refused.body.report).toMatchObject({
      applied: false,
      rowsRead: 3,
      rowsImported: 0,
      rowsRejected: 1,
    });
    expect(refused.body.report.problems).toEqual([
      expect.objectContaining({ line: 3, field: 'latitude', reason: 'bad_coordinates' }),
    ]);
    expect(await registerSize()).toBe(0);
  });

  it('with skipInvalid the good rows go in, and the report still lists the bad one', async () => {
    const imported = await importFile(ops, oneBad, 'text/csv', '?skipInvalid=true');
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ applied: true, rowsImported: 2, rowsRejected: 1 });
    expect(await registerSize()).toBe(2);
  });

  it('an id already in the register is a duplicate: the file imports nothing', async () => {
    const again = await importFile(
      ops,
      csv(facilityCsvRow({ id: 'IMP-1' }), facilityCsvRow({ id: 'IMP-9' })),
    );
    expect(again.status).toBe(422);
    expect(again.body.report.problems).toEqual([
      expect.objectContaining({ line: 2, field: 'id', reason: 'duplicate_id_in_register' }),
    ]);
    expect(await registerSize()).toBe(2);
  });

  it('a FHIR Bundle whose Location has no position imports nothing; with its position it goes in', async () => {
    const fhir = (value: unknown) => Buffer.from(JSON.stringify(value));
    const withoutPosition = await importFile(
      ops,
      fhir(facilityBundle((location) => delete location.position)),
      'application/fhir+json',
    );
    expect(withoutPosition.status).toBe(422);
    expect(withoutPosition.body.report.problems).toEqual([
      expect.objectContaining({ entry: 1, field: 'Location.position', reason: 'missing_position' }),
    ]);
    const imported = await importFile(ops, fhir(facilityBundle()), 'application/fhir+json');
    expect(imported.status).toBe(201);
    expect(imported.body.rowsImported).toBe(1);
    expect(await registerSize()).toBe(3);
  });

  it('only operations import: a case manager is told there is no such thing, and a spreadsheet is not a format', async () => {
    expect((await importFile(manager, csv(facilityCsvRow({ id: 'CM-1' })))).status).toBe(404);
    const spreadsheet = await importFile(ops, Buffer.from('PK'), 'application/vnd.ms-excel');
    expect(spreadsheet.status).toBe(415);
    expect(await registerSize()).toBe(3);
  });

  it('the import is in the audit trail with its counts, never a row of the file', async () => {
    const events = await server.sql.query(
      "SELECT details FROM audit_event WHERE action = 'facilities.imported' ORDER BY occurred_at",
    );
    expect(events.rows.map((row) => row.details)).toContainEqual({
      format: 'csv',
      applied: true,
      imported: 2,
      rejected: 1,
    });
    expect(JSON.stringify(events.rows)).not.toContain('Jumeirah');
  });
});

describe('the facility finder', () => {
  beforeAll(async () => {
    await seedDemoFacilities(systemContext(server.runtime, 'test-demo-facilities'));
  }, 120_000);

  it('a case manager finds three orthopaedic facilities near Dubai with Arabic-speaking staff and direct billing, with the reasons', async () => {
    const found = await search(manager, {
      near: dubai,
      service: 'OS',
      languages: ['ar'],
      directBilling: true,
      limit: 5,
    });
    expect(found.status).toBe(200);
    const hits = found.body.items as FacilityHit[];
    expect(hits.length).toBeGreaterThanOrEqual(3);
    for (const hit of hits) {
      expect(hit.facility.services).toContain('OS');
      expect(hit.facility.languages).toContain('ar');
      expect(hit.facility.directBilling).toBe(true);
      expect(hit.reasons.map((reason) => reason.kind)).toEqual(
        expect.arrayContaining(['distance', 'language', 'direct_billing']),
      );
      // The distance is the great-circle one, in km.
      expect(hit.distanceKm).toBeCloseTo(haversineKm(dubai, hit.facility), 1);
      expect(hit.distanceKm as number).toBeLessThanOrEqual(50);
    }
    expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
    const names = hits.map((hit) => hit.facility.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Al Wasl Orthopaedic & Sports Medicine Centre',
        'Healthcare City Bone & Joint Hospital',
        'Al Barsha Spine and Joint Clinic',
      ]),
    );
    expect(names).not.toContain('Deira Orthopaedic Day Surgery');
  });

  it('a member searches near their city; the answer says which point it searched around', async () => {
    const found = await search(member, { city: { country: 'AE', name: 'dubai' }, service: 'OS-SPORTS' });
    expect(found.status).toBe(200);
    expect(haversineKm(found.body.origin, dubai)).toBeLessThan(20);
    expect(found.body.items.length).toBeGreaterThan(0);
    for (const hit of found.body.items as FacilityHit[]) expect(hit.facility.services).toContain('OS-SPORTS');
  });

  it('a search in a country has no distance, and puts those billing directly first', async () => {
    const found = await search(manager, { country: 'AE', service: 'OS', limit: 50 });
    expect(found.status).toBe(200);
    const hits = found.body.items as FacilityHit[];
    expect(hits.length).toBeGreaterThan(3);
    expect(hits.every((hit) => hit.distanceKm === null && hit.facility.country === 'AE')).toBe(true);
    const billing = hits.map((hit) => hit.facility.directBilling);
    const firstWithout = billing.indexOf(false);
    if (firstWithout !== -1) expect(billing.lastIndexOf(true)).toBeLessThan(firstWithout);
    expect(hits[0]?.facility.directBilling).toBe(true);
  });

  it('pages through the ranking with a cursor, without repeating a facility', async () => {
    const first = await search(manager, { near: dubai, radiusKm: 100, limit: 3 });
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await search(manager, {
      near: dubai,
      radiusKm: 100,
      limit: 3,
      cursor: first.body.nextCursor,
    });
    expect(second.status).toBe(200);
    const ids = [...first.body.items, ...second.body.items].map((hit: FacilityHit) => hit.facility.id);
    expect(new Set(ids).size).toBe(6);
  });

  it('open now reads each facility’s hours in its own time zone: on a Friday morning in Dubai, the clinics closed for the weekend are left out', async () => {
    const now = server.clock.now();
    const friday = new Date(now);
    friday.setUTCDate(now.getUTCDate() + ((5 - now.getUTCDay() + 7) % 7 || 7));
    friday.setUTCHours(6, 0, 0, 0); // 10:00 in Dubai
    const offset = friday.getTime() - now.getTime();
    server.clock.advance(offset);
    try {
      const all = await search(manager, { near: dubai, service: 'OS', languages: ['ar'], limit: 50 });
      const open = await search(manager, {
        near: dubai,
        service: 'OS',
        languages: ['ar'],
        openNow: true,
        limit: 50,
      });
      const openNames = (open.body.items as FacilityHit[]).map((hit) => hit.facility.name);
      expect(openNames).toContain('Healthcare City Bone & Joint Hospital'); // open all week
      expect(openNames).not.toContain('Al Barsha Spine and Joint Clinic'); // Saturday to Thursday
      expect(openNames).not.toContain('Al Wasl Orthopaedic & Sports Medicine Centre'); // Friday from 16:00
      expect(open.body.items.length).toBeLessThan(all.body.items.length);
      expect((open.body.items as FacilityHit[]).every((hit) => hit.openNow)).toBe(true);
    } finally {
      server.clock.advance(-offset);
    }
  });

  it('bad input gets a problem naming the field, and no search runs', async () => {
    const cases: [unknown, string][] = [
      [{ near: { latitude: 91, longitude: 55 } }, 'near.latitude'],
      [{ near: dubai, service: 'ACUPUNCTURE' }, 'service'],
      [{ near: dubai, radiusKm: 5000 }, 'radiusKm'],
      [{ near: dubai, radiusKm: 0 }, 'radiusKm'],
      [{ service: 'OS' }, 'near'],
      [{ country: 'AE', radiusKm: 10 }, 'radiusKm'],
      [{ near: dubai, languages: ['klingon'] }, 'languages.0'],
      [{ near: dubai, accreditation: 'GOLD-STAR' }, 'accreditation'],
      [{ near: dubai, cursor: 'not-a-cursor' }, 'cursor'],
    ];
    for (const [body, field] of cases) {
      const refused = await search(manager, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.code).toBe('request.validation_failed');
      expect(refused.body.errors.map((error: { path: string }) => error.path)).toContain(`body.${field}`);
    }
    const nowhere = await search(manager, { city: { country: 'AE', name: 'Atlantis' } });
    expect(nowhere.status).toBe(422);
    expect(nowhere.body.code).toBe('facility_search.unknown_city');
  });

  it('a specialist and a stranger are told there is nothing here', async () => {
    expect((await search(specialist, { near: dubai })).status).toBe(404);
    const anyId = (await search(manager, { near: dubai })).body.items[0].facility.id;
    expect((await specialist.get(`/api/v1/facilities/${anyId}`)).status).toBe(404);
    expect((await member.get(`/api/v1/facilities/${anyId}`)).status).toBe(200);
  });

  it('the nearest-first walk is served by the position index, not a scan of the register', async () => {
    await server.sql.query('ANALYZE facility');
    const text = await nearestPlan(server.sql, dubai, 50, { service: 'OS', languages: ['ar'] }, 10);
    expect(text).toContain('facility_position_idx');
    expect(text).toContain('Index Scan using facility_position_idx');
    expect(text).not.toContain('Seq Scan on facility');
  });
});

describe('operations correct an entry', () => {
  let id: string;
  beforeAll(async () => {
    const found = await search(ops, { near: dubai, service: 'OS', languages: ['ar'], directBilling: true });
    id = (found.body.items as FacilityHit[]).find(
      (hit) => hit.facility.name === 'Al Barsha Spine and Joint Clinic',
    )?.facility.id as string;
  });

  it('a correction at the version read is written, and audited with the fields changed, not their values', async () => {
    const corrected = await ops.patch(`/api/v1/facilities/${id}`, {
      version: 1,
      name: 'Al Barsha Spine & Joint Clinic',
      phone: '04 398 7655',
      services: ['OS-JOINT', 'PM'],
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      version: 2,
      name: 'Al Barsha Spine & Joint Clinic',
      phone: { e164: '+97143987655' },
      services: ['OS', 'OS-JOINT', 'PM'],
    });
    const audit = await server.sql.query(
      "SELECT details, entity_id FROM audit_event WHERE action = 'facility.corrected'",
    );
    expect(audit.rows).toEqual([
      { entity_id: id, details: { fields: ['name', 'phone', 'services'], version: 2 } },
    ]);
  });

  it('a correction at an old version is a conflict, and changes nothing', async () => {
    const stale = await ops.patch(`/api/v1/facilities/${id}`, { version: 1, name: 'Someone else’s edit' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('resource.version_conflict');
    expect((await ops.get(`/api/v1/facilities/${id}`)).body.name).toBe('Al Barsha Spine & Joint Clinic');
  });

  it('bad values are refused whole: a phone of no country, a billing date without direct billing', async () => {
    const phone = await ops.patch(`/api/v1/facilities/${id}`, { version: 2, phone: '12', name: 'Changed' });
    expect(phone.status).toBe(422);
    expect(phone.body.code).toBe('request.phone_invalid');
    const billing = await ops.patch(`/api/v1/facilities/${id}`, {
      version: 2,
      directBilling: false,
      directBillingSince: '2020-01-01',
    });
    expect(billing.status).toBe(422);
    expect(billing.body.code).toBe('facility.billing_date_without_direct_billing');
    const latitude = await ops.patch(`/api/v1/facilities/${id}`, { version: 2, latitude: 91 });
    expect(latitude.status).toBe(400);
    const after = await ops.get(`/api/v1/facilities/${id}`);
    expect(after.body).toMatchObject({
      version: 2,
      name: 'Al Barsha Spine & Joint Clinic',
      directBilling: true,
    });
  });

  it('a case manager may read the entry but not correct it', async () => {
    const refused = await manager.patch(`/api/v1/facilities/${id}`, { version: 2, name: 'Mine' });
    expect(refused.status).toBe(403);
  });
});

describe('the operator commands', () => {
  it('facilities import refuses a file with a bad time zone unless --skip-invalid, and facilities generate adds a seeded register', async () => {
    const settings = { DATABASE_URL: server.runtime.config.databaseUrl as string };
    const file = path.join(workDir, 'register.csv');
    writeFileSync(
      file,
      csv(facilityCsvRow({ id: 'CLI-1' }), facilityCsvRow({ id: 'CLI-2', time_zone: 'Asia/Atlantis' })),
    );
    const before = await registerSize();
    const refused = await runCli(['facilities', 'import', file], settings);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('line 3: time_zone: bad_time_zone');
    expect(refused.stdout).toContain('nothing imported');
    const skipped = await runCli(['facilities', 'import', file, '--skip-invalid'], settings);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('imported 1 of 2 facilities (1 rejected)');

    const generated = await runCli(['facilities', 'generate', '--count', '200', '--seed', '77'], settings);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toContain('generated 200 facilities with seed 77');
    const again = await runCli(['facilities', 'generate', '--count', '200', '--seed', '77'], settings);
    expect(again.code).toBe(1);
    expect(again.stdout + again.stderr).toContain('seed 77 has already been generated');
    expect(await registerSize()).toBe(before + 201);
  }, 120_000);
});
