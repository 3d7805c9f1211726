import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/server/platform/net.js';
import { exited, startAppProcess, stopLeftoverDatabase } from '../support/app-process.js';

/**
 * A newcomer who is root clones Consilium into a folder only root may enter (root's home, mode
 * 700) and runs `npm start`. PostgreSQL will not run as root, and the `postgres` user it runs as
 * cannot reach the data folder: the cluster goes where that user can, the banner says where, and
 * the next start finds it there again.
 *
 * Only as root: anyone else runs the embedded server as themselves, in their own data folder, so
 * there is nothing to move (the story is skipped, and says so, when the tests do not run as root).
 */
const asRoot = process.getuid?.() === 0;

describe.skipIf(!asRoot)('root starts Consilium from a folder only root may enter', () => {
  const closed = mkdtempSync(path.join(os.tmpdir(), 'consilium-closed-'));
  const dataDir = path.join(closed, 'consilium', 'data');
  const children = new Set<ChildProcess>();
  let clusterDir: string | undefined;

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    if (clusterDir) {
      stopLeftoverDatabase(dataDir, clusterDir);
      rmSync(path.dirname(clusterDir), { recursive: true, force: true });
    }
    rmSync(closed, { recursive: true, force: true });
  });

  const clusterIn = (banner: string) => /embedded PostgreSQL in (\S+)/.exec(banner)?.[1];

  it('starts, with its database where the postgres user can reach it, and says where', async () => {
    expect(statSync(closed).mode & 0o777).toBe(0o700);
    const app = await startAppProcess(dataDir, await freePort(), { SEED_DEMO: 'false' });
    children.add(app.child);
    clusterDir = clusterIn(app.output());
    expect(clusterDir).toMatch(/^\/var\/lib\/consilium\/cluster-[0-9a-f]{16}\/postgres$/);
    expect(app.output()).toContain('the data folder is closed to its user, postgres');
    expect(existsSync(path.join(clusterDir!, 'PG_VERSION'))).toBe(true);
    // Everything else stays in the data folder: the secrets, the e-mail folder.
    expect(existsSync(path.join(dataDir, 'postgres'))).toBe(false);
    expect(existsSync(dataDir)).toBe(true);
    app.child.kill('SIGTERM');
    expect(await exited(app.child)).toBe(0);
  });

  it('the next start finds the same cluster, with the same credentials', async () => {
    const credentialsFile = path.join(path.dirname(clusterDir!), 'postgres-credentials.json');
    const before = readFileSync(credentialsFile, 'utf8');
    const app = await startAppProcess(dataDir, await freePort(), { SEED_DEMO: 'false' });
    children.add(app.child);
    expect(clusterIn(app.output())).toBe(clusterDir);
    expect(readFileSync(credentialsFile, 'utf8')).toBe(before);
    app.child.kill('SIGTERM');
    expect(await exited(app.child)).toBe(0);
  });
});
