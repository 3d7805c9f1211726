import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { Distribution } from '../../../../shared/planning.js';

/**
 * The simulator's only source of chance: xoroshiro128+ (pure-rand) from a seed. Each part of a run
 * draws from its own stream (a jump of 2^64 draws ahead), so that the arrivals of a seed stay the
 * same whatever the roster, and two rules compared on one seed see the very same requests.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
}

/**
 * The generator's 128-bit state spread from the seed by SplitMix32 (a Weyl sequence through
 * MurmurHash3's finaliser). Seeding xoroshiro128+ with the seed itself, as `xoroshiro128plus(seed)`
 * does, leaves its first draws barely mixed (the first is about 1.0 for every small seed, which
 * made the first arrival of every run fall late).
 */
function stateFrom(seed: number): number[] {
  let weyl = seed | 0;
  const word = () => {
    weyl = (weyl + 0x9e3779b9) | 0;
    let z = weyl;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  const state = [word(), word(), word(), word()];
  // An all-zero state would stay zero for ever; no seed gives one, but it costs one line to be sure.
  if (state.filter((value) => value !== 0).length === 0) state[0] = 1;
  return state;
}

export function randomStreams(seed: number, count: number): Random[] {
  const generator = xoroshiro128plusFromState(stateFrom(seed));
  const streams: Random[] = [];
  for (let index = 0; index < count; index += 1) {
    const own = generator.clone();
    streams.push({ next: () => uniformFloat64(own) });
    generator.jump();
  }
  return streams;
}

/** Exponentially distributed with this mean. */
export function exponential(random: Random, mean: number): number {
  // 1 - u is in (0, 1]: the logarithm never sees 0.
  return -Math.log(1 - random.next()) * mean;
}

/** The z of a standard normal at the 90th percentile. */
const Z90 = 1.2815515655446004;

function standardNormal(random: Random): number {
  // Box–Muller, one value per pair of draws (the other is dropped: simpler, and as random).
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A draw from a duration distribution of the scenario, in the distribution's own unit. */
export function draw(random: Random, distribution: Distribution): number {
  switch (distribution.kind) {
    case 'fixed':
      return distribution.value;
    case 'exponential':
      return exponential(random, distribution.mean);
    case 'uniform':
      return distribution.min + random.next() * (distribution.max - distribution.min);
    case 'lognormal': {
      const mu = Math.log(distribution.median);
      const sigma = (Math.log(distribution.p90) - mu) / Z90;
      return Math.exp(mu + sigma * standardNormal(random));
    }
  }
}

/** The mean of a distribution, in its unit. */
export function meanOf(distribution: Distribution): number {
  switch (distribution.kind) {
    case 'fixed':
      return distribution.value;
    case 'exponential':
      return distribution.mean;
    case 'uniform':
      return (distribution.min + distribution.max) / 2;
    case 'lognormal': {
      const sigma = (Math.log(distribution.p90) - Math.log(distribution.median)) / Z90;
      return distribution.median * Math.exp((sigma * sigma) / 2);
    }
  }
}
