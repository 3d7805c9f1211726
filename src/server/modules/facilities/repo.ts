import { eq, inArray, and, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { FacilityKind, FacilitySource, OpeningPeriod } from '../../../shared/facilities.js';
import type { Queryable } from '../../platform/db/index.js';
import { facility, facilityImport } from './schema.js';

/** Any constant shared by every instance: register imports take it so that two never interleave. */
const REGISTER_IMPORT_LOCK_KEY = 7_290_104_416;

/** Serialises register imports (and generation) until the calling transaction ends. */
export async function lockRegisterForImport(tx: Queryable): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${REGISTER_IMPORT_LOCK_KEY}::bigint)`);
}

export type FacilityRow = typeof facility.$inferSelect;

/** One facility as it is written, by an import, the generator or the demo seed. */
export interface NewFacilityRow {
  id: string;
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
  source: FacilitySource;
  importId: string | null;
}

/** A text array as PostgreSQL's literal, so that a batch of arrays travels as one text[] parameter. */
const arrayLiteral = (values: string[]): string =>
  `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

const INSERT_BATCH = 5000;

/**
 * Writes facilities in batches of one statement each: every column travels as one array
 * parameter and `unnest` turns them back into rows.
 */
export async function insertFacilities(tx: Queryable, rows: NewFacilityRow[], now: Date): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    const batch = rows.slice(start, start + INSERT_BATCH);
    const column = <T>(pick: (row: NewFacilityRow) => T) => sql.param(batch.map(pick));
    await tx.execute(sql`
      INSERT INTO facility (
        id, external_id, name, kind, address, city, country, latitude, longitude, time_zone, services,
        languages, accreditations, direct_billing, direct_billing_since, opening_hours, phone, email,
        website, source, import_id, version, created_at, updated_at)
      SELECT id, external_id, name, kind::facility_kind, address, city, country, latitude, longitude, time_zone,
        services::text[], languages::text[], accreditations::text[], direct_billing, direct_billing_since,
        opening_hours::jsonb, phone, email, website, source::facility_source, import_id, 1, ${now}, ${now}
      FROM unnest(
        ${column((row) => row.id)}::uuid[], ${column((row) => row.externalId)}::text[],
        ${column((row) => row.name)}::text[], ${column((row) => row.kind)}::text[],
        ${column((row) => row.address)}::text[], ${column((row) => row.city)}::text[],
        ${column((row) => row.country)}::text[], ${column((row) => row.latitude)}::float8[],
        ${column((row) => row.longitude)}::float8[], ${column((row) => row.timeZone)}::text[],
        ${column((row) => arrayLiteral(row.services))}::text[],
        ${column((row) => arrayLiteral(row.languages))}::text[],
        ${column((row) => arrayLiteral(row.accreditations))}::text[],
        ${column((row) => row.directBilling)}::bool[], ${column((row) => row.directBillingSince)}::date[],
        ${column((row) => JSON.stringify(row.openingHours))}::text[],
        ${column((row) => row.phone)}::text[], ${column((row) => row.email)}::text[],
        ${column((row) => row.website)}::text[], ${column((row) => row.source)}::text[],
        ${column((row) => row.importId)}::uuid[]
      ) AS t(id, external_id, name, kind, address, city, country, latitude, longitude, time_zone, services,
        languages, accreditations, direct_billing, direct_billing_since, opening_hours, phone, email, website,
        source, import_id)`);
  }
}

/** Which of these external ids the register already holds. */
export async function findExistingExternalIds(tx: Queryable, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < ids.length; start += INSERT_BATCH) {
    const rows = await tx
      .select({ externalId: facility.externalId })
      .from(facility)
      .where(inArray(facility.externalId, ids.slice(start, start + INSERT_BATCH)));
    for (const row of rows) found.add(row.externalId);
  }
  return found;
}

export async function insertImport(tx: Queryable, row: typeof facilityImport.$inferInsert): Promise<void> {
  await tx.insert(facilityImport).values(row);
}

export async function findFacility(tx: Queryable, id: string, options: { lock?: boolean } = {}) {
  const query = tx.select().from(facility).where(eq(facility.id, id));
  const rows = options.lock ? await query.for('update') : await query;
  return rows[0];
}

/** Writes a correction when the version is still the one read; undefined when it is not. */
export async function updateFacility(
  tx: Queryable,
  id: string,
  version: number,
  changes: Partial<Omit<NewFacilityRow, 'id' | 'source' | 'importId' | 'externalId'>>,
  now: Date,
) {
  const rows = await tx
    .update(facility)
    .set({ ...changes, version: version + 1, updatedAt: now })
    .where(and(eq(facility.id, id), eq(facility.version, version)))
    .returning();
  return rows[0];
}

/** The filters of a search, as the query applies them. */
export interface SearchFilters {
  service?: string | undefined;
  languages?: string[] | undefined;
  accreditation?: string | undefined;
  directBilling?: boolean | undefined;
  kind?: FacilityKind | undefined;
  country?: string | undefined;
}

function filterConditions(filters: SearchFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.service) conditions.push(sql`services @> ARRAY[${filters.service}]::text[]`);
  if (filters.languages?.length) conditions.push(sql`languages && ${sql.param(filters.languages)}::text[]`);
  if (filters.accreditation === 'any') conditions.push(sql`cardinality(accreditations) > 0`);
  else if (filters.accreditation)
    conditions.push(sql`accreditations @> ARRAY[${filters.accreditation}]::text[]`);
  if (filters.directBilling) conditions.push(sql`direct_billing`);
  if (filters.kind) conditions.push(sql`kind = ${filters.kind}::facility_kind`);
  if (filters.country) conditions.push(sql`country = ${filters.country}`);
  return conditions;
}

const KM_PER_DEGREE = 111.195;
export const EARTH_RADIUS_KM = 6371.0088;

/**
 * The degrees of latitude and longitude a circle of `radiusKm` around a point spans, or null for
 * the longitude when the circle reaches a pole or crosses the antimeridian (no box then: the
 * nearest-first walk and the distance check alone bound the search).
 */
export function boundingBox(latitude: number, longitude: number, radiusKm: number) {
  const latitudeSpan = radiusKm / KM_PER_DEGREE;
  const south = latitude - latitudeSpan;
  const north = latitude + latitudeSpan;
  if (south <= -90 || north >= 90) return null;
  const widest = Math.max(Math.abs(south), Math.abs(north));
  const longitudeSpan = radiusKm / (KM_PER_DEGREE * Math.cos((widest * Math.PI) / 180));
  const west = longitude - longitudeSpan;
  const east = longitude + longitudeSpan;
  if (west < -180 || east > 180) return null;
  return { south, north, west, east };
}

export type FacilityWithDistance = FacilityRow & { distanceKm: number | null };

const columns = sql`id, external_id, name, kind, address, city, country, latitude, longitude, time_zone, services,
  languages, accreditations, direct_billing, direct_billing_since::text, opening_hours, phone, email, website, source,
  import_id, version, created_at, updated_at`;

function toRow(raw: Record<string, unknown>): FacilityWithDistance {
  return {
    id: raw.id as string,
    externalId: raw.external_id as string,
    name: raw.name as string,
    kind: raw.kind as FacilityKind,
    address: raw.address as string,
    city: raw.city as string,
    country: raw.country as string,
    latitude: raw.latitude as number,
    longitude: raw.longitude as number,
    position: { x: raw.longitude as number, y: raw.latitude as number },
    timeZone: raw.time_zone as string,
    services: raw.services as string[],
    languages: raw.languages as string[],
    accreditations: raw.accreditations as string[],
    directBilling: raw.direct_billing as boolean,
    directBillingSince: raw.direct_billing_since as string | null,
    openingHours: raw.opening_hours as OpeningPeriod[],
    phone: raw.phone as string | null,
    email: raw.email as string | null,
    website: raw.website as string | null,
    source: raw.source as FacilitySource,
    importId: raw.import_id as string | null,
    version: raw.version as number,
    createdAt: new Date(raw.created_at as string),
    updatedAt: new Date(raw.updated_at as string),
    distanceKm: raw.distance_km === undefined || raw.distance_km === null ? null : Number(raw.distance_km),
  };
}

/**
 * The facilities nearest a point that pass the filters, nearest first, inside the radius's
 * bounding box (the whole map when the circle reaches a pole or crosses the antimeridian), with
 * their great-circle distance (haversine). The walk is the database's `facility_nearest` (see the
 * migration): one GiST index scan that stops at `limit` rows, so the register is never read row by
 * row.
 */
export function nearestQuery(
  point: { latitude: number; longitude: number },
  radiusKm: number,
  filters: SearchFilters,
  limit: number,
): SQL {
  const { latitude, longitude } = point;
  const box = boundingBox(latitude, longitude, radiusKm) ?? { west: -180, south: -90, east: 180, north: 90 };
  const origin = sql`point(${longitude}::float8, ${latitude}::float8)`;
  const distance = sql`2 * ${EARTH_RADIUS_KM}::float8 * asin(sqrt(
      power(sin(radians(latitude - ${latitude}::float8) / 2), 2)
      + cos(radians(${latitude}::float8)) * cos(radians(latitude)) * power(sin(radians(longitude - ${longitude}::float8) / 2), 2)))`;
  return sql`
    SELECT ${columns}, ${distance} AS distance_km
    FROM facility_nearest(
      ${origin},
      box(point(${box.west}::float8, ${box.south}::float8), point(${box.east}::float8, ${box.north}::float8)),
      ${filters.service ?? null}::text,
      ${filters.languages?.length ? sql.param(filters.languages) : null}::text[],
      ${filters.accreditation ?? null}::text,
      ${filters.directBilling === true},
      ${filters.kind ?? null}::facility_kind,
      ${filters.country ?? null}::text,
      ${limit}::int) AS facility
    ORDER BY position <-> ${origin}`;
}

export async function findNearest(
  db: Queryable,
  point: { latitude: number; longitude: number },
  radiusKm: number,
  filters: SearchFilters,
  limit: number,
): Promise<FacilityWithDistance[]> {
  const result = await db.execute<Record<string, unknown>>(nearestQuery(point, radiusKm, filters, limit));
  return result.rows.map(toRow).filter((row) => (row.distanceKm as number) <= radiusKm);
}

/**
 * The plan the finder's walk runs with inside `facility_nearest`: the statement is run once in a
 * session where auto_explain reports the plans of nested statements as notices. A check for the
 * story and the bench (LOAD needs a role allowed to load modules), never a path of the app.
 */
export async function nearestPlan(
  pool: pg.Pool,
  point: { latitude: number; longitude: number },
  radiusKm: number,
  filters: SearchFilters,
  limit: number,
): Promise<string> {
  const query = new PgDialect().sqlToQuery(nearestQuery(point, radiusKm, filters, limit));
  const client = await pool.connect();
  const notices: string[] = [];
  const listen = (notice: { message?: string }) => notices.push(notice.message ?? '');
  client.on('notice', listen);
  try {
    await client.query("LOAD 'auto_explain'");
    await client.query('SET auto_explain.log_min_duration = 0');
    await client.query('SET auto_explain.log_nested_statements = on');
    await client.query("SET auto_explain.log_level = 'notice'");
    await client.query(query.sql, query.params);
    return notices.join('\n');
  } finally {
    client.off('notice', listen);
    client.release(true);
  }
}

/** The facilities of a country that pass the filters, those billing directly and accredited first. */
export async function findInCountry(
  db: Queryable,
  country: string,
  filters: SearchFilters,
  limit: number,
): Promise<FacilityWithDistance[]> {
  const conditions = filterConditions({ ...filters, country });
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT ${columns}, NULL AS distance_km
    FROM facility
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY direct_billing DESC, cardinality(accreditations) > 0 DESC, name, id
    LIMIT ${limit}`);
  return result.rows.map(toRow);
}

/**
 * After a bulk write: the table rewritten in the order of the position index (facilities near
 * each other then share pages, so a search near a point reads a few pages rather than one per
 * facility; it holds an exclusive lock on the register for the seconds it takes, which an import
 * or generation run can afford and a search waits out), then the statistics refreshed.
 */
export async function tidyAfterBulkWrite(db: Queryable): Promise<void> {
  await db.execute(sql`CLUSTER facility USING facility_position_idx`);
  await db.execute(sql`ANALYZE facility`);
}
