import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

/**
 * `npm start`. In production (`NODE_ENV=production`) the server compiled by `npm run build`,
 * as plain JavaScript, building nothing; anywhere else the TypeScript sources through tsx, with the
 * web app built first when missing or stale. One process either way, so signals reach the server.
 */
if (process.env.NODE_ENV === 'production') {
  const compiled = new URL('../dist/server/main.js', import.meta.url);
  if (!existsSync(fileURLToPath(compiled))) {
    process.stderr.write(
      'Consilium could not start: NODE_ENV=production runs the compiled server, and there is none yet: run `npm run build` first.\n',
    );
    process.exit(1);
  }
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/server/main.ts');
}
