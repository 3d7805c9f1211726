/**
 * The stack floor of the queue and submissions benches: the real Consilium server (the same start-up as
 * `src/server/main.ts`: configuration, runtime, job workers, every plugin and hook of `buildApp`), plus two
 * routes that do their work with the baselines' bare SQL instead of the cases room (Drizzle, the service,
 * Zod, the lifecycle, assignment, clocks, notifications):
 *
 * - `GET /api/v1/floor/queue`: the case manager's queue, the baseline's statements and hand-built page
 *   (`support/queue-page.ts`);
 * - `POST /api/v1/floor/cases`: a submission that only inserts its case row, the bare-insert baseline's
 *   statement (`support/case-row.ts`), and answers 201.
 *
 * A caller goes through everything a real API call does before the handler: the request id, helmet, the
 * rate limit, Better Auth's session lookup and our active-profile read (`resolveActorHook`), JSON parsing.
 * So they measure what the platform costs before any line of the cases room runs: the real endpoints can be
 * at most as fast as these. Settings come from the environment, as for the real server.
 */
import { loadConfig } from '../src/server/config.js';
import { openRuntime } from '../src/server/boot.js';
import { buildApp } from '../src/server/app.js';
import { createLogger } from '../src/server/platform/logger.js';
import { AppError } from '../src/server/platform/errors.js';
import { sendProblem } from '../src/server/platform/http/problem.js';
import { resolveActorHook } from '../src/server/modules/identity/http.js';
import { v7 as uuidv7 } from 'uuid';
import { caseRow, INSERT_CASE, type CaseRequestBody } from './support/case-row.js';
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
  scope.post('/api/v1/floor/cases', async (request, reply) => {
    const actor = request.ctx.actor;
    if (actor?.role !== 'member' || !actor.memberId)
      return sendProblem(request, reply, new AppError('resource.not_found'));
    const row = caseRow(
      request.body as CaseRequestBody,
      { memberId: actor.memberId, userId: actor.userId },
      `FLOOR-${uuidv7()}`,
    );
    await runtime.pool.query(INSERT_CASE, row);
    return reply.status(201).send({ id: row[0] });
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
