import { describe, expect, it } from 'vitest';
import {
  formatDateTime,
  formatList,
  formatPersonName,
  formattingLocale,
  regionalLocaleFrom,
  timeZoneName,
} from './display.js';
import { canonicalTimeZone, isSupportedTimeZone, timeZoneIds } from './timeZones.js';

const firstOfJune = new Date('2026-06-01T09:00:00Z');
const longDate = { dateStyle: 'long', timeZone: 'UTC' } as const;

describe('names, in the order they are written', () => {
  it('writes a Chinese name family name first, without a space, even in an English page', () => {
    expect(formatPersonName({ givenName: '娜', familyName: '李' })).toBe('李娜');
    expect(formatPersonName({ givenName: '娜', familyName: '李' }, 'en')).toBe('李娜');
  });

  it('writes Japanese and Korean names family name first too', () => {
    expect(formatPersonName({ givenName: '花子', familyName: '山田' })).toBe('山田花子');
    expect(formatPersonName({ givenName: '민준', familyName: '김' })).toBe('김민준');
  });

  it('orders a name in Latin letters by the language of the person it belongs to', () => {
    expect(formatPersonName({ givenName: 'Éva', familyName: 'Nagy' }, 'hu')).toBe('Nagy Éva');
    expect(formatPersonName({ givenName: 'Lan', familyName: 'Nguyễn' }, 'vi-VN')).toBe('Nguyễn Lan');
    // "Li Na" said by a member who reads Chinese; the same letters for an English reader, given name first.
    expect(formatPersonName({ givenName: 'Na', familyName: 'Li' }, 'zh-CN')).toBe('Li Na');
    expect(formatPersonName({ givenName: 'Na', familyName: 'Li' }, 'en')).toBe('Na Li');
    expect(formatPersonName({ givenName: 'Sophie', familyName: 'Martin' }, 'fr')).toBe('Sophie Martin');
    expect(formatPersonName({ givenName: 'Amira', familyName: 'Haddad' })).toBe('Amira Haddad');
  });

  it('leaves out a missing part rather than a stray space', () => {
    expect(formatPersonName({ givenName: ' Wei ', familyName: '' })).toBe('Wei');
  });
});

describe('dates in the reader’s language and region', () => {
  it('gives an English reader in the United Kingdom day before month, and one in the United States the other way', () => {
    expect(formattingLocale('en', 'GB')).toBe('en-GB');
    expect(formatDateTime(firstOfJune, formattingLocale('en', 'GB'), longDate)).toBe('1 June 2026');
    expect(formatDateTime(firstOfJune, formattingLocale('en', 'US'), longDate)).toBe('June 1, 2026');
    // A tag that names its region keeps it; an unknown country leaves the language alone.
    expect(formattingLocale('en-GB', 'US')).toBe('en-GB');
    expect(formattingLocale('pt', 'BR')).toBe('pt-BR');
    expect(formattingLocale('en', null)).toBe('en');
    expect(formattingLocale('not a tag', 'GB')).toBe('en');
  });

  it('takes the region from the browser’s own languages when the account does not say', () => {
    expect(regionalLocaleFrom('en', ['en-GB', 'en'])).toBe('en-GB');
    expect(regionalLocaleFrom('fr', ['en-GB', 'fr-CA'])).toBe('fr-CA');
    expect(regionalLocaleFrom('es', ['en-GB'])).toBe('es');
    // Traditional-script Chinese regions are not taken for the simplified product language.
    expect(regionalLocaleFrom('zh-CN', ['zh-TW'])).toBe('zh-CN');
  });

  it('writes the first of the month “1er” in French, and leaves other days and languages alone', () => {
    expect(formatDateTime(firstOfJune, 'fr', longDate)).toBe('1er juin 2026');
    expect(formatDateTime(firstOfJune, 'fr-CA', longDate)).toBe('1er juin 2026');
    expect(formatDateTime(new Date('2026-06-11T09:00:00Z'), 'fr', longDate)).toBe('11 juin 2026');
    expect(formatDateTime(firstOfJune, 'es', longDate)).toBe('1 de junio de 2026');
    // A numeric date has no ordinal.
    expect(formatDateTime(firstOfJune, 'fr', { dateStyle: 'short', timeZone: 'UTC' })).toBe('01/06/2026');
  });

  it('falls back to the runtime’s zone for an unknown one instead of failing', () => {
    expect(formatDateTime(firstOfJune, 'en', { dateStyle: 'long', timeZone: 'Mars/Olympus' })).toMatch(
      /2026/,
    );
  });
});

describe('lists joined as the reader’s language joins them', () => {
  const languages = ['English', 'Arabic', 'French'];
  it('never with a Latin comma in Arabic or Chinese', () => {
    expect(formatList(['الإنجليزية', 'العربية', 'الفرنسية'], 'ar')).toBe('الإنجليزية والعربية والفرنسية');
    expect(formatList(['英语', '阿拉伯语', '法语'], 'zh-CN')).toBe('英语、阿拉伯语和法语');
    expect(formatList(languages, 'en')).toBe('English, Arabic, and French');
    expect(formatList(languages, 'en-GB')).toBe('English, Arabic and French');
    expect(formatList(languages, 'es')).toBe('English, Arabic y French');
  });
});

describe('time zones, named and by their current names', () => {
  it('names a zone in the reader’s language, never by its IANA id, legacy ids included', () => {
    expect(timeZoneName('Asia/Calcutta', 'en')).toBe('India Standard Time');
    expect(timeZoneName('Asia/Kolkata', 'fr')).toBe('heure de l’Inde');
    expect(timeZoneName('Europe/Madrid', 'es')).toBe('hora de Europa central');
    expect(timeZoneName('America/Mexico_City', 'es-MX')).toBe('hora estándar central');
    expect(timeZoneName('UTC', 'en')).toBe('Coordinated Universal Time');
    expect(timeZoneName('Mars/Olympus', 'en')).toBe('Mars/Olympus');
  });

  it('stores and offers a renamed zone by its current name', () => {
    expect(canonicalTimeZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('Europe/Madrid')).toBe('Europe/Madrid');
    expect(canonicalTimeZone('Etc/UTC')).toBe('UTC');
    expect(isSupportedTimeZone('Asia/Kolkata')).toBe(true);
    expect(isSupportedTimeZone('Asia/Calcutta')).toBe(true);
    expect(isSupportedTimeZone('Mars/Olympus')).toBe(false);
    const offered = timeZoneIds();
    expect(offered[0]).toBe('UTC');
    expect(offered).toContain('Asia/Kolkata');
    expect(offered).not.toContain('Asia/Calcutta');
  });
});
