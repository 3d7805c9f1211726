import { v7 as uuidv7 } from 'uuid';
import {
  HOURS_IN_WEEK,
  Scenario,
  type PlanningExample,
  type ScenarioSummary,
  type StaffingForecastView,
  type StaffingPlanRequest,
  type StaffingPlanView,
  planningExamples,
} from '../../../shared/planning.js';
import { actorOf, systemContext, type RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { sendJobInTransaction, type JobRunner } from '../../platform/jobs/index.js';
import type { Runtime } from '../../room.js';
import { recordAudit } from '../audit/index.js';
import { submissionVolumes } from '../cases/index.js';
import { exampleScenario } from './examples.js';
import { planningPolicy } from './policy.js';
import { presentStaffingPlan } from './present.js';
import * as repo from './repo.js';
import { scenarioFromDatabase, staffScenario } from './service.js';
import { forecastOf, rosterOf } from './scenario.js';
import { WEEK_MS } from './simulation/model.js';
import { defaultPlannerThreads } from './staffing/pool.js';

/*
 * The staffing planner in the ops console: the forecast to plan on (next week from the database,
 * or an example when the database holds too little history), and plans asked for, run as a job
 * (a planning run takes tens of seconds: never a request held open), then read back by polling.
 */

export const STAFFING_PLAN_QUEUE = 'planning.staffing-plan';
/** Fewer submissions than this over the weeks looked at make a forecast too thin to staff on. */
export const MINIMUM_HISTORY_SUBMISSIONS = 20;

function assertPlanner(ctx: RequestContext) {
  const actor = actorOf(ctx);
  // Only operations know the planner is there.
  if (!planningPolicy.plan(actor)) throw notFound();
  return actor;
}

export function summaryOf(scenario: Scenario): ScenarioSummary {
  const streams = forecastOf(scenario).streams;
  const byLanguage = new Map<string, number>();
  for (const stream of streams)
    byLanguage.set(
      stream.language,
      (byLanguage.get(stream.language) ?? 0) + stream.perHourOfWeek.reduce((sum, value) => sum + value, 0),
    );
  const loadByLanguage = [...byLanguage]
    .map(([language, perWeek]) => ({ language, perWeek }))
    .sort((a, b) => b.perWeek - a.perWeek);
  return {
    startsAt: scenario.startsAt,
    weeks: scenario.weeks,
    caseManagers: rosterOf(scenario).length,
    requestsPerWeek: loadByLanguage.reduce((sum, entry) => sum + entry.perWeek, 0),
    loadByLanguage,
    loadByHourOfWeek: Array.from({ length: HOURS_IN_WEEK }, (_, hour) =>
      streams.reduce((sum, stream) => sum + (stream.perHourOfWeek[hour] ?? 0), 0),
    ),
  };
}

async function historyScenario(ctx: RequestContext, weeks: number): Promise<Scenario> {
  const { scenario } = await scenarioFromDatabase(ctx, { weeks });
  return Scenario.parse(scenario);
}

/** What there is to plan on: next week from the database when it holds enough, and the examples. */
export async function readStaffingForecast(
  ctx: RequestContext,
  input: { weeks: number },
): Promise<StaffingForecastView> {
  assertPlanner(ctx);
  const now = ctx.clock.now();
  const volumes = await submissionVolumes(ctx.db, new Date(now.getTime() - input.weeks * WEEK_MS), now);
  const submissions = volumes.reduce((sum, volume) => sum + volume.cases, 0);
  let history: ScenarioSummary | null = null;
  if (submissions >= MINIMUM_HISTORY_SUBMISSIONS) {
    try {
      history = summaryOf(await historyScenario(ctx, input.weeks));
    } catch (error) {
      // No case manager to plan with: the console offers the examples, as with too little history.
      if (!(error instanceof AppError)) throw error;
    }
  }
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      ctx,
      { action: 'planning.forecast_read', details: { weeks: input.weeks, submissions } },
      { entityType: 'staffing_forecast', purpose: 'operations' },
    ),
  );
  return {
    weeks: input.weeks,
    submissions,
    minimumSubmissions: MINIMUM_HISTORY_SUBMISSIONS,
    history,
    examples: planningExamples.map((name: PlanningExample) => ({
      name,
      summary: summaryOf(exampleScenario(name)),
    })),
  };
}

/** Asks for a plan: the scenario is fixed now (so the plan can be read and reproduced), the job runs it. */
export async function requestStaffingPlan(
  ctx: RequestContext,
  input: StaffingPlanRequest,
  settings: { seeds: number },
): Promise<StaffingPlanView> {
  const actor = assertPlanner(ctx);
  const scenario =
    input.source === 'history' ? await historyScenario(ctx, input.weeks) : exampleScenario(input.example);
  const id = uuidv7();
  return ctx.db.transaction(async (tx) => {
    await repo.insertStaffingPlan(tx, {
      id,
      requestedByUserId: actor.userId,
      status: 'queued',
      source: input.source,
      example: input.source === 'example' ? input.example : null,
      scenario,
      targetPercent: input.targetPercent,
      whatIf: input.whatIf,
      seeds: settings.seeds,
      requestedAt: ctx.clock.now(),
    });
    await recordAudit(
      tx,
      ctx,
      {
        action: 'planning.staffing_plan_requested',
        details: { source: input.source, targetPercent: input.targetPercent },
      },
      { entityType: 'staffing_plan', entityId: id, purpose: 'operations' },
    );
    await sendJobInTransaction(tx, STAFFING_PLAN_QUEUE, { planId: id });
    return presentStaffingPlan((await repo.findStaffingPlan(tx, id))!);
  });
}

export async function readStaffingPlan(ctx: RequestContext, id: string): Promise<StaffingPlanView> {
  assertPlanner(ctx);
  const row = await repo.findStaffingPlan(ctx.db, id);
  if (!row) throw notFound();
  return presentStaffingPlan(row);
}

/**
 * Runs a plan asked for. A plan left `running` by a process that stopped is run again when the
 * job is retried; its result is the same (the planner is deterministic).
 */
export async function runStaffingPlan(ctx: RequestContext, planId: string, threads: number): Promise<void> {
  const plan = await repo.claimStaffingPlan(ctx.db, planId, ctx.clock.now());
  if (!plan) return;
  try {
    const result = await staffScenario(
      plan.scenario,
      { targetPercent: plan.targetPercent, seeds: plan.seeds, whatIf: plan.whatIf },
      threads,
    );
    await repo.finishStaffingPlan(ctx.db, planId, {
      status: 'done',
      result,
      errorCode: null,
      finishedAt: ctx.clock.now(),
    });
  } catch (error) {
    ctx.log.error({ err: error, planId }, 'staffing plan failed');
    await repo.finishStaffingPlan(ctx.db, planId, {
      status: 'failed',
      result: null,
      errorCode: 'planning.plan_failed',
      finishedAt: ctx.clock.now(),
    });
  }
}

export async function defineStaffingJobs(jobs: JobRunner, runtime: Runtime): Promise<void> {
  const threads = runtime.config.planner.threads ?? defaultPlannerThreads('server');
  await jobs.define<{ planId: string }>({
    name: STAFFING_PLAN_QUEUE,
    retryLimit: 1,
    handler: async (batch) => {
      for (const job of batch)
        await runStaffingPlan(
          systemContext(runtime, `job-staffing-plan-${job.id}`),
          job.data.planId,
          threads,
        );
    },
  });
}
