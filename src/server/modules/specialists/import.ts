import type * as fhir4 from 'fhir/r4.js';
import { parse as parseCsv } from 'csv-parse';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { CountryCode, LanguageTag } from '../../../shared/identity.js';
import {
  isIcd10ExpertiseCode,
  isSpecialtyCode,
  isSubspecialtyCode,
  specialtyByCode,
  type SpecialistImportProblem,
  type SpecialistImportReason,
} from '../../../shared/specialists.js';
import { csvErrorReasons } from '../plans/import.js';
import { nameKey } from './names.js';

/**
 * Reading a network file (CSV, or a FHIR R4 Bundle of Practitioner, PractitionerRole and
 * Organization resources) into checked specialist drafts, with a problem for every rejected row
 * or entry. Pure apart from reading its input stream: what the database already holds is checked
 * by the service. The input is read as it arrives and given up at the first sign that it is not
 * a network file at all (too large, not UTF-8 text, no header we know), so a 10 MB mistake costs
 * one chunk of reading, and the problems kept are capped so that a file of bad rows cannot fill
 * memory with its report.
 */

/** Larger files are refused while they arrive: split a bigger network into several imports. */
export const MAX_SPECIALIST_IMPORT_BYTES = 64 * 1024 * 1024;
const MAX_RECORD_BYTES = 64 * 1024;
/** A report lists at most this many problems (the counts stay exact). */
export const MAX_REPORTED_PROBLEMS = 1000;

export const requiredColumns = [
  'name',
  'country',
  'city',
  'latitude',
  'longitude',
  'licence_country',
  'licence_number',
  'languages',
  'specialties',
  'years_in_practice',
  'weekly_capacity',
] as const;
export const optionalColumns = [
  'title',
  'institution',
  'licensed_countries',
  'subspecialties',
  'conditions',
  'accepts_reviews',
  'fhir_identifier',
  'reviews_completed',
  'median_turnaround_hours',
  'rating_average',
  'rating_count',
] as const;
export const specialistColumns = [...requiredColumns, ...optionalColumns] as const;
type Column = (typeof specialistColumns)[number];

/** A checked specialist, ready to be written. */
export interface SpecialistDraft {
  /** The CSV line or the Bundle entry index of the Practitioner. */
  line: number | null;
  entry: number | null;
  name: string;
  nameKey: string;
  title: string | null;
  institution: string | null;
  institutionKey: string | null;
  country: string;
  city: string;
  latitude: number;
  longitude: number;
  /** The licence the file names first (in a CSV file, its only one). */
  licence: { country: string; number: string };
  /** Any other licences (a FHIR Practitioner with several qualifications), without repeats. */
  furtherLicences: { country: string; number: string }[];
  licensedCountries: string[];
  languages: string[];
  specialtyCodes: string[];
  subspecialtyCodes: string[];
  conditionCodes: string[];
  yearsInPractice: number;
  acceptsReviews: boolean;
  weeklyCapacity: number;
  reviewsCompleted: number;
  medianTurnaroundHours: number | null;
  ratingAverage: number | null;
  ratingCount: number;
  fhirIdentifier: string | null;
}

export interface ParsedNetworkFile {
  drafts: SpecialistDraft[];
  problems: SpecialistImportProblem[];
  rowsRead: number;
  rowsRejected: number;
  /** The file as a whole cannot be imported (nothing of it is). */
  refused: boolean;
}

/** Collects problems, counting every rejected row but keeping only the first few hundred. */
class ProblemLog {
  readonly problems: SpecialistImportProblem[] = [];
  private rejected = new Set<string>();
  total = 0;

  add(problem: SpecialistImportProblem): void {
    this.total += 1;
    this.rejected.add(`${problem.line ?? ''}/${problem.entry ?? ''}`);
    if (this.problems.length < MAX_REPORTED_PROBLEMS) this.problems.push(problem);
  }

  get rowsRejected(): number {
    return this.rejected.size;
  }

  get full(): boolean {
    return this.problems.length >= MAX_REPORTED_PROBLEMS;
  }
}

const problem = (
  where: { line: number | null; entry: number | null },
  field: string,
  reason: SpecialistImportReason,
  message: string,
): SpecialistImportProblem => ({ ...where, field, reason, message });

const fileProblem = (reason: SpecialistImportReason, message: string, line: number | null = null) =>
  problem({ line, entry: null }, 'file', reason, message);

const refusedFile = (problems: SpecialistImportProblem[]): ParsedNetworkFile => ({
  drafts: [],
  problems,
  rowsRead: 0,
  rowsRejected: 0,
  refused: true,
});

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MB`;
const tooLarge = () =>
  fileProblem(
    'file_too_large',
    `is larger than ${megabytes(MAX_SPECIALIST_IMPORT_BYTES)}: split the network into several files`,
  );

/**
 * Decodes a byte stream as UTF-8 text, one chunk at a time, refusing it at the first byte that is
 * not UTF-8 or at a NUL (what binary files are full of), and at the size limit.
 */
async function* textChunks(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  let first = true;
  let pendingCarriageReturn = false;
  // Stopping early must not destroy an HTTP request: the server still answers on its socket and
  // discards what the client goes on sending. A file stream is closed by its owner.
  const chunks = source instanceof Readable ? source.iterator({ destroyOnReturn: false }) : source;
  for await (const chunk of chunks) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buffer.length;
    if (bytes > MAX_SPECIALIST_IMPORT_BYTES) throw new FileRefused(tooLarge());
    let text: string;
    try {
      text = decoder.decode(buffer, { stream: true });
    } catch {
      throw new FileRefused(
        fileProblem('file_not_text', 'is not UTF-8 text: save it as CSV UTF-8 and try again'),
      );
    }
    if (text.includes('\u0000')) {
      throw new FileRefused(fileProblem('file_not_text', 'is not a text file: a CSV file is expected'));
    }
    if (first) text = text.replace(/^\uFEFF/, '');
    first = false;
    // One line ending for csv-parse (its line count drifts on CRLF files with blank lines); a
    // carriage return at the end of a chunk waits for the next one to see whether a line feed follows.
    if (pendingCarriageReturn) text = `\r${text}`;
    pendingCarriageReturn = text.endsWith('\r');
    if (pendingCarriageReturn) text = text.slice(0, -1);
    yield text.replace(/\r\n?/g, '\n');
  }
  try {
    decoder.decode();
  } catch {
    throw new FileRefused(
      fileProblem('file_not_text', 'is not UTF-8 text: save it as CSV UTF-8 and try again'),
    );
  }
  if (pendingCarriageReturn) yield '\n';
}

class FileRefused extends Error {
  constructor(readonly problem: SpecialistImportProblem) {
    super(problem.message);
  }
}

// --- Fields ------------------------------------------------------------------------------------

/** A `;`-separated list in CSV; an array from FHIR. */
const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(';') : [])
    .map((item) => String(item).trim())
    .filter((item) => item !== '');

const numberFrom = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
};

/**
 * The raw values of one specialist, as read from a CSV row or assembled from FHIR resources. A
 * Practitioner's qualifications after the first are `further_licences` (a CSV row has one licence).
 */
type RawValues = Partial<Record<Column, unknown>> & {
  further_licences?: { country: unknown; number: unknown }[];
};

/** Where a field came from in the file: a CSV column, or a FHIR path. */
type FieldNames = Record<Column, string>;
const csvFieldNames = Object.fromEntries(specialistColumns.map((column) => [column, column])) as FieldNames;

interface CheckContext {
  where: { line: number | null; entry: number | null };
  fields: FieldNames;
  log: ProblemLog;
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
  const licensed = list(values.licensed_countries).map((code) => code.toUpperCase());
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
  const rawLanguages = list(values.languages);
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

  const specialtyCodes = list(values.specialties);
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
  const subspecialtyCodes = list(values.subspecialties);
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
  const conditionCodes = list(values.conditions).map((code) => code.toUpperCase());
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

/** The other licences without repeats, and without the first one. */
function uniqueLicences(
  first: { country: string; number: string },
  licences: { country: string; number: string }[],
) {
  const seen = new Set([licenceKey(first)]);
  return licences.filter((licence) => {
    const key = licenceKey(licence);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How a licence is compared: its country and number. */
export const licenceKey = (licence: { country: string; number: string }) =>
  `${licence.country}|${licence.number}`;

/** Every licence of a specialist, the first one first. */
export const licencesOf = (draft: Pick<SpecialistDraft, 'licence' | 'furtherLicences'>) => [
  draft.licence,
  ...draft.furtherLicences,
];

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

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
    const parsed = LanguageTag.safeParse(tag);
    // A well-formed tag is not enough: `xx` is well formed and no one speaks it.
    let exists = false;
    try {
      exists = parsed.success && languageNames.of(parsed.data.split('-')[0] as string) !== undefined;
    } catch {
      exists = false;
    }
    known = parsed.success && exists ? parsed.data : null;
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

/** Duplicates inside the file: the second and later rows with a licence or identifier already seen. */
function rejectDuplicatesInFile(
  drafts: SpecialistDraft[],
  log: ProblemLog,
  fields: FieldNames,
): SpecialistDraft[] {
  const licences = new Map<string, SpecialistDraft>();
  const identifiers = new Map<string, SpecialistDraft>();
  const kept: SpecialistDraft[] = [];
  for (const draft of drafts) {
    const where = { line: draft.line, entry: draft.entry };
    const firstWithIdentifier = draft.fhirIdentifier ? identifiers.get(draft.fhirIdentifier) : undefined;
    let duplicate = false;
    for (const licence of licencesOf(draft)) {
      const first = licences.get(licenceKey(licence));
      if (!first) continue;
      log.add(
        problem(
          where,
          fields.licence_number,
          'duplicate_licence_in_file',
          `licence ${licence.country} ${licence.number} is also on ${describeWhere(first)}`,
        ),
      );
      duplicate = true;
    }
    if (firstWithIdentifier) {
      log.add(
        problem(
          where,
          fields.fhir_identifier,
          'duplicate_identifier_in_file',
          `this identifier is also on ${describeWhere(firstWithIdentifier)}`,
        ),
      );
      duplicate = true;
    }
    if (duplicate) continue;
    for (const licence of licencesOf(draft)) licences.set(licenceKey(licence), draft);
    if (draft.fhirIdentifier) identifiers.set(draft.fhirIdentifier, draft);
    kept.push(draft);
  }
  return kept;
}

const describeWhere = (draft: { line: number | null; entry: number | null }) =>
  draft.line !== null ? `line ${draft.line}` : `entry ${draft.entry}`;

// --- CSV ---------------------------------------------------------------------------------------

/** Reads a CSV network file as it arrives. Never throws for bad content: it reports it. */
export async function readSpecialistCsv(
  source: Readable | AsyncIterable<Buffer | string>,
): Promise<ParsedNetworkFile> {
  const log = new ProblemLog();
  const drafts: SpecialistDraft[] = [];
  const options = {
    info: true,
    relax_column_count: true,
    skip_empty_lines: false,
    trim: true,
    // A row of a network file is a few hundred bytes: a 64 KB one is not a network file.
    max_record_size: MAX_RECORD_BYTES,
    // Few rows wait between the parser and the checks, so a refused file stops being read at once.
    readableHighWaterMark: 4,
    writableHighWaterMark: 64 * 1024,
  };
  const parser = parseCsv(options);
  let columns: Column[] | undefined;
  let previousEnd = 0;
  let rowsRead = 0;
  let refusal: SpecialistImportProblem[] | undefined;

  const feed = (async () => {
    try {
      for await (const text of textChunks(source)) {
        if (refusal || parser.destroyed) break;
        if (!parser.write(text)) {
          await new Promise<void>((resolve) => {
            const go = () => {
              parser.off('drain', go);
              parser.off('close', go);
              resolve();
            };
            parser.on('drain', go);
            parser.on('close', go);
          });
        }
      }
    } catch (error) {
      if (error instanceof FileRefused) refusal = [error.problem];
      else throw error;
    } finally {
      if (!parser.destroyed) parser.end();
    }
  })();

  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (refusal) break;
      const line = previousEnd + 1;
      previousEnd = info.lines;
      if (!record.some((field) => field !== '')) continue;
      if (!columns) {
        const header = checkHeader(record, line);
        if (header.problems.length > 0) {
          refusal = header.problems;
          break;
        }
        columns = header.columns;
        continue;
      }
      rowsRead += 1;
      const where = { line, entry: null };
      if (record.length !== columns.length) {
        log.add(
          problem(
            where,
            'row',
            'bad_row_shape',
            `has ${record.length} fields; the header has ${columns.length}`,
          ),
        );
      } else {
        const values: RawValues = {};
        columns.forEach((column, index) => {
          values[column] = record[index];
        });
        const draft = checkSpecialist(values, { where, fields: csvFieldNames, log });
        if (draft) drafts.push(draft);
      }
    }
  } catch (error) {
    const details = error as { code?: string; lines?: number; message?: string };
    const reason = (details.code && csvErrorReasons[details.code]) ?? details.message ?? String(error);
    refusal ??= [
      fileProblem('file_unreadable', `is not a readable CSV file: ${reason}`, details.lines ?? null),
    ];
  }
  parser.destroy();
  await feed.catch(() => undefined);

  if (refusal) return refusedFile(refusal);
  if (!columns) return refusedFile([fileProblem('file_empty', 'has no header and no rows')]);
  if (rowsRead === 0) return refusedFile([fileProblem('file_empty', 'has a header but no rows')]);
  const unique = rejectDuplicatesInFile(drafts, log, csvFieldNames);
  return { drafts: unique, problems: log.problems, rowsRead, rowsRejected: log.rowsRejected, refused: false };
}

function checkHeader(
  record: string[],
  line: number,
): { columns: Column[]; problems: SpecialistImportProblem[] } {
  const problems: SpecialistImportProblem[] = [];
  const known: readonly string[] = specialistColumns;
  const names = record.map((name) => name.toLowerCase());
  const seen = new Set<string>();
  for (const name of names) {
    if (!known.includes(name) || seen.has(name)) {
      problems.push(
        problem(
          { line, entry: null },
          name === '' ? 'header' : name,
          'unknown_column',
          seen.has(name) ? 'column appears twice' : 'is not a column of a network file',
        ),
      );
    }
    seen.add(name);
  }
  for (const column of requiredColumns) {
    if (!seen.has(column))
      problems.push(problem({ line, entry: null }, column, 'missing_column', 'column is missing'));
  }
  // A header that shares nothing with ours is not a network file: say it once, not per column.
  if (!names.some((name) => known.includes(name))) {
    return {
      columns: [],
      problems: [
        fileProblem(
          'missing_column',
          `line ${line} is not the header of a network file; it must name the columns ${requiredColumns.join(', ')}`,
          line,
        ),
      ],
    };
  }
  return { columns: names as Column[], problems };
}

// --- FHIR R4 -----------------------------------------------------------------------------------

/** The extensions and code systems of our FHIR profile (see docs/specialists.md). */
export const fhirProfile = {
  specialtySystem: 'urn:consilium:fhir:specialty',
  conditionExtension: 'urn:consilium:fhir:condition-expertise',
  capacityExtension: 'urn:consilium:fhir:weekly-capacity',
  yearsExtension: 'urn:consilium:fhir:years-in-practice',
  licenceCountryExtension: 'urn:consilium:fhir:licence-country',
  geolocationExtension: 'http://hl7.org/fhir/StructureDefinition/geolocation',
  languageSystem: 'urn:ietf:bcp:47',
} as const;

// The structure of what we read, checked with zod: enough of R4 to refuse what is not R4 (a wrong
// resourceType, a Bundle without a type, arrays where R4 has arrays), never more than we use.
interface ExtensionShape {
  url: string;
  valueCode?: string | undefined;
  valueInteger?: number | undefined;
  valueDecimal?: number | undefined;
  valueString?: string | undefined;
  valueBoolean?: boolean | undefined;
  extension?: ExtensionShape[] | undefined;
}
const Extension: z.ZodType<ExtensionShape> = z.lazy(() =>
  z.looseObject({
    url: z.string(),
    valueCode: z.string().optional(),
    valueInteger: z.number().int().optional(),
    valueDecimal: z.number().optional(),
    valueString: z.string().optional(),
    valueBoolean: z.boolean().optional(),
    extension: z.array(Extension).optional(),
  }),
);
const Coding = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
const CodeableConcept = z.looseObject({ coding: z.array(Coding).optional(), text: z.string().optional() });
const Identifier = z.looseObject({ system: z.string().optional(), value: z.string().optional() });
const Reference = z.looseObject({ reference: z.string().optional(), display: z.string().optional() });
const Address = z.looseObject({
  city: z.string().optional(),
  country: z.string().optional(),
  extension: z.array(Extension).optional(),
});
const HumanName = z.looseObject({
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
});
const Practitioner = z.looseObject({
  resourceType: z.literal('Practitioner'),
  id: z.string().optional(),
  extension: z.array(Extension).optional(),
  identifier: z.array(Identifier).optional(),
  active: z.boolean().optional(),
  name: z.array(HumanName).optional(),
  address: z.array(Address).optional(),
  communication: z.array(CodeableConcept).optional(),
  qualification: z
    .array(
      z.looseObject({
        identifier: z.array(Identifier).optional(),
        code: CodeableConcept,
        issuer: Reference.optional(),
        extension: z.array(Extension).optional(),
      }),
    )
    .optional(),
});
const PractitionerRole = z.looseObject({
  resourceType: z.literal('PractitionerRole'),
  id: z.string().optional(),
  active: z.boolean().optional(),
  practitioner: Reference.optional(),
  organization: Reference.optional(),
  specialty: z.array(CodeableConcept).optional(),
  extension: z.array(Extension).optional(),
});
const Organization = z.looseObject({
  resourceType: z.literal('Organization'),
  id: z.string().optional(),
  name: z.string().optional(),
  address: z.array(Address).optional(),
});
const bundleTypes = [
  'document',
  'message',
  'transaction',
  'transaction-response',
  'batch',
  'batch-response',
  'history',
  'searchset',
  'collection',
] as const;
const Bundle = z.looseObject({
  resourceType: z.literal('Bundle', { error: 'resourceType must be "Bundle"' }),
  type: z.enum(bundleTypes, { error: `type must be one of ${bundleTypes.join(', ')}` }),
  entry: z
    .array(
      z.looseObject({
        fullUrl: z.string().optional(),
        resource: z
          .looseObject({ resourceType: z.string({ error: 'every resource has a resourceType' }) })
          .optional(),
      }),
    )
    .optional(),
});

type FhirPractitioner = z.infer<typeof Practitioner>;
type FhirRole = z.infer<typeof PractitionerRole>;
type FhirOrganization = z.infer<typeof Organization>;

const fhirFieldNames: FieldNames = {
  name: 'Practitioner.name',
  title: 'Practitioner.name.prefix',
  institution: 'PractitionerRole.organization',
  country: 'Practitioner.address.country',
  city: 'Practitioner.address.city',
  latitude: 'Practitioner.address.extension(geolocation).latitude',
  longitude: 'Practitioner.address.extension(geolocation).longitude',
  licence_country: 'Practitioner.qualification.extension(licence-country)',
  licence_number: 'Practitioner.qualification.identifier',
  licensed_countries: 'Practitioner.qualification.extension(licence-country)',
  languages: 'Practitioner.communication',
  specialties: 'PractitionerRole.specialty',
  subspecialties: 'PractitionerRole.specialty',
  conditions: 'PractitionerRole.extension(condition-expertise)',
  accepts_reviews: 'PractitionerRole.active',
  years_in_practice: 'Practitioner.extension(years-in-practice)',
  weekly_capacity: 'PractitionerRole.extension(weekly-capacity)',
  fhir_identifier: 'Practitioner.identifier',
  reviews_completed: 'Practitioner',
  median_turnaround_hours: 'Practitioner',
  rating_average: 'Practitioner',
  rating_count: 'Practitioner',
};

async function readAll(source: AsyncIterable<Buffer | string>): Promise<string> {
  let text = '';
  for await (const chunk of textChunks(source)) text += chunk;
  return text;
}

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
    text = await readAll(source);
  } catch (error) {
    if (error instanceof FileRefused) return refusedFile([error.problem]);
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

  const log = new ProblemLog();
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
  log: ProblemLog,
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

// The shapes above are checked against the maintained FHIR R4 types: a field read with a type R4
// does not give it fails to compile.
type ReadsAsR4<Ours, R4> = Ours extends R4 ? true : never;
const practitionerReadsAsR4: ReadsAsR4<FhirPractitioner, fhir4.Practitioner> = true;
const roleReadsAsR4: ReadsAsR4<FhirRole, fhir4.PractitionerRole> = true;
const organizationReadsAsR4: ReadsAsR4<z.infer<typeof Organization>, fhir4.Organization> = true;
void [practitionerReadsAsR4, roleReadsAsR4, organizationReadsAsR4];
