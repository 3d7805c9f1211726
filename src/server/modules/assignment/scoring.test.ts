import { describe, expect, it } from 'vitest';
import type { WeeklyShift } from '../../../shared/identity.js';
import {
  availableFrom,
  isOnDuty,
  rankCandidates,
  shiftIntervals,
  speaks,
  type AssignmentRequest,
  type CandidateFacts,
} from './scoring.js';

const at = (iso: string) => new Date(iso);
const HOUR = 60 * 60 * 1000;
const iso = (intervals: { start: Date; end: Date }[]) =>
  intervals.map(({ start, end }) => [start.toISOString(), end.toISOString()]);

/** Sunday = 0 … Saturday = 6, as in WeeklyShift. */
const days = (list: number[], start: string, end: string): WeeklyShift[] =>
  list.map((day) => ({ day, start, end }));
const allWeek = days([0, 1, 2, 3, 4, 5, 6], '00:00', '24:00');
const weekdays = (start: string, end: string) => days([1, 2, 3, 4, 5], start, end);

const candidate = (userId: string, overrides: Partial<CandidateFacts> = {}): CandidateFacts => ({
  userId,
  languages: ['en'],
  timeZone: 'UTC',
  weeklyShifts: allWeek,
  absences: [],
  openCases: 0,
  maxOpenCases: 10,
  wasPreviousCaseManager: false,
  ...overrides,
});

// Wednesday 4 March 2026, 10:00 UTC; the first contact is due 24 hours later.
const now = at('2026-03-04T10:00:00Z');
const request = (overrides: Partial<AssignmentRequest> = {}): AssignmentRequest => ({
  now,
  deadline: new Date(now.getTime() + 24 * HOUR),
  language: 'es',
  ...overrides,
});

describe('speaks', () => {
  it.each([
    [['es'], 'es', true],
    [['es'], 'es-MX', true],
    [['es-ES'], 'es-419', true],
    [['pt'], 'pt-BR', true],
    [['pt-BR'], 'pt', true],
    [['ZH-cn'], 'zh-TW', true],
    [['EN'], 'en-gb', true],
    [['en', 'fr'], 'FR-CA', true],
    [['es'], 'en', false],
    [['eu'], 'es', false],
    [['fil'], 'fi', false],
    [['gsw'], 'de', false],
    [[], 'en', false],
  ] as const)('%j speaks %s: %s', (languages, wanted, expected) => {
    expect(speaks([...languages], wanted)).toBe(expected);
  });
});

describe('shiftIntervals', () => {
  it('places a weekly pattern in UTC, in the staff member’s time zone', () => {
    // Madrid is UTC+1 in winter: 08:00–17:00 is 07:00–16:00 UTC.
    expect(
      iso(
        shiftIntervals(
          weekdays('08:00', '17:00'),
          'Europe/Madrid',
          at('2026-03-06T00:00:00Z'),
          at('2026-03-10T00:00:00Z'),
        ),
      ),
    ).toEqual([
      ['2026-03-06T07:00:00.000Z', '2026-03-06T16:00:00.000Z'], // Friday
      ['2026-03-09T07:00:00.000Z', '2026-03-09T16:00:00.000Z'], // Monday
    ]);
  });

  it('keeps only the intervals that overlap the window, including one already under way', () => {
    expect(
      iso(
        shiftIntervals(
          weekdays('09:00', '17:00'),
          'UTC',
          at('2026-03-04T16:59:00Z'),
          at('2026-03-05T09:00:00Z'),
        ),
      ),
    ).toEqual([['2026-03-04T09:00:00.000Z', '2026-03-04T17:00:00.000Z']]);
    expect(
      shiftIntervals(
        weekdays('09:00', '17:00'),
        'UTC',
        at('2026-03-04T17:00:00Z'),
        at('2026-03-05T09:00:00Z'),
      ),
    ).toEqual([]);
  });

  it('reads the weekday in the staff member’s zone, not in UTC', () => {
    // Monday 09:00 in Auckland (UTC+13 in March) is Sunday 20:00 UTC.
    expect(
      iso(
        shiftIntervals(
          days([1], '09:00', '17:00'),
          'Pacific/Auckland',
          at('2026-03-08T00:00:00Z'),
          at('2026-03-09T12:00:00Z'),
        ),
      ),
    ).toEqual([['2026-03-08T20:00:00.000Z', '2026-03-09T04:00:00.000Z']]);
    // Sunday 18:00 in Los Angeles (UTC-8 before 8 March) is Monday 02:00 UTC.
    expect(
      iso(
        shiftIntervals(
          days([0], '18:00', '22:00'),
          'America/Los_Angeles',
          at('2026-03-02T00:00:00Z'),
          at('2026-03-02T12:00:00Z'),
        ),
      ),
    ).toEqual([['2026-03-02T02:00:00.000Z', '2026-03-02T06:00:00.000Z']]);
  });

  it('follows the clocks on the last Sunday of March (Europe/Madrid, 2026-03-29)', () => {
    const window = [at('2026-03-27T00:00:00Z'), at('2026-03-31T00:00:00Z')] as const;
    // 08:00–17:00 local is 07:00–16:00 UTC on Friday, 06:00–15:00 UTC from Monday.
    expect(iso(shiftIntervals(days([5, 1], '08:00', '17:00'), 'Europe/Madrid', ...window))).toEqual([
      ['2026-03-27T07:00:00.000Z', '2026-03-27T16:00:00.000Z'],
      ['2026-03-30T06:00:00.000Z', '2026-03-30T15:00:00.000Z'],
    ]);
    // The day itself has 23 hours.
    const [sunday] = shiftIntervals(days([0], '00:00', '24:00'), 'Europe/Madrid', ...window);
    expect(iso([sunday!])).toEqual([['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']]);
    // A shift that starts in the missing hour (02:00–03:00) moves forward by the gap, as calendars
    // do: 02:30 becomes 03:30 CEST.
    expect(iso(shiftIntervals(days([0], '02:30', '10:00'), 'Europe/Madrid', ...window))).toEqual([
      ['2026-03-29T01:30:00.000Z', '2026-03-29T08:00:00.000Z'],
    ]);
  });

  it('follows the clocks on the last Sunday of October (Europe/Madrid, 2026-10-25)', () => {
    const window = [at('2026-10-23T00:00:00Z'), at('2026-10-27T00:00:00Z')] as const;
    expect(iso(shiftIntervals(days([5, 1], '08:00', '17:00'), 'Europe/Madrid', ...window))).toEqual([
      ['2026-10-23T06:00:00.000Z', '2026-10-23T15:00:00.000Z'],
      ['2026-10-26T07:00:00.000Z', '2026-10-26T16:00:00.000Z'],
    ]);
    // The day itself has 25 hours.
    const [sunday] = shiftIntervals(days([0], '00:00', '24:00'), 'Europe/Madrid', ...window);
    expect(sunday!.end.getTime() - sunday!.start.getTime()).toBe(25 * HOUR);
    expect(iso([sunday!])).toEqual([['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']]);
    // A shift across the repeated hour is an hour longer: 01:00–05:00 local is five hours.
    const [night] = shiftIntervals(days([0], '01:00', '05:00'), 'Europe/Madrid', ...window);
    expect(iso([night!])).toEqual([['2026-10-24T23:00:00.000Z', '2026-10-25T04:00:00.000Z']]);
  });

  it('a shift ending at 24:00 ends at the next local midnight', () => {
    expect(
      iso(
        shiftIntervals(
          days([3], '18:00', '24:00'),
          'Europe/Madrid',
          at('2026-03-04T00:00:00Z'),
          at('2026-03-06T00:00:00Z'),
        ),
      ),
    ).toEqual([['2026-03-04T17:00:00.000Z', '2026-03-04T23:00:00.000Z']]);
  });

  it('a shift to 24:00 and one from 00:00 the next day are one stretch on duty', () => {
    expect(
      iso(
        shiftIntervals(
          [...days([3], '18:00', '24:00'), ...days([4], '00:00', '02:00')],
          'UTC',
          at('2026-03-04T00:00:00Z'),
          at('2026-03-06T00:00:00Z'),
        ),
      ),
    ).toEqual([['2026-03-04T18:00:00.000Z', '2026-03-05T02:00:00.000Z']]);
    expect(
      iso(shiftIntervals(allWeek, 'UTC', at('2026-03-04T10:00:00Z'), at('2026-03-06T10:00:00Z'))),
    ).toEqual([['2026-03-04T00:00:00.000Z', '2026-03-07T00:00:00.000Z']]);
  });

  it('a 24:00 end is right where DST skips midnight (America/Santiago, 2026-09-06)', () => {
    // Chile moves from 24:00 on Saturday to 01:00 on Sunday: Sunday has no 00:00.
    const intervals = shiftIntervals(
      days([0, 1], '00:00', '24:00'),
      'America/Santiago',
      at('2026-09-06T12:00:00Z'),
      at('2026-09-07T12:00:00Z'),
    );
    // Sunday 01:00 -03 to Tuesday 00:00 -03, without overlap or gap.
    expect(iso(intervals)).toEqual([['2026-09-06T04:00:00.000Z', '2026-09-08T03:00:00.000Z']]);
    const [monday] = shiftIntervals(
      days([1], '00:00', '24:00'),
      'America/Santiago',
      at('2026-09-07T12:00:00Z'),
      at('2026-09-07T13:00:00Z'),
    );
    expect(monday!.end.getTime() - monday!.start.getTime()).toBe(24 * HOUR);
  });
});

describe('availableFrom', () => {
  it('is now when the candidate is on shift now with time to spare', () => {
    expect(availableFrom(candidate('a'), request())).toEqual(now);
  });

  it('is the start of the next shift when off shift now', () => {
    // Wednesday 10:00 UTC; the shift is 14:00–22:00 Madrid (13:00–21:00 UTC).
    const later = candidate('a', { timeZone: 'Europe/Madrid', weeklyShifts: weekdays('14:00', '22:00') });
    expect(availableFrom(later, request())).toEqual(at('2026-03-04T13:00:00Z'));
  });

  it('an absence cuts a shift: the candidate is available when it ends', () => {
    const away = candidate('a', {
      weeklyShifts: weekdays('08:00', '18:00'),
      absences: [{ startsAt: at('2026-03-04T07:00:00Z'), endsAt: at('2026-03-04T12:30:00Z') }],
    });
    expect(availableFrom(away, request())).toEqual(at('2026-03-04T12:30:00Z'));
  });

  it('an absence over the rest of today moves availability to tomorrow’s shift', () => {
    const away = candidate('a', {
      weeklyShifts: weekdays('08:00', '18:00'),
      absences: [{ startsAt: at('2026-03-04T09:00:00Z'), endsAt: at('2026-03-04T20:00:00Z') }],
    });
    expect(availableFrom(away, request())).toEqual(at('2026-03-05T08:00:00Z'));
  });

  it('an absence in the middle of a shift leaves the part before it', () => {
    const away = candidate('a', {
      weeklyShifts: weekdays('08:00', '18:00'),
      absences: [{ startsAt: at('2026-03-04T11:00:00Z'), endsAt: at('2026-03-04T12:00:00Z') }],
    });
    expect(availableFrom(away, request())).toEqual(now);
  });

  it('nobody is available when absent until after the deadline', () => {
    const away = candidate('a', {
      absences: [{ startsAt: at('2026-03-01T00:00:00Z'), endsAt: at('2026-03-10T00:00:00Z') }],
    });
    expect(availableFrom(away, request())).toBeUndefined();
  });

  it('needs the minimum time on shift before the deadline (30 minutes by default)', () => {
    // The next shift starts 23 h 31 min from now: 29 minutes before the deadline is not enough.
    const late = candidate('a', { weeklyShifts: days([4], '09:31', '17:00') });
    expect(availableFrom(late, request())).toBeUndefined();
    const justInTime = candidate('a', { weeklyShifts: days([4], '09:30', '17:00') });
    expect(availableFrom(justInTime, request())).toEqual(at('2026-03-05T09:30:00Z'));
    expect(availableFrom(late, request({ minimumShiftTimeMs: 29 * 60 * 1000 }))).toEqual(
      at('2026-03-05T09:31:00Z'),
    );
  });

  it('a shift ending in less than the minimum is skipped for the next one', () => {
    // On shift until 10:20 today (20 minutes), then tomorrow from 08:00.
    const ending = candidate('a', { weeklyShifts: weekdays('08:00', '10:20') });
    expect(availableFrom(ending, request())).toEqual(at('2026-03-05T08:00:00Z'));
  });

  it('a shift across midnight (to 24:00, then from 00:00) counts as one stretch', () => {
    const nights = candidate('a', {
      weeklyShifts: [...days([3], '18:00', '24:00'), ...days([4], '00:00', '06:00')],
    });
    // 15 minutes before midnight, with the deadline 20 minutes after it.
    const request35 = request({ now: at('2026-03-04T23:45:00Z'), deadline: at('2026-03-05T00:20:00Z') });
    expect(availableFrom(nights, request35)).toEqual(at('2026-03-04T23:45:00Z'));
  });

  it('nobody is available once the deadline has passed', () => {
    expect(availableFrom(candidate('a'), request({ deadline: new Date(now.getTime() - 1) }))).toBeUndefined();
  });
});

describe('isOnDuty', () => {
  const shifts = { weeklyShifts: weekdays('09:00', '17:00'), timeZone: 'Europe/Madrid', absences: [] };

  it('is true from the first minute of a shift to just before its end', () => {
    expect(isOnDuty(shifts, at('2026-03-04T08:00:00Z'))).toBe(true);
    expect(isOnDuty(shifts, at('2026-03-04T15:59:59.999Z'))).toBe(true);
    expect(isOnDuty(shifts, at('2026-03-04T16:00:00Z'))).toBe(false);
    expect(isOnDuty(shifts, at('2026-03-04T07:59:59.999Z'))).toBe(false);
  });

  it('is false at the weekend and during an absence', () => {
    expect(isOnDuty(shifts, at('2026-03-07T10:00:00Z'))).toBe(false);
    const away = {
      ...shifts,
      absences: [{ startsAt: at('2026-03-04T09:00:00Z'), endsAt: at('2026-03-04T10:00:00Z') }],
    };
    expect(isOnDuty(away, at('2026-03-04T09:30:00Z'))).toBe(false);
    expect(isOnDuty(away, at('2026-03-04T10:00:00Z'))).toBe(true);
  });

  it('follows the staff member’s clock across DST', () => {
    // 09:00 Madrid is 08:00 UTC before 29 March and 07:00 UTC after.
    expect(isOnDuty(shifts, at('2026-03-27T07:30:00Z'))).toBe(false);
    expect(isOnDuty(shifts, at('2026-03-30T07:30:00Z'))).toBe(true);
  });

  it('is on duty across midnight for an all-week pattern', () => {
    expect(
      isOnDuty({ weeklyShifts: allWeek, timeZone: 'Asia/Tokyo', absences: [] }, at('2026-03-04T15:00:00Z')),
    ).toBe(true);
  });
});

describe('rankCandidates', () => {
  const ids = (ranked: { userId: string }[]) => ranked.map((entry) => entry.userId);

  it('puts those who speak the member’s language first, whatever their load', () => {
    const ranked = rankCandidates(
      [
        candidate('english-idle', { languages: ['en'] }),
        candidate('spanish-busy', { languages: ['es-ES', 'en'], openCases: 9 }),
      ],
      request({ language: 'es-MX' }),
    );
    expect(ids(ranked)).toEqual(['spanish-busy', 'english-idle']);
    expect(ranked[0]).toMatchObject({ speaksLanguage: true, load: 0.9 });
    expect(ranked[1]).toMatchObject({ speaksLanguage: false, load: 0 });
  });

  it('then continuity: the member’s previous case manager, even if busier', () => {
    const ranked = rankCandidates(
      [
        candidate('a', { languages: ['es'] }),
        candidate('previous', { languages: ['es'], openCases: 8, wasPreviousCaseManager: true }),
        candidate('previous-no-spanish', { languages: ['en'], wasPreviousCaseManager: true }),
      ],
      request(),
    );
    expect(ids(ranked)).toEqual(['previous', 'a', 'previous-no-spanish']);
    expect(ranked[0]!.continuity).toBe(true);
  });

  it('then load, relative to each one’s maximum', () => {
    const ranked = rankCandidates(
      [
        candidate('half', { languages: ['es'], openCases: 5, maxOpenCases: 10 }),
        candidate('quarter', { languages: ['es'], openCases: 10, maxOpenCases: 40 }),
        candidate('tenth', { languages: ['es'], openCases: 1, maxOpenCases: 10 }),
      ],
      request(),
    );
    expect(ids(ranked)).toEqual(['tenth', 'quarter', 'half']);
  });

  it('then the one on shift soonest', () => {
    const ranked = rankCandidates(
      [
        candidate('tomorrow', { languages: ['es'], weeklyShifts: days([4], '08:00', '16:00') }),
        candidate('this-afternoon', { languages: ['es'], weeklyShifts: days([3], '14:00', '20:00') }),
        candidate('now', { languages: ['es'] }),
      ],
      request(),
    );
    expect(ids(ranked)).toEqual(['now', 'this-afternoon', 'tomorrow']);
    expect(ranked.map((entry) => entry.onShiftAt.toISOString())).toEqual([
      '2026-03-04T10:00:00.000Z',
      '2026-03-04T14:00:00.000Z',
      '2026-03-05T08:00:00.000Z',
    ]);
  });

  it('then by id, so that equal candidates always come in the same order', () => {
    const input = ['c', 'a', 'b'].map((id) => candidate(id, { languages: ['es'] }));
    expect(ids(rankCandidates(input, request()))).toEqual(['a', 'b', 'c']);
    expect(ids(rankCandidates([...input].reverse(), request()))).toEqual(['a', 'b', 'c']);
  });

  it('leaves out those who are full', () => {
    const ranked = rankCandidates(
      [
        candidate('full', { languages: ['es'], openCases: 10, maxOpenCases: 10 }),
        candidate('over', { languages: ['es'], openCases: 12, maxOpenCases: 10 }),
        candidate('takes-none', { languages: ['es'], openCases: 0, maxOpenCases: 0 }),
        candidate('room', { languages: ['en'], openCases: 9, maxOpenCases: 10 }),
      ],
      request(),
    );
    expect(ids(ranked)).toEqual(['room']);
  });

  it('leaves out those not on shift (or away) long enough before the deadline', () => {
    const ranked = rankCandidates(
      [
        candidate('weekend-only', { languages: ['es'], weeklyShifts: days([0, 6], '08:00', '16:00') }),
        candidate('no-shifts', { languages: ['es'], weeklyShifts: [] }),
        candidate('on-leave', {
          languages: ['es'],
          absences: [{ startsAt: at('2026-03-01T00:00:00Z'), endsAt: at('2026-03-15T00:00:00Z') }],
        }),
        candidate('too-late', { languages: ['es'], weeklyShifts: days([4], '09:45', '17:00') }),
        candidate('english-on-shift', { languages: ['en'] }),
      ],
      request(),
    );
    expect(ids(ranked)).toEqual(['english-on-shift']);
  });

  it('when nobody speaks the language, still ranks the others (an interpreter is needed)', () => {
    const ranked = rankCandidates(
      [
        candidate('busy', { languages: ['en'], openCases: 6 }),
        candidate('previous', { languages: ['fr'], openCases: 7, wasPreviousCaseManager: true }),
        candidate('idle', { languages: ['de'], openCases: 1 }),
      ],
      request({ language: 'ar' }),
    );
    expect(ids(ranked)).toEqual(['previous', 'idle', 'busy']);
    expect(ranked.every((entry) => !entry.speaksLanguage)).toBe(true);
  });

  it('returns nobody when nobody qualifies', () => {
    expect(rankCandidates([], request())).toEqual([]);
    expect(rankCandidates([candidate('full', { openCases: 10 })], request())).toEqual([]);
  });
});
