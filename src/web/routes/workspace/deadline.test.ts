import { describe, expect, it } from 'vitest';
import { remaining, standingOf } from './deadline.js';

const HOUR = 3_600_000;
const due = '2026-12-02T12:00:00.000Z';
const at = (iso: string) => new Date(iso).getTime();

describe('where a case stands against the 24-hour promise', () => {
  it('is on track until the warning threshold, at risk after it, overdue from the deadline', () => {
    const kase = { firstContactDueAt: due, firstContactedAt: null };
    expect(standingOf(kase, at(due) - 6 * HOUR - 1, 6)).toBe('on_track');
    expect(standingOf(kase, at(due) - 6 * HOUR, 6)).toBe('at_risk');
    expect(standingOf(kase, at(due) - 1, 6)).toBe('at_risk');
    expect(standingOf(kase, at(due), 6)).toBe('breached');
    expect(standingOf(kase, at(due) - 3 * HOUR, 2)).toBe('on_track');
  });

  it('is contacted once the first contact is made, late or not', () => {
    expect(standingOf({ firstContactDueAt: due, firstContactedAt: due }, at(due) + 10 * HOUR, 6)).toBe(
      'contacted',
    );
  });

  it('counts the time left, then the time overdue, in hours, minutes and seconds', () => {
    expect(remaining(due, at(due) - (23 * HOUR + 59 * 60_000 + 58_500))).toEqual({
      overdue: false,
      hours: 23,
      minutes: 59,
      seconds: 58,
    });
    expect(remaining(due, at(due) + 25 * HOUR + 61_000)).toEqual({
      overdue: true,
      hours: 25,
      minutes: 1,
      seconds: 1,
    });
  });
});
