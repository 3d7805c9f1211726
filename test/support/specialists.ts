import { specialistColumns } from '../../src/server/modules/specialists/import.js';

/** The header every sample file here starts with: all the columns, in the documented order. */
export const csvHeader = specialistColumns.join(',');

/** One CSV row with sensible values; `overrides` replace columns by name. */
export function csvRow(overrides: Partial<Record<(typeof specialistColumns)[number], string>> = {}): string {
  const values: Record<string, string> = {
    name: 'Ana Torres',
    title: 'Dra.',
    institution: 'Hospital Clínic',
    country: 'ES',
    city: 'Barcelona',
    latitude: '41.3888',
    longitude: '2.159',
    licence_country: 'ES',
    licence_number: '08/12345',
    licensed_countries: 'ES;PT',
    languages: 'es;ca;en',
    specialties: 'IM',
    subspecialties: 'IM-CARD',
    conditions: 'I20-I25;IX',
    years_in_practice: '14',
    accepts_reviews: 'true',
    weekly_capacity: '4',
    fhir_identifier: '',
    reviews_completed: '31',
    median_turnaround_hours: '36.5',
    rating_average: '4.7',
    rating_count: '12',
    ...overrides,
  };
  return specialistColumns.map((column) => values[column] ?? '').join(',');
}
