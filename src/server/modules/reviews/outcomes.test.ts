import { describe, expect, it } from 'vitest';
import { offerStatuses, reviewStatuses } from '../../../shared/reviews.js';
import { summariseOutcomes } from './outcomes.js';
import { reviewsPolicy, type DeskAccess } from './policy.js';

describe('what the opinions changed, for the operations dashboard', () => {
  it('counts a changed diagnosis, not a refined one, and a modified or changed treatment', () => {
    // A hundred opinions shaped like the published series.
    const summary = summariseOutcomes([
      { diagnosis: 'confirmed', treatment: 'confirmed', n: 55 },
      { diagnosis: 'confirmed', treatment: 'modified', n: 9 },
      { diagnosis: 'refined', treatment: 'confirmed', n: 8 },
      { diagnosis: 'refined', treatment: 'modified', n: 10 },
      { diagnosis: 'changed', treatment: 'changed', n: 15 },
      { diagnosis: 'changed', treatment: 'modified', n: 3 },
    ]);
    expect(summary).toEqual({
      opinions: 100,
      diagnosis: { confirmed: 64, refined: 18, changed: 18, changedShare: 0.18 },
      treatment: { confirmed: 63, modified: 22, changed: 15, changedShare: 0.37 },
    });
  });

  it('gives shares to four places, and none at all without opinions', () => {
    const third = summariseOutcomes([
      { diagnosis: 'changed', treatment: 'confirmed', n: 1 },
      { diagnosis: 'confirmed', treatment: 'confirmed', n: 2 },
    ]);
    expect(third.diagnosis.changedShare).toBe(0.3333);
    expect(third.treatment.changedShare).toBe(0);
    expect(summariseOutcomes([])).toEqual({
      opinions: 0,
      diagnosis: { confirmed: 0, refined: 0, changed: 0, changedShare: null },
      treatment: { confirmed: 0, modified: 0, changed: 0, changedShare: null },
    });
  });
});

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
