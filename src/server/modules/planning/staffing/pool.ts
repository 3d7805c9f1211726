import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../../../../shared/planning.js';
import { evaluateSeed, requestCache, type EvaluationJob, type SeedOutcome } from './evaluate.js';

/*
 * Where the planner's simulations run: in worker threads, one per core (a planning run is tens of
 * seconds of CPU, and the seeds are independent), or inline when `threads` is 0. Each worker draws
 * a seed's requests once and keeps them for the rosters that follow. A small pool of our own: one
 * message type, no queue policy beyond "next free worker", nothing a library would add.
 */

export interface Evaluator {
  evaluate(jobs: EvaluationJob[]): Promise<SeedOutcome[]>;
  close(): Promise<void>;
}

/**
 * Worker threads the planner uses by default: every core (the thread that asks only waits), or,
 * in the server, every core but one, left for the requests it serves.
 */
export const defaultPlannerThreads = (beside: 'alone' | 'server' = 'alone') =>
  Math.max(1, availableParallelism() - (beside === 'server' ? 1 : 0));

export function inlineEvaluator(scenario: Scenario): Evaluator {
  const requestsOf = requestCache(scenario);
  return {
    evaluate: (jobs) => Promise.resolve(jobs.map((job) => evaluateSeed(scenario, requestsOf, job))),
    close: () => Promise.resolve(),
  };
}

/**
 * The worker's module: the compiled `.js` beside this file, or, when the server runs from its
 * TypeScript sources (development, tests), the `.ts` file loaded through tsx as the server is.
 */
function spawn(scenario: Scenario): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSources ? './evaluate-worker.ts' : './evaluate-worker.js', import.meta.url);
  return new Worker(entry, { workerData: { scenario }, execArgv: fromSources ? ['--import', 'tsx'] : [] });
}

export function workerEvaluator(scenario: Scenario, threads: number): Evaluator {
  if (threads <= 0) return inlineEvaluator(scenario);
  const workers = Array.from({ length: threads }, () => spawn(scenario));
  const idle = [...workers];
  const waiting: (() => void)[] = [];
  let nextId = 0;
  let failure: Error | undefined;
  for (const worker of workers)
    worker.on('error', (error) => {
      failure = error;
    });

  const runOn = (worker: Worker, job: EvaluationJob) =>
    new Promise<SeedOutcome>((resolve, reject) => {
      const id = (nextId += 1);
      const onMessage = (message: { id: number; outcome?: SeedOutcome; error?: string }) => {
        if (message.id !== id) return;
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        if (message.outcome) resolve(message.outcome);
        else reject(new Error(message.error ?? 'the simulation failed'));
      };
      const onExit = (code: number) => reject(failure ?? new Error(`a planner worker stopped (${code})`));
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      worker.postMessage({ id, job });
    });

  const take = async (): Promise<Worker> => {
    const worker = idle.pop();
    if (worker) return worker;
    await new Promise<void>((resolve) => waiting.push(resolve));
    return take();
  };
  const release = (worker: Worker) => {
    idle.push(worker);
    waiting.shift()?.();
  };

  return {
    evaluate: (jobs) =>
      Promise.all(
        jobs.map(async (job) => {
          const worker = await take();
          try {
            return await runOn(worker, job);
          } finally {
            release(worker);
          }
        }),
      ),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
