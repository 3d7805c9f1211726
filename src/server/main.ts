import { loadConfig, ConfigError } from './config.js';
import { openRuntime, startHttp } from './boot.js';
import { createLogger } from './platform/logger.js';
import { seedDemoIfEmpty, printDemoAccounts } from './demo/seed.js';
import { ensureWebBuild } from './platform/web/build.js';

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
  if (config.webBuild === 'auto') await ensureWebBuild((line) => process.stdout.write(`${line}\n`));
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
      `  API documentation: ${address}/api/docs`,
      `  Health:            ${address}/api/health`,
      `  Database:          ${config.databaseUrl ? 'PostgreSQL server from DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}/postgres`}`,
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

main().catch((error: unknown) => {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  process.stderr.write(`Consilium could not start: ${message}${cause}\n`);
  process.exit(1);
});
