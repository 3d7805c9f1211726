import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { FollowUp, FollowUpPlan, Recommendations, RecommendationsDraft } from '../../../shared/cases.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/service.js';
import { cleanMarkdown, renderMarkdown } from './markdown.js';
import { notifyClosed, notifyRecommendationsReady } from './notify.js';
import { auditPurposeFor } from './policy.js';
import * as repo from './repo.js';
import { assertVersion, caseForActor, presentDetail, releaseEndedCase, transition } from './service.js';

/** States in which the case manager may still write or change recommendations. */
const draftable = new Set(['contacted', 'gathering_information', 'opinion_ready']);

function presentRecommendations(row: NonNullable<Awaited<ReturnType<typeof repo.findRecommendations>>>) {
  return {
    language: row.language,
    markdown: row.body,
    html: renderMarkdown(row.body),
    nextSteps: row.nextSteps,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
  } satisfies z.infer<typeof Recommendations>;
}

/** The case manager writes (or rewrites) the recommendations, until they are delivered. */
export async function writeRecommendations(
  ctx: RequestContext,
  caseId: string,
  input: z.infer<typeof RecommendationsDraft>,
) {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, true);
    if (relation !== 'assigned_case_manager') throw new AppError('case.action_not_permitted');
    await assertVersion(tx, kase, input.version);
    if (!draftable.has(kase.status)) {
      throw new AppError('case.transition_not_allowed', { extensions: { status: kase.status } });
    }
    const now = ctx.clock.now();
    await repo.saveRecommendations(tx, {
      caseId,
      language: input.language ?? kase.preferredLanguage,
      body: cleanMarkdown(input.body),
      nextSteps: input.nextSteps,
      writtenByUserId: actor.userId,
      now,
    });
    await repo.updateCase(tx, caseId, kase.version, { updatedAt: now });
    await repo.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'recommendations_drafted',
      actorUserId: actor.userId,
      actorRole: actor.role,
      staffOnly: true,
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'case.recommendations_written', details: {} },
      { entityType: 'case', entityId: caseId, subjectMemberId: kase.memberId, purpose: 'care' },
    );
    return presentRecommendations((await repo.findRecommendations(tx, caseId))!);
  });
}

/** Members see recommendations once delivered; the case managers and operations see the draft. */
export async function readRecommendations(ctx: RequestContext, caseId: string) {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId, false);
    const row = await repo.findRecommendations(tx, caseId);
    if (!row || (actor.role === 'member' && !row.deliveredAt)) throw notFound();
    await recordAudit(
      tx,
      ctx,
      { action: 'case.recommendations_read', details: {} },
      {
        entityType: 'case',
        entityId: caseId,
        subjectMemberId: kase.memberId,
        purpose: auditPurposeFor(actor),
      },
    );
    return presentRecommendations(row);
  });
}

export async function deliverRecommendations(
  ctx: RequestContext,
  caseId: string,
  input: { version: number },
) {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, true);
    await assertVersion(tx, kase, input.version);
    const draft = await repo.findRecommendations(tx, caseId);
    const now = ctx.clock.now();
    const updated = await transition(tx, ctx, {
      kase,
      event: 'deliver_recommendations',
      relation,
      facts: { hasRecommendations: Boolean(draft) },
    });
    await repo.markRecommendations(tx, caseId, { deliveredAt: now });
    await notifyRecommendationsReady(tx, ctx, updated);
    await recordAudit(
      tx,
      ctx,
      { action: 'case.recommendations_delivered', details: {} },
      { entityType: 'case', entityId: caseId, subjectMemberId: kase.memberId, purpose: 'care' },
    );
    return presentDetail(tx, updated);
  });
}

/** The member says "I have read this": recorded once, on the recommendations and the timeline. */
export async function acknowledgeRecommendations(ctx: RequestContext, caseId: string) {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, true);
    if (relation !== 'member' && relation !== 'guardian') throw new AppError('case.action_not_permitted');
    const row = await repo.findRecommendations(tx, caseId);
    if (!row?.deliveredAt) throw notFound();
    if (!row.acknowledgedAt) {
      const now = ctx.clock.now();
      await repo.markRecommendations(tx, caseId, { acknowledgedAt: now, acknowledgedByUserId: actor.userId });
      await repo.appendEvent(tx, {
        id: uuidv7(),
        caseId,
        type: 'recommendations_acknowledged',
        actorUserId: actor.userId,
        actorRole: actor.role,
        occurredAt: now,
      });
      await recordAudit(
        tx,
        ctx,
        { action: 'case.recommendations_acknowledged', details: {} },
        { entityType: 'case', entityId: caseId, subjectMemberId: kase.memberId, purpose: 'self_service' },
      );
    }
    return presentRecommendations((await repo.findRecommendations(tx, caseId))!);
  });
}

function presentFollowUp(
  row: Awaited<ReturnType<typeof repo.listFollowUps>>[number],
): z.infer<typeof FollowUp> {
  return {
    id: row.id,
    dueAt: row.dueAt.toISOString(),
    status: row.status,
    progress: row.progress,
    reportedAt: row.reportedAt?.toISOString() ?? null,
  };
}

/**
 * The case manager sets follow-up check-ins, as dates or an interval. The first plan moves the
 * case into monitoring; later plans add check-ins for as long as the member needs.
 */
export async function planFollowUps(
  ctx: RequestContext,
  caseId: string,
  input: z.infer<typeof FollowUpPlan>,
) {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, true);
    await assertVersion(tx, kase, input.version);
    if (relation !== 'assigned_case_manager') throw new AppError('case.action_not_permitted');
    const now = ctx.clock.now();
    const dates = (input.dates ?? []).map((value) => new Date(value));
    if (input.every) {
      const start = dates.length > 0 ? Math.max(...dates.map((date) => date.getTime())) : now.getTime();
      for (let i = 1; i <= input.every.count; i += 1)
        dates.push(new Date(start + i * input.every.days * 86_400_000));
    }
    const past = dates.findIndex((date) => date.getTime() <= now.getTime());
    if (past !== -1) {
      throw new AppError('follow_up.date_in_past', {
        errors: [{ path: `body.dates.${past}`, code: 'date_in_past', message: 'must be in the future' }],
      });
    }
    let updated = kase;
    if (kase.status === 'recommendations_delivered') {
      updated = await transition(tx, ctx, { kase, event: 'start_monitoring', relation });
    } else if (kase.status === 'monitoring') {
      updated = (await repo.updateCase(tx, caseId, kase.version, { updatedAt: now }))!;
    } else {
      throw new AppError('case.transition_not_allowed', { extensions: { status: kase.status } });
    }
    await repo.insertFollowUps(
      tx,
      dates.map((dueAt) => ({ id: uuidv7(), caseId, dueAt, createdByUserId: actor.userId, createdAt: now })),
    );
    await repo.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'follow_ups_planned',
      actorUserId: actor.userId,
      actorRole: actor.role,
      data: { count: dates.length },
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'case.follow_ups_planned', details: { count: dates.length } },
      { entityType: 'case', entityId: caseId, subjectMemberId: kase.memberId, purpose: 'care' },
    );
    return {
      case: await presentDetail(tx, updated),
      followUps: (await repo.listFollowUps(tx, caseId)).map(presentFollowUp),
    };
  });
}

export async function listFollowUps(ctx: RequestContext, caseId: string) {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId, false);
    await recordAudit(
      tx,
      ctx,
      { action: 'case.follow_ups_read', details: {} },
      {
        entityType: 'case',
        entityId: caseId,
        subjectMemberId: kase.memberId,
        purpose: auditPurposeFor(actor),
      },
    );
    return { items: (await repo.listFollowUps(tx, caseId)).map(presentFollowUp) };
  });
}

/** The member tells how they are doing at a check-in. */
export async function reportProgress(
  ctx: RequestContext,
  caseId: string,
  followUpId: string,
  progress: string,
) {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, true);
    if (relation !== 'member' && relation !== 'guardian') throw new AppError('case.action_not_permitted');
    const row = await repo.findFollowUp(tx, caseId, followUpId);
    if (!row) throw notFound();
    if (row.status !== 'scheduled')
      throw new AppError('case.transition_not_allowed', { extensions: { status: row.status } });
    const now = ctx.clock.now();
    await repo.updateFollowUp(tx, followUpId, { status: 'completed', progress, reportedAt: now });
    await repo.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'progress_reported',
      actorUserId: actor.userId,
      actorRole: actor.role,
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'case.progress_reported', details: {} },
      { entityType: 'case', entityId: caseId, subjectMemberId: kase.memberId, purpose: 'self_service' },
    );
    return presentFollowUp((await repo.listFollowUps(tx, caseId)).find((entry) => entry.id === followUpId)!);
  });
}

/** The case manager closes the case; open check-ins are cancelled and the clocks stop. */
export async function closeCase(
  ctx: RequestContext,
  caseId: string,
  input: { version: number; reason: string },
) {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, true);
    await assertVersion(tx, kase, input.version);
    const now = ctx.clock.now();
    const updated = await transition(tx, ctx, {
      kase,
      event: 'close',
      relation,
      facts: { reasonGiven: input.reason.trim().length > 0 },
      changes: { closedAt: now },
      reason: input.reason,
    });
    await releaseEndedCase(tx, kase, now);
    await notifyClosed(tx, ctx, updated);
    await recordAudit(
      tx,
      ctx,
      { action: 'case.closed', details: {} },
      { entityType: 'case', entityId: caseId, subjectMemberId: kase.memberId, purpose: 'care' },
    );
    return presentDetail(tx, updated);
  });
}
