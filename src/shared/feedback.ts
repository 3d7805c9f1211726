import { z } from 'zod';
import { productLocales } from './locales.js';

/*
 * Members' reviews of the service (the feedback room, resource `service-reviews`): 1–5 stars, a
 * title and a text in the member's language, moderated by a moderator who sees the review and
 * nothing of the case. Stars always count; moderation can hide words, never stars.
 */

export const SERVICE_REVIEW_TITLE_MAX = 120;
export const SERVICE_REVIEW_TEXT_MAX = 4000;
export const SERVICE_REVIEW_REPLY_MAX = 2000;
/** How long after it was first written a review may still be edited. */
export const SERVICE_REVIEW_EDIT_DAYS = 30;

export const Stars = z
  .number({ message: 'must be a whole number of stars from 1 to 5' })
  .int({ message: 'must be a whole number of stars from 1 to 5' })
  .min(1, { message: 'must be at least 1 star' })
  .max(5, { message: 'must be at most 5 stars' });

/** The languages a review may be written in: those the product speaks. */
export const ReviewLanguage = z.enum(productLocales);
export type ReviewLanguage = z.infer<typeof ReviewLanguage>;

const title = z
  .string()
  .trim()
  .min(1, { message: 'write a title' })
  .max(SERVICE_REVIEW_TITLE_MAX, { message: `must be at most ${SERVICE_REVIEW_TITLE_MAX} characters` });
const text = z
  .string()
  .trim()
  .min(1, { message: 'write a few words' })
  .max(SERVICE_REVIEW_TEXT_MAX, { message: `must be at most ${SERVICE_REVIEW_TEXT_MAX} characters` })
  .describe('Plain text, shown as text: never e-mailed, logged or put in the audit trail');

export const ServiceReviewDraft = z.object({ stars: Stars, title, text, language: ReviewLanguage }).strict();
export type ServiceReviewDraft = z.infer<typeof ServiceReviewDraft>;

/** An edit sends the version it was based on: a stale one is refused with the review as it is. */
export const ServiceReviewEdit = ServiceReviewDraft.extend({ version: z.number().int().min(1) }).strict();
export type ServiceReviewEdit = z.infer<typeof ServiceReviewEdit>;

export const moderationStatuses = ['pending', 'published', 'withheld'] as const;
export const ModerationStatus = z.enum(moderationStatuses);
export type ModerationStatus = z.infer<typeof ModerationStatus>;

/** Why a text may be withheld: a fixed list, so that the member can be told in their language. */
export const withholdReasons = [
  'health_details',
  'staff_names',
  'abusive',
  'not_about_service',
  'advertising',
] as const;
export const WithholdReason = z.enum(withholdReasons);
export type WithholdReason = z.infer<typeof WithholdReason>;

export const ModerationDecision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('publish'), version: z.number().int().min(1) }).strict(),
  z
    .object({
      decision: z.literal('withhold'),
      version: z.number().int().min(1),
      reason: WithholdReason,
    })
    .strict(),
]);
export type ModerationDecision = z.infer<typeof ModerationDecision>;

export const ServiceReply = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, { message: 'write a reply' })
      .max(SERVICE_REVIEW_REPLY_MAX, { message: `must be at most ${SERVICE_REVIEW_REPLY_MAX} characters` }),
  })
  .strict();

/** What the automatic checks noticed in a review's words, to help the moderator. */
export const flagKinds = ['phone_number', 'email_address', 'staff_name', 'health_term'] as const;
export const FlagKind = z.enum(flagKinds);
export const ReviewFlag = z.object({ kind: FlagKind, field: z.enum(['title', 'text']), match: z.string() });
export type ReviewFlag = z.infer<typeof ReviewFlag>;

/** The member's own review of their case, with the moderation outcome. */
export const MyServiceReview = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  stars: Stars,
  title: z.string(),
  text: z.string(),
  language: ReviewLanguage,
  status: ModerationStatus,
  withheldReason: WithholdReason.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Until when it may be edited. */
  editableUntil: z.iso.datetime(),
  editable: z.boolean(),
  version: z.number().int(),
  reply: z.object({ text: z.string(), at: z.iso.datetime() }).nullable(),
});
export type MyServiceReview = z.infer<typeof MyServiceReview>;

/** A review as the moderator sees it: its words and stars, never the case or the member. */
export const ReviewForModeration = z.object({
  id: z.uuid(),
  stars: Stars,
  title: z.string(),
  text: z.string(),
  language: ReviewLanguage,
  status: ModerationStatus,
  withheldReason: WithholdReason.nullable(),
  submittedAt: z.iso.datetime(),
  version: z.number().int(),
  flags: z.array(ReviewFlag),
  reply: z.object({ text: z.string(), at: z.iso.datetime() }).nullable(),
});
export type ReviewForModeration = z.infer<typeof ReviewForModeration>;

export const ModerationQueue = z.object({
  items: z.array(ReviewForModeration),
  nextCursor: z.string().nullable(),
});
export type ModerationQueue = z.infer<typeof ModerationQueue>;

export const ModerationQueueQuery = z
  .object({
    status: ModerationStatus.default('pending'),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** The average, the count, and how many ratings gave each number of stars (5 down to 1). */
export const RatingSummary = z.object({
  count: z.number().int().min(0),
  /** Rounded to one decimal; null with no ratings. */
  average: z.number().nullable(),
  distribution: z.object({
    5: z.number().int(),
    4: z.number().int(),
    3: z.number().int(),
    2: z.number().int(),
    1: z.number().int(),
  }),
});
export type RatingSummary = z.infer<typeof RatingSummary>;

/** A published review on the public page. */
export const PublishedReview = z.object({
  id: z.uuid(),
  stars: Stars,
  title: z.string(),
  text: z.string(),
  language: ReviewLanguage,
  publishedAt: z.iso.datetime(),
  /** Written by a member about a case of theirs whose recommendations were delivered. */
  verified: z.literal(true),
  reply: z.object({ text: z.string(), at: z.iso.datetime() }).nullable(),
});
export type PublishedReview = z.infer<typeof PublishedReview>;

export const PublishedReviewsQuery = z
  .object({
    language: ReviewLanguage.optional(),
    stars: z.coerce.number().int().min(1).max(5).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const PublishedReviews = z.object({
  items: z.array(PublishedReview),
  nextCursor: z.string().nullable(),
});
export type PublishedReviews = z.infer<typeof PublishedReviews>;
