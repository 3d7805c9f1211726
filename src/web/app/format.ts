import {
  formatDateTime,
  formatList,
  formattingLocale,
  regionalLocaleFrom,
  timeZoneName,
} from '../../shared/display.js';

/**
 * Dates and numbers as the reader reads them: in their language with their region's habits
 * (en-GB writes "1 June 2026", en-US "June 1, 2026") and, for moments, in their time zone.
 */

/** The signed-in person's own language and country, which decide the region once known. */
let reader: { locale: string; country: string | null } | undefined;

/** Tells the formatters whose dates they write (the account read); `undefined` when signed out. */
export function setReader(next: { locale: string; country: string | null } | undefined): void {
  reader = next;
  regional.clear();
}

const regional = new Map<string, string>();

/**
 * The full locale that formats for a product language: the reader's own language and country
 * when they are of this language and say a region, else the browser's own region for that
 * language, else the language alone.
 */
export function regionalLocale(language: string): string {
  const known = regional.get(language);
  if (known) return known;
  const base = language.split('-')[0];
  let locale: string;
  const browser = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  const own =
    reader && reader.locale.split('-')[0] === base ? formattingLocale(reader.locale, reader.country) : null;
  // The account's own region when it says one (by its tag or its country), else the browser's.
  locale = own && own.includes('-') ? own : regionalLocaleFrom(language, browser);
  // Chinese is written in simplified characters here, whatever the reader's region says.
  if (base === 'zh' && !locale.startsWith('zh')) locale = language;
  regional.set(language, locale);
  return locale;
}

/** A moment (ISO 8601 in UTC) shown in the member's time zone. */
export function formatMoment(iso: string, locale: string, timeZone: string | undefined): string {
  return formatDateTime(new Date(iso), regionalLocale(locale), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  });
}

/** A calendar date (YYYY-MM-DD): the same day everywhere, so formatted in UTC. */
export function formatCalendarDate(date: string, locale: string): string {
  return formatDateTime(new Date(`${date}T00:00:00Z`), regionalLocale(locale), {
    dateStyle: 'long',
    timeZone: 'UTC',
  });
}

/** A time zone named in the reader's language ("India Standard Time"), never as an IANA id. */
export const zoneName = (timeZone: string, locale: string): string =>
  timeZoneName(timeZone, regionalLocale(locale));

/** Items joined as the reader's language joins a list ("a, b and c", "a، b وc", "a、b和c"). */
export const listOf = (items: readonly string[], locale: string): string =>
  formatList(items, regionalLocale(locale));

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number as the reader writes it ("1,234", "1 234", "١٬٢٣٤"); with options, a percentage or a
 * unit. Formatters are made once per language and options, as for dates.
 */
export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
  const full = regionalLocale(locale);
  const key = `${full}|${JSON.stringify(options)}`;
  let formatter = numberFormats.get(key);
  if (!formatter) numberFormats.set(key, (formatter = new Intl.NumberFormat(full, options)));
  return formatter.format(value);
}

const displayNames = new Map<string, Intl.DisplayNames | null>();

/**
 * Names of languages and regions in the reader's language, one `Intl.DisplayNames` per language
 * and kind, made once: making one loads the locale's data and costs tens of milliseconds on a
 * phone, which the case page paid on every render. A code the browser does not know stays a code.
 */
function displayName(type: 'language' | 'region', code: string, locale: string): string {
  const key = `${type}|${locale}`;
  let names = displayNames.get(key);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale], { type });
    } catch {
      names = null;
    }
    displayNames.set(key, names);
  }
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** A language tag named in the reader's language ("es" → "Spanish" / "espagnol"). */
export const languageName = (tag: string, locale: string): string => displayName('language', tag, locale);

/** A country code (ISO 3166-1) named in the reader's language ("DE" → "Germany" / "Allemagne"). */
export const regionName = (code: string, locale: string): string => displayName('region', code, locale);

/** A file size in the member's language: "1,5 Mo", "200 MB". */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return formatNumber(value, locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  });
}

/**
 * A left-to-right token (a case number, a code) kept whole inside a sentence of any direction:
 * Unicode first-strong isolation, so "SMO-2026-000003" reads the same in an Arabic heading.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

// The characters that reorder the text after them until closed: embeddings, overrides, isolates.
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * What a person wrote, as shown to another: without the characters that would make it read
 * backwards or reorder it (the stored text keeps them exactly); show it in `<bdi dir="auto">`
 * (`UserText`) so that its own direction does not spill into the page around it.
 */
export const withoutDirectionControls = (text: string): string => text.replace(DIRECTION_CONTROLS, '');
