import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

/**
 * The web app is built by Vite from `src/web` into `dist/web`, which the server serves. A start
 * (or a test run) rebuilds it only when the sources changed since the last build: the build
 * records a fingerprint of its inputs, and an up-to-date build is reused as it is.
 */
export const projectRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const webDistDir = path.join(projectRoot, 'dist', 'web');
const fingerprintFile = path.join(projectRoot, 'dist', 'web-build.json');
const lockFile = path.join(projectRoot, 'dist', 'web-build.lock');

/** Everything the bundle is made of: the web sources, the shared schemas, the config, the lock file. */
const inputs = ['src/web', 'src/shared', 'vite.config.ts', 'tsconfig.web.json', 'package-lock.json'];

function filesUnder(relative: string): string[] {
  const absolute = path.join(projectRoot, relative);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [relative];
  return readdirSync(absolute, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .flatMap((entry) => filesUnder(path.join(relative, entry.name)))
    .sort();
}

/** A SHA-256 over the paths and contents of the build's inputs (a few hundred kB: milliseconds). */
export function webSourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(filesUnder)) {
    hash.update(file.split(path.sep).join('/')).update('\0');
    hash.update(readFileSync(path.join(projectRoot, file))).update('\0');
  }
  return hash.digest('hex');
}

export type WebBuildState = 'fresh' | 'stale' | 'missing' | 'no-sources';

export function webBuildState(): WebBuildState {
  if (!existsSync(path.join(projectRoot, 'src', 'web', 'index.html'))) return 'no-sources';
  if (!existsSync(path.join(webDistDir, 'index.html'))) return 'missing';
  try {
    const recorded = JSON.parse(readFileSync(fingerprintFile, 'utf8')) as { fingerprint?: string };
    return recorded.fingerprint === webSourceFingerprint() ? 'fresh' : 'stale';
  } catch {
    return 'stale';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One builder at a time, across processes (test files start servers in parallel). */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      closeSync(openSync(lockFile, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than five minutes was left by a builder that died: take it over.
      const age = performance.timeOrigin + performance.now() - statSync(lockFile).mtimeMs;
      if (age > 300_000 || waited > 600_000) rmSync(lockFile, { force: true });
      else await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

/**
 * Vite in a child process: always a production bundle (Vite would take NODE_ENV from a test or
 * development server and bundle React's development build), and the build's memory is not the
 * server's.
 */
function runViteBuild(outDir: string): Promise<void> {
  // The package's exports do not list its CLI; its place beside package.json is stable.
  // createRequire rather than import.meta.resolve: the latter is missing under test runners.
  const vite = path.join(
    path.dirname(createRequire(import.meta.url).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  const args = [
    vite,
    'build',
    '--config',
    'vite.config.ts',
    '--outDir',
    outDir,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: projectRoot,
      // eslint-disable-next-line no-restricted-syntax -- the child inherits the environment, NODE_ENV set
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `the web app could not be built (vite exited with ${code}): ${errors.trim().split('\n')[0] ?? ''}`,
            ),
          ),
    );
  });
}

export interface WebBuildResult {
  state: WebBuildState;
  built: boolean;
  /** Milliseconds spent building (0 when the existing build was reused). */
  ms: number;
}

/**
 * Builds the web app when `dist/web` is missing or older than its sources. The new build is
 * written beside the old one and swapped in, so a running server never serves half a build.
 */
export async function ensureWebBuild(
  report: (line: string) => void = () => undefined,
): Promise<WebBuildResult> {
  const before = webBuildState();
  if (before === 'fresh' || before === 'no-sources') return { state: before, built: false, ms: 0 };
  return withBuildLock(async () => {
    // Another process may have built it while this one waited for the lock.
    const state = webBuildState();
    if (state === 'fresh') return { state, built: false, ms: 0 };
    report(`Building the web app (${state === 'missing' ? 'no build yet' : 'sources changed'})…`);
    const started = performance.now();
    const fingerprint = webSourceFingerprint();
    const staging = `${webDistDir}.staging-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    await runViteBuild(staging);
    const retired = `${webDistDir}.retired-${process.pid}`;
    if (existsSync(webDistDir)) renameSync(webDistDir, retired);
    renameSync(staging, webDistDir);
    rmSync(retired, { recursive: true, force: true });
    writeFileSync(fingerprintFile, JSON.stringify({ fingerprint }, null, 2));
    const ms = Math.round(performance.now() - started);
    report(`Web app built in ${(ms / 1000).toFixed(1)} s.`);
    return { state, built: true, ms };
  });
}
