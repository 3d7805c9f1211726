import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
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

export function randomStreams(seed: number, count: number): Random[] {
  const generator = xoroshiro128plus(seed);
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
