import { Readable } from 'node:stream';
import type * as fhir4 from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { facilityBundle, facilityCsvRow } from '../../../../test/support/facilities.js';
import { facilityColumns, facilityFhirProfile, readFacilityBundle, readFacilityCsv } from './import.js';

const csv = (...rows: string[]) => Readable.from([[facilityColumns.join(','), ...rows].join('\n')]);

describe('a CSV facilities file is read strictly', () => {
  it('a good row becomes a checked facility: E.164 phone, a sub-specialty with its specialty, the week', async () => {
    const parsed = await readFacilityCsv(csv(facilityCsvRow()));
    expect(parsed.problems).toEqual([]);
    expect(parsed.drafts[0]).toMatchObject({
      externalId: 'F-1',
      phone: '+97143123456',
      services: ['OS', 'OS-SPORTS', 'PM'],
      timeZone: 'Asia/Dubai',
      directBilling: true,
      directBillingSince: '2019-03-01',
    });
    expect(parsed.drafts[0]?.openingHours).toHaveLength(7);
  });

  it('latitude 91, a service not in the taxonomy, a bad time zone and a duplicate id each get a precise problem', async () => {
    const parsed = await readFacilityCsv(
      csv(
        facilityCsvRow({ id: 'F-1' }),
        facilityCsvRow({ id: 'F-2', latitude: '91' }),
        facilityCsvRow({ id: 'F-3', services: 'OS;XX-NOPE' }),
        facilityCsvRow({ id: 'F-4', time_zone: 'Mars/Olympus_Mons' }),
        facilityCsvRow({ id: 'F-1', name: 'The same id again' }),
      ),
    );
    expect(parsed.rowsRead).toBe(5);
    expect(parsed.rowsRejected).toBe(4);
    expect(parsed.drafts.map((draft) => draft.externalId)).toEqual(['F-1']);
    expect(parsed.problems).toEqual([
      expect.objectContaining({ line: 3, field: 'latitude', reason: 'bad_coordinates' }),
      expect.objectContaining({
        line: 4,
        field: 'services',
        reason: 'unknown_service',
        message: '"XX-NOPE" is not a code of the specialty taxonomy',
      }),
      expect.objectContaining({ line: 5, field: 'time_zone', reason: 'bad_time_zone' }),
      expect.objectContaining({
        line: 6,
        field: 'id',
        reason: 'duplicate_id_in_file',
        message: '"F-1" is the id of the facility at line 2 too',
      }),
    ]);
  });

  it('every problem of a row is told at once', async () => {
    const parsed = await readFacilityCsv(
      csv(
        facilityCsvRow({
          kind: 'spa',
          country: 'UAE',
          phone: '12',
          opening_hours: 'always',
          email: 'nope',
          website: 'ftp://x.example',
          direct_billing: 'maybe',
        }),
      ),
    );
    expect(parsed.problems.map((problem) => problem.reason)).toEqual([
      'unknown_kind',
      'unknown_country',
      'invalid_value',
      'bad_opening_hours',
      'bad_phone',
      'bad_email',
      'bad_website',
    ]);
  });

  it('a file that is not a facilities file is refused whole', async () => {
    expect((await readFacilityCsv(Readable.from(['colour,size\nred,large\n']))).problems).toEqual([
      expect.objectContaining({ field: 'file', reason: 'missing_column' }),
    ]);
    expect((await readFacilityCsv(Readable.from([Buffer.from([0xff, 0xfe, 0x00])]))).refused).toBe(true);
  });
});

const bundle = (value: unknown) => Readable.from([JSON.stringify(value)]);

describe('a FHIR R4 Bundle of Location, Organization and HealthcareService', () => {
  it('a Location with its position becomes a facility, with what its services and organization add', async () => {
    const parsed = await readFacilityBundle(bundle(facilityBundle()));
    expect(parsed.problems).toEqual([]);
    expect(parsed.drafts).toEqual([
      expect.objectContaining({
        entry: 1,
        externalId: 'PN-LOC-1',
        kind: 'hospital',
        address: 'Building 64, Oud Metha',
        latitude: 25.232,
        services: ['OS', 'OS-JOINT'],
        languages: ['ar', 'en'],
        accreditations: ['JCI'],
        directBilling: true,
        phone: '+97144567890',
      }),
    ]);
  });

  it('a Location without a position is rejected, naming the entry', async () => {
    const parsed = await readFacilityBundle(bundle(facilityBundle((location) => delete location.position)));
    expect(parsed.drafts).toEqual([]);
    expect(parsed.problems).toEqual([
      expect.objectContaining({ entry: 1, field: 'Location.position', reason: 'missing_position' }),
    ]);
  });

  it('latitude 91 and a service outside the taxonomy are rejected as in a CSV file', async () => {
    const parsed = await readFacilityBundle(
      bundle(
        facilityBundle((location) => {
          location.position = { longitude: 55.3, latitude: 91 };
        }),
      ),
    );
    expect(parsed.problems).toEqual([
      expect.objectContaining({ entry: 1, field: 'Location.position.latitude', reason: 'bad_coordinates' }),
    ]);
    const unknownService = facilityBundle();
    (unknownService.entry?.[2]?.resource as fhir4.HealthcareService).specialty = [
      { coding: [{ system: facilityFhirProfile.specialtySystem, code: 'ACUPUNCTURE' }] },
    ];
    expect((await readFacilityBundle(bundle(unknownService))).problems).toEqual([
      expect.objectContaining({ entry: 1, field: 'HealthcareService.specialty', reason: 'unknown_service' }),
    ]);
  });

  it('what is not R4 is refused whole', async () => {
    expect((await readFacilityBundle(bundle({ resourceType: 'Patient' }))).refused).toBe(true);
    const broken = facilityBundle();
    (broken.entry?.[1]?.resource as unknown as { position: string }).position = 'here';
    const parsed = await readFacilityBundle(bundle(broken));
    expect(parsed.refused).toBe(true);
    expect(parsed.problems[0]).toMatchObject({ entry: 1, reason: 'not_fhir_r4' });
  });
});
