import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The server as an operator runs it (`npm start`): a child process on a data folder with the
 * embedded database. For stories that kill it and start it again.
 */
export interface AppProcess {
  child: ChildProcess;
  output: () => string;
}

export async function startAppProcess(
  dataDir: string,
  port: number,
  settings: Record<string, string> = {},
  /** What node runs: the sources through tsx, as `npm start` does outside production. */
  entry: string[] = ['--import', 'tsx', 'src/server/main.ts'],
): Promise<AppProcess> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, entry, {
    env: {
      ...env,
      PORT: String(port),
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      ...settings,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let attempt = 0; attempt < 900; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    // Healthy and announced: the banner is printed once the server listens.
    if (healthy && output.includes('Consilium is running')) return { child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer within 90 s: ${output}`);
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** Whatever happened in the story, leave no embedded database server of it running. */
export function stopLeftoverDatabase(dataDir: string, clusterDir = path.join(dataDir, 'postgres')): void {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid)) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    // already gone
  }
}
