import { z } from 'zod';
import { LanguageTag } from './identity.js';
import { productLocales } from './locales.js';
import { Opinion } from './reviews.js';

/**
 * The opinion in three layers, each with its own author, language and audience: the summary for
 * the member (the case manager's plain words, in the member's language), the specialist's expert
 * opinion (as written, labelled with its language, translated where the member reads another),
 * and the letter for the member's treating doctor.
 */

/**
 * Why recommendations were delivered without a specialist review: a fixed list, recorded on the
 * delivery, shown on the timeline and counted apart in the outcomes.
 */
export const withoutReviewReasons = [
  /** The member's question was answered by the case manager (a doctor) without a specialist. */
  'answered_by_case_manager',
  /** The member withdrew their request for a specialist review. */
  'review_request_withdrawn',
  /** The member needed urgent care, and was directed to it rather than to a review. */
  'urgent_care_directed',
  /** The question lies outside what a second opinion can answer (administrative, legal). */
  'outside_service_scope',
] as const;
export const WithoutReviewReason = z.enum(withoutReviewReasons, {
  message: `must be one of ${withoutReviewReasons.join(', ')}`,
});
export type WithoutReviewReason = z.infer<typeof WithoutReviewReason>;

/** `POST /api/v1/cases/:id/recommendations/delivery`. */
export const RecommendationsDelivery = z
  .object({
    version: z.number().int().min(1),
    /** Required when no specialist review is complete; refused when one is. */
    withoutReviewReason: WithoutReviewReason.optional(),
  })
  .strict();
export type RecommendationsDelivery = z.input<typeof RecommendationsDelivery>;

export const MAX_SUMMARY = 20_000;

/**
 * The case manager's summary of the review for the member: saved as often as needed (an empty
 * draft too); delivery refuses it empty or in another language than the member's.
 */
export const OpinionSummaryDraft = z
  .object({
    /** 0 for the first draft, then the version the draft answers. */
    version: z.number().int().min(0),
    language: LanguageTag,
    body: z.string().trim().max(MAX_SUMMARY),
  })
  .strict();
export type OpinionSummaryDraft = z.input<typeof OpinionSummaryDraft>;

export const OpinionSummary = z.object({
  reviewId: z.uuid(),
  language: z.string(),
  body: z.string(),
  version: z.number().int(),
  writtenBy: z.string().nullable(),
  writtenAt: z.iso.datetime(),
});
export type OpinionSummary = z.infer<typeof OpinionSummary>;

/** A translation of one specialist's opinion into the member's language: a tracked step. */
export const OpinionTranslationEntry = z
  .object({
    language: LanguageTag,
    body: z.string().trim().min(1).max(60_000),
    /** Who translated it, when not the case manager entering it (a translator of the service). */
    translatedBy: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type OpinionTranslationEntry = z.input<typeof OpinionTranslationEntry>;

export const OpinionTranslation = z.object({
  offerId: z.uuid(),
  language: z.string(),
  body: z.string(),
  /** The translator's name: the one given, else the case manager who entered it. */
  translatedBy: z.string(),
  enteredBy: z.string().nullable(),
  translatedAt: z.iso.datetime(),
});
export type OpinionTranslation = z.infer<typeof OpinionTranslation>;

/** The layers of a case's opinion as the member (once delivered) or their case manager reads them. */
export const OpinionLayers = z.object({
  reviewId: z.uuid(),
  memberLanguage: z.string(),
  delivered: z.boolean(),
  summary: OpinionSummary.nullable(),
  opinions: z.array(
    z.object({
      original: Opinion,
      /** The specialist wrote in another language than the member's: a translation is due. */
      translationNeeded: z.boolean(),
      translation: OpinionTranslation.nullable(),
    }),
  ),
  /** The written report among the case's records, once put together. */
  reportDocumentId: z.uuid().nullable(),
});
export type OpinionLayers = z.infer<typeof OpinionLayers>;

/** The eight languages the letter for the treating doctor is written in. */
export const DoctorLetterLanguage = z.enum(productLocales);
export type DoctorLetterLanguage = z.infer<typeof DoctorLetterLanguage>;

export const DoctorLetterQuery = z.object({ language: DoctorLetterLanguage.optional() }).strict();

/** The member sends the letter to their treating doctor: a link to it goes by e-mail. */
export const DoctorLetterSending = z
  .object({
    email: z.email({ message: 'must be an e-mail address' }).max(320),
    language: DoctorLetterLanguage,
    /** The doctor's name as the member gives it, for the letter's addressee. */
    doctorName: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type DoctorLetterSending = z.input<typeof DoctorLetterSending>;

export const DoctorLetterSent = z.object({
  id: z.uuid(),
  language: DoctorLetterLanguage,
  expiresAt: z.iso.datetime(),
  sentAt: z.iso.datetime(),
});
export type DoctorLetterSent = z.infer<typeof DoctorLetterSent>;

/** The doctor opens the letter with the link's token (sent in the body, never in an address). */
export const DoctorLetterOpening = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }).strict();
