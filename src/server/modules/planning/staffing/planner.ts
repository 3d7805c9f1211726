import {
  HOURS_IN_WEEK,
  type PromiseConfidence,
  type Scenario,
  type StaffingCell,
  type StaffingOptions,
  type StaffingPattern,
  type StaffingPlanResult,
} from '../../../../shared/planning.js';
import { forecastOf } from '../scenario.js';
import { DAY_MS, WEEK_MS } from '../simulation/model.js';
import { wilson } from './confidence.js';
import type { SeedOutcome } from './evaluate.js';
import {
  lowerBound,
  patternIdOf,
  patternsOf,
  reachOnDuty,
  rosterWith,
  sum,
  weeklyLoad,
  type Pattern,
} from './patterns.js';
import type { Evaluator } from './pool.js';
import { pooledByLanguage, searchRoster } from './search.js';
import { bandOf, withAbsences, withSurges } from './what-if.js';

/*
 * The staffing planner: the smallest roster, per shift pattern of the scenario (grouped by language
 * and time-zone band), that keeps the promise. It starts from a lower bound per language (enough
 * time on duty for the work, enough places for the open cases), then, while some language misses
 * the target on the search seeds, grows it on the pattern whose shifts reach its late cases, by
 * doubling strides, and takes back by bisection what the last strides added beyond need
 * (./search.ts). The roster found is then confirmed over other seeds, beside the scenario's own
 * roster on the same seeds. See docs/planning.md.
 */

/** Seeds the search reads each roster on (the confirmation uses others). */
export const SEARCH_SEEDS = 3;
/** Confirmation seeds start here past the scenario's seed, away from the search's. */
const CONFIRMATION_SEED_OFFSET = 1_000;
/** A search adds at most this many case managers beyond the scenario's roster before it gives up. */
const MAX_ADDED = (current: number) => Math.max(20, current * 2);
/** And takes at most this many steps of growth. */
const MAX_STEPS = 40;

function confidenceOf(outcomes: SeedOutcome[], target: number): PromiseConfidence {
  const shares = outcomes.map((outcome) =>
    outcome.ours.cases ? outcome.ours.within / outcome.ours.cases : 1,
  );
  const hourly = Array.from({ length: HOURS_IN_WEEK }, (_, hour) => {
    const cases = sum(outcomes.map((outcome) => outcome.byHour.cases[hour]!));
    return cases === 0 ? null : sum(outcomes.map((outcome) => outcome.byHour.within[hour]!)) / cases;
  });
  const roundRobin = outcomes.flatMap((outcome) => (outcome.roundRobin ? [outcome.roundRobin] : []));
  return {
    seeds: outcomes.length,
    seedsMeetingTarget: shares.filter((share) => share >= target).length,
    pooled: wilson(sum(outcomes.map((o) => o.ours.within)), sum(outcomes.map((o) => o.ours.cases))),
    worstSeed: shares.length ? Math.min(...shares) : null,
    byLanguage: pooledByLanguage(outcomes, target),
    byHourOfWeek: hourly,
    roundRobin: wilson(sum(roundRobin.map((rr) => rr.within)), sum(roundRobin.map((rr) => rr.cases))),
  };
}

function cellsOf(scenario: Scenario, patterns: Pattern[], proposed: number[]): StaffingCell[] {
  const at = Date.parse(scenario.startsAt);
  const cells = new Map<string, StaffingCell>();
  patterns.forEach((pattern, index) => {
    const band = bandOf(pattern.timeZone, at);
    const key = `${pattern.languages[0]} ${band}`;
    const cell = cells.get(key) ?? {
      language: pattern.languages[0]!,
      band,
      current: 0,
      proposed: 0,
      patterns: [],
    };
    const entry: StaffingPattern = {
      id: pattern.id,
      languages: pattern.languages,
      timeZone: pattern.timeZone,
      current: pattern.current,
      proposed: proposed[index]!,
    };
    cell.patterns.push(entry);
    cell.current += entry.current;
    cell.proposed += entry.proposed;
    cells.set(key, cell);
  });
  return [...cells.values()];
}

/**
 * Plans the roster for a scenario (already checked) under the options' target and what-ifs, on the
 * evaluator's threads. Deterministic: the same scenario and options give the same roster.
 */
export async function planStaffing(
  base: Scenario,
  options: StaffingOptions,
  evaluatorFor: (scenario: Scenario) => Evaluator,
  /** Told after each search step: the roster's size and the languages still below the target. */
  onStep?: (step: { step: number; size: number; failing: string[] }) => void,
): Promise<StaffingPlanResult> {
  const target = options.targetPercent / 100;
  const scenario: Scenario = { ...withSurges(base, options.whatIf.surges), target };
  const patterns = patternsOf(scenario);
  const startsAt = Date.parse(scenario.startsAt);
  const window = { from: startsAt - scenario.warmupDays * DAY_MS, to: startsAt + scenario.weeks * WEEK_MS };
  const rosterFor = (counts: number[]) =>
    withAbsences(rosterWith(patterns, counts), patternIdOf, options.whatIf, window);
  const currentCounts = patterns.map((pattern) => pattern.current);
  const currentSize = sum(currentCounts);
  const searchSeeds = Array.from({ length: SEARCH_SEEDS }, (_, index) => scenario.seed + index);
  const confirmationSeeds = Array.from(
    { length: options.seeds },
    (_, index) => scenario.seed + CONFIRMATION_SEED_OFFSET + index,
  );

  const evaluator = evaluatorFor(scenario);
  let simulations = 0;
  const evaluate = (counts: number[], seeds: number[], withRoundRobin: boolean) => {
    simulations += seeds.length * (withRoundRobin ? 2 : 1);
    const roster = rosterFor(counts);
    return evaluator.evaluate(seeds.map((seed) => ({ seed, roster, withRoundRobin })));
  };
  try {
    const { counts, reached, steps } = await searchRoster({
      patterns,
      start: lowerBound(scenario, patterns),
      target,
      evaluate: (counts) => evaluate(counts, searchSeeds, false),
      reachOf: reachOnDuty(patterns, window),
      maxSize: currentSize + MAX_ADDED(currentSize),
      maxSteps: MAX_STEPS,
      onStep,
    });
    const [proposedOutcomes, currentOutcomes] = await Promise.all([
      evaluate(counts, confirmationSeeds, true),
      evaluate(currentCounts, confirmationSeeds, false),
    ]);
    const load = forecastOf(scenario).streams;
    return {
      target,
      whatIf: options.whatIf,
      reached,
      currentSize,
      proposedSize: sum(counts),
      cells: cellsOf(scenario, patterns, counts),
      loadByHourOfWeek: Array.from({ length: HOURS_IN_WEEK }, (_, hour) =>
        sum(load.map((stream) => stream.perHourOfWeek[hour] ?? 0)),
      ),
      loadByLanguage: [...weeklyLoad(scenario)]
        .map(([language, perWeek]) => ({ language, perWeek }))
        .sort((a, b) => b.perWeek - a.perWeek),
      proposed: confidenceOf(proposedOutcomes, target),
      current: confidenceOf(currentOutcomes, target),
      steps,
      simulations,
    };
  } finally {
    await evaluator.close();
  }
}
