import { describe, expect, it } from 'vitest';
import { wilson } from './confidence.js';

describe('the confidence the planner states', () => {
  it.each([
    // within, cases, low, high: reference values of the Wilson score interval at 95 %
    [81, 263, 0.2553, 0.3662],
    [995, 1000, 0.9884, 0.9979],
    [1000, 1000, 0.9962, 1],
    [0, 10, 0, 0.2775],
  ])('%i of %i contacted in time gives [%f, %f]', (within, cases, low, high) => {
    const estimate = wilson(within, cases);
    expect(estimate.share).toBeCloseTo(within / cases, 10);
    expect(estimate.low).toBeCloseTo(low, 3);
    expect(estimate.high).toBeCloseTo(high, 3);
  });

  it('says nothing of a share without cases', () => {
    expect(wilson(0, 0)).toEqual({ share: null, low: null, high: null, cases: 0 });
  });
});
