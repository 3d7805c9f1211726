import type { ShareEstimate } from '../../../../shared/planning.js';

/** z for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

/**
 * The share `within / cases` with its 95 % Wilson score interval, which stays inside [0, 1] and is
 * honest near 100 %, where the normal approximation claims a certainty it does not have.
 */
export function wilson(within: number, cases: number, z = Z95): ShareEstimate {
  if (cases === 0) return { share: null, low: null, high: null, cases };
  const share = within / cases;
  const z2 = z * z;
  const denominator = 1 + z2 / cases;
  const centre = (share + z2 / (2 * cases)) / denominator;
  const half = (z * Math.sqrt((share * (1 - share)) / cases + z2 / (4 * cases * cases))) / denominator;
  return { share, low: Math.max(0, centre - half), high: Math.min(1, centre + half), cases };
}
