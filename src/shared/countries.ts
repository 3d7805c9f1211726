import { iso31661 } from 'iso-3166';

/**
 * The countries ISO 3166-1 assigns a code to today, by their alpha-2 code, from a maintained copy
 * of the standard: codes withdrawn or only reserved (`UK`, `DD`, `FX`, `YD`, `CS`, `YU`, `SU`...)
 * are not among them, though browsers still put a name to some. No zod here: the web app's
 * pickers read this list.
 */
export const countryCodes: readonly string[] = iso31661.map((country) => country.alpha2).sort();

const assigned = new Set(countryCodes);

export const isCountryCode = (code: string): boolean => assigned.has(code);
