/**
 * What two spellings of one doctor's or institution's name have in common: lower case, accents
 * and punctuation gone, titles and degrees dropped. "Prof. Dr. José Núñez-García, MD" and
 * "jose nunez garcia" give the same key, which is what the first-opinion exclusion compares.
 */
const honorifics = new Set([
  'dr',
  'dra',
  'drs',
  'doctor',
  'doctora',
  'prof',
  'professor',
  'pr',
  'md',
  'phd',
  'mbbs',
  'frcs',
  'frcp',
  'facs',
  'facp',
  'mr',
  'mrs',
  'ms',
  'mme',
  'sr',
  'sra',
  'herr',
  'frau',
  'med',
  'dott',
  'dottssa',
]);

export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word !== '' && !honorifics.has(word))
    .join(' ');
}
