import type { ErrorEntry } from './entry.js';

/** The expected failures of the facilities room, each with its stable code (see ../errors.ts). */
export const facilitiesErrors = {
  'facility_import.rejected': {
    status: 422,
    title: 'Nothing was imported: the report lists every row or entry that was refused and why.',
  },
  'facility_search.unknown_city': {
    status: 422,
    title: 'This city is not one we know in that country: search near a point or in the country.',
  },
  'facility.billing_date_without_direct_billing': {
    status: 422,
    title: 'A direct-billing date is given for a facility that does not bill the insurer directly.',
  },
} as const satisfies Record<string, ErrorEntry>;
