import type {
  AddendumSubmission,
  AddendumSummaryEntry,
  FollowupAnswer,
  DeskFollowup,
  FollowupList,
  FollowupQuestion,
  FollowupQuestionCreation,
} from '../../../shared/followups';
import { request } from '../../api/client';

/** Follow-up questions after the opinion: the case's list, forwarding, and the desk's answers. */
const ofCase = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/followups`;

export const followupKeys = {
  ofCase: (caseId: string) => ['cases', caseId, 'followups'] as const,
  ofOffer: (offerId: string) => ['desk', offerId, 'followups'] as const,
};

export const followupsApi = {
  list: (caseId: string) => request<FollowupList>('GET', ofCase(caseId)),
  forward: (caseId: string, body: FollowupQuestionCreation, idempotencyKey: string) =>
    request<FollowupQuestion>('POST', ofCase(caseId), body, {
      headers: { 'idempotency-key': idempotencyKey },
    }),
  summarise: (caseId: string, answerId: string, body: AddendumSummaryEntry) =>
    request<FollowupAnswer>(
      'PUT',
      `/api/v1/cases/${encodeURIComponent(caseId)}/followup-answers/${encodeURIComponent(answerId)}/summary`,
      body,
    ),
  desk: (offerId: string) =>
    request<{ items: DeskFollowup[] }>('GET', `/api/v1/desk/offers/${encodeURIComponent(offerId)}/followups`),
  answer: (recipientId: string, body: AddendumSubmission, idempotencyKey: string) =>
    request<DeskFollowup>('POST', `/api/v1/desk/followups/${encodeURIComponent(recipientId)}/addenda`, body, {
      headers: { 'idempotency-key': idempotencyKey },
    }),
};
