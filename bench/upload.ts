/**
 * The records room's large upload: a 200 MB imaging file sent to the real server as one multipart
 * POST and as a resumable (tus) upload in 8 MB PATCHes, against a raw disk copy of the same file on
 * the same disk, with the server's resident memory sampled every 50 ms during each upload.
 */
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import {
  constants as fsConstants,
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  rmSync,
} from 'node:fs';
import { copyFile, open, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pino } from 'pino';
import { DEMO_PASSWORD } from '../src/server/demo/seed.js';
import { createLogger } from '../src/server/platform/logger.js';
import { freePort } from '../src/server/platform/net.js';
import { BenchFailure, type Bench, type BenchContext } from './support/bench.js';
import { provisionDemoDatabase } from './support/database.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { cpuSeconds } from './support/cpu.js';

/** MB here is 2^20 bytes, as in the memory figures. */
const MB = 1024 * 1024;
/** The largest document the server accepts by default (DOCUMENT_MAX_BYTES): exactly at the limit. */
const FILE_BYTES = 200 * MB;
const TUS_CHUNK_BYTES = 8 * MB;
/** Each measurement (raw copy, multipart, tus) is taken this many times, interleaved; figures are medians. */
const ROUNDS = 3;
const SAMPLE_EVERY_MS = 50;
const RSS_GROWTH_TARGET_MB = 64;
const THROUGHPUT_TARGET_RATIO = 0.5;
/** A demo member with a plan that covers second opinions (the demo seed's password). */
const MEMBER_EMAIL = 'carlos.ruiz@demo.consilium.test';
const UNLIMITED = '1000000000';

interface Session {
  cookie: string;
  origin: string;
}

interface Source {
  path: string;
  size: number;
  sha256: string;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

interface Outcome {
  ms: number;
  /** The document created, for the check afterwards; undefined when the upload failed. */
  documentId?: string;
  problem?: string;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const megabytesPerSecond = (bytes: number, ms: number) => bytes / MB / (ms / 1000);

/**
 * A DICOM Part 10 file of `size` bytes (128-byte preamble, `DICM`, then random filler) written in
 * 1 MB chunks and fsynced, so that its own write-back does not land in a measurement.
 */
async function writeScan(file: string, size: number): Promise<Source> {
  const hash = createHash('sha256');
  const handle = await open(file, 'wx', 0o600);
  try {
    const chunk = Buffer.alloc(MB);
    for (let offset = 0; offset < size; offset += chunk.length) {
      const piece = chunk.subarray(0, Math.min(chunk.length, size - offset));
      randomFillSync(piece);
      if (offset === 0) {
        piece.fill(0, 0, 128);
        piece.write('DICM', 128, 'ascii');
      }
      hash.update(piece);
      await handle.write(piece, 0, piece.length, offset);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { path: file, size, sha256: hash.digest('hex') };
}

/** One request on a connection of its own; the body (a stream) is piped with backpressure. */
function send(url: string, options: http.RequestOptions, body?: Readable): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { agent: false, ...options }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.on('error', reject);
    // A server that answers early (a refusal) may close before the body is through: the answer,
    // or the request's own error, tells what happened.
    if (body) pipeline(body, request).catch(() => undefined);
    else request.end();
  });
}

async function signIn(server: ServerProcess, email: string): Promise<Session> {
  const origin = server.url;
  const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email} answered ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('consilium.session_token='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return { cookie, origin };
}

async function submitCase(server: ServerProcess, session: Session): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/cases`, {
    method: 'POST',
    headers: { ...session, 'content-type': 'application/json' },
    body: JSON.stringify({
      concern: 'A large MRI series to review',
      diagnosisReceived: 'Lumbar disc herniation L4-L5',
      questions: ['Do I need surgery?'],
      preferredLanguage: 'es',
      contactChannel: 'message',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Zaragoza' },
    }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`the case submission answered ${response.status}: ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

/**
 * `POST /api/v1/cases/:id/documents` as a browser's form would send it (fields first, then the
 * file), with the multipart body written by hand around a read stream of the file: the load
 * generator never holds the file either.
 */
async function uploadMultipart(
  server: ServerProcess,
  session: Session,
  caseId: string,
  source: Source,
): Promise<Outcome> {
  const boundary = `----consilium-bench-${randomBytes(12).toString('hex')}`;
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head = Buffer.from(
    field('kind', 'imaging') +
      field('title', 'MRI series (bench)') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.dcm"\r\n` +
      'Content-Type: application/dicom\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = Readable.from(
    (async function* () {
      yield head;
      yield* createReadStream(source.path);
      yield tail;
    })(),
  );
  const started = performance.now();
  try {
    const reply = await send(
      `${server.url}/api/v1/cases/${caseId}/documents`,
      {
        method: 'POST',
        headers: {
          ...session,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + source.size + tail.length),
        },
      },
      body,
    );
    const ms = performance.now() - started;
    if (reply.status !== 201) return { ms, problem: `${reply.status} ${reply.text.slice(0, 300)}` };
    return { ms, documentId: (JSON.parse(reply.text) as { id: string }).id };
  } catch (error) {
    return {
      ms: performance.now() - started,
      problem: error instanceof Error ? error.message : String(error),
    };
  }
}

/** The tus protocol: create, then PATCH 8 MB at a time; the last PATCH answers with the document. */
async function uploadResumable(
  server: ServerProcess,
  session: Session,
  caseId: string,
  source: Source,
): Promise<Outcome> {
  const metadata = Object.entries({ caseId, kind: 'imaging', title: 'MRI series (bench, resumable)' })
    .map(([name, value]) => `${name} ${Buffer.from(value).toString('base64')}`)
    .join(',');
  const tus = { ...session, 'tus-resumable': '1.0.0' };
  const started = performance.now();
  const failed = (problem: string): Outcome => ({ ms: performance.now() - started, problem });
  try {
    const created = await send(`${server.url}/api/v1/uploads`, {
      method: 'POST',
      headers: { ...tus, 'upload-length': String(source.size), 'upload-metadata': metadata },
    });
    const location = created.headers.location;
    if (created.status !== 201 || !location)
      return failed(`creation answered ${created.status} ${created.text.slice(0, 300)}`);
    const url = new URL(location, server.url).toString();
    let documentPath: string | undefined;
    for (let offset = 0; offset < source.size; offset += TUS_CHUNK_BYTES) {
      const length = Math.min(TUS_CHUNK_BYTES, source.size - offset);
      const reply = await send(
        url,
        {
          method: 'PATCH',
          headers: {
            ...tus,
            'upload-offset': String(offset),
            'content-type': 'application/offset+octet-stream',
            'content-length': String(length),
          },
        },
        createReadStream(source.path, { start: offset, end: offset + length - 1 }),
      );
      if (reply.status !== 204)
        return failed(`PATCH at ${offset} answered ${reply.status} ${reply.text.slice(0, 300)}`);
      if (reply.headers['upload-offset'] !== String(offset + length))
        return failed(`PATCH at ${offset} left the offset at ${String(reply.headers['upload-offset'])}`);
      const contentLocation = reply.headers['content-location'];
      if (typeof contentLocation === 'string') documentPath = contentLocation;
    }
    const ms = performance.now() - started;
    if (!documentPath) return { ms, problem: 'the last PATCH named no document' };
    return { ms, documentId: documentPath.split('/').pop()! };
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
}

/** The server's VmRSS every 50 ms while `task` runs: before, the highest seen, and its CPU time. */
async function watched<T>(
  server: ServerProcess,
  task: () => Promise<T>,
): Promise<{ result: T; rssBefore: number; rssPeak: number; cpu: number }> {
  const rssBefore = server.residentMb();
  const cpuBefore = cpuSeconds(server.pid);
  let rssPeak = rssBefore;
  const sample = () => {
    try {
      rssPeak = Math.max(rssPeak, server.residentMb());
    } catch {
      // The server is gone (it crashed or the run was interrupted): the upload reports the failure.
    }
  };
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  try {
    const result = await task();
    sample();
    let cpu = Number.NaN;
    try {
      cpu = cpuSeconds(server.pid) - cpuBefore;
    } catch {
      // As above.
    }
    return { result, rssBefore, rssPeak, cpu };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The baseline: the same file copied on the same disk the way the blob store writes, a stream into
 * `createWriteStream` with `flush` (fsync before close). `kernel` copies with `fs.copyFile` (the
 * kernel copies, no chunks through JavaScript) and fsyncs the copy: the fastest a copy goes here.
 */
async function rawCopy(source: Source, target: string, how: 'stream' | 'kernel'): Promise<number> {
  const started = performance.now();
  if (how === 'stream') {
    await pipeline(createReadStream(source.path), createWriteStream(target, { flags: 'wx', flush: true }));
  } else {
    await copyFile(source.path, target, fsConstants.COPYFILE_EXCL);
    const handle = await open(target, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  const ms = performance.now() - started;
  const copied = (await stat(target)).size;
  await rm(target, { force: true });
  if (copied !== source.size) throw new Error(`the raw copy wrote ${copied} bytes of ${source.size}`);
  return ms;
}

/** Downloads a document as it streams and hashes it (not measured). */
function downloadSha256(
  server: ServerProcess,
  session: Session,
  caseId: string,
  id: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      `${server.url}/api/v1/cases/${caseId}/documents/${id}/content`,
      { agent: false, headers: { ...session } },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`the download of ${id} answered ${response.statusCode}`));
          return;
        }
        const hash = createHash('sha256');
        response.on('data', (chunk: Buffer) => hash.update(chunk));
        response.on('error', reject);
        response.on('end', () => resolve(hash.digest('hex')));
      },
    );
    request.on('error', reject);
  });
}

interface Measured {
  label: string;
  outcome: Outcome;
  rssBefore: number;
  rssPeak: number;
  cpu: number;
}

async function run(ctx: BenchContext): Promise<void> {
  // The app's own logger would write to stdout, which carries figures only.
  const log = createLogger('warn', pino.destination({ dest: 2, sync: true }));
  const { databaseUrl, secrets } = await provisionDemoDatabase(ctx, log, MEMBER_EMAIL);

  // The file, the raw copies and the server's DATA_DIR share one folder, so one disk.
  const work = mkdtempSync(path.join(os.tmpdir(), 'consilium-bench-upload-'));
  ctx.defer(() => rmSync(work, { recursive: true, force: true }));
  const dataDir = path.join(work, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  const generating = performance.now();
  const scan = await writeScan(path.join(work, 'scan.dcm'), FILE_BYTES);
  const small = await writeScan(path.join(work, 'small.dcm'), 3 * MB);
  ctx.progress(
    `${FILE_BYTES / MB} MB DICOM file written and fsynced in ${Math.round(performance.now() - generating)} ms (${work})`,
  );

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
  ctx.progress(`consilium pid ${server.pid} at ${server.url}, DATA_DIR ${dataDir}`);

  const session = await signIn(server, MEMBER_EMAIL);
  const caseId = await submitCase(server, session);

  // Unmeasured: both paths once with a small file (JIT, pools), which also proves the setup works.
  const documents: { label: string; id: string; source: Source }[] = [];
  for (const [label, upload] of [
    ['multipart', uploadMultipart],
    ['tus', uploadResumable],
  ] as const) {
    const warmup = await upload(server, session, caseId, small);
    if (!warmup.documentId) throw new Error(`the ${label} warm-up upload failed: ${warmup.problem}`);
    documents.push({ label: `${label} warm-up`, id: warmup.documentId, source: small });
  }
  ctx.progress(`case ${caseId}; small multipart and tus uploads accepted; ${ROUNDS} rounds follow`);

  const copies: number[] = [];
  const kernelCopies: number[] = [];
  const measured: Record<'multipart' | 'tus', Measured[]> = { multipart: [], tus: [] };
  for (let round = 1; round <= ROUNDS; round += 1) {
    const copyMs = await rawCopy(scan, path.join(work, `copy-${round}.dcm`), 'stream');
    const kernelMs = await rawCopy(scan, path.join(work, `kernel-copy-${round}.dcm`), 'kernel');
    copies.push(megabytesPerSecond(scan.size, copyMs));
    kernelCopies.push(megabytesPerSecond(scan.size, kernelMs));
    const line = [
      `round ${round}: raw copy ${megabytesPerSecond(scan.size, copyMs).toFixed(0)} MB/s ` +
        `(kernel copy ${megabytesPerSecond(scan.size, kernelMs).toFixed(0)} MB/s)`,
    ];
    for (const [label, upload] of [
      ['multipart', uploadMultipart],
      ['tus', uploadResumable],
    ] as const) {
      const { result, rssBefore, rssPeak, cpu } = await watched(server, () =>
        upload(server, session, caseId, scan),
      );
      measured[label].push({ label, outcome: result, rssBefore, rssPeak, cpu });
      if (result.documentId)
        documents.push({ label: `${label} ${round}`, id: result.documentId, source: scan });
      line.push(
        `${label} ${result.problem ? `FAILED (${result.problem})` : `${megabytesPerSecond(scan.size, result.ms).toFixed(0)} MB/s`}, ` +
          `RSS ${rssBefore.toFixed(0)} -> ${rssPeak.toFixed(0)} MB (+${(rssPeak - rssBefore).toFixed(1)}), ` +
          `server CPU ${cpu.toFixed(2)} s`,
      );
    }
    ctx.progress(line.join('; '));
  }

  // Not measured: every document comes back byte for byte.
  const verifying = performance.now();
  const mismatches: string[] = [];
  for (const document of documents) {
    const sha256 = await downloadSha256(server, session, caseId, document.id).catch(
      (error: unknown) => `error: ${error instanceof Error ? error.message : String(error)}`,
    );
    if (sha256 !== document.source.sha256) mismatches.push(`${document.label} (${sha256})`);
  }
  ctx.progress(
    `${documents.length} documents downloaded and compared by SHA-256 in ${Math.round(performance.now() - verifying)} ms: ` +
      `${mismatches.length === 0 ? 'all identical' : `different: ${mismatches.join(', ')}`}`,
  );

  const copyRate = median(copies);
  const rateOf = (runs: Measured[]) =>
    median(runs.filter((r) => r.outcome.documentId).map((r) => megabytesPerSecond(scan.size, r.outcome.ms)));
  const growthOf = (runs: Measured[]) => median(runs.map((r) => r.rssPeak - r.rssBefore));
  const multipartRate = rateOf(measured.multipart);
  const tusRate = rateOf(measured.tus);
  const growth = growthOf(measured.multipart);
  const tusGrowth = growthOf(measured.tus);
  const failures = [...measured.multipart, ...measured.tus].filter((r) => !r.outcome.documentId);
  const errors = failures.length + mismatches.length;

  ctx.report({
    metric: 'upload.megabytes_per_second',
    value: round(multipartRate, 1),
    unit: 'MB/s',
    baseline: round(copyRate, 1),
    target: `ratio >= ${THROUGHPUT_TARGET_RATIO}`,
    met: copyRate > 0 && multipartRate / copyRate >= THROUGHPUT_TARGET_RATIO,
  });
  // The same uploads against the strictest copy there is (no target: read with the line above).
  ctx.report({
    metric: 'upload.megabytes_per_second_vs_kernel_copy',
    value: round(multipartRate, 1),
    unit: 'MB/s',
    baseline: round(median(kernelCopies), 1),
  });
  ctx.report({
    metric: 'upload.rss_growth_mb',
    value: round(growth, 1),
    unit: 'MB',
    baseline: null,
    target: `value < ${RSS_GROWTH_TARGET_MB}`,
    met: growth < RSS_GROWTH_TARGET_MB,
  });
  ctx.report({
    metric: 'upload.rss_before_mb',
    value: round(median(measured.multipart.map((r) => r.rssBefore)), 1),
    unit: 'MB',
    baseline: null,
  });
  ctx.report({
    metric: 'upload.rss_peak_mb',
    value: round(median(measured.multipart.map((r) => r.rssPeak)), 1),
    unit: 'MB',
    baseline: null,
  });
  ctx.report({
    metric: 'upload.tus_megabytes_per_second',
    value: round(tusRate, 1),
    unit: 'MB/s',
    baseline: round(copyRate, 1),
  });
  ctx.report({
    metric: 'upload.tus_rss_growth_mb',
    value: round(tusGrowth, 1),
    unit: 'MB',
    baseline: null,
    target: `value < ${RSS_GROWTH_TARGET_MB}`,
    met: tusGrowth < RSS_GROWTH_TARGET_MB,
  });
  ctx.report({ metric: 'upload.errors', value: errors, unit: 'uploads', baseline: 0 });

  const ratio = copyRate > 0 ? multipartRate / copyRate : 0;
  ctx.progress(
    `targets: throughput ratio ${ratio.toFixed(3)} (>= ${THROUGHPUT_TARGET_RATIO}: ${ratio >= THROUGHPUT_TARGET_RATIO ? 'met' : 'missed'}), ` +
      `RSS growth ${growth.toFixed(1)} MB (< ${RSS_GROWTH_TARGET_MB}: ${growth < RSS_GROWTH_TARGET_MB ? 'met' : 'missed'}; ` +
      `worst of the rounds ${Math.max(...measured.multipart.map((r) => r.rssPeak - r.rssBefore)).toFixed(1)} MB); ` +
      `server CPU per multipart upload ${median(measured.multipart.map((r) => r.cpu)).toFixed(2)} s, per tus upload ${median(measured.tus.map((r) => r.cpu)).toFixed(2)} s`,
  );
  if (errors > 0)
    throw new BenchFailure(
      [
        ...failures.map((r) => `${r.label}: ${r.outcome.problem}`),
        ...mismatches.map((m) => `content differs: ${m}`),
      ].join('; '),
    );
}

export const uploadBench: Bench = {
  name: 'upload',
  description:
    'A 200 MB imaging file uploaded (multipart, then tus in 8 MB chunks) against a raw disk copy of it; server RSS growth during the upload',
  run,
};
