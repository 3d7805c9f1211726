import type { Bundle } from 'fhir/r4.js';
import type { RequestContext } from '../../platform/context.js';
import { exportCase, exportCaseForDataSubject, type DataSubjectRequest } from './service.js';

/**
 * The interop room's public face. `caseBundle` is the FHIR R4 Bundle of a case as the actor may
 * export it (404 otherwise), audited like the HTTP export; the documents' content stays behind
 * links to the download endpoint.
 */
export const caseBundle = (ctx: RequestContext, caseId: string): Promise<Bundle> => exportCase(ctx, caseId);

/**
 * The FHIR R4 Bundle of one of the data subject's own cases, for the archive the privacy room
 * builds on the member's verified request (404 for a case that is not theirs); audited with the
 * request's id. `contentUrl` says where each document's content is (its place in the archive).
 */
export const caseBundleForDataSubject = (
  ctx: RequestContext,
  request: DataSubjectRequest,
  caseId: string,
  contentUrl: (documentId: string) => string,
): Promise<Bundle> => exportCaseForDataSubject(ctx, request, caseId, contentUrl);
export type { DataSubjectRequest };
