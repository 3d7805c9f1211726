import { z } from 'zod';
import { isIcd10ExpertiseCode, resolveCondition } from './icd10.js';
import { CountryCode, LanguageTag } from './identity.js';
import { isSpecialtyCode, isSubspecialtyCode } from './specialty-taxonomy.js';

export * from './specialty-taxonomy.js';
export * from './icd10.js';

/** Where a specialist's record came from. */
export const specialistSources = ['csv', 'fhir', 'generated', 'manual'] as const;
export type SpecialistSource = (typeof specialistSources)[number];

export const specialistImportFormats = ['csv', 'fhir'] as const;
export const SpecialistImportFormat = z.enum(specialistImportFormats);
export type SpecialistImportFormat = z.infer<typeof SpecialistImportFormat>;

/** Stable reasons an import gives for a rejected row or entry; clients translate them. */
export const specialistImportReasons = [
  'file_too_large',
  'file_not_text',
  'file_unreadable',
  'file_empty',
  'missing_column',
  'unknown_column',
  'bad_row_shape',
  'required',
  'invalid_value',
  'unknown_specialty',
  'unknown_subspecialty',
  'subspecialty_without_specialty',
  'unknown_condition_code',
  'unknown_language',
  'unknown_country',
  'bad_coordinates',
  'duplicate_licence_in_file',
  'duplicate_licence_in_network',
  'duplicate_identifier_in_file',
  'duplicate_identifier_in_network',
  'not_fhir_r4',
  'unresolved_reference',
  'too_many_rows',
] as const;
export const SpecialistImportReason = z.enum(specialistImportReasons);
export type SpecialistImportReason = z.infer<typeof SpecialistImportReason>;

/**
 * One finding of an import. `line` is the physical line of a CSV file (the header is line 1);
 * `entry` the 0-based index of the entry in a FHIR Bundle; both `null` for the file as a whole.
 */
export const SpecialistImportProblem = z.object({
  line: z.number().int().nullable(),
  entry: z.number().int().nullable(),
  field: z.string(),
  reason: SpecialistImportReason,
  message: z.string(),
});
export type SpecialistImportProblem = z.infer<typeof SpecialistImportProblem>;

export const SpecialistImportReport = z.object({
  id: z.uuid(),
  format: SpecialistImportFormat,
  skipInvalid: z.boolean(),
  applied: z.boolean().describe('false when nothing was written'),
  rowsRead: z.number().int(),
  rowsImported: z.number().int(),
  rowsRejected: z.number().int(),
  problems: z.array(SpecialistImportProblem),
  createdAt: z.iso.datetime(),
});
export type SpecialistImportReport = z.infer<typeof SpecialistImportReport>;

export const SpecialtyCode = z.string().refine(isSpecialtyCode, {
  message: 'is not a specialty code of the taxonomy',
});
export const SubspecialtyCode = z.string().refine(isSubspecialtyCode, {
  message: 'is not a sub-specialty code of the taxonomy',
});
/** A specialty or a sub-specialty code. */
export const TaxonomyCode = z.string().refine((code) => isSpecialtyCode(code) || isSubspecialtyCode(code), {
  message: 'is not a code of the specialty taxonomy',
});
export const Icd10ExpertiseCode = z.string().refine(isIcd10ExpertiseCode, {
  message: 'is not an ICD-10 chapter (such as "II") or block (such as "C00-C14")',
});
/** A condition as a case manager names it: a chapter, a block, or a category such as `C50.4`. */
export const ConditionCode = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .refine((code) => resolveCondition(code) !== undefined, {
    message: 'is not an ICD-10 chapter, block or category such as "C50" or "C50.4"',
  });

export const Latitude = z.number().min(-90).max(90);
export const Longitude = z.number().min(-180).max(180);

/** A specialist of the network, as staff see them. */
export const Specialist = z.object({
  id: z.uuid(),
  userId: z.uuid().nullable(),
  name: z.string(),
  title: z.string().nullable(),
  institution: z.string().nullable(),
  country: z.string(),
  city: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  licensedCountries: z.array(z.string()),
  languages: z.array(z.string()),
  specialtyCodes: z.array(z.string()),
  subspecialtyCodes: z.array(z.string()),
  conditionCodes: z.array(z.string()),
  yearsInPractice: z.number().int(),
  acceptsReviews: z.boolean(),
  weeklyCapacity: z.number().int(),
  activeReviews: z.number().int(),
  capacityLeft: z.number().int(),
  record: z.object({
    reviewsCompleted: z.number().int(),
    medianTurnaroundHours: z.number().nullable(),
    ratingAverage: z.number().nullable(),
    ratingCount: z.number().int(),
  }),
  licences: z.array(z.object({ country: z.string(), number: z.string() })),
  fhirIdentifier: z.string().nullable(),
  source: z.enum(specialistSources),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Specialist = z.infer<typeof Specialist>;

export const SpecialistList = z.object({ items: z.array(Specialist), nextCursor: z.string().nullable() });

export const SpecialistListQuery = z
  .object({
    specialty: TaxonomyCode.optional().describe('a specialty or sub-specialty code'),
    condition: Icd10ExpertiseCode.optional(),
    language: LanguageTag.optional(),
    country: CountryCode.optional(),
    search: z
      .string()
      .trim()
      .min(2)
      .max(100)
      .optional()
      .describe('part of the name (accents, case and titles ignored), or a licence number exactly'),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().optional(),
  })
  .strict();
export type SpecialistListQuery = z.infer<typeof SpecialistListQuery>;

export const urgencies = ['routine', 'urgent'] as const;
export const Urgency = z.enum(urgencies);
export type Urgency = z.infer<typeof Urgency>;

/**
 * What the case manager asks for; the case gives the member's languages, country and first opinion.
 * The body of a search (`POST`), never a query string: its condition and specialties say what the
 * member has, and an address is logged, kept in proxies and in histories.
 */
export const SpecialistMatchSearch = z
  .object({
    condition: ConditionCode.optional().describe('ICD-10 chapter, block or category of the condition'),
    specialty: z.array(TaxonomyCode).max(20).optional().describe('specialty or sub-specialty codes'),
    languages: z
      .array(LanguageTag)
      .max(20)
      .optional()
      .describe("the member's languages; the case's by default"),
    regions: z
      .array(CountryCode)
      .max(20)
      .optional()
      .describe('countries the member would like the specialist licensed in'),
    urgency: Urgency.default('routine'),
    treatment: z
      .enum(['surgery', 'medicine', 'radiotherapy'])
      .optional()
      .describe('the treatment the first opinion proposed: its specialists are asked first'),
    nearby: z.boolean().default(false).describe("weigh the distance from the member's city"),
    limit: z.number().int().min(1).max(50).default(10),
    includeFull: z.boolean().default(false).describe('include specialists with no free place'),
  })
  .strict()
  .refine((search) => search.condition !== undefined || (search.specialty?.length ?? 0) > 0, {
    message: 'give a condition, a specialty, or both',
    path: ['condition'],
  });
export type SpecialistMatchSearch = z.infer<typeof SpecialistMatchSearch>;

export const matchFactors = [
  'specialty',
  'language',
  'licence',
  'capacity',
  'turnaround',
  'distance',
] as const;
export type MatchFactor = (typeof matchFactors)[number];

export const SpecialistMatch = z.object({
  specialist: z.object({
    id: z.uuid(),
    name: z.string(),
    title: z.string().nullable(),
    institution: z.string().nullable(),
    country: z.string(),
    city: z.string(),
    languages: z.array(z.string()),
    specialtyCodes: z.array(z.string()),
    subspecialtyCodes: z.array(z.string()),
    capacityLeft: z.number().int(),
    medianTurnaroundHours: z.number().nullable(),
    /** Whether they have a review-desk account: only they can be offered the review. */
    reviewDesk: z.boolean(),
  }),
  score: z.number().describe('0–100'),
  factors: z.array(
    z.object({
      factor: z.enum(matchFactors),
      points: z.number(),
      maxPoints: z.number(),
      reason: z
        .string()
        .describe('a stable reason code, e.g. `subspecialty_exact`, `speaks_member_language`'),
    }),
  ),
  distanceKm: z.number().nullable(),
});
export type SpecialistMatch = z.infer<typeof SpecialistMatch>;

export const SpecialistMatchList = z.object({ items: z.array(SpecialistMatch) });
