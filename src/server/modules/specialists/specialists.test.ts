import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as fhir4 from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  runCli,
  type StaffAccount,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { csvHeader, csvRow } from '../../../../test/support/specialists.js';
import { releaseReviewPlace, takeReviewPlace } from './capacity.js';
import { fhirProfile } from './import.js';

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

let server: TestServer;
let alice: Browser;
let manager: { browser: Browser; account: StaffAccount };
let otherManager: { browser: Browser; account: StaffAccount };
let ops: { browser: Browser; account: StaffAccount };
let specialist: { browser: Browser; account: StaffAccount };
let workDir: string;

const importFile = (browser: Browser, content: string | Buffer, contentType = 'text/csv', query = '') =>
  browser.request('POST', `/api/v1/specialist-imports${query}`, {
    body: typeof content === 'string' ? Buffer.from(content) : content,
    headers: { 'content-type': contentType },
  });

async function networkSize(): Promise<number> {
  const result = await server.sql.query('SELECT count(*)::int AS n FROM specialist');
  return result.rows[0].n;
}

const csv = (...rows: string[]) => [csvHeader, ...rows].join('\n');

beforeAll(async () => {
  server = await startTestServer();
  await givenRegister(server);
  manager = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['es', 'en'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  });
  otherManager = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['fr'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  });
  ops = await givenStaffSignedIn(server, 'ops');
  specialist = await givenStaffSignedIn(server, 'specialist');
  alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@x.test',
  );
  workDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-network-'));
});
afterAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  await server?.close();
});

describe('operations import the specialist network', () => {
  const goodAndBad = csv(
    csvRow({ licence_number: 'IMP-1', name: 'Ana Torres' }),
    csvRow({ licence_number: 'IMP-2', name: 'Bruno Sala', languages: 'es;klingon' }),
    csvRow({ licence_number: 'IMP-3', name: 'Carla Ortiz' }),
  );

  it('a CSV with one bad row writes nothing and the report names its line, field and reason', async () => {
    const refused = await importFile(ops.browser, goodAndBad);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('specialist_import.rejected');
    expect(refused.body.report).toMatchObject({
      applied: false,
      rowsRead: 3,
      rowsImported: 0,
      rowsRejected: 1,
    });
    expect(refused.body.report.problems).toEqual([
      expect.objectContaining({ line: 3, entry: null, field: 'languages', reason: 'unknown_language' }),
    ]);
    expect(await networkSize()).toBe(0);
  });

  it('asked to skip invalid rows, the good rows go in and the bad one is still reported', async () => {
    const imported = await importFile(ops.browser, goodAndBad, 'text/csv', '?skipInvalid=true');
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ applied: true, rowsRead: 3, rowsImported: 2, rowsRejected: 1 });
    expect(imported.body.problems).toHaveLength(1);
    expect(await networkSize()).toBe(2);
    const stored = await server.sql.query(
      'SELECT s.name, l.number FROM specialist s JOIN specialist_licence l ON l.specialist_id = s.id WHERE s.import_id = $1 ORDER BY l.number',
      [imported.body.id],
    );
    expect(stored.rows).toEqual([
      { name: 'Ana Torres', number: 'IMP-1' },
      { name: 'Carla Ortiz', number: 'IMP-3' },
    ]);
    // The record a specialist comes with is kept as the base their platform reviews add to.
    const record = await server.sql.query(
      `SELECT reviews_completed, imported_reviews_completed, imported_median_turnaround_hours,
        imported_rating_average, imported_rating_count FROM specialist WHERE import_id = $1 LIMIT 1`,
      [imported.body.id],
    );
    expect(record.rows[0]).toEqual({
      reviews_completed: 31,
      imported_reviews_completed: 31,
      imported_median_turnaround_hours: 36.5,
      imported_rating_average: 4.7,
      imported_rating_count: 12,
    });
  });

  it('a licence the network already holds is refused, with the line of the file', async () => {
    const again = await importFile(
      ops.browser,
      csv(csvRow({ licence_number: 'IMP-4' }), csvRow({ licence_number: 'IMP-3' })),
    );
    expect(again.status).toBe(422);
    expect(again.body.report.problems).toEqual([
      expect.objectContaining({ line: 3, field: 'licence_number', reason: 'duplicate_licence_in_network' }),
    ]);
    expect(await networkSize()).toBe(2);
  });

  it('10 MB of garbage is refused as not text, and nothing is written', async () => {
    const garbage = await importFile(ops.browser, randomBytes(10 * 1024 * 1024));
    expect(garbage.status).toBe(422);
    expect(garbage.body.report.problems).toEqual([
      expect.objectContaining({ field: 'file', reason: 'file_not_text' }),
    ]);
    expect(await networkSize()).toBe(2);
  });

  it('a FHIR R4 Bundle goes in with every licence of its Practitioner; one that is not R4 is refused', async () => {
    const bundle: fhir4.Bundle<fhir4.FhirResource> = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:org',
          resource: { resourceType: 'Organization', name: 'Karolinska Universitetssjukhuset' },
        },
        {
          fullUrl: 'urn:uuid:p1',
          resource: {
            resourceType: 'Practitioner',
            identifier: [{ system: 'https://example.org/se', value: 'se-1' }],
            name: [{ given: ['Erik'], family: 'Lind' }],
            address: [
              {
                city: 'Stockholm',
                country: 'SE',
                extension: [
                  {
                    url: fhirProfile.geolocationExtension,
                    extension: [
                      { url: 'latitude', valueDecimal: 59.33 },
                      { url: 'longitude', valueDecimal: 18.07 },
                    ],
                  },
                ],
              },
            ],
            communication: [{ coding: [{ system: fhirProfile.languageSystem, code: 'sv' }] }],
            qualification: [
              {
                code: { text: 'Legitimation' },
                identifier: [{ value: 'SE-778' }],
                extension: [{ url: fhirProfile.licenceCountryExtension, valueCode: 'SE' }],
              },
              {
                code: { text: 'Autorisasjon' },
                identifier: [{ value: 'NO-4410' }],
                extension: [{ url: fhirProfile.licenceCountryExtension, valueCode: 'NO' }],
              },
            ],
            extension: [{ url: fhirProfile.yearsExtension, valueInteger: 9 }],
          },
        },
        {
          resource: {
            resourceType: 'PractitionerRole',
            practitioner: { reference: 'urn:uuid:p1' },
            organization: { reference: 'urn:uuid:org' },
            specialty: [{ coding: [{ system: fhirProfile.specialtySystem, code: 'NE' }] }],
            extension: [{ url: fhirProfile.capacityExtension, valueInteger: 2 }],
          },
        },
      ],
    };
    const imported = await importFile(ops.browser, JSON.stringify(bundle), 'application/fhir+json');
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ format: 'fhir', rowsImported: 1 });

    // His Norwegian licence is his too: found by its number, and no one else may bring it in.
    const byNorwegianLicence = await ops.browser.get('/api/v1/specialists?search=NO-4410');
    expect(byNorwegianLicence.body.items.map((entry: { name: string }) => entry.name)).toEqual(['Erik Lind']);
    const taken = await importFile(
      ops.browser,
      csv(csvRow({ licence_country: 'NO', licence_number: 'NO-4410', name: 'Someone Else' })),
    );
    expect(taken.status).toBe(422);
    expect(taken.body.report.problems).toEqual([
      expect.objectContaining({ line: 2, field: 'licence_number', reason: 'duplicate_licence_in_network' }),
    ]);

    const notR4 = await importFile(
      ops.browser,
      JSON.stringify({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ resource: { resourceType: 'Practitioner', name: 'Erik' } }],
      }),
      'application/fhir+json',
    );
    expect(notR4.status).toBe(422);
    expect(notR4.body.report.problems[0]).toMatchObject({
      entry: 0,
      field: 'Practitioner.name',
      reason: 'not_fhir_r4',
    });
    expect(await networkSize()).toBe(3);
  });

  it('another content type is refused; a case manager or a member is told there is nothing here', async () => {
    expect((await importFile(ops.browser, 'a,b', 'text/plain')).status).toBe(415);
    for (const outsider of [manager.browser, alice, specialist.browser]) {
      const attempt = await importFile(outsider, csv(csvRow({ licence_number: 'X-1' })));
      expect(attempt.status).toBe(404);
      expect(attempt.body.code).toBe('resource.not_found');
    }
    expect(await networkSize()).toBe(3);
  });

  it('from the command line: a bad row stops the import with exit code 1, --skip-invalid imports the rest', async () => {
    const file = path.join(workDir, 'network.csv');
    writeFileSync(
      file,
      csv(csvRow({ licence_number: 'CLI-1' }), csvRow({ licence_number: 'CLI-2', specialties: 'NOPE' })),
    );
    const settings = { DATABASE_URL: server.runtime.config.databaseUrl as string };
    const refused = await runCli(['specialists', 'import', file], settings);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('line 3: specialties: unknown_specialty');
    expect(refused.stdout).toContain('nothing imported');
    const skipped = await runCli(['specialists', 'import', file, '--skip-invalid'], settings);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('imported 1 of 2 specialists (1 rejected)');
    expect(await networkSize()).toBe(4);
  }, 120_000);
});

describe('case managers look the network up', () => {
  it('lists by specialty, a page at a time, newest first, and shows one specialist whole', async () => {
    const first = await manager.browser.get('/api/v1/specialists?specialty=IM&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await manager.browser.get(
      `/api/v1/specialists?specialty=IM&limit=2&cursor=${first.body.nextCursor}`,
    );
    const all = [...first.body.items, ...second.body.items];
    expect(all.every((entry: { specialtyCodes: string[] }) => entry.specialtyCodes.includes('IM'))).toBe(
      true,
    );
    expect(new Set(all.map((entry: { id: string }) => entry.id)).size).toBe(3);
    expect(second.body.nextCursor).toBeNull();

    const neurologists = await manager.browser.get('/api/v1/specialists?specialty=NE&language=sv&country=SE');
    expect(neurologists.body.items.map((entry: { name: string }) => entry.name)).toEqual(['Erik Lind']);

    const one = await ops.browser.get(`/api/v1/specialists/${neurologists.body.items[0].id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      name: 'Erik Lind',
      institution: 'Karolinska Universitetssjukhuset',
      licences: [
        { country: 'NO', number: 'NO-4410' },
        { country: 'SE', number: 'SE-778' },
      ],
      capacityLeft: 2,
      source: 'fhir',
    });
  });

  it('refuses a code that is not in the taxonomy and a forged cursor, clearly', async () => {
    const badCode = await manager.browser.get('/api/v1/specialists?specialty=CARDIO');
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors[0].path).toBe('querystring.specialty');
    expect((await manager.browser.get('/api/v1/specialists?cursor=nonsense')).status).toBe(400);
  });

  it('a member or a specialist is told the network is not there', async () => {
    for (const outsider of [alice, specialist.browser]) {
      expect((await outsider.get('/api/v1/specialists')).status).toBe(404);
    }
  });
});

describe('the case manager asks who should review a case', () => {
  let caseId: string;

  beforeAll(async () => {
    const oncologists = csv(
      // The doctor who gave the first opinion: the best fit on paper, never to be proposed.
      csvRow({
        licence_number: 'M-1',
        name: 'Jean Dupont',
        institution: 'Hôpital Saint-Louis',
        subspecialties: 'IM-ONC',
        conditions: 'C50-C50',
      }),
      // A colleague at the first opinion's institution.
      csvRow({
        licence_number: 'M-2',
        name: 'Lucía Vidal',
        institution: 'Hôpital Saint-Louis',
        subspecialties: 'IM-ONC',
      }),
      csvRow({
        licence_number: 'M-3',
        name: 'Marta Gil',
        institution: 'Hospital Clínic',
        subspecialties: 'IM-ONC',
        conditions: 'C50-C50',
      }),
      csvRow({
        licence_number: 'M-4',
        name: 'Hans Weber',
        institution: 'Charité',
        country: 'DE',
        city: 'Berlin',
        licence_country: 'DE',
        licensed_countries: 'DE',
        languages: 'de;en',
        subspecialties: 'IM-ONC',
      }),
      csvRow({
        licence_number: 'M-5',
        name: 'Pablo Ruiz',
        institution: 'Hospital La Fe',
        subspecialties: 'IM-ONC',
        weekly_capacity: '0',
      }),
      csvRow({
        licence_number: 'M-6',
        name: 'Rosa Prat',
        institution: 'Hospital del Mar',
        subspecialties: 'IM-ONC',
        accepts_reviews: 'false',
      }),
      csvRow({
        licence_number: 'M-7',
        name: 'Olga Ferrer',
        institution: 'Hospital Sant Pau',
        specialties: 'SU',
        subspecialties: '',
      }),
    );
    expect((await importFile(ops.browser, oncologists)).status).toBe(201);
    const submitted = await alice.post('/api/v1/cases', {
      concern: 'I was told I need a mastectomy and I want to be sure.',
      diagnosisReceived: 'Invasive ductal carcinoma of the left breast',
      firstOpinion: { doctorName: 'Dr. JEAN DUPONT', institution: 'Hopital Saint Louis', country: 'FR' },
      questions: ['Is surgery the only option?'],
      preferredLanguage: 'es',
      contactChannel: 'message',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Valencia' },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.caseManager.id).toBe(manager.account.userId);
    caseId = submitted.body.id;
  });

  // A search sends its criteria in the body: the member's condition never goes into an address.
  const matchesFor = (browser: Browser, search: Record<string, unknown>) =>
    browser.post(`/api/v1/cases/${caseId}/specialist-matches`, search);

  it('gets a ranked list with the reasons, without the first-opinion doctor, their institution, the full or the resting', async () => {
    const matches = await matchesFor(manager.browser, { condition: 'C50.9' });
    expect(matches.status).toBe(200);
    const names = matches.body.items.map((item: { specialist: { name: string } }) => item.specialist.name);
    // The oncologist who needs an interpreter comes before the cardiologists who speak Spanish
    // (Ana Torres, Carla Ortiz): an internist is not an oncologist.
    expect(names.slice(0, 2)).toEqual(['Marta Gil', 'Hans Weber']);
    for (const cardiologist of ['Ana Torres', 'Carla Ortiz']) expect(names).not.toContain(cardiologist);
    for (const excluded of ['Jean Dupont', 'Lucía Vidal', 'Pablo Ruiz', 'Rosa Prat'])
      expect(names).not.toContain(excluded);
    const [best] = matches.body.items;
    expect(
      best.factors.map((entry: { factor: string; reason: string }) => [entry.factor, entry.reason]),
    ).toEqual([
      ['specialty', 'subspecialty_exact+condition_block_expertise'],
      ['language', 'speaks_member_language'],
      ['licence', 'licensed_in_member_country'],
      ['capacity', 'places_left:4'],
      ['turnaround', 'median_hours:36.5'],
    ]);
    const scores = matches.body.items.map((item: { score: number }) => item.score);
    expect([...scores].sort((left, right) => right - left)).toEqual(scores);
  });

  it('can include the specialists without a free place, and weigh the distance from the member', async () => {
    const withFull = await matchesFor(manager.browser, { condition: 'C50.9', includeFull: true, limit: 20 });
    const full = withFull.body.items.find(
      (item: { specialist: { name: string } }) => item.specialist.name === 'Pablo Ruiz',
    );
    expect(full.factors.find((entry: { factor: string }) => entry.factor === 'capacity')).toMatchObject({
      points: 0,
      reason: 'full',
    });
    expect(
      withFull.body.items.map((item: { specialist: { name: string } }) => item.specialist.name),
    ).not.toContain('Rosa Prat');

    const nearby = await matchesFor(manager.browser, { condition: 'C50.9', nearby: true });
    const barcelona = nearby.body.items.find(
      (item: { specialist: { name: string } }) => item.specialist.name === 'Marta Gil',
    );
    expect(barcelona.distanceKm).toBeGreaterThan(250);
    expect(barcelona.distanceKm).toBeLessThan(320);
  });

  it('asks for a sub-specialty or a condition, and is told clearly when it is neither', async () => {
    const bySpecialty = await matchesFor(manager.browser, { specialty: ['SU'], languages: ['es'] });
    expect(bySpecialty.body.items[0].specialist.name).toBe('Olga Ferrer');
    const neither = await matchesFor(manager.browser, { limit: 5 });
    expect(neither.status).toBe(400);
    const badCode = await matchesFor(manager.browser, { condition: 'Q999' });
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors[0].path).toContain('condition');
  });

  it('takes its criteria only in the body: an address naming the condition finds nothing', async () => {
    const inTheAddress = await manager.browser.get(
      `/api/v1/cases/${caseId}/specialist-matches?condition=C50.9`,
    );
    expect(inTheAddress.status).toBe(404);
    expect(inTheAddress.body.code).toBe('route.not_found');
  });

  it('the read is audited against the member, so it shows in her access log', async () => {
    const audited = await server.sql.query(
      "SELECT actor_role, subject_member_id IS NOT NULL AS about_member, details FROM audit_event WHERE action = 'case.specialists_matched' AND entity_id = $1",
      [caseId],
    );
    expect(audited.rows.length).toBeGreaterThanOrEqual(3);
    expect(audited.rows[0]).toMatchObject({ actor_role: 'case_manager', about_member: true });
  });

  it('operations may ask too; another case manager, a specialist and the member get 404', async () => {
    expect((await matchesFor(ops.browser, { condition: 'C50.9' })).status).toBe(200);
    for (const outsider of [otherManager.browser, specialist.browser, alice]) {
      const attempt = await matchesFor(outsider, { condition: 'C50.9' });
      expect(attempt.status).toBe(404);
      expect(attempt.body.code).toBe('resource.not_found');
    }
  });
});

describe('a specialist’s review places, as the review room takes them', () => {
  it('two offers at once for the last place: one gets it; a place given back can be taken again', async () => {
    const imported = await importFile(
      ops.browser,
      csv(csvRow({ licence_number: 'CAP-1', name: 'Nuria Camps', weekly_capacity: '1' })),
    );
    expect(imported.status).toBe(201);
    const { rows } = await server.sql.query("SELECT id FROM specialist WHERE name = 'Nuria Camps'");
    const id = rows[0].id as string;
    const { db, clock } = server.runtime;
    const attempt = () => db.transaction((tx) => takeReviewPlace(tx, id, clock.now()));
    const results = await Promise.all([attempt(), attempt()]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await attempt()).toBe(false);
    await db.transaction((tx) => releaseReviewPlace(tx, id, clock.now()));
    await db.transaction((tx) => releaseReviewPlace(tx, id, clock.now()));
    const after = await server.sql.query('SELECT active_reviews FROM specialist WHERE id = $1', [id]);
    expect(after.rows[0].active_reviews).toBe(0);
    expect(await attempt()).toBe(true);
  });
});

describe('operations generate a network from the command line', () => {
  it('adds the same specialists for the same seed, and refuses a seed already generated', async () => {
    const settings = { DATABASE_URL: server.runtime.config.databaseUrl as string };
    const before = await networkSize();
    const generated = await runCli(['specialists', 'generate', '--count', '150', '--seed', '9001'], settings);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toContain('generated 150 specialists with seed 9001');
    expect(await networkSize()).toBe(before + 150);
    const again = await runCli(['specialists', 'generate', '--count', '150', '--seed', '9001'], settings);
    expect(again.code).toBe(1);
    expect(again.stdout + again.stderr).toContain('seed 9001 has already been generated');
    expect(await networkSize()).toBe(before + 150);
    const nonsense = await runCli(['specialists', 'generate', '--count', 'many'], settings);
    expect(nonsense.code).toBe(1);
    expect(nonsense.stdout + nonsense.stderr).toContain('--count must be a whole number');
  }, 120_000);
});
