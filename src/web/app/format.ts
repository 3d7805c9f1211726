/** Dates as the member reads them: in their language and, for moments, in their time zone. */

/**
 * One formatter per language, time zone and style, made once: making an `Intl.DateTimeFormat` is
 * far dearer than using one, and a timeline formats dozens of moments in the same way.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${options.timeZone ?? ''}|${options.dateStyle ?? ''}|${options.timeStyle ?? ''}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(locale, options)));
  return formatter;
}

/** A moment (ISO 8601 in UTC) shown in the member's time zone. */
export function formatMoment(iso: string, locale: string, timeZone: string | undefined): string {
  try {
    return dateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));
  } catch {
    // An unknown time zone falls back to the browser's own.
    return dateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
  }
}

/** A calendar date (YYYY-MM-DD): the same day everywhere, so formatted in UTC. */
export function formatCalendarDate(date: string, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number as the reader writes it ("1,234", "1 234", "١٬٢٣٤"); with options, a percentage or a
 * unit. Formatters are made once per language and options, as for dates.
 */
export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = numberFormats.get(key);
  if (!formatter) numberFormats.set(key, (formatter = new Intl.NumberFormat(locale, options)));
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
