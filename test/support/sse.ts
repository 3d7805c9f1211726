import type { Browser } from './client.js';

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: any;
}

export interface SseStream {
  status: number;
  contentType: string | null;
  /** Every event received so far, in order. */
  events: SseEvent[];
  /** How many heartbeat comments arrived. */
  comments: number;
  /**
   * The next event (after those already taken) that matches; `patienceMs` only bounds a failure,
   * the event itself is awaited as it arrives.
   */
  next(match: string | ((event: SseEvent) => boolean), patienceMs?: number): Promise<SseEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/**
 * Opens a case stream the way a browser's EventSource does (fetch, body read as a stream), with
 * the person's cookies; `baseUrl` points it at another instance.
 */
export async function openSse(
  browser: Browser,
  path: string,
  options: { lastEventId?: string; baseUrl?: string } = {},
): Promise<SseStream> {
  const baseUrl = options.baseUrl ?? browser.baseUrl;
  const controller = new AbortController();
  const response = await fetch(new URL(path, baseUrl), {
    headers: {
      accept: 'text/event-stream',
      origin: baseUrl,
      cookie: browser.cookieHeader(),
      ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
    },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let taken = 0;
  let comments = 0;
  let finished = false;
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };

  const ended = (async () => {
    if (!response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let boundary: number;
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const fields = { id: undefined as string | undefined, event: 'message', data: [] as string[] };
          let isComment = true;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            const name = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (name === 'id') fields.id = value;
            else if (name === 'event') fields.event = value;
            else if (name === 'data') fields.data.push(value);
            else continue;
            isComment = false;
          }
          if (isComment) comments += 1;
          else if (fields.data.length > 0)
            events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data.join('\n')) });
          notify();
        }
      }
    } catch {
      // Aborted by the test.
    } finally {
      finished = true;
      notify();
    }
  })();

  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
    get comments() {
      return comments;
    },
    ended,
    close: () => controller.abort(),
    next(match, patienceMs = 10_000) {
      const matches = typeof match === 'string' ? (event: SseEvent) => event.event === match : match;
      return new Promise<SseEvent>((resolve, reject) => {
        const check = () => {
          for (let index = taken; index < events.length; index += 1) {
            if (matches(events[index]!)) {
              taken = index + 1;
              cleanup();
              resolve(events[index]!);
              return;
            }
          }
          if (finished) {
            cleanup();
            reject(new Error(`the stream ended before the event arrived; got ${JSON.stringify(events)}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching event within ${patienceMs} ms; got ${JSON.stringify(events)}`));
        }, patienceMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}
