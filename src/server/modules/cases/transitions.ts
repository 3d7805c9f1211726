import { v7 as uuidv7 } from 'uuid';
import type { RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { createHook } from '../../platform/hooks.js';
import { releasePlace } from '../assignment/index.js';
import { cancelPendingClocks } from '../sla/index.js';
import { decide, type CaseEventName, type GuardFacts, type Relation } from './lifecycle.js';
import { presentDetail } from './present.js';
import * as repo from './repo.js';

/*
 * The case core's writes: the version check and the one way a case's status changes (an event of
 * the lifecycle table). Every room that moves a case calls these through the room's public face.
 */

/** A write based on an older version of the case is refused with the case as it is now. */
export async function assertVersion(tx: Queryable, kase: repo.CaseRow, expected: number): Promise<void> {
  if (kase.version !== expected) {
    throw new AppError('resource.version_conflict', {
      extensions: { current: await presentDetail(tx, kase) },
    });
  }
}

/**
 * Other rooms' reactions to a case that ends (closed or withdrawn), run in the transaction that
 * ends it: the review room withdraws the case's live offers, for instance.
 */
export const caseEnded = createHook<[tx: Tx, ctx: RequestContext, caseId: string]>();

/**
 * Other rooms' reactions to recommendations delivered to the member, run in the transaction that
 * delivers them: the feedback room invites the member to rate the service, for instance.
 */
export const recommendationsDelivered = createHook<[tx: Tx, ctx: RequestContext, kase: repo.CaseRow]>();

/**
 * Other rooms' checks before recommendations reach the member, run in the delivering transaction
 * before the status changes: one that throws refuses the delivery and nothing changes (the review
 * room refuses an opinion without the member's summary, for instance).
 */
export const recommendationsDelivering = createHook<[tx: Tx, ctx: RequestContext, kase: repo.CaseRow]>();

/**
 * What a case that ends (closed or withdrawn) gives back: its case manager's place, its running
 * clocks and the check-ins still planned; then every room that registered on `caseEnded` reacts.
 */
export async function releaseEndedCase(
  tx: Tx,
  ctx: RequestContext,
  kase: repo.CaseRow,
  now: Date,
): Promise<void> {
  if (kase.caseManagerUserId) await releasePlace(tx, kase.caseManagerUserId);
  await cancelPendingClocks(tx, kase.id, now);
  await repo.cancelScheduledFollowUps(tx, kase.id);
  await caseEnded.run(tx, ctx, kase.id);
}

/** Runs one lifecycle event: decides it, applies the change with the status, and writes the timeline. */
export async function transition(
  tx: Tx,
  ctx: RequestContext,
  input: {
    kase: repo.CaseRow;
    event: CaseEventName;
    relation: Relation;
    facts?: GuardFacts;
    changes?: Partial<repo.CaseRow>;
    reason?: string;
    data?: Record<string, unknown>;
  },
): Promise<repo.CaseRow> {
  const decision = decide(input.event, input.kase.status, input.relation, input.facts);
  if (!decision.allowed) {
    const code = decision.reason === 'case.not_permitted' ? 'case.action_not_permitted' : decision.reason;
    throw new AppError(code, { extensions: { currentStatus: input.kase.status } });
  }
  const now = ctx.clock.now();
  const updated = await repo.updateCase(tx, input.kase.id, input.kase.version, {
    ...input.changes,
    status: decision.to,
    updatedAt: now,
  });
  if (!updated) throw new AppError('resource.version_conflict');
  await repo.appendEvent(tx, {
    id: uuidv7(),
    caseId: input.kase.id,
    type: input.event,
    fromStatus: decision.from,
    toStatus: decision.to,
    actorUserId: ctx.actor?.userId ?? null,
    actorRole: ctx.actor?.role ?? 'system',
    reason: input.reason ?? null,
    data: input.data ?? {},
    occurredAt: now,
  });
  return updated;
}
