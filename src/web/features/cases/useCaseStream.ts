import { useEffect, useRef, useState } from 'react';
import type { CaseMessage } from '../../../shared/messaging';
import type { CaseEvent } from '../../api/endpoints';
import { referralStreamEvents } from '../../../shared/referral-events';

/** A timeline entry as the stream sends it; a document upload also names the document. */
export type StreamedEvent = CaseEvent & { documentId?: string | null; kind?: string | null };

export interface CaseStreamHandlers {
  /** A message arrived (it may also be in a page already read: keep one per `id`). */
  onMessage?: (message: CaseMessage) => void;
  /** The case moved to another status. */
  onStatusChanged?: (event: StreamedEvent) => void;
  /** A record was added to the case (by either side). */
  onDocumentUploaded?: (event: StreamedEvent) => void;
  /** Any other timeline entry (a record asked for, a call proposed...). */
  onEventAdded?: (event: StreamedEvent) => void;
  /** A referral of the case, or its pre-authorisation, changed (`referral.*`, `preauthorisation.*`). */
  onReferralChanged?: (event: StreamedEvent & { referralId: string | null }) => void;
  /** The server refused the stream (the session ended, or the case is not visible any more). */
  onRefused?: () => void;
}

/** `connecting` until the first event, `live` while open, `reconnecting` after a drop. */
export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'closed';

/**
 * The live stream of a case (`GET /api/v1/cases/:id/stream`, Server-Sent Events), for the member
 * and staff pages alike. It opens after `after` (the `streamPosition` of the page just read), so
 * nothing between that read and the stream is missed; after a dropped connection the browser
 * reconnects by itself with `Last-Event-ID`, and the server sends exactly what was missed.
 *
 * Pass `after: null` to wait (e.g. until the first page of messages is read). The handlers may
 * change between renders without reopening the stream.
 */
export function useCaseStream(
  caseId: string,
  after: number | null,
  handlers: CaseStreamHandlers,
): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  const ready = after !== null;
  // The position is read once, when the stream opens: later positions come with the events.
  const start = useRef(after);
  if (start.current === null) start.current = after;

  useEffect(() => {
    if (!ready || typeof EventSource === 'undefined') return;
    const url = `/api/v1/cases/${encodeURIComponent(caseId)}/stream?after=${start.current ?? 0}`;
    const source = new EventSource(url, { withCredentials: true });
    const parse = <T>(event: Event): T | null => {
      try {
        return JSON.parse((event as MessageEvent<string>).data) as T;
      } catch {
        return null;
      }
    };
    const on = <T>(name: string, deliver: (data: T) => void) =>
      source.addEventListener(name, (event) => {
        setState('live');
        const data = parse<T>(event);
        if (data !== null) deliver(data);
      });
    on('stream.opened', () => undefined);
    on<CaseMessage>('message.created', (message) => latest.current.onMessage?.(message));
    on<StreamedEvent>('case.status_changed', (entry) => latest.current.onStatusChanged?.(entry));
    on<StreamedEvent>('document.uploaded', (entry) => latest.current.onDocumentUploaded?.(entry));
    on<StreamedEvent>('case.event_added', (entry) => latest.current.onEventAdded?.(entry));
    for (const name of referralStreamEvents)
      on<StreamedEvent & { referralId: string | null }>(name, (entry) =>
        latest.current.onReferralChanged?.(entry),
      );
    source.onopen = () => setState('live');
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // A refusal (401, 404) is final for EventSource: it does not retry by itself.
        setState('closed');
        latest.current.onRefused?.();
      } else {
        setState('reconnecting');
      }
    };
    return () => source.close();
  }, [caseId, ready]);

  return state;
}
