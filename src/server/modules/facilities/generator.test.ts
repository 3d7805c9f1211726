import { describe, expect, it } from 'vitest';
import { isAccreditationCode } from '../../../shared/facilities.js';
import { isSpecialtyCode, isSubspecialtyCode } from '../../../shared/specialists.js';
import { isSupportedTimeZone } from '../../../shared/timeZones.js';
import { generateRegister } from './generator.js';

describe('the generated register', () => {
  it('is the same for the same seed, and another for another seed', () => {
    const first = [...generateRegister({ seed: 7, count: 300 })];
    const again = [...generateRegister({ seed: 7, count: 300 })];
    const other = [...generateRegister({ seed: 8, count: 300 })];
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('holds 20,000 facilities on real cities, each valid as an import would check it', () => {
    const register = [...generateRegister({ seed: 42, count: 20_000 })];
    expect(register).toHaveLength(20_000);
    expect(new Set(register.map((facility) => facility.externalId)).size).toBe(20_000);
    const zones = new Set(register.map((facility) => facility.timeZone));
    for (const zone of zones) expect(isSupportedTimeZone(zone), zone).toBe(true);
    const faults = register.flatMap((facility) => [
      ...facility.services.filter((code) => !isSpecialtyCode(code) && !isSubspecialtyCode(code)),
      ...facility.accreditations.filter((code) => !isAccreditationCode(code)),
      ...(facility.latitude < -90 || facility.latitude > 90 ? [`latitude ${facility.latitude}`] : []),
      ...(/^\+\d{7,15}$/.test(facility.phone ?? '') ? [] : [`phone ${facility.phone}`]),
    ]);
    expect(faults).toEqual([]);
    // Real cities in their own zones: Dubai's facilities keep Dubai's clock, Madrid's Madrid's.
    expect(register.find((facility) => facility.city === 'Dubai')?.timeZone).toBe('Asia/Dubai');
    expect(register.find((facility) => facility.city === 'Madrid')?.timeZone).toBe('Europe/Madrid');
  });

  it('gives each country its own mix of languages, accreditation and working week', () => {
    const register = [...generateRegister({ seed: 3, count: 4_000, countries: ['AE', 'DE'] })];
    const emirates = register.filter((facility) => facility.country === 'AE');
    const germany = register.filter((facility) => facility.country === 'DE');
    expect(emirates.every((facility) => facility.languages[0] === 'ar')).toBe(true);
    expect(germany.every((facility) => facility.languages[0] === 'de')).toBe(true);
    const share = (list: typeof register, test: (facility: (typeof register)[number]) => boolean) =>
      list.filter(test).length / list.length;
    expect(share(emirates, (facility) => facility.directBilling)).toBeGreaterThan(
      share(germany, (facility) => facility.directBilling),
    );
    expect(share(emirates, (facility) => facility.accreditations.includes('DHA'))).toBeGreaterThan(0.3);
    expect(germany.some((facility) => facility.accreditations.includes('DHA'))).toBe(false);
    // The Gulf's clinics rest on Friday (ISO day 5), Germany's on Sunday (day 7).
    const clinicsOpenOn = (list: typeof register, day: number) =>
      share(
        list.filter((facility) => facility.openingHours.length < 7),
        (facility) => facility.openingHours.some((period) => period.day === day && period.opens < '12:00'),
      );
    expect(clinicsOpenOn(emirates, 5)).toBe(0);
    expect(clinicsOpenOn(germany, 7)).toBe(0);
    expect(clinicsOpenOn(emirates, 7)).toBe(1);
  });
});
