import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { RecommendationsDraft } from '../../../shared/cases.js';
import type { RecommendationsDelivery } from '../../../shared/opinion-layers.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { caseForActor, readCasePart } from './access.js';
import { cleanMarkdown } from './markdown.js';
import { notifyRecommendationsReady } from './notices.js';
import { presentDetail, presentRecommendations } from './present.js';
import * as repo from './repo.js';
import {
  assertVersion,
  recommendationsDelivered,
  recommendationsDelivering,
  transition,
} from './transitions.js';

/** States in which the case manager may still write or change recommendations. */
const draftable = new Set(['contacted', 'gathering_information', 'opinion_ready']);

/** The case manager writes (or rewrites) the recommendations, until they are delivered. */
export async function writeRecommendations(
  ctx: RequestContext,
  caseId: string,
  input: z.infer<typeof RecommendationsDraft>,
) {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, { lock: true });
    if (relation !== 'assigned_case_manager') throw new AppError('case.action_not_permitted');
    await assertVersion(tx, kase, input.version);
    if (!draftable.has(kase.status)) {
      throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: kase.status } });
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
  return readCasePart(ctx, caseId, {}, async (tx) => {
    const row = await repo.findRecommendations(tx, caseId);
    // None written yet (or, for the member, none delivered yet) is an empty answer, not a 404: an
    // empty tab is no error.
    const visible = row && (actor.role !== 'member' || row.deliveredAt) ? row : null;
    return {
      value: visible ? presentRecommendations(visible) : null,
      audit: { action: 'case.recommendations_read', details: {} },
    };
  });
}

/**
 * The case manager delivers the recommendations. After a specialist review (`opinion_ready`) the
 * rooms registered on `recommendationsDelivering` check their part first (the member's summary of
 * the opinion); before one, only with a reason from the fixed list, kept on the recommendations
 * (the outcomes count it) and on the timeline.
 */
export async function deliverRecommendations(
  ctx: RequestContext,
  caseId: string,
  input: z.output<typeof RecommendationsDelivery>,
) {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, { lock: true });
    await assertVersion(tx, kase, input.version);
    const draft = await repo.findRecommendations(tx, caseId);
    const reviewed = kase.status === 'opinion_ready';
    if (reviewed && input.withoutReviewReason && relation === 'assigned_case_manager') {
      throw new AppError('case.without_review_reason_not_applicable', {
        errors: [
          {
            path: 'body.withoutReviewReason',
            code: 'not_applicable',
            message: 'the case had a specialist review',
          },
        ],
      });
    }
    if (reviewed && relation === 'assigned_case_manager' && draft) {
      await recommendationsDelivering.run(tx, ctx, kase);
    }
    const now = ctx.clock.now();
    const withoutReviewReason = reviewed ? null : (input.withoutReviewReason ?? null);
    const updated = await transition(tx, ctx, {
      kase,
      event: 'deliver_recommendations',
      relation,
      facts: { hasRecommendations: Boolean(draft), withoutReviewReasonGiven: Boolean(withoutReviewReason) },
      ...(withoutReviewReason && { reason: withoutReviewReason, data: { withoutReviewReason } }),
    });
    await repo.markRecommendations(tx, caseId, { deliveredAt: now, withoutReviewReason });
    await notifyRecommendationsReady(tx, ctx, updated);
    await recommendationsDelivered.run(tx, ctx, updated);
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
    const { kase, relation } = await caseForActor(tx, actor, caseId, { lock: true });
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
