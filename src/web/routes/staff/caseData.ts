import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError } from '../../api/client';
import { staffKeys } from '../../api/staff';
import { caseStreamEvents } from '../../../shared/messaging';

/** Everything loaded about one case is read again (after a change, or a change by someone else). */
export const refreshCase = (client: QueryClient, caseId: string) =>
  client.invalidateQueries({ queryKey: staffKeys.case(caseId) });

/** Someone else changed the case since this screen read it: the write was refused, nothing changed. */
export const isConflict = (error: unknown) =>
  error instanceof ApiError && error.status === 409 && error.code === 'resource.version_conflict';

/**
 * Follows the case's live stream: whatever happens on the case (a message, an upload, a change of
 * state) re-reads what this screen shows. EventSource reconnects by itself with Last-Event-ID.
 */
export function useCaseStream(caseId: string): void {
  const client = useQueryClient();
  useEffect(() => {
    const source = new EventSource(`/api/v1/cases/${encodeURIComponent(caseId)}/stream`);
    const onEvent = () => void refreshCase(client, caseId);
    const names = caseStreamEvents.filter((name) => name !== 'stream.opened');
    for (const name of names) source.addEventListener(name, onEvent);
    return () => {
      for (const name of names) source.removeEventListener(name, onEvent);
      source.close();
    };
  }, [caseId, client]);
}
