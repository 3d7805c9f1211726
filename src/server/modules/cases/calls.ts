import { DateTime } from 'luxon';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { CallConfirmation, CallProposal, ScheduledCall } from '../../../shared/cases.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { displayNameOf } from '../identity/index.js';
import { enqueueNotification } from '../notifications/index.js';
import { isOpen } from './lifecycle.js';
import { auditPurposeFor } from '../audit/index.js';
import * as repo from './repo.js';
import { caseForActor, readCasePart } from './access.js';

const meetingLinkRequired = () =>
  new AppError('call.meeting_link_required', {
    errors: [
      { path: 'body.meetingUrl', code: 'required', message: 'give the https:// link of the video meeting' },
    ],
  });

type CallRow = NonNullable<Awaited<ReturnType<typeof repo.findScheduledCall>>>;

function presentCall(row: CallRow, timeZone: string): z.infer<typeof ScheduledCall> {
  return {
    id: row.id,
    channel: row.channel,
    status: row.status as 'proposed' | 'confirmed' | 'cancelled',
    slots: row.slots.map((slot) => ({
      startsAt: new Date(slot.startsAt).toISOString(),
      durationMinutes: slot.durationMinutes,
      startsAtLocal: DateTime.fromISO(slot.startsAt, { zone: timeZone }).toISO() ?? slot.startsAt,
    })),
    confirmedStartsAt: row.confirmedStartsAt?.toISOString() ?? null,
    meetingUrl: row.channel === 'video' ? row.meetingUrl : null,
    timeZone,
  };
}

/**
 * The case manager proposes times for a call; the member sees each in their own time zone and
 * picks one. Proposing again replaces an unconfirmed proposal.
 */
export async function proposeCall(ctx: RequestContext, caseId: string, input: z.infer<typeof CallProposal>) {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, { lock: true });
    if (relation !== 'assigned_case_manager') throw new AppError('case.action_not_permitted');
    if (!isOpen(kase.status))
      throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: kase.status } });
    // The member may confirm a proposed time themselves: a video call has its link from the start.
    if (input.channel === 'video' && !input.meetingUrl) throw meetingLinkRequired();
    const now = ctx.clock.now();
    const past = input.slots.findIndex((slot) => Date.parse(slot.startsAt) <= now.getTime());
    if (past !== -1) {
      throw new AppError('call.slot_in_past', {
        errors: [{ path: `body.slots.${past}.startsAt`, code: 'in_past', message: 'must be in the future' }],
      });
    }
    for (const open of await repo.listScheduledCalls(tx, caseId)) {
      if (open.status === 'proposed')
        await repo.updateScheduledCall(tx, open.id, { status: 'cancelled', updatedAt: now });
    }
    const id = uuidv7();
    await repo.insertScheduledCall(tx, {
      id,
      caseId,
      channel: input.channel,
      meetingUrl: input.channel === 'video' ? (input.meetingUrl ?? null) : null,
      slots: input.slots.map((slot) => ({
        startsAt: new Date(slot.startsAt).toISOString(),
        durationMinutes: slot.durationMinutes,
      })),
      proposedByUserId: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'call_proposed',
      actorUserId: actor.userId,
      actorRole: actor.role,
      data: { callId: id, slots: input.slots.length },
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'case.call_proposed', details: { slots: input.slots.length } },
      { entityType: 'case', entityId: caseId, subjectMemberId: kase.memberId, purpose: 'care' },
    );
    return presentCall((await repo.findScheduledCall(tx, caseId, id))!, kase.timeZone);
  });
}

export async function listCalls(ctx: RequestContext, caseId: string) {
  return readCasePart(ctx, caseId, {}, async (tx, { kase }) => {
    return {
      value: {
        items: (await repo.listScheduledCalls(tx, caseId)).map((row) => presentCall(row, kase.timeZone)),
      },
      audit: { action: 'case.calls_read', details: {} },
    };
  });
}

/**
 * The member (or the case manager, having agreed by phone) confirms one slot. Both receive the
 * calendar invitation; it names the case number and the case manager, nothing else.
 */
export async function confirmCall(
  ctx: RequestContext,
  caseId: string,
  callId: string,
  input: z.infer<typeof CallConfirmation>,
) {
  const actor = actorOf(ctx);
  const slotIndex = input.slot;
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, { lock: true });
    if (!['member', 'guardian', 'assigned_case_manager'].includes(relation)) {
      throw new AppError('case.action_not_permitted');
    }
    // The meeting is the case manager's to set up; the member joins the one they give.
    if (input.meetingUrl !== undefined && relation !== 'assigned_case_manager')
      throw new AppError('case.action_not_permitted');
    const call = await repo.findScheduledCall(tx, caseId, callId, true);
    if (!call) throw notFound();
    if (call.status !== 'proposed')
      throw new AppError('call.not_open', { extensions: { currentStatus: call.status } });
    const slot = call.slots[slotIndex];
    if (!slot) {
      throw new AppError('request.validation_failed', {
        errors: [{ path: 'body.slot', code: 'unknown_slot', message: 'is not one of the proposed slots' }],
      });
    }
    const meetingUrl = call.channel === 'video' ? (input.meetingUrl ?? call.meetingUrl) : null;
    if (call.channel === 'video' && !meetingUrl) throw meetingLinkRequired();
    const now = ctx.clock.now();
    if (Date.parse(slot.startsAt) <= now.getTime()) throw new AppError('call.slot_in_past');
    await repo.updateScheduledCall(tx, callId, {
      status: 'confirmed',
      meetingUrl,
      confirmedStartsAt: new Date(slot.startsAt),
      durationMinutes: slot.durationMinutes,
      confirmedByUserId: actor.userId,
      updatedAt: now,
    });
    await repo.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'call_scheduled',
      actorUserId: actor.userId,
      actorRole: actor.role,
      data: { callId, startsAt: slot.startsAt, channel: call.channel },
      occurredAt: now,
    });
    await sendInvitations(tx, ctx, kase, callId, slot, meetingUrl);
    await recordAudit(
      tx,
      ctx,
      { action: 'case.call_confirmed', details: {} },
      {
        entityType: 'case',
        entityId: caseId,
        subjectMemberId: kase.memberId,
        purpose: auditPurposeFor(actor),
      },
    );
    return presentCall((await repo.findScheduledCall(tx, caseId, callId))!, kase.timeZone);
  });
}

async function sendInvitations(
  tx: Tx,
  ctx: RequestContext,
  kase: repo.CaseRow,
  callId: string,
  slot: { startsAt: string; durationMinutes: number },
  meetingUrl: string | null,
) {
  const caseManagerName =
    (kase.caseManagerUserId && (await displayNameOf(tx, kase.caseManagerUserId))) || '—';
  const recipients = [kase.requestedByUserId, kase.caseManagerUserId].filter((id): id is string =>
    Boolean(id),
  );
  for (const userId of recipients) {
    await enqueueNotification(tx, ctx, {
      template: 'case.call_scheduled',
      recipientUserId: userId,
      params: {
        caseId: kase.id,
        caseNumber: kase.number,
        caseManagerName,
        startsAt: new Date(slot.startsAt).toISOString(),
        durationMinutes: slot.durationMinutes,
        callId,
        ...(meetingUrl ? { meetingUrl } : {}),
      },
      dedupeKey: `case.call_scheduled:${callId}:${userId}`,
    });
  }
}
