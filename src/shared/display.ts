/**
 * How names, dates, lists and time zones read to a person, the same in the web app, in e-mails
 * and in the written report: every one of them goes through these functions. No zod and no data
 * tables here: the web app's first bundle reads this file.
 */

/**
 * The locale that formats dates and numbers for a reader: their language with their region, so
 * that an English reader in the United Kingdom reads "1 June 2026" and one in the United States
 * "June 1, 2026". A tag that already names a region keeps it; otherwise the country (ISO 3166-1)
 * is added when the runtime knows that combination; otherwise the language alone.
 */
export function formattingLocale(language: string | null | undefined, country?: string | null): string {
  const fallback = 'en';
  if (!language) return fallback;
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(language);
  } catch {
    return fallback;
  }
  if (!locale.region && country && /^[A-Z]{2}$/.test(country)) {
    try {
      const regional = new Intl.Locale(locale.baseName, { region: country }).toString();
      if (Intl.DateTimeFormat.supportedLocalesOf([regional]).length > 0) return regional;
    } catch {
      // A country the runtime does not take: the language alone.
    }
  }
  const tag = locale.toString();
  return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0 ? tag : fallback;
}

/**
 * The locale a browser would format in for a product language: the first of the browser's own
 * languages that is that language with a region (en-GB for English), else the language itself.
 */
export function regionalLocaleFrom(
  language: string,
  preferred: readonly (string | null | undefined)[],
): string {
  const base = language.split('-')[0]?.toLowerCase();
  for (const tag of preferred) {
    if (!tag) continue;
    try {
      const locale = new Intl.Locale(tag);
      if (locale.language !== base || !locale.region) continue;
      // Chinese is written in simplified characters here: a Taiwanese region would change script.
      if (base === 'zh' && !['CN', 'SG', 'MY'].includes(locale.region)) continue;
      return formattingLocale(locale.toString());
    } catch {
      continue;
    }
  }
  return formattingLocale(language);
}

// --- Dates.

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per locale and options, made once: making one is far dearer than using one. */
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = dateFormats.get(key);
  if (!formatter) dateFormats.set(key, (formatter = new Intl.DateTimeFormat(locale, options)));
  return formatter;
}

/**
 * French writes the first day of a month as an ordinal ("1er juin"), which CLDR's date patterns
 * do not: the day part is made "1er" where it is the numeric day 1 of a French date.
 */
function withFrenchFirst(parts: Intl.DateTimeFormatPart[], locale: string): string {
  const french = locale.split('-')[0]?.toLowerCase() === 'fr';
  const hasMonthName = parts.some((part) => part.type === 'month' && !/^\d+$/.test(part.value));
  return parts
    .map((part) => (french && hasMonthName && part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');
}

/** A date (and time) formatted with `options` in `locale`, French "1er" included. */
export function formatDateTime(date: Date, locale: string, options: Intl.DateTimeFormatOptions): string {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = dateTimeFormat(locale, options);
  } catch {
    // An unknown time zone: the runtime's own, rather than nothing.
    const { timeZone: _unknown, ...rest } = options;
    formatter = dateTimeFormat(locale, rest);
  }
  return withFrenchFirst(formatter.formatToParts(date), locale);
}

// --- Lists.

const listFormats = new Map<string, Intl.ListFormat>();

/**
 * Items joined as the reader's language joins them: "a, b and c", "a، b وc", "a、b和c" (never a
 * Latin comma in Arabic or Chinese). CLDR's "unit" lists are no fit for other lists: Chinese ones
 * run the items together.
 */
export function formatList(
  items: readonly string[],
  locale: string,
  type: 'conjunction' | 'disjunction' = 'conjunction',
): string {
  const key = `${locale}|${type}`;
  let formatter = listFormats.get(key);
  if (!formatter) listFormats.set(key, (formatter = new Intl.ListFormat(locale, { type })));
  return formatter.format(items);
}

// --- Time zones.

// The day a zone's name is read at: a recent one (in 1970 some zones had other names, such as
// "hora estándar de Europa central"), fixed so that a zone is named the same all year.
const NAMED_AT = new Date(Date.UTC(2026, 0, 15));

/**
 * How a zone is named: by its generic name ("Central European Time", the same in summer and in
 * winter); UTC has none (it would read "GMT+00:00") and is named in full.
 */
export const zoneNameStyle = (timeZone: string): 'long' | 'longGeneric' =>
  timeZone === 'UTC' || timeZone === 'Etc/UTC' ? 'long' : 'longGeneric';

/**
 * A time zone named in the reader's language ("India Standard Time", "heure de l’Inde"), legacy
 * IANA names included (the runtime knows Asia/Calcutta as Asia/Kolkata's alias); an id the
 * runtime does not know stays as it is.
 */
export function timeZoneName(timeZone: string, locale: string): string {
  try {
    const parts = dateTimeFormat(locale, { timeZone, timeZoneName: zoneNameStyle(timeZone) }).formatToParts(
      NAMED_AT,
    );
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** The place an IANA zone is named after, for telling apart zones of one name: "Kolkata", "Buenos Aires". */
export function timeZoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

// --- Names of people.

/**
 * Languages that write a person's family name first. The script of the name decides first (a
 * name in Han, kana or Hangul is written family name first, without a space, whatever the
 * reader's language); a name in another script is ordered by the language it is a name of, when
 * that is known (`nameLanguage`: the person's own stated language), else given name first.
 */
const familyFirstLanguages = new Set(['zh', 'ja', 'ko', 'hu', 'vi', 'mn', 'km', 'ug']);
const eastAsianScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export interface PersonName {
  givenName: string;
  familyName: string;
}

/** Whether a name is written family name first: by its script, else by its language. */
export function isFamilyNameFirst(name: PersonName, nameLanguage?: string | null): boolean {
  if (eastAsianScript.test(`${name.familyName}${name.givenName}`)) return true;
  const language = nameLanguage?.split(/[-_]/)[0]?.toLowerCase();
  return language !== undefined && familyFirstLanguages.has(language);
}

/**
 * A person's full name in the order their name is written: "Sophie Martin", "李娜" (family name
 * first and, in East Asian scripts, without a space), "Nagy Éva" for a Hungarian.
 */
export function formatPersonName(name: PersonName, nameLanguage?: string | null): string {
  const given = name.givenName.trim();
  const family = name.familyName.trim();
  if (!given || !family) return given || family;
  if (!isFamilyNameFirst(name, nameLanguage)) return `${given} ${family}`;
  const eastAsian = eastAsianScript.test(family) && eastAsianScript.test(given);
  return eastAsian ? `${family}${given}` : `${family} ${given}`;
}
