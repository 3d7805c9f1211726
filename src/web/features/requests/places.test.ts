import { describe, expect, it } from 'vitest';
import { countryOptions } from './places.js';

describe('the country picker', () => {
  it('offers each country of today once, and no withdrawn or reserved code', () => {
    const options = countryOptions('en');
    const codes = options.map((option) => option.value);
    const labels = options.map((option) => option.label);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(labels).size).toBe(labels.length);
    // United Kingdom (not UK), Germany (not DD), Serbia (not CS, YU), France (not FX), Yemen (not YD).
    for (const withdrawn of ['UK', 'DD', 'CS', 'YU', 'FX', 'YD', 'SU', 'EU', 'UN', 'ZZ'])
      expect(codes).not.toContain(withdrawn);
    for (const name of ['United Kingdom', 'Germany', 'Serbia', 'France', 'Yemen'])
      expect(options.filter((option) => option.label === name)).toHaveLength(1);
    expect(options.find((option) => option.label === 'United Kingdom')?.value).toBe('GB');
    expect(options).toHaveLength(249);
  });

  it('names them in the reader’s language, in its order', () => {
    const arabic = countryOptions('ar');
    expect(arabic.find((option) => option.value === 'EG')?.label).toBe('مصر');
    expect(new Set(arabic.map((option) => option.label)).size).toBe(arabic.length);
  });
});
