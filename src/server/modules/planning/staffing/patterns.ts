import type { Scenario } from '../../../../shared/planning.js';
import { dutyIntervals, speaks } from '../../assignment/index.js';
import { forecastOf, rosterOf } from '../scenario.js';
import { DAY_MS, type SimCaseManager } from '../simulation/model.js';
import { meanOf } from '../simulation/random.js';

/*
 * The shift patterns the planner sizes (each roster entry of the scenario), and what it knows of
 * them without simulating: a lower bound per language, and which patterns' shifts could have
 * reached a late case before its deadline.
 */

export interface Pattern {
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

export function patternsOf(scenario: Scenario): Pattern[] {
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
export function rosterWith(patterns: Pattern[], counts: number[]): SimCaseManager[] {
  return patterns.flatMap((pattern, index) =>
    Array.from({ length: counts[index]! }, (_, person) => ({
      ...pattern.template,
      id: `${pattern.id}-${person + 1}`,
      // Places already taken belong to the people the scenario has, not to those the planner adds.
      openCases: person < pattern.current ? pattern.template.openCases : 0,
    })),
  );
}

export const patternIdOf = (manager: Pick<SimCaseManager, 'id'>) =>
  manager.id.slice(0, manager.id.lastIndexOf('-'));

export const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Expected requests a week by language, from the forecast. */
export function weeklyLoad(scenario: Scenario): Map<string, number> {
  const load = new Map<string, number>();
  for (const stream of forecastOf(scenario).streams)
    load.set(stream.language, (load.get(stream.language) ?? 0) + sum(stream.perHourOfWeek));
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
    const duty = sum(team.map((pattern) => pattern.current * pattern.dutyHours));
    const places = sum(team.map((pattern) => pattern.current * pattern.maxOpenCases));
    if (duty === 0 || places === 0) continue;
    scale.set(language, Math.max((perWeek * contactHours) / duty, ((perWeek / 7) * openDays) / places));
  }
  return patterns.map((pattern) =>
    Math.max(1, Math.floor(pattern.current * (scale.get(pattern.languages[0]!) ?? 0))),
  );
}

/** Late cases of one language submitted in one hour (its start, in milliseconds). */
export interface LateHour {
  language: string;
  hourStartsAt: number;
  count: number;
}

/**
 * For a language below the target, the pattern to grow: of the patterns whose people speak it, the
 * one whose shifts had the most time on duty between the submission and the deadline of that
 * language's late cases (each late case weighs its count × the hours its window holds of the
 * pattern's duty). A person added there could have taken them in time; one added to the pattern
 * that merely held them (often the first shift after a weekend, already swamped) often could not.
 * Speakers of it as their first language count in full, others for half. `-1` when no pattern
 * reaches any late case (nobody speaks it: interpreters, which more people do not fix).
 */
export function patternReaching(
  patterns: Pattern[],
  counts: number[],
  language: string,
  late: LateHour[],
  reachOf: (pattern: number, from: number) => number,
): number {
  let best = -1;
  let bestScore = 0;
  patterns.forEach((pattern, index) => {
    if (!speaks(pattern.languages, language)) return;
    let score = 0;
    for (const hour of late)
      if (hour.language === language) score += hour.count * reachOf(index, hour.hourStartsAt);
    if (pattern.languages[0] !== language) score /= 2;
    // Ties: the pattern grown least so far, relative to its people now.
    const growth = counts[index]! / Math.max(1, pattern.current);
    const bestGrowth = best < 0 ? Infinity : counts[best]! / Math.max(1, patterns[best]!.current);
    if (score > bestScore || (score > 0 && score === bestScore && growth < bestGrowth)) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

/**
 * The hours on duty of one person of each pattern within the 24 hours after an instant (memoised):
 * the time their shifts leave to reach a case submitted then. The pattern's regular shifts, without
 * anyone's absences.
 */
export function reachOnDuty(
  patterns: Pattern[],
  window: { from: number; to: number },
): (pattern: number, from: number) => number {
  const stretches = patterns.map((pattern) =>
    dutyIntervals(
      { weeklyShifts: pattern.template.weeklyShifts, timeZone: pattern.template.timeZone, absences: [] },
      new Date(window.from - DAY_MS),
      new Date(window.to + 2 * DAY_MS),
    ).map((interval) => [interval.start.getTime(), interval.end.getTime()] as const),
  );
  const memo = new Map<string, number>();
  return (pattern, from) => {
    const key = `${pattern} ${from}`;
    let hours = memo.get(key);
    if (hours === undefined) {
      const to = from + DAY_MS;
      hours = 0;
      for (const [start, end] of stretches[pattern]!)
        hours += Math.max(0, Math.min(end, to) - Math.max(start, from)) / 3_600_000;
      memo.set(key, hours);
    }
    return hours;
  };
}
