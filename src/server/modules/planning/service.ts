import type { z } from 'zod';
import { Scenario, type RuleComparison } from '../../../shared/planning.js';
import { AppError } from '../../platform/errors.js';
import { runOf } from './scenario.js';
import { compareRules } from './simulation/compare.js';

/** A scenario file larger than this is refused before it is read. */
export const MAX_SCENARIO_FILE_BYTES = 2 * 1024 * 1024;

const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(file)',
    code: issue.code,
    message: issue.message,
  }));

/** A scenario file's text, checked against the scenario format; refused with every problem named. */
export function readScenario(text: string): Scenario {
  if (Buffer.byteLength(text, 'utf8') > MAX_SCENARIO_FILE_BYTES)
    throw new AppError('planning.scenario_too_large', {
      detail: `A scenario file may hold at most ${MAX_SCENARIO_FILE_BYTES / 1024 / 1024} MB.`,
    });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('planning.scenario_not_json', {
      detail: error instanceof Error ? error.message : undefined,
    });
  }
  const parsed = Scenario.safeParse(json);
  if (!parsed.success) {
    const errors = issuesOf(parsed.error);
    throw new AppError('planning.scenario_invalid', {
      detail: errors.map((entry) => `${entry.path}: ${entry.message}`).join('\n'),
      errors,
    });
  }
  return parsed.data;
}

/** Simulates the scenario's run under our rule and the two baselines, on the scenario's seed. */
export function simulateScenario(scenario: Scenario): RuleComparison {
  return compareRules(runOf(scenario), scenario.seed);
}
