import path from 'node:path';
import { pino } from 'pino';
import { DEMO_PASSWORD } from '../src/server/demo/seed.js';
import { createLogger } from '../src/server/platform/logger.js';
import { freePort } from '../src/server/platform/net.js';
import { BenchFailure, type Bench, type BenchContext } from './support/bench.js';
import { provisionDemoDatabase } from './support/database.js';
import { measurePair, type LoadFigures, type LoadTarget } from './support/load.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

/** A member account of the demo seed: /api/v1/me for a member reads the profile and writes an audit row. */
const MEMBER_EMAIL = 'amira.haddad@demo.consilium.test';
const CONNECTIONS = 50;
/** The same pool size for the real server and the baseline (the app's default). */
const POOL_SIZE = '10';
const UNLIMITED = '1000000000';

interface Session {
  cookie: string;
  /** The Origin header Better Auth expects on cookie requests: the public URL. */
  origin: string;
}

async function signIn(server: ServerProcess, email: string): Promise<Session> {
  const origin = server.url;
  const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email} answered ${response.status}`);
  const sessionCookie = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('consilium.session_token='));
  if (!sessionCookie) throw new Error('sign-in set no session cookie');
  return { cookie: sessionCookie, origin };
}

/** One request before the load, so that a broken setup fails loudly instead of measuring 401s. */
async function expectOk(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(url, { headers });
  const body = await response.text();
  if (response.status !== 200)
    throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 300)}`);
  return JSON.parse(body) as unknown;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

async function run(ctx: BenchContext): Promise<void> {
  // The app's own logger would write to stdout, which carries figures only.
  const log = createLogger('warn', pino.destination({ dest: 2, sync: true }));
  const { databaseUrl, secrets } = await provisionDemoDatabase(ctx, log, MEMBER_EMAIL);

  const [realPort, baselinePort] = [await freePort(), await freePort()];
  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  const real = await startServerProcess(ctx, {
    name: 'consilium server',
    entry: 'src/server/main.ts',
    port: realPort,
    healthPath: '/api/health',
    nodeOptions: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [],
    env: {
      NODE_ENV: 'production',
      PORT: String(realPort),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${realPort}`,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: POOL_SIZE,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      RATE_LIMIT_PER_MINUTE: UNLIMITED,
      SIGN_IN_ATTEMPTS_PER_MINUTE: UNLIMITED,
      ...secrets,
    },
  });
  const baseline = await startServerProcess(ctx, {
    name: 'baseline server',
    entry: 'bench/baseline-server.ts',
    port: baselinePort,
    healthPath: '/health',
    env: { PORT: String(baselinePort), DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: POOL_SIZE },
  });
  ctx.progress(`servers running: consilium pid ${real.pid} at ${real.url}, baseline pid ${baseline.pid}`);

  const session = await signIn(real, MEMBER_EMAIL);
  const sessionHeaders = { cookie: session.cookie, origin: session.origin };
  const targets = {
    ready: {
      real: { label: 'GET /api/ready', url: `${real.url}/api/ready` },
      baseline: { label: 'baseline /ready', url: `${baseline.url}/ready` },
    },
    me: {
      real: { label: 'GET /api/v1/me', url: `${real.url}/api/v1/me`, headers: sessionHeaders },
      baseline: { label: 'baseline /me', url: `${baseline.url}/me`, headers: sessionHeaders },
    },
  } satisfies Record<string, { real: LoadTarget; baseline: LoadTarget }>;
  const realMe = (await expectOk(targets.me.real.url, sessionHeaders)) as { id?: string };
  const baselineMe = (await expectOk(targets.me.baseline.url, sessionHeaders)) as { id?: string };
  if (!realMe.id || realMe.id !== baselineMe.id)
    throw new Error('the baseline /me did not resolve the same account as /api/v1/me');
  await expectOk(targets.ready.real.url);
  await expectOk(targets.ready.baseline.url);

  const memoryBefore = { real: real.residentMb(), baseline: baseline.residentMb() };
  ctx.progress(
    `load: ${CONNECTIONS} connections, ${ctx.warmupSeconds} s warm-up, then ${ctx.durationSeconds} s per target in alternating rounds`,
  );
  const measured: Record<keyof typeof targets, { real: LoadFigures; baseline: LoadFigures }> = {
    ready: await measurePair(ctx, targets.ready, CONNECTIONS),
    me: await measurePair(ctx, targets.me, CONNECTIONS),
  };
  const memoryAfter = { real: real.residentMb(), baseline: baseline.residentMb() };
  const memoryPeak = { real: real.peakResidentMb(), baseline: baseline.peakResidentMb() };

  for (const [name, { real: r, baseline: b }] of Object.entries(measured)) {
    ctx.report({
      metric: `${name}.requests_per_second`,
      value: round(r.requestsPerSecond, 1),
      unit: 'req/s',
      baseline: round(b.requestsPerSecond, 1),
    });
    ctx.report({ metric: `${name}.latency_p50`, value: r.latencyP50, unit: 'ms', baseline: b.latencyP50 });
    ctx.report({ metric: `${name}.latency_p99`, value: r.latencyP99, unit: 'ms', baseline: b.latencyP99 });
    ctx.report({ metric: `${name}.errors`, value: r.errors, unit: 'requests', baseline: b.errors });
  }
  ctx.report({
    metric: 'memory.rss_before_load',
    value: round(memoryBefore.real, 1),
    unit: 'MB',
    baseline: round(memoryBefore.baseline, 1),
  });
  ctx.report({
    metric: 'memory.rss_after_load',
    value: round(memoryAfter.real, 1),
    unit: 'MB',
    baseline: round(memoryAfter.baseline, 1),
  });
  ctx.report({
    metric: 'memory.rss_peak',
    value: round(memoryPeak.real, 1),
    unit: 'MB',
    baseline: round(memoryPeak.baseline, 1),
  });

  const failed = Object.entries(measured).flatMap(([name, { real: r, baseline: b }]) => [
    ...(r.errors > 0 ? [`${name}: ${r.errors} failed requests on the server`] : []),
    ...(b.errors > 0 ? [`${name}: ${b.errors} failed requests on the baseline`] : []),
  ]);
  if (failed.length > 0) throw new BenchFailure(`not every request succeeded: ${failed.join('; ')}`);
}

export const httpBench: Bench = {
  name: 'http',
  description:
    'GET /api/ready and an authenticated GET /api/v1/me under load, against a bare handler running the same SQL',
  run,
};
