import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoAccounts } from '../../src/server/demo/seed.js';
import { freePort } from '../../src/server/platform/net.js';
import { exited, startAppProcess, stopLeftoverDatabase } from '../support/app-process.js';
import { Browser } from '../support/client.js';
import { PASSWORD } from '../support/factories.js';

/**
 * The server as an operator runs it: `npm start` on a data folder with the embedded database.
 * These stories kill it the hard way and start it again.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-restart-'));
chmodSync(dataDir, 0o755);
const children = new Set<ChildProcess>();

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  stopLeftoverDatabase(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(port: number) {
  const started = await startAppProcess(dataDir, port);
  children.add(started.child);
  return started;
}

describe('the server on its embedded database, killed and started again', () => {
  const port = freePort();

  // Starts the server as `npm start` does: first start includes creating the database and the demo.
  it('first start seeds the demo and prints the demo accounts', { timeout: 120_000 }, async () => {
    const { output } = await startServer(await port);
    expect(output()).toContain('Demo accounts');
    expect(output()).toContain('amira.haddad@demo.consilium.test');
    // A newcomer opens the address the banner prints, and signs in there on the first try.
    const printed = /Consilium is running at (\S+)/.exec(output())?.[1];
    expect(printed).toBe(`http://localhost:${await port}`);
    const newcomer = new Browser(printed!);
    expect((await newcomer.signIn('amira.haddad@demo.consilium.test', 'consilium-demo-2026')).status).toBe(
      200,
    );
    expect((await newcomer.get('/api/v1/me')).status).toBe(200);
    // The other spelling of the same machine works too.
    const demo = new Browser(`http://127.0.0.1:${await port}`);
    expect((await demo.signIn('amira.haddad@demo.consilium.test', 'consilium-demo-2026')).status).toBe(200);
    expect((await demo.get('/api/v1/me')).body.name).toBe('Amira Haddad');
  });

  it(
    'an account acknowledged before a kill -9 is there after the restart',
    { timeout: 120_000 },
    async () => {
      const url = `http://127.0.0.1:${await port}`;
      const visitor = new Browser(url);
      const registered = await visitor.post('/api/v1/member-registrations', {
        membershipNumber: 'MHI-100004-01',
        dateOfBirth: '1975-09-30',
        email: 'wei.zhang@example.org',
        password: PASSWORD,
        locale: 'zh-CN',
        timeZone: 'Asia/Singapore',
      });
      expect(registered.status).toBe(201);

      const [running] = children;
      running!.kill('SIGKILL');
      await exited(running!);
      children.delete(running!);
      // The embedded database outlived the app, as PostgreSQL does when its parent dies.
      expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);

      const { output } = await startServer(await port);
      const again = new Browser(url);
      expect((await again.signIn('wei.zhang@example.org', PASSWORD)).status).toBe(200);
      const me = await again.get('/api/v1/me');
      // A member who writes Chinese has their name written family name first, in Latin letters too.
      expect(me.body).toMatchObject({ name: 'Zhang Wei', locale: 'zh-CN', timeZone: 'Asia/Singapore' });
      expect((await again.get('/api/ready')).status).toBe(200);
      // The demo is seeded once, not again on every start: operations still see five case managers.
      expect(output()).toContain('Demo accounts');
      const demo = JSON.parse(readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccounts;
      const opsAccount = demo.accounts.find((account) => account.role === 'ops')!;
      const ops = new Browser(url);
      expect(
        (await ops.signInWithTwoFactor(opsAccount.email, demo.password, opsAccount.totpSecret!)).status,
      ).toBe(200);
      const caseManagers = await ops.get('/api/v1/staff?role=case_manager');
      expect(caseManagers.body.items).toHaveLength(5);
    },
  );

  it('SIGTERM stops the app and its embedded database cleanly', { timeout: 60_000 }, async () => {
    const [running] = children;
    running!.kill('SIGTERM');
    expect(await exited(running!)).toBe(0);
    children.delete(running!);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});
