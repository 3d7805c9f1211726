import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoAccounts } from '../../src/server/demo/seed.js';
import { freePort } from '../../src/server/platform/net.js';
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
  // Whatever the outcome, do not leave the embedded server of this test running.
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
    if (Number.isInteger(pid)) {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        // already gone
      }
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...env, PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    // Healthy and announced: the banner is printed once the server listens.
    if (healthy && output.includes('Consilium is running')) return { child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not answer within a minute: ${output}`);
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('the server on its embedded database, killed and started again', () => {
  const port = freePort();

  it('first start seeds the demo and prints the demo accounts', async () => {
    const { output } = await startServer(await port);
    expect(output()).toContain('Demo accounts');
    expect(output()).toContain('amira.haddad@demo.consilium.test');
    const demo = new Browser(`http://127.0.0.1:${await port}`);
    expect((await demo.signIn('amira.haddad@demo.consilium.test', 'consilium-demo-2026')).status).toBe(200);
    expect((await demo.get('/api/v1/me')).body.name).toBe('Amira Haddad');
  });

  it('an account acknowledged before a kill -9 is there after the restart', async () => {
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
    expect(me.body).toMatchObject({ name: 'Wei Zhang', locale: 'zh-CN', timeZone: 'Asia/Singapore' });
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
  });

  it('SIGTERM stops the app and its embedded database cleanly', async () => {
    const [running] = children;
    running!.kill('SIGTERM');
    expect(await exited(running!)).toBe(0);
    children.delete(running!);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});
