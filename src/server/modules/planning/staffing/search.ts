import { wilson } from './confidence.js';
import type { SeedOutcome } from './evaluate.js';
import { patternReaching, sum, type Pattern } from './patterns.js';

/*
 * The planner's search for the smallest roster, on the search seeds: from a lower bound, grow each
 * language below the target on the pattern whose shifts reach its late cases, by strides that
 * double while it stays below (1, 2, 4… a twentieth of its team first); then take back what the last
 * strides added beyond need, by bisection, every language at once. See docs/planning.md.
 */

/** The first stride of a language: this share of its team (at least one person). */
const FIRST_STRIDE_SHARE = 0.05;

/** Pooled over seeds: the share by language, and whether each keeps the target. */
export function pooledByLanguage(outcomes: SeedOutcome[], target: number) {
  const tallies = new Map<string, { cases: number; within: number }>();
  for (const outcome of outcomes)
    for (const entry of outcome.byLanguage) {
      const tally = tallies.get(entry.language) ?? { cases: 0, within: 0 };
      tally.cases += entry.cases;
      tally.within += entry.within;
      tallies.set(entry.language, tally);
    }
  return [...tallies]
    .map(([language, tally]) => ({
      language,
      ...wilson(tally.within, tally.cases),
      meetsTarget: tally.cases === 0 || tally.within / tally.cases >= target,
    }))
    .sort((a, b) => b.cases - a.cases || a.language.localeCompare(b.language));
}

export interface SearchInput {
  patterns: Pattern[];
  /** Where the search starts (the lower bound). */
  start: number[];
  target: number;
  /** The roster of these counts on the search seeds. */
  evaluate: (counts: number[]) => Promise<SeedOutcome[]>;
  /** Hours on duty of one person of a pattern in the 24 hours from an instant. */
  reachOf: (pattern: number, from: number) => number;
  /** The growth stops, target not reached, at this size or after this many steps. */
  maxSize: number;
  maxSteps: number;
  onStep?: (step: { step: number; size: number; failing: string[] }) => void;
}

export interface SearchResult {
  counts: number[];
  reached: boolean;
  steps: number;
}

/** What the last stride added to a pattern, and for which languages: what trimming may take back. */
interface Stride {
  pattern: number;
  languages: Set<string>;
  /** Of the people added: the most known to fall short (-1: none tried), the fewest known enough. */
  low: number;
  high: number;
}

export async function searchRoster(input: SearchInput): Promise<SearchResult> {
  const { patterns, target } = input;
  let steps = 0;
  /** The smallest roster seen keeping the target on every language. */
  let smallest: number[] = [];
  const step = async (counts: number[]) => {
    steps += 1;
    const outcomes = await input.evaluate(counts);
    const failing = pooledByLanguage(outcomes, target)
      .filter((entry) => !entry.meetsTarget)
      .map((entry) => entry.language);
    input.onStep?.({ step: steps, size: sum(counts), failing });
    if (failing.length === 0 && (!smallest.length || sum(counts) < sum(smallest))) smallest = [...counts];
    return { outcomes, failing };
  };
  const teamOf = (counts: number[], language: string) =>
    sum(patterns.map((pattern, index) => (pattern.languages[0] === language ? counts[index]! : 0)));

  /* Growth. */
  const counts = [...input.start];
  const strideOf = new Map<string, number>();
  const lastStride = new Map<number, Stride>();
  let reached = false;
  for (;;) {
    const { outcomes, failing } = await step(counts);
    // Every language keeping the target means the whole does too (its share is their average).
    if (failing.length === 0) {
      reached = true;
      break;
    }
    if (sum(counts) >= input.maxSize || steps >= input.maxSteps) break;
    for (const language of strideOf.keys()) if (!failing.includes(language)) strideOf.delete(language);
    const late = outcomes.flatMap((outcome) => outcome.late);
    const added = new Map<number, Stride>();
    for (const language of failing) {
      const pattern = patternReaching(patterns, counts, language, late, input.reachOf);
      if (pattern < 0) continue;
      const stride =
        strideOf.get(language) ?? Math.max(1, Math.round(teamOf(counts, language) * FIRST_STRIDE_SHARE));
      strideOf.set(language, stride * 2);
      const entry = added.get(pattern) ?? { pattern, languages: new Set(), low: -1, high: 0 };
      entry.languages.add(language);
      entry.high += stride;
      added.set(pattern, entry);
    }
    // A language nobody on the roster speaks goes through interpreters: more people do not fix it.
    if (added.size === 0) break;
    for (const [pattern, entry] of added) {
      counts[pattern]! += entry.high;
      lastStride.set(pattern, entry);
    }
  }
  if (!reached) return { counts, reached, steps };

  /*
   * Trimming: the roster before each pattern's last stride fell short, the roster after it keeps
   * the target; bisect how many of the stride are needed, every pattern at once. Each pattern is
   * judged by the languages its stride was for.
   */
  const strides = [...lastStride.values()];
  const base = [...counts];
  for (const stride of strides) base[stride.pattern]! -= stride.high;
  const countsWith = (taken: (stride: Stride) => number) => {
    const trial = [...base];
    for (const stride of strides) trial[stride.pattern]! += taken(stride);
    return trial;
  };
  const open = (stride: Stride) => stride.high - stride.low > 1;
  while (strides.some(open)) {
    const middle = new Map(strides.map((stride) => [stride, Math.floor((stride.low + stride.high) / 2)]));
    const { failing } = await step(
      countsWith((stride) => (open(stride) ? middle.get(stride)! : stride.high)),
    );
    for (const stride of strides.filter(open)) {
      const enough = ![...stride.languages].some((language) => failing.includes(language));
      if (enough) stride.high = middle.get(stride)!;
      else stride.low = middle.get(stride)!;
    }
  }
  // Languages share people (everyone may speak English beside their own): check the trimmed roster
  // as a whole; where a language then falls short, give its strides back whole and check again.
  // The answer is the smallest roster seen keeping the target, the grown one at worst.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const trimmed = countsWith((stride) => stride.high);
    if (sum(trimmed) >= sum(smallest)) break;
    const { failing } = await step(trimmed);
    const short = strides.filter((stride) => failing.some((language) => stride.languages.has(language)));
    if (failing.length === 0 || short.length === 0) break;
    for (const stride of short) stride.high = counts[stride.pattern]! - base[stride.pattern]!;
  }
  return { counts: smallest, reached, steps };
}
