import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../../shared/planning.js';
import type { SimCaseManager } from '../simulation/model.js';
import { bandOf, withAbsences, withSurges } from './what-if.js';

const flat = (perHour: number) => Array.from({ length: 168 }, () => perHour);
const market = {
  arrivals: [
    { country: 'AE', language: 'ar', perWeek: 100 },
    { country: 'SA', language: 'ar', perHourOfWeek: flat(0.5) },
    { country: 'GB', language: 'en', perWeek: 80 },
  ],
} as unknown as Scenario;

const person = (id: string): SimCaseManager => ({
  id,
  languages: ['ar'],
  timeZone: 'Asia/Dubai',
  weeklyShifts: [],
  absences: [],
  maxOpenCases: 10,
  openCases: 0,
});
const patternOf = (manager: SimCaseManager) => manager.id.split('-')[0]!;
const team = [...['a-1', 'a-2', 'a-3', 'a-4'], ...['b-1', 'b-2'], 'c-1'].map(person);
const window = { from: 1_000, to: 2_000 };
const awayIds = (roster: SimCaseManager[]) =>
  roster.filter((manager) => manager.absences.length > 0).map((manager) => manager.id);

describe('what-ifs an operations lead asks the planner', () => {
  it.each([
    ['Arabic doubles', [{ language: 'ar', factor: 2 }], [200, 1, 80]],
    ['English halves', [{ language: 'en', factor: 0.5 }], [100, 0.5, 40]],
    ['no surge', [], [100, 0.5, 80]],
    ['a language nobody asks in', [{ language: 'fr', factor: 3 }], [100, 0.5, 80]],
    [
      'two surges of one language multiply',
      [
        { language: 'ar', factor: 1.5 },
        { language: 'ar', factor: 2 },
      ],
      [300, 1.5, 80],
    ],
  ])('a surge: %s', (_, surges, [aePerWeek, saPerHour, gbPerWeek]) => {
    const surged = withSurges(market, surges);
    expect(surged.arrivals[0]!.perWeek).toBe(aePerWeek);
    expect(surged.arrivals[1]!.perHourOfWeek).toEqual(flat(saPerHour!));
    expect(surged.arrivals[2]!.perWeek).toBe(gbPerWeek);
  });

  it('a surge leaves the scenario it was given as it was', () => {
    withSurges(market, [{ language: 'ar', factor: 2 }]);
    expect(market.arrivals[0]!.perWeek).toBe(100);
  });

  it.each([
    ['nobody away', 0, 0, []],
    ['one off sick: from the largest team', 1, 0, ['a-4']],
    ['three off sick: the largest team each time, the first of equals', 3, 0, ['a-2', 'a-3', 'a-4']],
    ['more off sick than there are people: everyone', 9, 0, team.map((m) => m.id)],
    [
      'a holiday week with a quarter on leave: a quarter of each team, rounded (halves up)',
      0,
      0.25,
      ['a-4', 'b-2'],
    ],
    ['a holiday week with half on leave', 0, 0.5, ['a-3', 'a-4', 'b-2', 'c-1']],
    ['a holiday week and one off sick', 1, 0.25, ['a-3', 'a-4', 'b-2']],
  ])('%s', (_, offSick, holidayLeaveShare, expected) => {
    const roster = withAbsences(team, patternOf, { offSick, holidayLeaveShare }, window);
    expect(awayIds(roster).sort()).toEqual([...expected].sort());
    for (const manager of roster.filter((entry) => entry.absences.length))
      expect(manager.absences).toEqual([{ startsAt: 1_000, endsAt: 2_000 }]);
    expect(roster.map((manager) => manager.id)).toEqual(team.map((manager) => manager.id));
  });

  it.each([
    ['America/New_York', 'americas'],
    ['America/Sao_Paulo', 'americas'],
    ['Europe/London', 'europe_africa'],
    ['Africa/Lagos', 'europe_africa'],
    ['Asia/Dubai', 'middle_east_south_asia'],
    ['Asia/Riyadh', 'middle_east_south_asia'],
    ['Asia/Kolkata', 'middle_east_south_asia'],
    ['Asia/Shanghai', 'east_asia_pacific'],
    ['Australia/Sydney', 'east_asia_pacific'],
  ])('a team in %s works in the band %s', (timeZone, band) => {
    expect(bandOf(timeZone, Date.parse('2026-11-02T00:00:00Z'))).toBe(band);
  });
});
