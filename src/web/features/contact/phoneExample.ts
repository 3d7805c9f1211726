import { getExampleNumber, type CountryCode } from 'libphonenumber-js/min';
import examples from 'libphonenumber-js/mobile/examples';

/**
 * A mobile number of `country` as its people write it (Singapore: "8123 4567"), for the hint under
 * a phone box; null when the country is not known. The server reads the number with the same
 * rules (libphonenumber), for the same country, and says when it is not one.
 */
export function phoneExample(country: string | null | undefined): string | null {
  if (!country) return null;
  try {
    return getExampleNumber(country as CountryCode, examples)?.formatNational() ?? null;
  } catch {
    return null;
  }
}
