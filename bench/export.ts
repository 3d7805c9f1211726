/**
 * The member's export: a member with 5 cases, 500 messages and 200 MB of documents (1 GB with
 * BENCH_EXPORT_MB=1024) asks for their archive; the real server builds it (decrypting each
 * document, zipping, encrypting the archive into the store) while its resident memory is sampled
 * every 50 ms. The baseline is reading the same blobs from the disk, in the same run.
 */
import { randomBytes, randomFillSync } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { pino } from 'pino';
import { DEMO_PASSWORD } from '../src/server/demo/seed.js';
import { createLogger } from '../src/server/platform/logger.js';
import { freePort } from '../src/server/platform/net.js';
import { BenchFailure, type Bench, type BenchContext } from './support/bench.js';
import { provisionDemoDatabase } from './support/database.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const MB = 1024 * 1024;
const DOCUMENT_BYTES = 10 * MB;
const CASES = 5;
const MESSAGES = 500;
const RSS_GROWTH_TARGET_MB = 64;
const THROUGHPUT_TARGET_RATIO = 0.5;
const SAMPLE_EVERY_MS = 50;
const POLL_EVERY_MS = 200;
const MEMBER_EMAIL = 'carlos.ruiz@demo.consilium.test';
const UNLIMITED = '1000000000';

const totalMegabytes = (): number => {
  const raw = process.env.BENCH_EXPORT_MB;
  const value = raw ? Number(raw) : 200;
  if (!Number.isInteger(value) || value < 10)
    throw new Error(`BENCH_EXPORT_MB must be a whole number >= 10, not ${raw}`);
  return value;
};

interface Session {
  cookie: string;
  origin: string;
}

async function signIn(server: ServerProcess): Promise<Session> {
  const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { origin: server.url, 'content-type': 'application/json' },
    body: JSON.stringify({ email: MEMBER_EMAIL, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('consilium.session_token='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return { cookie, origin: server.url };
}

async function call(
  server: ServerProcess,
  session: Session,
  method: string,
  pathname: string,
  body?: unknown,
) {
  const response = await fetch(`${server.url}${pathname}`, {
    method,
    headers: { ...session, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A DICOM file of `size` bytes (random filler), fsynced. */
async function writeScan(file: string, size: number): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    const chunk = Buffer.alloc(MB);
    for (let offset = 0; offset < size; offset += MB) {
      randomFillSync(chunk);
      if (offset === 0) {
        chunk.fill(0, 0, 128);
        chunk.write('DICM', 128, 'ascii');
      }
      await handle.write(chunk, 0, Math.min(MB, size - offset), offset);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A multipart upload of the file, streamed (the bench never holds it either). */
function upload(
  server: ServerProcess,
  session: Session,
  caseId: string,
  file: string,
  size: number,
): Promise<number> {
  const boundary = `----consilium-bench-${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nimaging\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nMRI series (bench)\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.dcm"\r\nContent-Type: application/dicom\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${server.url}/api/v1/cases/${caseId}/documents`,
      {
        method: 'POST',
        agent: false,
        headers: {
          ...session,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + size + tail.length),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    pipeline(
      Readable.from(
        (async function* () {
          yield head;
          yield* createReadStream(file);
          yield tail;
        })(),
      ),
      request,
    ).catch(reject);
  });
}

/** Downloads a URL as it streams, counting its bytes. */
function download(url: string, session: Session): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { ...session } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The baseline: every blob of the member's documents read from the disk, one after the other. */
async function readBlobs(files: string[]): Promise<{ ms: number; cpuMs: number; bytes: number }> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let bytes = 0;
  for (const file of files)
    for await (const chunk of createReadStream(file)) bytes += (chunk as Buffer).length;
  const cpu = process.cpuUsage(cpuBefore);
  return { ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, bytes };
}

async function run(ctx: BenchContext): Promise<void> {
  const log = createLogger('warn', pino.destination({ dest: 2, sync: true }));
  const { databaseUrl, secrets } = await provisionDemoDatabase(ctx, log, MEMBER_EMAIL);
  const work = mkdtempSync(path.join(os.tmpdir(), 'consilium-bench-export-'));
  ctx.defer(() => rmSync(work, { recursive: true, force: true }));
  const dataDir = path.join(work, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  const documents = Math.max(1, Math.round((totalMegabytes() * MB) / DOCUMENT_BYTES));
  const scan = path.join(work, 'scan.dcm');
  await writeScan(scan, DOCUMENT_BYTES);

  const port = await freePort();
  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  const server = await startServerProcess(ctx, {
    name: 'consilium server',
    entry: 'src/server/main.ts',
    port,
    healthPath: '/api/health',
    nodeOptions: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [],
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      RATE_LIMIT_PER_MINUTE: UNLIMITED,
      SIGN_IN_ATTEMPTS_PER_MINUTE: UNLIMITED,
      ...secrets,
    },
  });
  const session = await signIn(server);

  // The member's file: 5 cases, 500 messages, the documents spread over the cases.
  const seeding = performance.now();
  const caseIds: string[] = [];
  for (let index = 0; index < CASES; index += 1) {
    const submitted = await call(server, session, 'POST', '/api/v1/cases', {
      concern: `A second opinion, request ${index + 1}`,
      diagnosisReceived: 'Lumbar disc herniation L4-L5',
      questions: ['Do I need surgery?'],
      preferredLanguage: 'es',
      contactChannel: 'message',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Zaragoza' },
    });
    if (submitted.status !== 201) throw new Error(`case ${index + 1} answered ${submitted.status}`);
    caseIds.push(submitted.body.id as string);
  }
  for (let index = 0; index < MESSAGES; index += 1) {
    const sent = await call(server, session, 'POST', `/api/v1/cases/${caseIds[index % CASES]}/messages`, {
      body: `Message ${index + 1}: how are the next steps going?`,
    });
    if (sent.status !== 201) throw new Error(`message ${index + 1} answered ${sent.status}`);
  }
  for (let index = 0; index < documents; index += 1) {
    const status = await upload(server, session, caseIds[index % CASES]!, scan, DOCUMENT_BYTES);
    if (status !== 201) throw new Error(`document ${index + 1} answered ${status}`);
  }
  ctx.progress(
    `${CASES} cases, ${MESSAGES} messages, ${documents} documents of ${DOCUMENT_BYTES / MB} MB seeded in ${Math.round(performance.now() - seeding)} ms`,
  );

  // The baseline: the same blobs read from the disk.
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  ctx.defer(() => db.end());
  const keys = await db.query<{ storage_key: string }>(
    `SELECT storage_key FROM case_document WHERE case_id = ANY($1::uuid[])`,
    [caseIds],
  );
  const blobFiles = keys.rows.map((row) =>
    path.join(dataDir, 'documents', row.storage_key.slice(-2).toLowerCase(), row.storage_key),
  );
  const baseline = await readBlobs(blobFiles);
  const baselineRate = baseline.bytes / MB / (baseline.ms / 1000);

  // The export: asked, built by the server's worker, with its memory watched.
  const rssBefore = server.residentMb();
  let rssPeak = rssBefore;
  const timer = setInterval(() => {
    try {
      rssPeak = Math.max(rssPeak, server.residentMb());
    } catch {
      // The server is gone: the export reports the failure.
    }
  }, SAMPLE_EVERY_MS);
  const cpuBefore = server.cpuMs();
  const started = performance.now();
  const asked = await call(server, session, 'POST', '/api/v1/me/data-exports', {});
  if (asked.status !== 202) throw new Error(`the export answered ${asked.status}`);
  const id = asked.body.id as string;
  let state = asked.body;
  // Every look at the archive is an audited read on the server: poll gently, not to load it.
  while (state.status === 'building') {
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
    state = (await call(server, session, 'GET', `/api/v1/me/data-exports/${id}`)).body;
  }
  const buildMs = performance.now() - started;
  // CPU time is what the machine's other work disturbs least: the figure to compare across runs.
  const buildCpuMs = server.cpuMs() - cpuBefore;
  clearInterval(timer);
  if (state.status !== 'ready') throw new BenchFailure(`the export ended ${String(state.status)}`);
  const documentBytes = documents * DOCUMENT_BYTES;
  const exportRate = documentBytes / MB / (buildMs / 1000);

  const downloading = performance.now();
  const archive = await download(`${server.url}${String(state.downloadPath)}`, session);
  const downloadMs = performance.now() - downloading;
  if (archive.status !== 200 || archive.bytes < documentBytes)
    throw new BenchFailure(`the archive download answered ${archive.status} with ${archive.bytes} bytes`);

  const growth = rssPeak - rssBefore;
  ctx.report({
    metric: 'export.megabytes_per_second',
    value: Math.round(exportRate * 10) / 10,
    unit: 'MB/s',
    baseline: Math.round(baselineRate * 10) / 10,
    target: `ratio >= ${THROUGHPUT_TARGET_RATIO}`,
    met: exportRate / baselineRate >= THROUGHPUT_TARGET_RATIO,
  });
  ctx.report({
    metric: 'export.rss_growth_mb',
    value: Math.round(growth * 10) / 10,
    unit: 'MB',
    baseline: null,
    target: `value < ${RSS_GROWTH_TARGET_MB}`,
    met: growth < RSS_GROWTH_TARGET_MB,
  });
  ctx.report({
    metric: 'export.cpu_ms_per_megabyte',
    value: Math.round((buildCpuMs / (documentBytes / MB)) * 100) / 100,
    unit: 'ms/MB',
    baseline: Math.round((baseline.cpuMs / (baseline.bytes / MB)) * 100) / 100,
  });
  ctx.report({
    metric: 'export.build_ms',
    value: Math.round(buildMs),
    unit: 'ms',
    baseline: Math.round(baseline.ms),
  });
  ctx.report({
    metric: 'export.download_megabytes_per_second',
    value: Math.round((archive.bytes / MB / (downloadMs / 1000)) * 10) / 10,
    unit: 'MB/s',
    baseline: Math.round(baselineRate * 10) / 10,
  });
  ctx.progress(
    `archive of ${(archive.bytes / MB).toFixed(0)} MB built in ${Math.round(buildMs)} ms (${exportRate.toFixed(0)} MB/s, ` +
      `disk read ${baselineRate.toFixed(0)} MB/s), RSS ${rssBefore.toFixed(0)} -> ${rssPeak.toFixed(0)} MB`,
  );
}

export const exportBench: Bench = {
  name: 'export',
  description:
    "A member's archive (5 cases, 500 messages, 200 MB of documents; BENCH_EXPORT_MB=1024 for 1 GB) built by the server against reading the same blobs from disk; server RSS growth",
  run,
};
