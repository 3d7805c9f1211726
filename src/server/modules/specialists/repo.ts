import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import type { SpecialistSource } from '../../../shared/specialists.js';
import { specialist, specialistImport, specialistLicence } from './schema.js';

/** Any constant shared by every instance: network imports take it so that two never interleave. */
const NETWORK_IMPORT_LOCK_KEY = 7_290_104_413;

/** Serialises network imports (and generation) until the calling transaction ends. */
export async function lockNetworkForImport(tx: Queryable): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${NETWORK_IMPORT_LOCK_KEY}::bigint)`);
}

/** One row of the network as it is written, by an import, the generator or the demo seed. */
export interface NewSpecialistRow {
  id: string;
  userId: string | null;
  name: string;
  nameKey: string;
  title: string | null;
  institution: string | null;
  institutionKey: string | null;
  country: string;
  city: string;
  latitude: number;
  longitude: number;
  licensedCountries: string[];
  languages: string[];
  specialtyCodes: string[];
  subspecialtyCodes: string[];
  conditionCodes: string[];
  yearsInPractice: number;
  acceptsReviews: boolean;
  weeklyCapacity: number;
  activeReviews: number;
  reviewsCompleted: number;
  medianTurnaroundHours: number | null;
  ratingAverage: number | null;
  ratingCount: number;
  fhirIdentifier: string | null;
  source: SpecialistSource;
  importId: string | null;
  licence: { country: string; number: string } | null;
  /** Licences beyond the first (an imported Practitioner with several qualifications). */
  furtherLicences?: { country: string; number: string }[];
}

/** A text array as PostgreSQL's literal, so that a batch of arrays travels as one text[] parameter. */
const arrayLiteral = (values: string[]): string =>
  `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

const INSERT_BATCH = 5000;

/**
 * Writes specialists (and their licences) in batches of one statement each: every column travels
 * as one array parameter and `unnest` turns them back into rows, so 50,000 specialists are ten
 * statements, not 50,000.
 */
export async function insertSpecialists(tx: Queryable, rows: NewSpecialistRow[], now: Date): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    const batch = rows.slice(start, start + INSERT_BATCH);
    const column = <T>(pick: (row: NewSpecialistRow) => T) => sql.param(batch.map(pick));
    await tx.execute(sql`
      INSERT INTO specialist (
        id, user_id, name, name_key, title, institution, institution_key, country, city, latitude, longitude,
        licensed_countries, languages, specialty_codes, subspecialty_codes, condition_codes,
        years_in_practice, accepts_reviews, weekly_capacity, active_reviews, reviews_completed,
        median_turnaround_hours, rating_average, rating_count, imported_reviews_completed,
        imported_median_turnaround_hours, imported_rating_average, imported_rating_count,
        fhir_identifier, source, import_id, version, created_at, updated_at)
      SELECT id, user_id, name, name_key, title, institution, institution_key, country, city, latitude, longitude,
        licensed_countries::text[], languages::text[], specialty_codes::text[], subspecialty_codes::text[],
        condition_codes::text[], years_in_practice, accepts_reviews, weekly_capacity, active_reviews,
        reviews_completed, median_turnaround_hours, rating_average, rating_count,
        -- The record a specialist comes with is the base their reviews on the platform add to.
        reviews_completed, median_turnaround_hours, rating_average,
        CASE WHEN rating_average IS NULL THEN 0 ELSE rating_count END,
        fhir_identifier, source::specialist_source, import_id, 1, ${now}, ${now}
      FROM unnest(
        ${column((row) => row.id)}::uuid[], ${column((row) => row.userId)}::uuid[],
        ${column((row) => row.name)}::text[], ${column((row) => row.nameKey)}::text[],
        ${column((row) => row.title)}::text[], ${column((row) => row.institution)}::text[],
        ${column((row) => row.institutionKey)}::text[], ${column((row) => row.country)}::text[],
        ${column((row) => row.city)}::text[], ${column((row) => row.latitude)}::float8[],
        ${column((row) => row.longitude)}::float8[],
        ${column((row) => arrayLiteral(row.licensedCountries))}::text[],
        ${column((row) => arrayLiteral(row.languages))}::text[],
        ${column((row) => arrayLiteral(row.specialtyCodes))}::text[],
        ${column((row) => arrayLiteral(row.subspecialtyCodes))}::text[],
        ${column((row) => arrayLiteral(row.conditionCodes))}::text[],
        ${column((row) => row.yearsInPractice)}::int[], ${column((row) => row.acceptsReviews)}::bool[],
        ${column((row) => row.weeklyCapacity)}::int[], ${column((row) => row.activeReviews)}::int[],
        ${column((row) => row.reviewsCompleted)}::int[], ${column((row) => row.medianTurnaroundHours)}::real[],
        ${column((row) => row.ratingAverage)}::real[], ${column((row) => row.ratingCount)}::int[],
        ${column((row) => row.fhirIdentifier)}::text[], ${column((row) => row.source)}::text[],
        ${column((row) => row.importId)}::uuid[]
      ) AS t(id, user_id, name, name_key, title, institution, institution_key, country, city, latitude, longitude,
        licensed_countries, languages, specialty_codes, subspecialty_codes, condition_codes,
        years_in_practice, accepts_reviews, weekly_capacity, active_reviews, reviews_completed,
        median_turnaround_hours, rating_average, rating_count, fhir_identifier, source, import_id)`);
    const licensed = batch.flatMap((row) =>
      [...(row.licence ? [row.licence] : []), ...(row.furtherLicences ?? [])].map((licence) => ({
        ...licence,
        specialistId: row.id,
      })),
    );
    if (licensed.length > 0) {
      await tx.execute(sql`
        INSERT INTO specialist_licence (country, number, specialist_id)
        SELECT * FROM unnest(
          ${sql.param(licensed.map((licence) => licence.country))}::text[],
          ${sql.param(licensed.map((licence) => licence.number))}::text[],
          ${sql.param(licensed.map((licence) => licence.specialistId))}::uuid[])`);
    }
  }
}

/** Looks keys up a slice at a time: a file may name more keys than one query may bind. */
async function bySlices<K, T>(keys: K[], load: (slice: K[]) => Promise<T[]>): Promise<T[]> {
  const found: T[] = [];
  for (let start = 0; start < keys.length; start += 5000)
    found.push(...(await load(keys.slice(start, start + 5000))));
  return found;
}

/** Which of these licences the network already holds, as `country|number`. */
export async function findExistingLicences(
  tx: Queryable,
  licences: { country: string; number: string }[],
): Promise<Set<string>> {
  const rows = await bySlices(licences, async (slice) => {
    const result = await tx.execute<{ key: string }>(sql`
      SELECT l.country || '|' || l.number AS key
      FROM specialist_licence l
      JOIN unnest(${sql.param(slice.map((licence) => licence.country))}::text[], ${sql.param(slice.map((licence) => licence.number))}::text[])
        AS wanted(country, number) ON wanted.country = l.country AND wanted.number = l.number`);
    return result.rows;
  });
  return new Set(rows.map((row) => row.key));
}

export async function findExistingIdentifiers(tx: Queryable, identifiers: string[]): Promise<Set<string>> {
  const rows = await bySlices(identifiers, (slice) =>
    tx
      .select({ identifier: specialist.fhirIdentifier })
      .from(specialist)
      .where(inArray(specialist.fhirIdentifier, slice)),
  );
  return new Set(rows.map((row) => row.identifier as string));
}

export async function insertImport(tx: Queryable, row: typeof specialistImport.$inferInsert): Promise<void> {
  await tx.insert(specialistImport).values(row);
}

export async function findSpecialist(tx: Queryable, id: string) {
  const [row] = await tx.select().from(specialist).where(eq(specialist.id, id));
  return row;
}

export async function findLicences(tx: Queryable, specialistIds: string[]) {
  if (specialistIds.length === 0) return [];
  return tx
    .select({
      specialistId: specialistLicence.specialistId,
      country: specialistLicence.country,
      number: specialistLicence.number,
    })
    .from(specialistLicence)
    .where(inArray(specialistLicence.specialistId, specialistIds))
    .orderBy(asc(specialistLicence.country), asc(specialistLicence.number));
}

export interface NetworkFilter {
  specialty?: string | undefined;
  condition?: string | undefined;
  language?: string | undefined;
  country?: string | undefined;
  /** A part of the normalised name, or a licence number held exactly (in any country). */
  search?: { nameKey: string; licenceNumber: string } | undefined;
  after?: { at: Date; id: string } | undefined;
  limit: number;
}

/** The staff list: newest first, filtered on the indexed arrays, one row more than the page. */
export function listSpecialists(tx: Queryable, filter: NetworkFilter) {
  const conditions: SQL[] = [];
  if (filter.specialty) {
    conditions.push(
      sql`(${specialist.specialtyCodes} @> ARRAY[${filter.specialty}]::text[] OR ${specialist.subspecialtyCodes} @> ARRAY[${filter.specialty}]::text[])`,
    );
  }
  if (filter.condition)
    conditions.push(sql`${specialist.conditionCodes} @> ARRAY[${filter.condition}]::text[]`);
  if (filter.language) conditions.push(sql`${specialist.languages} @> ARRAY[${filter.language}]::text[]`);
  if (filter.country) conditions.push(eq(specialist.country, filter.country));
  if (filter.search) {
    // Name keys hold letters, digits and spaces only, so the key needs no escaping in a pattern.
    const byLicence = sql`${specialist.id} IN (SELECT ${specialistLicence.specialistId} FROM ${specialistLicence}
      WHERE ${specialistLicence.number} = ${filter.search.licenceNumber})`;
    conditions.push(
      filter.search.nameKey
        ? (or(sql`${specialist.nameKey} LIKE ${`%${filter.search.nameKey}%`}`, byLicence) as SQL)
        : byLicence,
    );
  }
  if (filter.after) {
    const after = filter.after;
    conditions.push(
      or(
        lt(specialist.createdAt, after.at),
        and(eq(specialist.createdAt, after.at), lt(specialist.id, after.id)),
      ) as SQL,
    );
  }
  return tx
    .select()
    .from(specialist)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(specialist.createdAt), desc(specialist.id))
    .limit(filter.limit + 1);
}

/** What a new desk account takes from its record, the row locked until the transaction ends. */
export async function lockSpecialistForAccount(tx: Queryable, id: string) {
  const [row] = await tx
    .select({
      id: specialist.id,
      userId: specialist.userId,
      country: specialist.country,
      languages: specialist.languages,
    })
    .from(specialist)
    .where(eq(specialist.id, id))
    .for('update');
  return row;
}

/** Links a record to its desk account, only if it has none yet; false otherwise. */
export async function linkAccount(
  tx: Queryable,
  input: { specialistId: string; userId: string; now: Date },
): Promise<boolean> {
  const linked = await tx
    .update(specialist)
    .set({ userId: input.userId, updatedAt: input.now, version: sql`${specialist.version} + 1` })
    .where(and(eq(specialist.id, input.specialistId), isNull(specialist.userId)))
    .returning({ id: specialist.id });
  return linked.length === 1;
}

const ginIndexes = [
  'specialist_specialty_codes_idx',
  'specialist_subspecialty_codes_idx',
  'specialist_condition_codes_idx',
  'specialist_languages_idx',
  'specialist_licensed_countries_idx',
  'specialist_match_keys_idx',
];

/**
 * After a bulk write: GIN indexes keep new entries in a pending list that every search reads
 * through until a vacuum merges it (tens of milliseconds per query after 50,000 rows), and the
 * planner's statistics do not know the new rows. Both are brought up to date at once, after commit.
 */
export async function tidyAfterBulkWrite(db: Queryable): Promise<void> {
  for (const index of ginIndexes) {
    await db.execute(sql`SELECT gin_clean_pending_list(${index}::regclass)`);
  }
  await db.execute(sql`ANALYZE specialist`);
}
