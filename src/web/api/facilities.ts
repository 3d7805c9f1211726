import type { z } from 'zod';
import type { FacilitySearch, FacilitySearchResult } from '../../shared/facilities';
import { request } from './client';

/** The facility finder, for the case manager's workspace (and later the member's pages). */
export const facilitiesApi = {
  search: (search: z.input<typeof FacilitySearch>) =>
    request<FacilitySearchResult>('POST', '/api/v1/facility-searches', search),
};

export const facilityKeys = {
  search: (search: z.input<typeof FacilitySearch>) => ['facility-searches', search] as const,
};
