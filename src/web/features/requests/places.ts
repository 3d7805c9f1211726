import { countryCodes } from '../../../shared/countries.js';
import { timeZoneCity } from '../../../shared/display.js';
import { timeZoneIds } from '../../../shared/timeZones.js';
import { zoneName } from '../../app/format.js';

/** Every country ISO 3166-1 assigns a code to today, once each, named in the reader's language, sorted. */
export function countryOptions(locale: string): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  const collator = new Intl.Collator(locale);
  return countryCodes
    .map((code) => ({ value: code, label: names.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

/**
 * Every time zone by its current IANA name, labelled for the reader: the place it is named after
 * and its name in the reader's language ("Kolkata (India Standard Time)"). Made once per language:
 * naming some four hundred zones takes a moment.
 */
export function timeZoneOptions(locale: string): { value: string; label: string }[] {
  return timeZoneIds().map((zone) => ({
    value: zone,
    label: zone === 'UTC' ? 'UTC' : `${timeZoneCity(zone)} (${zoneName(zone, locale)})`,
  }));
}
