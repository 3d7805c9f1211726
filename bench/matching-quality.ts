/**
 * The quality of specialist matching (`npm run bench matching-quality`): precision of the top five
 * over the evaluation set (`src/server/modules/specialists/evaluation/conditions.ts`), the share of
 * the first five proposed specialists whose specialty a clinician would accept for the condition,
 * averaged over the conditions; on the demo network and on a generated network of 50,000, the
 * tuning part and the held-out part apart. Baseline, in the same run on the same networks: the
 * ranking as it was before the evaluation set existed (`support/ranking-before/`), applied to the
 * whole network in memory.
 */
import { sql } from 'drizzle-orm';
import type { Runtime } from '../src/server/boot.js';
import { systemContext } from '../src/server/platform/context.js';
import { createLogger } from '../src/server/platform/logger.js';
import {
  evaluationSet,
  isAcceptable,
  type EvaluationCondition,
} from '../src/server/modules/specialists/evaluation/conditions.js';
import { findMatches } from '../src/server/modules/specialists/candidate-retrieval.js';
import {
  resolveWanted,
  type Candidate,
  type MatchRequest,
} from '../src/server/modules/specialists/matching.js';
import { specialist } from '../src/server/modules/specialists/schema.js';
import { demoNetwork, generateSpecialists } from '../src/server/modules/specialists/service.js';
import * as before from './support/ranking-before/matching.js';
import type { Bench, BenchContext } from './support/bench.js';
import { provisionRuntime } from './support/database.js';

const TOP = 5;
const LARGE = 50_000;

/** Members in the countries and languages the service works in, taken in turn. */
const members: { languages: string[]; country: string }[] = [
  { languages: ['en'], country: 'GB' },
  { languages: ['es'], country: 'ES' },
  { languages: ['ar', 'en'], country: 'AE' },
  { languages: ['zh-CN'], country: 'CN' },
  { languages: ['fr'], country: 'FR' },
  { languages: ['de'], country: 'DE' },
  { languages: ['en'], country: 'US' },
  { languages: ['pt'], country: 'BR' },
  { languages: ['it'], country: 'IT' },
  { languages: ['en', 'zh-CN'], country: 'SG' },
];

function requestFor(entry: EvaluationCondition, index: number, wanted: MatchRequest['wanted']): MatchRequest {
  const member = members[index % members.length]!;
  return {
    wanted,
    languages: member.languages,
    memberCountry: member.country,
    regions: [],
    urgency: 'routine',
    origin: null,
    firstOpinion: { doctorName: null, institution: null },
    includeFull: false,
  };
}

const precision = (
  entry: EvaluationCondition,
  top: { specialtyCodes: string[]; subspecialtyCodes: string[] }[],
) => (top.length === 0 ? 0 : top.filter((match) => isAcceptable(entry, match)).length / top.length);

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const round = (value: number) => Math.round(value * 1000) / 1000;

async function evaluate(ctx: BenchContext, runtime: Runtime, network: string): Promise<void> {
  const everyone: Candidate[] = await runtime.db.select().from(specialist);
  const scores = { tuning: [] as number[], 'held-out': [] as number[] };
  const baseline = { tuning: [] as number[], 'held-out': [] as number[] };
  const misses: string[] = [];
  for (const [index, entry] of evaluationSet.entries()) {
    const wanted = resolveWanted([], entry.condition, { age: entry.age, treatment: entry.treatment ?? null });
    const { matches } = await findMatches(runtime.db, requestFor(entry, index, wanted), TOP);
    const value = precision(
      entry,
      matches.map((match) => match.specialist),
    );
    scores[entry.part].push(value);
    const old = before.rankSpecialists(
      everyone,
      requestFor(entry, index, before.resolveWanted([], entry.condition)),
      TOP,
    );
    baseline[entry.part].push(
      precision(
        entry,
        old.map((match) => match.specialist),
      ),
    );
    if (value < 1 && entry.part === 'tuning')
      misses.push(
        `${entry.condition} age ${entry.age}${entry.treatment ? ` ${entry.treatment}` : ''}: ${value} ` +
          `(${matches.map((match) => [...match.specialist.specialtyCodes, ...match.specialist.subspecialtyCodes].join('+')).join(', ')})`,
      );
  }
  ctx.progress(`${network}: ${everyone.length} specialists; tuning entries below 1: ${misses.length}`);
  for (const miss of misses) ctx.progress(`  ${miss}`);
  for (const part of ['tuning', 'held-out'] as const) {
    ctx.report({
      metric: `precision_at_5.${network}.${part}`,
      value: round(mean(scores[part])),
      unit: 'share',
      baseline: round(mean(baseline[part])),
      target: 'value >= 0.9',
      met: mean(scores[part]) >= 0.9,
    });
  }
}

export const matchingQualityBench: Bench = {
  name: 'matching-quality',
  description: `precision of the top five over the evaluation set, on the demo network and on ${LARGE.toLocaleString('en')}`,
  async run(ctx) {
    const log = createLogger('warn');
    const runtime = await provisionRuntime(ctx, log);
    const tuning = evaluationSet.filter((entry) => entry.part === 'tuning').length;
    ctx.progress(
      `${evaluationSet.length} conditions, ${tuning} for tuning, ${evaluationSet.length - tuning} held out`,
    );

    await generateSpecialists(systemContext(runtime, 'bench-demo'), demoNetwork);
    await evaluate(ctx, runtime, 'demo');

    await runtime.db.execute(sql`TRUNCATE specialist CASCADE`);
    await generateSpecialists(systemContext(runtime, 'bench-generate'), { seed: 42, count: LARGE });
    await runtime.db.execute(sql`VACUUM ANALYZE specialist`);
    await evaluate(ctx, runtime, 'at_50k');
  },
};
