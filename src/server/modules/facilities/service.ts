import type { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import {
  DEFAULT_RADIUS_KM,
  MAX_SEARCH_RESULTS,
  type Facility,
  type FacilityCorrection,
  type FacilityImportFormat,
  type FacilityImportProblem,
  type FacilityImportReport,
  type FacilitySearch,
  type FacilitySearchResult,
} from '../../../shared/facilities.js';
import { specialtyByCode } from '../../../shared/specialists.js';
import type { RequestContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { requireE164 } from '../../platform/phone.js';
import { recordAudit } from '../audit/index.js';
import { locateCity } from '../specialists/index.js';
import { generateRegister } from './generator.js';
import { normalise } from './hours.js';
import { MAX_REPORTED_PROBLEMS, readFacilityBundle, readFacilityCsv, type FacilityDraft } from './import.js';
import { facilitiesPolicy } from './policy.js';
import { presentFacility } from './present.js';
import { presentHit, rankFacilities } from './ranking.js';
import * as repo from './repo.js';

// --- Import ------------------------------------------------------------------------------------

export interface RegisterImportInput {
  format: FacilityImportFormat;
  source: Readable | AsyncIterable<Buffer | string>;
  skipInvalid: boolean;
}

export const draftToRow = (
  draft: Omit<FacilityDraft, 'line' | 'entry'>,
  importId: string | null,
  source: repo.NewFacilityRow['source'],
): repo.NewFacilityRow => ({
  id: uuidv7(),
  externalId: draft.externalId,
  name: draft.name,
  kind: draft.kind,
  address: draft.address,
  city: draft.city,
  country: draft.country,
  latitude: draft.latitude,
  longitude: draft.longitude,
  timeZone: draft.timeZone,
  services: draft.services,
  languages: draft.languages,
  accreditations: draft.accreditations,
  directBilling: draft.directBilling,
  directBillingSince: draft.directBillingSince,
  openingHours: draft.openingHours,
  phone: draft.phone,
  email: draft.email,
  website: draft.website,
  source,
  importId,
});

/** From this many rows on, a write is bulk: indexes and statistics are tidied after it. */
const BULK_WRITE_ROWS = 1000;

/**
 * Imports a facilities file: every row or entry is checked alone, against the others and against
 * the register; with any problem nothing is written unless `skipInvalid` asks for the valid rows
 * to go in without the bad ones. The import and its audit event are one transaction.
 */
export async function importFacilities(
  ctx: RequestContext,
  input: RegisterImportInput,
): Promise<FacilityImportReport> {
  if (ctx.actor && !facilitiesPolicy.importRegister(ctx.actor)) throw notFound();
  const parsed =
    input.format === 'csv' ? await readFacilityCsv(input.source) : await readFacilityBundle(input.source);
  const idField = input.format === 'csv' ? 'id' : 'Location.identifier';

  const report = await ctx.db.transaction(async (tx) => {
    const problems: FacilityImportProblem[] = [...parsed.problems];
    let rejected = parsed.rowsRejected;
    let drafts = parsed.drafts;
    if (!parsed.refused && drafts.length > 0) {
      await repo.lockRegisterForImport(tx);
      const known = await repo.findExistingExternalIds(
        tx,
        drafts.map((draft) => draft.externalId),
      );
      drafts = drafts.filter((draft) => {
        if (!known.has(draft.externalId)) return true;
        rejected += 1;
        if (problems.length < MAX_REPORTED_PROBLEMS) {
          problems.push({
            line: draft.line,
            entry: draft.entry,
            field: idField,
            reason: 'duplicate_id_in_register',
            message: `"${draft.externalId}" is the id of a facility already in the register`,
          });
        }
        return false;
      });
    }

    const apply = !parsed.refused && drafts.length > 0 && (rejected === 0 || input.skipInvalid);
    const now = ctx.clock.now();
    const importId = uuidv7();
    const report: FacilityImportReport = {
      id: importId,
      format: input.format,
      skipInvalid: input.skipInvalid,
      applied: apply,
      rowsRead: parsed.rowsRead,
      rowsImported: apply ? drafts.length : 0,
      rowsRejected: rejected,
      problems,
      createdAt: now.toISOString(),
    };
    if (apply) {
      await repo.insertImport(tx, {
        id: importId,
        format: input.format,
        importedByUserId: ctx.actor?.userId ?? null,
        skipInvalid: input.skipInvalid,
        rowsRead: report.rowsRead,
        rowsImported: report.rowsImported,
        rowsRejected: report.rowsRejected,
        problems,
        createdAt: now,
      });
      await repo.insertFacilities(
        tx,
        drafts.map((draft) => draftToRow(draft, importId, input.format)),
        now,
      );
    }
    await recordAudit(
      tx,
      ctx,
      {
        action: 'facilities.imported',
        details: { format: input.format, applied: apply, imported: report.rowsImported, rejected },
      },
      {
        entityType: 'facility_import',
        entityId: importId,
        purpose: 'administration',
        outcome: apply ? 'success' : 'failure',
      },
    );
    ctx.log.info(
      { format: input.format, applied: apply, imported: report.rowsImported, rejected },
      'facilities imported',
    );
    return report;
  });
  if (report.rowsImported >= BULK_WRITE_ROWS) await repo.tidyAfterBulkWrite(ctx.db);
  return report;
}

/** One line per problem, for the CLI: `line 7: latitude: bad_coordinates: must be a latitude …`. */
export function formatImportReport(report: FacilityImportReport): string[] {
  const where = (problem: FacilityImportProblem) =>
    problem.line !== null
      ? `line ${problem.line}`
      : problem.entry !== null
        ? `entry ${problem.entry}`
        : 'file';
  const refused = report.problems.some((problem) => problem.line === null && problem.entry === null);
  return [
    ...report.problems.map(
      (problem) => `${where(problem)}: ${problem.field}: ${problem.reason}: ${problem.message}`,
    ),
    report.applied
      ? `imported ${report.rowsImported} of ${report.rowsRead} facilities (${report.rowsRejected} rejected)`
      : `nothing imported: ${report.rowsRejected} of ${report.rowsRead} rows rejected` +
        (refused ? ', the file was refused' : '') +
        (report.rowsRejected > 0 && !report.skipInvalid ? ' (--skip-invalid imports the valid rows)' : ''),
  ];
}

// --- Generation ----------------------------------------------------------------------------------

export interface GenerateInput {
  seed: number;
  count: number;
  countries?: string[];
  /** Told after every batch written, for a progress line. */
  onProgress?: (written: number) => void;
}

const GENERATE_BATCH = 5000;

/**
 * Adds a generated register (see generator.ts) in batches, all in one transaction: a run that
 * fails half-way leaves nothing. A seed already generated into this register is refused, since its
 * ids would repeat.
 */
export async function generateFacilities(
  ctx: RequestContext,
  input: GenerateInput,
): Promise<{ written: number }> {
  if (ctx.actor && !facilitiesPolicy.importRegister(ctx.actor)) throw notFound();
  const result = await ctx.db.transaction(async (tx) => {
    await repo.lockRegisterForImport(tx);
    const now = ctx.clock.now();
    let batch: repo.NewFacilityRow[] = [];
    let written = 0;
    let checked = false;
    const flush = async () => {
      await repo.insertFacilities(tx, batch, now);
      written += batch.length;
      batch = [];
      input.onProgress?.(written);
    };
    for (const generated of generateRegister(input)) {
      if (!checked) {
        checked = true;
        if ((await repo.findExistingExternalIds(tx, [generated.externalId])).size > 0) {
          throw new AppError('request.validation_failed', {
            detail: `seed ${input.seed} has already been generated into this register`,
            errors: [
              { path: 'seed', code: 'seed_used', message: 'has already been generated into this register' },
            ],
          });
        }
      }
      batch.push(draftToRow(generated, null, 'generated'));
      if (batch.length === GENERATE_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    await recordAudit(
      tx,
      ctx,
      { action: 'facilities.generated', details: { count: written, seed: input.seed } },
      { entityType: 'facility_register', purpose: 'administration' },
    );
    return { written };
  });
  if (result.written >= BULK_WRITE_ROWS) await repo.tidyAfterBulkWrite(ctx.db);
  return result;
}

// --- Reading and finding -------------------------------------------------------------------------

/** A facility of the register, for any room (its face): undefined when there is none. */
export async function readFacility(db: Queryable, id: string): Promise<Facility | undefined> {
  const row = await repo.findFacility(db, id);
  return row ? presentFacility(row) : undefined;
}

export async function getFacility(ctx: RequestContext, id: string): Promise<Facility> {
  if (!ctx.actor || !facilitiesPolicy.readRegister(ctx.actor)) throw notFound();
  const facility = await readFacility(ctx.db, id);
  if (!facility) throw notFound();
  return facility;
}

const encodeOffset = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64url');
function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset > 0 && offset < MAX_SEARCH_RESULTS)
      return offset;
  } catch {
    // Answered below as any other bad cursor.
  }
  throw new AppError('request.validation_failed', {
    errors: [{ path: 'body.cursor', code: 'invalid_cursor', message: 'is not a cursor this search gave' }],
  });
}

/**
 * The facility finder (the room's face): near a point, near a city or in a country, filtered and
 * ranked with the reasons (ranking.ts), a page at a time. At most `MAX_SEARCH_RESULTS` facilities
 * are ranked: the nearest ones, as the position index gives them.
 */
export async function findFacilities(
  db: Queryable,
  search: FacilitySearch,
  now: Date,
): Promise<FacilitySearchResult> {
  const offset = decodeOffset(search.cursor);
  let origin = search.near ?? null;
  if (search.city) {
    const place = locateCity(search.city.country, search.city.name);
    if (!place) {
      throw new AppError('facility_search.unknown_city', {
        errors: [
          { path: 'body.city.name', code: 'unknown_city', message: 'is not a city of that country we know' },
        ],
      });
    }
    origin = { latitude: place.latitude, longitude: place.longitude };
  }
  const filters: repo.SearchFilters = {
    service: search.service,
    languages: search.languages,
    accreditation: search.accreditation,
    directBilling: search.directBilling,
    kind: search.kind,
    country: search.country,
  };
  const rows = origin
    ? await repo.findNearest(db, origin, search.radiusKm ?? DEFAULT_RADIUS_KM, filters, MAX_SEARCH_RESULTS)
    : await repo.findInCountry(db, search.country as string, filters, MAX_SEARCH_RESULTS);
  const hits = rankFacilities(rows, {
    languages: search.languages ?? [],
    now,
    openNow: search.openNow === true,
  });
  const end = offset + search.limit;
  return {
    items: hits.slice(offset, end).map((hit) => presentHit(hit, now)),
    nextCursor: end < hits.length ? encodeOffset(end) : null,
    origin,
  };
}

export async function searchFacilities(
  ctx: RequestContext,
  search: FacilitySearch,
): Promise<FacilitySearchResult> {
  if (!ctx.actor || !facilitiesPolicy.readRegister(ctx.actor)) throw notFound();
  return findFacilities(ctx.db, search, ctx.clock.now());
}

// --- Corrections ---------------------------------------------------------------------------------

/**
 * Operations correct an entry: the fields sent replace the register's, checked as an import
 * checks them, if the entry is still at the version they read (409 otherwise). Audited with the
 * names of the fields changed.
 */
export async function correctFacility(
  ctx: RequestContext,
  id: string,
  correction: FacilityCorrection,
): Promise<Facility> {
  if (!ctx.actor) throw notFound();
  if (!facilitiesPolicy.readRegister(ctx.actor)) throw notFound();
  if (!facilitiesPolicy.correctEntry(ctx.actor)) throw new AppError('auth.forbidden');
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findFacility(tx, id, { lock: true });
    if (!current) throw notFound();
    if (current.version !== correction.version) {
      throw new AppError('resource.version_conflict', { extensions: { currentVersion: current.version } });
    }
    const { version, phone, services, openingHours, ...rest } = correction;
    const changes: Parameters<typeof repo.updateFacility>[3] = { ...rest };
    if (services) {
      const withParents = new Set(services);
      for (const code of services) {
        const parent = specialtyByCode(code)?.parent;
        if (parent) withParents.add(parent);
      }
      changes.services = [...withParents].sort();
    }
    if (openingHours) changes.openingHours = normalise(openingHours);
    if (correction.languages) changes.languages = [...new Set(correction.languages)];
    if (correction.accreditations) changes.accreditations = [...new Set(correction.accreditations)];
    if (phone !== undefined)
      changes.phone = phone === null ? null : requireE164(phone, current.country, 'body.phone');
    const directBilling = changes.directBilling ?? current.directBilling;
    if (!directBilling) {
      if (changes.directBillingSince) {
        throw new AppError('facility.billing_date_without_direct_billing', {
          errors: [
            {
              path: 'body.directBillingSince',
              code: 'without_direct_billing',
              message: 'is given for a facility that does not bill directly',
            },
          ],
        });
      }
      changes.directBillingSince = null;
    }
    const fields = Object.keys(correction)
      .filter((field) => field !== 'version')
      .sort();
    const updated = await repo.updateFacility(tx, id, version, changes, ctx.clock.now());
    if (!updated) throw new AppError('resource.version_conflict');
    await recordAudit(
      tx,
      ctx,
      { action: 'facility.corrected', details: { fields, version: updated.version } },
      { entityType: 'facility', entityId: id, purpose: 'administration' },
    );
    return presentFacility(updated);
  });
}
