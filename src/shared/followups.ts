import { z } from 'zod';
import { productLocales } from './locales.js';

/**
 * Follow-up questions after the opinion: the case manager forwards a member's question to the
 * specialists who gave the opinion, and each answers at their desk with an addendum to their
 * opinion (versioned: an edit is the next version). Used by the server and the web app alike.
 */

export const MAX_FOLLOWUP_QUESTION = 4_000;
export const MAX_ADDENDUM = 20_000;

/** A question is `open` until each specialist asked has answered, or `ended` with the case. */
export const followupRecipientStatuses = ['open', 'answered', 'ended'] as const;
export const FollowupRecipientStatus = z.enum(followupRecipientStatuses);
export type FollowupRecipientStatus = z.infer<typeof FollowupRecipientStatus>;

/** The language an addendum is written in: one of the product's languages. */
export const AddendumLanguage = z.enum(productLocales);

export const FollowupQuestionCreation = z
  .object({
    /** The offers (the specialists) whose opinion the question is about: each answers for themselves. */
    offerIds: z
      .array(z.uuid({ message: 'must be an id (UUID)' }))
      .min(1)
      .max(5)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat an id' }),
    /** The member's question, as the case manager forwards it (from a message, or typed). */
    question: z.string().trim().min(1, { message: 'write the question' }).max(MAX_FOLLOWUP_QUESTION),
  })
  .strict();
export type FollowupQuestionCreation = z.input<typeof FollowupQuestionCreation>;

export const AddendumSubmission = z
  .object({
    /** 1 for the first answer; an edit carries the next version. */
    version: z.number().int().min(1),
    body: z.string().trim().min(1, { message: 'write the answer' }).max(MAX_ADDENDUM),
    language: AddendumLanguage,
  })
  .strict();
export type AddendumSubmission = z.input<typeof AddendumSubmission>;

export const Addendum = z.object({
  id: z.uuid(),
  version: z.number().int(),
  body: z.string(),
  language: AddendumLanguage,
  submittedAt: z.iso.datetime(),
});
export type Addendum = z.infer<typeof Addendum>;

/**
 * The case manager's plain-language summary of one addendum version, in the member's language:
 * required before the member reads that version (docs/opinion-layers.md).
 */
export const AddendumSummaryEntry = z
  .object({
    /** The addendum version summarised: the latest; a newer one makes this a stale write (409). */
    addendumVersion: z.number().int().min(1),
    language: z.string().trim().min(2).max(35),
    body: z.string().trim().min(1, { message: 'write the summary' }).max(MAX_ADDENDUM),
  })
  .strict();
export type AddendumSummaryEntry = z.input<typeof AddendumSummaryEntry>;

export const AddendumSummary = z.object({
  addendumVersion: z.number().int(),
  language: z.string(),
  body: z.string(),
  writtenBy: z.string().nullable(),
  writtenAt: z.iso.datetime(),
});
export type AddendumSummary = z.infer<typeof AddendumSummary>;

export const FollowupAnswer = z.object({
  /** The specialist's part of the question. */
  id: z.uuid(),
  offerId: z.uuid(),
  specialist: z.object({ name: z.string(), title: z.string().nullable() }),
  status: FollowupRecipientStatus,
  dueAt: z.iso.datetime(),
  answeredAt: z.iso.datetime().nullable(),
  /**
   * The latest version of the addendum the viewer may read: staff read the latest; the member the
   * latest one whose summary is written.
   */
  addendum: Addendum.nullable(),
  /** The case manager's summary of that version, in the member's language; null until written. */
  summary: AddendumSummary.nullable(),
  /** A version the member does not read yet waits for its summary: "an answer is being prepared". */
  preparing: z.boolean(),
});
export type FollowupAnswer = z.infer<typeof FollowupAnswer>;

export const FollowupQuestion = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  question: z.string(),
  askedAt: z.iso.datetime(),
  answers: z.array(FollowupAnswer),
});
export type FollowupQuestion = z.infer<typeof FollowupQuestion>;

export const FollowupList = z.object({ items: z.array(FollowupQuestion) });
export type FollowupList = z.infer<typeof FollowupList>;

/** A question on the specialist's desk, with every version of their addendum (newest last). */
export const DeskFollowup = z.object({
  id: z.uuid(),
  offerId: z.uuid(),
  caseNumber: z.string(),
  question: z.string(),
  askedAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  status: FollowupRecipientStatus,
  addenda: z.array(Addendum),
});
export type DeskFollowup = z.infer<typeof DeskFollowup>;
