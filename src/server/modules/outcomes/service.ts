import { DateTime } from 'luxon';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type {
  CallAnswer,
  CaseOutcome,
  CheckInAnswer,
  FollowUpAnswer,
  OutcomeAnalytics,
  OutcomeAnalyticsQuery,
  OutcomeReconciliation,
  OutcomeReconciliationEdit,
} from '../../../shared/outcomes.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { claimIdempotencyKey, requestHash } from '../../platform/idempotency.js';
import { recordAudit } from '../audit/index.js';
import {
  caseAuditRecord,
  caseForActor,
  completeCheckIn,
  planCheckIns,
  readCasePart,
  type CaseRow,
  type Relation,
} from '../cases/index.js';
import { analyticsCsv } from './csv.js';
import { caseOutcomeOf, summariseCases, type CountedCase } from './figures.js';
import { outcomesPolicy } from './policy.js';
import { presentAnswer, presentOutcome } from './present.js';
import * as repo from './repo.js';

/** Statuses in which what the member did can be recorded: recommendations delivered, not ended. */
const answerableStatuses = new Set(['recommendations_delivered', 'monitoring']);

async function outcomeOfCase(tx: Queryable, kase: CaseRow, relation: Relation): Promise<CaseOutcome> {
  // One after the other: a transaction's queries share its one connection.
  const opinions = await repo.panelOpinions(tx, [kase.id]);
  const reconciled = await repo.findOutcome(tx, kase.id);
  const answers = await repo.listAnswers(tx, kase.id);
  const { state, verdicts } = caseOutcomeOf(
    kase.status,
    opinions,
    reconciled && {
      diagnosis: reconciled.outcome.diagnosisVerdict,
      treatment: reconciled.outcome.treatmentVerdict,
    },
  );
  return presentOutcome({
    caseId: kase.id,
    state,
    verdicts,
    reconciled,
    opinions,
    answers,
    staff: outcomesPolicy.readStaffPart(relation),
  });
}

/** The case's outcome and the member's answers, for the member and the case's staff. */
export async function readCaseOutcome(ctx: RequestContext, caseId: string): Promise<CaseOutcome> {
  return readCasePart(ctx, caseId, { sees: outcomesPolicy.read }, async (tx, { kase, relation }) => ({
    value: await outcomeOfCase(tx, kase, relation),
    audit: { action: 'outcome.read', details: {} },
  }));
}

/**
 * The case manager gives the case's one answer when the panel disagrees. Refused before the
 * opinions are in, when they agree (their answer is the case's), and when it was given already.
 */
export async function reconcileOutcome(
  ctx: RequestContext,
  caseId: string,
  input: z.output<typeof OutcomeReconciliation>,
): Promise<CaseOutcome> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, {
      lock: true,
      sees: outcomesPolicy.read,
      may: outcomesPolicy.reconcile,
    });
    const current = await outcomeOfCase(tx, kase, relation);
    if (current.state === 'reconciled') {
      throw new AppError('outcome.already_reconciled', { extensions: { current } });
    }
    if (current.state === 'from_opinion') throw new AppError('outcome.panel_agrees');
    if (current.state !== 'awaiting_reconciliation') throw new AppError('outcome.opinion_not_ready');
    const inserted = await repo.insertOutcome(tx, {
      caseId,
      diagnosisVerdict: input.diagnosis,
      treatmentVerdict: input.treatment,
      note: input.note ?? null,
      decidedByUserId: actor.userId,
      decidedAt: ctx.clock.now(),
    });
    if (!inserted) throw new AppError('outcome.already_reconciled');
    await recordAudit(tx, ctx, { action: 'outcome.reconciled', details: {} }, caseAuditRecord(actor, kase));
    return outcomeOfCase(tx, kase, relation);
  });
}

/** The case manager changes the reconciled answer, from the version they read. */
export async function editReconciledOutcome(
  ctx: RequestContext,
  caseId: string,
  input: z.output<typeof OutcomeReconciliationEdit>,
): Promise<CaseOutcome> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, {
      lock: true,
      sees: outcomesPolicy.read,
      may: outcomesPolicy.reconcile,
    });
    const existing = await repo.findOutcome(tx, caseId);
    if (!existing) throw new AppError('outcome.not_reconciled');
    const changed = await repo.updateOutcome(tx, caseId, input.version, {
      diagnosisVerdict: input.diagnosis,
      treatmentVerdict: input.treatment,
      note: input.note ?? null,
      decidedByUserId: actor.userId,
      decidedAt: ctx.clock.now(),
    });
    if (!changed) {
      throw new AppError('resource.version_conflict', {
        extensions: { current: await outcomeOfCase(tx, kase, relation) },
      });
    }
    await recordAudit(
      tx,
      ctx,
      { action: 'outcome.reconciliation_edited', details: {} },
      caseAuditRecord(actor, kase),
    );
    return outcomeOfCase(tx, kase, relation);
  });
}

type AnswerInput = z.output<typeof CheckInAnswer>;

async function recordAnswer(
  tx: Tx,
  ctx: RequestContext,
  kase: CaseRow,
  input: AnswerInput & { followUpId?: string | undefined },
  source: FollowUpAnswer['source'],
  id: string = uuidv7(),
): Promise<FollowUpAnswer> {
  const actor = actorOf(ctx);
  if (!answerableStatuses.has(kase.status)) throw new AppError('outcome.not_delivered');
  if (input.followUpId) {
    if (await repo.answerOfCheckIn(tx, input.followUpId)) throw new AppError('outcome.already_answered');
    // The check-in is the cases room's: it refuses one of another case (404) or no longer planned.
    await completeCheckIn(tx, ctx, kase, input.followUpId, null);
  }
  const row = {
    id,
    caseId: kase.id,
    followUpId: input.followUpId ?? null,
    source,
    action: input.action,
    treatmentReceived: input.treatmentReceived ?? null,
    wellbeing: input.wellbeing,
    note: input.note ?? null,
    recordedByUserId: actor.userId,
    recordedAt: ctx.clock.now(),
  };
  await repo.insertAnswer(tx, row);
  await recordAudit(
    tx,
    ctx,
    { action: 'outcome.answer_recorded', details: { source } },
    caseAuditRecord(actor, kase),
  );
  return presentAnswer(row);
}

/** The member answers at a check-in: what they did after the opinion and how they are doing. */
export async function answerCheckIn(
  ctx: RequestContext,
  caseId: string,
  followUpId: string,
  input: AnswerInput,
): Promise<FollowUpAnswer> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId, {
      lock: true,
      sees: outcomesPolicy.read,
      may: outcomesPolicy.answerCheckIn,
    });
    return recordAnswer(tx, ctx, kase, { ...input, followUpId }, 'member_check_in');
  });
}

/**
 * The case manager records what the member told them on a call (at a check-in, or between). A
 * retry with the same Idempotency-Key returns the answer on file instead of a second one.
 */
export async function recordCallAnswer(
  ctx: RequestContext,
  caseId: string,
  input: z.output<typeof CallAnswer>,
  options: { idempotencyKey?: string } = {},
): Promise<{ created: boolean; answer: FollowUpAnswer }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId, {
      lock: true,
      sees: outcomesPolicy.read,
      may: outcomesPolicy.recordFromCall,
    });
    const answerId = uuidv7();
    const retry = await claimIdempotencyKey(
      tx,
      {
        userId: actor.userId,
        key: options.idempotencyKey,
        requestHash: requestHash(caseId, input),
        resourceId: answerId,
      },
      async (existingId) => {
        const existing = (await repo.listAnswers(tx, caseId)).find((row) => row.id === existingId);
        return existing && presentAnswer(existing);
      },
    );
    if (retry) return { created: false, answer: retry.replayed };
    return { created: true, answer: await recordAnswer(tx, ctx, kase, input, 'case_manager_call', answerId) };
  });
}

/**
 * Recommendations that followed a specialist review were delivered: the outcome check-ins are
 * planned, `months` after delivery (3 and 6 by default, `OUTCOME_CHECK_IN_MONTHS`). A case
 * answered without a review has no opinion to follow up, and keeps the check-ins its case
 * manager plans.
 */
export async function planOutcomeCheckIns(
  tx: Tx,
  ctx: RequestContext,
  kase: CaseRow,
  months: readonly number[],
): Promise<void> {
  if (months.length === 0 || !(await repo.hasCompleteReview(tx, kase.id))) return;
  const delivered = DateTime.fromJSDate(ctx.clock.now(), { zone: 'utc' });
  await planCheckIns(
    tx,
    ctx,
    kase,
    months.map((n) => delivered.plus({ months: n }).toJSDate()),
  );
}

// Analytics, for operations.

const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
const monthOf = (at: Date) => at.toISOString().slice(0, 7);

type AnalyticsInput = z.output<typeof OutcomeAnalyticsQuery>;

async function figures(tx: Queryable, query: AnalyticsInput): Promise<OutcomeAnalytics> {
  const range = {
    from: query.from ? dayStart(query.from) : undefined,
    // `to` is the last day counted.
    to: query.to ? new Date(dayStart(query.to).getTime() + 86_400_000) : undefined,
  };
  const cases = await repo.casesReviewedIn(tx, range);
  const ids = cases.map((c) => c.caseId);
  const opinions = await repo.panelOpinions(tx, ids);
  const reconciled = await repo.outcomesOf(tx, ids);
  const answers = await repo.latestAnswersOf(tx, ids);
  const withoutReview = await repo.countDeliveredWithoutReview(tx, range);
  const opinionsOf = new Map<string, repo.PanelOpinion[]>();
  for (const opinion of opinions)
    opinionsOf.set(opinion.caseId, [...(opinionsOf.get(opinion.caseId) ?? []), opinion]);
  const reconciledOf = new Map(reconciled.map((row) => [row.caseId, row]));
  const actionOf = new Map(answers.map((row) => [row.caseId, row.action]));
  const counted: CountedCase[] = cases.flatMap((c) => {
    const panel = opinionsOf.get(c.caseId) ?? [];
    const first = panel[0];
    if (!first) return [];
    const decision = reconciledOf.get(c.caseId);
    const { state, verdicts } = caseOutcomeOf(
      c.status,
      panel,
      decision && { diagnosis: decision.diagnosisVerdict, treatment: decision.treatmentVerdict },
    );
    return [
      {
        state,
        verdicts,
        month: monthOf(first.completedAt),
        specialty: first.specialtyCode,
        country: c.country,
        language: c.language,
        plan: c.planKind,
        action: actionOf.get(c.caseId) ?? null,
      },
    ];
  });
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    ...summariseCases(counted, query.by, withoutReview),
  };
}

/** Operations: outcome shares per case with their 95 % intervals, beside the published figures. */
export async function outcomeAnalytics(
  ctx: RequestContext,
  query: AnalyticsInput,
): Promise<OutcomeAnalytics> {
  const actor = actorOf(ctx);
  if (!outcomesPolicy.analytics(actor)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const result = await figures(tx, query);
    await recordAudit(
      tx,
      ctx,
      { action: 'outcome.analytics_read', details: { by: query.by } },
      { entityType: 'outcome_analytics', purpose: 'operations' },
    );
    return result;
  });
}

/** The same figures as a CSV file, for a spreadsheet. */
export async function outcomeAnalyticsExport(ctx: RequestContext, query: AnalyticsInput): Promise<string> {
  const actor = actorOf(ctx);
  if (!outcomesPolicy.analytics(actor)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const result = await figures(tx, query);
    await recordAudit(
      tx,
      ctx,
      { action: 'outcome.analytics_exported', details: { by: query.by } },
      { entityType: 'outcome_analytics', purpose: 'operations' },
    );
    return analyticsCsv(result);
  });
}
