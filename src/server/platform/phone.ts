import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { PhoneNumber } from '../../shared/identity.js';
import { AppError } from './errors.js';

/**
 * Phone numbers as people write them, read by libphonenumber's rules for their country (the full
 * metadata, so that a number of the right length but of no real range is refused too) and kept in
 * E.164. A number is personal data: it never goes into an error's words or a log line.
 */

/** The number in E.164, read for `country` when it has no '+'; null when it is not a real number. */
export function toE164(written: string, country: string | null | undefined): string | null {
  const parsed = parsePhoneNumberFromString(written, {
    defaultCountry: (country ?? undefined) as CountryCode | undefined,
    extract: false,
  });
  return parsed?.isValid() ? parsed.number : null;
}

/** The number in E.164, or the refusal `request.phone_invalid` under `path` (changing nothing). */
export function requireE164(written: string, country: string | null | undefined, path: string): string {
  const e164 = toE164(written, country);
  if (e164) return e164;
  throw new AppError('request.phone_invalid', {
    errors: [{ path, code: 'phone_invalid', message: 'is not a phone number of the country given' }],
  });
}

/** A kept number as answers carry it: E.164 for a `tel:` link, and written for reading. */
export function presentPhone(e164: string | null): PhoneNumber | null {
  if (!e164) return null;
  const parsed = parsePhoneNumberFromString(e164);
  return { e164, international: parsed?.formatInternational() ?? e164 };
}

/**
 * The phone numbers written in a text (as typed, in the order they appear): international ones,
 * and national ones of each country given (a text in Spanish is read for Spain's numbers too).
 */
export function phoneNumbersIn(text: string, countries: readonly string[]): string[] {
  const found = new Map<number, string>();
  for (const country of [undefined, ...countries]) {
    for (const match of findPhoneNumbersInText(text, { defaultCountry: country as CountryCode | undefined }))
      if (!found.has(match.startsAt)) found.set(match.startsAt, text.slice(match.startsAt, match.endsAt));
  }
  return [...found.entries()].sort(([a], [b]) => a - b).map(([, written]) => written);
}
