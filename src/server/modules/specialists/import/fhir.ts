import type { Readable } from 'node:stream';
import { isSubspecialtyCode } from '../../../../shared/specialists.js';
import { readText, TextRefused } from '../../../platform/import/text.js';
import { checkSpecialist } from './check.js';
import {
  fileProblem,
  MAX_SPECIALIST_IMPORT_BYTES,
  networkProblemLog,
  problem,
  refusedFile,
  textRefusal,
  type NetworkProblemLog,
  type ParsedNetworkFile,
  type RawValues,
  type SpecialistDraft,
} from './draft.js';
import {
  Bundle,
  fhirFieldNames,
  fhirProfile,
  Organization,
  Practitioner,
  PractitionerRole,
  type ExtensionShape,
  type FhirOrganization,
  type FhirPractitioner,
  type FhirRole,
} from './fhir-r4.js';
import { rejectDuplicatesInFile } from './licences.js';

const extensionsOf = (extensions: ExtensionShape[] | undefined, url: string) =>
  (extensions ?? []).filter((extension) => extension.url === url);

/**
 * Reads a FHIR R4 Bundle: each Practitioner becomes one specialist, with what the
 * PractitionerRoles that point at it add (specialties, capacity, the Organization as institution).
 */
export async function readSpecialistBundle(
  source: Readable | AsyncIterable<Buffer | string>,
): Promise<ParsedNetworkFile> {
  let text: string;
  try {
    text = await readText(source, MAX_SPECIALIST_IMPORT_BYTES);
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

  const log = networkProblemLog();
  const practitioners: { entry: number; resource: FhirPractitioner }[] = [];
  const roles: { entry: number; resource: FhirRole }[] = [];
  const organizations = new Map<string, FhirOrganization>();
  const practitionerKeys = new Map<string, number>();
  let structural = false;

  entries.forEach((item, index) => {
    const resource = item.resource;
    const where = { line: null, entry: index };
    if (!resource) return;
    const schema =
      resource.resourceType === 'Practitioner'
        ? Practitioner
        : resource.resourceType === 'PractitionerRole'
          ? PractitionerRole
          : resource.resourceType === 'Organization'
            ? Organization
            : undefined;
    if (!schema) return; // Other resources may travel in the same Bundle; they are not ours to read.
    const parsed = schema.safeParse(resource);
    if (!parsed.success) {
      structural = true;
      for (const issue of parsed.error.issues.slice(0, 5)) {
        log.add(
          problem(where, `${resource.resourceType}.${issue.path.join('.')}`, 'not_fhir_r4', issue.message),
        );
      }
      return;
    }
    const keys = [
      item.fullUrl,
      parsed.data.id ? `${resource.resourceType}/${parsed.data.id}` : undefined,
    ].filter((key): key is string => key !== undefined);
    if (parsed.data.resourceType === 'Practitioner') {
      practitioners.push({ entry: index, resource: parsed.data });
      for (const key of keys) practitionerKeys.set(key, index);
    } else if (parsed.data.resourceType === 'PractitionerRole') {
      roles.push({ entry: index, resource: parsed.data });
    } else {
      for (const key of keys) organizations.set(key, parsed.data);
    }
  });
  if (structural) {
    return { ...refusedFile(log.problems), rowsRead: practitioners.length, rowsRejected: log.rowsRejected };
  }

  const rolesOf = new Map<number, { entry: number; resource: FhirRole }[]>();
  for (const role of roles) {
    const target = role.resource.practitioner?.reference;
    const practitionerEntry = target !== undefined ? practitionerKeys.get(target) : undefined;
    if (practitionerEntry === undefined) {
      log.add(
        problem(
          { line: null, entry: role.entry },
          'PractitionerRole.practitioner',
          'unresolved_reference',
          'does not point at a Practitioner of this Bundle',
        ),
      );
      continue;
    }
    rolesOf.set(practitionerEntry, [...(rolesOf.get(practitionerEntry) ?? []), role]);
  }

  const drafts: SpecialistDraft[] = [];
  for (const { entry, resource } of practitioners) {
    const where = { line: null, entry };
    const values = practitionerValues(resource, rolesOf.get(entry) ?? [], organizations, where, log);
    const draft = checkSpecialist(values, { where, fields: fhirFieldNames, log });
    if (draft) drafts.push(draft);
  }
  if (practitioners.length === 0 && log.problems.length === 0) {
    return refusedFile([fileProblem('file_empty', 'the Bundle holds no Practitioner')]);
  }
  const unique = rejectDuplicatesInFile(drafts, log, fhirFieldNames);
  return {
    drafts: unique,
    problems: log.problems,
    rowsRead: practitioners.length,
    rowsRejected: log.rowsRejected,
    refused: practitioners.length === 0,
  };
}

function practitionerValues(
  practitioner: FhirPractitioner,
  roles: { entry: number; resource: FhirRole }[],
  organizations: Map<string, FhirOrganization>,
  where: { line: null; entry: number },
  log: NetworkProblemLog,
): RawValues {
  const name = practitioner.name?.[0];
  const fullName = name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
  const address = practitioner.address?.[0];
  const geolocation = extensionsOf(address?.extension, fhirProfile.geolocationExtension)[0]?.extension ?? [];
  const coordinate = (url: string) => geolocation.find((extension) => extension.url === url)?.valueDecimal;
  const licences = (practitioner.qualification ?? []).flatMap((qualification) => {
    const country = extensionsOf(qualification.extension, fhirProfile.licenceCountryExtension)[0]?.valueCode;
    const number = qualification.identifier?.[0]?.value;
    return number !== undefined || country !== undefined ? [{ country, number }] : [];
  });
  const codes = roles.flatMap(({ resource }) =>
    (resource.specialty ?? []).flatMap((concept) =>
      (concept.coding ?? [])
        .filter((coding) => coding.system === fhirProfile.specialtySystem)
        .map((coding) => coding.code ?? ''),
    ),
  );
  const organizationReference = roles.map(({ resource }) => resource.organization?.reference).find(Boolean);
  const organization = organizationReference ? organizations.get(organizationReference) : undefined;
  if (organizationReference && !organization) {
    log.add(
      problem(
        where,
        'PractitionerRole.organization',
        'unresolved_reference',
        'does not point at an Organization of this Bundle',
      ),
    );
  }
  const roleExtensions = roles.flatMap(({ resource }) => resource.extension ?? []);
  const identifier = practitioner.identifier?.find((candidate) => candidate.value);
  return {
    name: fullName,
    title: name?.prefix?.join(' '),
    institution: organization?.name,
    country: address?.country,
    city: address?.city,
    latitude: coordinate('latitude'),
    longitude: coordinate('longitude'),
    licence_country: licences[0]?.country,
    licence_number: licences[0]?.number,
    // Every other qualification with a number is a licence of its own; one with only a country
    // says where they may practise.
    further_licences: licences.slice(1).filter((licence) => licence.number !== undefined),
    licensed_countries: licences
      .slice(1)
      .filter((licence) => licence.number === undefined)
      .map((licence) => licence.country ?? ''),
    languages: (practitioner.communication ?? []).map(
      (concept) =>
        concept.coding?.find((coding) => coding.system === fhirProfile.languageSystem)?.code ??
        concept.coding?.[0]?.code ??
        '',
    ),
    specialties: codes.filter((code) => !isSubspecialtyCode(code)),
    subspecialties: codes.filter((code) => isSubspecialtyCode(code)),
    conditions: extensionsOf(roleExtensions, fhirProfile.conditionExtension).map(
      (extension) => extension.valueCode ?? '',
    ),
    accepts_reviews: roles.length === 0 ? undefined : roles.some(({ resource }) => resource.active !== false),
    years_in_practice: extensionsOf(practitioner.extension, fhirProfile.yearsExtension)[0]?.valueInteger,
    weekly_capacity: extensionsOf(roleExtensions, fhirProfile.capacityExtension)[0]?.valueInteger,
    fhir_identifier: identifier ? `${identifier.system ?? ''}|${identifier.value}` : undefined,
  };
}
