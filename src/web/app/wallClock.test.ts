import { describe, expect, it } from 'vitest';
import { isoToWallTime, wallTimeToIso } from './wallClock.js';

describe('wall-clock times in a named time zone', () => {
  it('reads a time on the member’s clock as the instant it is', () => {
    expect(wallTimeToIso('2030-03-04T10:00', 'Europe/Madrid')).toBe('2030-03-04T09:00:00.000Z');
    expect(wallTimeToIso('2030-07-04T10:00', 'Europe/Madrid')).toBe('2030-07-04T08:00:00.000Z');
    expect(wallTimeToIso('2030-03-04T10:00', 'Asia/Kolkata')).toBe('2030-03-04T04:30:00.000Z');
    expect(wallTimeToIso('2030-03-04T10:00', 'America/Sao_Paulo')).toBe('2030-03-04T13:00:00.000Z');
  });

  it('gets the days the clocks change right', () => {
    // Madrid moves from 02:00 to 03:00 on 31 March 2030 and back from 03:00 to 02:00 on 27 October.
    expect(wallTimeToIso('2030-03-31T01:30', 'Europe/Madrid')).toBe('2030-03-31T00:30:00.000Z');
    expect(wallTimeToIso('2030-03-31T03:30', 'Europe/Madrid')).toBe('2030-03-31T01:30:00.000Z');
    expect(wallTimeToIso('2030-10-27T04:00', 'Europe/Madrid')).toBe('2030-10-27T03:00:00.000Z');
  });

  it('shows an instant on a zone’s clock, the inverse of reading it', () => {
    expect(isoToWallTime('2030-03-04T09:00:00.000Z', 'Europe/Madrid')).toBe('2030-03-04T10:00');
    expect(isoToWallTime('2030-03-04T04:30:00.000Z', 'Asia/Kolkata')).toBe('2030-03-04T10:00');
    for (const wall of ['2030-01-15T08:45', '2030-08-15T23:10']) {
      expect(isoToWallTime(wallTimeToIso(wall, 'Asia/Singapore')!, 'Asia/Singapore')).toBe(wall);
    }
  });

  it('refuses what is not a date and time', () => {
    expect(wallTimeToIso('', 'Europe/Madrid')).toBeNull();
    expect(wallTimeToIso('tomorrow at ten', 'Europe/Madrid')).toBeNull();
  });
});
