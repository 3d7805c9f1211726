import { z } from 'zod';

export const documentKinds = ['report', 'prescription', 'test_result', 'imaging', 'letter', 'other'] as const;
export const DocumentKind = z.enum(documentKinds);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const documentMediaTypes = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/tiff',
  'image/heic',
  'application/dicom',
  'text/plain',
  'application/fhir+json',
] as const;
export type DocumentMediaType = (typeof documentMediaTypes)[number];

const isoDate = z.iso.date({ message: 'must be a date such as 2026-03-14' });

/** The fields of an upload besides the file (multipart fields, or tus metadata with `caseId`). */
export const DocumentUploadFields = z
  .object({
    kind: DocumentKind,
    title: z.string().trim().min(1).max(200),
    documentDate: isoDate.optional(),
    recordRequestId: z.uuid().optional(),
  })
  .strict();
export type DocumentUploadFields = z.infer<typeof DocumentUploadFields>;

export const CaseDocument = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: DocumentKind,
  title: z.string().describe('May be health data: shown on screen, never put in a URL or a file name'),
  documentDate: z.string().nullable(),
  mediaType: z.enum(documentMediaTypes),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  source: z.string(),
  /** `name`: a treating provider's name and institution, for a document sent through their link. */
  uploadedBy: z.object({ role: z.string(), name: z.string().nullable() }),
  recordRequestId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
});
export type CaseDocument = z.infer<typeof CaseDocument>;

export const requestedFromValues = ['member', 'treating_provider'] as const;

export const RecordRequestCreation = z
  .object({
    kind: DocumentKind,
    description: z.string().trim().min(1).max(1000),
    requestedFrom: z.enum(requestedFromValues),
  })
  .strict();

export const RecordRequest = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: DocumentKind,
  description: z.string(),
  requestedFrom: z.enum(requestedFromValues),
  status: z.enum(['outstanding', 'received', 'cancelled']),
  requestedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  /** The document that answered the request, once received. */
  document: z.object({ id: z.uuid(), kind: DocumentKind, createdAt: z.iso.datetime() }).nullable(),
});
export type RecordRequest = z.infer<typeof RecordRequest>;

export const RecordChecklist = z.object({
  requested: z.number().int(),
  received: z.number().int(),
  outstanding: z.number().int(),
  items: z.array(RecordRequest),
});
export type RecordChecklist = z.infer<typeof RecordChecklist>;

export const SharingConsentCreation = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('all') }).strict(),
  z.object({ scope: z.literal('selected'), documentIds: z.array(z.uuid()).min(1).max(200) }).strict(),
]);
export type SharingConsentCreation = z.infer<typeof SharingConsentCreation>;

export const SharingConsent = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  scope: z.enum(['all', 'selected']),
  documentIds: z.array(z.uuid()).nullable(),
  givenAt: z.iso.datetime(),
  withdrawnAt: z.iso.datetime().nullable(),
  active: z.boolean(),
});
export type SharingConsent = z.infer<typeof SharingConsent>;
