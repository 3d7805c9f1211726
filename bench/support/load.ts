import autocannon, { type Result } from 'autocannon';
import type { BenchContext } from './bench.js';
import { cpuSeconds, postgresCpuSeconds } from './cpu.js';

export interface LoadTarget {
  label: string;
  url: string;
  headers?: Record<string, string>;
  /** GET unless said; a POST sends `body` (JSON) with every request. */
  method?: 'GET' | 'POST';
  body?: string;
  /** The server process behind `url`: its CPU time per answered request is measured too. */
  pid?: number;
}

export interface LoadFigures {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  /** Non-2xx answers, connection errors and timeouts together. */
  errors: number;
  total: number;
  /** CPU time of the target's server process per answered request, in ms (with a `pid`). */
  serverCpuMsPerRequest: number | null;
  /** CPU time of every PostgreSQL process per answered request, in ms, over the same rounds. */
  postgresCpuMsPerRequest: number;
}

interface RoundFigures {
  result: LoadFigures;
  serverCpuSeconds: number | null;
  postgresCpuSeconds: number;
}

function summarise(result: Result): LoadFigures {
  return {
    requestsPerSecond: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    errors: result.non2xx + result.errors,
    total: result['2xx'] + result.non2xx,
    serverCpuMsPerRequest: null,
    postgresCpuMsPerRequest: 0,
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

function combine(rounds: RoundFigures[]): LoadFigures {
  const total = rounds.reduce((sum, round) => sum + round.result.total, 0);
  const perRequest = (seconds: number) => (total > 0 ? (seconds * 1000) / total : 0);
  const serverSeconds = rounds.map((round) => round.serverCpuSeconds);
  return {
    requestsPerSecond: median(rounds.map((round) => round.result.requestsPerSecond)),
    latencyP50: median(rounds.map((round) => round.result.latencyP50)),
    latencyP99: median(rounds.map((round) => round.result.latencyP99)),
    errors: rounds.reduce((sum, round) => sum + round.result.errors, 0),
    total,
    serverCpuMsPerRequest: serverSeconds.every((seconds) => seconds !== null)
      ? perRequest(serverSeconds.reduce((sum, seconds) => sum + seconds, 0))
      : null,
    postgresCpuMsPerRequest: perRequest(rounds.reduce((sum, round) => sum + round.postgresCpuSeconds, 0)),
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
  options: {
    /**
     * Open loop instead: the connections together send this many requests a second, whatever the
     * answers' pace, so the latency is the server's own and not the wait in a saturated queue.
     */
    requestsPerSecond?: number;
  } = {},
): Promise<{ real: LoadFigures; baseline: LoadFigures }> {
  const sides = [
    { target: targets.real, rounds: [] as RoundFigures[] },
    { target: targets.baseline, rounds: [] as RoundFigures[] },
  ];
  const optionsOf = (target: LoadTarget) => ({
    url: target.url,
    headers:
      target.body === undefined
        ? (target.headers ?? {})
        : { 'content-type': 'application/json', ...target.headers },
    ...(target.method ? { method: target.method } : {}),
    ...(target.body === undefined ? {} : { body: target.body }),
    connections,
    ...(options.requestsPerSecond ? { overallRate: options.requestsPerSecond } : {}),
  });
  // What the processes use with no load at all (job polling, timers): it is in every round too.
  const idleSeconds = options.requestsPerSecond ? 0 : 3;
  const idleBefore = sides.map(({ target }) => (target.pid === undefined ? 0 : cpuSeconds(target.pid)));
  const idlePostgresBefore = postgresCpuSeconds();
  await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
  const perSecond = (seconds: number) => ((seconds * 1000) / idleSeconds).toFixed(0);
  if (idleSeconds > 0)
    ctx.progress(
      `  idle CPU: ${sides
        .map(({ target }, index) =>
          target.pid === undefined
            ? null
            : `${target.label} ${perSecond(cpuSeconds(target.pid) - idleBefore[index]!)} ms/s`,
        )
        .filter(Boolean)
        .join(', ')}, PostgreSQL ${perSecond(postgresCpuSeconds() - idlePostgresBefore)} ms/s`,
    );
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
      const serverBefore = target.pid === undefined ? null : cpuSeconds(target.pid);
      const postgresBefore = postgresCpuSeconds();
      const result = await autocannon({ ...optionsOf(target), duration: roundSeconds });
      const postgresAfter = postgresCpuSeconds();
      const serverAfter = target.pid === undefined ? null : cpuSeconds(target.pid);
      if (result.non2xx + result.errors > 0)
        ctx.progress(`  ${target.label} errors in round ${round + 1}: ${describeErrors(result)}`);
      rounds.push({
        result: summarise(result),
        serverCpuSeconds: serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore,
        postgresCpuSeconds: postgresAfter - postgresBefore,
      });
    }
  }
  const [real, baseline] = sides.map(({ target, rounds }) => {
    const figures = combine(rounds);
    ctx.progress(
      `  ${target.label.padEnd(16)} ${figures.requestsPerSecond.toFixed(0).padStart(7)} req/s   ` +
        `p50 ${figures.latencyP50.toFixed(1)} ms   p99 ${figures.latencyP99.toFixed(1)} ms   ` +
        `${figures.total} requests   (req/s by round: ${rounds.map((r) => r.result.requestsPerSecond.toFixed(0)).join(' ')})` +
        `   CPU a request: server ${figures.serverCpuMsPerRequest?.toFixed(2) ?? '-'} ms, ` +
        `PostgreSQL ${figures.postgresCpuMsPerRequest.toFixed(2)} ms`,
    );
    return figures;
  }) as [LoadFigures, LoadFigures];
  return { real, baseline };
}
