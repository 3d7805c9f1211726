import type { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import type {
  Specialist,
  SpecialistImportFormat,
  SpecialistImportProblem,
  SpecialistImportReport,
  SpecialistListQuery,
} from '../../../shared/specialists.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { recordAudit } from '../audit/index.js';
import {
  MAX_REPORTED_PROBLEMS,
  licenceKey,
  licencesOf,
  readSpecialistBundle,
  readSpecialistCsv,
  type SpecialistDraft,
} from './import.js';
import { generateNetwork } from './generator.js';
import { nameKey } from './names.js';
import { specialistsPolicy } from './policy.js';
import { presentSpecialist } from './present.js';
import * as repo from './repo.js';

// --- Import ------------------------------------------------------------------------------------

export interface NetworkImportInput {
  format: SpecialistImportFormat;
  source: Readable | AsyncIterable<Buffer | string>;
  skipInvalid: boolean;
}

export const draftToRow = (
  draft: SpecialistDraft,
  importId: string | null,
  source: 'csv' | 'fhir',
): repo.NewSpecialistRow => ({
  id: uuidv7(),
  userId: null,
  name: draft.name,
  nameKey: draft.nameKey,
  title: draft.title,
  institution: draft.institution,
  institutionKey: draft.institutionKey,
  country: draft.country,
  city: draft.city,
  latitude: draft.latitude,
  longitude: draft.longitude,
  licensedCountries: draft.licensedCountries,
  languages: draft.languages,
  specialtyCodes: draft.specialtyCodes,
  subspecialtyCodes: draft.subspecialtyCodes,
  conditionCodes: draft.conditionCodes,
  yearsInPractice: draft.yearsInPractice,
  acceptsReviews: draft.acceptsReviews,
  weeklyCapacity: draft.weeklyCapacity,
  activeReviews: 0,
  reviewsCompleted: draft.reviewsCompleted,
  medianTurnaroundHours: draft.medianTurnaroundHours,
  ratingAverage: draft.ratingAverage,
  ratingCount: draft.ratingCount,
  fhirIdentifier: draft.fhirIdentifier,
  source,
  importId,
  licence: draft.licence,
  furtherLicences: draft.furtherLicences,
});

/**
 * Imports a network file: every row or entry is checked alone, against the others and against
 * the network; with any problem nothing is written unless `skipInvalid` asks for the valid rows to
 * go in without the bad ones. The import and its audit event are one transaction.
 */
export async function importNetwork(
  ctx: RequestContext,
  input: NetworkImportInput,
): Promise<SpecialistImportReport> {
  if (ctx.actor && !specialistsPolicy.importNetwork(ctx.actor)) throw notFound();
  const parsed =
    input.format === 'csv' ? await readSpecialistCsv(input.source) : await readSpecialistBundle(input.source);
  const fieldOf = (name: 'licence_number' | 'fhir_identifier') =>
    input.format === 'csv'
      ? name
      : name === 'licence_number'
        ? 'Practitioner.qualification.identifier'
        : 'Practitioner.identifier';

  const report = await ctx.db.transaction(async (tx) => {
    const problems: SpecialistImportProblem[] = [...parsed.problems];
    let rejected = parsed.rowsRejected;
    let drafts = parsed.drafts;
    if (!parsed.refused && drafts.length > 0) {
      await repo.lockNetworkForImport(tx);
      const licences = await repo.findExistingLicences(tx, drafts.flatMap(licencesOf));
      const identifiers = await repo.findExistingIdentifiers(
        tx,
        drafts.flatMap((draft) => (draft.fhirIdentifier ? [draft.fhirIdentifier] : [])),
      );
      drafts = drafts.filter((draft) => {
        const where = { line: draft.line, entry: draft.entry };
        const found: SpecialistImportProblem[] = [];
        for (const licence of licencesOf(draft)) {
          if (!licences.has(licenceKey(licence))) continue;
          found.push({
            ...where,
            field: fieldOf('licence_number'),
            reason: 'duplicate_licence_in_network',
            message: `licence ${licence.country} ${licence.number} belongs to a specialist already in the network`,
          });
        }
        if (draft.fhirIdentifier && identifiers.has(draft.fhirIdentifier)) {
          found.push({
            ...where,
            field: fieldOf('fhir_identifier'),
            reason: 'duplicate_identifier_in_network',
            message: 'this identifier belongs to a specialist already in the network',
          });
        }
        if (found.length === 0) return true;
        rejected += 1;
        for (const problem of found) if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(problem);
        return false;
      });
    }

    const apply = !parsed.refused && drafts.length > 0 && (rejected === 0 || input.skipInvalid);
    const now = ctx.clock.now();
    const importId = uuidv7();
    const report: SpecialistImportReport = {
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
        applied: true,
        rowsRead: report.rowsRead,
        rowsImported: report.rowsImported,
        rowsRejected: report.rowsRejected,
        problems,
        createdAt: now,
      });
      await repo.insertSpecialists(
        tx,
        drafts.map((draft) => draftToRow(draft, importId, input.format)),
        now,
      );
    }
    await recordAudit(
      tx,
      ctx,
      {
        action: 'specialists.imported',
        details: { format: input.format, applied: apply, imported: report.rowsImported, rejected },
      },
      {
        entityType: 'specialist_import',
        entityId: importId,
        purpose: 'administration',
        outcome: apply ? 'success' : 'failure',
      },
    );
    ctx.log.info(
      { format: input.format, applied: apply, imported: report.rowsImported, rejected },
      'specialist network imported',
    );
    return report;
  });
  if (report.rowsImported >= BULK_WRITE_ROWS) await repo.tidyAfterBulkWrite(ctx.db);
  return report;
}

/** From this many rows on, a write is bulk: indexes and statistics are tidied after it. */
const BULK_WRITE_ROWS = 1000;

/** One line per problem, for the CLI: `line 7: languages: unknown_language: "xx" is not …`. */
export function formatImportReport(report: SpecialistImportReport): string[] {
  const where = (problem: SpecialistImportProblem) =>
    problem.line !== null
      ? `line ${problem.line}`
      : problem.entry !== null
        ? `entry ${problem.entry}`
        : 'file';
  return [
    ...report.problems.map(
      (problem) => `${where(problem)}: ${problem.field}: ${problem.reason}: ${problem.message}`,
    ),
    report.applied
      ? `imported ${report.rowsImported} of ${report.rowsRead} specialists (${report.rowsRejected} rejected)`
      : `nothing imported: ${report.rowsRejected} of ${report.rowsRead} rows rejected${report.problems.some((problem) => problem.line === null && problem.entry === null) ? ', the file was refused' : ''}${report.rowsRejected > 0 && !report.skipInvalid ? ' (--skip-invalid imports the valid rows)' : ''}`,
  ];
}

// --- Reading the network -----------------------------------------------------------------------

export async function getSpecialist(ctx: RequestContext, id: string): Promise<Specialist> {
  if (!ctx.actor || !specialistsPolicy.readNetwork(ctx.actor)) throw notFound();
  const row = await repo.findSpecialist(ctx.db, id);
  if (!row) throw notFound();
  return presentSpecialist(row, await repo.findLicences(ctx.db, [id]));
}

export async function listSpecialists(
  ctx: RequestContext,
  query: SpecialistListQuery,
): Promise<{ items: Specialist[]; nextCursor: string | null }> {
  if (!ctx.actor || !specialistsPolicy.readNetwork(ctx.actor)) throw notFound();
  const rows = await repo.listSpecialists(ctx.db, {
    specialty: query.specialty,
    condition: query.condition,
    language: query.language,
    country: query.country,
    search: query.search ? { nameKey: nameKey(query.search), licenceNumber: query.search } : undefined,
    after: decodeCursor(query.cursor),
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const licences = await repo.findLicences(
    ctx.db,
    page.map((row) => row.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((row) =>
      presentSpecialist(
        row,
        licences.filter((licence) => licence.specialistId === row.id),
      ),
    ),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

// --- Generation ----------------------------------------------------------------------------------

export interface GenerateInput {
  seed: number;
  count: number;
  /** Told after every batch written, for a progress line. */
  onProgress?: (written: number) => void;
}

/**
 * Adds a generated network (see generator.ts) in batches, all in one transaction: a run that fails
 * half-way leaves nothing. A seed already generated into this network is refused, since its
 * licences would repeat.
 */
export async function generateSpecialists(
  ctx: RequestContext,
  input: GenerateInput,
): Promise<{ written: number }> {
  if (ctx.actor && !specialistsPolicy.importNetwork(ctx.actor)) throw notFound();
  const result = await ctx.db.transaction(async (tx) => {
    await repo.lockNetworkForImport(tx);
    const now = ctx.clock.now();
    let batch: repo.NewSpecialistRow[] = [];
    let written = 0;
    let checked = false;
    const flush = async () => {
      await repo.insertSpecialists(tx, batch, now);
      written += batch.length;
      batch = [];
      input.onProgress?.(written);
    };
    for (const generated of generateNetwork({ seed: input.seed, count: input.count })) {
      if (!checked) {
        checked = true;
        if ((await repo.findExistingLicences(tx, [generated.licence])).size > 0) {
          throw new AppError('request.validation_failed', {
            detail: `seed ${input.seed} has already been generated into this network`,
            errors: [
              { path: 'seed', code: 'seed_used', message: 'has already been generated into this network' },
            ],
          });
        }
      }
      batch.push({
        ...draftToRow({ ...generated, line: null, entry: null }, null, 'csv'),
        source: 'generated',
        activeReviews: generated.activeReviews,
      });
      if (batch.length === GENERATE_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    await recordAudit(
      tx,
      ctx,
      { action: 'specialists.generated', details: { count: written, seed: input.seed } },
      { entityType: 'specialist_network', purpose: 'administration' },
    );
    return { written };
  });
  if (result.written >= BULK_WRITE_ROWS) await repo.tidyAfterBulkWrite(ctx.db);
  return result;
}

const GENERATE_BATCH = 5000;

/**
 * The demo's network: a small generated one, and the demo specialist's own record linked to
 * their account so that the review desk has someone to show.
 */
export async function seedDemoNetwork(
  ctx: RequestContext,
  demoSpecialist: { userId: string; name: string },
): Promise<void> {
  await generateSpecialists(ctx, demoNetwork);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.insertSpecialists(
      tx,
      [
        {
          id: uuidv7(),
          userId: demoSpecialist.userId,
          name: demoSpecialist.name.replace(/^Prof\.\s*/, ''),
          nameKey: nameKey(demoSpecialist.name),
          title: 'Prof.',
          institution: 'Hospital de Santa Maria',
          institutionKey: nameKey('Hospital de Santa Maria'),
          country: 'PT',
          city: 'Lisbon',
          latitude: 38.7167,
          longitude: -9.1333,
          licensedCountries: ['PT', 'ES'],
          languages: ['pt', 'en', 'es'],
          specialtyCodes: ['IM'],
          subspecialtyCodes: ['IM-ONC'],
          conditionCodes: ['C50-C50', 'C15-C26', 'II'],
          yearsInPractice: 21,
          acceptsReviews: true,
          weeklyCapacity: 5,
          activeReviews: 0,
          reviewsCompleted: 86,
          medianTurnaroundHours: 30,
          ratingAverage: 4.8,
          ratingCount: 41,
          fhirIdentifier: null,
          source: 'manual',
          importId: null,
          licence: { country: 'PT', number: 'OM-48213' },
        },
      ],
      now,
    );
  });
}

/** The generated part of the demo network (`seedDemoNetwork`). */
export const demoNetwork = { seed: 2026, count: 5_000 };
