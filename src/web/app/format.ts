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
