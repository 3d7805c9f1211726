import type * as fhir4 from 'fhir/r4.js';
import { facilityColumns, facilityFhirProfile } from '../../src/server/modules/facilities/import.js';

/** The header every sample facilities file here starts with: all the columns, in the documented order. */
export const facilityCsvHeader = facilityColumns.join(',');

/** One CSV row with sensible values (a Dubai orthopaedic clinic); `overrides` replace columns by name. */
export function facilityCsvRow(
  overrides: Partial<Record<(typeof facilityColumns)[number], string>> = {},
): string {
  const values: Record<string, string> = {
    id: 'F-1',
    name: 'Jumeirah Sports Orthopaedics',
    kind: 'clinic',
    address: 'Al Wasl Road 12',
    city: 'Dubai',
    country: 'AE',
    latitude: '25.1972',
    longitude: '55.2388',
    time_zone: 'Asia/Dubai',
    services: 'OS-SPORTS;PM',
    languages: 'ar;en',
    opening_hours: 'Sa-Th 08:00-22:00; Fr 16:00-22:00',
    accreditations: 'JCI;DHA',
    direct_billing: 'true',
    direct_billing_since: '2019-03-01',
    phone: '04 312 3456',
    email: 'care@jso.example',
    website: 'https://jso.example',
    ...overrides,
  };
  return facilityColumns
    .map((column) => (/[",;\s]/.test(values[column] ?? '') ? `"${values[column]}"` : values[column]))
    .join(',');
}

/** A Plan-Net style Bundle: an Organization, a Location with its position, a HealthcareService there. */
export function facilityBundle(
  changeLocation: (location: fhir4.Location) => void = () => undefined,
): fhir4.Bundle {
  const location: fhir4.Location = {
    resourceType: 'Location',
    id: 'loc-1',
    identifier: [{ system: 'urn:example:directory', value: 'PN-LOC-1' }],
    name: 'Healthcare City Bone & Joint',
    type: [{ coding: [{ system: facilityFhirProfile.locationTypeSystem, code: 'HOSP' }] }],
    telecom: [
      { system: 'phone', value: '+971 4 456 7890' },
      { system: 'url', value: 'https://bonejoint.example' },
    ],
    address: { line: ['Building 64', 'Oud Metha'], city: 'Dubai', country: 'AE' },
    position: { longitude: 55.323, latitude: 25.232 },
    managingOrganization: { reference: 'Organization/org-1' },
    hoursOfOperation: [{ daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], allDay: true }],
    extension: [
      { url: facilityFhirProfile.timeZoneExtension, valueCode: 'Asia/Dubai' },
      { url: facilityFhirProfile.accreditationExtension, valueCode: 'JCI' },
      { url: facilityFhirProfile.directBillingExtension, valueBoolean: true },
      { url: facilityFhirProfile.directBillingSinceExtension, valueDate: '2016-09-01' },
    ],
  };
  changeLocation(location);
  const organization: fhir4.Organization = {
    resourceType: 'Organization',
    id: 'org-1',
    name: 'Bone & Joint Group',
  };
  const service: fhir4.HealthcareService = {
    resourceType: 'HealthcareService',
    id: 'hs-1',
    location: [{ reference: 'Location/loc-1' }],
    specialty: [{ coding: [{ system: facilityFhirProfile.specialtySystem, code: 'OS-JOINT' }] }],
    communication: [
      { coding: [{ system: 'urn:ietf:bcp:47', code: 'ar' }] },
      { coding: [{ system: 'urn:ietf:bcp:47', code: 'en' }] },
    ],
  };
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: 'Organization/org-1', resource: organization },
      { resource: location },
      { resource: service },
    ],
  };
}
