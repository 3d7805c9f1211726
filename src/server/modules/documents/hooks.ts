import type { RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { createHook } from '../../platform/hooks.js';

/**
 * Other rooms' reactions when the member withdraws their consent to share records, run in the
 * transaction that withdraws it: the review room ends the case's review at once.
 */
export const sharingConsentWithdrawn = createHook<[tx: Tx, ctx: RequestContext, caseId: string]>();

/**
 * Blobs of the document store that other rooms own (the member's export archives): the orphan
 * sweeper asks each registered owner which of a batch of keys are theirs before removing any.
 */
export const blobOwners = (() => {
  const owners = new Map<string, (db: Queryable, keys: string[]) => Promise<Set<string>>>();
  return {
    register(name: string, owns: (db: Queryable, keys: string[]) => Promise<Set<string>>): void {
      owners.set(name, owns);
    },
    async owned(db: Queryable, keys: string[]): Promise<Set<string>> {
      const found = new Set<string>();
      for (const owns of owners.values()) for (const key of await owns(db, keys)) found.add(key);
      return found;
    },
  };
})();
