import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateScenario, readScenario } from './service.js';
import type { Scenario } from '../../../shared/planning.js';

/*
 * Stories of an operations lead planning the 24-hour promise for a Gulf market: Arabic and English
 * requests, three Arabic-speaking case managers in Dubai on different shifts, an English team in
 * London (examples/gulf-market.json, documented in docs/planning.md).
 */
const gulfMarket = readScenario(
  readFileSync(path.join(import.meta.dirname, 'examples/gulf-market.json'), 'utf8'),
);
const without = (scenario: Scenario, id: string): Scenario => ({
  ...scenario,
  roster: scenario.roster.filter((entry) => entry.id !== id),
});
const language = (report: ReturnType<typeof simulateScenario>['ours'], tag: string) =>
  report.byLanguage.find((entry) => entry.language === tag)!;

/** Eight weeks of the same market, each drawn from its own seed, pooled as a planner reads them. */
function eightWeeks(scenario: Scenario) {
  const weeks = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => simulateScenario({ ...scenario, seed }));
  const pooled = (rule: 'ours' | 'roundRobin' | 'languageOnly', tag: string) => {
    const figures = weeks.map((week) => language(week[rule], tag));
    const cases = figures.reduce((sum, entry) => sum + entry.cases, 0);
    return {
      cases,
      withinShare: figures.reduce((sum, entry) => sum + entry.contactedWithin24h, 0) / cases,
      interpreterCases: figures.reduce((sum, entry) => sum + entry.interpreterCases, 0),
    };
  };
  return { weeks, pooled };
}

describe('planning the promise for a new market', () => {
  const full = eightWeeks(gulfMarket);

  it('with the whole roster, Arabic- and English-speaking members are contacted within 24 hours, in their language', () => {
    const arabic = full.pooled('ours', 'ar');
    expect(arabic.cases).toBeGreaterThan(1_500);
    expect(arabic.withinShare).toBeGreaterThanOrEqual(0.995);
    expect(arabic.interpreterCases).toBe(0);
    expect(full.pooled('ours', 'en').withinShare).toBeGreaterThanOrEqual(0.995);
    for (const week of full.weeks) {
      expect(week.ours.byCountry.map((entry) => entry.country)).toEqual(['AE', 'GB']);
      expect(week.ours.notContacted).toBe(0);
    }
  });

  it('one Arabic-speaking case manager fewer (the early shift) breaks the promise for Arabic, and only for Arabic', () => {
    const short = eightWeeks(without(gulfMarket, 'dubai-early'));
    const arabic = short.pooled('ours', 'ar');
    expect(arabic.cases).toBe(full.pooled('ours', 'ar').cases); // the very same requests
    expect(arabic.withinShare).toBeLessThan(0.985);
    expect(short.pooled('ours', 'en').withinShare).toBeGreaterThanOrEqual(0.995);
    // The hours where it breaks are named, and the two who remain work more of their time on duty.
    const breaking = short.weeks.flatMap((week) => week.ours.breakingHours);
    expect(breaking.length).toBeGreaterThan(8);
    expect(breaking[0]!.label).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:00 UTC$/);
    const utilisation = (weeks: typeof full.weeks, id: string) =>
      weeks.reduce(
        (sum, week) => sum + week.ours.caseManagers.find((entry) => entry.id === id)!.utilisation!,
        0,
      );
    expect(utilisation(short.weeks, 'dubai-mid')).toBeGreaterThan(utilisation(full.weeks, 'dubai-mid'));
  });

  it('without the late shift that covers Friday and Saturday, Arabic requests there go through interpreters', () => {
    const short = eightWeeks(without(gulfMarket, 'dubai-late'));
    expect(short.pooled('ours', 'ar').interpreterCases).toBeGreaterThan(100);
    const weekend = short.weeks.reduce(
      (sum, week) =>
        sum + week.ours.caseManagers.find((entry) => entry.id === 'london-weekend-1')!.interpreterCases,
      0,
    );
    expect(weekend).toBeGreaterThan(0);
  });

  it('the same weeks under round-robin and language-only assignment keep the promise far less often', () => {
    for (const week of full.weeks) {
      expect(week.roundRobin.cases).toBe(week.ours.cases);
      expect(week.languageOnly.cases).toBe(week.ours.cases);
    }
    const share = (rule: 'ours' | 'roundRobin' | 'languageOnly') =>
      full.pooled(rule, 'ar').withinShare * 0.5 + full.pooled(rule, 'en').withinShare * 0.5;
    expect(share('ours')).toBeGreaterThan(share('roundRobin') + 0.2);
    expect(share('ours')).toBeGreaterThan(share('languageOnly') + 0.1);
    // Round-robin ignores languages: Arabic requests go to the London team through interpreters.
    expect(full.pooled('roundRobin', 'ar').interpreterCases).toBeGreaterThan(500);
  });

  it('each case manager has their load and their utilisation while on duty', () => {
    const early = full.weeks[0]!.ours.caseManagers.find((entry) => entry.id === 'dubai-early')!;
    expect(early.onDutyHours).toBe(2 * 5 * 8); // two weeks of five eight-hour shifts
    expect(early.assigned).toBeGreaterThan(30);
    expect(early.contacts).toBe(early.assigned);
    expect(early.utilisation).toBeGreaterThan(0.1);
    expect(early.utilisation).toBeLessThanOrEqual(1);
    expect(early.peakOpenCases).toBeLessThanOrEqual(200);
  });
});

describe('a run is decided by its seed alone', () => {
  it('the same scenario and seed give the same report, to the last figure; another seed gives another week', () => {
    const again = simulateScenario(gulfMarket);
    expect(again).toEqual(simulateScenario(gulfMarket));
    const otherWeek = simulateScenario({ ...gulfMarket, seed: 4 });
    expect(otherWeek.ours.cases).not.toBe(again.ours.cases);
  });

  it('the requests of a seed do not depend on the roster: a smaller roster sees the same members', () => {
    const short = simulateScenario(without(gulfMarket, 'dubai-mid'));
    const full = simulateScenario(gulfMarket);
    expect(short.ours.byCountry.map((entry) => entry.cases)).toEqual(
      full.ours.byCountry.map((entry) => entry.cases),
    );
  });
});
