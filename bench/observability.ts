import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { DEMO_PASSWORD } from '../src/server/demo/seed.js';
import { createLogger } from '../src/server/platform/logger.js';
import { freePort } from '../src/server/platform/net.js';
import { BenchFailure, type Bench, type BenchContext } from './support/bench.js';
import { provisionDemoDatabase } from './support/database.js';
import { measurePair } from './support/load.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

/**
 * What traces and metrics cost. The same server twice on one seeded database: with every span
 * exported over OTLP to a collector (a bare HTTP receiver the bench runs, counting what arrives),
 * and without an endpoint (the baseline: no span recorded). An authenticated GET /api/v1/me under
 * the closed-loop load of `http`. Then `/metrics` scraped one scrape after another, against
 * `/api/health` on the same server in the same loop.
 */
const MEMBER_EMAIL = 'amira.haddad@demo.consilium.test';
const CONNECTIONS = 50;
const UNLIMITED = '1000000000';
const METRICS_TOKEN = 'bench-metrics-token-0123456789';
const SCRAPES = 50;

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

interface OtlpExport {
  resourceSpans?: { scopeSpans?: { spans?: unknown[] }[] }[];
}

/** An OTLP/HTTP (JSON) receiver that takes every export and counts its bytes and spans. */
async function startCollector(ctx: BenchContext) {
  const received = { requests: 0, bytes: 0, spans: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      received.requests += 1;
      received.bytes += body.length;
      const exported = JSON.parse(body.toString('utf8')) as OtlpExport;
      for (const resource of exported.resourceSpans ?? [])
        for (const scope of resource.scopeSpans ?? []) received.spans += scope.spans?.length ?? 0;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  ctx.defer(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
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

/** Mean milliseconds of `count` requests sent one after another. */
async function sequentialMs(url: string, headers: Record<string, string>, count: number): Promise<number> {
  const started = performance.now();
  for (let n = 0; n < count; n += 1) {
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  }
  return (performance.now() - started) / count;
}

async function run(ctx: BenchContext): Promise<void> {
  const log = createLogger('warn', pino.destination({ dest: 2, sync: true }));
  const { databaseUrl, secrets } = await provisionDemoDatabase(ctx, log, MEMBER_EMAIL);
  const collector = await startCollector(ctx);
  const start = async (name: string, extra: Record<string, string>) => {
    const port = await freePort();
    return startServerProcess(ctx, {
      name,
      entry: 'src/server/main.ts',
      port,
      healthPath: '/api/health',
      env: {
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
        RATE_LIMIT_PER_MINUTE: UNLIMITED,
        SIGN_IN_ATTEMPTS_PER_MINUTE: UNLIMITED,
        METRICS_TOKEN,
        ...secrets,
        ...extra,
      },
    });
  };
  const traced = await start('consilium server (traces exported)', {
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
  });
  const plain = await start('consilium server (no tracing)', {});
  const target = async (server: ServerProcess, label: string) => ({
    label,
    url: `${server.url}/api/v1/me`,
    headers: { cookie: await sessionCookie(server), origin: server.url },
    pid: server.pid,
  });
  const { real: r, baseline: b } = await measurePair(
    ctx,
    { real: await target(traced, 'me, traced'), baseline: await target(plain, 'me, untraced') },
    CONNECTIONS,
  );
  ctx.report({
    metric: 'me.requests_per_second',
    value: round(r.requestsPerSecond, 1),
    unit: 'req/s',
    baseline: round(b.requestsPerSecond, 1),
  });
  ctx.report({ metric: 'me.latency_p99', value: r.latencyP99, unit: 'ms', baseline: b.latencyP99 });
  ctx.report({
    metric: 'me.server_cpu_per_request',
    value: round(r.serverCpuMsPerRequest ?? 0, 3),
    unit: 'ms',
    baseline: round(b.serverCpuMsPerRequest ?? 0, 3),
  });
  ctx.report({
    metric: 'tracing.extra_server_cpu_per_call',
    value: round((r.serverCpuMsPerRequest ?? 0) - (b.serverCpuMsPerRequest ?? 0), 3),
    unit: 'ms',
    baseline: null,
  });
  // The batch processor sends every few seconds: let the last batch leave before counting.
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  // Warm-up and sign-in included: every span the traced server sent.
  ctx.report({
    metric: 'tracing.spans_exported',
    value: collector.received.spans,
    unit: 'spans',
    baseline: null,
  });
  ctx.report({
    metric: 'tracing.bytes_per_span',
    value: round(collector.received.bytes / Math.max(1, collector.received.spans), 1),
    unit: 'bytes',
    baseline: null,
  });
  ctx.progress(
    `  the collector took ${collector.received.requests} exports, ${collector.received.spans} spans, ${collector.received.bytes} bytes`,
  );

  const authorization = { authorization: `Bearer ${METRICS_TOKEN}` };
  const scrape = await sequentialMs(`${plain.url}/metrics`, authorization, SCRAPES);
  const health = await sequentialMs(`${plain.url}/api/health`, {}, SCRAPES);
  ctx.report({
    metric: 'metrics.scrape_mean',
    value: round(scrape, 2),
    unit: 'ms',
    baseline: round(health, 2),
  });
  const page = await (await fetch(`${plain.url}/metrics`, { headers: authorization })).text();
  ctx.report({ metric: 'metrics.page_size', value: page.length, unit: 'bytes', baseline: null });

  if (r.errors + b.errors > 0)
    throw new BenchFailure(`not every request succeeded: ${r.errors} traced, ${b.errors} untraced`);
  if (collector.received.spans === 0) throw new BenchFailure('no span reached the collector');
}

export const observabilityBench: Bench = {
  name: 'observability',
  description:
    'GET /api/v1/me with every span exported over OTLP, against the same server without tracing; a /metrics scrape against /api/health',
  run,
};
