import type { WithoutReviewReason } from '../../shared/opinion-layers';
import type { z } from 'zod';
import type {
  CallConfirmation,
  CallProposal,
  CaseDetail,
  CaseStatus,
  CaseSummary,
  Closure,
  ContactEntry,
  ContactRecord,
  FollowUpPlan,
  Reassignment,
  RecommendationsDraft,
} from '../../shared/cases';
import type { CaseDocument, RecordRequest, RecordRequestCreation } from '../../shared/documents';
import type {
  StaffAbsenceCreation,
  StaffCreation,
  StaffMember,
  StaffMemberDetail,
  StaffUpdate,
} from '../../shared/identity';
import type {
  OpinionRating,
  OpinionRatingCreation,
  Review,
  ReviewOfferCreation,
  ReviewRequestCreation,
} from '../../shared/reviews';
import type { SlaDashboard, SlaSettingsView } from '../../shared/sla';
import type { Specialist, SpecialistMatch, SpecialistMatchSearch, Urgency } from '../../shared/specialists';
import { request, type Page } from './client';
import type { FollowUp, Recommendations, ScheduledCall } from './endpoints';

/**
 * The endpoints only the case manager's workspace and the operations console use, typed by the
 * shared schemas like those in endpoints.ts (whose reads of a case they share); a module of their
 * own so that the member's first page does not carry them.
 */

/** The case manager's queue: filters as in the page's address. */
export interface QueueFilters {
  status?: CaseStatus;
  language?: string;
  interpreterNeeded?: boolean;
  cursor?: string;
}

function queueQuery(filters: QueueFilters): string {
  const query = new URLSearchParams({ assigned: 'me', sort: 'deadline', limit: '25' });
  if (filters.status) query.set('status', filters.status);
  if (filters.language) query.set('language', filters.language);
  if (filters.interpreterNeeded !== undefined)
    query.set('interpreterNeeded', String(filters.interpreterNeeded));
  if (filters.cursor) query.set('cursor', filters.cursor);
  return query.toString();
}

/** A search of the network for a case (`POST /api/v1/cases/:id/specialist-matches`). */
export interface MatchSearch {
  condition: string;
  specialty: string[];
  languages: string[];
  regions: string[];
  urgency: Urgency;
  nearby: boolean;
  includeFull: boolean;
  limit: number;
}

/** The search as the API takes it: its body (the condition never goes into an address). */
export function matchBody(search: MatchSearch): z.input<typeof SpecialistMatchSearch> {
  return {
    urgency: search.urgency,
    nearby: search.nearby,
    includeFull: search.includeFull,
    limit: search.limit,
    ...(search.condition.trim() ? { condition: search.condition.trim() } : {}),
    ...(search.specialty.length > 0 ? { specialty: search.specialty } : {}),
    ...(search.languages.length > 0 ? { languages: search.languages } : {}),
    ...(search.regions.length > 0 ? { regions: search.regions } : {}),
  };
}

const caseUrl = (id: string, rest = '') => `/api/v1/cases/${encodeURIComponent(id)}${rest}`;
const staffUrl = (id: string, rest = '') => `/api/v1/staff/${encodeURIComponent(id)}${rest}`;

export const staffApi = {
  queue: (filters: QueueFilters) => request<Page<CaseSummary>>('GET', `/api/v1/cases?${queueQuery(filters)}`),
  recordContact: (id: string, contact: z.input<typeof ContactRecord>) =>
    request<CaseDetail>('POST', caseUrl(id, '/contacts'), contact),
  /** The contact log, newest first, with the private notes. */
  contacts: (id: string) => request<{ items: ContactEntry[] }>('GET', caseUrl(id, '/contacts')),
  proposeCall: (id: string, proposal: z.input<typeof CallProposal>) =>
    request<ScheduledCall>('POST', caseUrl(id, '/calls'), proposal),
  /** The case manager books a proposed time agreed with the member, a video call with its link. */
  confirmCall: (id: string, callId: string, confirmation: z.input<typeof CallConfirmation>) =>
    request<ScheduledCall>(
      'POST',
      caseUrl(id, `/calls/${encodeURIComponent(callId)}/confirmation`),
      confirmation,
    ),
  requestRecord: (id: string, ask: z.input<typeof RecordRequestCreation>) =>
    request<RecordRequest>('POST', caseUrl(id, '/record-requests'), ask),
  saveRecommendations: (id: string, draft: z.input<typeof RecommendationsDraft>) =>
    request<Recommendations>('PUT', caseUrl(id, '/recommendations'), draft),
  deliverRecommendations: (id: string, version: number, withoutReviewReason?: WithoutReviewReason) =>
    request<CaseDetail>('POST', caseUrl(id, '/recommendations/delivery'), {
      version,
      ...(withoutReviewReason && { withoutReviewReason }),
    }),
  planFollowUps: (id: string, plan: z.input<typeof FollowUpPlan>) =>
    request<{ case: CaseDetail; followUps: FollowUp[] }>('POST', caseUrl(id, '/follow-ups'), plan),
  close: (id: string, closure: z.input<typeof Closure>) =>
    request<CaseDetail>('POST', caseUrl(id, '/closure'), closure),
  reassign: (id: string, reassignment: z.input<typeof Reassignment>) =>
    request<CaseDetail>('POST', caseUrl(id, '/reassignments'), reassignment),
  specialistMatches: (id: string, search: MatchSearch) =>
    request<{ items: SpecialistMatch[] }>('POST', caseUrl(id, '/specialist-matches'), matchBody(search)),
  reviews: (id: string) => request<{ items: Review[] }>('GET', caseUrl(id, '/reviews')),
  requestReview: (id: string, body: ReviewRequestCreation) =>
    request<Review>('POST', caseUrl(id, '/reviews'), body),
  /** One more specialist for an open review whose panel a declined or lapsed offer left short. */
  offerReview: (id: string, reviewId: string, body: ReviewOfferCreation) =>
    request<Review>('POST', caseUrl(id, `/reviews/${encodeURIComponent(reviewId)}/offers`), body),
  rateOpinion: (id: string, reviewId: string, body: OpinionRatingCreation) =>
    request<OpinionRating>('POST', caseUrl(id, `/reviews/${encodeURIComponent(reviewId)}/ratings`), body),
  writeReport: (id: string, reviewId: string) =>
    request<CaseDocument>('POST', caseUrl(id, `/reviews/${encodeURIComponent(reviewId)}/report`)),
  slaDashboard: () => request<SlaDashboard>('GET', '/api/v1/sla-dashboard'),
  slaSettings: () => request<SlaSettingsView>('GET', '/api/v1/sla-settings'),
  /** The network's records whose name contains, or whose licence number is, what was typed. */
  searchSpecialists: (search: string) =>
    request<Page<Specialist>>(
      'GET',
      `/api/v1/specialists?${new URLSearchParams({ search, limit: '10' }).toString()}`,
    ),
  staff: () => request<Page<StaffMember>>('GET', '/api/v1/staff?limit=100'),
  staffMember: (id: string) => request<StaffMemberDetail>('GET', staffUrl(id)),
  createStaff: (staff: z.input<typeof StaffCreation>) =>
    request<{ userId: string; temporaryPassword: string }>('POST', '/api/v1/staff', staff),
  /** A new temporary password for a staff member (shown once); their sessions end. */
  resetStaffPassword: (id: string) =>
    request<{ temporaryPassword: string }>('POST', staffUrl(id, '/password-reset'), {}),
  updateStaff: (id: string, update: z.input<typeof StaffUpdate>) =>
    request<StaffMemberDetail>('PATCH', staffUrl(id), update),
  addAbsence: (id: string, absence: z.input<typeof StaffAbsenceCreation>) =>
    request<StaffMemberDetail>('POST', staffUrl(id, '/absences'), absence),
  removeAbsence: (id: string, absenceId: string, version: number) =>
    request<StaffMemberDetail>('DELETE', staffUrl(id, `/absences/${encodeURIComponent(absenceId)}`), {
      version,
    }),
};

/** The content of a record: the members' pages and the workspace use the one address. */
export { documentContentUrl } from './endpoints';

/** Cache keys of the staff pages; the reads of one case use `queryKeys` of endpoints.ts. */
export const staffKeys = {
  // Under the case's key, so that re-reading the case re-reads these too.
  reviews: (caseId: string) => ['case', caseId, 'reviews'] as const,
  contacts: (caseId: string) => ['case', caseId, 'contacts'] as const,
  matches: (caseId: string, search: MatchSearch) => ['case', caseId, 'specialist-matches', search] as const,
  queue: (filters: QueueFilters) => ['cases', 'queue', filters] as const,
  slaSettings: ['sla-settings'] as const,
  dashboard: ['sla-dashboard'] as const,
  staff: ['staff'] as const,
  specialistSearch: (search: string) => ['specialists', 'search', search] as const,
  staffMember: (id: string) => ['staff', id] as const,
};
