import { z } from 'zod';
import { BenefitCategory, CoverCheckResult, Icd10Code } from './coverage.js';
import { isSpecialtyCode, isSubspecialtyCode } from './specialty-taxonomy.js';
import { productLocales } from './locales.js';

/*
 * Referrals and pre-authorisations (docs/referrals.md): after the recommendations, the case
 * manager refers the member to a facility and/or a doctor for a service, with the cover check
 * attached; where the plan asks for it, a pre-authorisation goes to a cover assessor.
 */

export { isReferralStreamEvent, referralStreamEvents, type ReferralStreamEvent } from './referral-events.js';

export const referralUrgencies = ['routine', 'soon', 'urgent'] as const;
export const ReferralUrgency = z.enum(referralUrgencies);
export type ReferralUrgency = z.infer<typeof ReferralUrgency>;

/** The eight languages a letter is written in. */
export const letterLanguages = productLocales;
export const LetterLanguage = z.enum(letterLanguages);
export type LetterLanguage = z.infer<typeof LetterLanguage>;

const words = (max: number) => z.string().trim().min(1).max(max);

const ServiceCode = z.string().refine((code) => isSpecialtyCode(code) || isSubspecialtyCode(code), {
  message: 'must be a code of the specialty taxonomy, such as "OS" or "OS-SPORTS"',
});

/** What the case manager sends to refer the member. */
export const ReferralDraft = z
  .object({
    /** The case's version the case manager read. */
    version: z.number().int(),
    /** A facility of the register; a referral names a facility, a receiving doctor, or both. */
    facilityId: z.uuid().nullable().default(null),
    /** The doctor asked to see the member (their name and, if known, their specialty's words). */
    receivingDoctor: words(200).nullable().default(null),
    /** The service asked for: a specialty or sub-specialty code of the taxonomy. */
    service: ServiceCode,
    /** The plan's benefit the treatment falls under (what the cover check reads). */
    benefit: BenefitCategory,
    icd10: Icd10Code,
    reason: words(4000),
    urgency: ReferralUrgency,
    treatmentDate: z.iso.date(),
    /** Where the treatment is given: the facility's country when a facility is named. */
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .nullable()
      .default(null),
    estimatedCost: z
      .object({
        amount: z.number().int({ message: 'must be a whole number of minor units' }),
        currency: z.string().regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 currency code' }),
      })
      .strict(),
    sessions: z.number().int().min(1).max(1000).default(1),
    /** The case's records to send with the referral (the member's sharing consent must cover them). */
    sharedDocumentIds: z.array(z.uuid()).max(100).default([]),
    /** The letter's language; the facility's first language by default. */
    letterLanguage: LetterLanguage.nullable().default(null),
  })
  .strict();
export type ReferralDraft = z.infer<typeof ReferralDraft>;

export const preauthorisationStatuses = [
  'pending',
  'information_requested',
  'awaiting_second_approval',
  'approved',
  'declined',
  /** The case ended (closed or withdrawn) before a decision: nothing is left to decide. */
  'cancelled',
] as const;
export const PreauthorisationStatus = z.enum(preauthorisationStatuses);
export type PreauthorisationStatus = z.infer<typeof PreauthorisationStatus>;

const MoneyAnswer = z.object({ amount: z.number().int(), currency: z.string() });

export const Preauthorisation = z.object({
  id: z.uuid(),
  referralId: z.uuid(),
  caseId: z.uuid(),
  status: PreauthorisationStatus,
  estimatedCost: MoneyAnswer,
  /** What the plan would pay by the cover check. */
  planPays: z.number().int(),
  memberPays: z.number().int(),
  requestedAt: z.iso.datetime(),
  requestedBy: z.object({ name: z.string().nullable() }),
  /** Set once approved (the second approval, where four eyes are needed). */
  approval: z
    .object({
      amount: z.number().int(),
      validFrom: z.iso.date(),
      validTo: z.iso.date(),
      reference: z.string(),
    })
    .nullable(),
  /** The first of two approvals, while the second is awaited (and kept after). */
  firstApproval: z
    .object({
      by: z.object({ userId: z.uuid(), name: z.string().nullable() }),
      at: z.iso.datetime(),
      amount: z.number().int(),
      validFrom: z.iso.date(),
      validTo: z.iso.date(),
      reference: z.string(),
    })
    .nullable(),
  secondApprovalRequired: z.boolean(),
  declineReason: z.string().nullable(),
  /** What the assessor asked for, and the case manager's answer. */
  informationRequest: z.string().nullable(),
  informationAnswer: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  version: z.number().int(),
});
export type Preauthorisation = z.infer<typeof Preauthorisation>;

export const ReferralFacility = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  address: z.string(),
  city: z.string(),
  country: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  phone: z.object({ e164: z.string(), international: z.string() }).nullable(),
  languages: z.array(z.string()),
  directBilling: z.boolean(),
  timeZone: z.string(),
  openingHours: z.array(z.object({ day: z.number(), opens: z.string(), closes: z.string() })),
});

export const Referral = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  facility: ReferralFacility.nullable(),
  receivingDoctor: z.string().nullable(),
  service: z.string(),
  benefit: BenefitCategory,
  /** The condition the treatment is for (ICD-10), as the cover check read it. */
  icd10: z.string(),
  /** Where the treatment is given (ISO 3166-1 alpha-2). */
  country: z.string(),
  sessions: z.number().int(),
  reason: z.string(),
  urgency: ReferralUrgency,
  treatmentDate: z.iso.date(),
  letterLanguage: LetterLanguage,
  /** `withdrawn` once the case manager or the member withdrew it. */
  status: z.enum(['active', 'withdrawn']),
  withdrawnAt: z.iso.datetime().nullable(),
  sharedDocuments: z.array(z.object({ id: z.uuid(), title: z.string(), kind: z.string() })),
  cover: CoverCheckResult,
  preauthorisation: Preauthorisation.nullable(),
  createdAt: z.iso.datetime(),
  createdBy: z.object({ name: z.string().nullable() }),
});
export type Referral = z.infer<typeof Referral>;

export const ReferralList = z.object({ items: z.array(Referral) });
export type ReferralList = z.infer<typeof ReferralList>;

/** The cover assessor's decision. */
export const PreauthorisationDecision = z.discriminatedUnion('decision', [
  z
    .object({
      decision: z.literal('approve'),
      version: z.number().int(),
      amount: z.number().int({ message: 'must be a whole number of minor units' }),
      validFrom: z.iso.date(),
      validTo: z.iso.date(),
      reference: words(64),
    })
    .strict(),
  z.object({ decision: z.literal('decline'), version: z.number().int(), reason: words(2000) }).strict(),
  z
    .object({ decision: z.literal('request_information'), version: z.number().int(), question: words(2000) })
    .strict(),
]);
export type PreauthorisationDecision = z.infer<typeof PreauthorisationDecision>;

/** The case manager's answer to an assessor's question: the request goes back to the queue. */
export const PreauthorisationInformation = z
  .object({ version: z.number().int(), answer: words(4000) })
  .strict();
export type PreauthorisationInformation = z.infer<typeof PreauthorisationInformation>;

/** A request in the assessor's queue: what they need to decide, and no more of the case. */
export const PreauthorisationForAssessor = Preauthorisation.extend({
  caseNumber: z.string(),
  member: z.object({ name: z.string(), membershipNumber: z.string().nullable() }),
  service: z.string(),
  benefit: BenefitCategory,
  icd10: z.string(),
  reason: z.string(),
  urgency: ReferralUrgency,
  treatmentDate: z.iso.date(),
  facility: z
    .object({ name: z.string(), city: z.string(), country: z.string(), directBilling: z.boolean() })
    .nullable(),
  cover: CoverCheckResult,
});
export type PreauthorisationForAssessor = z.infer<typeof PreauthorisationForAssessor>;

export const PreauthorisationQueueQuery = z
  .object({
    status: z.enum(['open', 'decided']).default('open'),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const PreauthorisationQueue = z.object({
  items: z.array(PreauthorisationForAssessor),
  nextCursor: z.string().nullable(),
});
export type PreauthorisationQueue = z.infer<typeof PreauthorisationQueue>;

/** The withdrawal of a referral by the case manager or the member; why, if they say (shown on the timeline). */
export const ReferralWithdrawal = z.object({ reason: words(2000).nullable().default(null) }).strict();
export type ReferralWithdrawal = z.infer<typeof ReferralWithdrawal>;

export const LetterQuery = z.object({ language: LetterLanguage.optional() }).strict();
