import { pino } from 'pino';
import { DEMO_PASSWORD } from '../src/server/demo/seed.js';
import { createLogger } from '../src/server/platform/logger.js';
import { freePort } from '../src/server/platform/net.js';
import { BenchFailure, type Bench, type BenchContext } from './support/bench.js';
import { provisionDemoDatabase } from './support/database.js';
import { measurePair } from './support/load.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

/**
 * What the shared rate limit costs a call: the same server, the same authenticated GET /api/v1/me,
 * once with the limit counted in PostgreSQL (one upsert per call, `RATE_LIMIT_STORE=postgres`,
 * the default) and once in the process's memory (the baseline), in alternating rounds.
 */
const MEMBER_EMAIL = 'amira.haddad@demo.consilium.test';
const CONNECTIONS = 50;
const POOL_SIZE = '10';
/** High enough that no call of the run is refused: the cost of counting is measured, not refusals. */
const UNLIMITED = '1000000000';

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

async function sessionCookie(server: ServerProcess): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { origin: server.url, 'content-type': 'application/json' },
    body: JSON.stringify({ email: MEMBER_EMAIL, password: DEMO_PASSWORD }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('consilium.session_token='));
  if (response.status !== 200 || !cookie) throw new Error(`sign-in answered ${response.status}`);
  return cookie;
}

async function run(ctx: BenchContext): Promise<void> {
  const log = createLogger('warn', pino.destination({ dest: 2, sync: true }));
  const { databaseUrl, secrets } = await provisionDemoDatabase(ctx, log, MEMBER_EMAIL);
  const start = async (store: 'postgres' | 'memory') => {
    const port = await freePort();
    return startServerProcess(ctx, {
      name: `consilium server (${store} rate limit)`,
      entry: 'src/server/main.ts',
      port,
      healthPath: '/api/health',
      env: {
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_SIZE: POOL_SIZE,
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
        RATE_LIMIT_PER_MINUTE: UNLIMITED,
        RATE_LIMIT_STORE: store,
        SIGN_IN_ATTEMPTS_PER_MINUTE: UNLIMITED,
        ...secrets,
      },
    });
  };
  const shared = await start('postgres');
  const memory = await start('memory');
  const target = async (server: ServerProcess, label: string) => {
    const headers = { cookie: await sessionCookie(server), origin: server.url };
    const check = await fetch(`${server.url}/api/v1/me`, { headers });
    if (check.status !== 200) throw new Error(`${label} answered ${check.status}`);
    if (!check.headers.get('ratelimit-remaining')) throw new Error(`${label} sent no RateLimit headers`);
    return { label, url: `${server.url}/api/v1/me`, headers, pid: server.pid };
  };
  const measured = await measurePair(
    ctx,
    {
      real: await target(shared, 'me, postgres limit'),
      baseline: await target(memory, 'me, memory limit'),
    },
    CONNECTIONS,
  );
  const { real: r, baseline: b } = measured;
  ctx.report({
    metric: 'me.requests_per_second',
    value: round(r.requestsPerSecond, 1),
    unit: 'req/s',
    baseline: round(b.requestsPerSecond, 1),
  });
  ctx.report({ metric: 'me.latency_p50', value: r.latencyP50, unit: 'ms', baseline: b.latencyP50 });
  ctx.report({ metric: 'me.latency_p99', value: r.latencyP99, unit: 'ms', baseline: b.latencyP99 });
  ctx.report({
    metric: 'me.server_cpu_per_request',
    value: round(r.serverCpuMsPerRequest ?? 0, 3),
    unit: 'ms',
    baseline: round(b.serverCpuMsPerRequest ?? 0, 3),
  });
  ctx.report({
    metric: 'me.postgres_cpu_per_request',
    value: round(r.postgresCpuMsPerRequest, 3),
    unit: 'ms',
    baseline: round(b.postgresCpuMsPerRequest, 3),
  });
  // The cost of sharing the count, per call: server and database CPU together, and the wall time
  // a call takes at the same load (1 / throughput × connections, the closed loop's mean latency).
  const cpu = (figures: typeof r) => (figures.serverCpuMsPerRequest ?? 0) + figures.postgresCpuMsPerRequest;
  ctx.report({ metric: 'extra_cpu_per_call', value: round(cpu(r) - cpu(b), 3), unit: 'ms', baseline: null });
  ctx.report({
    metric: 'extra_mean_latency_per_call',
    value: round(CONNECTIONS * 1000 * (1 / r.requestsPerSecond - 1 / b.requestsPerSecond), 3),
    unit: 'ms',
    baseline: null,
  });
  ctx.report({ metric: 'me.errors', value: r.errors, unit: 'requests', baseline: b.errors });
  if (r.errors + b.errors > 0)
    throw new BenchFailure(
      `not every request succeeded: ${r.errors} with the postgres limit, ${b.errors} in memory`,
    );
}

export const rateLimitBench: Bench = {
  name: 'rate-limit',
  description:
    'an authenticated GET /api/v1/me with the rate limit counted in PostgreSQL, against the same server counting in memory',
  run,
};
