import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/server/platform/net.js';
import { exited, startAppProcess, stopLeftoverDatabase } from '../support/app-process.js';

/**
 * An operator builds once (`npm run build`: the web app and the server compiled to JavaScript) and
 * runs production from what was built (`NODE_ENV=production npm start`), which builds nothing.
 */
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-production-'));
chmodSync(dataDir, 0o755);
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  stopLeftoverDatabase(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
});

/** The project's own Node runs a script, as npm would. */
function runNode(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? root, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('production runs what `npm run build` made', () => {
  const production = {
    NODE_ENV: 'production',
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
    SMTP_URL: 'smtp://127.0.0.1:9',
    // A trial on one machine: production on the embedded database, asked for explicitly.
    ALLOW_EMBEDDED_DATABASE: 'true',
  };

  it('`npm run build` compiles the server beside the web app', async () => {
    const build = await runNode(['--import', 'tsx', 'scripts/build.ts']);
    expect(build.code, build.output).toBe(0);
    expect(build.output).toContain('Server compiled into dist/server');
    expect(existsSync(path.join(root, 'dist', 'server', 'main.js'))).toBe(true);
    expect(existsSync(path.join(root, 'dist', 'web', 'index.html'))).toBe(true);
  }, 180_000);

  it('`NODE_ENV=production npm start` serves the app and the API from the compiled server, with no build step at start', async () => {
    const port = await freePort();
    const app = await startAppProcess(
      dataDir,
      port,
      { ...production, PUBLIC_URL: `http://127.0.0.1:${port}` },
      ['scripts/start.mjs'],
    );
    children.add(app.child);
    expect(app.output()).not.toContain('Building the web app');
    // The API's documentation is not served in production unless asked for, and the banner says so.
    expect(app.output()).toContain('API documentation: not served (API_DOCS=public serves it)');
    expect((await fetch(`http://127.0.0.1:${port}/api/docs`)).status).toBe(404);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    // The page is checked again on every visit; its scripts, named by their content, are kept, and
    // a browser that accepts Brotli gets the file the build compressed.
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`http://127.0.0.1:${port}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('br');
    await asset.arrayBuffer();
    app.child.kill('SIGTERM');
    expect(await exited(app.child)).toBe(0);
  });

  it('without a compiled server, production does not start and says what to run', async () => {
    const compiled = path.join(root, 'dist', 'server');
    renameSync(compiled, `${compiled}.aside`);
    try {
      const started = await runNode(['scripts/start.mjs'], { ...production, DATA_DIR: dataDir });
      expect(started.code).toBe(1);
      expect(started.output.trim()).toBe(
        'Consilium could not start: NODE_ENV=production runs the compiled server, and there is none yet: run `npm run build` first.',
      );
    } finally {
      renameSync(`${compiled}.aside`, compiled);
    }
  });
});
