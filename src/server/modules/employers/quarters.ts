/*
 * The hub's periods: whole calendar quarters in UTC, and only quarters that are over and settled.
 * A shorter, longer or unaligned period is refused, so no two published periods overlap and no
 * figure can be had as the difference of two others.
 */

/** How long after its end a quarter is published: a review may be edited for 30 days after it is written. */
export const QUARTER_SETTLING_DAYS = 31;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Quarter {
  /** `2026-Q3` */
  label: string;
  year: number;
  /** 1..4 */
  index: number;
  /** First instant of the quarter (UTC). */
  start: Date;
  /** First instant after the quarter (UTC). */
  end: Date;
  /** The three months, `YYYY-MM`. */
  months: [string, string, string];
}

export function quarterOf(year: number, index: number): Quarter {
  const firstMonth = (index - 1) * 3;
  const month = (offset: number) => `${year}-${String(firstMonth + offset + 1).padStart(2, '0')}`;
  return {
    label: `${year}-Q${index}`,
    year,
    index,
    start: new Date(Date.UTC(year, firstMonth, 1)),
    end: new Date(Date.UTC(year, firstMonth + 3, 1)),
    months: [month(0), month(1), month(2)],
  };
}

const QUARTER_LABEL = /^(\d{4})-Q([1-4])$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcDate(text: string): Date | null {
  const match = CALENDAR_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

export type PeriodRequest = { quarter?: string; from?: string; to?: string };
export type PeriodDecision = { ok: true; quarter: Quarter } | { ok: false };

/**
 * The quarter a request names: `quarter=2026-Q3`, or `from`/`to` (inclusive calendar dates) that
 * are exactly one quarter. Anything else (a day, a month, two quarters, a quarter shifted by a
 * week, both forms at once) is refused.
 */
export function requestedQuarter(request: PeriodRequest): PeriodDecision {
  const { quarter, from, to } = request;
  if (quarter !== undefined) {
    if (from !== undefined || to !== undefined) return { ok: false };
    const match = QUARTER_LABEL.exec(quarter);
    return match ? { ok: true, quarter: quarterOf(Number(match[1]), Number(match[2])) } : { ok: false };
  }
  if (from === undefined || to === undefined) return { ok: false };
  const start = utcDate(from);
  const last = utcDate(to);
  if (!start || !last) return { ok: false };
  const month = start.getUTCMonth();
  if (start.getUTCDate() !== 1 || month % 3 !== 0) return { ok: false };
  const candidate = quarterOf(start.getUTCFullYear(), month / 3 + 1);
  return candidate.end.getTime() - DAY_MS === last.getTime()
    ? { ok: true, quarter: candidate }
    : { ok: false };
}

/** The first instant a quarter's figures may be published: its figures no longer change after it. */
export function publishedFrom(quarter: Quarter): Date {
  return new Date(quarter.end.getTime() + QUARTER_SETTLING_DAYS * DAY_MS);
}

/** The quarters published at an instant, newest first, back to (and including) `since`'s quarter. */
export function publishedQuarters(now: Date, since: Date, limit = 8): Quarter[] {
  const quarters: Quarter[] = [];
  let year = now.getUTCFullYear();
  let index = Math.floor(now.getUTCMonth() / 3) + 1;
  while (quarters.length < limit) {
    const quarter = quarterOf(year, index);
    if (quarter.end.getTime() <= since.getTime()) break;
    if (publishedFrom(quarter).getTime() <= now.getTime()) quarters.push(quarter);
    index -= 1;
    if (index === 0) {
      index = 4;
      year -= 1;
    }
  }
  return quarters;
}
