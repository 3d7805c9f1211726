import { describe, expect, it } from 'vitest';
import { OpinionRatingCreation } from '../../../shared/reviews.js';
import type { Relation } from '../cases/index.js';
import { reviewsPolicy } from './policy.js';

const offerId = '01939a7e-2b1c-7d4e-8f00-0a1b2c3d4e5f';

describe('who rates an opinion', () => {
  it('the case manager of the case and operations; nobody else', () => {
    const relations: Relation[] = [
      'assigned_case_manager',
      'operations',
      'member',
      'guardian',
      'other',
      'system',
    ];
    expect(relations.filter((relation) => reviewsPolicy.rate(relation))).toEqual([
      'assigned_case_manager',
      'operations',
    ]);
  });
});

describe('a rating, as it is sent', () => {
  it('is a whole score from 1 to 5 with an optional comment, trimmed', () => {
    for (const score of [1, 3, 5]) {
      expect(OpinionRatingCreation.parse({ offerId, score })).toEqual({ offerId, score });
    }
    expect(OpinionRatingCreation.parse({ offerId, score: 4, comment: '  Thorough.  ' }).comment).toBe(
      'Thorough.',
    );
  });

  it('refuses a score out of range or not whole, a long comment and unknown fields, each with its path', () => {
    const pathsOf = (body: unknown) =>
      (OpinionRatingCreation.safeParse(body).error?.issues ?? []).map((issue) => issue.path.join('.'));
    for (const score of [0, 6, 2.5, '4', null, undefined])
      expect(pathsOf({ offerId, score })).toEqual(['score']);
    expect(pathsOf({ offerId, score: 3, comment: 'x'.repeat(1_001) })).toEqual(['comment']);
    expect(pathsOf({ offerId: 'not-an-id', score: 3 })).toEqual(['offerId']);
    expect(pathsOf({ offerId, score: 3, stars: 3 })).toEqual(['']);
  });
});
