import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { JobRunner, sendJobInTransaction } from './index.js';
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

    await server.runtime.db.transaction(async (tx) => {
      await runner.send('test.echo', { label: 'committed' }, { tx });
    });
    expect(await jobCount('committed')).toBe(1);
  });

  it('workers run jobs once started, and stop after finishing the running one', async () => {
    await runner.send('test.echo', { label: 'direct' });
    await runner.startWorkers({ pollingIntervalSeconds: 0.5, stopTimeoutMs: 5_000 });
    // Wait up to 10 s for the worker to pick both jobs up.
    for (
      let tries = 0;
      tries < 200 && !(worked.includes('direct') && worked.includes('committed'));
      tries += 1
    )
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(worked.filter((label) => label === 'direct')).toHaveLength(1);
    expect(worked).toContain('committed');
    expect(worked).not.toContain('rolled-back');
    await runner.stop();
    expect(runner.workersRunning).toBe(false);
  });

  it('refuses to send to a queue nobody defined', async () => {
    await expect(runner.send('test.unknown', {})).rejects.toThrow(/no queue named test.unknown/);
  });
});
