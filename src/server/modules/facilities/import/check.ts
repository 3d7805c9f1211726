import { z } from 'zod';
import {
  isAccreditationCode,
  OpeningPeriod,
  type FacilityImportProblem,
  type FacilityImportReason,
  type FacilityKind,
} from '../../../../shared/facilities.js';
import { CountryCode, LanguageTag } from '../../../../shared/identity.js';
import { isSpecialtyCode, isSubspecialtyCode, specialtyByCode } from '../../../../shared/specialists.js';
import { canonicalTimeZone, isSupportedTimeZone } from '../../../../shared/timeZones.js';
import { listItems } from '../../../platform/import/csv.js';
import { ProblemLog } from '../../../platform/import/problems.js';
import type { TextFault } from '../../../platform/import/text.js';
import { toE164 } from '../../../platform/phone.js';
import { normalise, parseOpeningHours } from '../hours.js';

/**
 * What reading a facilities file produces, whatever its format: the columns a facility has, the
 * checked draft, the problems, and the checks of one facility's values (every problem of a row is
 * logged, not only the first: the person fixing the file sees them all at once).
 */

/** Larger files are refused while they arrive: split a bigger register into several imports. */
export const MAX_FACILITY_IMPORT_BYTES = 64 * 1024 * 1024;
/** A row is a few hundred bytes: a 64 KB one is not a facilities file. */
export const MAX_RECORD_BYTES = 64 * 1024;
/** A report lists at most this many problems (the counts stay exact). */
export const MAX_REPORTED_PROBLEMS = 1000;

export const requiredColumns = [
  'id',
  'name',
  'kind',
  'address',
  'city',
  'country',
  'latitude',
  'longitude',
  'time_zone',
  'services',
  'languages',
  'opening_hours',
] as const;
export const optionalColumns = [
  'accreditations',
  'direct_billing',
  'direct_billing_since',
  'phone',
  'email',
  'website',
] as const;
export const facilityColumns = [...requiredColumns, ...optionalColumns] as const;
export type Column = (typeof facilityColumns)[number];

/** A checked facility, ready to be written. */
export interface FacilityDraft {
  /** The CSV line, or the Bundle entry index of the Location. */
  line: number | null;
  entry: number | null;
  externalId: string;
  name: string;
  kind: FacilityKind;
  address: string;
  city: string;
  country: string;
  latitude: number;
  longitude: number;
  timeZone: string;
  services: string[];
  languages: string[];
  accreditations: string[];
  directBilling: boolean;
  directBillingSince: string | null;
  openingHours: OpeningPeriod[];
  phone: string | null;
  email: string | null;
  website: string | null;
}

export interface ParsedFacilityFile {
  drafts: FacilityDraft[];
  problems: FacilityImportProblem[];
  rowsRead: number;
  rowsRejected: number;
  /** The file as a whole cannot be imported (nothing of it is). */
  refused: boolean;
}

/**
 * The raw values of one facility, as read from a CSV row or assembled from FHIR resources.
 * `opening_hours` is the written form (CSV) or already periods (FHIR `hoursOfOperation`).
 */
export type RawValues = Partial<Record<Exclude<Column, 'opening_hours'>, unknown>> & {
  opening_hours?: string | OpeningPeriod[] | undefined;
  /** FHIR only: the Location has no `position` at all. */
  position_missing?: boolean;
};

/** Where a field came from in the file: a CSV column, or a FHIR path. */
export type FieldNames = Record<Column, string>;

export type FacilityProblemLog = ProblemLog<FacilityImportProblem>;
export const facilityProblemLog = (): FacilityProblemLog =>
  new ProblemLog((found) => `${found.line ?? ''}/${found.entry ?? ''}`, MAX_REPORTED_PROBLEMS);

export const problem = (
  where: { line: number | null; entry: number | null },
  field: string,
  reason: FacilityImportReason,
  message: string,
): FacilityImportProblem => ({ ...where, field, reason, message });

export const fileProblem = (reason: FacilityImportReason, message: string, line: number | null = null) =>
  problem({ line, entry: null }, 'file', reason, message);

export const refusedFile = (problems: FacilityImportProblem[]): ParsedFacilityFile => ({
  drafts: [],
  problems,
  rowsRead: 0,
  rowsRejected: 0,
  refused: true,
});

/** Why a file that is not text is refused, in the words of the report. */
export function textRefusal(fault: TextFault): FacilityImportProblem {
  switch (fault) {
    case 'too_large':
      return fileProblem('file_too_large', 'is larger than 64 MB: split the register into several files');
    case 'not_utf8':
      return fileProblem('file_not_text', 'is not UTF-8 text: save it as CSV UTF-8 and try again');
    case 'binary':
      return fileProblem('file_not_text', 'is not a text file');
  }
}

const numberFrom = (value: unknown): number | undefined => {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
};

export interface CheckContext {
  where: { line: number | null; entry: number | null };
  fields: FieldNames;
  log: FacilityProblemLog;
}

const kindWords: Record<string, FacilityKind> = {
  hospital: 'hospital',
  clinic: 'clinic',
  diagnostic_centre: 'diagnostic_centre',
  diagnostic_center: 'diagnostic_centre',
};

const EmailSchema = z.email();
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks one facility's values. Returns the draft, or undefined after logging every problem of
 * the row.
 */
export function checkFacility(values: RawValues, ctx: CheckContext): FacilityDraft | undefined {
  const before = ctx.log.total;
  const add = (column: Column, reason: FacilityImportReason, message: string) =>
    ctx.log.add(problem(ctx.where, ctx.fields[column], reason, message));
  const text = (column: Column, max: number, required: boolean): string | null | undefined => {
    const value = values[column as Exclude<Column, 'opening_hours'>];
    const trimmed = typeof value === 'string' ? value.trim() : value;
    if (trimmed === undefined || trimmed === null || trimmed === '') {
      if (required) add(column, 'required', 'is required');
      return required ? undefined : null;
    }
    if (typeof trimmed !== 'string' || trimmed.length > max) {
      add(
        column,
        'invalid_value',
        typeof trimmed !== 'string' ? 'must be text' : `must be at most ${max} characters`,
      );
      return undefined;
    }
    return trimmed;
  };

  const externalId = text('id', 100, true);
  if (externalId && !/^[\p{L}\p{N}._:/-]+$/u.test(externalId))
    add('id', 'invalid_value', 'may hold only letters, digits and . _ : / -');
  const name = text('name', 200, true);
  const kindText = text('kind', 40, true);
  const kind = kindText ? kindWords[kindText.toLowerCase()] : undefined;
  if (kindText && !kind)
    add('kind', 'unknown_kind', `"${kindText}" is not hospital, clinic or diagnostic_centre`);
  const address = text('address', 300, true);
  const city = text('city', 120, true);

  const countryText = text('country', 60, true)?.toUpperCase();
  const country = countryText && CountryCode.safeParse(countryText).success ? countryText : undefined;
  if (countryText && !country)
    add('country', 'unknown_country', `"${countryText}" is not an ISO 3166-1 alpha-2 country code`);

  let latitude: number | undefined;
  let longitude: number | undefined;
  if (values.position_missing) {
    ctx.log.add(problem(ctx.where, 'Location.position', 'missing_position', 'the Location has no position'));
  } else {
    latitude = numberFrom(values.latitude);
    longitude = numberFrom(values.longitude);
    if (latitude === undefined || latitude < -90 || latitude > 90)
      add('latitude', 'bad_coordinates', 'must be a latitude from -90 to 90');
    if (longitude === undefined || longitude < -180 || longitude > 180)
      add('longitude', 'bad_coordinates', 'must be a longitude from -180 to 180');
  }

  const zoneText = text('time_zone', 60, true);
  const timeZone = zoneText && isSupportedTimeZone(zoneText) ? canonicalTimeZone(zoneText) : undefined;
  if (zoneText && !timeZone)
    add('time_zone', 'bad_time_zone', `"${zoneText}" is not an IANA time zone such as "Asia/Dubai"`);

  const services = new Set<string>();
  const serviceCodes = listItems(values.services);
  if (serviceCodes.length === 0) add('services', 'required', 'give at least one service');
  for (const code of serviceCodes) {
    if (isSpecialtyCode(code)) services.add(code);
    else if (isSubspecialtyCode(code)) {
      services.add(code);
      services.add(specialtyByCode(code)?.parent as string);
    } else add('services', 'unknown_service', `"${code}" is not a code of the specialty taxonomy`);
  }

  const languages: string[] = [];
  const rawLanguages = listItems(values.languages);
  if (rawLanguages.length === 0) add('languages', 'required', 'give at least one language');
  for (const tag of rawLanguages) {
    const parsed = LanguageTag.safeParse(tag);
    if (parsed.success) languages.push(parsed.data);
    else add('languages', 'unknown_language', `"${tag}" is not a known BCP 47 language`);
  }

  const accreditations = listItems(values.accreditations).map((code) => code.toUpperCase());
  for (const code of accreditations) {
    if (!isAccreditationCode(code))
      add('accreditations', 'unknown_accreditation', `"${code}" is not an accreditation the register knows`);
  }

  let directBilling = false;
  let billingRead = true;
  const billing = values.direct_billing;
  if (typeof billing === 'boolean') directBilling = billing;
  else if (typeof billing === 'string' && billing.trim() !== '') {
    const word = billing.trim().toLowerCase();
    if (['true', 'yes', '1'].includes(word)) directBilling = true;
    else if (!['false', 'no', '0'].includes(word)) {
      billingRead = false;
      add('direct_billing', 'invalid_value', 'must be true or false');
    }
  }
  const since = text('direct_billing_since', 10, false);
  if (since) {
    if (!isoDate.test(since) || Number.isNaN(Date.parse(`${since}T00:00:00Z`)))
      add('direct_billing_since', 'invalid_value', 'must be a date YYYY-MM-DD');
    else if (!directBilling && billingRead)
      add('direct_billing_since', 'invalid_value', 'is given for a facility that does not bill directly');
  }

  let openingHours: OpeningPeriod[] | undefined;
  const hours = values.opening_hours;
  if (hours === undefined || hours === '')
    add('opening_hours', 'required', 'is required (24/7 for always open)');
  else if (typeof hours === 'string') {
    const parsed = parseOpeningHours(hours);
    if ('error' in parsed) add('opening_hours', 'bad_opening_hours', parsed.error);
    else openingHours = parsed;
  } else {
    const parsed = z.array(OpeningPeriod).min(1).safeParse(hours);
    if (parsed.success) openingHours = normalise(parsed.data);
    else add('opening_hours', 'bad_opening_hours', parsed.error.issues[0]?.message ?? 'cannot be read');
  }

  const phoneText = text('phone', 40, false);
  const phone = phoneText ? toE164(phoneText, country) : null;
  if (phoneText && !phone) add('phone', 'bad_phone', 'is not a phone number of the facility’s country');
  const email = text('email', 254, false);
  if (email && !EmailSchema.safeParse(email).success) add('email', 'bad_email', 'is not an e-mail address');
  const website = text('website', 300, false);
  if (website && !isWebsite(website)) add('website', 'bad_website', 'must be an http or https address');

  if (ctx.log.total > before) return undefined;
  return {
    ...ctx.where,
    externalId: externalId as string,
    name: name as string,
    kind: kind as FacilityKind,
    address: address as string,
    city: city as string,
    country: country as string,
    latitude: latitude as number,
    longitude: longitude as number,
    timeZone: timeZone as string,
    services: [...services].sort(),
    languages: [...new Set(languages)],
    accreditations: [...new Set(accreditations)],
    directBilling,
    directBillingSince: since ?? null,
    openingHours: openingHours as OpeningPeriod[],
    phone: phone ?? null,
    email: email ?? null,
    website: website ?? null,
  };
}

function isWebsite(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** Rejects every facility whose id an earlier one of the same file already has. */
export function rejectDuplicatesInFile(
  drafts: FacilityDraft[],
  log: FacilityProblemLog,
  fields: FieldNames,
): FacilityDraft[] {
  const seen = new Map<string, FacilityDraft>();
  return drafts.filter((draft) => {
    const first = seen.get(draft.externalId);
    if (!first) {
      seen.set(draft.externalId, draft);
      return true;
    }
    const where = first.line !== null ? `line ${first.line}` : `entry ${first.entry}`;
    log.add(
      problem(
        { line: draft.line, entry: draft.entry },
        fields.id,
        'duplicate_id_in_file',
        `"${draft.externalId}" is the id of the facility at ${where} too`,
      ),
    );
    return false;
  });
}
