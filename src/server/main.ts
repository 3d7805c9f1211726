import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, ConfigError } from './config.js';
import { openRuntime, startHttp } from './boot.js';
import { createLogger } from './platform/logger.js';
import { seedDemoIfEmpty, printDemoAccounts } from './demo/seed.js';
import { ensureWebBuild, webDistDir } from './platform/web/build.js';
import type { EmbeddedPostgres } from './platform/db/embedded.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  // Before the database: a build that fails stops the start with Vite's message, nothing to undo.
  // Production never builds: `npm run build` made the web app with the server.
  if (config.env === 'production') {
    if (config.webBuild === 'auto' && !existsSync(path.join(webDistDir, 'index.html')))
      throw new Error(
        'the web app is not built: run `npm run build` (or set WEB_BUILD=off to serve the API only)',
      );
  } else if (config.webBuild === 'auto') await ensureWebBuild((line) => process.stdout.write(`${line}\n`));
  const runtime = await openRuntime(config, log);
  let demo;
  if (config.seedDemo) demo = await seedDemoIfEmpty(runtime);
  // Only the server runs jobs (notifications, clocks); the CLI and tests open a runtime without.
  await runtime.jobs.startWorkers();
  const app = await startHttp(runtime);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing requests in flight');
    const timer = setTimeout(() => {
      log.error('could not stop within 30 s; exiting');
      process.exit(1);
    }, 30_000);
    timer.unref();
    try {
      await app.close();
      await runtime.close();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'error while stopping');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  // The address users reach (PUBLIC_URL): the one whose pages may sign in and write.
  const address = config.publicUrl;
  process.stdout.write(
    [
      '',
      `Consilium is running at ${address} (listening on ${config.host}:${config.port})`,
      `  Web app:           ${address}/`,
      `  API documentation: ${config.apiDocs ? `${address}/api/docs` : 'not served (API_DOCS=public serves it)'}`,
      `  Health:            ${address}/api/health`,
      `  Database:          ${databaseLine(runtime.embedded)}`,
      `  E-mail:            ${runtime.mailer.kind === 'smtp' ? 'SMTP relay from SMTP_URL' : `.eml files in ${config.dataDir}/mail`}`,
      // Without a relay, a new member's link to confirm their address (and any reset link) is only there.
      ...(runtime.mailer.kind === 'smtp'
        ? []
        : [
            `  Sign-up links:     a new member confirms their e-mail address with the link of the newest .eml file`,
            `                     in ${config.dataDir}/mail (open it in a mail program: ${address}/verify-email#token=...);`,
            `                     the links of password resets are there too`,
          ]),
      '',
    ].join('\n'),
  );
  if (demo) process.stdout.write(printDemoAccounts(demo, address));
}

function databaseLine(embedded: EmbeddedPostgres | undefined): string {
  if (!embedded) return 'PostgreSQL server from DATABASE_URL';
  if (!embedded.moved) return `embedded PostgreSQL in ${embedded.clusterDir}`;
  return `embedded PostgreSQL in ${embedded.clusterDir} (the data folder is closed to its user, postgres)`;
}

main().catch((error: unknown) => {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  process.stderr.write(`Consilium could not start: ${message}${cause}\n`);
  process.exit(1);
});
