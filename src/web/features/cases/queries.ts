import { queryOptions } from '@tanstack/react-query';
import { api, queryKeys } from '../../api/endpoints';

/**
 * The reads a member's case page shows first, as one definition for the page and for the early
 * reads that start them before its code has loaded (so both find the same entry in the cache).
 */
export const memberCaseQueries = {
  case: (id: string) => queryOptions({ queryKey: queryKeys.case(id), queryFn: () => api.case(id) }),
  events: (id: string) =>
    queryOptions({ queryKey: queryKeys.caseEvents(id), queryFn: () => api.caseEvents(id) }),
  messages: (id: string) =>
    queryOptions({
      queryKey: queryKeys.messages(id),
      queryFn: () => api.messages(id),
      // The stream keeps the thread fresh; a refetch would only race with it.
      staleTime: Infinity,
    }),
};
