import { v7 as uuidv7 } from 'uuid';
import type { Runtime } from '../../boot.js';
import { systemContext, type RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import { isOnDuty } from '../assignment/scoring.js';
import { chooseCaseManager } from '../assignment/service.js';
import { staffAbsenceOf, staffDutyOf } from '../assignment/repo.js';
import { isOpen } from '../cases/lifecycle.js';
import * as cases from '../cases/repo.js';
import { notifyFirstContactWarning, notifyFollowUpDue, notifyOperations } from '../cases/notify.js';
import { reassignLocked } from '../cases/service.js';
import { isReviewClock } from '../reviews/clocks.js';
import { fireReviewClock } from '../reviews/service.js';
import { claimDueClock, markCancelled, markFired, type ClockKind } from './repo.js';

/** What a case manager on duty needs, at least, to make the contact after a breach. */
const RESCUE_WINDOW_MS = 2 * 60 * 60 * 1000;

const awaitingFirstContact = (status: string) => status === 'submitted' || status === 'assigned';

/**
 * Fires every clock that is due, one transaction per clock: the clock is marked fired in the
 * same transaction as its effects (timeline entries, reassignment, notifications), so it fires
 * exactly once, and a failure leaves it due for the next sweep.
 */
export async function fireDueClocks(ctx: RequestContext, limit = 500): Promise<number> {
  let fired = 0;
  for (; fired < limit; fired += 1) {
    const done = await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      const clock = await claimDueClock(tx, now);
      if (!clock) return false;
      if (isReviewClock(clock.kind)) {
        // The review room's clocks (offer expiry, due reminder) share the table and this sweep.
        await fireReviewClock(tx, ctx, clock);
        await markFired(tx, clock.id, now);
        return true;
      }
      const kase = await cases.lockCase(tx, clock.caseId);
      if (!kase || !isOpen(kase.status) || !awaitingFirstContact(kase.status)) {
        await markCancelled(tx, clock.id, now);
        return true;
      }
      const kind = clock.kind as ClockKind;
      await cases.appendEvent(tx, {
        id: uuidv7(),
        caseId: kase.id,
        type: kind,
        actorRole: 'system',
        staffOnly: true,
        data: { dueAt: kase.firstContactDueAt.toISOString(), caseManagerUserId: kase.caseManagerUserId },
        occurredAt: now,
      });
      if (kind === 'first_contact_warning') await notifyFirstContactWarning(tx, ctx, kase);
      if (kind === 'first_contact_escalation') await notifyOperations(tx, ctx, kase, 'escalation');
      if (kind === 'first_contact_breach') {
        await notifyOperations(tx, ctx, kase, 'breach');
        await rescueBreachedCase(tx, ctx, kase, now);
      }
      await markFired(tx, clock.id, now);
      return true;
    });
    if (!done) break;
  }
  return fired;
}

/**
 * At breach, a case whose case manager is off shift or away (or that has none) goes to someone on
 * duty now who can still make the contact; operations have been alerted either way.
 */
async function rescueBreachedCase(
  tx: Tx,
  ctx: RequestContext,
  kase: cases.CaseRow,
  now: Date,
): Promise<void> {
  if (kase.caseManagerUserId) {
    const duty = await staffDutyOf(tx, kase.caseManagerUserId);
    const absences = await staffAbsenceOf(tx, kase.caseManagerUserId, now);
    if (duty && isOnDuty({ ...duty, absences }, now)) return;
  }
  const choice = await chooseCaseManager(tx, {
    memberId: kase.memberId,
    language: kase.preferredLanguage,
    now,
    deadline: new Date(now.getTime() + RESCUE_WINDOW_MS),
    excludeUserId: kase.caseManagerUserId ?? undefined,
  });
  if (!choice) return;
  await reassignLocked(
    tx,
    { ...ctx, actor: null },
    kase,
    choice.caseManagerUserId,
    kase.caseManagerUserId
      ? 'First contact overdue and the case manager is off shift or away: reassigned automatically.'
      : 'First contact overdue and no case manager was assigned: assigned automatically.',
    { placeReserved: true },
  );
}

/**
 * Reminds the member and the case manager of each check-in that falls due, once: the reminder is
 * marked on the follow-up in the transaction that writes the e-mails.
 */
export async function sendDueFollowUpReminders(ctx: RequestContext, limit = 500): Promise<number> {
  let sent = 0;
  for (; sent < limit; sent += 1) {
    const done = await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      const followUp = await cases.claimDueFollowUpReminder(tx, now);
      if (!followUp) return false;
      const kase = await cases.findCase(tx, followUp.caseId);
      if (kase && isOpen(kase.status)) await notifyFollowUpDue(tx, ctx, kase, followUp.id, followUp.dueAt);
      await cases.updateFollowUp(tx, followUp.id, { remindedAt: now });
      return true;
    });
    if (!done) break;
  }
  return sent;
}

export const SLA_QUEUE = 'sla.sweep';

/** The clocks are checked every minute by whichever instance's worker takes the job. */
export async function defineSlaJobs(
  jobs: JobRunner,
  deps: Pick<Runtime, 'db' | 'clock' | 'log'>,
): Promise<void> {
  await jobs.define({
    name: SLA_QUEUE,
    every: '* * * * *',
    retryLimit: 2,
    handler: async () => {
      const ctx = systemContext(deps, `sla-${uuidv7()}`);
      await fireDueClocks(ctx);
      await sendDueFollowUpReminders(ctx);
    },
  });
}
