import { z } from 'zod';

/** The member's export of everything we hold about them, as one archive (a zip). */
export const exportStatuses = ['building', 'ready', 'failed', 'expired'] as const;
export const DataExportStatus = z.enum(exportStatuses);

export const DataExport = z.object({
  id: z.uuid(),
  status: DataExportStatus,
  requestedAt: z.iso.datetime(),
  readyAt: z.iso.datetime().nullable(),
  /** Until when the archive can be downloaded (set once it is ready). */
  expiresAt: z.iso.datetime().nullable(),
  sizeBytes: z.number().int().nullable(),
  /** Where the archive is downloaded from, once ready: the id only, never anything of its content. */
  downloadPath: z.string().nullable(),
});
export type DataExport = z.infer<typeof DataExport>;

/** The rights a member may ask the privacy officer to act on (GDPR Articles 15 to 21). */
export const privacyRequestKinds = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'objection',
] as const;
export const PrivacyRequestKind = z.enum(privacyRequestKinds);
export type PrivacyRequestKind = z.infer<typeof PrivacyRequestKind>;

export const privacyRequestStatuses = ['open', 'granted', 'partially_granted', 'refused'] as const;
export const PrivacyRequestStatus = z.enum(privacyRequestStatuses);
export type PrivacyRequestStatus = z.infer<typeof PrivacyRequestStatus>;

export const PrivacyRequestCreation = z
  .object({
    kind: PrivacyRequestKind,
    /** What the member wants, in their words (optional; may be personal data: never logged). */
    message: z.string().trim().max(4000).optional(),
  })
  .strict();
export type PrivacyRequestCreation = z.infer<typeof PrivacyRequestCreation>;

/** Why a record is kept when erasure is asked: the retention rule and until when it holds. */
export const RetentionHold = z.object({
  caseId: z.uuid(),
  caseNumber: z.string(),
  country: z.string(),
  years: z.number().int(),
  retainedUntil: z.iso.datetime(),
});
export type RetentionHold = z.infer<typeof RetentionHold>;

/** What an erasure would do now: the open cases that stop it, the records kept, what goes. */
export const ErasurePlan = z.object({
  openCaseNumbers: z.array(z.string()),
  retained: z.array(RetentionHold),
  erasableCaseNumbers: z.array(z.string()),
});
export type ErasurePlan = z.infer<typeof ErasurePlan>;

export const PrivacyRequest = z.object({
  id: z.uuid(),
  kind: PrivacyRequestKind,
  status: PrivacyRequestStatus,
  message: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  /** The legal deadline: one month from receipt, or three once extended. */
  dueAt: z.iso.datetime(),
  /** The deadline is near: the reminder for it went to the privacy desk. */
  dueSoon: z.boolean(),
  extendedAt: z.iso.datetime().nullable(),
  extensionReason: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  answer: z.string().nullable(),
  version: z.number().int(),
  /** For the privacy officer: whose request (null in the member's own view). */
  member: z.object({ id: z.uuid(), name: z.string(), memberNumber: z.string() }).nullable(),
  /** For the privacy officer, on an open erasure request: what erasure would do now. */
  erasurePlan: ErasurePlan.nullable(),
});
export type PrivacyRequest = z.infer<typeof PrivacyRequest>;

export const PrivacyRequestList = z.object({
  items: z.array(PrivacyRequest),
  nextCursor: z.string().nullable(),
});
export type PrivacyRequestList = z.infer<typeof PrivacyRequestList>;

export const PrivacyRequestExtension = z
  .object({ reason: z.string().trim().min(3).max(2000), version: z.number().int().min(1) })
  .strict();
export type PrivacyRequestExtension = z.infer<typeof PrivacyRequestExtension>;

/**
 * The privacy officer's answer. On an erasure, `granted` erases everything and is refused while a
 * record is kept by the retention rule; `partially_granted` erases what may go and keeps the rest.
 */
export const PrivacyRequestDecision = z
  .object({
    outcome: z.enum(['granted', 'partially_granted', 'refused']),
    answer: z.string().trim().min(3).max(4000),
    version: z.number().int().min(1),
  })
  .strict();
export type PrivacyRequestDecision = z.infer<typeof PrivacyRequestDecision>;

/** One event of the audit trail as the privacy officer searches it. */
export const AuditTrailEntry = z.object({
  seq: z.number().int(),
  id: z.uuid(),
  occurredAt: z.iso.datetime(),
  action: z.string(),
  actorUserId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  subjectMemberId: z.uuid().nullable(),
  purpose: z.string(),
  outcome: z.string(),
});
export type AuditTrailEntry = z.infer<typeof AuditTrailEntry>;

export const AuditTrailPage = z.object({
  items: z.array(AuditTrailEntry),
  nextCursor: z.string().nullable(),
});
export type AuditTrailPage = z.infer<typeof AuditTrailPage>;

export const AuditTrailQuery = z
  .object({
    memberNumber: z.string().trim().min(1).max(64).optional(),
    actorEmail: z.email().max(254).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(20).optional(),
  })
  .strict();

export const ChainVerificationResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  anchors: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type ChainVerificationResult = z.infer<typeof ChainVerificationResult>;

export const AccessReportQuery = z.object({ memberNumber: z.string().trim().min(1).max(64) }).strict();
