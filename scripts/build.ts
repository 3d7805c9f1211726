import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureWebBuild, projectRoot } from '../src/server/platform/web/build.js';

/**
 * `npm run build`: what production runs, made once. The web app into `dist/web` (as a start in
 * development would, with its fingerprint; an up-to-date build is kept), and the server compiled
 * by TypeScript into `dist/server` and `dist/shared` (`tsconfig.server.json`), so that
 * `NODE_ENV=production npm start` runs JavaScript and builds nothing.
 */
await ensureWebBuild((line) => process.stdout.write(`${line}\n`));

for (const folder of ['server', 'shared'])
  rmSync(path.join(projectRoot, 'dist', folder), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const started = performance.now();
const code = await new Promise<number | null>((resolve, reject) => {
  const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.server.json'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  child.on('error', reject);
  child.on('close', resolve);
});
if (code !== 0) {
  process.stderr.write('The server did not compile (above: what TypeScript said).\n');
  process.exit(1);
}
process.stdout.write(
  `Server compiled into dist/server in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`,
);
