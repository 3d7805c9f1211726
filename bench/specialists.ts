/**
 * The specialist network (`npm run bench specialists`):
 * - CSV import of 50,000 generated specialists, against writing the same rows with no reading or
 *   checking (rolled back);
 * - matching for realistic cases at 50,000 and at 1,000,000 specialists (p50, p95), against a
 *   plain sequential scan of the same data ranked by the same function;
 * - the resident memory of the process that does it.
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Runtime } from '../src/server/boot.js';
import { systemContext } from '../src/server/platform/context.js';
import { createLogger } from '../src/server/platform/logger.js';
import { generateNetwork } from '../src/server/modules/specialists/generator.js';
import { specialistColumns } from '../src/server/modules/specialists/import.js';
import { findMatches } from '../src/server/modules/specialists/candidate-retrieval.js';
import {
  rankSpecialists,
  resolveWanted,
  type Candidate,
  type MatchRequest,
} from '../src/server/modules/specialists/matching.js';
import * as repo from '../src/server/modules/specialists/repo.js';
import { draftToRow, generateSpecialists, importNetwork } from '../src/server/modules/specialists/service.js';
import { BenchFailure, type Bench, type BenchContext } from './support/bench.js';
import { provisionRuntime } from './support/database.js';

const SMALL = 50_000;
const LARGE = Number(process.env.BENCH_NETWORK_LARGE ?? 1_000_000);
const ITERATIONS = 300;
/** Unmeasured rounds of the ten cases before the timed ones. */
const WARMUP_ROUNDS = 10;
const BASELINE_ITERATIONS = { small: 40, large: 3 };
/** How many of the cases are checked against the scan before timing (a scan of a million is slow). */
const AGREEMENT_CHECKS = { small: 10, large: 3 };
const LIMIT = 10;

/** Resident memory of this process now and at its peak (/proc/self/status), in MB (2^20 bytes). */
function memory(): { rss: number; peak: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: Math.round(field('VmRSS')), peak: Math.round(field('VmHWM')) };
}

const percentile = (values: number[], share: number) => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number;
};
const round = (value: number) => Math.round(value * 100) / 100;

/** What case managers ask for: the conditions second opinions are most often asked about. */
const asks: { condition: string; codes: string[]; languages: string[]; country: string }[] = [
  { condition: 'C50.9', codes: [], languages: ['es'], country: 'ES' },
  { condition: 'C61', codes: [], languages: ['fr'], country: 'FR' },
  { condition: 'I21.4', codes: [], languages: ['ar', 'en'], country: 'AE' },
  { condition: 'G40.9', codes: [], languages: ['de'], country: 'DE' },
  { condition: 'M17.0', codes: ['OS-JOINT'], languages: ['it'], country: 'IT' },
  { condition: 'C34.1', codes: [], languages: ['zh-CN', 'en'], country: 'SG' },
  { condition: 'K70.3', codes: [], languages: ['pt'], country: 'BR' },
  { condition: 'M54.5', codes: [], languages: ['en'], country: 'GB' },
  { condition: 'F32.1', codes: [], languages: ['es', 'en'], country: 'MX' },
  { condition: 'C91.0', codes: ['PE-HEMONC'], languages: ['en'], country: 'US' },
];
const requests: MatchRequest[] = asks.map((ask, index) => ({
  wanted: resolveWanted(ask.codes, ask.condition),
  languages: ask.languages,
  memberCountry: ask.country,
  regions: [],
  urgency: index % 3 === 0 ? 'urgent' : 'routine',
  origin: null,
  firstOpinion: { doctorName: 'Dr Maria Garcia', institution: 'Hospital Universitario de Madrid' },
  includeFull: false,
}));

/**
 * The baseline: the same hard exclusions and fit, by a sequential scan of the whole table (index
 * scans off), every matching row ranked in memory by the same function.
 */
async function sequentialScanMatches(runtime: Runtime, request: MatchRequest) {
  const codes = [...request.wanted.exact, ...request.wanted.specialty, ...request.wanted.related];
  return runtime.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_bitmapscan = off`);
    await tx.execute(sql`SET LOCAL enable_indexscan = off`);
    const rows = await tx.execute<Record<string, unknown>>(sql`
      SELECT id, user_id, name, name_key, title, institution, institution_key, country, city, latitude, longitude,
        licensed_countries, languages, specialty_codes, subspecialty_codes, condition_codes, accepts_reviews,
        weekly_capacity, active_reviews, median_turnaround_hours
      FROM specialist
      WHERE (specialty_codes && ${sql.param(codes)}::text[] OR subspecialty_codes && ${sql.param(codes)}::text[])
        AND accepts_reviews AND active_reviews < weekly_capacity`);
    const candidates: Candidate[] = rows.rows.map((row) => ({
      id: row.id as string,
      userId: row.user_id as string | null,
      name: row.name as string,
      nameKey: row.name_key as string,
      title: row.title as string | null,
      institution: row.institution as string | null,
      institutionKey: row.institution_key as string | null,
      country: row.country as string,
      city: row.city as string,
      latitude: row.latitude as number,
      longitude: row.longitude as number,
      licensedCountries: row.licensed_countries as string[],
      languages: row.languages as string[],
      specialtyCodes: row.specialty_codes as string[],
      subspecialtyCodes: row.subspecialty_codes as string[],
      conditionCodes: row.condition_codes as string[],
      acceptsReviews: row.accepts_reviews as boolean,
      weeklyCapacity: row.weekly_capacity as number,
      activeReviews: row.active_reviews as number,
      medianTurnaroundHours: row.median_turnaround_hours as number | null,
    }));
    return rankSpecialists(candidates, request, LIMIT);
  });
}

async function timeMatching(
  ctx: BenchContext,
  runtime: Runtime,
  size: string,
  baselineIterations: number,
  agreementChecks: number,
): Promise<void> {
  // Warm-up (JIT, caches: a serving process has run these paths many times), and a check that the
  // tiered retrieval finds what the scan finds.
  for (let round_ = 0; round_ < WARMUP_ROUNDS; round_ += 1)
    for (const request of requests) await findMatches(runtime.db, request, LIMIT);
  for (const request of requests.slice(0, agreementChecks)) {
    const [fast, scan] = [
      await findMatches(runtime.db, request, LIMIT),
      await sequentialScanMatches(runtime, request),
    ];
    const fastScores = fast.matches.map((match) => match.score);
    const scanScores = scan.map((match) => match.score);
    if (JSON.stringify(fastScores) !== JSON.stringify(scanScores)) {
      throw new BenchFailure(
        `${size}: the indexed retrieval and the scan disagree: ${fastScores} vs ${scanScores}`,
      );
    }
  }
  const timings: number[] = [];
  let candidatesRead = 0;
  let queries = 0;
  for (let index = 0; index < ITERATIONS; index += 1) {
    const request = requests[index % requests.length] as MatchRequest;
    const started = performance.now();
    const result = await findMatches(runtime.db, request, LIMIT);
    timings.push(performance.now() - started);
    candidatesRead += result.candidatesRead;
    queries += result.queries;
  }
  const baseline: number[] = [];
  for (let index = 0; index < baselineIterations; index += 1) {
    const request = requests[index % requests.length] as MatchRequest;
    const started = performance.now();
    await sequentialScanMatches(runtime, request);
    baseline.push(performance.now() - started);
  }
  ctx.progress(
    `${size}: ${ITERATIONS} matches, ${Math.round(candidatesRead / ITERATIONS)} candidates read in ` +
      `${(queries / ITERATIONS).toFixed(2)} statements on average; ` +
      `scan baseline over ${baselineIterations}`,
  );
  const target = size === 'at_50k' ? 5 : 50;
  const p95 = percentile(timings, 0.95);
  ctx.report({
    metric: `matching.${size}.p50`,
    value: round(percentile(timings, 0.5)),
    unit: 'ms',
    baseline: round(percentile(baseline, 0.5)),
  });
  ctx.report({
    metric: `matching.${size}.p95`,
    value: round(p95),
    unit: 'ms',
    baseline: round(percentile(baseline, 0.95)),
    target: `value <= ${target}`,
    met: p95 <= target,
  });
}

async function count(runtime: Runtime): Promise<number> {
  const result = await runtime.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM specialist`);
  return result.rows[0]?.n ?? 0;
}

const csvValue = (value: unknown): string => {
  const text = Array.isArray(value)
    ? value.join(';')
    : value === null || value === undefined
      ? ''
      : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const specialistsBench: Bench = {
  name: 'specialists',
  description: `network import (50,000 from CSV) and matching at 50,000 and ${LARGE.toLocaleString('en')} specialists`,
  async run(ctx) {
    const log = createLogger('warn');
    const runtime = await provisionRuntime(ctx, log);
    const ctxOf = (name: string) => systemContext(runtime, name);
    const before = memory();

    // --- The CSV import of 50,000.
    const folder = mkdtempSync(path.join(os.tmpdir(), 'consilium-network-bench-'));
    ctx.defer(() => rmSync(folder, { recursive: true, force: true }));
    const file = path.join(folder, 'network.csv');
    const lines = [specialistColumns.join(',')];
    const generated = [...generateNetwork({ seed: 42, count: SMALL })];
    for (const entry of generated) {
      const values: Record<string, unknown> = {
        ...entry,
        licence_country: entry.licence.country,
        licence_number: entry.licence.number,
        licensed_countries: entry.licensedCountries,
        specialties: entry.specialtyCodes,
        subspecialties: entry.subspecialtyCodes,
        conditions: entry.conditionCodes,
        years_in_practice: entry.yearsInPractice,
        accepts_reviews: entry.acceptsReviews,
        weekly_capacity: entry.weeklyCapacity,
        fhir_identifier: null,
        reviews_completed: entry.reviewsCompleted,
        median_turnaround_hours: entry.medianTurnaroundHours,
        rating_average: entry.ratingAverage,
        rating_count: entry.ratingCount,
      };
      lines.push(specialistColumns.map((column) => csvValue(values[column])).join(','));
    }
    const csvText = `${lines.join('\n')}\n`;
    writeFileSync(file, csvText);
    ctx.progress(`wrote ${SMALL} specialists as CSV (${Math.round(Buffer.byteLength(csvText) / 1e6)} MB)`);
    // The file is all the import reads: the lines go now, so that the matching measured later does
    // not share the process with them (a server that matches holds no import).
    lines.length = 0;

    // Baseline: the same rows written without reading or checking anything, then rolled back.
    const rawStarted = performance.now();
    await runtime.db
      .transaction(async (tx) => {
        await repo.insertSpecialists(
          tx,
          generated.map((entry) => draftToRow({ ...entry, line: null, entry: null }, null, 'csv')),
          new Date(),
        );
        throw new Error('rollback');
      })
      .catch((error: Error) => {
        if (error.message !== 'rollback') throw error;
      });
    const rawMs = performance.now() - rawStarted;
    await runtime.db.execute(sql`VACUUM specialist`);

    const importStarted = performance.now();
    const report = await importNetwork(ctxOf('bench-import'), {
      format: 'csv',
      source: createReadStream(file),
      skipInvalid: false,
    });
    const importMs = performance.now() - importStarted;
    if (!report.applied || report.rowsImported !== SMALL) {
      throw new BenchFailure(
        `the import did not take every row: ${JSON.stringify(report.problems.slice(0, 3))}`,
      );
    }
    ctx.report({
      metric: 'import.csv_50k_seconds',
      value: round(importMs / 1000),
      unit: 's',
      baseline: round(rawMs / 1000),
      target: 'value < 60',
      met: importMs < 60_000,
    });
    generated.length = 0;
    await runtime.db.execute(sql`VACUUM ANALYZE specialist`);
    const afterImport = memory();

    // --- Matching at 50,000.
    await timeMatching(ctx, runtime, 'at_50k', BASELINE_ITERATIONS.small, AGREEMENT_CHECKS.small);
    const after50k = memory();

    // --- Matching at the large size: the generator adds the rest, then indexes are tidied.
    const started = performance.now();
    await generateSpecialists(ctxOf('bench-generate'), {
      seed: 43,
      count: LARGE - SMALL,
      onProgress: (written) => {
        if (written % 100_000 === 0) ctx.progress(`generated ${written} of ${LARGE - SMALL}`);
      },
    });
    await runtime.db.execute(sql`VACUUM ANALYZE specialist`);
    const generateSeconds = (performance.now() - started) / 1000;
    const size = await count(runtime);
    ctx.progress(`network of ${size} specialists ready in ${Math.round(generateSeconds)} s`);
    ctx.report({
      metric: 'generate.seconds_per_100k',
      value: round((generateSeconds * 100_000) / (LARGE - SMALL)),
      unit: 's',
      baseline: round((rawMs / 1000) * 2),
    });
    const sizeName = LARGE === 1_000_000 ? 'at_1m' : `at_${LARGE}`;
    await timeMatching(ctx, runtime, sizeName, BASELINE_ITERATIONS.large, AGREEMENT_CHECKS.large);
    const afterLarge = memory();

    ctx.report({
      metric: 'memory.rss_after_import_mb',
      value: afterImport.rss,
      unit: 'MB',
      baseline: before.rss,
    });
    ctx.report({
      metric: 'memory.rss_after_matching_50k_mb',
      value: after50k.rss,
      unit: 'MB',
      baseline: before.rss,
    });
    ctx.report({
      metric: `memory.rss_after_matching_${sizeName.slice(3)}_mb`,
      value: afterLarge.rss,
      unit: 'MB',
      baseline: before.rss,
    });
    ctx.report({ metric: 'memory.rss_peak_mb', value: afterLarge.peak, unit: 'MB', baseline: before.rss });
  },
};
