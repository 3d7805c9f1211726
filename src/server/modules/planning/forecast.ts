import { HOURS_IN_WEEK } from '../../../shared/planning.js';
import { hourOfWeek } from './simulation/arrivals.js';
import { WEEK_MS } from './simulation/model.js';

/*
 * Next week's requests forecast from the last weeks' submissions, per country and language: the
 * weekly totals' straight-line trend carried one week on, spread over the hours of the week as the
 * stream was spread before. A stream with few requests has too few to show its own week's shape,
 * so its shape is drawn towards the shape of all requests: as if it had 168 more requests spread
 * like everyone's (a stream with thousands keeps its own; one with ten mostly takes everyone's).
 * Everyone's shape is drawn towards a flat week the same way, so that an hour nobody asked in
 * last month is not forecast to stay empty for ever.
 */

/** Cases submitted in one hour (`hour`: its start, milliseconds), in one language, from one country. */
export interface Volume {
  hour: number;
  language: string;
  country: string;
  cases: number;
}

export interface StreamForecast {
  country: string;
  language: string;
  /** Requests in each of the weeks looked at, oldest first. */
  weeklyHistory: number[];
  /** The straight line's slope: requests a week more (or fewer) each week. */
  trendPerWeek: number;
  /** The forecast for the week after the last one looked at. */
  nextWeek: number;
  /** The forecast by hour of the week (hour 0 = Monday 00:00–01:00 UTC); sums to `nextWeek`. */
  perHourOfWeek: number[];
}

/** Pseudo-requests spread like all requests, added to each stream's own shape. */
const SHAPE_PRIOR = HOURS_IN_WEEK;

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** The least-squares line through (0, y0), (1, y1)…: its slope and its value at x = ys.length. */
function trend(ys: number[]): { slope: number; next: number } {
  const n = ys.length;
  const mean = ys.reduce((sum, y) => sum + y, 0) / n;
  if (n < 2) return { slope: 0, next: mean };
  const middle = (n - 1) / 2;
  let top = 0;
  let bottom = 0;
  ys.forEach((y, x) => {
    top += (x - middle) * (y - mean);
    bottom += (x - middle) ** 2;
  });
  const slope = top / bottom;
  return { slope, next: mean + slope * (n - middle) };
}

/** The forecast from the volumes of the `weeks` whole weeks starting at `from`, busiest stream first. */
export function forecastFromHistory(
  volumes: Volume[],
  window: { from: number; weeks: number },
): StreamForecast[] {
  const until = window.from + window.weeks * WEEK_MS;
  const inWindow = volumes.filter((volume) => volume.hour >= window.from && volume.hour < until);
  const everyone = Array.from({ length: HOURS_IN_WEEK }, () => 0);
  for (const volume of inWindow) everyone[hourOfWeek(volume.hour)]! += volume.cases;
  const total = everyone.reduce((sum, value) => sum + value, 0);
  // Everyone's shape is itself drawn towards a flat week, by one pseudo-request an hour.
  const everyonesShape = everyone.map((value) => (value + 1) / (total + HOURS_IN_WEEK));

  const streams = new Map<string, Volume[]>();
  for (const volume of inWindow) {
    const key = `${volume.language}|${volume.country}`;
    streams.set(key, [...(streams.get(key) ?? []), volume]);
  }
  return [...streams.values()]
    .map((stream) => {
      const weekly = Array.from({ length: window.weeks }, () => 0);
      const byHour = Array.from({ length: HOURS_IN_WEEK }, () => 0);
      for (const volume of stream) {
        weekly[Math.floor((volume.hour - window.from) / WEEK_MS)]! += volume.cases;
        byHour[hourOfWeek(volume.hour)]! += volume.cases;
      }
      const cases = weekly.reduce((sum, value) => sum + value, 0);
      const { slope, next } = trend(weekly);
      const nextWeek = Math.max(0, next);
      const shape = byHour.map(
        (value, hour) => (value + SHAPE_PRIOR * everyonesShape[hour]!) / (cases + SHAPE_PRIOR),
      );
      return {
        country: stream[0]!.country,
        language: stream[0]!.language,
        weeklyHistory: weekly,
        trendPerWeek: round(slope, 2),
        nextWeek: round(nextWeek, 1),
        perHourOfWeek: shape.map((share) => round(share * nextWeek, 4)),
      };
    })
    .sort((a, b) => b.nextWeek - a.nextWeek || (a.language + a.country < b.language + b.country ? -1 : 1));
}
