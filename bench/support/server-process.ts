import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './bench.js';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  name: string;
  pid: number;
  url: string;
  /** Resident memory now, in MB (VmRSS of /proc/<pid>/status). */
  residentMb(): number;
  /** The most resident memory the process has had, in MB (VmHWM). */
  peakResidentMb(): number;
  /** CPU time the process has used so far (user + system), in milliseconds (/proc/<pid>/stat). */
  cpuMs(): number;
  /** Stops it now (SIGTERM, then SIGKILL after 10 s) instead of at the end of the run. */
  stop(): Promise<void>;
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number.parseInt(match[1], 10) / 1024;
}

/** utime + stime of /proc/<pid>/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: the fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
  if ((await Promise.race([exited(child), timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited(child);
  }
}

/**
 * Starts a TypeScript entry point in its own Node.js process (so that its memory and CPU are its
 * own, not the load generator's), then waits until `healthPath` answers 200. The process runs
 * `node --import tsx` directly, not through npx, so that its pid is the server's own.
 */
export async function startServerProcess(
  ctx: BenchContext,
  options: {
    name: string;
    entry: string;
    port: number;
    env: Record<string, string>;
    healthPath: string;
    nodeOptions?: string[];
  },
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), '--import', 'tsx', options.entry], {
    cwd: repositoryRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  ctx.defer(() => stopChild(child));
  if (child.pid === undefined) throw new Error(`${options.name}: could not start ${options.entry}`);
  const pid = child.pid;

  // The server's own output is kept, not shown, unless it fails: stdout carries figures only.
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const outputOf = () => tail.map((line) => `  | ${line}`).join('\n');

  const url = `http://127.0.0.1:${options.port}`;
  const deadline = performance.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.name} exited before it was ready:\n${outputOf()}`);
    }
    const ok = await fetch(new URL(options.healthPath, url))
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) break;
    if (performance.now() > deadline)
      throw new Error(`${options.name} not ready within 60 s:\n${outputOf()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM')
      process.stderr.write(`${options.name} exited (${signal ?? code}):\n${outputOf()}\n`);
  });

  return {
    name: options.name,
    pid,
    url,
    residentMb: () => statusField(pid, 'VmRSS'),
    peakResidentMb: () => statusField(pid, 'VmHWM'),
    cpuMs: () => cpuTicks(pid) * 10,
    stop: () => stopChild(child),
  };
}
