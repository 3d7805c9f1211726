import { NetworkError } from '../api/client';

/**
 * A module fetched the first time it is needed rather than with the page: `load()` fetches it
 * once (a failed fetch is tried again on the next call) and `warm()` starts the fetch without
 * waiting, for the moment a form is first used. Forms get the server's schemas this way, so that
 * zod (about 25 KB gzip) is not part of any page's first download. A module that cannot be
 * fetched is reported as a lost connection (ErrorNotice says so in the member's words).
 */
export interface OnDemand<T> {
  load(): Promise<T>;
  warm(): void;
  /** The module once fetched, to render it at once rather than through React.lazy (which waits a tick). */
  current(): T | undefined;
}

export function onDemand<T>(fetchModule: () => Promise<T>): OnDemand<T> {
  let pending: Promise<T> | undefined;
  let fetched: T | undefined;
  const load = () => {
    pending ??= fetchModule().then(
      (module) => (fetched = module),
      (error: unknown) => {
        pending = undefined;
        throw new NetworkError(error);
      },
    );
    return pending;
  };
  return {
    load,
    warm: () => {
      // A failure is reported by the `load()` that needs the module, not here.
      load().catch(() => undefined);
    },
    current: () => fetched,
  };
}
