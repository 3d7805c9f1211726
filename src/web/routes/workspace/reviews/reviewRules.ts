import { onDemand } from '../../../app/onDemand';

/**
 * The server's own rules for the review's forms (shared/reviews.ts, and the network search's of
 * shared/specialists.ts), with the ICD-10 table they check codes against: fetched when a form of
 * the panel is first used, not with the case. Its limits are repeated as numbers for the page.
 */
export const reviewRules = onDemand(async () => {
  const [reviews, specialists] = await Promise.all([
    import('../../../../shared/reviews'),
    import('../../../../shared/specialists'),
  ]);
  return { ...reviews, SpecialistMatchSearch: specialists.SpecialistMatchSearch };
});
export const MAX_PANEL = 5;
export const MAX_QUESTIONS = 20;
export const MAX_RATING_COMMENT = 1_000;
export const SCORES = [1, 2, 3, 4, 5] as const;
