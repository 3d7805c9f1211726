import { HOURS_IN_WEEK } from '../../../../shared/planning.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, type Forecast, type HandlingTimes, type SimRequest } from './model.js';
import { draw, exponential, randomStreams, type Random } from './random.js';

/** A Monday at 00:00 UTC (5 January 1970): hours of the week count from here. */
const A_MONDAY = Date.UTC(1970, 0, 5);

/** The hour of the week of an instant, 0 = Monday 00:00–01:00 UTC. */
export function hourOfWeek(at: number): number {
  const hours = Math.floor((at - A_MONDAY) / HOUR_MS);
  return ((hours % HOURS_IN_WEEK) + HOURS_IN_WEEK) % HOURS_IN_WEEK;
}

/**
 * The requests of [from, to) drawn from a forecast: within each hour, each stream's requests are a
 * Poisson process at the hour's expected count (exponential gaps). The handling times of each
 * request are drawn from a separate stream, in the order of submission, so that they belong to the
 * request whatever the roster or the rule that later handles it.
 */
export function drawRequests(
  forecast: Forecast,
  handling: HandlingTimes,
  window: { from: number; to: number; seed: number },
): SimRequest[] {
  const [arrivalChance, handlingChance] = randomStreams(window.seed, 2) as [Random, Random];
  const drawn: Omit<SimRequest, 'contactMs' | 'caseLengthMs'>[] = [];
  const firstHour = Math.floor(window.from / HOUR_MS) * HOUR_MS;
  for (let hour = firstHour; hour < window.to; hour += HOUR_MS) {
    const slot = hourOfWeek(hour);
    for (const stream of forecast.streams) {
      const expected = stream.perHourOfWeek[slot] ?? 0;
      if (expected <= 0) continue;
      const meanGap = HOUR_MS / expected;
      for (let at = hour + exponential(arrivalChance, meanGap); at < hour + HOUR_MS;) {
        if (at >= window.from && at < window.to)
          drawn.push({ at, country: stream.country, language: stream.language });
        at += exponential(arrivalChance, meanGap);
      }
    }
  }
  drawn.sort((a, b) => a.at - b.at);
  return drawn.map((request) => ({
    ...request,
    contactMs: Math.max(0, draw(handlingChance, handling.firstContactMinutes)) * MINUTE_MS,
    caseLengthMs: Math.max(0, draw(handlingChance, handling.caseLengthDays)) * DAY_MS,
  }));
}
