import { describe, expect, it } from 'vitest';
import { formatNumber, languageName, regionName, withoutDirectionControls } from './format.js';

describe('numbers as the reader writes them', () => {
  it('groups and separates digits the way of the language', () => {
    expect(formatNumber(12345.5, 'en')).toBe('12,345.5');
    expect(formatNumber(12345.5, 'de')).toBe('12.345,5');
    // French groups with a narrow no-break space.
    expect(formatNumber(12345.5, 'fr')).toBe('12\u202f345,5');
  });

  it('writes a share as a percentage, with the options given', () => {
    expect(formatNumber(0.5, 'en', { style: 'percent' })).toBe('50%');
    expect(formatNumber(0.125, 'de', { style: 'percent', maximumFractionDigits: 1 })).toBe('12,5\u00a0%');
  });

  it('keeps one formatter per language and options: the same call reads the same', () => {
    expect(formatNumber(1000, 'en')).toBe(formatNumber(1000, 'en'));
    expect(formatNumber(1000, 'en', { style: 'percent' })).toBe('100,000%');
  });
});

describe("languages and countries named in the reader's language", () => {
  it('names a language and a country as the reader says them', () => {
    expect(languageName('es', 'fr')).toBe('espagnol');
    expect(languageName('de', 'en')).toBe('German');
    expect(regionName('DE', 'fr')).toBe('Allemagne');
    expect(regionName('MA', 'es')).toBe('Marruecos');
  });

  it('keeps what it cannot name as it was written, the same on a second call', () => {
    expect(languageName('not a tag', 'en')).toBe('not a tag');
    expect(regionName('ZZ', 'en')).toBe(regionName('ZZ', 'en'));
    // An unknown reader's language does not break the page: the code is shown.
    expect(languageName('es', '??')).toBe('es');
  });
});

describe('text a person wrote, as shown to another', () => {
  it('reads in its own order: the characters that would reverse or reorder it are not shown', () => {
    const question = 'Do I need surgery?\u202e ?yrgesrus deen I oD\u202c (\u2067مرحبا\u2069)';
    expect(withoutDirectionControls(question)).toBe('Do I need surgery? ?yrgesrus deen I oD (مرحبا)');
    for (const control of [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ])
      expect(withoutDirectionControls(`a${control}b`)).toBe('ab');
    // The marks reorder nothing around them and Arabic needs them: they stay.
    expect(withoutDirectionControls('أ\u200fب\u200e\u061cج')).toBe('أ\u200fب\u200e\u061cج');
  });
});
