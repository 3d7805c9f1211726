import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../../../../shared/planning.js';
import { evaluateSeed, requestCache, type EvaluationJob } from './evaluate.js';

/** A worker thread of the planner's pool (./pool.ts): evaluates rosters on seeds of one scenario. */
const scenario = (workerData as { scenario: Scenario }).scenario;
const requestsOf = requestCache(scenario);

parentPort!.on('message', (message: { id: number; job: EvaluationJob }) => {
  try {
    parentPort!.postMessage({ id: message.id, outcome: evaluateSeed(scenario, requestsOf, message.job) });
  } catch (error) {
    parentPort!.postMessage({
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
