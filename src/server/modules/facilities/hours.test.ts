import { describe, expect, it } from 'vitest';
import { formatOpeningHours, isOpenAt, parseOpeningHours } from './hours.js';

describe('opening hours as directories write them', () => {
  it('reads a working week with a short Saturday, and writes it back the same', () => {
    const week = parseOpeningHours('Mo-Fr 08:00-20:00; Sa 09:00-13:00');
    expect(week).toHaveLength(6);
    expect(week).toContainEqual({ day: 6, opens: '09:00', closes: '13:00' });
    expect(formatOpeningHours(week as never)).toBe('Mo-Fr 08:00-20:00; Sa 09:00-13:00');
  });

  it('reads 24/7, a lunch break, and a range over the week’s end', () => {
    expect(parseOpeningHours('24/7')).toHaveLength(7);
    expect(parseOpeningHours('Mo 08:00-12:00,14:00-18:00')).toEqual([
      { day: 1, opens: '08:00', closes: '12:00' },
      { day: 1, opens: '14:00', closes: '18:00' },
    ]);
    expect(parseOpeningHours('Sa-Mo 10:00-16:00')).toEqual([
      { day: 1, opens: '10:00', closes: '16:00' },
      { day: 6, opens: '10:00', closes: '16:00' },
      { day: 7, opens: '10:00', closes: '16:00' },
    ]);
  });

  it('refuses what it cannot read, saying why', () => {
    expect(parseOpeningHours('weekdays 9-5')).toHaveProperty('error');
    expect(parseOpeningHours('Mo 25:00-26:00')).toHaveProperty('error');
    expect(parseOpeningHours('Mo 22:00-06:00')).toEqual({
      error: '"22:00-06:00" closes before it opens: a night across midnight is two spans',
    });
    expect(parseOpeningHours('')).toEqual({ error: 'names no opening times' });
  });
});

describe('open now, in the facility’s own time zone', () => {
  const gulfClinic = parseOpeningHours('Sa-Th 09:00-21:00') as never;
  // Friday 7 August 2026, 10:00 in Dubai (06:00 UTC): the Gulf weekend.
  const fridayMorning = new Date('2026-08-07T06:00:00Z');
  // Thursday 6 August 2026, 20:30 in Dubai (16:30 UTC), but 17:30 in London.
  const thursdayEvening = new Date('2026-08-06T16:30:00Z');

  it('a Dubai clinic is closed on Friday morning and open on Thursday evening, by Dubai’s clock', () => {
    expect(isOpenAt(gulfClinic, 'Asia/Dubai', fridayMorning)).toBe(false);
    expect(isOpenAt(gulfClinic, 'Asia/Dubai', thursdayEvening)).toBe(true);
  });

  it('the same hours read in another zone give another answer: the zone decides', () => {
    // 21:30 in Dubai is 18:30 in London: a London clinic with the same hours is still open.
    const late = new Date('2026-08-06T17:30:00Z');
    expect(isOpenAt(gulfClinic, 'Asia/Dubai', late)).toBe(false);
    expect(isOpenAt(gulfClinic, 'Europe/London', late)).toBe(true);
  });

  it('closing time is the first minute closed', () => {
    const week = parseOpeningHours('Mo-Fr 08:00-18:00') as never;
    expect(isOpenAt(week, 'Europe/Madrid', new Date('2026-08-03T15:59:00Z'))).toBe(true);
    expect(isOpenAt(week, 'Europe/Madrid', new Date('2026-08-03T16:00:00Z'))).toBe(false);
  });
});
