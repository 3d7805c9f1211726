import type { RuleComparison } from '../../../../shared/planning.js';
import { simulate } from './engine.js';
import type { SimulationRun } from './model.js';

/** The same requests and roster under our rule and the two baselines, in one run. */
export function compareRules(run: SimulationRun, seed: number): RuleComparison {
  return {
    seed,
    target: run.target,
    arrivals: run.requests.filter((request) => request.at >= run.startsAt && request.at < run.endsAt).length,
    caseManagers: run.roster.length,
    ours: simulate(run, 'ours').report,
    roundRobin: simulate(run, 'round_robin').report,
    languageOnly: simulate(run, 'language_only').report,
  };
}
