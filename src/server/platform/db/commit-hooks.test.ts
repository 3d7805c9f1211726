import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { signalOnCommit } from '../wakeups.js';
import { afterCommit } from './commit-hooks.js';

let server: TestServer;
let listener: pg.Client;
const heard: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  // A plain listening connection, as another instance's notify bus would hold.
  listener = new pg.Client({ connectionString: server.runtime.config.databaseUrl });
  await listener.connect();
  listener.on('notification', (message) => heard.push(`${message.channel}:${message.payload}`));
  await listener.query('LISTEN commit_hooks_test');
});
afterAll(async () => {
  await listener?.end();
  await server?.close();
});

async function heardWithin(expected: string, ms = 5000): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 20) {
    if (heard.includes(expected)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

describe('work after commit', () => {
  it('runs once the transaction has committed, and never for one that rolled back', async () => {
    const ran: string[] = [];
    await server.runtime.db.transaction(async (tx) => {
      expect(afterCommit(tx, () => ran.push('committed'))).toBe(true);
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(['committed']);

    await expect(
      server.runtime.db.transaction(async (tx) => {
        afterCommit(tx, () => ran.push('rolled back'));
        throw new Error('the use case failed');
      }),
    ).rejects.toThrow('the use case failed');
    expect(ran).toEqual(['committed']);
  });

  it('a savepoint or the bare database has no hooks: the caller does the work inside', async () => {
    expect(afterCommit(server.runtime.db, () => undefined)).toBe(false);
    await server.runtime.db.transaction(async (tx) => {
      await tx.transaction(async (savepoint) => {
        expect(afterCommit(savepoint, () => undefined)).toBe(false);
      });
    });
  });

  it('a wake-up reaches another connection after the commit, once, and not after a rollback', async () => {
    await expect(
      server.runtime.db.transaction(async (tx) => {
        await signalOnCommit(tx, 'commit_hooks_test', 'never');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await server.runtime.db.transaction(async (tx) => {
      await signalOnCommit(tx, 'commit_hooks_test', 'case-1');
      await signalOnCommit(tx, 'commit_hooks_test', 'case-1');
      await tx.transaction((savepoint) => signalOnCommit(savepoint, 'commit_hooks_test', 'case-2'));
    });
    expect(await heardWithin('commit_hooks_test:case-1')).toBe(true);
    expect(await heardWithin('commit_hooks_test:case-2')).toBe(true);
    expect(heard.filter((entry) => entry === 'commit_hooks_test:case-1')).toHaveLength(1);
    expect(heard).not.toContain('commit_hooks_test:never');
  });

  it('a hundred transactions committing at once wake their listeners, each key at least once', async () => {
    const keys = Array.from({ length: 100 }, (_, n) => `burst-${n}`);
    await Promise.all(
      keys.map((key) => server.runtime.db.transaction((tx) => signalOnCommit(tx, 'commit_hooks_test', key))),
    );
    for (const key of keys) expect(await heardWithin(`commit_hooks_test:${key}`)).toBe(true);
  });
});
