import type { z } from 'zod';
import {
  Scenario,
  type RuleComparison,
  type ScenarioInput,
  type StaffingOptions,
  type StaffingPlanResult,
} from '../../../shared/planning.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { caseManagerRoster } from '../assignment/index.js';
import { submissionVolumes } from '../cases/index.js';
import { forecastFromHistory, type StreamForecast } from './forecast.js';
import { runOf } from './scenario.js';
import { compareRules } from './simulation/compare.js';
import { DAY_MS, WEEK_MS } from './simulation/model.js';
import { planStaffing } from './staffing/planner.js';
import { workerEvaluator } from './staffing/pool.js';

/** A scenario file larger than this is refused before it is read. */
export const MAX_SCENARIO_FILE_BYTES = 2 * 1024 * 1024;

const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(file)',
    code: issue.code,
    message: issue.message,
  }));

/** A scenario file's text, checked against the scenario format; refused with every problem named. */
export function readScenario(text: string): Scenario {
  if (Buffer.byteLength(text, 'utf8') > MAX_SCENARIO_FILE_BYTES)
    throw new AppError('planning.scenario_too_large', {
      detail: `A scenario file may hold at most ${MAX_SCENARIO_FILE_BYTES / 1024 / 1024} MB.`,
    });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('planning.scenario_not_json', {
      detail: error instanceof Error ? error.message : undefined,
    });
  }
  const parsed = Scenario.safeParse(json);
  if (!parsed.success) {
    const errors = issuesOf(parsed.error);
    throw new AppError('planning.scenario_invalid', {
      detail: errors.map((entry) => `${entry.path}: ${entry.message}`).join('\n'),
      errors,
    });
  }
  return parsed.data;
}

/** Simulates the scenario's run under our rule and the two baselines, on the scenario's seed. */
export function simulateScenario(scenario: Scenario): RuleComparison {
  return compareRules(runOf(scenario), scenario.seed);
}

/**
 * The smallest roster that keeps the target on the scenario under the what-ifs, confirmed over
 * the options' seeds, its simulations spread over `threads` worker threads (0: in this thread).
 */
export function staffScenario(
  scenario: Scenario,
  options: StaffingOptions,
  threads: number,
  onStep?: Parameters<typeof planStaffing>[3],
): Promise<StaffingPlanResult> {
  return planStaffing(scenario, options, (planned) => workerEvaluator(planned, threads), onStep);
}

/**
 * Handling times a new scenario starts from, until operations measure their own (docs/planning.md):
 * the database records when a first contact was made, not how long it took to make.
 */
export const DEFAULT_HANDLING = {
  firstContactMinutes: { kind: 'lognormal', median: 20, p90: 45 },
  caseLengthDays: { kind: 'exponential', mean: 14 },
} as const satisfies Pick<ScenarioInput, 'firstContactMinutes' | 'caseLengthDays'>;

/** The next Monday at 00:00 UTC strictly after `now`. */
function nextMonday(now: Date): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysAhead = (8 - now.getUTCDay()) % 7 || 7;
  return midnight + daysAhead * DAY_MS;
}

/**
 * A scenario for next week from the database: the forecast from the last `weeks` weeks of
 * submissions (counts by hour, language and country, with their trend) and today's roster of
 * active case managers (their shifts, places taken, and the absences they have entered). Nothing
 * about any member goes into it. The handling times are the defaults, to be edited.
 */
export async function scenarioFromDatabase(
  ctx: RequestContext,
  input: { weeks: number },
): Promise<{ scenario: ScenarioInput; forecast: StreamForecast[] }> {
  const now = ctx.clock.now();
  const from = now.getTime() - input.weeks * WEEK_MS;
  const startsAt = nextMonday(now);
  const warmupDays = 3;
  const [volumes, staff] = await Promise.all([
    submissionVolumes(ctx.db, new Date(from), now),
    caseManagerRoster(ctx.db, new Date(startsAt - warmupDays * DAY_MS), new Date(startsAt + WEEK_MS)),
  ]);
  const forecast = forecastFromHistory(
    volumes.map((volume) => ({ ...volume, hour: volume.hour.getTime() })),
    { from, weeks: input.weeks },
  ).filter((stream) => stream.nextWeek > 0);
  if (forecast.length === 0) throw new AppError('planning.no_history');
  // Someone with no places (a maximum of 0) is never chosen: they are left out of the roster.
  const roster = staff.filter((entry) => entry.maxOpenCases > 0);
  if (roster.length === 0) throw new AppError('planning.no_case_managers');
  const scenario: ScenarioInput = {
    startsAt: new Date(startsAt).toISOString(),
    weeks: 1,
    warmupDays,
    seed: 1,
    target: 0.995,
    arrivals: forecast.map((stream) => ({
      country: stream.country,
      language: stream.language,
      perHourOfWeek: stream.perHourOfWeek,
    })),
    roster: roster.map((entry) => ({
      id: entry.userId,
      languages: entry.languages,
      timeZone: entry.timeZone,
      weeklyShifts: entry.weeklyShifts,
      absences: entry.absences.map((absence) => ({
        startsAt: absence.startsAt.toISOString(),
        endsAt: absence.endsAt.toISOString(),
      })),
      maxOpenCases: Math.min(entry.maxOpenCases, 500),
      openCases: Math.min(entry.openCases, 500),
    })),
    ...DEFAULT_HANDLING,
  };
  // What the database holds passed its own checks; the scenario format is checked all the same.
  const checked = Scenario.safeParse(scenario);
  if (!checked.success) {
    const errors = issuesOf(checked.error);
    throw new AppError('planning.scenario_invalid', {
      detail: errors.map((entry) => `${entry.path}: ${entry.message}`).join('\n'),
      errors,
    });
  }
  return { scenario, forecast };
}
