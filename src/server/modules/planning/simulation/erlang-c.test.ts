import { describe, expect, it } from 'vitest';
import { drawRequests } from './arrivals.js';
import { simulate } from './engine.js';
import { HOUR_MS, MINUTE_MS, WEEK_MS, type SimCaseManager } from './model.js';

/*
 * Validation against queueing theory. Set up as an M/M/c queue — one language, c case managers
 * always on shift, Poisson arrivals, exponential first-contact work, one case at a time each (a
 * maximum of one open case, closed at the first contact), the others waiting for the first free
 * place — the simulator must reproduce Erlang C: the probability that a request waits, and the
 * mean wait, computed here from the formulas.
 */

/** Erlang C: the probability that an arrival waits, for c servers and offered load a = λ/μ < c. */
function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1; // Σ_{k<c} a^k / k!
  for (let k = 1; k < c; k += 1) {
    term *= a / k;
    sum += term;
  }
  const top = ((term * a) / c) * (c / (c - a)); // a^c / c! · c / (c − a)
  return top / (sum + top);
}

const alwaysOnShift = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const startsAt = Date.UTC(2026, 10, 2); // a Monday
const WEEKS = 8;

function mmc(input: { servers: number; arrivalsPerHour: number; meanWorkMinutes: number; seed: number }) {
  const roster: SimCaseManager[] = Array.from({ length: input.servers }, (_, index) => ({
    id: `cm-${index + 1}`,
    languages: ['en'],
    timeZone: 'UTC',
    weeklyShifts: alwaysOnShift,
    absences: [],
    maxOpenCases: 1,
    openCases: 0,
  }));
  const requests = drawRequests(
    { streams: [{ country: 'GB', language: 'en', perHourOfWeek: Array(168).fill(input.arrivalsPerHour) }] },
    {
      firstContactMinutes: { kind: 'exponential', mean: input.meanWorkMinutes },
      caseLengthDays: { kind: 'fixed', value: 0 },
    },
    { from: startsAt - HOUR_MS * 24, to: startsAt + WEEKS * WEEK_MS, seed: input.seed },
  );
  const { cases = [] } = simulate(
    { startsAt, endsAt: startsAt + WEEKS * WEEK_MS, target: 0.995, roster, requests },
    'ours',
    { keepCases: true },
  );
  return cases.filter((kase) => kase.at >= startsAt);
}

/**
 * Waiting figures pooled over ten seeds of eight weeks each. One eight-week run at 80 % load is
 * too short for a tight figure: its share of waiting requests wanders by about ±0.03 around the
 * truth (waits come in long correlated stretches); ten runs bring that to about ±0.01.
 */
function pooled(input: { servers: number; arrivalsPerHour: number; meanWorkMinutes: number }) {
  const measured = Array.from({ length: 10 }, (_, seed) => mmc({ ...input, seed: seed + 1 })).flat();
  const waits = measured.map((kase) => (kase.startedAt! - kase.at) / MINUTE_MS);
  return {
    measured,
    waitedShare: waits.filter((wait) => wait > 0).length / waits.length,
    meanWaitMinutes: waits.reduce((sum, wait) => sum + wait, 0) / waits.length,
  };
}

describe('the simulator set up as an M/M/c queue agrees with Erlang C', () => {
  it('five case managers at 80 % load: the share who wait is within 0.025 of Erlang C, the mean wait within 12 %', () => {
    // λ = 8 an hour, μ = 2 an hour (30 minutes each), c = 5: a = 4, ρ = 0.8.
    const { measured, waitedShare, meanWaitMinutes } = pooled({
      servers: 5,
      arrivalsPerHour: 8,
      meanWorkMinutes: 30,
    });
    const expected = erlangC(5, 4);
    expect(expected).toBeCloseTo(0.5541, 3);
    expect(measured.length).toBeGreaterThan(100_000);
    expect(measured.every((kase) => kase.contactedAt !== null)).toBe(true);
    expect(Math.abs(waitedShare - expected)).toBeLessThan(0.025);
    const expectedMeanWait = (expected / (5 * 2 - 8)) * 60; // Wq = C / (cμ − λ), in minutes
    expect(Math.abs(meanWaitMinutes - expectedMeanWait) / expectedMeanWait).toBeLessThan(0.12);
  });

  it('a team of twelve at half load (a = 6): the share who wait is within 0.01 of Erlang C', () => {
    const { waitedShare } = pooled({ servers: 12, arrivalsPerHour: 12, meanWorkMinutes: 30 });
    expect(Math.abs(waitedShare - erlangC(12, 6))).toBeLessThan(0.01);
  });
});
