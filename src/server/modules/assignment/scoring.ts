import { DateTime } from 'luxon';
import type { WeeklyShift } from '../../../shared/identity.js';

/**
 * Choosing a case manager for a new case, as a pure function of the facts. The rules, in order:
 * 1. Only case managers with room (open cases below their maximum) who will be on shift, and not
 *    away, early enough to make the first contact before the deadline.
 * 2. Among those, one who speaks the member's language; a case manager without it needs an
 *    interpreter, flagged on the case.
 * 3. Continuity: the member's previous case manager, when they qualify.
 * 4. Among equals, the least loaded (open cases relative to their maximum), then the one on shift
 *    soonest, then a stable order.
 */
export interface CandidateFacts {
  userId: string;
  languages: string[];
  timeZone: string;
  weeklyShifts: WeeklyShift[];
  absences: { startsAt: Date; endsAt: Date }[];
  openCases: number;
  maxOpenCases: number;
  wasPreviousCaseManager: boolean;
}

export interface AssignmentRequest {
  now: Date;
  /** When the first contact is due. */
  deadline: Date;
  language: string;
  /** Time the case manager needs on shift before the deadline to make the contact. */
  minimumShiftTimeMs?: number;
}

export interface ScoredCandidate {
  userId: string;
  speaksLanguage: boolean;
  continuity: boolean;
  load: number;
  onShiftAt: Date;
}

const DEFAULT_MINIMUM_SHIFT_TIME_MS = 30 * 60 * 1000;

/** Language tags match on their primary language: `pt-BR` is spoken by someone who speaks `pt`. */
export function speaks(languages: string[], wanted: string): boolean {
  const primary = (tag: string) => tag.toLowerCase().split('-')[0];
  const target = wanted.toLowerCase();
  return languages.some((tag) => tag.toLowerCase() === target || primary(tag) === primary(wanted));
}

const DAY_MS = 86_400_000;

/**
 * Every shift of a weekly pattern on the local days that touch the UTC days [firstDay, lastDay],
 * sorted by start. Pure and costly (time-zone arithmetic), so it is memoised by its inputs: every
 * submission of the same day asks the same question of the same case managers. The memo is keyed by
 * the pattern's text, then by zone and days; the text of a pattern array already seen is kept with
 * the array, which spares the simulator (which asks millions of times of the same arrays) the cost
 * of writing it again on every question.
 */
const intervalCache = new Map<string, Map<string, { start: number; end: number }[]>>();
let intervalCacheEntries = 0;
const INTERVAL_CACHE_LIMIT = 10_000;
const patternTexts = new WeakMap<WeeklyShift[], string>();

function patternText(shifts: WeeklyShift[]): string {
  let text = patternTexts.get(shifts);
  if (text === undefined) {
    text = JSON.stringify(shifts);
    patternTexts.set(shifts, text);
  }
  return text;
}

function intervalsForDays(
  shifts: WeeklyShift[],
  timeZone: string,
  firstDay: number,
  lastDay: number,
): { start: number; end: number }[] {
  const pattern = patternText(shifts);
  const key = `${timeZone}|${firstDay}|${lastDay}`;
  const cached = intervalCache.get(pattern)?.get(key);
  if (cached) return cached;
  const intervals: { start: number; end: number }[] = [];
  let day = DateTime.fromMillis(firstDay * DAY_MS, { zone: timeZone })
    .startOf('day')
    .minus({ days: 1 });
  const last = DateTime.fromMillis((lastDay + 1) * DAY_MS, { zone: timeZone }).endOf('day');
  while (day <= last) {
    const weekday = day.weekday % 7; // luxon: Monday = 1 … Sunday = 7; ours: Sunday = 0
    for (const shift of shifts.filter((entry) => entry.day === weekday)) {
      const [startHour, startMinute] = shift.start.split(':').map(Number) as [number, number];
      const [endHour, endMinute] = shift.end.split(':').map(Number) as [number, number];
      const start = day.set({ hour: startHour, minute: startMinute });
      // Not `day.plus({ days: 1 })`: where midnight is skipped by a DST change (America/Santiago)
      // `day` starts at 01:00, and so would the end of the shift.
      const end =
        endHour === 24 ? day.plus({ days: 1 }).startOf('day') : day.set({ hour: endHour, minute: endMinute });
      intervals.push({ start: start.toMillis(), end: end.toMillis() });
    }
    day = day.plus({ days: 1 });
  }
  intervals.sort((a, b) => a.start - b.start);
  if (intervalCacheEntries >= INTERVAL_CACHE_LIMIT) {
    intervalCache.clear();
    intervalCacheEntries = 0;
  }
  let forPattern = intervalCache.get(pattern);
  if (!forPattern) {
    forPattern = new Map();
    intervalCache.set(pattern, forPattern);
  }
  forPattern.set(key, intervals);
  intervalCacheEntries += 1;
  return intervals;
}

type Millis = { start: number; end: number };

/** `shiftIntervals` in milliseconds: the ranking asks it for every candidate of every submission. */
function shiftMillis(shifts: WeeklyShift[], timeZone: string, from: number, to: number): Millis[] {
  const merged: Millis[] = [];
  for (const interval of intervalsForDays(
    shifts,
    timeZone,
    Math.floor(from / DAY_MS),
    Math.floor(to / DAY_MS),
  )) {
    if (interval.end <= from || interval.start >= to) continue;
    const previous = merged.at(-1);
    if (previous && interval.start <= previous.end) {
      if (interval.end > previous.end) previous.end = interval.end;
    } else merged.push({ ...interval });
  }
  return merged;
}

const toDates = (intervals: Millis[]) =>
  intervals.map((interval) => ({ start: new Date(interval.start), end: new Date(interval.end) }));

/**
 * The shift intervals (UTC) of a weekly pattern that overlap [from, to), merged where they touch
 * or overlap: a shift to 24:00 and one from 00:00 the next day are one stretch on duty.
 */
export function shiftIntervals(
  shifts: WeeklyShift[],
  timeZone: string,
  from: Date,
  to: Date,
): { start: Date; end: Date }[] {
  return toDates(shiftMillis(shifts, timeZone, from.getTime(), to.getTime()));
}

/** Subtracts absences from intervals. */
function withoutAbsences(intervals: Millis[], absences: { startsAt: Date; endsAt: Date }[]): Millis[] {
  let remaining = intervals;
  for (const absence of absences) {
    const startsAt = absence.startsAt.getTime();
    const endsAt = absence.endsAt.getTime();
    remaining = remaining.flatMap((interval) => {
      if (endsAt <= interval.start || startsAt >= interval.end) return [interval];
      const pieces: Millis[] = [];
      if (startsAt > interval.start) pieces.push({ start: interval.start, end: startsAt });
      if (endsAt < interval.end) pieces.push({ start: endsAt, end: interval.end });
      return pieces;
    });
  }
  return remaining;
}

function dutyMillis(
  candidate: Pick<CandidateFacts, 'weeklyShifts' | 'timeZone' | 'absences'>,
  from: number,
  to: number,
): Millis[] {
  return withoutAbsences(
    shiftMillis(candidate.weeklyShifts, candidate.timeZone, from, to),
    candidate.absences,
  );
}

/** The stretches (UTC) of [from, to) a staff member is on shift and not away. */
export function dutyIntervals(
  candidate: Pick<CandidateFacts, 'weeklyShifts' | 'timeZone' | 'absences'>,
  from: Date,
  to: Date,
): { start: Date; end: Date }[] {
  return toDates(dutyMillis(candidate, from.getTime(), to.getTime()));
}

/**
 * The earliest moment from `now` at which the candidate is on shift, not away, and still has at
 * least the minimum time on shift before the deadline; `undefined` if there is none.
 */
export function availableFrom(candidate: CandidateFacts, request: AssignmentRequest): Date | undefined {
  const minimum = request.minimumShiftTimeMs ?? DEFAULT_MINIMUM_SHIFT_TIME_MS;
  const now = request.now.getTime();
  const deadline = request.deadline.getTime();
  for (const interval of dutyMillis(candidate, now, deadline)) {
    const start = Math.max(interval.start, now);
    const end = Math.min(interval.end, deadline);
    if (end - start >= minimum) return new Date(start);
  }
  return undefined;
}

/** Is the staff member on shift and not away at this instant? */
export function isOnDuty(
  candidate: Pick<CandidateFacts, 'weeklyShifts' | 'timeZone' | 'absences'>,
  at: Date,
): boolean {
  const instant = at.getTime();
  return dutyMillis(candidate, instant, instant + 1).some(
    (interval) => interval.start <= instant && interval.end > instant,
  );
}

/** The qualifying candidates, best first. The first is the one to assign. */
export function rankCandidates(candidates: CandidateFacts[], request: AssignmentRequest): ScoredCandidate[] {
  const scored: ScoredCandidate[] = [];
  for (const candidate of candidates) {
    if (candidate.openCases >= candidate.maxOpenCases) continue;
    const onShiftAt = availableFrom(candidate, request);
    if (!onShiftAt) continue;
    scored.push({
      userId: candidate.userId,
      speaksLanguage: speaks(candidate.languages, request.language),
      continuity: candidate.wasPreviousCaseManager,
      load: candidate.openCases / candidate.maxOpenCases,
      onShiftAt,
    });
  }
  return scored.sort(
    (a, b) =>
      Number(b.speaksLanguage) - Number(a.speaksLanguage) ||
      Number(b.continuity) - Number(a.continuity) ||
      a.load - b.load ||
      a.onShiftAt.getTime() - b.onShiftAt.getTime() ||
      a.userId.localeCompare(b.userId),
  );
}
