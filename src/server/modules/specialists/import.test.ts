import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type * as fhir4 from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { csvHeader, csvRow } from '../../../../test/support/specialists.js';
import { fhirProfile, readSpecialistBundle, readSpecialistCsv, specialistColumns } from './import.js';

const fileOf = (...lines: string[]) => Readable.from([Buffer.from(lines.join('\n'))]);

describe('reading a CSV network file', () => {
  it('reads every column of a good row into a specialist, canonical and de-duplicated', async () => {
    const file = await readSpecialistCsv(
      fileOf(csvHeader, csvRow({ languages: 'es;EN;en', name: ' Prof. Dr. José Núñez ' })),
    );
    expect(file.problems).toEqual([]);
    expect(file.refused).toBe(false);
    expect(file.drafts).toHaveLength(1);
    expect(file.drafts[0]).toMatchObject({
      line: 2,
      name: 'Prof. Dr. José Núñez',
      nameKey: 'jose nunez',
      languages: ['es', 'en'],
      licence: { country: 'ES', number: '08/12345' },
      licensedCountries: ['ES', 'PT'],
      specialtyCodes: ['IM'],
      subspecialtyCodes: ['IM-CARD'],
      conditionCodes: ['I20-I25', 'IX'],
      latitude: 41.3888,
      acceptsReviews: true,
      weeklyCapacity: 4,
      medianTurnaroundHours: 36.5,
    });
  });

  it('refuses a file without a required column, naming it, before reading any row', async () => {
    const header = specialistColumns.filter((column) => column !== 'languages').join(',');
    const row = specialistColumns.filter((column) => column !== 'languages');
    const file = await readSpecialistCsv(fileOf(header, row.map(() => 'x').join(',')));
    expect(file.refused).toBe(true);
    expect(file.drafts).toEqual([]);
    expect(file.problems).toEqual([
      expect.objectContaining({ line: 1, field: 'languages', reason: 'missing_column' }),
    ]);
  });

  it('reports a bad specialty code, an unknown language and bad coordinates with their line and field', async () => {
    const file = await readSpecialistCsv(
      fileOf(
        csvHeader,
        csvRow({ licence_number: 'A1' }),
        csvRow({ licence_number: 'A2', specialties: 'CARDIO', subspecialties: '' }),
        csvRow({ licence_number: 'A3', languages: 'es;xx' }),
        csvRow({ licence_number: 'A4', latitude: '91', longitude: 'east' }),
        csvRow({ licence_number: 'A5', subspecialties: 'PE-CARD' }),
      ),
    );
    expect(file.refused).toBe(false);
    expect(file.drafts.map((draft) => draft.line)).toEqual([2]);
    expect(file.rowsRead).toBe(5);
    expect(file.rowsRejected).toBe(4);
    expect(file.problems.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
      { line: 3, field: 'specialties', reason: 'unknown_specialty' },
      { line: 4, field: 'languages', reason: 'unknown_language' },
      { line: 5, field: 'latitude', reason: 'bad_coordinates' },
      { line: 5, field: 'longitude', reason: 'bad_coordinates' },
      { line: 6, field: 'subspecialties', reason: 'subspecialty_without_specialty' },
    ]);
  });

  it('rejects the second row with a licence already on an earlier line', async () => {
    const file = await readSpecialistCsv(
      fileOf(csvHeader, csvRow(), csvRow({ name: 'Someone Else' }), csvRow({ licence_country: 'PT' })),
    );
    expect(file.drafts.map((draft) => draft.line)).toEqual([2, 4]);
    expect(file.problems).toEqual([
      expect.objectContaining({ line: 3, field: 'licence_number', reason: 'duplicate_licence_in_file' }),
    ]);
    expect(file.problems[0]?.message).toContain('line 2');
  });

  it('counts lines as an editor does, with CRLF endings, blank lines and quoted line breaks', async () => {
    const text = [
      csvHeader,
      '',
      csvRow({ institution: '"Clínica\nNorte"' }),
      csvRow({ licence_number: 'B2', languages: 'zz' }),
    ].join('\r\n');
    // Split inside the CRLF pair, as a network read may.
    const cut = text.indexOf('\r\n', text.indexOf('Norte')) + 1;
    const file = await readSpecialistCsv(
      Readable.from([Buffer.from(text.slice(0, cut)), Buffer.from(text.slice(cut))]),
    );
    expect(file.drafts[0]?.institution).toBe('Clínica\nNorte');
    expect(file.problems).toEqual([expect.objectContaining({ line: 5, reason: 'unknown_language' })]);
  });

  it('gives up on 10 MB of binary garbage after its first chunk, keeping nothing of it', async () => {
    let chunksRead = 0;
    async function* garbage() {
      for (let index = 0; index < 160; index += 1) {
        chunksRead += 1;
        yield randomBytes(64 * 1024);
      }
    }
    const file = await readSpecialistCsv(garbage());
    expect(file.refused).toBe(true);
    expect(file.problems).toEqual([expect.objectContaining({ field: 'file', reason: 'file_not_text' })]);
    expect(chunksRead).toBeLessThanOrEqual(2);
  });

  it('gives up on 10 MB of text that is not a network file at its first line', async () => {
    let chunksRead = 0;
    async function* words() {
      for (let index = 0; index < 160; index += 1) {
        chunksRead += 1;
        yield `${'lorem ipsum dolor sit amet '.repeat(2427)}\n`;
      }
    }
    const file = await readSpecialistCsv(words());
    expect(file.refused).toBe(true);
    expect(file.problems).toEqual([expect.objectContaining({ reason: 'missing_column', line: 1 })]);
    expect(chunksRead).toBeLessThan(10);
  });

  it('lists at most a thousand problems of a file of bad rows, and counts them all', async () => {
    const rows = Array.from({ length: 1500 }, (_, index) =>
      csvRow({ licence_number: `L${index}`, languages: 'zz' }),
    );
    const file = await readSpecialistCsv(fileOf(csvHeader, ...rows));
    expect(file.rowsRejected).toBe(1500);
    expect(file.problems).toHaveLength(1000);
  });
});

function bundleOf(...resources: fhir4.FhirResource[]): fhir4.Bundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}

const organization: fhir4.Organization = {
  resourceType: 'Organization',
  id: 'org-1',
  name: 'Charité – Universitätsmedizin Berlin',
};

function practitioner(id: string, overrides: Partial<fhir4.Practitioner> = {}): fhir4.Practitioner {
  return {
    resourceType: 'Practitioner',
    id,
    identifier: [{ system: 'https://example.org/practitioners', value: id }],
    name: [{ family: 'Schneider', given: ['Clara'], prefix: ['Prof. Dr. med.'] }],
    address: [
      {
        city: 'Berlin',
        country: 'DE',
        extension: [
          {
            url: fhirProfile.geolocationExtension,
            extension: [
              { url: 'latitude', valueDecimal: 52.52 },
              { url: 'longitude', valueDecimal: 13.405 },
            ],
          },
        ],
      },
    ],
    communication: [
      { coding: [{ system: fhirProfile.languageSystem, code: 'de' }] },
      { coding: [{ system: fhirProfile.languageSystem, code: 'en' }] },
    ],
    qualification: [
      {
        code: { text: 'Approbation' },
        identifier: [{ value: `BE-${id}` }],
        extension: [{ url: fhirProfile.licenceCountryExtension, valueCode: 'DE' }],
      },
    ],
    extension: [{ url: fhirProfile.yearsExtension, valueInteger: 22 }],
    ...overrides,
  };
}

function role(id: string, practitionerId: string, codes: string[]): fhir4.PractitionerRole {
  return {
    resourceType: 'PractitionerRole',
    id,
    active: true,
    practitioner: { reference: `Practitioner/${practitionerId}` },
    organization: { reference: 'Organization/org-1' },
    specialty: codes.map((code) => ({ coding: [{ system: fhirProfile.specialtySystem, code }] })),
    extension: [
      { url: fhirProfile.capacityExtension, valueInteger: 3 },
      { url: fhirProfile.conditionExtension, valueCode: 'C50-C50' },
    ],
  };
}

const streamOf = (value: unknown) => Readable.from([Buffer.from(JSON.stringify(value))]);

describe('reading a FHIR R4 Bundle', () => {
  it('makes one specialist of each Practitioner, with its roles and organization', async () => {
    const file = await readSpecialistBundle(
      streamOf(bundleOf(organization, practitioner('p1'), role('r1', 'p1', ['IM', 'IM-ONC']))),
    );
    expect(file.problems).toEqual([]);
    expect(file.drafts).toEqual([
      expect.objectContaining({
        entry: 1,
        name: 'Clara Schneider',
        title: 'Prof. Dr. med.',
        institution: 'Charité – Universitätsmedizin Berlin',
        country: 'DE',
        city: 'Berlin',
        latitude: 52.52,
        languages: ['de', 'en'],
        licence: { country: 'DE', number: 'BE-p1' },
        specialtyCodes: ['IM'],
        subspecialtyCodes: ['IM-ONC'],
        conditionCodes: ['C50-C50'],
        weeklyCapacity: 3,
        yearsInPractice: 22,
        fhirIdentifier: 'https://example.org/practitioners|p1',
      }),
    ]);
  });

  it('keeps every licence of a Practitioner with several qualifications, once each', async () => {
    const licence = (country: string, number: string) => ({
      code: { text: 'licence' },
      identifier: [{ value: number }],
      extension: [{ url: fhirProfile.licenceCountryExtension, valueCode: country }],
    });
    const file = await readSpecialistBundle(
      streamOf(
        bundleOf(
          organization,
          practitioner('p1', {
            qualification: [licence('DE', 'BE-p1'), licence('AT', 'W-771'), licence('AT', 'W-771')],
          }),
          role('r1', 'p1', ['IM']),
          practitioner('p2', { qualification: [licence('CH', 'ZH-9'), licence('AT', 'W-771')] }),
          role('r2', 'p2', ['IM']),
          practitioner('p3', { qualification: [licence('DE', 'BE-p3'), licence('XX', '')] }),
          role('r3', 'p3', ['IM']),
        ),
      ),
    );
    expect(file.drafts).toEqual([
      expect.objectContaining({
        licence: { country: 'DE', number: 'BE-p1' },
        furtherLicences: [{ country: 'AT', number: 'W-771' }],
        licensedCountries: ['DE', 'AT'],
      }),
    ]);
    expect(file.problems.map(({ entry, field, reason }) => ({ entry, field, reason }))).toEqual([
      {
        entry: 5,
        field: 'Practitioner.qualification.extension(licence-country)',
        reason: 'unknown_country',
      },
      { entry: 5, field: 'Practitioner.qualification.identifier', reason: 'required' },
      { entry: 3, field: 'Practitioner.qualification.identifier', reason: 'duplicate_licence_in_file' },
    ]);
  });

  it('reports a bad specialty code and a missing capacity against the Practitioner’s entry', async () => {
    const file = await readSpecialistBundle(
      streamOf(
        bundleOf(
          organization,
          practitioner('p1'),
          role('r1', 'p1', ['CARDIO']),
          practitioner('p2', {
            qualification: [
              {
                code: { text: 'x' },
                identifier: [{ value: 'BE-p2' }],
                extension: [{ url: fhirProfile.licenceCountryExtension, valueCode: 'DE' }],
              },
            ],
          }),
        ),
      ),
    );
    expect(file.drafts).toEqual([]);
    expect(file.problems.map(({ entry, field, reason }) => ({ entry, field, reason }))).toEqual([
      { entry: 1, field: 'PractitionerRole.specialty', reason: 'unknown_specialty' },
      { entry: 3, field: 'PractitionerRole.specialty', reason: 'required' },
      { entry: 3, field: 'PractitionerRole.extension(weekly-capacity)', reason: 'required' },
    ]);
  });

  it('refuses what is not an R4 Bundle: another resource, a Bundle without type, a name that is not a list', async () => {
    const notBundle = await readSpecialistBundle(streamOf(practitioner('p1')));
    expect(notBundle.refused).toBe(true);
    expect(notBundle.problems[0]).toMatchObject({ reason: 'not_fhir_r4', field: 'resourceType' });

    const untyped = await readSpecialistBundle(streamOf({ resourceType: 'Bundle', entry: [] }));
    expect(untyped.problems[0]).toMatchObject({ reason: 'not_fhir_r4', field: 'type' });

    const badName = await readSpecialistBundle(
      streamOf(
        bundleOf(practitioner('p1', { name: { family: 'Schneider' } as unknown as fhir4.HumanName[] })),
      ),
    );
    expect(badName.refused).toBe(true);
    expect(badName.problems[0]).toMatchObject({
      entry: 0,
      field: 'Practitioner.name',
      reason: 'not_fhir_r4',
    });

    const notJson = await readSpecialistBundle(Readable.from([Buffer.from('{"resourceType": "Bundle", ')]));
    expect(notJson.problems[0]).toMatchObject({ reason: 'not_fhir_r4' });
  });

  it('refuses a valid Bundle that holds no Practitioner, saying so', async () => {
    const file = await readSpecialistBundle(streamOf(bundleOf(organization)));
    expect(file.refused).toBe(true);
    expect(file.drafts).toEqual([]);
    expect(file.problems).toEqual([
      expect.objectContaining({ line: null, entry: null, reason: 'file_empty', field: 'file' }),
    ]);
  });

  it('reports a role that points at no Practitioner of the Bundle', async () => {
    const file = await readSpecialistBundle(
      streamOf(
        bundleOf(organization, practitioner('p1'), role('r1', 'p1', ['IM']), role('r2', 'nobody', ['IM'])),
      ),
    );
    expect(file.drafts).toHaveLength(1);
    expect(file.problems).toEqual([
      expect.objectContaining({
        entry: 3,
        field: 'PractitionerRole.practitioner',
        reason: 'unresolved_reference',
      }),
    ]);
  });
});
