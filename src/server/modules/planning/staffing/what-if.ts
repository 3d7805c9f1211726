import { DateTime } from 'luxon';
import type { Scenario, TimeZoneBand, WhatIf } from '../../../../shared/planning.js';
import type { SimCaseManager } from '../simulation/model.js';

/*
 * What-ifs as pure transforms: a surge of one language changes the scenario's demand (before the
 * requests are drawn); people off sick and a holiday week change who is there (applied to each
 * roster the planner tries, so that it sizes the teams for the week as it would be).
 */

/** The scenario with each surged language's requests multiplied by its factor. */
export function withSurges(scenario: Scenario, surges: WhatIf['surges']): Scenario {
  if (surges.length === 0) return scenario;
  const factorOf = (language: string) =>
    surges
      .filter((surge) => surge.language === language)
      .reduce((product, surge) => product * surge.factor, 1);
  return {
    ...scenario,
    arrivals: scenario.arrivals.map((stream) => {
      const factor = factorOf(stream.language);
      if (factor === 1) return stream;
      return stream.perHourOfWeek
        ? { ...stream, perHourOfWeek: stream.perHourOfWeek.map((value) => value * factor) }
        : { ...stream, perWeek: (stream.perWeek ?? 0) * factor };
    }),
  };
}

/** Someone away from `from` to `to`, on top of the absences they already have. */
const away = (manager: SimCaseManager, from: number, to: number): SimCaseManager => ({
  ...manager,
  absences: [...manager.absences, { startsAt: from, endsAt: to }],
});

/**
 * The roster with people away over [from, to): in each pattern (the people whose ids share a
 * roster entry, `patternOf`), the holiday share of them rounded to the nearest person on leave;
 * then `offSick` more, one at a time from the pattern with the most people still there (ties: the
 * first in the roster), so that sickness hits the large teams first as it would by chance.
 */
export function withAbsences(
  roster: SimCaseManager[],
  patternOf: (manager: SimCaseManager) => string,
  whatIf: Pick<WhatIf, 'offSick' | 'holidayLeaveShare'>,
  window: { from: number; to: number },
): SimCaseManager[] {
  if (whatIf.offSick === 0 && whatIf.holidayLeaveShare === 0) return roster;
  const byPattern = new Map<string, number[]>();
  roster.forEach((manager, index) => {
    const members = byPattern.get(patternOf(manager)) ?? [];
    members.push(index);
    byPattern.set(patternOf(manager), members);
  });
  const absent = new Set<number>();
  const present = new Map<string, number[]>();
  for (const [pattern, members] of byPattern) {
    const onLeave = Math.round(members.length * whatIf.holidayLeaveShare);
    members.slice(members.length - onLeave).forEach((index) => absent.add(index));
    present.set(pattern, members.slice(0, members.length - onLeave));
  }
  for (let sick = 0; sick < whatIf.offSick; sick += 1) {
    let largest: number[] | undefined;
    for (const members of present.values()) if (members.length > (largest?.length ?? 0)) largest = members;
    if (!largest) break;
    absent.add(largest.pop()!);
  }
  return roster.map((manager, index) =>
    absent.has(index) ? away(manager, window.from, window.to) : manager,
  );
}

/** The band of a time zone, by its UTC offset at `at` (hours): where in the world a team works. */
export function bandOf(timeZone: string, at: number): TimeZoneBand {
  const offsetHours = DateTime.fromMillis(at, { zone: timeZone }).offset / 60;
  if (offsetHours <= -2) return 'americas';
  if (offsetHours < 3) return 'europe_africa';
  if (offsetHours < 7) return 'middle_east_south_asia';
  return 'east_asia_pacific';
}
