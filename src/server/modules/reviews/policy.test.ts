import { describe, expect, it } from 'vitest';
import { offerStatuses, reviewStatuses } from '../../../shared/reviews.js';
import { reviewsPolicy, type DeskAccess } from './policy.js';

describe('what a specialist sees of a case at the desk', () => {
  const access = (
    offerStatus: (typeof offerStatuses)[number],
    reviewStatus: (typeof reviewStatuses)[number] = 'open',
    { caseOpen = true, consentInForce = true } = {},
  ) => reviewsPolicy.deskAccess({ offerStatus, reviewStatus, caseOpen, consentInForce });

  it('the summary through an offer, the shared records once accepted, their own opinion afterwards', () => {
    expect(access('offered')).toBe<DeskAccess>('summary');
    expect(access('accepted')).toBe<DeskAccess>('full');
    // Submitted while others of the panel still write: still the records, as the review is open.
    expect(access('submitted')).toBe<DeskAccess>('full');
    expect(access('submitted', 'complete')).toBe<DeskAccess>('own_opinion');
  });

  it('the shared records again while a follow-up question waits for their answer, and never on an ended case', () => {
    const withQuestion = (caseOpen: boolean, consentInForce = true) =>
      reviewsPolicy.deskAccess({
        offerStatus: 'submitted',
        reviewStatus: 'complete',
        caseOpen,
        consentInForce,
        followupOpen: true,
      });
    expect(withQuestion(true)).toBe<DeskAccess>('full');
    expect(withQuestion(false)).toBe<DeskAccess>('none');
    expect(withQuestion(true, false)).toBe<DeskAccess>('none');
    // A question does not reopen an offer that was declined.
    expect(
      reviewsPolicy.deskAccess({
        offerStatus: 'declined',
        reviewStatus: 'complete',
        caseOpen: true,
        consentInForce: true,
        followupOpen: true,
      }),
    ).toBe<DeskAccess>('none');
  });

  it('nothing through an offer that was declined, lapsed or withdrawn, or left open after the review ended', () => {
    for (const status of ['declined', 'expired', 'withdrawn'] as const) {
      for (const review of reviewStatuses) expect(access(status, review), `${status}/${review}`).toBe('none');
    }
    expect(access('offered', 'complete')).toBe<DeskAccess>('none');
  });

  it('nothing at all once the case ended, the review was withdrawn or the member withdrew consent', () => {
    for (const offer of offerStatuses) {
      expect(access(offer, 'withdrawn'), offer).toBe('none');
      expect(access(offer, 'open', { caseOpen: false }), offer).toBe('none');
      expect(access(offer, 'open', { consentInForce: false }), offer).toBe('none');
      expect(access(offer, 'complete', { consentInForce: false }), offer).toBe('none');
    }
  });
});
