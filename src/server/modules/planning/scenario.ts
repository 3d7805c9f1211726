import { HOURS_IN_WEEK, type Scenario } from '../../../shared/planning.js';
import { drawRequests } from './simulation/arrivals.js';
import {
  DAY_MS,
  WEEK_MS,
  type Forecast,
  type SimCaseManager,
  type SimulationRun,
} from './simulation/model.js';

/*
 * A scenario file (src/shared/planning.ts, docs/planning.md) made into the simulator's plain
 * inputs: the forecast by hour of the week, the roster one case manager at a time, and the
 * requests of the run drawn from the scenario's seed.
 */

export function forecastOf(scenario: Scenario): Forecast {
  const profile = scenario.weekProfile ?? Array.from({ length: HOURS_IN_WEEK }, () => 1);
  const weight = profile.reduce((sum, value) => sum + value, 0);
  return {
    streams: scenario.arrivals.map((stream) => ({
      country: stream.country,
      language: stream.language,
      perHourOfWeek: stream.perHourOfWeek ?? profile.map((value) => ((stream.perWeek ?? 0) * value) / weight),
    })),
  };
}

/** Each entry's `count` made into that many case managers: `id` alone, or `id-1`, `id-2`… */
export function rosterOf(scenario: Scenario): SimCaseManager[] {
  return scenario.roster.flatMap((entry) =>
    Array.from({ length: entry.count }, (_, index) => ({
      id: entry.count === 1 ? entry.id : `${entry.id}-${index + 1}`,
      languages: entry.languages,
      timeZone: entry.timeZone,
      weeklyShifts: entry.weeklyShifts,
      absences: entry.absences.map((absence) => ({
        startsAt: Date.parse(absence.startsAt),
        endsAt: Date.parse(absence.endsAt),
      })),
      maxOpenCases: entry.maxOpenCases,
      openCases: entry.openCases,
    })),
  );
}

export function runOf(scenario: Scenario, roster: SimCaseManager[] = rosterOf(scenario)): SimulationRun {
  const startsAt = Date.parse(scenario.startsAt);
  const endsAt = startsAt + scenario.weeks * WEEK_MS;
  return {
    startsAt,
    endsAt,
    target: scenario.target,
    roster,
    requests: drawRequests(forecastOf(scenario), scenario, {
      from: startsAt - scenario.warmupDays * DAY_MS,
      to: endsAt,
      seed: scenario.seed,
    }),
  };
}
