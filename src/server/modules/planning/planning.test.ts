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

describe('planning the promise for a new market', () => {
  const full = simulateScenario(gulfMarket);

  it('with the whole roster every Arabic-speaking member is contacted within 24 hours, in Arabic', () => {
    const arabic = language(full.ours, 'ar');
    expect(arabic.cases).toBeGreaterThan(250);
    expect(arabic.withinShare).toBeGreaterThanOrEqual(0.995);
    expect(arabic.interpreterCases).toBe(0);
    expect(full.ours.byCountry.map((entry) => entry.country)).toEqual(['AE', 'GB']);
    expect(full.ours.notContacted).toBe(0);
  });

  it('one Arabic-speaking case manager fewer (the early shift) breaks the promise for Arabic, and only for Arabic', () => {
    const short = simulateScenario(without(gulfMarket, 'dubai-early'));
    const arabic = language(short.ours, 'ar');
    expect(arabic.cases).toBe(language(full.ours, 'ar').cases); // the very same requests
    expect(arabic.withinShare).toBeLessThan(0.95);
    expect(arabic.minutesToFirstContact.p90).toBeGreaterThan(24 * 60);
    expect(language(short.ours, 'en').withinShare).toBe(language(full.ours, 'en').withinShare);
    // The hours where the promise breaks are named, and the two who remain are overloaded.
    expect(short.ours.breakingHours.length).toBeGreaterThan(10);
    expect(short.ours.breakingHours[0]!.label).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:00 UTC$/);
    const dubai = short.ours.caseManagers.filter((entry) => entry.id.startsWith('dubai'));
    for (const entry of dubai) expect(entry.utilisation).toBeGreaterThan(0.85);
  });

  it('without the weekend-covering late shift the promise holds only through interpreters', () => {
    const short = simulateScenario(without(gulfMarket, 'dubai-late'));
    const arabic = language(short.ours, 'ar');
    expect(arabic.interpreterCases).toBeGreaterThan(30);
    expect(
      short.ours.caseManagers.find((entry) => entry.id === 'london-weekend-1')!.interpreterCases,
    ).toBeGreaterThan(0);
  });

  it('the same week under round-robin and language-only assignment keeps the promise far less often', () => {
    expect(full.roundRobin.cases).toBe(full.ours.cases);
    expect(full.languageOnly.cases).toBe(full.ours.cases);
    expect(full.ours.withinShare!).toBeGreaterThan(full.roundRobin.withinShare! + 0.2);
    expect(full.ours.withinShare!).toBeGreaterThan(full.languageOnly.withinShare! + 0.2);
    // Round-robin ignores languages: Arabic requests go to the London team through interpreters.
    expect(language(full.roundRobin, 'ar').interpreterCases).toBeGreaterThan(100);
  });

  it('each case manager has their load and their utilisation while on duty', () => {
    const early = full.ours.caseManagers.find((entry) => entry.id === 'dubai-early')!;
    expect(early.onDutyHours).toBe(2 * 5 * 8); // two weeks of five eight-hour shifts
    expect(early.assigned).toBeGreaterThan(50);
    expect(early.contacts).toBeGreaterThan(50);
    expect(early.utilisation).toBeGreaterThan(0.2);
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
