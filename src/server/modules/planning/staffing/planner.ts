import {
  HOURS_IN_WEEK,
  type PromiseConfidence,
  type Scenario,
  type StaffingCell,
  type StaffingOptions,
  type StaffingPattern,
  type StaffingPlanResult,
} from '../../../../shared/planning.js';
import { forecastOf, rosterOf } from '../scenario.js';
import { DAY_MS, WEEK_MS, type SimCaseManager } from '../simulation/model.js';
import { meanOf } from '../simulation/random.js';
import { wilson } from './confidence.js';
import type { SeedOutcome } from './evaluate.js';
import type { Evaluator } from './pool.js';
import { bandOf, withAbsences, withSurges } from './what-if.js';

/*
 * The staffing planner: the smallest roster, per shift pattern of the scenario (grouped by language
 * and time-zone band), that keeps the promise. It starts from a lower bound per language (enough
 * time on duty for the work, enough places for the open cases), then, while some language misses
 * the target on the search seeds, adds one case manager for each such language, to the pattern
 * whose people held most of that language's late cases. The roster found is then confirmed over
 * other seeds, beside the scenario's own roster on the same seeds. See docs/planning.md.
 */

/** Seeds the search reads each roster on (the confirmation uses others). */
export const SEARCH_SEEDS = 3;
/** Confirmation seeds start here past the scenario's seed, away from the search's. */
const CONFIRMATION_SEED_OFFSET = 1_000;
/** A search adds at most this many case managers beyond the scenario's roster before it gives up. */
const MAX_ADDED = (current: number) => Math.max(20, current * 2);
/** The share of a language's team one search step adds to it (at least one person). */
const STEP_SHARE = 0.1;
/** And takes at most this many steps (each adds one person per language below the target). */
const MAX_STEPS = 40;

interface Pattern {
  id: string;
  languages: string[];
  timeZone: string;
  current: number;
  /** Hours on duty a week for one person on this pattern. */
  dutyHours: number;
  maxOpenCases: number;
  template: SimCaseManager;
}

const shiftHours = (shift: { start: string; end: string }) => {
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const length = minutes(shift.end) - minutes(shift.start);
  return (length > 0 ? length : length + 24 * 60) / 60;
};

function patternsOf(scenario: Scenario): Pattern[] {
  const everyone = rosterOf({
    ...scenario,
    roster: scenario.roster.map((entry) => ({ ...entry, count: 1 })),
  });
  return scenario.roster.map((entry, index) => ({
    id: entry.id,
    languages: entry.languages,
    timeZone: entry.timeZone,
    current: entry.count,
    dutyHours: entry.weeklyShifts.reduce((sum, shift) => sum + shiftHours(shift), 0),
    maxOpenCases: entry.maxOpenCases,
    template: everyone[index]!,
  }));
}

/** The roster of these counts: `id-1`, `id-2`… on each pattern, as the scenario names them. */
function rosterWith(patterns: Pattern[], counts: number[]): SimCaseManager[] {
  return patterns.flatMap((pattern, index) =>
    Array.from({ length: counts[index]! }, (_, person) => ({
      ...pattern.template,
      id: `${pattern.id}-${person + 1}`,
      // Places already taken belong to the people the scenario has, not to those the planner adds.
      openCases: person < pattern.current ? pattern.template.openCases : 0,
    })),
  );
}

const patternIdOf = (manager: SimCaseManager) => manager.id.slice(0, manager.id.lastIndexOf('-'));

/** Expected requests a week by language, from the forecast. */
function weeklyLoad(scenario: Scenario): Map<string, number> {
  const load = new Map<string, number>();
  for (const stream of forecastOf(scenario).streams)
    load.set(
      stream.language,
      (load.get(stream.language) ?? 0) + stream.perHourOfWeek.reduce((sum, value) => sum + value, 0),
    );
  return load;
}

/**
 * A lower bound per pattern: for each language, the team whose first language it is needs at least
 * the hours of first-contact work a week on duty, and places for the cases open at once (Little's
 * law: requests a day × days a case stays open). The team is scaled to the larger of the two,
 * keeping its mix of patterns, and never below one person per pattern.
 */
export function lowerBound(scenario: Scenario, patterns: Pattern[]): number[] {
  const load = weeklyLoad(scenario);
  const contactHours = meanOf(scenario.firstContactMinutes) / 60;
  const openDays = meanOf(scenario.caseLengthDays) + 1;
  const scale = new Map<string, number>();
  for (const [language, perWeek] of load) {
    const team = patterns.filter((pattern) => pattern.languages[0] === language);
    const duty = team.reduce((sum, pattern) => sum + pattern.current * pattern.dutyHours, 0);
    const places = team.reduce((sum, pattern) => sum + pattern.current * pattern.maxOpenCases, 0);
    if (duty === 0 || places === 0) continue;
    scale.set(language, Math.max((perWeek * contactHours) / duty, ((perWeek / 7) * openDays) / places));
  }
  return patterns.map((pattern) =>
    Math.max(1, Math.floor(pattern.current * (scale.get(pattern.languages[0]!) ?? 0))),
  );
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Pooled over seeds: the share by language, and whether each keeps the target. */
function pooledByLanguage(outcomes: SeedOutcome[], target: number) {
  const tallies = new Map<string, { cases: number; within: number }>();
  for (const outcome of outcomes)
    for (const entry of outcome.byLanguage) {
      const tally = tallies.get(entry.language) ?? { cases: 0, within: 0 };
      tally.cases += entry.cases;
      tally.within += entry.within;
      tallies.set(entry.language, tally);
    }
  return [...tallies]
    .map(([language, tally]) => ({
      language,
      ...wilson(tally.within, tally.cases),
      meetsTarget: tally.cases === 0 || tally.within / tally.cases >= target,
    }))
    .sort((a, b) => b.cases - a.cases || a.language.localeCompare(b.language));
}

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

/**
 * For each language that misses the target, the pattern to grow: of those whose people speak it,
 * the one whose people held most of its late cases; when nobody held them (no one could take
 * them), the pattern whose first language it is that has grown least so far.
 */
function patternsToGrow(
  patterns: Pattern[],
  counts: number[],
  failing: string[],
  outcomes: SeedOutcome[],
): number[] {
  const lateHeld = new Map<string, number>();
  for (const outcome of outcomes)
    for (const late of outcome.late)
      if (late.caseManager) {
        const key = `${patternIdOf({ id: late.caseManager } as SimCaseManager)} ${late.language}`;
        lateHeld.set(key, (lateHeld.get(key) ?? 0) + late.count);
      }
  const chosen = new Set<number>();
  for (const language of failing) {
    let best = -1;
    let bestScore = [-1, -1, -Infinity];
    patterns.forEach((pattern, index) => {
      if (!pattern.languages.some((spoken) => spoken.split('-')[0] === language.split('-')[0])) return;
      const score = [
        lateHeld.get(`${pattern.id} ${language}`) ?? 0,
        pattern.languages[0] === language ? 1 : 0,
        -counts[index]! / Math.max(1, pattern.current),
      ];
      for (let part = 0; part < score.length; part += 1) {
        if (score[part]! > bestScore[part]!) {
          best = index;
          bestScore = score;
          break;
        }
        if (score[part]! < bestScore[part]!) break;
      }
    });
    if (best >= 0) chosen.add(best);
  }
  return [...chosen];
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
    const counts = lowerBound(scenario, patterns);
    let steps = 0;
    let reached = false;
    for (;;) {
      steps += 1;
      const outcomes = await evaluate(counts, searchSeeds, false);
      const failing = pooledByLanguage(outcomes, target)
        .filter((entry) => !entry.meetsTarget)
        .map((entry) => entry.language);
      onStep?.({ step: steps, size: sum(counts), failing });
      // Every language keeping the target means the whole does too (its share is their average).
      if (failing.length === 0) {
        reached = true;
        break;
      }
      if (sum(counts) - currentSize >= MAX_ADDED(currentSize) || steps >= MAX_STEPS) break;
      // A language nobody on the roster speaks goes through interpreters: more people do not fix it.
      const grow = patternsToGrow(patterns, counts, failing, outcomes);
      if (grow.length === 0) break;
      // A step adds a tenth of the language's team (at least one person), so that a large team
      // far below the target does not take a step per person.
      for (const index of grow) {
        const language = patterns[index]!.languages[0];
        const team = sum(
          patterns.map((pattern, other) => (pattern.languages[0] === language ? counts[other]! : 0)),
        );
        counts[index]! += Math.max(1, Math.floor(team * STEP_SHARE));
      }
    }
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
