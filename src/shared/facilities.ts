import { z } from 'zod';
import { CountryCode, IsoDate, LanguageTag, TimeZone } from './identity.js';
import { Latitude, Longitude, TaxonomyCode } from './specialists.js';

/**
 * The facilities register (hospitals, clinics, diagnostic centres) and the facility finder, as the
 * server and the web app both read them. Services are codes of the specialty taxonomy
 * (`specialty-taxonomy.ts`), languages BCP 47 tags, countries ISO 3166-1 alpha-2, time zones IANA.
 */

export const facilityKinds = ['hospital', 'clinic', 'diagnostic_centre'] as const;
export const FacilityKind = z.enum(facilityKinds);
export type FacilityKind = z.infer<typeof FacilityKind>;

export const facilitySources = ['csv', 'fhir', 'generated', 'manual'] as const;
export type FacilitySource = (typeof facilitySources)[number];

export const facilityImportFormats = ['csv', 'fhir'] as const;
export const FacilityImportFormat = z.enum(facilityImportFormats);
export type FacilityImportFormat = z.infer<typeof FacilityImportFormat>;

/**
 * Accreditations the register knows: Joint Commission International (worldwide) and the national
 * bodies of the countries the service works in. `country` is null for an international one.
 */
export const accreditations = {
  JCI: { name: 'Joint Commission International', country: null },
  TJC: { name: 'The Joint Commission', country: 'US' },
  ACI: { name: 'Accreditation Canada', country: 'CA' },
  CQC: { name: 'Care Quality Commission', country: 'GB' },
  HIQA: { name: 'Health Information and Quality Authority', country: 'IE' },
  HAS: { name: 'Haute Autorité de santé (certification)', country: 'FR' },
  KTQ: { name: 'Kooperation für Transparenz und Qualität im Gesundheitswesen', country: 'DE' },
  QUALITAS: { name: 'Quality Austria', country: 'AT' },
  SQS: { name: 'Swiss Association for Quality and Management Systems', country: 'CH' },
  ACSA: { name: 'Agencia de Calidad Sanitaria de Andalucía', country: 'ES' },
  DGS: { name: 'Direção-Geral da Saúde (ACSA model)', country: 'PT' },
  NIAZ: { name: 'Nederlands Instituut voor Accreditatie in de Zorg', country: 'NL' },
  CMQ: { name: 'Centrum Monitorowania Jakości', country: 'PL' },
  ACCREDIA: { name: 'Accredia', country: 'IT' },
  DHA: { name: 'Dubai Health Authority accreditation', country: 'AE' },
  DOH: { name: 'Department of Health Abu Dhabi (JAWDA)', country: 'AE' },
  CBAHI: { name: 'Saudi Central Board for Accreditation of Healthcare Institutions', country: 'SA' },
  GAHAR: { name: 'General Authority for Healthcare Accreditation and Regulation', country: 'EG' },
  NABH: { name: 'National Accreditation Board for Hospitals & Healthcare Providers', country: 'IN' },
  MOH_SG: { name: 'Ministry of Health Singapore licence (HCSA)', country: 'SG' },
  MSQH: { name: 'Malaysian Society for Quality in Health', country: 'MY' },
  CHINA_GRADE3A: { name: 'Grade 3A hospital (National Health Commission)', country: 'CN' },
  JCQHC: { name: 'Japan Council for Quality Health Care', country: 'JP' },
  KOIHA: { name: 'Korea Institute for Healthcare Accreditation', country: 'KR' },
  ACHS: { name: 'Australian Council on Healthcare Standards', country: 'AU' },
  ONA: { name: 'Organização Nacional de Acreditação', country: 'BR' },
  ITAES: { name: 'Instituto Técnico para la Acreditación de Establecimientos de Salud', country: 'AR' },
  CSG: { name: 'Consejo de Salubridad General', country: 'MX' },
  SKS: { name: 'Sağlıkta Kalite Standartları', country: 'TR' },
  SWEDAC: { name: 'Swedac', country: 'SE' },
} as const satisfies Record<string, { name: string; country: string | null }>;
export type AccreditationCode = keyof typeof accreditations;
export const accreditationCodes = Object.keys(accreditations) as AccreditationCode[];
export const isAccreditationCode = (code: string): code is AccreditationCode =>
  Object.hasOwn(accreditations, code);
export const AccreditationCodeSchema = z.string().refine(isAccreditationCode, {
  message: 'is not an accreditation the register knows, such as "JCI" or a national body ("CQC", "DHA")',
});

/** ISO weekdays: 1 is Monday, 7 is Sunday. */
export const HourMinute = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, {
  message: 'must be a local time HH:MM from 00:00 to 24:00',
});
export const OpeningPeriod = z
  .object({
    day: z.number().int().min(1).max(7).describe('ISO weekday: 1 Monday … 7 Sunday'),
    opens: HourMinute,
    closes: HourMinute,
  })
  .strict()
  .refine((period) => period.opens < period.closes, {
    message: 'closes after it opens (a night across midnight is two periods)',
    path: ['closes'],
  });
export type OpeningPeriod = z.infer<typeof OpeningPeriod>;

/** Stable reasons an import gives for a rejected row or entry; clients translate them. */
export const facilityImportReasons = [
  'file_too_large',
  'file_not_text',
  'file_unreadable',
  'file_empty',
  'missing_column',
  'unknown_column',
  'bad_row_shape',
  'required',
  'invalid_value',
  'unknown_kind',
  'unknown_service',
  'unknown_language',
  'unknown_country',
  'unknown_accreditation',
  'bad_coordinates',
  'missing_position',
  'bad_time_zone',
  'bad_opening_hours',
  'bad_phone',
  'bad_email',
  'bad_website',
  'duplicate_id_in_file',
  'duplicate_id_in_register',
  'not_fhir_r4',
  'unresolved_reference',
] as const;
export const FacilityImportReason = z.enum(facilityImportReasons);
export type FacilityImportReason = z.infer<typeof FacilityImportReason>;

/**
 * One finding of an import. `line` is the physical line of a CSV file (the header is line 1);
 * `entry` the 0-based index of the entry in a FHIR Bundle; both `null` for the file as a whole.
 */
export const FacilityImportProblem = z.object({
  line: z.number().int().nullable(),
  entry: z.number().int().nullable(),
  field: z.string(),
  reason: FacilityImportReason,
  message: z.string(),
});
export type FacilityImportProblem = z.infer<typeof FacilityImportProblem>;

export const FacilityImportReport = z.object({
  id: z.uuid(),
  format: FacilityImportFormat,
  skipInvalid: z.boolean(),
  applied: z.boolean().describe('false when nothing was written'),
  rowsRead: z.number().int(),
  rowsImported: z.number().int(),
  rowsRejected: z.number().int(),
  problems: z.array(FacilityImportProblem),
  createdAt: z.iso.datetime(),
});
export type FacilityImportReport = z.infer<typeof FacilityImportReport>;

const PhoneAnswer = z.object({ e164: z.string(), international: z.string() });

/** A facility of the register, as staff and members see it (it holds no one's personal data). */
export const Facility = z.object({
  id: z.uuid(),
  externalId: z.string().describe('the id the facility has in the file it came from'),
  name: z.string(),
  kind: FacilityKind,
  address: z.string(),
  city: z.string(),
  country: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  timeZone: z.string(),
  services: z.array(z.string()),
  languages: z.array(z.string()),
  accreditations: z.array(z.string()),
  directBilling: z.boolean(),
  directBillingSince: IsoDate.nullable(),
  openingHours: z.array(OpeningPeriod),
  phone: PhoneAnswer.nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  source: z.enum(facilitySources),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Facility = z.infer<typeof Facility>;

/** The most a finder's radius can be: a search wider than this is not "near". */
export const MAX_RADIUS_KM = 1000;
export const DEFAULT_RADIUS_KM = 50;
/** How many facilities one search ranks and pages through at most. */
export const MAX_SEARCH_RESULTS = 50;

const Point = z.object({ latitude: Latitude, longitude: Longitude }).strict();

/**
 * A search of the register: near a point, near a city (the member's), or in a country; with
 * filters. Sent as a body (a search's criteria say something of a member's health and where they
 * are, so they never travel in an address).
 */
export const FacilitySearch = z
  .object({
    near: Point.optional().describe('a point to search around'),
    city: z
      .object({ country: CountryCode, name: z.string().trim().min(1).max(120) })
      .strict()
      .optional()
      .describe("a city to search around (the member's): its centre is the point"),
    country: CountryCode.optional().describe(
      'only facilities in this country (alone: a search in a country)',
    ),
    radiusKm: z
      .number()
      .gt(0, { message: 'must be more than 0 km' })
      .max(MAX_RADIUS_KM, { message: `must be at most ${MAX_RADIUS_KM} km` })
      .optional()
      .describe(`how far from the point (default ${DEFAULT_RADIUS_KM} km)`),
    service: TaxonomyCode.optional().describe('a specialty or sub-specialty code the facility offers'),
    languages: z
      .array(LanguageTag)
      .max(5)
      .optional()
      .describe('the facility speaks at least one of these; the first is preferred in the ranking'),
    accreditation: z
      .union([z.literal('any'), AccreditationCodeSchema])
      .optional()
      .describe('"any" for an accredited facility, or one accreditation'),
    directBilling: z.boolean().optional().describe('true: only facilities that bill the insurer directly'),
    openNow: z.boolean().optional().describe('true: only facilities open now, in their own time zone'),
    kind: FacilityKind.optional(),
    limit: z.number().int().min(1).max(50).default(10),
    cursor: z.string().max(200).optional(),
  })
  .strict()
  .refine((search) => [search.near, search.city].filter(Boolean).length <= 1, {
    message: 'give a point or a city, not both',
    path: ['near'],
  })
  .refine((search) => search.near || search.city || search.country, {
    message: 'give a point, a city or a country to search in',
    path: ['near'],
  })
  .refine((search) => search.radiusKm === undefined || search.near || search.city, {
    message: 'a radius needs a point or a city',
    path: ['radiusKm'],
  });
export type FacilitySearch = z.infer<typeof FacilitySearch>;

/** Why a facility ranks where it does: each reason with what it is worth. */
export const RankingReason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('distance'), km: z.number(), weight: z.number() }),
  z.object({ kind: z.literal('language'), language: z.string(), weight: z.number() }),
  z.object({ kind: z.literal('direct_billing'), since: IsoDate.nullable(), weight: z.number() }),
  z.object({ kind: z.literal('accreditation'), codes: z.array(z.string()), weight: z.number() }),
]);
export type RankingReason = z.infer<typeof RankingReason>;

export const FacilityHit = z.object({
  facility: Facility,
  distanceKm: z.number().nullable(),
  openNow: z.boolean(),
  score: z.number(),
  reasons: z.array(RankingReason),
});
export type FacilityHit = z.infer<typeof FacilityHit>;

export const FacilitySearchResult = z.object({
  items: z.array(FacilityHit),
  nextCursor: z.string().nullable(),
  /** The point searched around (a city's centre when a city was given). */
  origin: Point.nullable(),
});
export type FacilitySearchResult = z.infer<typeof FacilitySearchResult>;

/** An operations correction: the fields to change, with the version read. */
export const FacilityCorrection = z
  .object({
    version: z.number().int().min(1),
    name: z.string().trim().min(1).max(200).optional(),
    kind: FacilityKind.optional(),
    address: z.string().trim().min(1).max(300).optional(),
    city: z.string().trim().min(1).max(120).optional(),
    latitude: Latitude.optional(),
    longitude: Longitude.optional(),
    timeZone: TimeZone.optional(),
    services: z.array(TaxonomyCode).min(1).max(100).optional(),
    languages: z.array(LanguageTag).min(1).max(30).optional(),
    accreditations: z.array(AccreditationCodeSchema).max(10).optional(),
    directBilling: z.boolean().optional(),
    directBillingSince: IsoDate.nullable().optional(),
    openingHours: z.array(OpeningPeriod).max(28).optional(),
    phone: z.string().trim().max(40).nullable().optional(),
    email: z.email().max(254).nullable().optional(),
    website: z
      .url({ protocol: /^https?$/ })
      .max(300)
      .nullable()
      .optional(),
  })
  .strict();
export type FacilityCorrection = z.infer<typeof FacilityCorrection>;
