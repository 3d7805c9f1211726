/**
 * The cover check (`npm run bench cover-decision`): the pure decision's p50 and p95 over a mix of
 * realistic questions on the demo plans' rules (three currencies, every outcome), against, in the
 * same run on the same questions, reading the stored rules version back through its schema, which
 * the API does before every decision: the figure says whether the decision or its input costs more.
 */
import { BenefitRulesFile, BenefitRulesVersion, type BenefitCategory } from '../src/shared/coverage.js';
import { demoBenefitRules } from '../src/server/demo/benefit-rules.js';
import { checkCover, NO_USAGE, type CoverCheckInput } from '../src/server/modules/coverage/check.js';
import { BenchFailure, type Bench, type BenchContext } from './support/bench.js';

const ROUNDS = 4_000;
const WARMUP_ROUNDS = 400;

const percentile = (values: number[], share: number) => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number;
};
const milliseconds = (nanoseconds: number) => Math.round((nanoseconds / 1e6) * 10_000) / 10_000;

function questions(): CoverCheckInput[] {
  const file = BenefitRulesFile.parse(demoBenefitRules);
  const rulesOf = (code: string) => file.plans.find((plan) => plan.planCode === code)!.versions.at(-1)!;
  const ask = (
    plan: string,
    benefit: BenefitCategory,
    icd10: string,
    country: string,
    amount: number,
    extra: Partial<CoverCheckInput> = {},
  ): CoverCheckInput => {
    const rules = rulesOf(plan);
    return {
      membership: { startDate: '2024-01-01', endDate: null },
      rules,
      usage: NO_USAGE,
      preExistingConditions: [],
      treatmentDate: '2026-10-01',
      benefit,
      icd10,
      country,
      facilityInNetwork: true,
      estimatedCost: { amount, currency: rules.currency },
      sessions: 1,
      ...extra,
    };
  };
  return [
    ask('MHI-GLOBAL-IND', 'day_case_surgery', 'S83.5', 'AE', 1_850_000),
    ask('MHI-GLOBAL-IND', 'outpatient_consultation', 'M23.5', 'AE', 95_000, {
      usage: { planPaid: 2_950_000, deductibleBorne: 25_000, sessions: 0 },
    }),
    ask('MHI-GLOBAL-IND', 'diagnostics_imaging', 'M23.5', 'US', 450_000),
    ask('MHI-GLOBAL-IND', 'physiotherapy', 'M23.5', 'AE', 240_000, { sessions: 8 }),
    ask('MHI-GLOBAL-FAM', 'cancer_treatment', 'C50.4', 'FR', 4_500_000),
    ask('MHI-GLOBAL-FAM', 'outpatient_consultation', 'J45.9', 'FR', 12_000),
    ask('MHI-COMPANY', 'inpatient_surgery', 'K35.8', 'MA', 900_000),
    ask('MHI-HOSPITAL-ONLY', 'inpatient_surgery', 'M17.1', 'DE', 2_200_000, {
      preExistingConditions: [{ from: 'M17', to: 'M17.9' }],
    }),
    ask('MHI-HOSPITAL-ONLY', 'day_case_surgery', 'S82.0', 'DE', 600_000, { facilityInNetwork: false }),
    ask('MHI-HOSPITAL-ONLY', 'mental_health', 'F32.1', 'DE', 20_000),
  ];
}

/** Times `work` on every question, round after round; nanoseconds per call. */
function time(
  inputs: CoverCheckInput[],
  rounds: number,
  work: (input: CoverCheckInput) => unknown,
): number[] {
  const samples: number[] = [];
  let sink = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const input of inputs) {
      const started = process.hrtime.bigint();
      const result = work(input);
      samples.push(Number(process.hrtime.bigint() - started));
      if (result) sink += 1;
    }
  }
  if (sink === 0) throw new BenchFailure('nothing was decided');
  return samples;
}

export const coverageBench: Bench = {
  name: 'cover-decision',
  description: 'the cover check: the pure decision p95, against reading its rules back through their schema',
  async run(ctx: BenchContext) {
    const inputs = questions();
    const outcomes = new Set(inputs.map((input) => checkCover(input).outcome));
    if (outcomes.size < 4) throw new BenchFailure(`the questions reach only ${[...outcomes].join(', ')}`);
    const stored = new Map(
      inputs.map((input) => [input, JSON.parse(JSON.stringify(input.rules)) as unknown]),
    );
    const readRules = (input: CoverCheckInput) => BenefitRulesVersion.parse(stored.get(input));

    time(inputs, WARMUP_ROUNDS, checkCover);
    time(inputs, WARMUP_ROUNDS, readRules);
    // Alternating halves, so that a burst of load on a shared machine hits both alike.
    const decision: number[] = [];
    const reading: number[] = [];
    for (let half = 0; half < 2; half += 1) {
      decision.push(...time(inputs, ROUNDS / 2, checkCover));
      reading.push(...time(inputs, ROUNDS / 2, readRules));
    }
    ctx.progress(`${decision.length} decisions on ${inputs.length} questions (${[...outcomes].join(', ')})`);
    const p95 = milliseconds(percentile(decision, 0.95));
    ctx.report({
      metric: 'coverage.decision_p50',
      value: milliseconds(percentile(decision, 0.5)),
      unit: 'ms',
      baseline: milliseconds(percentile(reading, 0.5)),
    });
    ctx.report({
      metric: 'coverage.decision_p95',
      value: p95,
      unit: 'ms',
      baseline: milliseconds(percentile(reading, 0.95)),
      target: 'value <= 1',
      met: p95 <= 1,
    });
  },
};
