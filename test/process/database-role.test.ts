import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/server/platform/net.js';
import { exited, startAppProcess, stopLeftoverDatabase } from '../support/app-process.js';
import { Browser } from '../support/client.js';

/**
 * The app never connects to its embedded database as a superuser (who could switch any guard of
 * the audit trail off): it connects as the owner of its own database. A data folder from an earlier
 * version, where the superuser owns everything, is handed over on start and keeps working.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-role-'));
chmodSync(dataDir, 0o755);
const children = new Set<ChildProcess>();
const credentialsFile = path.join(dataDir, 'postgres-credentials.json');

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  stopLeftoverDatabase(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
});

interface Credentials {
  user: string;
  password: string;
  app?: { user: string; password: string };
}
const credentials = () => JSON.parse(readFileSync(credentialsFile, 'utf8')) as Credentials;
const databasePort = () =>
  (JSON.parse(readFileSync(path.join(dataDir, 'postgres-owner.json'), 'utf8')) as { port: number }).port;

async function query<T extends pg.QueryResultRow>(role: { user: string; password: string }, sql: string) {
  const client = new pg.Client({
    connectionString: `postgres://${role.user}:${encodeURIComponent(role.password)}@127.0.0.1:${databasePort()}/consilium`,
  });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** What the superuser still owns in the app's database (nothing, once handed over). */
const ownedBySuperuser = (superuser: Credentials) =>
  query<{ n: number }>(
    superuser,
    `SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND left(n.nspname, 3) <> 'pg_')::int AS n`,
  );

describe('the app connects to its embedded database as its owner, not as a superuser', () => {
  const port = freePort();
  let server: { child: ChildProcess };

  it(
    'on a new data folder, the app role owns the database and is no superuser',
    { timeout: 120_000 },
    async () => {
      server = await startAppProcess(dataDir, await port);
      children.add(server.child);
      const { app, ...superuser } = credentials();
      expect(app?.user).toBe('consilium_app');
      const [me] = await query<{ rolsuper: boolean; owner: string }>(
        app!,
        `SELECT rolsuper, (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS owner
         FROM pg_roles WHERE rolname = current_user`,
      );
      expect(me).toEqual({ rolsuper: false, owner: 'consilium_app' });
      expect((await ownedBySuperuser(superuser))[0]!.n).toBe(0);
      // As the app's role, a superuser's tools are out of reach.
      await expect(query(app!, `ALTER SYSTEM SET fsync = off`)).rejects.toThrow(
        /permission denied|must be superuser/,
      );
    },
  );

  it(
    'a data folder of an earlier version, where the superuser owns everything, still starts',
    { timeout: 180_000 },
    async () => {
      const { app, ...superuser } = credentials();
      // Put the folder back as earlier versions left it: everything the superuser's, no app role on file.
      await query(superuser, `REASSIGN OWNED BY consilium_app TO ${superuser.user}`);
      expect((await ownedBySuperuser(superuser))[0]!.n).toBeGreaterThan(10);
      server.child.kill('SIGTERM');
      await exited(server.child);
      writeFileSync(credentialsFile, JSON.stringify(superuser));
      expect(app).toBeDefined();

      server = await startAppProcess(dataDir, await port);
      children.add(server.child);
      expect((await ownedBySuperuser(superuser))[0]!.n).toBe(0);
      const demo = new Browser(`http://127.0.0.1:${await port}`);
      expect((await demo.signIn('amira.haddad@demo.consilium.test', 'consilium-demo-2026')).status).toBe(200);
      expect((await demo.get('/api/v1/me')).status).toBe(200);
      const [me] = await query<{ rolsuper: boolean }>(
        credentials().app!,
        `SELECT rolsuper FROM pg_roles WHERE rolname = current_user`,
      );
      expect(me).toEqual({ rolsuper: false });
    },
  );
});
