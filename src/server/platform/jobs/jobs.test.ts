import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { JobRunner, jobsOf, sendJobInTransaction, wakeAfterCommit } from './index.js';
import { createLogger } from '../logger.js';

let server: TestServer;
let runner: JobRunner;
const worked: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  // A second runner on the same database, as a second instance would have.
  runner = new JobRunner(server.runtime.pool, createLogger('silent'));
  await runner.define<{ label: string }>({
    name: 'test.echo',
    handler: async (jobs) => {
      for (const job of jobs) worked.push(job.data.label);
    },
  });
  await runner.install();
});
afterAll(async () => {
  await runner?.stop();
  await server?.close();
});

async function jobCount(label: string): Promise<number> {
  const result = await server.sql.query(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'test.echo' AND data->>'label' = $1`,
    [label],
  );
  return result.rows[0].n;
}

describe('jobs', () => {
  it('a runtime opened for the CLI or a test runs no workers', () => {
    expect(server.runtime.jobs.workersRunning).toBe(false);
  });

  it('a job sent in a transaction exists only if the transaction commits', async () => {
    await expect(
      server.runtime.db.transaction(async (tx) => {
        await sendJobInTransaction(tx, 'test.echo', { label: 'rolled-back' });
        expect(await jobCount('rolled-back')).toBe(0); // not visible before the commit
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await jobCount('rolled-back')).toBe(0);

    // Through the runtime's runner (a use case holding only its transaction), and through a runner at hand.
    await server.runtime.db.transaction(async (tx) => {
      await sendJobInTransaction(tx, 'test.echo', { label: 'committed' });
      await runner.send('test.echo', { label: 'committed-at-hand' }, { tx });
      expect(await jobCount('committed')).toBe(0);
    });
    expect(await jobCount('committed')).toBe(1);
    expect(await jobCount('committed-at-hand')).toBe(1);
  });

  it('a job sent in a savepoint goes with the savepoint, and the runner is found through the outermost transaction', async () => {
    await server.runtime.db.transaction(async (tx) => {
      const jobs = jobsOf(tx);
      await expect(
        tx.transaction(async (savepoint) => {
          expect(() => jobsOf(savepoint)).toThrow(/outermost transaction/);
          await jobs.write('test.echo', { label: 'savepoint-undone' }, { tx: savepoint });
          throw new Error('undo the savepoint');
        }),
      ).rejects.toThrow('undo the savepoint');
      await tx.transaction((savepoint) =>
        jobs.write('test.echo', { label: 'savepoint-kept' }, { tx: savepoint }),
      );
    });
    expect(await jobCount('savepoint-undone')).toBe(0);
    expect(await jobCount('savepoint-kept')).toBe(1);
  });

  it('workers run jobs once started, and stop after finishing the running one', async () => {
    await runner.send('test.echo', { label: 'direct' });
    await runner.startWorkers({ pollingIntervalSeconds: 0.5, stopTimeoutMs: 5_000 });
    // Wait up to 10 s for the worker to pick both jobs up.
    for (
      let tries = 0;
      tries < 200 &&
      !['direct', 'committed', 'committed-at-hand', 'savepoint-kept'].every((label) =>
        worked.includes(label),
      );
      tries += 1
    )
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(worked.filter((label) => label === 'direct')).toHaveLength(1);
    expect(worked).toEqual(expect.arrayContaining(['committed', 'committed-at-hand', 'savepoint-kept']));
    expect(worked).not.toContain('rolled-back');
    expect(worked).not.toContain('savepoint-undone');
    await runner.stop();
    expect(runner.workersRunning).toBe(false);
  });

  it('a commit that asks for it wakes a queue at once, no job written; one run covers a burst of wake-ups', async () => {
    const woken = new JobRunner(server.runtime.pool, createLogger('silent'), server.runtime.bus);
    let runs = 0;
    let release: () => void = () => undefined;
    const firstRunHeld = new Promise<void>((resolve) => (release = resolve));
    await woken.define({
      name: 'test.woken',
      wakeOn: 'test_woken',
      handler: async (jobs) => {
        expect(jobs).toEqual([]);
        runs += 1;
        if (runs === 1) await firstRunHeld;
      },
    });
    await woken.install();
    const jobsOfQueue = async () =>
      (await server.sql.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'test.woken'`)).rows[0]
        .n;
    try {
      // Not started: a wake-up finds nobody listening.
      await server.runtime.db.transaction((tx) => wakeAfterCommit(tx, 'test_woken'));
      await woken.startWorkers({ pollingIntervalSeconds: 0.5, stopTimeoutMs: 5_000 });
      await expect(
        server.runtime.db.transaction(async (tx) => {
          await wakeAfterCommit(tx, 'test_woken');
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(runs).toBe(0);

      await server.runtime.db.transaction((tx) => wakeAfterCommit(tx, 'test_woken'));
      await vi.waitFor(() => expect(runs).toBe(1), { timeout: 10_000 });
      // Three more commits while the first run is still going: one more run, after it.
      for (let n = 0; n < 3; n += 1)
        await server.runtime.db.transaction((tx) => wakeAfterCommit(tx, 'test_woken'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(runs).toBe(1);
      release();
      await vi.waitFor(() => expect(runs).toBe(2), { timeout: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(runs).toBe(2);
      expect(await jobsOfQueue()).toBe(0);
    } finally {
      release();
      await woken.stop();
    }
  });

  it('tells the operators how many jobs of each queue wait to run now, wait for later, run, or failed', async () => {
    const counted = new JobRunner(server.runtime.pool, createLogger('silent'));
    await counted.define({ name: 'test.counted', handler: async () => undefined });
    await counted.install();
    try {
      await counted.send('test.counted', { label: 'now' });
      await counted.send('test.counted', { label: 'now-too' });
      await counted.send(
        'test.counted',
        { label: 'later' },
        { startAfter: new Date('2099-01-01T00:00:00Z') },
      );
      expect(await counted.queueSizes()).toEqual([
        { queue: 'test.counted', state: 'ready', count: 2 },
        { queue: 'test.counted', state: 'deferred', count: 1 },
        { queue: 'test.counted', state: 'active', count: 0 },
        { queue: 'test.counted', state: 'failed', count: 0 },
      ]);
    } finally {
      await counted.stop();
    }
  });

  it('refuses to send to a queue nobody defined', async () => {
    await expect(runner.send('test.unknown', {})).rejects.toThrow(/no queue named test.unknown/);
  });
});
