import { describe, expect, it } from 'vitest';
import { forecastFromHistory, type Volume } from './forecast.js';

const HOUR = 3_600_000;
const WEEK = 168 * HOUR;
const from = Date.UTC(2026, 9, 5); // a Monday

/** Spanish requests from Spain on Mondays at 09:00 UTC, more each week; English ones spread evenly. */
function history(): Volume[] {
  const volumes: Volume[] = [];
  [10, 20, 30, 40].forEach((cases, week) => {
    volumes.push({ hour: from + week * WEEK + 9 * HOUR, language: 'es', country: 'ES', cases });
    for (let hour = 0; hour < 168; hour += 1)
      if (hour % 2 === 0)
        volumes.push({ hour: from + week * WEEK + hour * HOUR, language: 'en', country: 'GB', cases: 1 });
  });
  volumes.push({ hour: from - HOUR, language: 'fr', country: 'FR', cases: 500 }); // before the weeks looked at
  return volumes;
}

describe('the forecast from the last weeks of submissions', () => {
  const forecast = forecastFromHistory(history(), { from, weeks: 4 });

  it('carries each stream’s trend one week on: 10, 20, 30, 40 a week forecasts 50', () => {
    const spanish = forecast.find((stream) => stream.language === 'es')!;
    expect(spanish.weeklyHistory).toEqual([10, 20, 30, 40]);
    expect(spanish.trendPerWeek).toBe(10);
    expect(spanish.nextWeek).toBe(50);
    const english = forecast.find((stream) => stream.language === 'en')!;
    expect(english.trendPerWeek).toBe(0);
    expect(english.nextWeek).toBe(84);
    expect(forecast.map((stream) => stream.language)).toEqual(['en', 'es']); // busiest first; the French are older
  });

  it('spreads the forecast over the hours of the week as the requests came, drawn towards everyone’s shape', () => {
    const spanish = forecast.find((stream) => stream.language === 'es')!;
    const sum = spanish.perHourOfWeek.reduce((total, value) => total + value, 0);
    expect(sum).toBeCloseTo(50, 1);
    const busiest = spanish.perHourOfWeek.indexOf(Math.max(...spanish.perHourOfWeek));
    expect(busiest).toBe(9); // Monday 09:00 UTC
    expect(spanish.perHourOfWeek[9]!).toBeGreaterThan(20); // much of it, not all: 100 of its own against 168 spread
    expect(spanish.perHourOfWeek[12]!).toBeGreaterThan(0); // an hour when only the English asked
  });

  it('a falling stream never forecasts fewer than no requests', () => {
    const falling: Volume[] = [30, 10, 0].map((cases, week) => ({
      hour: from + week * WEEK,
      language: 'de',
      country: 'DE',
      cases,
    }));
    expect(forecastFromHistory(falling, { from, weeks: 3 })[0]!.nextWeek).toBe(0);
  });
});
