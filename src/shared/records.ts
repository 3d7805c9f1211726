import { z } from 'zod';
import { DocumentKind } from './documents.js';
import { productLocales } from './locales.js';

/*
 * Records straight from the treating doctors: the providers of a case, the member's signed
 * release, the record requests sent to a provider with a link of their own, and the checklist.
 */

const oneLine = (max: number) => z.string().trim().min(1).max(max);
const country = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code such as ES');
const isoDate = z.iso.date({ message: 'must be a date such as 2026-03-14' });

export const ProviderLanguage = z.enum(productLocales);
export type ProviderLanguage = z.infer<typeof ProviderLanguage>;

export const providerOrigins = ['member_request', 'case_manager'] as const;

/** The case manager adds a provider (or completes the one the member named in the request). */
export const ProviderCreation = z
  .object({
    name: oneLine(160),
    institution: oneLine(200),
    country,
    email: z.email({ message: 'must be an e-mail address' }).max(254),
    language: ProviderLanguage,
    origin: z.enum(providerOrigins).default('case_manager'),
  })
  .strict();
export type ProviderCreation = z.infer<typeof ProviderCreation>;

export const Provider = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  name: z.string(),
  institution: z.string(),
  country: z.string(),
  /** Only the case manager sees the provider's address. */
  email: z.string().nullable(),
  language: ProviderLanguage,
  origin: z.enum(providerOrigins),
  createdAt: z.iso.datetime(),
});
export type Provider = z.infer<typeof Provider>;

export const ProviderList = z.object({
  items: z.array(Provider),
  /** The doctor and institution the member named in the request, until a provider is made from them. */
  fromRequest: z
    .object({
      name: z.string().nullable(),
      institution: z.string().nullable(),
      country: z.string().nullable(),
    })
    .nullable(),
});
export type ProviderList = z.infer<typeof ProviderList>;

/** The member signs a release: who (the provider), what (kinds of records), until when. */
export const ReleaseSigning = z
  .object({
    providerId: z.uuid(),
    kinds: z.array(DocumentKind).min(1).max(6),
    validUntil: isoDate,
    /** The member's full name, typed as a signature. */
    signedName: oneLine(160),
    /** The tick: "I authorise this release". */
    agreed: z.literal(true, { message: 'must be ticked' }),
    language: ProviderLanguage,
  })
  .strict();
export type ReleaseSigning = z.infer<typeof ReleaseSigning>;

export const Release = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  providerId: z.uuid(),
  kinds: z.array(DocumentKind),
  validUntil: z.string(),
  language: ProviderLanguage,
  signedName: z.string(),
  signedAt: z.iso.datetime(),
  /** The signed release, filed among the case's documents (a PDF). */
  documentId: z.uuid().nullable(),
  withdrawnAt: z.iso.datetime().nullable(),
  active: z.boolean(),
});
export type Release = z.infer<typeof Release>;

/** The case manager asks a provider for kinds of records. */
export const ProviderRequestCreation = z
  .object({
    providerId: z.uuid(),
    kinds: z.array(DocumentKind).min(1).max(6),
  })
  .strict();
export type ProviderRequestCreation = z.infer<typeof ProviderRequestCreation>;

/**
 * Where a request stands: waiting for the member's release (`requested`), released (`authorised`),
 * the link e-mailed (`sent`), the link opened (`opened`), then `received` (the provider sent
 * everything), `not_held`, `overdue` (the link expired unanswered), or stopped (`withdrawn` with the
 * release, `revoked` by the case manager).
 */
export const providerRequestStatuses = [
  'requested',
  'authorised',
  'sent',
  'opened',
  'received',
  'not_held',
  'overdue',
  'withdrawn',
  'revoked',
] as const;
export const ProviderRequestStatus = z.enum(providerRequestStatuses);
export type ProviderRequestStatus = z.infer<typeof ProviderRequestStatus>;

export const ProviderRequest = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  provider: z.object({ id: z.uuid(), name: z.string(), institution: z.string() }),
  kinds: z.array(DocumentKind),
  status: ProviderRequestStatus,
  releaseId: z.uuid().nullable(),
  requestedAt: z.iso.datetime(),
  authorisedAt: z.iso.datetime().nullable(),
  sentAt: z.iso.datetime().nullable(),
  openedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  documentCount: z.number().int(),
});
export type ProviderRequest = z.infer<typeof ProviderRequest>;

export const RecordsChecklist = z.object({
  /** Every live request answered (received or not held), and at least one. */
  complete: z.boolean(),
  items: z.array(ProviderRequest),
  releases: z.array(Release),
});
export type RecordsChecklist = z.infer<typeof RecordsChecklist>;

// --- The provider's page (no account: the link's token in the `Provider-Link-Token` header).

export const PROVIDER_TOKEN_HEADER = 'provider-link-token';

export const ProviderPage = z.object({
  requestId: z.uuid(),
  language: ProviderLanguage,
  /** What the provider needs to find the patient, and nothing more. */
  patient: z.object({ name: z.string(), dateOfBirth: z.string() }),
  kinds: z.array(DocumentKind),
  release: z.object({
    signedName: z.string(),
    signedAt: z.iso.datetime(),
    validUntil: z.string(),
    providerName: z.string(),
    institution: z.string(),
  }),
  expiresAt: z.iso.datetime(),
  uploads: z.array(
    z.object({ kind: DocumentKind, sizeBytes: z.number().int(), receivedAt: z.iso.datetime() }),
  ),
});
export type ProviderPage = z.infer<typeof ProviderPage>;

export const ProviderAnswer = z.object({ answer: z.enum(['sent_everything', 'not_held']) }).strict();
export type ProviderAnswer = z.infer<typeof ProviderAnswer>;

/** The closed link's answer: why it no longer works, in the provider's language. */
export const linkClosedReasons = ['expired', 'revoked', 'finished', 'withdrawn'] as const;

// --- The collection clock (operations).

export const CollectionClock = z.object({
  /** Cases whose requested records all arrived (or were not held), newest first. */
  cases: z.array(
    z.object({
      caseId: z.uuid(),
      caseNumber: z.string(),
      startedAt: z.iso.datetime(),
      completedAt: z.iso.datetime(),
      hours: z.number(),
    }),
  ),
  /** Cases still collecting. */
  collecting: z.number().int(),
  medianHours: z.number().nullable(),
  p90Hours: z.number().nullable(),
  /** Per week of completion (Monday, UTC). */
  weeks: z.array(
    z.object({
      weekStart: z.string(),
      count: z.number().int(),
      medianHours: z.number(),
      p90Hours: z.number(),
    }),
  ),
});
export type CollectionClock = z.infer<typeof CollectionClock>;
