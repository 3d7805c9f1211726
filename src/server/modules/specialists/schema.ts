import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  specialistImportFormats,
  specialistSources,
  type SpecialistImportProblem,
} from '../../../shared/specialists.js';
import { user } from '../identity/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const codes = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);

export const specialistSourceEnum = pgEnum('specialist_source', specialistSources);
export const specialistImportFormatEnum = pgEnum('specialist_import_format', specialistImportFormats);

/**
 * A doctor of the review network. Codes are those of `src/shared/specialists.ts` (the specialty
 * taxonomy, ICD-10 chapters and blocks), checked on the way in; languages are canonical BCP 47
 * tags and countries ISO 3166-1 alpha-2.
 *
 * Capacity: `weeklyCapacity` is how many reviews the specialist takes on at a time (a review is due
 * within days, so a week's intake and the reviews open at once are the same figure), and
 * `activeReviews` how many they hold now. The review room takes a place with one conditional
 * update (`activeReviews < weeklyCapacity`, see `takeReviewPlace` in `capacity.ts`) and gives it
 * back (`releaseReviewPlace`) when the review ends, in the same transaction as the review's own
 * change; the check constraint keeps the count from going below zero.
 */
export const specialist = pgTable(
  'specialist',
  {
    id: uuid('id').primaryKey(),
    /** The account of a specialist who signs in to the review desk; most network members have none. */
    userId: uuid('user_id')
      .unique()
      .references(() => user.id),
    name: text('name').notNull(),
    /** Lower case, accents and titles removed: what first-opinion exclusions compare. */
    nameKey: text('name_key').notNull(),
    /** "Dr", "Prof. Dr", "MD PhD"…, as the specialist writes it. */
    title: text('title'),
    institution: text('institution'),
    institutionKey: text('institution_key'),
    country: text('country').notNull(),
    city: text('city').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    licensedCountries: codes('licensed_countries'),
    languages: codes('languages'),
    specialtyCodes: codes('specialty_codes'),
    subspecialtyCodes: codes('subspecialty_codes'),
    /** ICD-10 chapters (`II`) and blocks (`C00-C14`) the specialist is an expert in. */
    conditionCodes: codes('condition_codes'),
    /**
     * What matching looks a slice up by: `code|language` and `code|language|country` for every
     * specialty and sub-specialty code, language and licence country of the specialist, kept by
     * the database (an immutable function of the four arrays; see the migration and
     * docs/decisions/0009).
     */
    matchKeys: text('match_keys')
      .array()
      .notNull()
      .generatedAlwaysAs(
        sql`specialist_match_keys(specialty_codes, subspecialty_codes, languages, licensed_countries)`,
      ),
    yearsInPractice: integer('years_in_practice').notNull(),
    acceptsReviews: boolean('accepts_reviews').notNull().default(true),
    weeklyCapacity: integer('weekly_capacity').notNull(),
    activeReviews: integer('active_reviews').notNull().default(0),
    /**
     * The record, live: a submitted opinion adds one review and recomputes the median turnaround
     * (acceptance to opinion, in hours), a case manager's rating recomputes the average, each in the
     * review room's transaction (`recordCompletedReview`, `refreshRatings` in its repo). The
     * `imported*` columns keep the record the specialist came with, as the base the platform's own
     * reviews and ratings are added to (see docs/specialists.md).
     */
    reviewsCompleted: integer('reviews_completed').notNull().default(0),
    medianTurnaroundHours: real('median_turnaround_hours'),
    ratingAverage: real('rating_average'),
    ratingCount: integer('rating_count').notNull().default(0),
    importedReviewsCompleted: integer('imported_reviews_completed').notNull().default(0),
    importedMedianTurnaroundHours: real('imported_median_turnaround_hours'),
    importedRatingAverage: real('imported_rating_average'),
    importedRatingCount: integer('imported_rating_count').notNull().default(0),
    /** The FHIR Practitioner identifier the record came with, as `system|value`. */
    fhirIdentifier: text('fhir_identifier').unique(),
    source: specialistSourceEnum('source').notNull(),
    importId: uuid('import_id').references(() => specialistImport.id),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    // Candidate retrieval for matching and the staff search (see docs/decisions/0009).
    index('specialist_specialty_codes_idx').using('gin', t.specialtyCodes),
    index('specialist_subspecialty_codes_idx').using('gin', t.subspecialtyCodes),
    index('specialist_condition_codes_idx').using('gin', t.conditionCodes),
    index('specialist_languages_idx').using('gin', t.languages),
    index('specialist_licensed_countries_idx').using('gin', t.licensedCountries),
    index('specialist_match_keys_idx').using('gin', t.matchKeys),
    // The staff list pages by (created_at, id), the shared cursor codec's order.
    index('specialist_listing_idx').on(t.createdAt, t.id),
    index('specialist_country_idx').on(t.country, t.createdAt, t.id),
    index('specialist_name_key_idx').on(t.nameKey),
    index('specialist_institution_key_idx').on(t.institutionKey),
    check('specialist_active_reviews_not_negative', sql`${t.activeReviews} >= 0`),
    check('specialist_weekly_capacity_not_negative', sql`${t.weeklyCapacity} >= 0`),
    check(
      'specialist_coordinates',
      sql`${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180`,
    ),
  ],
);

/** A licence to practise, unique per issuing country. */
export const specialistLicence = pgTable(
  'specialist_licence',
  {
    country: text('country').notNull(),
    number: text('number').notNull(),
    specialistId: uuid('specialist_id')
      .notNull()
      .references(() => specialist.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.country, t.number] }),
    index('specialist_licence_specialist_idx').on(t.specialistId),
  ],
);

/** One import of a network file by operations, with its report of every rejected row or entry. */
export const specialistImport = pgTable(
  'specialist_import',
  {
    id: uuid('id').primaryKey(),
    format: specialistImportFormatEnum('format').notNull(),
    /** `null` for an import from the command line. */
    importedByUserId: uuid('imported_by_user_id').references(() => user.id),
    skipInvalid: boolean('skip_invalid').notNull(),
    /** Whether anything was written: false when the file was refused as a whole. */
    applied: boolean('applied').notNull(),
    rowsRead: integer('rows_read').notNull(),
    rowsImported: integer('rows_imported').notNull(),
    rowsRejected: integer('rows_rejected').notNull(),
    problems: jsonb('problems').$type<SpecialistImportProblem[]>().notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('specialist_import_created_idx').on(t.createdAt)],
);
