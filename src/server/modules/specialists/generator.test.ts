import { describe, expect, it } from 'vitest';
import { isSpecialtyCode, isSubspecialtyCode, specialtyByCode } from '../../../shared/specialists.js';
import { generateNetwork } from './generator.js';

const take = (seed: number, count: number) => [...generateNetwork({ seed, count })];

describe('the network generator', () => {
  it('makes the same network from the same seed, and another from another seed', () => {
    const first = take(42, 400);
    expect(take(42, 400)).toEqual(first);
    expect(take(43, 400)).not.toEqual(first);
    // A longer run starts as the shorter one did.
    expect(take(42, 600).slice(0, 400)).toEqual(first);
  });

  it('places specialists in real cities of their country and gives each a unique home licence', () => {
    const network = take(7, 2000);
    expect(new Set(network.map((entry) => `${entry.licence.country}|${entry.licence.number}`)).size).toBe(
      2000,
    );
    for (const entry of network) {
      expect(entry.licence.country).toBe(entry.country);
      expect(entry.licensedCountries[0]).toBe(entry.country);
      expect(Math.abs(entry.latitude)).toBeLessThanOrEqual(90);
      expect(entry.specialtyCodes.every(isSpecialtyCode)).toBe(true);
      for (const code of entry.subspecialtyCodes) {
        expect(isSubspecialtyCode(code)).toBe(true);
        expect(entry.specialtyCodes).toContain(specialtyByCode(code)?.parent);
      }
      expect(entry.activeReviews).toBeLessThanOrEqual(entry.weeklyCapacity);
    }
    const madrid = network.find((entry) => entry.city === 'Madrid');
    expect(madrid).toMatchObject({ country: 'ES' });
    expect(madrid?.latitude).toBeCloseTo(40.4, 0);
  });

  it('follows the country: languages of the country first, more specialists where the workforce is larger', () => {
    const network = take(11, 5000);
    const inCountry = (country: string) => network.filter((entry) => entry.country === country);
    for (const entry of inCountry('FR')) expect(entry.languages[0]).toBe('fr');
    for (const entry of inCountry('AE')) expect(entry.languages[0]).toBe('ar');
    expect(inCountry('US').length).toBeGreaterThan(inCountry('PT').length * 4);
    const internists = network.filter((entry) => entry.specialtyCodes.includes('IM')).length;
    const geneticists = network.filter((entry) => entry.specialtyCodes.includes('MG')).length;
    expect(internists).toBeGreaterThan(geneticists * 10);
  });

  it('gives each country the specialty mix of its workforce: family doctors where they are the gatekeepers', () => {
    const network = take(12, 40_000);
    const share = (country: string, code: string) => {
      const local = network.filter((entry) => entry.country === country);
      return local.filter((entry) => entry.specialtyCodes.includes(code)).length / local.length;
    };
    // General practice is a large share of doctors in the United Kingdom, a small one in China.
    expect(share('GB', 'FM')).toBeGreaterThan(0.15);
    expect(share('CN', 'FM')).toBeLessThan(0.05);
    expect(share('GB', 'FM')).toBeGreaterThan(share('CN', 'FM') * 5);
    // Paediatricians weigh more where the population is young.
    expect(share('EG', 'PE')).toBeGreaterThan(share('DE', 'PE'));
  });
});
