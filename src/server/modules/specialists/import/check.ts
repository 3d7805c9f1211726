import { CountryCode, LanguageTag } from '../../../../shared/identity.js';
import {
  isIcd10ExpertiseCode,
  isSpecialtyCode,
  isSubspecialtyCode,
  specialtyByCode,
} from '../../../../shared/specialists.js';
import { listItems } from '../../../platform/import/csv.js';
import { nameKey } from '../names.js';
import {
  problem,
  type Column,
  type FieldNames,
  type NetworkProblemLog,
  type RawValues,
  type SpecialistDraft,
} from './draft.js';
import { uniqueLicences } from './licences.js';

/**
 * Checking one specialist's values, whether they came from a CSV row or from FHIR resources: every
 * problem of the row is logged under the name the file gives the field.
 */

const numberFrom = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
};

export interface CheckContext {
  where: { line: number | null; entry: number | null };
  fields: FieldNames;
  log: NetworkProblemLog;
}

function checkCountry(value: unknown, column: Column, ctx: CheckContext): string | undefined {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (code === '') {
    ctx.log.add(problem(ctx.where, ctx.fields[column], 'required', 'is required'));
    return undefined;
  }
  if (!isCountry(code)) {
    ctx.log.add(
      problem(
        ctx.where,
        ctx.fields[column],
        'unknown_country',
        `"${code}" is not an ISO 3166-1 alpha-2 country code`,
      ),
    );
    return undefined;
  }
  return code;
}

function checkInteger(
  value: unknown,
  column: Column,
  ctx: CheckContext,
  min: number,
  max: number,
  fallback?: number,
) {
  if (value === undefined || value === '') {
    if (fallback !== undefined) return fallback;
    ctx.log.add(problem(ctx.where, ctx.fields[column], 'required', 'is required'));
    return undefined;
  }
  const number = numberFrom(value);
  if (number === undefined || !Number.isInteger(number) || number < min || number > max) {
    ctx.log.add(
      problem(ctx.where, ctx.fields[column], 'invalid_value', `must be a whole number from ${min} to ${max}`),
    );
    return undefined;
  }
  return number;
}

function checkDecimal(value: unknown, column: Column, ctx: CheckContext, min: number, max: number) {
  if (value === undefined || value === '') return null;
  const number = numberFrom(value);
  if (number === undefined || number < min || number > max) {
    ctx.log.add(
      problem(ctx.where, ctx.fields[column], 'invalid_value', `must be a number from ${min} to ${max}`),
    );
    return undefined;
  }
  return number;
}

function checkText(value: unknown, column: Column, ctx: CheckContext, max: number, required: boolean) {
  const text = typeof value === 'string' ? value.trim() : value;
  if (text === undefined || text === '') {
    if (required) ctx.log.add(problem(ctx.where, ctx.fields[column], 'required', 'is required'));
    return required ? undefined : null;
  }
  if (typeof text !== 'string' || text.length > max) {
    const message = typeof text !== 'string' ? 'must be text' : `must be at most ${max} characters`;
    ctx.log.add(problem(ctx.where, ctx.fields[column], 'invalid_value', message));
    return undefined;
  }
  return text;
}

/**
 * Checks one specialist's values. Returns the draft, or undefined after logging every problem of
 * the row (not only the first: the person fixing the file sees them all at once).
 */
export function checkSpecialist(values: RawValues, ctx: CheckContext): SpecialistDraft | undefined {
  const before = ctx.log.total;
  const name = checkText(values.name, 'name', ctx, 200, true);
  const title = checkText(values.title, 'title', ctx, 60, false);
  const institution = checkText(values.institution, 'institution', ctx, 200, false);
  const country = checkCountry(values.country, 'country', ctx);
  const city = checkText(values.city, 'city', ctx, 120, true);

  const latitude = numberFrom(values.latitude);
  const longitude = numberFrom(values.longitude);
  if (latitude === undefined || latitude < -90 || latitude > 90) {
    ctx.log.add(
      problem(ctx.where, ctx.fields.latitude, 'bad_coordinates', 'must be a latitude from -90 to 90'),
    );
  }
  if (longitude === undefined || longitude < -180 || longitude > 180) {
    ctx.log.add(
      problem(ctx.where, ctx.fields.longitude, 'bad_coordinates', 'must be a longitude from -180 to 180'),
    );
  }

  const licenceCountry = checkCountry(values.licence_country, 'licence_country', ctx);
  const licenceNumber = checkText(values.licence_number, 'licence_number', ctx, 60, true);
  const furtherLicences = (values.further_licences ?? []).map((licence) => ({
    country: checkCountry(licence.country, 'licence_country', ctx),
    number: checkText(licence.number, 'licence_number', ctx, 60, true),
  }));
  const licensed = listItems(values.licensed_countries).map((code) => code.toUpperCase());
  const badLicensed = licensed.filter((code) => !isCountry(code));
  if (badLicensed.length > 0) {
    ctx.log.add(
      problem(
        ctx.where,
        ctx.fields.licensed_countries,
        'unknown_country',
        `${badLicensed.map((code) => `"${code}"`).join(', ')}: not ISO 3166-1 alpha-2 country codes`,
      ),
    );
  }

  const languages: string[] = [];
  const rawLanguages = listItems(values.languages);
  if (rawLanguages.length === 0)
    ctx.log.add(problem(ctx.where, ctx.fields.languages, 'required', 'give at least one language'));
  for (const tag of rawLanguages) {
    const canonical = knownLanguage(tag);
    if (canonical) languages.push(canonical);
    else
      ctx.log.add(
        problem(
          ctx.where,
          ctx.fields.languages,
          'unknown_language',
          `"${tag}" is not a known BCP 47 language`,
        ),
      );
  }

  const specialtyCodes = listItems(values.specialties);
  if (specialtyCodes.length === 0)
    ctx.log.add(problem(ctx.where, ctx.fields.specialties, 'required', 'give at least one specialty'));
  for (const code of specialtyCodes) {
    if (!isSpecialtyCode(code)) {
      ctx.log.add(
        problem(
          ctx.where,
          ctx.fields.specialties,
          'unknown_specialty',
          `"${code}" is not a specialty code of the taxonomy`,
        ),
      );
    }
  }
  const subspecialtyCodes = listItems(values.subspecialties);
  for (const code of subspecialtyCodes) {
    if (!isSubspecialtyCode(code)) {
      ctx.log.add(
        problem(
          ctx.where,
          ctx.fields.subspecialties,
          'unknown_subspecialty',
          `"${code}" is not a sub-specialty code of the taxonomy`,
        ),
      );
    } else if (!specialtyCodes.includes(specialtyByCode(code)?.parent as string)) {
      ctx.log.add(
        problem(
          ctx.where,
          ctx.fields.subspecialties,
          'subspecialty_without_specialty',
          `"${code}" belongs to ${specialtyByCode(code)?.parent}, which is not among the specialties`,
        ),
      );
    }
  }
  const conditionCodes = listItems(values.conditions).map((code) => code.toUpperCase());
  for (const code of conditionCodes) {
    if (!isIcd10ExpertiseCode(code)) {
      ctx.log.add(
        problem(
          ctx.where,
          ctx.fields.conditions,
          'unknown_condition_code',
          `"${code}" is not an ICD-10 chapter or block`,
        ),
      );
    }
  }

  const yearsInPractice = checkInteger(values.years_in_practice, 'years_in_practice', ctx, 0, 70);
  const weeklyCapacity = checkInteger(values.weekly_capacity, 'weekly_capacity', ctx, 0, 100);
  const reviewsCompleted = checkInteger(values.reviews_completed, 'reviews_completed', ctx, 0, 1_000_000, 0);
  const ratingCount = checkInteger(values.rating_count, 'rating_count', ctx, 0, 1_000_000, 0);
  const medianTurnaroundHours = checkDecimal(
    values.median_turnaround_hours,
    'median_turnaround_hours',
    ctx,
    0,
    2000,
  );
  const ratingAverage = checkDecimal(values.rating_average, 'rating_average', ctx, 1, 5);
  let acceptsReviews = true;
  const accepts = values.accepts_reviews;
  if (typeof accepts === 'boolean') acceptsReviews = accepts;
  else if (typeof accepts === 'string' && accepts.trim() !== '') {
    const word = accepts.trim().toLowerCase();
    if (['true', 'yes', '1'].includes(word)) acceptsReviews = true;
    else if (['false', 'no', '0'].includes(word)) acceptsReviews = false;
    else
      ctx.log.add(problem(ctx.where, ctx.fields.accepts_reviews, 'invalid_value', 'must be true or false'));
  }
  const fhirIdentifier = checkText(values.fhir_identifier, 'fhir_identifier', ctx, 300, false);

  if (ctx.log.total > before) return undefined;
  const home = country as string;
  const licence = { country: licenceCountry as string, number: licenceNumber as string };
  const others = uniqueLicences(licence, furtherLicences as { country: string; number: string }[]);
  return {
    ...ctx.where,
    name: name as string,
    nameKey: nameKey(name as string),
    title: title ?? null,
    institution: institution ?? null,
    institutionKey: institution ? nameKey(institution) : null,
    country: home,
    city: city as string,
    latitude: latitude as number,
    longitude: longitude as number,
    licence,
    furtherLicences: others,
    licensedCountries: [...new Set([licence.country, ...others.map((other) => other.country), ...licensed])],
    languages: [...new Set(languages)],
    specialtyCodes: [...new Set(specialtyCodes)],
    subspecialtyCodes: [...new Set(subspecialtyCodes)],
    conditionCodes: [...new Set(conditionCodes)],
    yearsInPractice: yearsInPractice as number,
    acceptsReviews,
    weeklyCapacity: weeklyCapacity as number,
    reviewsCompleted: reviewsCompleted as number,
    medianTurnaroundHours: medianTurnaroundHours ?? null,
    ratingAverage: ratingAverage ?? null,
    ratingCount: ratingCount as number,
    fhirIdentifier: fhirIdentifier ?? null,
  };
}

/**
 * A network file repeats a few dozen languages and countries over thousands of rows, and the Intl
 * checks behind them are the slowest part of a row: each distinct value is checked once.
 */
const languageChecks = new Map<string, string | null>();
const countryChecks = new Map<string, boolean>();

/** The canonical tag of a language someone speaks; null for a malformed tag or an unknown language. */
function knownLanguage(tag: string): string | null {
  let known = languageChecks.get(tag);
  if (known === undefined) {
    // A well-formed tag is not enough: `xx` is well formed and no one speaks it (the schema says so).
    const parsed = LanguageTag.safeParse(tag);
    known = parsed.success ? parsed.data : null;
    if (languageChecks.size < 10_000) languageChecks.set(tag, known);
  }
  return known;
}

function isCountry(code: string): boolean {
  let known = countryChecks.get(code);
  if (known === undefined) {
    known = /^[A-Z]{2}$/.test(code) && CountryCode.safeParse(code).success;
    if (countryChecks.size < 10_000) countryChecks.set(code, known);
  }
  return known;
}
