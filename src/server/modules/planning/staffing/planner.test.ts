import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StaffingOptions, type StaffingPlanResult } from '../../../../shared/planning.js';
import { readScenario } from '../service.js';
import { planStaffing } from './planner.js';
import { inlineEvaluator, workerEvaluator } from './pool.js';

/*
 * Stories of an operations lead sizing the Gulf market's roster (examples/gulf-market.json: Arabic
 * and English requests, Arabic speakers in Dubai, an English team in London) for the promise.
 */
const gulf = readScenario(
  readFileSync(path.join(import.meta.dirname, '../examples/gulf-market.json'), 'utf8'),
);
const options = (input: Record<string, unknown> = {}) => StaffingOptions.parse({ seeds: 6, ...input });
const plan = (input: Record<string, unknown> = {}) => planStaffing(gulf, options(input), inlineEvaluator);
const people = (result: StaffingPlanResult, language: string) =>
  result.cells.filter((cell) => cell.language === language).reduce((sum, cell) => sum + cell.proposed, 0);

describe('the staffing planner', { timeout: 120_000 }, () => {
  it('proposes a roster per language and time-zone band that keeps 99.5 % on every search seed, and says how sure it is', async () => {
    const result = await plan();
    expect(result.reached).toBe(true);
    expect(result.target).toBe(0.995);
    expect(result.cells.map((cell) => [cell.language, cell.band])).toEqual([
      ['ar', 'middle_east_south_asia'],
      ['en', 'europe_africa'],
    ]);
    // Every shift pattern of the market keeps at least one person.
    for (const cell of result.cells)
      for (const pattern of cell.patterns) expect(pattern.proposed).toBeGreaterThan(0);
    expect(result.proposed.seeds).toBe(6);
    expect(result.proposed.seedsMeetingTarget).toBeLessThanOrEqual(6);
    const pooled = result.proposed.pooled;
    expect(pooled.low!).toBeLessThanOrEqual(pooled.share!);
    expect(pooled.high!).toBeGreaterThanOrEqual(pooled.share!);
    expect(pooled.share!).toBeGreaterThan(0.98);
    // Our rule against round-robin on the same requests and roster.
    expect(pooled.share!).toBeGreaterThan(result.proposed.roundRobin.share!);
    expect(result.proposed.byHourOfWeek).toHaveLength(168);
    expect(result.loadByHourOfWeek.reduce((sum, value) => sum + value, 0)).toBeCloseTo(180, 6);
  });

  it('gives the same roster for the same question', async () => {
    const [first, second] = [await plan(), await plan()];
    expect(second.cells).toEqual(first.cells);
    expect(second.proposed).toEqual(first.proposed);
  });

  it('asks for more Arabic speakers when Arabic requests surge, and no fewer English speakers', async () => {
    const calm = await plan();
    const surge = await plan({ whatIf: { surges: [{ language: 'ar', factor: 3 }] } });
    expect(people(surge, 'ar')).toBeGreaterThan(people(calm, 'ar'));
    expect(people(surge, 'en')).toBeGreaterThanOrEqual(people(calm, 'en'));
    expect(surge.loadByLanguage.find((entry) => entry.language === 'ar')!.perWeek).toBeCloseTo(300, 6);
    // The market's own roster, under the surge, keeps the promise less well than the one proposed.
    expect(surge.current.pooled.share!).toBeLessThan(surge.proposed.pooled.share!);
  });

  it('covers two people off sick with a roster at least as large', async () => {
    const calm = await plan();
    const sick = await plan({ whatIf: { offSick: 2 } });
    expect(sick.proposedSize).toBeGreaterThanOrEqual(calm.proposedSize);
    expect(sick.current.pooled.share!).toBeLessThanOrEqual(calm.current.pooled.share!);
  });

  it('runs the same simulations in worker threads as inline', async () => {
    const inline = await plan({ seeds: 2 });
    const threaded = await planStaffing(gulf, options({ seeds: 2 }), (scenario) =>
      workerEvaluator(scenario, 2),
    );
    expect(threaded).toEqual(inline);
  });
});
