import type { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { queryKeys } from '../../api/endpoints';

/** Everything loaded about one case is read again (after a change, or a change by someone else). */
export const refreshCase = (client: QueryClient, caseId: string) =>
  client.invalidateQueries({ queryKey: queryKeys.case(caseId) });

/** Someone else changed the case since this screen read it: the write was refused, nothing changed. */
export const isConflict = (error: unknown) =>
  error instanceof ApiError && error.status === 409 && error.code === 'resource.version_conflict';
