import type { FieldIssue } from '../../app/fieldErrors';
import { issuesOf } from '../../app/formCheck';
import { onDemand } from '../../app/onDemand';
import { requestBody, type RequestDraft } from './draft';

// The schema (with zod) is fetched when the form is first used, not with the page: `warmValidation`
// on the form's first focus, and `requestIssues` waits for it.
const caseSchemas = onDemand(() => import('../../../shared/cases'));
export const warmValidation = caseSchemas.warm;

/** What the server's schema finds wrong with the draft; rejects (a NetworkError) only when it cannot be fetched. */
export async function requestIssues(draft: RequestDraft): Promise<FieldIssue[]> {
  const { CaseRequest } = await caseSchemas.load();
  return issuesOf(CaseRequest, requestBody(draft));
}
