import {
  SERVICE_REVIEW_EDIT_DAYS,
  type MyServiceReview,
  type PublishedReview,
  type RatingSummary,
  type ReviewFlag,
  type ReviewForModeration,
  type ReviewLanguage,
  type WithholdReason,
} from '../../../shared/feedback.js';
import type { ReviewRow } from './repo.js';

const DAY_MS = 86_400_000;

export const editableUntil = (row: ReviewRow): Date =>
  new Date(row.createdAt.getTime() + SERVICE_REVIEW_EDIT_DAYS * DAY_MS);

const replyOf = (row: ReviewRow) =>
  row.replyText && row.replyAt ? { text: row.replyText, at: row.replyAt.toISOString() } : null;

/** The member's own review, with what the moderator decided and until when it may change. */
export function presentMine(row: ReviewRow, now: Date): MyServiceReview {
  const until = editableUntil(row);
  return {
    id: row.id,
    caseId: row.caseId,
    stars: row.stars,
    title: row.title,
    text: row.text,
    language: row.language as ReviewLanguage,
    status: row.status,
    withheldReason: (row.withheldReason as WithholdReason | null) ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    editableUntil: until.toISOString(),
    editable: now < until,
    version: row.version,
    reply: replyOf(row),
  };
}

/** The review as the moderator sees it: its words, stars and flags; no case, no member. */
export function presentForModeration(row: ReviewRow, flags: ReviewFlag[]): ReviewForModeration {
  return {
    id: row.id,
    stars: row.stars,
    title: row.title,
    text: row.text,
    language: row.language as ReviewLanguage,
    status: row.status,
    withheldReason: (row.withheldReason as WithholdReason | null) ?? null,
    submittedAt: row.updatedAt.toISOString(),
    version: row.version,
    flags,
    reply: replyOf(row),
  };
}

export function presentPublished(row: ReviewRow): PublishedReview {
  return {
    id: row.id,
    stars: row.stars,
    title: row.title,
    text: row.text,
    language: row.language as ReviewLanguage,
    publishedAt: (row.publishedAt ?? row.updatedAt).toISOString(),
    verified: true,
    reply: replyOf(row),
  };
}

/** The average (one decimal) and the 5→1 distribution from the count of each number of stars. */
export function presentSummary(starCounts: Map<number, number>): RatingSummary {
  const of = (stars: number) => starCounts.get(stars) ?? 0;
  const count = [1, 2, 3, 4, 5].reduce((sum, stars) => sum + of(stars), 0);
  const total = [1, 2, 3, 4, 5].reduce((sum, stars) => sum + stars * of(stars), 0);
  return {
    count,
    average: count === 0 ? null : Math.round((total / count) * 10) / 10,
    distribution: { 5: of(5), 4: of(4), 3: of(3), 2: of(2), 1: of(1) },
  };
}
