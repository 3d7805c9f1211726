import { z } from 'zod';
import { blockOfCategory } from './icd10.js';
import { LanguageTag } from './identity.js';
import { ConditionCode, TaxonomyCode } from './specialists.js';

/**
 * The specialist review: the request a case manager writes, the offers a specialist answers on
 * the desk, and the structured opinion. Used by the server and the web app alike, so that the
 * opinion form validates with the server's own rules.
 */

export const reviewStatuses = ['open', 'complete', 'withdrawn'] as const;
export const ReviewStatus = z.enum(reviewStatuses);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

/**
 * An offer is `offered` until the specialist accepts or declines it, or it `expired`; an accepted
 * one is `submitted` once the opinion is in, or `withdrawn` when the case or the consent ends first.
 */
export const offerStatuses = [
  'offered',
  'accepted',
  'declined',
  'expired',
  'submitted',
  'withdrawn',
] as const;
export const OfferStatus = z.enum(offerStatuses);
export type OfferStatus = z.infer<typeof OfferStatus>;

export const diagnosisVerdicts = ['confirmed', 'refined', 'changed'] as const;
export const DiagnosisVerdict = z.enum(diagnosisVerdicts);
export type DiagnosisVerdict = z.infer<typeof DiagnosisVerdict>;

export const treatmentVerdicts = ['confirmed', 'modified', 'changed'] as const;
export const TreatmentVerdict = z.enum(treatmentVerdicts);
export type TreatmentVerdict = z.infer<typeof TreatmentVerdict>;

/** Most specialists a panel may have, and most ranked candidates kept for declines and expiries. */
export const MAX_PANEL = 5;
export const MAX_CANDIDATES = 50;
export const MAX_QUESTIONS = 20;

const uniqueIds = (max: number) =>
  z
    .array(z.uuid({ message: 'must be an id (UUID)' }))
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat an id' });

export const ReviewRequestCreation = z
  .object({
    /** The case's version this request is based on. */
    version: z.number().int().min(1),
    /** The panel: each is offered the review at once. */
    specialistIds: uniqueIds(MAX_PANEL).min(1),
    /** Ranked, to offer next when an offer is declined or expires (with `offerNextOnDecline`). */
    candidateIds: uniqueIds(MAX_CANDIDATES).default([]),
    offerNextOnDecline: z.boolean().default(false),
    /**
     * Adds the network's best matches for the case (after any `candidateIds`), ranked as
     * `POST /api/v1/cases/:id/specialist-matches` ranks them, never the first-opinion doctor.
     */
    candidatesFromMatching: z
      .object({
        condition: ConditionCode.optional(),
        specialty: z.array(TaxonomyCode).max(10).optional(),
        limit: z.number().int().min(1).max(20).default(10),
      })
      .strict()
      .refine((match) => match.condition !== undefined || (match.specialty?.length ?? 0) > 0, {
        message: 'give a condition, a specialty, or both',
        path: ['condition'],
      })
      .optional(),
    summary: z.string().trim().min(1).max(20_000),
    /** Defaults to the member's own questions from the case request. */
    questions: z.array(z.string().trim().min(1).max(2_000)).min(1).max(MAX_QUESTIONS).optional(),
    /** The documents of the case to share; the member's consent must cover each. */
    documentIds: uniqueIds(200).default([]),
  })
  .strict();
export type ReviewRequestCreation = z.input<typeof ReviewRequestCreation>;

/** One more specialist for an open review whose panel is short (a declined or lapsed offer). */
export const ReviewOfferCreation = z
  .object({ specialistId: z.uuid({ message: 'must be an id (UUID)' }) })
  .strict();
export type ReviewOfferCreation = z.input<typeof ReviewOfferCreation>;

/** An ICD-10 category (`C50`) or subcategory (`C50.4`) that falls in a block of the classification. */
export const Icd10DiagnosisCode = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .refine((code) => blockOfCategory(code) !== undefined, {
    message: 'must be an ICD-10 category or subcategory such as C50 or C50.4',
  });

export const OpinionSubmission = z
  .object({
    /** 1 for the first opinion; a correction carries the next version and a reason. */
    version: z.number().int().min(1),
    diagnosis: z
      .object({ verdict: DiagnosisVerdict, proposedCode: Icd10DiagnosisCode.optional() })
      .strict()
      .refine((diagnosis) => diagnosis.verdict === 'confirmed' || diagnosis.proposedCode !== undefined, {
        message: 'a refined or changed diagnosis needs the proposed ICD-10 code',
        path: ['proposedCode'],
      }),
    treatment: z.object({ verdict: TreatmentVerdict }).strict(),
    furtherTests: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
    /** One answer for each of the review's questions, in their order. */
    answers: z
      .array(z.string().trim().min(1, { message: 'must answer the question' }).max(10_000))
      .max(MAX_QUESTIONS),
    narrative: z.string().trim().min(1).max(50_000),
    references: z.array(z.string().trim().min(1).max(1_000)).max(50).default([]),
    correctionReason: z.string().trim().min(1).max(2_000).optional(),
    /** The language the opinion is written in (BCP 47); the specialist's first language by default. */
    language: LanguageTag.optional(),
  })
  .strict();
export type OpinionSubmission = z.input<typeof OpinionSubmission>;

export const Opinion = z.object({
  id: z.uuid(),
  offerId: z.uuid(),
  specialist: z.object({ id: z.uuid(), name: z.string(), title: z.string().nullable() }),
  version: z.number().int(),
  diagnosis: z.object({ verdict: DiagnosisVerdict, proposedCode: z.string().nullable() }),
  treatment: z.object({ verdict: TreatmentVerdict }),
  furtherTests: z.array(z.string()),
  answers: z.array(z.object({ question: z.string(), answer: z.string() })),
  narrative: z.string(),
  references: z.array(z.string()),
  correctionReason: z.string().nullable(),
  /** The language the specialist wrote in: the expert layer is kept as written, labelled with it. */
  language: z.string(),
  submittedAt: z.iso.datetime(),
});
export type Opinion = z.infer<typeof Opinion>;

export const MAX_RATING_COMMENT = 1_000;

/**
 * The case manager's (or operations') rating of a panel member's opinion, all its versions: 1 to 5,
 * with an optional short comment. Rating it again replaces the rater's earlier rating.
 */
export const OpinionRatingCreation = z
  .object({
    /** The panel member's offer, which names their opinion (`Opinion.offerId`). */
    offerId: z.uuid({ message: 'must be an id (UUID)' }),
    score: z
      .number({ message: 'must be a whole number from 1 to 5' })
      .int({ message: 'must be a whole number from 1 to 5' })
      .min(1, { message: 'must be a whole number from 1 to 5' })
      .max(5, { message: 'must be a whole number from 1 to 5' }),
    comment: z.string().trim().max(MAX_RATING_COMMENT).optional(),
  })
  .strict();
export type OpinionRatingCreation = z.input<typeof OpinionRatingCreation>;

export const OpinionRating = z.object({
  id: z.uuid(),
  offerId: z.uuid(),
  score: z.number().int(),
  comment: z.string().nullable(),
  ratedByUserId: z.uuid(),
  /** The version of the opinion that was read when it was rated. */
  opinionVersion: z.number().int(),
  ratedAt: z.iso.datetime(),
});
export type OpinionRating = z.infer<typeof OpinionRating>;

export const ReviewOffer = z.object({
  id: z.uuid(),
  specialist: z.object({ id: z.uuid(), name: z.string(), title: z.string().nullable() }),
  status: OfferStatus,
  offeredAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  respondedAt: z.iso.datetime().nullable(),
  /** The specialist's own words when they declined (staff only; never on the desk or the member's side). */
  declineReason: z.string().nullable(),
  dueAt: z.iso.datetime().nullable(),
  submittedAt: z.iso.datetime().nullable(),
  /** When a declined, expired or withdrawn offer ended. */
  endedAt: z.iso.datetime().nullable(),
});
export type ReviewOffer = z.infer<typeof ReviewOffer>;

/** The review as the case manager and operations see it. */
export const Review = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  status: ReviewStatus,
  summary: z.string(),
  questions: z.array(z.string()),
  documentIds: z.array(z.uuid()),
  panelSize: z.number().int(),
  offerNextOnDecline: z.boolean(),
  candidatesLeft: z.number().int(),
  offers: z.array(ReviewOffer),
  /** The latest version of each panel member's opinion. */
  opinions: z.array(Opinion),
  /** The staff's ratings of those opinions, one per rater and opinion. */
  ratings: z.array(OpinionRating),
  reportDocumentId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
});
export type Review = z.infer<typeof Review>;

/** An offer or an accepted review on the specialist's desk. */
export const DeskItem = z.object({
  offerId: z.uuid(),
  caseNumber: z.string(),
  status: OfferStatus,
  offeredAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  dueAt: z.iso.datetime().nullable(),
  questionCount: z.number().int(),
});
export type DeskItem = z.infer<typeof DeskItem>;

export const DeskDocument = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  documentDate: z.string().nullable(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
});
export type DeskDocument = z.infer<typeof DeskDocument>;

/**
 * One review on the desk: the summary and questions (through an offer or an accepted review),
 * the shared documents (accepted only), and the specialist's own opinion versions.
 */
export const DeskReview = DeskItem.extend({
  /** What the specialist sees now: `summary` through an offer, `full` while they hold the review. */
  access: z.enum(['summary', 'full', 'own_opinion']),
  summary: z.string().nullable(),
  questions: z.array(z.string()),
  documents: z.array(DeskDocument),
  opinions: z.array(Opinion),
  version: z.number().int(),
});
export type DeskReview = z.infer<typeof DeskReview>;

export const OfferDecline = z
  .object({ version: z.number().int().min(1), reason: z.string().trim().max(500).optional() })
  .strict();
export const OfferAcceptance = z.object({ version: z.number().int().min(1) }).strict();
