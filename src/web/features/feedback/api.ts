import type {
  ModerationDecision,
  ModerationQueue,
  ModerationStatus,
  MyServiceReview,
  PublishedReviews,
  RatingSummary,
  ReviewForModeration,
  ServiceReviewDraft,
  ServiceReviewEdit,
} from '../../../shared/feedback';
import { request } from '../../api/client';

/** The service reviews' endpoints (the feedback room; see docs/api.md). */
const caseReview = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/service-review`;
const review = (id: string) => `/api/v1/service-reviews/${encodeURIComponent(id)}`;

export const feedbackApi = {
  myReview: (caseId: string) => request<MyServiceReview | null>('GET', caseReview(caseId)),
  writeReview: (caseId: string, body: ServiceReviewDraft, idempotencyKey: string) =>
    request<MyServiceReview>('POST', caseReview(caseId), body, {
      headers: { 'idempotency-key': idempotencyKey },
    }),
  editReview: (caseId: string, body: ServiceReviewEdit) =>
    request<MyServiceReview>('PUT', caseReview(caseId), body),
  rating: () => request<RatingSummary>('GET', '/api/v1/service-reviews/rating'),
  published: (query: { language?: string; stars?: number; cursor?: string }) => {
    const params = new URLSearchParams();
    if (query.language) params.set('language', query.language);
    if (query.stars) params.set('stars', String(query.stars));
    if (query.cursor) params.set('cursor', query.cursor);
    const search = params.toString();
    return request<PublishedReviews>('GET', `/api/v1/service-reviews/published${search ? `?${search}` : ''}`);
  },
  queue: (status: ModerationStatus, cursor?: string) =>
    request<ModerationQueue>(
      'GET',
      `/api/v1/service-reviews?status=${status}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
  decide: (id: string, body: ModerationDecision) =>
    request<ReviewForModeration>('POST', `${review(id)}/moderation-decisions`, body),
  reply: (id: string, text: string) => request<ReviewForModeration>('PUT', `${review(id)}/reply`, { text }),
};

export const feedbackKeys = {
  mine: (caseId: string) => ['case', caseId, 'service-review'] as const,
  rating: ['service-reviews', 'rating'] as const,
  published: (language: string, stars: number | null) =>
    ['service-reviews', 'published', language, stars] as const,
  queue: (status: ModerationStatus) => ['service-reviews', 'queue', status] as const,
};
