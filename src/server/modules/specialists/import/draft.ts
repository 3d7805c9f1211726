import type { SpecialistImportProblem, SpecialistImportReason } from '../../../../shared/specialists.js';
import { ProblemLog } from '../../../platform/import/problems.js';
import type { TextFault } from '../../../platform/import/text.js';

/**
 * What reading a network file produces, whatever its format: the columns a specialist has, the
 * checked draft, the problems of the file and the limits that keep a bad file cheap.
 */

/** Larger files are refused while they arrive: split a bigger network into several imports. */
export const MAX_SPECIALIST_IMPORT_BYTES = 64 * 1024 * 1024;
/** A row of a network file is a few hundred bytes: a 64 KB one is not a network file. */
export const MAX_RECORD_BYTES = 64 * 1024;
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
export type Column = (typeof specialistColumns)[number];

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

/**
 * The raw values of one specialist, as read from a CSV row or assembled from FHIR resources. A
 * Practitioner's qualifications after the first are `further_licences` (a CSV row has one licence).
 */
export type RawValues = Partial<Record<Column, unknown>> & {
  further_licences?: { country: unknown; number: unknown }[];
};

/** Where a field came from in the file: a CSV column, or a FHIR path. */
export type FieldNames = Record<Column, string>;

/** A network file's problems: every rejected row or entry counted, only the first thousand kept. */
export type NetworkProblemLog = ProblemLog<SpecialistImportProblem>;
export const networkProblemLog = (): NetworkProblemLog =>
  new ProblemLog((found) => `${found.line ?? ''}/${found.entry ?? ''}`, MAX_REPORTED_PROBLEMS);

export const problem = (
  where: { line: number | null; entry: number | null },
  field: string,
  reason: SpecialistImportReason,
  message: string,
): SpecialistImportProblem => ({ ...where, field, reason, message });

export const fileProblem = (reason: SpecialistImportReason, message: string, line: number | null = null) =>
  problem({ line, entry: null }, 'file', reason, message);

export const refusedFile = (problems: SpecialistImportProblem[]): ParsedNetworkFile => ({
  drafts: [],
  problems,
  rowsRead: 0,
  rowsRejected: 0,
  refused: true,
});

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MB`;

/** Why a file that is not a network file's text is refused, in the words of the report. */
export function textRefusal(fault: TextFault): SpecialistImportProblem {
  switch (fault) {
    case 'too_large':
      return fileProblem(
        'file_too_large',
        `is larger than ${megabytes(MAX_SPECIALIST_IMPORT_BYTES)}: split the network into several files`,
      );
    case 'not_utf8':
      return fileProblem('file_not_text', 'is not UTF-8 text: save it as CSV UTF-8 and try again');
    case 'binary':
      return fileProblem('file_not_text', 'is not a text file: a CSV file is expected');
  }
}
