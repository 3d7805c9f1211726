import { getTimezone } from 'countries-and-timezones';

/**
 * IANA time zones as the product stores and offers them: by their current names. Runtimes still
 * list some zones by names the tz database has since renamed (Node's and Chromium's ICU list
 * "Asia/Calcutta", not "Asia/Kolkata"; "Europe/Kiev", not "Europe/Kyiv"), and a browser may
 * report either. The tz database's own table of renamed zones (through `countries-and-timezones`)
 * turns an old name into the current one.
 */

function acceptedByRuntime(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The current IANA name of a zone ("Asia/Calcutta" → "Asia/Kolkata"); UTC stays "UTC". */
export function canonicalTimeZone(timeZone: string): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
  const current = getTimezone(timeZone)?.aliasOf;
  return current && current !== 'Etc/UTC' && acceptedByRuntime(current) ? current : timeZone;
}

let supported: Set<string> | undefined;

/** Whether a zone is one a person can be in: listed by the runtime, or the current name of one. */
export function isSupportedTimeZone(timeZone: string): boolean {
  if (!supported) {
    const listed = ['UTC', ...Intl.supportedValuesOf('timeZone')];
    supported = new Set([...listed, ...listed.map(canonicalTimeZone)]);
  }
  return supported.has(timeZone);
}

/** Every zone the runtime lists, once each, by its current name, sorted; UTC first. */
export function timeZoneIds(): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    // An old runtime: UTC alone.
  }
  const current = new Set(zones.map(canonicalTimeZone));
  current.delete('UTC');
  return ['UTC', ...[...current].sort()];
}
