import { describe, expect, it } from 'vitest';
import type { SeedOutcome } from './evaluate.js';
import { patternReaching, reachOnDuty, type Pattern } from './patterns.js';
import { searchRoster } from './search.js';

/*
 * How the planner searches: where it adds people (where their shifts reach the late members in
 * time), and how few steps it needs to land on the smallest roster that keeps the target.
 */
const MONDAY = Date.UTC(2026, 10, 2);
const HOUR = 3_600_000;

const pattern = (id: string, languages: string[], days: number[], start: string, end: string): Pattern => {
  const weeklyShifts = days.map((day) => ({ day, start, end }));
  return {
    id,
    languages,
    timeZone: 'Europe/London',
    current: 4,
    dutyHours: days.length * 8,
    maxOpenCases: 60,
    template: {
      id: `${id}-1`,
      languages,
      timeZone: 'Europe/London',
      weeklyShifts,
      absences: [],
      maxOpenCases: 60,
      openCases: 0,
    },
  };
};

const weekdays = pattern('london-early', ['fr', 'en'], [1, 2, 3, 4, 5], '07:00', '15:00');
const weekend = pattern('london-weekend', ['fr'], [0, 6], '10:00', '18:00');
const english = pattern('london-english', ['en'], [0, 1, 2, 3, 4, 5, 6], '09:00', '17:00');
const patterns = [weekdays, weekend, english];
const reach = reachOnDuty(patterns, { from: MONDAY, to: MONDAY + 7 * 24 * HOUR });

describe('where the planner adds people', () => {
  it('grows the weekend pattern for French members late on a Saturday, the weekday one for a Tuesday', () => {
    const saturday = [{ language: 'fr', hourStartsAt: MONDAY + (5 * 24 + 12) * HOUR, count: 9 }];
    expect(patternReaching(patterns, [4, 4, 4], 'fr', saturday, reach)).toBe(1);
    const tuesday = [{ language: 'fr', hourStartsAt: MONDAY + (24 + 8) * HOUR, count: 9 }];
    expect(patternReaching(patterns, [4, 4, 4], 'fr', tuesday, reach)).toBe(0);
  });

  it('prefers those whose first language it is, and grows nobody for a language nobody speaks', () => {
    const tuesday = (language: string) => [{ language, hourStartsAt: MONDAY + (24 + 8) * HOUR, count: 3 }];
    // The weekday French team speaks English too and reaches Tuesday morning, but for half.
    expect(patternReaching(patterns, [4, 4, 4], 'en', tuesday('en'), reach)).toBe(2);
    expect(patternReaching(patterns, [4, 4, 4], 'ar', tuesday('ar'), reach)).toBe(-1);
  });
});

/**
 * A market where a language keeps the target once its pattern has `needed` people, whatever else;
 * its late members asked on Monday at 08:00 UTC (the weekday shifts reach them, the weekend's not).
 */
function market(needed: Record<string, { pattern: number; people: number }>) {
  const seen: number[][] = [];
  const evaluate = (counts: number[]): Promise<SeedOutcome[]> => {
    seen.push([...counts]);
    const byLanguage = Object.entries(needed).map(([language, need]) => ({
      language,
      cases: 1000,
      within: counts[need.pattern]! >= need.people ? 1000 : 900,
    }));
    const late = byLanguage
      .filter((entry) => entry.within < entry.cases)
      .map((entry) => ({ language: entry.language, hourStartsAt: MONDAY + 8 * HOUR, count: 100 }));
    const within = byLanguage.reduce((sum, entry) => sum + entry.within, 0);
    return Promise.resolve([
      {
        seed: 1,
        ours: { cases: byLanguage.length * 1000, within },
        byLanguage,
        byHour: { cases: [], within: [] },
        late,
        roundRobin: null,
      },
    ]);
  };
  return { evaluate, seen };
}

describe('the search for the smallest roster', () => {
  it('lands on exactly the people each language needs, in far fewer steps than one person at a time', async () => {
    const { evaluate, seen } = market({ fr: { pattern: 0, people: 37 }, en: { pattern: 2, people: 6 } });
    const result = await searchRoster({
      patterns,
      start: [1, 1, 1],
      target: 0.995,
      evaluate,
      reachOf: reach,
      maxSize: 200,
      maxSteps: 40,
    });
    expect(result.reached).toBe(true);
    expect(result.counts).toEqual([37, 1, 6]);
    expect(result.steps).toBe(seen.length);
    // Doubling strides out, bisection back: about twice log2(36) steps, not 36.
    expect(result.steps).toBeLessThanOrEqual(14);
  });

  it('says so when the target is out of reach within the limits, with the roster it got to', async () => {
    const { evaluate } = market({ fr: { pattern: 0, people: 500 } });
    const result = await searchRoster({
      patterns,
      start: [1, 1, 1],
      target: 0.995,
      evaluate,
      reachOf: reach,
      maxSize: 60,
      maxSteps: 40,
    });
    expect(result.reached).toBe(false);
    expect(result.counts[0]).toBeLessThan(500);
  });
});
