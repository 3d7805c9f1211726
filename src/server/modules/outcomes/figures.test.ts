import { describe, expect, it } from 'vitest';
import { caseOutcomeOf, PUBLISHED, summariseCases, type CountedCase } from './figures.js';
import { wilsonShare } from './wilson.js';

describe('the 95 % Wilson score interval', () => {
  // Newcombe RG, Two-sided confidence intervals for the single proportion: comparison of seven
  // methods. Stat Med 1998;17:857–872, table II, method 3 (score, no continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    // The mirror of 0 of 20: the interval of k of n is that of n − k turned around.
    [20, 20, 0.8389, 1],
  ])('%i of %i lies between %f and %f', (k, n, low, high) => {
    const share = wilsonShare(k, n);
    expect(share.share).toBeCloseTo(k / n, 10);
    expect(share.low).toBeCloseTo(low, 4);
    expect(share.high).toBeCloseTo(high, 4);
  });

  it('has no share and no interval without cases, and refuses what is not a count', () => {
    expect(wilsonShare(0, 0)).toEqual({ n: 0, of: 0, share: null, low: null, high: null });
    expect(() => wilsonShare(3, 2)).toThrow(RangeError);
    expect(() => wilsonShare(-1, 2)).toThrow(RangeError);
    expect(() => wilsonShare(0.5, 2)).toThrow(RangeError);
  });
});

describe("a case's one answer", () => {
  const agree = { diagnosis: 'refined', treatment: 'modified' } as const;
  const differ = { diagnosis: 'changed', treatment: 'changed' } as const;

  it.each([
    ['a single opinion gives it', 'opinion_ready', [agree], undefined, 'from_opinion', agree],
    ['a panel that agrees gives it', 'monitoring', [agree, agree], undefined, 'from_opinion', agree],
    [
      'a panel that disagrees waits',
      'opinion_ready',
      [agree, differ],
      undefined,
      'awaiting_reconciliation',
      null,
    ],
    ['the case manager reconciles it', 'closed', [agree, differ], differ, 'reconciled', differ],
    ['no opinion before the review ends', 'under_review', [], undefined, 'awaiting_opinion', null],
    [
      'the first of a panel of two is not the answer',
      'under_review',
      [agree],
      undefined,
      'awaiting_opinion',
      null,
    ],
    ['without a review, it is counted apart', 'recommendations_delivered', [], undefined, 'no_review', null],
  ] as const)('%s', (_story, status, opinions, reconciled, state, verdicts) => {
    expect(caseOutcomeOf(status, opinions, reconciled)).toEqual({ state, verdicts });
  });
});

describe('the figures of many cases', () => {
  const base: Omit<CountedCase, 'verdicts' | 'state'> = {
    month: '2026-05',
    specialty: 'oncology',
    country: 'FR',
    language: 'fr',
    plan: 'family',
    action: null,
  };
  const decided = (
    diagnosis: 'confirmed' | 'refined' | 'changed',
    treatment: 'confirmed' | 'modified' | 'changed',
    extra: Partial<CountedCase> = {},
  ): CountedCase => ({
    ...base,
    state: 'from_opinion',
    verdicts: { diagnosis, treatment },
    ...extra,
  });

  it('counts each case once, a refined diagnosis as not changed and a modified treatment as changed', () => {
    const cases = [
      decided('changed', 'changed', { month: '2026-06', action: 'followed' }),
      decided('refined', 'modified', { country: 'ES', action: 'partly_followed' }),
      decided('confirmed', 'confirmed', { country: 'ES', action: 'followed' }),
      decided('confirmed', 'modified', { month: '2026-04' }),
      { ...base, state: 'awaiting_reconciliation' as const, verdicts: null },
    ];
    const byMonth = summariseCases(cases, 'month', [
      { reason: 'answered_by_case_manager', cases: 2 },
      { reason: 'not_recorded', cases: 1 },
    ]);
    expect(byMonth).toMatchObject({
      by: 'month',
      cases: 4,
      diagnosis: { confirmed: 2, refined: 1, changed: 1 },
      treatment: { confirmed: 1, modified: 2, changed: 1 },
      diagnosisChanged: { n: 1, of: 4, share: 0.25 },
      treatmentChanged: { n: 3, of: 4, share: 0.75 },
      withoutReview: 3,
      awaitingReconciliation: 1,
    });
    // Counted apart by the reason recorded at delivery, every reason of the list shown.
    expect(byMonth.withoutReviewByReason).toEqual([
      { reason: 'answered_by_case_manager', cases: 2 },
      { reason: 'review_request_withdrawn', cases: 0 },
      { reason: 'urgent_care_directed', cases: 0 },
      { reason: 'outside_service_scope', cases: 0 },
      { reason: 'not_recorded', cases: 1 },
    ]);
    expect(byMonth.groups.map((g) => [g.key, g.cases, g.treatmentChanged.n])).toEqual([
      ['2026-04', 1, 1],
      ['2026-05', 2, 1],
      ['2026-06', 1, 1],
    ]);
    const byCountry = summariseCases(cases, 'country', []);
    expect(byCountry.groups.map((g) => [g.key, g.cases])).toEqual([
      ['ES', 2],
      ['FR', 2],
    ]);
    expect(byMonth.followUp.cases).toBe(3);
    expect(byMonth.followUp.actions.find((a) => a.action === 'followed')?.share).toMatchObject({
      n: 2,
      of: 3,
    });
  });

  it('shows the published figures with their own intervals', () => {
    const { published } = summariseCases([], 'plan', []);
    expect(published.cases).toBe(PUBLISHED.cases);
    expect(published.diagnosisChanged.share).toBeCloseTo(0.148, 3);
    expect(published.treatmentChanged.share).toBeCloseTo(0.374, 3);
    expect(published.diagnosisChanged.low).toBeLessThan(0.148);
    expect(published.diagnosisChanged.high).toBeGreaterThan(0.148);
  });
});
