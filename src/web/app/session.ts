import { QueryCache, QueryClient, MutationCache, queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { api, queryKeys } from '../api/endpoints';
import { setReader } from './format';
import { setupPathFor, setupStepOfCode } from './setup';

/** Pages anyone may open; an ended session never sends the visitor away from these. */
export const publicPaths = [
  '/sign-in',
  '/sign-up',
  '/forgot-password',
  '/reset-password',
  '/verify-email',
  '/service-reviews',
];
/** Pages under these prefixes are public too: a treating provider's page (the link's token is its key). */
const publicPrefixes = ['/provider-records/'];
export const isPublicPath = (pathname: string) =>
  publicPaths.includes(pathname) || publicPrefixes.some((prefix) => pathname.startsWith(prefix));

/** Only a path of this app is a place to come back to: never another site (`//evil`, `https:`). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return isPublicPath(next.split('?')[0] ?? '') ? '/' : next;
}

export function signInPathFor(location: { pathname: string; search: string }, expired: boolean): string {
  const params = new URLSearchParams();
  const here = `${location.pathname}${location.search}`;
  if (here !== '/') params.set('next', here);
  if (expired) params.set('expired', '1');
  const query = params.toString();
  return query ? `/sign-in?${query}` : '/sign-in';
}

type Navigate = (to: string) => void;

/**
 * The query client. Any answer `401 auth.unauthenticated` (the session ended or was never there)
 * forgets what was loaded and sends the user to sign in, with the way back in `next`; an answer
 * that the account must first choose its password or turn on two-step sign-in sends it there.
 */
export function createQueryClient(navigate: () => Navigate): QueryClient {
  const onError = (error: unknown) => {
    if (!(error instanceof ApiError)) return;
    const { pathname, search } = window.location;
    const step = error.code ? setupStepOfCode[error.code] : undefined;
    if (step) {
      // The account is signed in but must first finish its setup: take it there.
      void client.invalidateQueries({ queryKey: queryKeys.me });
      if (pathname !== step) navigate()(setupPathFor(step, `${pathname}${search}`));
      return;
    }
    if (!error.sessionEnded) return;
    if (isPublicPath(pathname)) return;
    const wasSignedIn = Boolean(client.getQueryData(queryKeys.me));
    client.clear();
    navigate()(signInPathFor({ pathname, search }, wasSignedIn));
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A refused request is not retried; a lost connection is, twice.
        retry: (failures, error) => !(error instanceof ApiError) && failures < 2,
        refetchOnWindowFocus: true,
      },
    },
  });
  return client;
}

/** The signed-in account's read, for `useMe` and for the reads started before the first page. */
export const meQuery = queryOptions({ queryKey: queryKeys.me, queryFn: readMe, staleTime: 60_000 });

/**
 * On the pages for visitors (sign-in, sign-up) most who come are signed out: the session is asked
 * first, which answers a visitor without an error (a refused request would be logged by the
 * browser), and the visitor is told apart here as the API would (401 `auth.unauthenticated`).
 */
async function readMe() {
  if (isPublicPath(window.location.pathname) && !(await api.hasSession())) {
    throw new ApiError(401, {
      type: 'about:blank',
      title: 'Please sign in.',
      status: 401,
      code: 'auth.unauthenticated',
    });
  }
  const me = await api.me();
  // Dates are written with the reader's own region (en-GB, pt-BR) from now on.
  setReader({ locale: me.locale, country: me.country });
  return me;
}

/** The signed-in account; `null` data never happens: a visitor gets a 401 error instead. */
export function useMe() {
  return useQuery(meQuery);
}
