import type { Bundle } from 'fhir/r4.js';
import type { RequestContext } from '../../platform/context.js';
import { exportCase } from './service.js';

/**
 * The interop room's public face. `caseBundle` is the FHIR R4 Bundle of a case as the actor may
 * export it (404 otherwise), audited like the HTTP export; the documents' content stays behind
 * links to the download endpoint.
 */
export const caseBundle = (ctx: RequestContext, caseId: string): Promise<Bundle> => exportCase(ctx, caseId);
