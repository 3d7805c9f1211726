import type { z } from 'zod';
import type { AccessLog } from '../../shared/audit';
import type {
  CaseDetail,
  CaseEvent as CaseEventSchema,
  CaseRequest,
  CaseSummary,
  FollowUp as FollowUpSchema,
  Recommendations as RecommendationsSchema,
  ScheduledCall as ScheduledCallSchema,
} from '../../shared/cases';
import type {
  CaseDocument,
  RecordChecklist,
  SharingConsent,
  SharingConsentCreation,
} from '../../shared/documents';
import type {
  EmailVerification,
  Me,
  MemberRegistration,
  PasswordReset,
  PasswordResetRequest,
  ProfileUpdate,
} from '../../shared/identity';
import type { CaseMessage, MessagePage, UnreadCounts } from '../../shared/messaging';
import type { HealthcareHub } from '../../shared/register';
import { request, type Page } from './client';
import type { DeskItem, DeskReview, Opinion, OpinionSubmission } from '../../shared/reviews';

/**
 * The endpoints the web app uses, typed by the shared schemas (see docs/api.md). Only types are
 * imported from the schemas: see `client.ts` for why answers are not parsed again here.
 */

export type SignInAnswer = { twoFactorRedirect: true } | { user: { id: string } };
/** Better Auth's answer to turning on TOTP: the `otpauth://` URI (with the secret) and backup codes. */
export type TwoFactorEnrolment = { method: 'totp'; totpURI: string; backupCodes: string[] };
export type CaseEvent = z.infer<typeof CaseEventSchema>;
export type Recommendations = z.infer<typeof RecommendationsSchema>;
export type FollowUp = z.infer<typeof FollowUpSchema>;
export type ScheduledCall = z.infer<typeof ScheduledCallSchema>;
export type AccessLogEntry = AccessLog['items'][number];

const caseUrl = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

export const api = {
  me: () => request<Me>('GET', '/api/v1/me'),
  /** Whether this browser holds a session: an empty answer (not a 401) for a visitor. */
  hasSession: async () => (await request<unknown>('GET', '/api/auth/get-session')) !== null,
  updateMe: (update: ProfileUpdate) => request<Me>('PATCH', '/api/v1/me', update),
  signIn: (email: string, password: string) =>
    request<SignInAnswer>('POST', '/api/auth/sign-in/email', { email, password }),
  verifyTotp: (code: string) => request<unknown>('POST', '/api/auth/two-factor/verify-totp', { code }),
  verifyBackupCode: (code: string) =>
    request<unknown>('POST', '/api/auth/two-factor/verify-backup-code', { code }),
  /** "Forgot your password?": the answer is the same whether or not the address has an account. */
  requestPasswordReset: (body: PasswordResetRequest) =>
    request<null>('POST', '/api/v1/password-reset-requests', body),
  /** A new password with the token of a reset link; every session of the account ends. */
  resetPassword: (body: PasswordReset) => request<null>('POST', '/api/v1/password-resets', body),
  /** Confirms an address with the token of the link we e-mailed to it; opens no session. */
  verifyEmail: (body: EmailVerification) => request<null>('POST', '/api/v1/email-verifications', body),
  /** A new link that confirms the signed-in member's address (one a minute, five a day). */
  requestEmailVerification: () => request<null>('POST', '/api/v1/me/email-verification-requests'),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<null>('POST', '/api/v1/me/password', { currentPassword, newPassword }),
  /** Starts two-step sign-in: it is on once a first code is confirmed with `verifyTotp`. */
  enableTwoFactor: (password: string) =>
    request<TwoFactorEnrolment>('POST', '/api/auth/two-factor/enable', { password }),
  disableTwoFactor: (password: string) =>
    request<unknown>('POST', '/api/auth/two-factor/disable', { password }),
  signOut: () => request<unknown>('POST', '/api/auth/sign-out', {}),
  register: (registration: z.input<typeof MemberRegistration>) =>
    request<{ userId: string }>('POST', '/api/v1/member-registrations', registration),
  healthcareHub: () => request<HealthcareHub>('GET', '/api/v1/me/healthcare-hub'),
  myCases: () => request<Page<CaseSummary>>('GET', '/api/v1/cases?limit=50'),
  accessLog: (cursor: string | null) =>
    request<AccessLog>(
      'GET',
      `/api/v1/me/access-log?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
  unread: () => request<UnreadCounts>('GET', '/api/v1/me/unread'),

  submitCase: (body: z.input<typeof CaseRequest>, idempotencyKey: string) =>
    request<CaseDetail>('POST', '/api/v1/cases', body, { headers: { 'idempotency-key': idempotencyKey } }),
  case: (id: string) => request<CaseDetail>('GET', caseUrl(id)),
  caseEvents: (id: string) => request<{ items: CaseEvent[] }>('GET', `${caseUrl(id)}/events`),
  withdraw: (id: string, version: number, reason: string) =>
    request<CaseDetail>('POST', `${caseUrl(id)}/withdrawal`, { version, reason }),

  documents: (id: string) => request<{ items: CaseDocument[] }>('GET', `${caseUrl(id)}/documents`),
  recordRequests: (id: string) => request<RecordChecklist>('GET', `${caseUrl(id)}/record-requests`),
  sharingConsents: (id: string) =>
    request<{ items: SharingConsent[] }>('GET', `${caseUrl(id)}/sharing-consents`),
  giveSharingConsent: (id: string, consent: SharingConsentCreation) =>
    request<SharingConsent>('POST', `${caseUrl(id)}/sharing-consents`, consent),
  withdrawSharingConsent: (id: string, consentId: string) =>
    request<SharingConsent>(
      'POST',
      `${caseUrl(id)}/sharing-consents/${encodeURIComponent(consentId)}/withdrawal`,
      {},
    ),

  messages: (id: string, cursor: string | null = null) =>
    request<MessagePage>(
      'GET',
      `${caseUrl(id)}/messages?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
  sendMessage: (id: string, body: string, idempotencyKey: string) =>
    request<CaseMessage>(
      'POST',
      `${caseUrl(id)}/messages`,
      { body },
      {
        headers: { 'idempotency-key': idempotencyKey },
      },
    ),
  markRead: (id: string, upTo: string) =>
    request<{ upTo: string; unread: number }>('POST', `${caseUrl(id)}/messages/read-receipts`, { upTo }),

  recommendations: (id: string) => request<Recommendations | null>('GET', `${caseUrl(id)}/recommendations`),
  acknowledgeRecommendations: (id: string) =>
    request<Recommendations>('POST', `${caseUrl(id)}/recommendations/acknowledgement`),
  followUps: (id: string) => request<{ items: FollowUp[] }>('GET', `${caseUrl(id)}/follow-ups`),
  reportProgress: (id: string, followUpId: string, progress: string) =>
    request<FollowUp>('POST', `${caseUrl(id)}/follow-ups/${encodeURIComponent(followUpId)}/progress`, {
      progress,
    }),
  calls: (id: string) => request<{ items: ScheduledCall[] }>('GET', `${caseUrl(id)}/calls`),
  confirmCall: (id: string, callId: string, slot: number) =>
    request<ScheduledCall>('POST', `${caseUrl(id)}/calls/${encodeURIComponent(callId)}/confirmation`, {
      slot,
    }),

  // The specialist's review desk.
  desk: () => request<{ items: DeskItem[] }>('GET', '/api/v1/desk/offers'),
  deskReview: (offerId: string) =>
    request<DeskReview>('GET', `/api/v1/desk/offers/${encodeURIComponent(offerId)}`),
  acceptOffer: (offerId: string, version: number) =>
    request<DeskReview>('POST', `/api/v1/desk/offers/${encodeURIComponent(offerId)}/acceptance`, { version }),
  declineOffer: (offerId: string, version: number) =>
    request<unknown>('POST', `/api/v1/desk/offers/${encodeURIComponent(offerId)}/decline`, { version }),
  submitOpinion: (offerId: string, opinion: OpinionSubmission) =>
    request<Opinion>('POST', `/api/v1/desk/offers/${encodeURIComponent(offerId)}/opinions`, opinion),
};

/**
 * A record of a case, through the API with the session cookie: `inline` for the browser to show
 * it (a PDF or an image), else a download under the server's generic file name.
 */
export const documentContentUrl = (caseId: string, documentId: string, inline: boolean) =>
  `${caseUrl(caseId)}/documents/${encodeURIComponent(documentId)}/content${inline ? '?disposition=inline' : ''}`;

/** Where the desk's viewer reads a shared record (same origin, the session cookie). */
export const sharedDocumentUrl = (offerId: string, documentId: string) =>
  `/api/v1/desk/offers/${encodeURIComponent(offerId)}/documents/${encodeURIComponent(documentId)}/content`;

export const queryKeys = {
  me: ['me'] as const,
  hub: ['me', 'healthcare-hub'] as const,
  accessLog: ['me', 'access-log'] as const,
  unread: ['me', 'unread'] as const,
  myCases: ['cases', 'mine'] as const,
  case: (id: string) => ['case', id] as const,
  caseEvents: (id: string) => ['case', id, 'events'] as const,
  documents: (id: string) => ['case', id, 'documents'] as const,
  recordRequests: (id: string) => ['case', id, 'record-requests'] as const,
  sharingConsents: (id: string) => ['case', id, 'sharing-consents'] as const,
  messages: (id: string) => ['case', id, 'messages'] as const,
  recommendations: (id: string) => ['case', id, 'recommendations'] as const,
  followUps: (id: string) => ['case', id, 'follow-ups'] as const,
  calls: (id: string) => ['case', id, 'calls'] as const,
  desk: ['desk'] as const,
  deskReview: (offerId: string) => ['desk', offerId] as const,
};
