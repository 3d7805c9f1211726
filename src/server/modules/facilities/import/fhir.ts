import type { Readable } from 'node:stream';
import type { OpeningPeriod } from '../../../../shared/facilities.js';
import { readText, TextRefused } from '../../../platform/import/text.js';
import {
  checkFacility,
  facilityProblemLog,
  fileProblem,
  MAX_FACILITY_IMPORT_BYTES,
  problem,
  refusedFile,
  rejectDuplicatesInFile,
  textRefusal,
  type FacilityDraft,
  type ParsedFacilityFile,
  type RawValues,
} from './check.js';
import {
  Bundle,
  facilityFhirProfile as profile,
  fhirDays,
  fhirFieldNames,
  HealthcareService,
  Location,
  locationTypes,
  Organization,
  type FhirHealthcareService,
  type FhirLocation,
  type FhirOrganization,
} from './fhir-r4.js';

/**
 * Reads a FHIR R4 Bundle of Location, Organization and HealthcareService resources: each Location
 * becomes one facility (see fhir-r4.ts for where each field is read from).
 */
export async function readFacilityBundle(
  source: Readable | AsyncIterable<Buffer | string>,
): Promise<ParsedFacilityFile> {
  let text: string;
  try {
    text = await readText(source, MAX_FACILITY_IMPORT_BYTES);
  } catch (error) {
    if (error instanceof TextRefused) return refusedFile([textRefusal(error.fault)]);
    throw error;
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return refusedFile([fileProblem('not_fhir_r4', 'is not JSON, so not a FHIR R4 Bundle')]);
  }
  const bundle = Bundle.safeParse(document);
  if (!bundle.success) {
    return refusedFile(
      bundle.error.issues.slice(0, 20).map((issue) => {
        const [first, index] = issue.path;
        const entry = first === 'entry' && typeof index === 'number' ? index : null;
        return problem({ line: null, entry }, issue.path.join('.') || 'Bundle', 'not_fhir_r4', issue.message);
      }),
    );
  }
  const entries = bundle.data.entry ?? [];
  if (entries.length === 0) return refusedFile([fileProblem('file_empty', 'the Bundle has no entries')]);

  const log = facilityProblemLog();
  const locations: { entry: number; keys: string[]; resource: FhirLocation }[] = [];
  const services: { entry: number; resource: FhirHealthcareService }[] = [];
  const organizations = new Map<string, FhirOrganization>();
  let structural = false;

  entries.forEach((item, index) => {
    const resource = item.resource;
    if (!resource) return;
    const schema =
      resource.resourceType === 'Location'
        ? Location
        : resource.resourceType === 'HealthcareService'
          ? HealthcareService
          : resource.resourceType === 'Organization'
            ? Organization
            : undefined;
    if (!schema) return; // Other resources may travel in the same Bundle; they are not ours to read.
    const parsed = schema.safeParse(resource);
    if (!parsed.success) {
      structural = true;
      for (const issue of parsed.error.issues.slice(0, 5)) {
        log.add(
          problem(
            { line: null, entry: index },
            `${resource.resourceType}.${issue.path.join('.')}`,
            'not_fhir_r4',
            issue.message,
          ),
        );
      }
      return;
    }
    const keys = [
      item.fullUrl,
      parsed.data.id ? `${resource.resourceType}/${parsed.data.id}` : undefined,
    ].filter((key): key is string => key !== undefined);
    if (parsed.data.resourceType === 'Location')
      locations.push({ entry: index, keys, resource: parsed.data });
    else if (parsed.data.resourceType === 'HealthcareService')
      services.push({ entry: index, resource: parsed.data });
    else for (const key of keys) organizations.set(key, parsed.data);
  });
  if (structural) {
    return { ...refusedFile(log.problems), rowsRead: locations.length, rowsRejected: log.rowsRejected };
  }
  if (locations.length === 0) return refusedFile([fileProblem('file_empty', 'the Bundle holds no Location')]);

  const locationOf = new Map<string, number>();
  for (const location of locations) for (const key of location.keys) locationOf.set(key, location.entry);
  const servicesAt = new Map<number, FhirHealthcareService[]>();
  for (const service of services) {
    const targets = (service.resource.location ?? []).map((reference) =>
      reference.reference !== undefined ? locationOf.get(reference.reference) : undefined,
    );
    if (targets.length === 0 || targets.some((target) => target === undefined)) {
      log.add(
        problem(
          { line: null, entry: service.entry },
          'HealthcareService.location',
          'unresolved_reference',
          'does not point at a Location of this Bundle',
        ),
      );
      continue;
    }
    for (const target of targets as number[])
      servicesAt.set(target, [...(servicesAt.get(target) ?? []), service.resource]);
  }

  const drafts: FacilityDraft[] = [];
  for (const { entry, resource } of locations) {
    const where = { line: null, entry };
    const reference = resource.managingOrganization?.reference;
    const organization = reference ? organizations.get(reference) : undefined;
    if (reference && !organization) {
      log.add(
        problem(
          where,
          'Location.managingOrganization',
          'unresolved_reference',
          'does not point at an Organization of this Bundle',
        ),
      );
      continue;
    }
    const values = locationValues(resource, organization, servicesAt.get(entry) ?? []);
    const draft = checkFacility(values, { where, fields: fhirFieldNames, log });
    if (draft) drafts.push(draft);
  }
  const unique = rejectDuplicatesInFile(drafts, log, fhirFieldNames);
  return {
    drafts: unique,
    problems: log.problems,
    rowsRead: locations.length,
    rowsRejected: log.rowsRejected,
    refused: false,
  };
}

function locationValues(
  location: FhirLocation,
  organization: FhirOrganization | undefined,
  services: FhirHealthcareService[],
): RawValues {
  const extensions = [...(location.extension ?? []), ...(organization?.extension ?? [])];
  const extension = (url: string) => extensions.find((candidate) => candidate.url === url);
  const telecom = (system: 'phone' | 'email' | 'url') =>
    (location.telecom ?? []).find((point) => point.system === system)?.value ??
    (organization?.telecom ?? []).find((point) => point.system === system)?.value;
  const typeCode = (location.type ?? [])
    .flatMap((concept) => concept.coding ?? [])
    .find((coding) => coding.system === profile.locationTypeSystem)?.code;
  const codes = (concepts: { coding?: { system?: string; code?: string }[] }[] | undefined, system: string) =>
    (concepts ?? []).flatMap((concept) =>
      (concept.coding ?? []).filter((coding) => coding.system === system).map((coding) => coding.code ?? ''),
    );
  const billing = extension(profile.directBillingExtension)?.valueBoolean;
  return {
    id: location.identifier?.find((identifier) => identifier.value)?.value ?? location.id,
    name: location.name ?? organization?.name,
    kind: typeCode === undefined ? undefined : (locationTypes[typeCode] ?? typeCode),
    address: location.address?.line?.join(', '),
    city: location.address?.city,
    country: location.address?.country,
    latitude: location.position?.latitude,
    longitude: location.position?.longitude,
    position_missing: location.position === undefined,
    time_zone: extension(profile.timeZoneExtension)?.valueCode,
    services: [...new Set(services.flatMap((service) => codes(service.specialty, profile.specialtySystem)))],
    languages: [
      ...new Set(services.flatMap((service) => codes(service.communication, profile.languageSystem))),
    ],
    opening_hours: hoursOf(location),
    accreditations: extensions
      .filter((candidate) => candidate.url === profile.accreditationExtension)
      .map((candidate) => candidate.valueCode ?? ''),
    direct_billing: billing,
    direct_billing_since: extension(profile.directBillingSinceExtension)?.valueDate,
    phone: telecom('phone'),
    email: telecom('email'),
    website: telecom('url'),
  };
}

/** `hoursOfOperation` as periods; a written error (checked like a CSV cell) when it cannot be read. */
function hoursOf(location: FhirLocation): OpeningPeriod[] | string | undefined {
  const hours = location.hoursOfOperation;
  if (!hours || hours.length === 0) return undefined;
  const periods: OpeningPeriod[] = [];
  for (const available of hours) {
    const opens = available.allDay ? '00:00' : available.openingTime?.slice(0, 5);
    const closes = available.allDay ? '24:00' : available.closingTime?.slice(0, 5);
    // A closing time of 00:00 in FHIR is the end of the day.
    const end = closes === '00:00' ? '24:00' : closes;
    if (!opens || !end || !available.daysOfWeek?.length) return 'hoursOfOperation without days or times';
    for (const day of available.daysOfWeek)
      periods.push({ day: fhirDays.indexOf(day) + 1, opens, closes: end });
  }
  return periods;
}
