import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { FollowUpPlan } from '../../../shared/cases.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { caseForActor, readCasePart } from './access.js';
import { isOpen } from './lifecycle.js';
import { notifyFollowUpDue } from './notices.js';
import { presentDetail, presentFollowUp } from './present.js';
import * as repo from './repo.js';
import { assertVersion, transition } from './transitions.js';

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
    const { kase, relation } = await caseForActor(tx, actor, caseId, { lock: true });
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
      throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: kase.status } });
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
  return readCasePart(ctx, caseId, {}, async (tx) => {
    return {
      value: { items: (await repo.listFollowUps(tx, caseId)).map(presentFollowUp) },
      audit: { action: 'case.follow_ups_read', details: {} },
    };
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
    const { kase, relation } = await caseForActor(tx, actor, caseId, { lock: true });
    if (relation !== 'member' && relation !== 'guardian') throw new AppError('case.action_not_permitted');
    await completeCheckIn(tx, ctx, kase, followUpId, progress);
    await recordAudit(
      tx,
      ctx,
      { action: 'case.progress_reported', details: {} },
      { entityType: 'case', entityId: caseId, subjectMemberId: kase.memberId, purpose: 'self_service' },
    );
    return presentFollowUp((await repo.listFollowUps(tx, caseId)).find((entry) => entry.id === followUpId)!);
  });
}

/**
 * A check-in of a locked case is done: the member answered it (with a progress report, or the
 * outcome questions of another room), or the case manager took the answer on a call. Refused for
 * a check-in that is not the case's (404) or no longer planned (409). The caller audits.
 */
export async function completeCheckIn(
  tx: Tx,
  ctx: RequestContext,
  kase: repo.CaseRow,
  followUpId: string,
  progress: string | null,
): Promise<void> {
  const actor = actorOf(ctx);
  const row = await repo.findFollowUp(tx, kase.id, followUpId);
  if (!row) throw notFound();
  if (row.status !== 'scheduled')
    throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: row.status } });
  const now = ctx.clock.now();
  await repo.updateFollowUp(tx, followUpId, { status: 'completed', progress, reportedAt: now });
  await repo.appendEvent(tx, {
    id: uuidv7(),
    caseId: kase.id,
    type: 'progress_reported',
    actorUserId: actor.userId,
    actorRole: actor.role,
    occurredAt: now,
  });
}

/**
 * Check-ins another room plans on a case it has locked (the outcome check-ins after delivery), on
 * the timeline like the case manager's. They are the case manager's: reminders go to both sides.
 */
export async function planCheckIns(tx: Tx, ctx: RequestContext, kase: repo.CaseRow, dates: Date[]) {
  if (dates.length === 0 || !kase.caseManagerUserId) return;
  const now = ctx.clock.now();
  await repo.insertFollowUps(
    tx,
    dates.map((dueAt) => ({
      id: uuidv7(),
      caseId: kase.id,
      dueAt,
      createdByUserId: kase.caseManagerUserId!,
      createdAt: now,
    })),
  );
  await repo.appendEvent(tx, {
    id: uuidv7(),
    caseId: kase.id,
    type: 'follow_ups_planned',
    actorRole: 'system',
    data: { count: dates.length },
    occurredAt: now,
  });
}

/**
 * Reminds the member and the case manager of each check-in that falls due, once: the reminder is
 * marked on the follow-up in the transaction that writes the e-mails. The SLA room's minute sweep
 * runs it.
 */
export async function sendDueFollowUpReminders(ctx: RequestContext, limit = 500): Promise<number> {
  let sent = 0;
  for (; sent < limit; sent += 1) {
    const done = await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      const followUp = await repo.claimDueFollowUpReminder(tx, now);
      if (!followUp) return false;
      const kase = await repo.findCase(tx, followUp.caseId);
      if (kase && isOpen(kase.status)) await notifyFollowUpDue(tx, ctx, kase, followUp.id, followUp.dueAt);
      await repo.updateFollowUp(tx, followUp.id, { remindedAt: now });
      return true;
    });
    if (!done) break;
  }
  return sent;
}
