import type { Share } from '../../../shared/outcomes.js';

/** The normal quantile for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

/**
 * The share k/n with its 95 % Wilson score interval (no continuity correction; Newcombe, Stat Med
 * 1998, method 3). Unlike the textbook p ± z·√(p(1−p)/n), it stays within 0–1 and keeps a useful
 * width at 0 % or 100 % and on the small groups a breakdown makes (a country with 4 cases).
 */
export function wilsonShare(k: number, n: number, z = Z95): Share {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
    throw new RangeError(`wilsonShare: ${k} of ${n} is not a count`);
  }
  if (n === 0) return { n: k, of: n, share: null, low: null, high: null };
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return {
    n: k,
    of: n,
    share: p,
    // At 0 or n successes the bound is exactly 0 or 1; arithmetic would leave a rounding crumb.
    low: k === 0 ? 0 : Math.max(0, centre - half),
    high: k === n ? 1 : Math.min(1, centre + half),
  };
}
