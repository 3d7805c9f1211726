import { DateTime } from 'luxon';
import type { OpeningPeriod } from '../../../shared/facilities.js';

/**
 * Opening hours: ISO weekdays (1 Monday … 7 Sunday) with local opening and closing times, in the
 * facility's own time zone. In a CSV file they are written in the common subset of the
 * OpenStreetMap `opening_hours` syntax that directories use: `Mo-Fr 08:00-20:00; Sa 09:00-13:00`,
 * several times for a day with commas (`Mo-Fr 08:00-12:00,14:00-18:00`), and `24/7`.
 */

const dayCodes = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
const time = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export const allWeek: OpeningPeriod[] = [1, 2, 3, 4, 5, 6, 7].map((day) => ({
  day,
  opens: '00:00',
  closes: '24:00',
}));

/** The periods of a written week, or the reason it cannot be read. */
export function parseOpeningHours(written: string): OpeningPeriod[] | { error: string } {
  const text = written.trim();
  if (text === '24/7') return allWeek;
  const periods: OpeningPeriod[] = [];
  for (const rule of text.split(';').map((part) => part.trim())) {
    if (rule === '') continue;
    const match = /^(\S+)\s+(\S+)$/.exec(rule);
    if (!match) return { error: `"${rule}" is not "<days> <HH:MM-HH:MM>"` };
    const days = parseDays(match[1] as string);
    if (!days) return { error: `"${match[1]}" is not days such as Mo-Fr or Sa,Su` };
    for (const span of (match[2] as string).split(',')) {
      const [opens, closes, extra] = span.split('-');
      if (!opens || !closes || extra !== undefined || !time.test(opens) || !time.test(closes)) {
        return { error: `"${span}" is not a time span such as 08:00-18:00` };
      }
      if (opens >= closes) {
        return { error: `"${span}" closes before it opens: a night across midnight is two spans` };
      }
      for (const day of days) periods.push({ day, opens, closes });
    }
  }
  if (periods.length === 0) return { error: 'names no opening times' };
  return normalise(periods);
}

function parseDays(written: string): number[] | undefined {
  const days: number[] = [];
  for (const part of written.split(',')) {
    const [from, to, extra] = part.split('-');
    const start = dayCodes.indexOf(from as (typeof dayCodes)[number]);
    const end = to === undefined ? start : dayCodes.indexOf(to as (typeof dayCodes)[number]);
    if (start < 0 || end < 0 || extra !== undefined) return undefined;
    // A range may wrap over the week's end (Sa-Mo).
    for (let index = start; ; index = (index + 1) % 7) {
      days.push(index + 1);
      if (index === end) break;
    }
  }
  return days;
}

/** Periods in the order of the week, each once; overlapping ones of a day merged. */
export function normalise(periods: OpeningPeriod[]): OpeningPeriod[] {
  const sorted = [...periods].sort(
    (left, right) =>
      left.day - right.day || (left.opens < right.opens ? -1 : left.opens > right.opens ? 1 : 0),
  );
  const merged: OpeningPeriod[] = [];
  for (const period of sorted) {
    const last = merged.at(-1);
    if (last && last.day === period.day && period.opens <= last.closes) {
      if (period.closes > last.closes) last.closes = period.closes;
    } else merged.push({ ...period });
  }
  return merged;
}

/** The written form of a week of periods (what a CSV export writes back). */
export function formatOpeningHours(periods: OpeningPeriod[]): string {
  const week = normalise(periods);
  if (week.length === 7 && week.every((period) => period.opens === '00:00' && period.closes === '24:00'))
    return '24/7';
  const spansOf = (day: number) =>
    week
      .filter((period) => period.day === day)
      .map((period) => `${period.opens}-${period.closes}`)
      .join(',');
  const rules: string[] = [];
  let day = 1;
  while (day <= 7) {
    const spans = spansOf(day);
    let last = day;
    while (last < 7 && spansOf(last + 1) === spans) last += 1;
    if (spans !== '') {
      const days = last === day ? dayCodes[day - 1] : `${dayCodes[day - 1]}-${dayCodes[last - 1]}`;
      rules.push(`${days} ${spans}`);
    }
    day = last + 1;
  }
  return rules.join('; ');
}

/** Whether a facility is open at an instant, read in its own time zone. */
export function isOpenAt(periods: OpeningPeriod[], timeZone: string, at: Date): boolean {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  if (!local.isValid) return false;
  const now = local.toFormat('HH:mm');
  return periods.some((period) => period.day === local.weekday && period.opens <= now && now < period.closes);
}
