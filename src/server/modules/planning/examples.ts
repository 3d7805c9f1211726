import type { PlanningExample, Scenario } from '../../../shared/planning.js';
import gulfMarket from './examples/gulf-market.json' with { type: 'json' };
import { readScenario } from './service.js';

/** The example scenarios, checked once: what operations plan on while the database has little history. */
const sources: Record<PlanningExample, unknown> = { 'gulf-market': gulfMarket };

let checked: Map<PlanningExample, Scenario> | undefined;
export function exampleScenario(name: PlanningExample): Scenario {
  checked ??= new Map(
    Object.entries(sources).map(([key, value]) => [
      key as PlanningExample,
      readScenario(JSON.stringify(value)),
    ]),
  );
  return checked.get(name)!;
}
