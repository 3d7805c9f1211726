import { z } from 'zod';
import {
  CaseDetail,
  CaseEvent,
  CaseSummary,
  FollowUp,
  Recommendations,
  ScheduledCall,
  type CallProposal,
  type CaseStatus,
  type Closure,
  type ContactRecord,
  type FollowUpPlan,
  type Reassignment,
  type RecommendationsDraft,
} from '../../shared/cases';
import {
  CaseDocument,
  RecordChecklist,
  RecordRequest,
  type RecordRequestCreation,
} from '../../shared/documents';
import {
  StaffMember,
  StaffMemberDetail,
  type StaffAbsenceCreation,
  type StaffCreation,
  type StaffUpdate,
} from '../../shared/identity';
import { CaseMessage, MessagePage, ReadReceiptResult } from '../../shared/messaging';
import { SlaDashboard, SlaSettingsView } from '../../shared/sla';
import { pageOf, request } from './client';

/**
 * The endpoints of the case manager's workspace and the operations console, typed by the shared
 * schemas like those in endpoints.ts; a module of their own so that the member's first page does
 * not carry them (only the staff route chunks import it).
 */

/** The case manager's queue: filters as in the page's URL. */
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

const caseUrl = (id: string, rest = '') => `/api/v1/cases/${encodeURIComponent(id)}${rest}`;

/** The case manager's workspace and the operations console. */
export const staffApi = {
  queue: (filters: QueueFilters) =>
    request('GET', `/api/v1/cases?${queueQuery(filters)}`, pageOf(CaseSummary)),
  case: (id: string) => request('GET', caseUrl(id), CaseDetail),
  timeline: (id: string) => request('GET', caseUrl(id, '/events'), z.object({ items: z.array(CaseEvent) })),
  recordContact: (id: string, contact: z.input<typeof ContactRecord>) =>
    request('POST', caseUrl(id, '/contacts'), CaseDetail, contact),
  calls: (id: string) => request('GET', caseUrl(id, '/calls'), z.object({ items: z.array(ScheduledCall) })),
  proposeCall: (id: string, proposal: z.input<typeof CallProposal>) =>
    request('POST', caseUrl(id, '/calls'), ScheduledCall, proposal),
  documents: (id: string) =>
    request('GET', caseUrl(id, '/documents'), z.object({ items: z.array(CaseDocument) })),
  checklist: (id: string) => request('GET', caseUrl(id, '/record-requests'), RecordChecklist),
  requestRecord: (id: string, ask: z.input<typeof RecordRequestCreation>) =>
    request('POST', caseUrl(id, '/record-requests'), RecordRequest, ask),
  messages: (id: string) => request('GET', caseUrl(id, '/messages?limit=50'), MessagePage),
  sendMessage: (id: string, body: string) => request('POST', caseUrl(id, '/messages'), CaseMessage, { body }),
  markMessagesRead: (id: string, upTo: string) =>
    request('POST', caseUrl(id, '/messages/read-receipts'), ReadReceiptResult, { upTo }),
  recommendations: (id: string) => request('GET', caseUrl(id, '/recommendations'), Recommendations),
  saveRecommendations: (id: string, draft: z.input<typeof RecommendationsDraft>) =>
    request('PUT', caseUrl(id, '/recommendations'), Recommendations, draft),
  deliverRecommendations: (id: string, version: number) =>
    request('POST', caseUrl(id, '/recommendations/delivery'), CaseDetail, { version }),
  followUps: (id: string) =>
    request('GET', caseUrl(id, '/follow-ups'), z.object({ items: z.array(FollowUp) })),
  planFollowUps: (id: string, plan: z.input<typeof FollowUpPlan>) =>
    request(
      'POST',
      caseUrl(id, '/follow-ups'),
      z.object({ case: CaseDetail, followUps: z.array(FollowUp) }),
      plan,
    ),
  close: (id: string, closure: z.input<typeof Closure>) =>
    request('POST', caseUrl(id, '/closure'), CaseDetail, closure),
  reassign: (id: string, reassignment: z.input<typeof Reassignment>) =>
    request('POST', caseUrl(id, '/reassignments'), CaseDetail, reassignment),
  slaDashboard: () => request('GET', '/api/v1/sla-dashboard', SlaDashboard),
  slaSettings: () => request('GET', '/api/v1/sla-settings', SlaSettingsView),
  staff: () => request('GET', '/api/v1/staff?limit=100', pageOf(StaffMember)),
  staffMember: (id: string) => request('GET', `/api/v1/staff/${encodeURIComponent(id)}`, StaffMemberDetail),
  createStaff: (staff: z.input<typeof StaffCreation>) =>
    request('POST', '/api/v1/staff', z.object({ userId: z.uuid(), temporaryPassword: z.string() }), staff),
  updateStaff: (id: string, update: z.input<typeof StaffUpdate>) =>
    request('PATCH', `/api/v1/staff/${encodeURIComponent(id)}`, StaffMemberDetail, update),
  addAbsence: (id: string, absence: z.input<typeof StaffAbsenceCreation>) =>
    request('POST', `/api/v1/staff/${encodeURIComponent(id)}/absences`, StaffMemberDetail, absence),
  removeAbsence: (id: string, absenceId: string, version: number) =>
    request(
      'DELETE',
      `/api/v1/staff/${encodeURIComponent(id)}/absences/${encodeURIComponent(absenceId)}`,
      StaffMemberDetail,
      { version },
    ),
};

/** The content of a record, for the viewer: shown in the page when the browser can. */
export const documentContentUrl = (caseId: string, documentId: string, inline: boolean) =>
  caseUrl(
    caseId,
    `/documents/${encodeURIComponent(documentId)}/content${inline ? '?disposition=inline' : ''}`,
  );

export const staffKeys = {
  queue: (filters: QueueFilters) => ['cases', 'queue', filters] as const,
  case: (id: string) => ['cases', id] as const,
  part: (id: string, part: string) => ['cases', id, part] as const,
  dashboard: ['sla-dashboard'] as const,
  staff: ['staff'] as const,
  staffMember: (id: string) => ['staff', id] as const,
};
