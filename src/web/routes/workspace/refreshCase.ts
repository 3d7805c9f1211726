import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/endpoints';

/** Everything loaded about one case is read again (after a change, or a change by someone else). */
export const refreshCase = (client: QueryClient, caseId: string) =>
  client.invalidateQueries({ queryKey: queryKeys.case(caseId) });
