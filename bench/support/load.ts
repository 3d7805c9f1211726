import autocannon, { type Result } from 'autocannon';
import type { BenchContext } from './bench.js';

export interface LoadTarget {
  label: string;
  url: string;
  headers?: Record<string, string>;
}

export interface LoadFigures {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  /** Non-2xx answers, connection errors and timeouts together. */
  errors: number;
  total: number;
}

function summarise(result: Result): LoadFigures {
  return {
    requestsPerSecond: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    errors: result.non2xx + result.errors,
    total: result['2xx'] + result.non2xx,
  };
}

function describeErrors(result: Result): string {
  const statuses = Object.entries(result.statusCodeStats)
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, { count }]) => `${count} x ${status}`);
  if (result.errors > 0) statuses.push(`${result.errors} connection errors (${result.timeouts} timeouts)`);
  return statuses.join(', ');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function combine(rounds: LoadFigures[]): LoadFigures {
  return {
    requestsPerSecond: median(rounds.map((round) => round.requestsPerSecond)),
    latencyP50: median(rounds.map((round) => round.latencyP50)),
    latencyP99: median(rounds.map((round) => round.latencyP99)),
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
    total: rounds.reduce((sum, round) => sum + round.total, 0),
  };
}

/** Seconds per measured round: short enough to interleave, long enough for a stable p99. */
const ROUND_SECONDS = 2;

/**
 * Closed-loop load (`connections` clients each send a request as soon as the previous answer
 * arrives) on a target and its baseline. Both are warmed up first (JIT, connection pools, caches;
 * thrown away), then measured in alternating rounds of a couple of seconds, so that a burst of
 * background load on a shared machine hits both sides alike instead of skewing the ratio. Each
 * figure is the median over the rounds; errors are summed.
 */
export async function measurePair(
  ctx: BenchContext,
  targets: { real: LoadTarget; baseline: LoadTarget },
  connections: number,
): Promise<{ real: LoadFigures; baseline: LoadFigures }> {
  const sides = [
    { target: targets.real, rounds: [] as LoadFigures[] },
    { target: targets.baseline, rounds: [] as LoadFigures[] },
  ];
  const optionsOf = (target: LoadTarget) => ({ url: target.url, headers: target.headers ?? {}, connections });
  if (ctx.warmupSeconds > 0) {
    for (const { target } of sides) {
      const warmup = await autocannon({ ...optionsOf(target), duration: ctx.warmupSeconds });
      if (warmup.non2xx + warmup.errors > 0)
        ctx.progress(`  ${target.label} warm-up errors: ${describeErrors(warmup)}`);
    }
  }
  const roundCount = Math.max(1, Math.round(ctx.durationSeconds / ROUND_SECONDS));
  const roundSeconds = ctx.durationSeconds / roundCount;
  for (let round = 0; round < roundCount; round += 1) {
    for (const { target, rounds } of sides) {
      const result = await autocannon({ ...optionsOf(target), duration: roundSeconds });
      if (result.non2xx + result.errors > 0)
        ctx.progress(`  ${target.label} errors in round ${round + 1}: ${describeErrors(result)}`);
      rounds.push(summarise(result));
    }
  }
  const [real, baseline] = sides.map(({ target, rounds }) => {
    const figures = combine(rounds);
    ctx.progress(
      `  ${target.label.padEnd(16)} ${figures.requestsPerSecond.toFixed(0).padStart(7)} req/s   ` +
        `p50 ${figures.latencyP50.toFixed(1)} ms   p99 ${figures.latencyP99.toFixed(1)} ms   ` +
        `${figures.total} requests   (req/s by round: ${rounds.map((r) => r.requestsPerSecond.toFixed(0)).join(' ')})`,
    );
    return figures;
  }) as [LoadFigures, LoadFigures];
  return { real, baseline };
}
