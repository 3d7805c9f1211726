import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { drawRequests } from './arrivals.js';
import { simulate } from './engine.js';
import { WEEK_MS, type SimCaseManager } from './model.js';

/*
 * Shifts are in the case manager's local time, through the assignment room's own arithmetic: in the
 * week the clocks go back in Europe (25 October 2026), a London case manager's 09:00–17:00 starts at
 * 08:00 UTC before the change and 09:00 UTC after it, and an absence takes out exactly its days.
 */
const startsAt = Date.UTC(2026, 9, 19); // Monday 19 October 2026
const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));

function twoWeeksInLondon(absences: SimCaseManager['absences'] = []) {
  const roster: SimCaseManager[] = [
    {
      id: 'london',
      languages: ['en'],
      timeZone: 'Europe/London',
      weeklyShifts: weekdays,
      absences,
      maxOpenCases: 500,
      openCases: 0,
    },
  ];
  const requests = drawRequests(
    { streams: [{ country: 'GB', language: 'en', perHourOfWeek: Array(168).fill(0.5) }] },
    { firstContactMinutes: { kind: 'fixed', value: 5 }, caseLengthDays: { kind: 'fixed', value: 0 } },
    { from: startsAt, to: startsAt + 2 * WEEK_MS, seed: 9 },
  );
  return simulate({ startsAt, endsAt: startsAt + 2 * WEEK_MS, target: 0.995, roster, requests }, 'ours', {
    keepCases: true,
  });
}

describe('shifts in local time, across a change of the clocks', () => {
  it('work starts at 09:00 London time in both weeks, and the fortnight has eighty hours on duty', () => {
    const { report, cases = [] } = twoWeeksInLondon();
    expect(report.caseManagers[0]!.onDutyHours).toBe(80);
    const starts = cases.map((kase) => DateTime.fromMillis(kase.startedAt!, { zone: 'Europe/London' }));
    for (const start of starts) {
      expect(start.hour * 60 + start.minute).toBeGreaterThanOrEqual(9 * 60);
      expect(start.hour).toBeLessThan(17);
      expect(start.weekday).toBeLessThanOrEqual(5);
    }
    const firstOfWeek = (week: number) =>
      Math.min(
        ...cases
          .filter(
            (kase) =>
              kase.startedAt! >= startsAt + week * WEEK_MS &&
              kase.startedAt! < startsAt + (week + 1) * WEEK_MS,
          )
          .map((kase) => new Date(kase.startedAt!).getUTCHours()),
      );
    expect(firstOfWeek(0)).toBe(8); // British Summer Time: 09:00 is 08:00 UTC
    expect(firstOfWeek(1)).toBe(9); // Greenwich Mean Time
  });

  it('an absence on the Wednesday and Thursday of the second week takes out those sixteen hours', () => {
    const absent = [{ startsAt: Date.UTC(2026, 9, 28), endsAt: Date.UTC(2026, 9, 30) }];
    const { report, cases = [] } = twoWeeksInLondon(absent);
    expect(report.caseManagers[0]!.onDutyHours).toBe(64);
    for (const kase of cases)
      expect(kase.startedAt! < absent[0]!.startsAt || kase.startedAt! >= absent[0]!.endsAt).toBe(true);
  });
});
