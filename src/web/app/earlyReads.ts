import type { QueryClient } from '@tanstack/react-query';
import { memberCaseQueries } from '../features/cases/queries';
import { isPublicPath, meQuery } from './session';

const MEMBER_CASE_PAGE = /^\/cases\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/**
 * Puts the reads the first page needs into the query cache while the page's own code is still
 * loading, so that the network and the scripts overlap instead of following each other (on a slow
 * phone the scripts alone take most of a second). The requests themselves were started by the
 * page's HTML (`public/early-reads.js`); the API client takes their answers. The page's queries
 * then find these answers, or these requests in flight, under the same keys. Only what the page itself reads first is read, and only for the
 * account the page is for: a member's case page reads the case, its timeline and its messages
 * once the account is known to be a member's, so nobody else's opening of the address causes a
 * read of a case they would not have shown.
 */
export function startEarlyReads(client: QueryClient, pathname: string): void {
  if (isPublicPath(pathname)) return;
  const me = client.fetchQuery(meQuery);
  const caseId = MEMBER_CASE_PAGE.exec(pathname)?.[1];
  if (!caseId) {
    me.catch(() => undefined);
    return;
  }
  // The page's code too: it starts loading now, before the router has matched the address.
  void import('../routes/member/CasePage').catch(() => undefined);
  me.then(
    (account) => {
      if (account.role !== 'member') return;
      void client.prefetchQuery(memberCaseQueries.case(caseId));
      void client.prefetchQuery(memberCaseQueries.events(caseId));
      void client.prefetchQuery(memberCaseQueries.messages(caseId));
    },
    // A visitor (401) or a lost connection: the page's own reads say so when it renders.
    () => undefined,
  );
}
