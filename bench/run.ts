/**
 * `npm run bench [name...]`: runs the named benches (all of them without a name), one after the
 * other. Each prints one JSON line per figure on stdout; progress goes to stderr. Everything a
 * bench starts is cleaned up when it ends, fails or is interrupted; any failure exits non-zero.
 */
import { BenchFailure, type Bench, type BenchContext, type Figure } from './support/bench.js';
import { Cleanup } from './support/cleanup.js';
import { queueBench, submissionsBench } from './cases.js';
import { coverageBench } from './coverage.js';
import { coverApiBench } from './coverage-api.js';
import { employerHubBench } from './employer-hub.js';
import { exportBench } from './export.js';
import { feedbackBench } from './feedback.js';
import { fhirBench } from './fhir.js';
import { facilitiesBench } from './facilities.js';
import { httpBench } from './http.js';
import { matchingQualityBench } from './matching-quality.js';
import { observabilityBench } from './observability.js';
import { rateLimitBench } from './rate-limit.js';
import { referralLetterBench } from './referrals.js';
import { planningBench } from './planning.js';
import { specialistsBench } from './specialists.js';
import { uploadBench } from './upload.js';
import { webBench } from './web.js';

/** Register new benches here (matching...). */
const benches: Bench[] = [
  httpBench,
  rateLimitBench,
  observabilityBench,
  queueBench,
  submissionsBench,
  uploadBench,
  specialistsBench,
  matchingQualityBench,
  coverageBench,
  coverApiBench,
  planningBench,
  facilitiesBench,
  webBench,
  feedbackBench,
  employerHubBench,
  fhirBench,
  referralLetterBench,
  exportBench,
];

/** Names that select several benches at once. */
const groups: Record<string, string[]> = {
  cases: ['queue', 'submissions'],
  coverage: ['cover-decision', 'cover-api'],
};

function secondsSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a number of seconds, not ${raw}`);
  return value;
}

function usage(): string {
  return [
    'usage: npm run bench [name...]',
    '',
    ...benches.map((bench) => `  ${bench.name.padEnd(12)} ${bench.description}`),
    ...Object.entries(groups).map(([group, names]) => `  ${group.padEnd(12)} ${names.join(' and ')}`),
    '',
    'settings: BENCH_DURATION_SECONDS (10), BENCH_WARMUP_SECONDS (2), DATABASE_URL (embedded server when unset),',
    '          BENCH_CPU_PROFILE_DIR (http, queue, submissions, upload, export: write a CPU profile of the Consilium server there)',
    '',
  ].join('\n');
}

function contextFor(
  bench: Bench,
  cleanup: Cleanup,
  durationSeconds: number,
  warmupSeconds: number,
): BenchContext {
  return {
    durationSeconds,
    warmupSeconds,
    progress: (message) => process.stderr.write(`[${bench.name}] ${message}\n`),
    defer: (step) => cleanup.add(step),
    report: ({ target, met, ...figure }: Figure) => {
      const ratio = figure.baseline ? Math.round((figure.value / figure.baseline) * 1000) / 1000 : null;
      const goal = target === undefined ? {} : { target, met };
      process.stdout.write(`${JSON.stringify({ bench: bench.name, ...figure, ratio, ...goal })}\n`);
    },
  };
}

async function main(): Promise<number> {
  const names = process.argv.slice(2).flatMap((name) => groups[name] ?? [name]);
  if (names.includes('--help') || names.includes('-h')) {
    process.stderr.write(usage());
    return 0;
  }
  const unknown = names.filter((name) => !benches.some((bench) => bench.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench: ${unknown.join(', ')}\n\n${usage()}`);
    return 2;
  }
  const selected = names.length === 0 ? benches : benches.filter((bench) => names.includes(bench.name));
  const durationSeconds = secondsSetting('BENCH_DURATION_SECONDS', 10);
  const warmupSeconds = secondsSetting('BENCH_WARMUP_SECONDS', 2);
  if (durationSeconds <= 0) throw new Error('BENCH_DURATION_SECONDS must be more than 0');

  let failures = 0;
  for (const bench of selected) {
    const cleanup = new Cleanup();
    const interrupted = (signal: NodeJS.Signals) => {
      process.stderr.write(`[${bench.name}] ${signal}: cleaning up\n`);
      void cleanup.run().finally(() => process.exit(130));
    };
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    const started = performance.now();
    try {
      await bench.run(contextFor(bench, cleanup, durationSeconds, warmupSeconds));
    } catch (error) {
      failures += 1;
      const message =
        error instanceof BenchFailure ? error.message : error instanceof Error ? error.stack : error;
      process.stderr.write(`[${bench.name}] FAILED: ${String(message)}\n`);
    } finally {
      await cleanup.run();
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
    }
    process.stderr.write(`[${bench.name}] done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
