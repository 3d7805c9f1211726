/**
 * The stack floor of the queue bench: the real Consilium server (the same start-up as `src/server/main.ts`:
 * configuration, runtime, job workers, every plugin and hook of `buildApp`), plus one route that answers the
 * case manager's queue with the baseline's bare SQL and hand-built page (`support/queue-page.ts`) instead of
 * the cases room (Drizzle, the service, Zod's response check).
 *
 * Its caller goes through everything a real API call does before the handler: the request id, helmet, the
 * rate limit, Better Auth's session lookup and our active-profile read (`resolveActorHook`). So it measures
 * what the stack costs before any line of the cases room runs: the real queue can be at most as fast as this.
 * Settings come from the environment, as for the real server.
 */
import { loadConfig } from '../src/server/config.js';
import { openRuntime } from '../src/server/boot.js';
import { buildApp } from '../src/server/app.js';
import { createLogger } from '../src/server/platform/logger.js';
import { AppError } from '../src/server/platform/errors.js';
import { sendProblem } from '../src/server/platform/http/problem.js';
import { resolveActorHook } from '../src/server/modules/identity/http.js';
import { queuePage } from './support/queue-page.js';

const config = loadConfig();
const log = createLogger(config.logLevel);
const runtime = await openRuntime(config, log);
await runtime.jobs.startWorkers();
const app = await buildApp(runtime);
await app.register(async (scope) => {
  scope.addHook('preValidation', resolveActorHook(runtime));
  scope.get('/api/v1/floor/queue', async (request, reply) => {
    const actor = request.ctx.actor;
    if (actor?.role !== 'case_manager')
      return sendProblem(request, reply, new AppError('resource.not_found'));
    return queuePage(runtime.pool, actor);
  });
});
await app.listen({ port: config.port, host: config.host });

const stop = async () => {
  await app.close();
  await runtime.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
