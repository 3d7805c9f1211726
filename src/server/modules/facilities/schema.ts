import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  point,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  facilityImportFormats,
  facilityKinds,
  facilitySources,
  type FacilityImportProblem,
  type OpeningPeriod,
} from '../../../shared/facilities.js';
import { user } from '../identity/schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const codes = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);

export const facilityKindEnum = pgEnum('facility_kind', facilityKinds);
export const facilitySourceEnum = pgEnum('facility_source', facilitySources);
export const facilityImportFormatEnum = pgEnum('facility_import_format', facilityImportFormats);

/**
 * A hospital, clinic or diagnostic centre of the register. Services are codes of the specialty
 * taxonomy (a sub-specialty's specialty is always kept with it, so that a search by specialty finds
 * it), languages canonical BCP 47 tags, accreditations codes of `src/shared/facilities.ts`, opening
 * hours ISO weekdays with local times in the facility's own time zone.
 *
 * `position` is `point(longitude, latitude)`, kept by the database from the two coordinates: the
 * finder asks its GiST index for the nearest facilities (`ORDER BY position <-> point(...)`) and
 * for those inside a box, so no search reads the register row by row (see docs/facilities.md).
 */
export const facility = pgTable(
  'facility',
  {
    id: uuid('id').primaryKey(),
    /** The facility's id in the file it came from (a CSV `id`, a FHIR Location identifier). */
    externalId: text('external_id').notNull().unique(),
    name: text('name').notNull(),
    kind: facilityKindEnum('kind').notNull(),
    address: text('address').notNull(),
    city: text('city').notNull(),
    country: text('country').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    position: point('position', { mode: 'xy' })
      .notNull()
      .generatedAlwaysAs(sql`point(longitude, latitude)`),
    timeZone: text('time_zone').notNull(),
    services: codes('services'),
    languages: codes('languages'),
    accreditations: codes('accreditations'),
    directBilling: boolean('direct_billing').notNull().default(false),
    directBillingSince: date('direct_billing_since', { mode: 'string' }),
    openingHours: jsonb('opening_hours').$type<OpeningPeriod[]>().notNull(),
    /** E.164. */
    phone: text('phone'),
    email: text('email'),
    website: text('website'),
    source: facilitySourceEnum('source').notNull(),
    importId: uuid('import_id').references(() => facilityImport.id),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('facility_position_idx').using('gist', t.position),
    index('facility_services_idx').using('gin', t.services),
    index('facility_languages_idx').using('gin', t.languages),
    index('facility_country_idx').on(t.country, t.name, t.id),
    check(
      'facility_coordinates',
      sql`${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180`,
    ),
    check('facility_direct_billing_since', sql`${t.directBillingSince} is null or ${t.directBilling}`),
  ],
);

/** One import of a facilities file, with its report of every rejected row or entry. */
export const facilityImport = pgTable(
  'facility_import',
  {
    id: uuid('id').primaryKey(),
    format: facilityImportFormatEnum('format').notNull(),
    /** `null` for an import from the command line. */
    importedByUserId: uuid('imported_by_user_id').references(() => user.id),
    skipInvalid: boolean('skip_invalid').notNull(),
    rowsRead: integer('rows_read').notNull(),
    rowsImported: integer('rows_imported').notNull(),
    rowsRejected: integer('rows_rejected').notNull(),
    problems: jsonb('problems').$type<FacilityImportProblem[]>().notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('facility_import_created_idx').on(t.createdAt)],
);
