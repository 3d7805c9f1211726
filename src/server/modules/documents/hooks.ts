import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { createHook } from '../../platform/hooks.js';

/**
 * Other rooms' reactions when the member withdraws their consent to share records, run in the
 * transaction that withdraws it: the review room ends the case's review at once.
 */
export const sharingConsentWithdrawn = createHook<[tx: Tx, ctx: RequestContext, caseId: string]>();
